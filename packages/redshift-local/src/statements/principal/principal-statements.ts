import { createPrincipal, hashPassword } from '../../account/local-redshift.js'
import { commandResult, type StatementContext } from '../../account/session.js'
import type { QueryResult } from '../../account/types.js'
import { RedshiftLocalError } from '../../errors.js'
import { pgIdent } from '../../sql/lexer.js'
import type { RedshiftCommand } from '../../sql/redshift-grammar.js'
import { catalogChanged, findPrincipal, requirePrivilege } from '../support.js'

type Result = Omit<QueryResult, 'queryId' | 'notices'>
type Cmd<K extends RedshiftCommand['kind']> = Extract<RedshiftCommand, { kind: K }>

/**
 * Redshift's password rules (r_CREATE_USER): 8–64 characters with an upper-case letter, a
 * lower-case letter and a digit; printable ASCII without ' " \ / @ or space.
 */
function checkPassword(ctx: StatementContext, password: string): void {
  const ok =
    password.length >= 8 &&
    password.length <= 64 &&
    /[A-Z]/.test(password) &&
    /[a-z]/.test(password) &&
    /[0-9]/.test(password) &&
    /^[\x21-\x7e]+$/.test(password) &&
    !/['"\\/@]/.test(password)
  if (!ok)
    throw new RedshiftLocalError(
      'SQL',
      'password must be 8 to 64 characters with an upper-case letter, a lower-case letter and a digit, and none of \' " \\ / @ or spaces',
      { sqlstate: '22023', statement: ctx.text },
    )
}

const manage = (ctx: StatementContext, what: string) =>
  requirePrivilege(
    ctx,
    ctx.session.user.secadmin,
    'D-9',
    `permission denied: ${what} needs a superuser or sys:secadmin`,
  )

export async function createUserStatement(
  c: Cmd<'create-user'>,
  ctx: StatementContext,
): Promise<Result> {
  manage(ctx, 'CREATE USER')
  const s = ctx.session
  if (c.name.length > 127 || c.name.length === 0 || /^(public|sys:.*)$/i.test(c.name))
    throw new RedshiftLocalError('SQL', `invalid user name "${c.name}"`, {
      sqlstate: '42939',
      statement: ctx.text,
    })
  if (await findPrincipal(s, 'user', c.name))
    throw new RedshiftLocalError('SQL', `user "${c.name}" already exists`, {
      sqlstate: '42710',
      statement: ctx.text,
    })
  if (c.password) checkPassword(ctx, c.password)
  if (c.superuser) requirePrivilege(ctx, false, 'D-9', 'only a superuser creates a superuser')
  await s.privileged(async () => {
    const p = await createPrincipal(s.conn, s.rs, s.namespace, c.name, 'user', {
      superuser: c.superuser,
      createdb: c.createdb,
      password: c.password ?? null,
    })
    for (const g of c.inGroups) {
      const group = await findPrincipal(s, 'group', g)
      if (!group)
        throw new RedshiftLocalError('SQL', `group "${g}" does not exist`, {
          sqlstate: '42704',
          statement: ctx.text,
        })
      await s.conn.query('INSERT INTO rsl.membership VALUES ($1::int, $2::int)', [
        String(p.id),
        String(group.id),
      ])
      await s.conn.exec(`GRANT ${pgIdent(group.physical)} TO ${pgIdent(p.physical)}`)
    }
  })
  catalogChanged(s)
  return commandResult('CREATE USER')
}

export async function alterUserStatement(
  c: Cmd<'alter-user'>,
  ctx: StatementContext,
): Promise<Result> {
  const s = ctx.session
  const self = c.name === s.user.name && c.superuser === undefined && c.createdb === undefined
  if (!self) manage(ctx, 'ALTER USER')
  const p = await findPrincipal(s, 'user', c.name)
  if (!p)
    throw new RedshiftLocalError('SQL', `user "${c.name}" does not exist`, {
      sqlstate: '42704',
      statement: ctx.text,
    })
  if (c.superuser !== undefined)
    requirePrivilege(ctx, false, 'D-9', 'only a superuser changes CREATEUSER')
  if (c.password) checkPassword(ctx, c.password)
  await s.privileged(async () => {
    if (c.password !== undefined)
      await s.conn.query('UPDATE rsl.principal SET password_hash = $2 WHERE id = $1::int', [
        String(p.id),
        c.password === null ? null : hashPassword(c.password),
      ])
    if (c.createdb !== undefined)
      await s.conn.query('UPDATE rsl.principal SET createdb = $2::boolean WHERE id = $1::int', [
        String(p.id),
        c.createdb ? 't' : 'f',
      ])
    if (c.superuser !== undefined) {
      await s.conn.query('UPDATE rsl.principal SET superuser = $2::boolean WHERE id = $1::int', [
        String(p.id),
        c.superuser ? 't' : 'f',
      ])
      await s.conn.exec(
        `ALTER ROLE ${pgIdent(p.physical)} ${c.superuser ? 'SUPERUSER' : 'NOSUPERUSER'}`,
      )
    }
  })
  catalogChanged(s)
  return commandResult('ALTER USER')
}

export async function dropUserStatement(
  c: Cmd<'drop-user'>,
  ctx: StatementContext,
): Promise<Result> {
  manage(ctx, 'DROP USER')
  const s = ctx.session
  for (const name of c.names) {
    const p = await findPrincipal(s, 'user', name)
    if (!p) {
      if (c.ifExists) continue
      throw new RedshiftLocalError('SQL', `user "${name}" does not exist`, {
        sqlstate: '42704',
        statement: ctx.text,
      })
    }
    if (p.id === s.user.id)
      throw new RedshiftLocalError('SQL', 'current user cannot be dropped', {
        sqlstate: '55006',
        statement: ctx.text,
      })
    await s.privileged(async () => {
      // PostgreSQL refuses to drop a role that owns objects, as Redshift refuses a user that owns them.
      await s.conn.exec(`DROP ROLE ${pgIdent(p.physical)}`)
      await s.conn.query('DELETE FROM rsl.principal WHERE id = $1::int', [String(p.id)])
    })
  }
  catalogChanged(s)
  return commandResult('DROP USER')
}

export async function createRoleStatement(
  c: Cmd<'create-role'> | Cmd<'create-group'>,
  ctx: StatementContext,
): Promise<Result> {
  manage(ctx, c.kind === 'create-role' ? 'CREATE ROLE' : 'CREATE GROUP')
  const s = ctx.session
  const kind = c.kind === 'create-role' ? 'role' : 'group'
  if (kind === 'role' && c.name.startsWith('sys:'))
    throw new RedshiftLocalError('SQL', 'role names starting with sys: are reserved', {
      sqlstate: '42939',
      statement: ctx.text,
    })
  if (await findPrincipal(s, kind, c.name))
    throw new RedshiftLocalError('SQL', `${kind} "${c.name}" already exists`, {
      sqlstate: '42710',
      statement: ctx.text,
    })
  await s.privileged(async () => {
    const p = await createPrincipal(s.conn, s.rs, s.namespace, c.name, kind, {})
    if (c.kind === 'create-group')
      for (const u of c.users) {
        const user = await findPrincipal(s, 'user', u)
        if (!user)
          throw new RedshiftLocalError('SQL', `user "${u}" does not exist`, {
            sqlstate: '42704',
            statement: ctx.text,
          })
        await s.conn.query('INSERT INTO rsl.membership VALUES ($1::int, $2::int)', [
          String(user.id),
          String(p.id),
        ])
        await s.conn.exec(`GRANT ${pgIdent(p.physical)} TO ${pgIdent(user.physical)}`)
      }
  })
  catalogChanged(s)
  return commandResult(c.kind === 'create-role' ? 'CREATE ROLE' : 'CREATE GROUP')
}

export async function dropRoleStatement(
  c: Cmd<'drop-role'>,
  ctx: StatementContext,
): Promise<Result> {
  manage(ctx, 'DROP ROLE')
  const s = ctx.session
  const p = await findPrincipal(s, 'role', c.name)
  if (!p || c.name.startsWith('sys:'))
    throw new RedshiftLocalError('SQL', `role "${c.name}" does not exist or cannot be dropped`, {
      sqlstate: '42704',
      statement: ctx.text,
    })
  await s.privileged(async () => {
    await s.conn.exec(`DROP ROLE ${pgIdent(p.physical)}`)
    await s.conn.query('DELETE FROM rsl.principal WHERE id = $1::int', [String(p.id)])
  })
  catalogChanged(s)
  return commandResult('DROP ROLE')
}
