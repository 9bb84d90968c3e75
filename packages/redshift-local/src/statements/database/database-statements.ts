import { createDatabase } from '../../account/local-redshift.js'
import { commandResult, type StatementContext } from '../../account/session.js'
import type { QueryResult } from '../../account/types.js'
import { RedshiftLocalError, ruleError } from '../../errors.js'
import { pgIdent } from '../../sql/lexer.js'
import type { RedshiftCommand } from '../../sql/redshift-grammar.js'
import { createDatabaseFromShare } from '../datashare/datashare-statements.js'
import {
  catalogChanged,
  findDatabase,
  findPrincipal,
  notInTransaction,
  requireDatabase,
  requireDatabaseOwner,
  requirePrivilege,
} from '../support.js'

type Result = Omit<QueryResult, 'queryId' | 'notices'>
type Cmd<K extends RedshiftCommand['kind']> = Extract<RedshiftCommand, { kind: K }>

const RESERVED_DATABASES = new Set(['dev', 'padb_harvest', 'template0', 'template1'])

/** CREATE DATABASE (local or FROM DATASHARE): superuser or CREATEDB, never in a block (R-TX-1, R-DS-10, R-TX-7). */
export async function createDatabaseStatement(
  c: Cmd<'create-database'>,
  ctx: StatementContext,
): Promise<Result> {
  notInTransaction(ctx, 'R-TX-1', 'CREATE DATABASE')
  const s = ctx.session
  requirePrivilege(
    ctx,
    s.user.createdb,
    'R-DS-10',
    'permission denied to create database: needs a superuser or CREATEDB',
  )
  if (Buffer.byteLength(c.name, 'utf8') > 127)
    throw ruleError(
      'R-TX-7',
      `database name "${c.name.slice(0, 40)}…" is longer than 127 bytes`,
      ctx.text,
      '42622',
    )
  if (await findDatabase(s, c.name))
    throw new RedshiftLocalError('SQL', `database "${c.name}" already exists`, {
      sqlstate: '42P04',
      statement: ctx.text,
    })
  if (c.fromShare) return createDatabaseFromShare(c, ctx)
  let ownerId = s.user.id
  let ownerPhysical = s.user.physical
  if (c.owner) {
    const o = await findPrincipal(s, 'user', c.owner)
    if (!o)
      throw new RedshiftLocalError('SQL', `user "${c.owner}" does not exist`, {
        sqlstate: '42704',
        statement: ctx.text,
      })
    ownerId = o.id
    ownerPhysical = o.physical
  }
  await s.privileged(async () => {
    const id = await createDatabase(s.conn, s.namespace, c.name, ownerId, ownerPhysical)
    if (c.isolation === 'serializable')
      await s.conn.query("UPDATE rsl.database SET isolation = 'Serializable' WHERE id = $1::int", [
        String(id),
      ])
  })
  catalogChanged(s)
  return commandResult('CREATE DATABASE')
}

/** DROP DATABASE: not in a block (R-TX-1), never dev and friends or the connected one (R-TX-5). */
export async function dropDatabaseStatement(
  c: Cmd<'drop-database'>,
  ctx: StatementContext,
): Promise<Result> {
  notInTransaction(ctx, 'R-TX-1', 'DROP DATABASE')
  const s = ctx.session
  if (RESERVED_DATABASES.has(c.name))
    throw ruleError('R-TX-5', `database "${c.name}" cannot be dropped`, ctx.text, '55006')
  if (c.name === s.database.name)
    throw ruleError('R-TX-5', 'cannot drop the currently open database', ctx.text, '55006')
  const db = await requireDatabase(ctx, c.name)
  await requireDatabaseOwner(
    ctx,
    db.id,
    'D-9',
    `permission denied: only the owner or a superuser drops database ${c.name}`,
  )
  await s.privileged(async () => {
    if (db.kind === 'local') {
      const schemas = await s.conn.query(
        'SELECT nspname FROM pg_catalog.pg_namespace WHERE starts_with(nspname, $1)',
        [`d${db.id}:`],
      )
      for (const [nsp] of schemas.rows)
        await s.conn.exec(`DROP SCHEMA ${pgIdent(String(nsp))} CASCADE`)
      await s.conn.query('DELETE FROM rsl.datashare WHERE database_id = $1::int', [String(db.id)])
    }
    await s.conn.query('DELETE FROM rsl.database WHERE id = $1::int', [String(db.id)])
  })
  catalogChanged(s)
  return commandResult('DROP DATABASE')
}
