import type { Kysely, sql as Sql } from 'kysely'
import { connectionFor, type ShareConnections } from '../../connections.js'
import type { Datashare, DatashareSpec } from '../../desired-state.js'
import { ApplyError } from '../../errors.js'
import { refText } from '../../namespace-ref.js'
import { asDatashares, foreignShare, withAllConsumers } from '../../plan/multi-planner.js'
import type { Side } from '../../plan/plan-step.js'
import { hashFromComment, publicationSchemas } from '../../plan/publication.js'
import { loadSql } from '../../private/load-sql.js'
import { type ConsumerState, type ShareState, type SharesState, tableKey } from '../../state.js'

type Row = Record<string, unknown>
const truthy = (v: unknown) => v === true || v === 't' || v === 'true' || v === 1 || v === '1'
const text = (v: unknown) =>
  typeof v === 'string' ? v.trim() : v === null || v === undefined ? '' : String(v)

// biome-ignore lint/suspicious/noExplicitAny: system views
async function rows(db: Kysely<any>, query: ReturnType<typeof Sql>, side: Side): Promise<Row[]> {
  try {
    return (await query.execute(db)).rows as Row[]
  } catch (cause) {
    throw new ApplyError(
      'STATE_READ_FAILED',
      `reading datashare state on ${side} failed: ${(cause as Error).message}`,
      { side, statement: query.compile(db).sql, cause },
    )
  }
}

/**
 * Reads what exists on Redshift for one datashare, through any Kysely instance per side
 * (the Redshift Data API dialect in real use), from documented columns of system views only:
 * producer — SVV_DATASHARES (OUTBOUND), SVV_DATASHARE_OBJECTS, SVV_DATASHARE_CONSUMERS,
 * SVV_ALL_SCHEMAS (shared and publication schemas) and SVV_TABLES (the shared schemas'
 * tables and views, the published views and the definition hash in their comment,
 * `remarks`); each consumer —
 * SVV_DATASHARES (INBOUND), SVV_REDSHIFT_DATABASES and SVV_DATABASE_PRIVILEGES. No policy
 * view is read: the Redshift target protects data with published views on the producer.
 *
 * @example
 * const actual = await readRedshiftState(share, { producer, consumers: { analytics, reporting } })
 * const plan = planDatashare(share, actual, redshiftRenderer())
 */
export async function readRedshiftState(
  desired: Datashare,
  connections: ShareConnections,
): Promise<ShareState> {
  const sql = await loadSql()
  if (desired.hasPlaceholders) {
    throw new ApplyError(
      'PLACEHOLDER_NOT_APPLICABLE',
      'the desired share holds placeholders (values known only at deploy time); substitute real namespace ids before reading state.',
      { field: 'producer.namespace' },
    )
  }
  const share = await readShare(sql, desired, connections.producer)
  const relations = await readRelations(sql, desired, connections.producer, share.schemas)
  const consumerStates = new Map<string, ConsumerState>()
  for (const consumer of desired.consumers)
    consumerStates.set(consumer.name, await readConsumer(sql, desired, connections, consumer.name))
  return Object.freeze({ ...share, ...relations, consumers: consumerStates })
}

type SqlTag = Awaited<ReturnType<typeof loadSql>>
// biome-ignore lint/suspicious/noExplicitAny: system views
type Db = Kysely<any>

/** The share itself: SVV_DATASHARES (OUTBOUND), SVV_DATASHARE_OBJECTS, SVV_DATASHARE_CONSUMERS. */
async function readShare(sql: SqlTag, desired: Datashare, p: Db) {
  const name = desired.name
  const shareRows = await rows(
    p,
    sql`SELECT share_name, is_publicaccessible FROM svv_datashares WHERE share_type = 'OUTBOUND' AND share_name = ${name}`,
    'producer',
  )
  const schemas = new Set<string>()
  const tables = new Set<string>()
  const includeNew = new Set<string>()
  const grantees = new Set<string>()
  if (shareRows.length > 0) {
    const objects = await rows(
      p,
      sql`SELECT object_type, object_name, include_new FROM svv_datashare_objects WHERE share_type = 'OUTBOUND' AND share_name = ${name}`,
      'producer',
    )
    for (const o of objects) {
      const type = text(o.object_type).toLowerCase()
      const objectName = text(o.object_name)
      if (type === 'schema') {
        schemas.add(objectName)
        if (truthy(o.include_new)) includeNew.add(objectName)
      } else if (type !== 'function') {
        // table, view, late binding view, materialized view: all named `schema.relation`.
        const dot = objectName.indexOf('.')
        tables.add(tableKey(objectName.slice(0, dot), objectName.slice(dot + 1)))
      }
    }
    const consumers = await rows(
      p,
      sql`SELECT consumer_account, consumer_namespace FROM svv_datashare_consumers WHERE share_name = ${name}`,
      'producer',
    )
    for (const c of consumers) {
      const ns = text(c.consumer_namespace).toLowerCase()
      if (ns !== '' && ns !== '*') grantees.add(`namespace:${ns}`)
      else if (text(c.consumer_account) !== '') grantees.add(`account:${text(c.consumer_account)}`)
    }
  }
  return {
    share:
      shareRows.length > 0
        ? { publiclyAccessible: truthy(shareRows[0]!.is_publicaccessible) }
        : undefined,
    schemas,
    tables,
    includeNew,
    grantees,
  }
}

/**
 * The producer's relations: the shared schemas that exist and their tables and views
 * (SVV_ALL_SCHEMAS, SVV_TABLES), and the publication schemas with their views and the
 * definition in each view's comment (`remarks`).
 */
async function readRelations(sql: SqlTag, desired: Datashare, p: Db, inShare: ReadonlySet<string>) {
  const database = desired.producer.database
  const sources = desired.schemas.map((s) => s.schema)
  // Where published views may be: each entry's publication schema, and any other schema the
  // share holds (an earlier publication, to clean up).
  const publications = [
    ...new Set([
      ...publicationSchemas(desired),
      ...[...inShare].filter((s) => !sources.includes(s)),
    ]),
  ]
  const all = [...new Set([...sources, ...publications])]
  const producerSchemas = new Set<string>()
  const sourceSchemas = new Set<string>()
  const producerTables = new Map<string, string[]>(sources.map((s) => [s, []]))
  const producerViews = new Map<string, string[]>(sources.map((s) => [s, []]))
  const publishedViews = new Map<string, string | undefined>()
  const out = { producerSchemas, sourceSchemas, producerTables, producerViews, publishedViews }
  if (all.length === 0) return out
  for (const r of await rows(
    p,
    sql`SELECT schema_name FROM svv_all_schemas WHERE database_name = ${database} AND schema_name IN (${sql.join(all)})`,
    'producer',
  )) {
    const schema = text(r.schema_name)
    if (publications.includes(schema)) producerSchemas.add(schema)
    if (sources.includes(schema)) sourceSchemas.add(schema)
  }
  for (const t of await rows(
    p,
    sql`SELECT table_schema, table_name, table_type, remarks FROM svv_tables WHERE table_catalog = ${database} AND table_schema IN (${sql.join(all)}) ORDER BY table_schema, table_name`,
    'producer',
  )) {
    const schema = text(t.table_schema)
    const table = text(t.table_name)
    const type = text(t.table_type).toUpperCase()
    if (type === 'BASE TABLE') producerTables.get(schema)?.push(table)
    else if (type === 'VIEW') producerViews.get(schema)?.push(table)
    if (producerSchemas.has(schema))
      publishedViews.set(
        tableKey(schema, table),
        type === 'VIEW' ? hashFromComment(t.remarks) : undefined,
      )
  }
  return out
}

/** One consumer: SVV_DATASHARES (INBOUND), SVV_REDSHIFT_DATABASES, SVV_DATABASE_PRIVILEGES. */
async function readConsumer(
  sql: SqlTag,
  desired: Datashare,
  connections: ShareConnections,
  consumer: string,
): Promise<ConsumerState> {
  const side: Side = `consumer:${consumer}`
  const db = connectionFor(connections, side)
  const inbound = await rows(
    db,
    sql`SELECT share_name, consumer_database FROM svv_datashares WHERE share_type = 'INBOUND' AND share_name = ${desired.name} AND producer_namespace = ${refText(desired.producer.namespace)}`,
    side,
  )
  let database: string | undefined
  const named = inbound.map((r) => text(r.consumer_database)).find((x) => x !== '')
  if (named !== undefined) {
    const found = await rows(
      db,
      sql`SELECT database_name FROM svv_redshift_databases WHERE database_name = ${named}`,
      side,
    )
    if (found.length > 0) database = named
  }
  const readers = new Set<string>()
  if (database !== undefined)
    for (const r of await rows(
      db,
      sql`SELECT identity_type, identity_name FROM svv_database_privileges WHERE database_name = ${database} AND privilege_type = 'USAGE'`,
      side,
    ))
      readers.add(`${text(r.identity_type).toLowerCase()}:${text(r.identity_name)}`)
  return Object.freeze({
    visible: inbound.length > 0,
    database,
    readers,
    masking: new Set<string>(),
    rowLevelSecurity: new Set<string>(),
  })
}

/** Options of {@link readRedshiftShares} and `readLocalShares`. */
export interface ReadSharesOptions {
  /**
   * Read only these of the outbound shares not in the set (names of shares rsp manages);
   * default: every one found. Others are still listed in `others`.
   */
  readonly managed?: readonly string[]
}

/**
 * Reads a set of datashares on Redshift ({@link readRedshiftState} for each) and every other
 * OUTBOUND share of the producer (SVV_DATASHARES), so that `planDatashares` can tear down
 * those it manages. An other share's consumers are the connections' consumers holding a
 * database made from it.
 *
 * @example
 * const actual = await readRedshiftShares(shares, { producer, consumers: { analytics, sales } })
 */
export async function readRedshiftShares(
  specs: readonly (Datashare | DatashareSpec)[],
  connections: ShareConnections,
  options: ReadSharesOptions = {},
): Promise<SharesState> {
  const sql = await loadSql()
  const shares = asDatashares(specs)
  const states = new Map<string, ShareState>()
  for (const d of shares)
    states.set(d.name, await readRedshiftState(withAllConsumers(shares, d), connections))
  const found = await rows(
    connections.producer,
    sql`SELECT share_name FROM svv_datashares WHERE share_type = 'OUTBOUND' ORDER BY share_name`,
    'producer',
  )
  const others = new Set(found.map((r) => text(r.share_name)).filter((n) => !states.has(n)))
  const otherConsumers = new Map<string, readonly string[]>()
  const names = Object.keys(connections.consumers)
  for (const name of others) {
    if (options.managed && !options.managed.includes(name)) continue
    const state = await readRedshiftState(foreignShare(name, shares, names), connections)
    states.set(name, state)
    otherConsumers.set(
      name,
      names.filter((n) => state.consumers.get(n)?.database !== undefined),
    )
  }
  return Object.freeze({ shares: states, others, marked: new Set<string>(), otherConsumers })
}
