import type { Session, StatementContext } from '../account/session.js'
import { physicalSchema } from '../catalog/names.js'
import type { HonouredSystemPermission } from '../catalog/system-permissions.js'
import { RedshiftLocalError, ruleError } from '../errors.js'
import type { QualifiedName } from '../sql/cursor.js'
import { pgIdent } from '../sql/lexer.js'
import type { Grantee } from '../sql/redshift-grammar.js'
import type { DatabaseRef } from '../sql/rewrite.js'

/** A relation of the connected database, resolved. */
export interface ResolvedRelation {
  readonly schema: string
  readonly relname: string
  /** `"d1:schema"."rel"` */
  readonly physical: string
  readonly oid: string
  /** pg_class.relkind: 'r' table, 'v' view, 'm' materialized view. */
  readonly relkind: string
  readonly persistence: string
}

/** A principal of the session's namespace. */
export interface Principal {
  readonly id: number
  readonly name: string
  readonly kind: 'user' | 'role' | 'group'
  readonly physical: string
  readonly superuser: boolean
}

/**
 * Resolves `t`, `s.t` or `db.s.t` to a relation of the connected database (search_path for
 * one-part names). A three-part name of another database is refused: policies and datashares
 * work on the connected database only (R-DS-3, D-4); one of a datashare database is refused
 * by `shared` (e.g. R-RLS-11).
 */
export async function resolveRelation(
  ctx: StatementContext,
  name: QualifiedName,
  options: { readonly what: string; readonly shared?: () => RedshiftLocalError },
): Promise<ResolvedRelation> {
  const s = ctx.session
  let parts = [...name]
  if (parts.length === 3) {
    const dbName = parts[0]!
    if (dbName !== s.database.name) {
      const other = await findDatabase(s, dbName)
      if (other?.kind === 'shared' && options.shared) throw options.shared()
      throw ruleError(
        'D-4',
        `${options.what} must be in the connected database ${s.database.name}, not ${dbName}`,
        ctx.text,
      )
    }
    parts = parts.slice(1)
  }
  if (s.database.kind === 'shared' && options.shared) throw options.shared()
  const text =
    parts.length === 2
      ? `${pgIdent(physicalSchema(dataDbId(s.database), parts[0]!, ctx.text))}.${pgIdent(parts[1]!)}`
      : pgIdent(parts[0]!)
  const r = await s.conn.query(
    `SELECT c.oid::int8, n.nspname, c.relname, c.relkind, c.relpersistence FROM pg_catalog.pg_class c
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass($1)`,
    [text],
  )
  const row = r.rows[0]
  const shown = parts.join('.')
  if (!row || !/^d\d+:/.test(String(row[1])))
    throw new RedshiftLocalError('SQL', `relation "${shown}" does not exist`, {
      sqlstate: '42P01',
      statement: ctx.text,
    })
  const nsp = String(row[1])
  return {
    schema: nsp.slice(nsp.indexOf(':') + 1),
    relname: String(row[2]),
    physical: `${pgIdent(nsp)}.${pgIdent(String(row[2]))}`,
    oid: String(row[0]),
    relkind: String(row[3]),
    persistence: String(row[4]),
  }
}

export function dataDbId(db: DatabaseRef): number {
  return db.kind === 'shared' ? db.producerDbId! : db.id
}

export async function findDatabase(s: Session, name: string): Promise<DatabaseRef | undefined> {
  const r = await s.catalog(
    'SELECT d.id, d.name, d.kind, d.share_id, s.database_id FROM rsl.database d LEFT JOIN rsl.datashare s ON s.id = d.share_id WHERE d.namespace_id = $1 AND d.name = $2',
    [s.namespace.id, name],
  )
  const row = r.rows[0]
  if (!row) return undefined
  return row[2] === 'shared'
    ? {
        id: Number(row[0]),
        name: String(row[1]),
        kind: 'shared',
        shareId: Number(row[3]),
        producerDbId: Number(row[4] ?? -1),
      }
    : { id: Number(row[0]), name: String(row[1]), kind: 'local' }
}

/** A database of the session's namespace by name, or a `3D000` error naming it. */
export async function requireDatabase(ctx: StatementContext, name: string): Promise<DatabaseRef> {
  const db =
    name === ctx.session.database.name
      ? ctx.session.database
      : await findDatabase(ctx.session, name)
  if (!db)
    throw new RedshiftLocalError('SQL', `database "${name}" does not exist`, {
      sqlstate: '3D000',
      statement: ctx.text,
    })
  return db
}

/**
 * Refuses unless the user owns database `dbId` (or is a superuser): who may create datashares
 * in it (R-DS-2), drop it or grant on it (D-9).
 */
export async function requireDatabaseOwner(
  ctx: StatementContext,
  dbId: number,
  ruleId: string,
  message: string,
): Promise<void> {
  requirePrivilege(ctx, await ownsDatabase(ctx, dbId), ruleId, message)
}

/** Whether the user (or one of its roles) owns database `dbId`. */
export async function ownsDatabase(ctx: StatementContext, dbId: number): Promise<boolean> {
  const owner = await ctx.session.catalog('SELECT owner_id FROM rsl.database WHERE id = $1::int', [
    String(dbId),
  ])
  return ctx.session.user.principals.includes(Number(owner.rows[0]?.[0]))
}

/**
 * Whether the user holds a system permission through one of its roles, directly or through
 * other roles (D-15): granted with `GRANT … TO ROLE`, or held by a system-defined role.
 */
export async function holdsSystemPermission(
  ctx: StatementContext,
  permission: HonouredSystemPermission,
): Promise<boolean> {
  const r = await ctx.session.catalog(
    'SELECT 1 FROM rsl.system_privilege WHERE privilege = $1 AND role_id = ANY ($2::int[])',
    [permission, `{${ctx.session.user.principals.join(',')}}`],
  )
  return r.rows.length > 0
}

export async function findPrincipal(
  s: Session,
  kind: 'user' | 'role' | 'group',
  name: string,
): Promise<Principal | undefined> {
  const r = await s.catalog(
    'SELECT id, name, kind, physical, superuser FROM rsl.principal WHERE namespace_id = $1 AND kind = $2 AND name = $3',
    [s.namespace.id, kind, name],
  )
  const row = r.rows[0]
  return row
    ? {
        id: Number(row[0]),
        name: String(row[1]),
        kind: row[2] as Principal['kind'],
        physical: String(row[3]),
        superuser: row[4] === 't',
      }
    : undefined
}

/** The principal a grantee names (undefined for PUBLIC); an unknown one is an error. */
export async function granteePrincipal(
  ctx: StatementContext,
  g: Grantee,
): Promise<Principal | undefined> {
  if (g.kind === 'public') return undefined
  const p = await findPrincipal(ctx.session, g.kind, g.name)
  if (!p)
    throw new RedshiftLocalError('SQL', `${g.kind} "${g.name}" does not exist`, {
      sqlstate: '42704',
      statement: ctx.text,
    })
  return p
}

/** The physical role a grantee stands for (PUBLIC: the namespace's public role). */
export function physicalGrantee(s: Session, p: Principal | undefined): string {
  return pgIdent(p ? p.physical : s.namespace.publicRole)
}

/** Refuses unless the user is a superuser (or holds one of `roles`); names the rule. */
export function requirePrivilege(
  ctx: StatementContext,
  allowed: boolean,
  ruleId: string,
  message: string,
): void {
  if (!allowed && !ctx.session.user.superuser) throw ruleError(ruleId, message, ctx.text, '42501')
}

/** Refuses a statement that Redshift will not run inside BEGIN … END. */
export function notInTransaction(ctx: StatementContext, ruleId: string, command: string): void {
  if (ctx.session.inBlock)
    throw ruleError(ruleId, `${command} cannot run inside a transaction block`, ctx.text, '25001')
}

/** A text[] literal for a parameter. */
export function pgArray(values: readonly (string | number)[]): string {
  return `{${values.map((v) => `"${String(v).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`
}

/** Marks the catalog changed (sessions re-read users and roles). */
export function catalogChanged(s: Session): void {
  s.rs.catalogVersion++
}
