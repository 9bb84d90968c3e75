import { commandResult, type StatementContext } from '../../account/session.js'
import type { QueryResult } from '../../account/types.js'
import { physicalSchema } from '../../catalog/names.js'
import { notEmulated, RedshiftLocalError, ruleError } from '../../errors.js'
import type { QualifiedName } from '../../sql/cursor.js'
import { pgIdent } from '../../sql/lexer.js'
import type { GrantObject, RedshiftCommand } from '../../sql/redshift-grammar.js'
import type { DatabaseRef } from '../../sql/rewrite.js'
import {
  catalogChanged,
  findDatabase,
  findPrincipal,
  granteePrincipal,
  type Principal,
  physicalGrantee,
  requireDatabase,
  requireDatabaseOwner,
  requirePrivilege,
} from '../support.js'

type Result = Omit<QueryResult, 'queryId' | 'notices'>
type Cmd<K extends RedshiftCommand['kind']> = Extract<RedshiftCommand, { kind: K }>

const DATABASE_PRIVILEGES = new Set(['usage', 'create', 'temporary', 'alter', 'all'])
const SCHEMA_PRIVILEGES = new Set(['usage', 'create', 'alter', 'all'])
const TABLE_PRIVILEGES = new Set([
  'select',
  'insert',
  'update',
  'delete',
  'drop',
  'references',
  'alter',
  'truncate',
  'all',
])

/** GRANT/REVOKE on databases, schemas and tables (local ones through PostgreSQL's grants). */
export async function grantStatement(c: Cmd<'grant'>, ctx: StatementContext): Promise<Result> {
  const verb = c.revoke ? 'REVOKE' : 'GRANT'
  const s = ctx.session
  const grantees = await Promise.all(c.grantees.map((g) => granteePrincipal(ctx, g)))
  const o = c.object
  switch (o.type) {
    case 'database': {
      for (const p of c.privileges)
        if (!DATABASE_PRIVILEGES.has(p))
          throw new RedshiftLocalError(
            'SQL',
            `invalid privilege type ${p.toUpperCase()} for database`,
            {
              sqlstate: '0LP01',
              statement: ctx.text,
            },
          )
      for (const name of o.names) {
        const db = await requireDatabase(ctx, name)
        await requireDatabaseOwner(
          ctx,
          db.id,
          'D-9',
          `permission denied for database ${name}: only its owner or a superuser grants on it`,
        )
        const privileges = c.privileges.includes('all')
          ? db.kind === 'shared'
            ? ['usage']
            : ['create', 'temporary']
          : c.privileges
        if (db.kind === 'shared' && privileges.some((p) => p !== 'usage' && p !== 'alter'))
          throw ruleError(
            'R-DS-12',
            `only USAGE on a database made from a datashare is granted`,
            ctx.text,
            '0LP01',
          )
        for (const privilege of privileges)
          for (const p of grantees)
            await s.catalog(
              c.revoke
                ? 'DELETE FROM rsl.database_privilege WHERE database_id = $1::int AND privilege = $2 AND principal_id IS NOT DISTINCT FROM $3::int'
                : 'INSERT INTO rsl.database_privilege VALUES ($1::int, $2, $3::int) ON CONFLICT DO NOTHING',
              [String(db.id), privilege, p ? String(p.id) : null],
            )
      }
      catalogChanged(s)
      return commandResult(verb)
    }
    case 'function':
    case 'all-functions':
      throw notEmulated('GRANT on functions', ctx.text)
  }
  const valid = o.type === 'schema' ? SCHEMA_PRIVILEGES : TABLE_PRIVILEGES
  for (const p of c.privileges)
    if (!valid.has(p))
      throw new RedshiftLocalError(
        'SQL',
        `invalid privilege type ${p.toUpperCase()} for ${o.type === 'schema' ? 'schema' : 'relation'}`,
        {
          sqlstate: '0LP01',
          statement: ctx.text,
        },
      )
  const targets = await grantTargets(ctx, o)
  for (const t of targets) {
    if (t.database.kind === 'shared') {
      await sharedGrant(ctx, c, t, grantees)
      continue
    }
    if (t.database.id !== s.database.id)
      throw ruleError(
        'R-DS-13',
        `connect to database ${t.database.name} to grant on its objects`,
        ctx.text,
      )
    const privileges = c.privileges.map((p) => p.toUpperCase()).join(', ')
    const to = grantees.map((p) => physicalGrantee(s, p)).join(', ')
    const sql = `${verb} ${privileges} ON ${t.pgObject} ${c.revoke ? 'FROM' : 'TO'} ${to}${c.grantOption ? ' WITH GRANT OPTION' : ''}`
    // PostgreSQL checks the grantor: owner, superuser or holder of the grant option.
    await s.conn.query(sql)
  }
  return commandResult(verb)
}

interface GrantTarget {
  readonly database: DatabaseRef
  readonly schema: string
  /** '' for the schema itself, '*' for all its tables, else a relation name. */
  readonly object: string
  readonly pgObject: string
}

async function grantTargets(
  ctx: StatementContext,
  o: Exclude<GrantObject, { type: 'database' | 'function' | 'all-functions' }>,
) {
  const s = ctx.session
  const out: GrantTarget[] = []
  const dbOf = async (name: QualifiedName, parts: number): Promise<[DatabaseRef, string[]]> => {
    if (name.length === parts) {
      const dbName = name[0]!
      const db = dbName === s.database.name ? s.database : await findDatabase(s, dbName)
      if (!db)
        throw new RedshiftLocalError('SQL', `database "${dbName}" does not exist`, {
          sqlstate: '3D000',
          statement: ctx.text,
        })
      return [db, name.slice(1)]
    }
    return [s.database, [...name]]
  }
  if (o.type === 'schema' || o.type === 'all-tables') {
    const list = o.type === 'schema' ? o.names : o.schemas
    for (const name of list) {
      const [db, [schema]] = await dbOf(name, 2)
      const phys = pgIdent(
        physicalSchema(db.kind === 'shared' ? db.producerDbId! : db.id, schema!, ctx.text),
      )
      out.push({
        database: db,
        schema: schema!,
        object: o.type === 'schema' ? '' : '*',
        pgObject: o.type === 'schema' ? `SCHEMA ${phys}` : `ALL TABLES IN SCHEMA ${phys}`,
      })
    }
    return out
  }
  for (const name of o.names) {
    const [db, rest] = await dbOf(name, 3)
    if (rest.length !== 2) {
      const t = rest[0]!
      const r = await s.conn.query(
        'SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass($1)',
        [pgIdent(t)],
      )
      const nsp = r.rows[0]?.[0]
      if (!nsp)
        throw new RedshiftLocalError('SQL', `relation "${t}" does not exist`, {
          sqlstate: '42P01',
          statement: ctx.text,
        })
      out.push({
        database: db,
        schema: nsp.slice(nsp.indexOf(':') + 1),
        object: t,
        pgObject: `TABLE ${pgIdent(nsp)}.${pgIdent(t)}`,
      })
      continue
    }
    const [schema, table] = rest as [string, string]
    const phys = pgIdent(
      physicalSchema(db.kind === 'shared' ? db.producerDbId! : db.id, schema, ctx.text),
    )
    out.push({ database: db, schema, object: table, pgObject: `TABLE ${phys}.${pgIdent(table)}` })
  }
  return out
}

/** Object grants in a database made WITH PERMISSIONS from a datashare (R-DS-12). */
async function sharedGrant(
  ctx: StatementContext,
  c: Cmd<'grant'>,
  t: GrantTarget,
  grantees: readonly (Principal | undefined)[],
): Promise<void> {
  const s = ctx.session
  const db = await s.catalog(
    'SELECT with_permissions, owner_id FROM rsl.database WHERE id = $1::int',
    [String(t.database.id)],
  )
  if (db.rows[0]?.[0] !== 't')
    throw ruleError(
      'R-DS-12',
      `database ${t.database.name} was created without WITH PERMISSIONS: grant USAGE ON DATABASE ${t.database.name} instead of object privileges`,
      ctx.text,
      '0LP01',
    )
  requirePrivilege(
    ctx,
    s.user.principals.includes(Number(db.rows[0]?.[1])),
    'R-DS-12',
    `permission denied for database ${t.database.name}`,
  )
  for (const privilege of c.privileges) {
    if (!['usage', 'select', 'all'].includes(privilege))
      throw ruleError(
        'R-DS-14',
        `${privilege.toUpperCase()} is not grantable on a read-only datashare database`,
        ctx.text,
        '0LP01',
      )
    const privs = privilege === 'all' ? (t.object === '' ? ['usage'] : ['select']) : [privilege]
    for (const priv of privs)
      for (const p of grantees)
        await s.catalog(
          c.revoke
            ? 'DELETE FROM rsl.shared_grant WHERE database_id = $1::int AND schema_name = $2 AND object_name = $3 AND privilege = $4 AND principal_id IS NOT DISTINCT FROM $5::int'
            : 'INSERT INTO rsl.shared_grant VALUES ($1::int, $2, $3, $4, $5::int) ON CONFLICT DO NOTHING',
          [String(t.database.id), t.schema, t.object, priv, p ? String(p.id) : null],
        )
  }
}

/** GRANT/REVOKE ROLE r TO …: membership (catalog and PostgreSQL); sys:* roles change the flags. */
export async function grantRoleStatement(
  c: Cmd<'grant-role'>,
  ctx: StatementContext,
): Promise<Result> {
  const s = ctx.session
  requirePrivilege(
    ctx,
    s.user.secadmin,
    'D-9',
    'permission denied: granting roles needs a superuser or sys:secadmin',
  )
  for (const roleName of c.roles) {
    const role = await findPrincipal(s, 'role', roleName)
    if (!role)
      throw new RedshiftLocalError('SQL', `role "${roleName}" does not exist`, {
        sqlstate: '42704',
        statement: ctx.text,
      })
    for (const g of c.grantees) {
      const p = await granteePrincipal(ctx, g)
      if (!p)
        throw new RedshiftLocalError('SQL', 'a role is granted to users or roles, not PUBLIC', {
          sqlstate: '42601',
          statement: ctx.text,
        })
      await s.privileged(async () => {
        if (c.revoke) {
          await s.conn.query(
            'DELETE FROM rsl.membership WHERE member_id = $1::int AND role_id = $2::int',
            [String(p.id), String(role.id)],
          )
          await s.conn.exec(`REVOKE ${pgIdent(role.physical)} FROM ${pgIdent(p.physical)}`)
        } else {
          await s.conn.query(
            'INSERT INTO rsl.membership VALUES ($1::int, $2::int) ON CONFLICT DO NOTHING',
            [String(p.id), String(role.id)],
          )
          await s.conn.exec(`GRANT ${pgIdent(role.physical)} TO ${pgIdent(p.physical)}`)
        }
        // Superuser and IGNORE RLS (sys:secadmin, D-3) are attributes of the member's own role.
        if (role.name === 'sys:superuser')
          await s.conn.exec(
            `ALTER ROLE ${pgIdent(p.physical)} ${c.revoke && !p.superuser ? 'NOSUPERUSER' : 'SUPERUSER'}`,
          )
        if (role.name === 'sys:secadmin')
          await s.conn.exec(
            `ALTER ROLE ${pgIdent(p.physical)} ${c.revoke ? 'NOBYPASSRLS' : 'BYPASSRLS'}`,
          )
      })
    }
  }
  catalogChanged(s)
  return commandResult(c.revoke ? 'REVOKE ROLE' : 'GRANT ROLE')
}
