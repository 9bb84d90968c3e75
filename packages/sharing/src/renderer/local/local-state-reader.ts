import type { Kysely, RawBuilder } from 'kysely'
import type { Datashare, DatashareSpec } from '../../desired-state.js'
import { ApplyError } from '../../errors.js'
import { asDatashares, foreignShare, withAllConsumers } from '../../plan/multi-planner.js'
import { loadSql } from '../../private/load-sql.js'
import { type ConsumerState, type ShareState, type SharesState, tableKey } from '../../state.js'
import type { ReadSharesOptions } from '../redshift/redshift-state-reader.js'
import { consumerSchemaComment } from './local-renderer.js'

type Row = Record<string, unknown>

// biome-ignore lint/suspicious/noExplicitAny: catalogs are not part of any typed schema
async function rows(db: Kysely<any>, query: RawBuilder<unknown>): Promise<Row[]> {
  try {
    return (await query.execute(db)).rows as Row[]
  } catch (cause) {
    throw new ApplyError(
      'STATE_READ_FAILED',
      `reading the local datashare state failed: ${(cause as Error).message}`,
      { side: 'producer', statement: query.compile(db).sql, cause },
    )
  }
}

const parse = (comment: unknown): Record<string, unknown> | undefined => {
  if (typeof comment !== 'string') return undefined
  try {
    const v = JSON.parse(comment) as unknown
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** The shared schemas that exist, and their tables and views (information_schema). */
// biome-ignore lint/suspicious/noExplicitAny: any schema
async function readRelations(db: Kysely<any>, schemaNames: readonly string[]) {
  const sql = await loadSql()
  const producerTables = new Map<string, string[]>(schemaNames.map((s) => [s, []]))
  const producerViews = new Map<string, string[]>(schemaNames.map((s) => [s, []]))
  const sourceSchemas = new Set<string>()
  if (schemaNames.length === 0) return { producerTables, producerViews, sourceSchemas }
  for (const r of await rows(
    db,
    sql`SELECT nspname FROM pg_namespace WHERE nspname IN (${sql.join(schemaNames)})`,
  ))
    sourceSchemas.add(String(r.nspname))
  for (const t of await rows(
    db,
    sql`SELECT table_schema, table_name, table_type FROM information_schema.tables WHERE table_type IN ('BASE TABLE', 'VIEW') AND table_schema IN (${sql.join(schemaNames)}) ORDER BY table_schema, table_name`,
  ))
    (t.table_type === 'VIEW' ? producerViews : producerTables)
      .get(String(t.table_schema))
      ?.push(String(t.table_name))
  return { producerTables, producerViews, sourceSchemas }
}

// What the share role holds: the marker, and its schemas, tables, defaults, members, policies.
// biome-ignore lint/suspicious/noExplicitAny: any schema
async function readShareGrants(db: Kysely<any>, name: string) {
  const sql = await loadSql()
  const schemas = new Set<string>()
  const tables = new Set<string>()
  const includeNew = new Set<string>()
  const grantees = new Set<string>()
  const rlsTables = new Set<string>()
  let share: ShareState['share']
  const shareRow = (
    await rows(
      db,
      sql`SELECT shobj_description(oid, 'pg_authid') AS comment FROM pg_roles WHERE rolname = ${name}`,
    )
  )[0]
  const marker = parse(shareRow?.comment)
  if (shareRow && marker?.rsp === 'datashare') {
    share = { publiclyAccessible: marker.publiclyAccessible === true }
    for (const r of await rows(
      db,
      sql`SELECT n.nspname FROM pg_namespace n, aclexplode(n.nspacl) a WHERE a.grantee = (SELECT oid FROM pg_roles WHERE rolname = ${name}) AND a.privilege_type = 'USAGE'`,
    ))
      schemas.add(String(r.nspname))
    for (const r of await rows(
      db,
      sql`SELECT table_schema, table_name FROM information_schema.role_table_grants WHERE grantee = ${name} AND privilege_type = 'SELECT' UNION SELECT table_schema, table_name FROM information_schema.column_privileges WHERE grantee = ${name} AND privilege_type = 'SELECT'`,
    ))
      tables.add(tableKey(String(r.table_schema), String(r.table_name)))
    for (const r of await rows(
      db,
      sql`SELECT n.nspname FROM pg_default_acl d JOIN pg_namespace n ON n.oid = d.defaclnamespace, aclexplode(d.defaclacl) a WHERE d.defaclobjtype = 'r' AND a.privilege_type = 'SELECT' AND a.grantee = (SELECT oid FROM pg_roles WHERE rolname = ${name})`,
    ))
      includeNew.add(String(r.nspname))
    for (const r of await rows(
      db,
      sql`SELECT m.rolname FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid JOIN pg_roles m ON m.oid = am.member WHERE g.rolname = ${name}`,
    ))
      grantees.add(`role:${String(r.rolname)}`)
    for (const r of await rows(
      db,
      sql`SELECT schemaname, tablename FROM pg_policies WHERE policyname = ${name}`,
    ))
      rlsTables.add(tableKey(String(r.schemaname), String(r.tablename)))
  }
  return { share, schemas, tables, includeNew, grantees, rlsTables }
}

// One consumer role's side: its database (schema), readers, masking views and row policies.
async function readConsumer(
  // biome-ignore lint/suspicious/noExplicitAny: any schema
  db: Kysely<any>,
  name: string,
  c: string,
  schemaNames: readonly string[],
) {
  const sql = await loadSql()
  const dbRow = (
    await rows(
      db,
      sql`SELECT n.nspname FROM pg_namespace n, aclexplode(n.nspacl) a WHERE obj_description(n.oid, 'pg_namespace') = ${consumerSchemaComment(name)} AND a.grantee = (SELECT oid FROM pg_roles WHERE rolname = ${c}) AND a.privilege_type = 'USAGE' ORDER BY n.nspname`,
    )
  )[0]
  const database = dbRow ? String(dbRow.nspname) : undefined
  const readers = new Set(
    (
      await rows(
        db,
        sql`SELECT m.rolname FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid JOIN pg_roles m ON m.oid = am.member WHERE g.rolname = ${c}`,
      )
    ).map((r) => `role:${String(r.rolname)}`),
  )
  const views = new Map<string, string>()
  if (database !== undefined)
    for (const r of await rows(
      db,
      sql`SELECT c.relname, obj_description(c.oid, 'pg_class') AS comment FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ${database} AND c.relkind = 'v'`,
    )) {
      const m = parse(r.comment)
      if (m?.rsp === 'masking-view' && typeof m.policy === 'string')
        views.set(m.policy, String(r.relname))
    }
  const rls = new Map<string, string>()
  const suffix = `_${c}`
  for (const r of schemaNames.length === 0
    ? []
    : await rows(
        db,
        sql`SELECT policyname, schemaname, tablename FROM pg_policies WHERE permissive = 'RESTRICTIVE' AND ${c}::name = ANY (roles) AND schemaname IN (${sql.join(schemaNames)})`,
      )) {
    const pname = String(r.policyname)
    if (pname.endsWith(suffix))
      rls.set(pname.slice(0, -suffix.length), tableKey(String(r.schemaname), String(r.tablename)))
  }
  return { database, readers, views, rls }
}

/**
 * Reads the local target's actual grants back from the PostgreSQL catalogs (pg_roles and
 * their comments, pg_namespace ACLs, information_schema.role_table_grants and
 * column_privileges, pg_default_acl, pg_auth_members, pg_policies, pg_class), so that
 * apply → re-plan gives an empty plan. Run it as the producer (the tables' owner).
 *
 * @example
 * const plan = planDatashare(share, await readLocalState(share, db), localRenderer())
 */
// biome-ignore lint/suspicious/noExplicitAny: any schema
export async function readLocalState(desired: Datashare, db: Kysely<any>): Promise<ShareState> {
  const sql = await loadSql()
  const name = desired.name
  const roles = new Set(
    (await rows(db, sql`SELECT rolname FROM pg_roles`)).map((r) => String(r.rolname)),
  )
  const schemaNames = desired.schemas.map((s) => s.schema)
  const { producerTables, producerViews, sourceSchemas } = await readRelations(db, schemaNames)
  const { share, schemas, tables, includeNew, grantees, rlsTables } = await readShareGrants(
    db,
    name,
  )

  const extra: Record<string, unknown> = { roles, rlsTables }
  const consumers = new Map<string, ConsumerState>()
  for (const consumer of desired.consumers) {
    if (!roles.has(consumer.name)) continue
    const c = consumer.name
    const { database, readers, views, rls } = await readConsumer(db, name, c, schemaNames)
    extra[`masking-views:${c}`] = views
    extra[`rls-policies:${c}`] = rls
    consumers.set(
      c,
      Object.freeze({
        visible: grantees.has(`role:${c}`),
        database,
        readers,
        masking: new Set(views.keys()),
        rowLevelSecurity: new Set(rls.keys()),
      }),
    )
  }
  return Object.freeze({
    share,
    schemas,
    tables,
    includeNew,
    producerTables,
    producerViews,
    sourceSchemas,
    // The local target does not publish views (its renderer has no viewQuery).
    producerSchemas: new Set<string>(),
    publishedViews: new Map<string, string | undefined>(),
    grantees,
    consumers,
    extra: Object.freeze(extra),
  })
}

/**
 * Reads a set of datashares on the local target ({@link readLocalState} for each) and every
 * other share role carrying this package's marker comment (`marked`), with its members as
 * consumers, so that `planDatashares` can tear down those no longer desired.
 *
 * @example
 * const plan = planDatashares(shares, await readLocalShares(shares, db), localRenderer())
 */
export async function readLocalShares(
  specs: readonly (Datashare | DatashareSpec)[],
  // biome-ignore lint/suspicious/noExplicitAny: any schema
  db: Kysely<any>,
  options: ReadSharesOptions = {},
): Promise<SharesState> {
  const sql = await loadSql()
  const shares = asDatashares(specs)
  const states = new Map<string, ShareState>()
  for (const d of shares) states.set(d.name, await readLocalState(withAllConsumers(shares, d), db))
  const marked = new Set<string>()
  for (const r of await rows(
    db,
    sql`SELECT rolname, shobj_description(oid, 'pg_authid') AS comment FROM pg_roles ORDER BY rolname`,
  ))
    if (parse(r.comment)?.rsp === 'datashare') marked.add(String(r.rolname))
  const others = new Set([...marked].filter((n) => !states.has(n)))
  const otherConsumers = new Map<string, readonly string[]>()
  for (const name of others) {
    if (options.managed && !options.managed.includes(name) && !marked.has(name)) continue
    const members = (
      await rows(
        db,
        sql`SELECT m.rolname FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid JOIN pg_roles m ON m.oid = am.member WHERE g.rolname = ${name} ORDER BY 1`,
      )
    ).map((r) => String(r.rolname))
    otherConsumers.set(name, members)
    states.set(name, await readLocalState(foreignShare(name, shares, members), db))
  }
  return Object.freeze({ shares: states, others, marked, otherConsumers })
}
