import type { Kysely, sql as Sql } from 'kysely'
import { connectionFor, type ShareConnections } from '../../connections.js'
import type { Datashare } from '../../desired-state.js'
import { ApplyError } from '../../errors.js'
import { refText } from '../../namespace-ref.js'
import type { Side } from '../../plan/plan-step.js'
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
 * (the Redshift Data API dialect in real use):
 * producer — SVV_DATASHARES (OUTBOUND), SVV_DATASHARE_OBJECTS, SVV_DATASHARE_CONSUMERS and
 * information_schema.tables; each consumer — SVV_DATASHARES (INBOUND), SVV_REDSHIFT_DATABASES,
 * SVV_DATABASE_PRIVILEGES and, for WITH PERMISSIONS databases, the masking/RLS policy views.
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
      } else if (type === 'table') {
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
  const schemaNames = desired.schemas.map((s) => s.schema)
  const producerTables = new Map<string, string[]>(schemaNames.map((s) => [s, []]))
  const tableRows = await rows(
    p,
    sql`SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema IN (${sql.join(schemaNames)}) ORDER BY table_schema, table_name`,
    'producer',
  )
  for (const t of tableRows) producerTables.get(text(t.table_schema))?.push(text(t.table_name))

  const consumerStates = new Map<string, ConsumerState>()
  const extra: Record<string, unknown> = {}
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
    const masking = new Set<string>()
    const rls = new Set<string>()
    if (database !== undefined) {
      for (const r of await rows(
        db,
        sql`SELECT identity_type, identity_name FROM svv_database_privileges WHERE database_name = ${database} AND privilege_type = 'USAGE'`,
        side,
      ))
        readers.add(`${text(r.identity_type).toLowerCase()}:${text(r.identity_name)}`)
      if (consumer.withPermissions) {
        for (const r of await rows(
          db,
          sql`SELECT DISTINCT policy_name FROM svv_attached_masking_policy WHERE schema_name IN (${sql.join(schemaNames)})`,
          side,
        ))
          masking.add(text(r.policy_name))
        for (const r of await rows(
          db,
          sql`SELECT DISTINCT policy_name FROM svv_rls_attached_policy WHERE schema_name IN (${sql.join(schemaNames)})`,
          side,
        ))
          rls.add(text(r.policy_name))
      }
    }
    if (consumer.withPermissions) {
      extra[`masking-policies:${consumer.name}`] = new Set(
        (await rows(db, sql`SELECT policy_name FROM svv_masking_policy`, side)).map((r) =>
          text(r.policy_name),
        ),
      )
      extra[`rls-policies:${consumer.name}`] = new Set(
        (await rows(db, sql`SELECT polname FROM svv_rls_policy`, side)).map((r) => text(r.polname)),
      )
    }
    consumerStates.set(
      consumer.name,
      Object.freeze({
        visible: inbound.length > 0,
        database,
        readers,
        masking,
        rowLevelSecurity: rls,
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
    grantees,
    consumers: consumerStates,
    extra: Object.freeze(extra),
  })
}
