import type { Kysely, sql as Sql } from 'kysely'
import { connectionFor, type ShareConnections } from '../../connections.js'
import type { Datashare } from '../../desired-state.js'
import { ApplyError } from '../../errors.js'
import { refText } from '../../namespace-ref.js'
import type { Side } from '../../plan/plan-step.js'
import { hashFromComment, publicationSchemas } from '../../plan/publication.js'
import { loadSql } from '../../private/load-sql.js'
import { type ConsumerState, type ShareState, tableKey } from '../../state.js'

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
 * SVV_ALL_SCHEMAS (publication schemas) and SVV_TABLES (the shared schemas' tables, the
 * published views and the definition hash in their comment, `remarks`); each consumer —
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
  const p = connections.producer
  const name = desired.name
  const database = desired.producer.database
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
  const sources = desired.schemas.map((s) => s.schema)
  // Where published views may be: each entry's publication schema, and any other schema the
  // share holds (an earlier publication, to clean up).
  const publications = [
    ...new Set([
      ...publicationSchemas(desired),
      ...[...schemas].filter((s) => !sources.includes(s)),
    ]),
  ]
  const producerSchemas = new Set<string>()
  for (const r of await rows(
    p,
    sql`SELECT schema_name FROM svv_all_schemas WHERE database_name = ${database} AND schema_name IN (${sql.join(publications)})`,
    'producer',
  ))
    producerSchemas.add(text(r.schema_name))
  const producerTables = new Map<string, string[]>(sources.map((s) => [s, []]))
  const publishedViews = new Map<string, string | undefined>()
  for (const t of await rows(
    p,
    sql`SELECT table_schema, table_name, table_type, remarks FROM svv_tables WHERE table_catalog = ${database} AND table_schema IN (${sql.join([...new Set([...sources, ...publications])])}) ORDER BY table_schema, table_name`,
    'producer',
  )) {
    const schema = text(t.table_schema)
    const table = text(t.table_name)
    const type = text(t.table_type).toUpperCase()
    if (type === 'BASE TABLE') producerTables.get(schema)?.push(table)
    if (producerSchemas.has(schema))
      publishedViews.set(
        tableKey(schema, table),
        type === 'VIEW' ? hashFromComment(t.remarks) : undefined,
      )
  }

  const consumerStates = new Map<string, ConsumerState>()
  for (const consumer of desired.consumers) {
    const side: Side = `consumer:${consumer.name}`
    const db = connectionFor(connections, side)
    const inbound = await rows(
      db,
      sql`SELECT share_name, consumer_database FROM svv_datashares WHERE share_type = 'INBOUND' AND share_name = ${name} AND producer_namespace = ${refText(desired.producer.namespace)}`,
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
    consumerStates.set(
      consumer.name,
      Object.freeze({
        visible: inbound.length > 0,
        database,
        readers,
        masking: new Set<string>(),
        rowLevelSecurity: new Set<string>(),
      }),
    )
  }
  return Object.freeze({
    share:
      shareRows.length > 0
        ? { publiclyAccessible: truthy(shareRows[0]!.is_publicaccessible) }
        : undefined,
    schemas,
    tables,
    includeNew,
    producerTables,
    producerSchemas,
    publishedViews,
    grantees,
    consumers: consumerStates,
  })
}
