import type { FreshnessReport, LagStats } from '@redshift-playground/diagnostics'
import type { Kysely } from 'kysely'
import type { Client } from 'pg'
import { clientConfig, type WireOptions } from '../connections/using-pg.js'
import { namespaceOf } from './run-loadtest.js'

/** Options of {@link openFreshnessProbe}. */
export interface FreshnessUnderLoadOptions {
  /** Where markers are written: the producer workgroup (locally the same server as the readers). */
  readonly producer: WireOptions
  /** The load test's endpoint: probe connections go through it like the readers' (the NLB). */
  readonly consumers: WireOptions
  /** Probe connections opened through the endpoint; one is kept per namespace reached. */
  readonly connections: number
  readonly namespaceSql: string | 'auto'
  /** `schema.table` of the marker. */
  readonly table: string
  /** Pause between two markers. */
  readonly intervalMs: number
  /** Pause between two reads of a marker: the lag's resolution. */
  readonly pollIntervalMs: number
  /** A marker not seen after this long is missed. */
  readonly timeoutMs: number
}

/** Freshness per consumer (namespace) measured while the load ran. */
export interface FreshnessUnderLoad {
  readonly table: string
  readonly pollIntervalMs: number
  readonly markers: number
  readonly removed: number
  readonly consumers: readonly {
    readonly namespace: string
    /** What it read: `database.schema.table` through its consumer database on Redshift. */
    readonly read: string
    readonly visible: number
    readonly missed: number
    readonly failed: number
    readonly lagMs: LagStats | null
    readonly readMs: LagStats | null
    readonly error?: string
  }[]
  /** Why no marker could be written, when none could. */
  readonly error?: string
}

/**
 * On Redshift a consumer reads the marker through its database from a datashare holding it
 * (three-part name, R-DS-13), found in its INBOUND system views (R-SVV-1, R-SVV-2). Elsewhere
 * the query fails (no such views) and the marker is read by its two-part name.
 */
const MARKER_DATABASE_SQL = `SELECT d.consumer_database FROM svv_datashares d
  JOIN svv_datashare_objects o ON o.share_name = d.share_name AND o.share_type = 'INBOUND'
  WHERE d.share_type = 'INBOUND' AND d.consumer_database IS NOT NULL AND o.object_name = $1
  ORDER BY d.share_name LIMIT 1`

async function markerDatabase(client: Client, table: string): Promise<string | undefined> {
  try {
    const r = await client.query(MARKER_DATABASE_SQL, [table])
    const db = (r.rows[0] as { consumer_database?: unknown } | undefined)?.consumer_database
    return typeof db === 'string' ? db.trim() : undefined
  } catch {
    return undefined
  }
}

// biome-ignore lint/suspicious/noExplicitAny: the probe reads a system-defined table
type AnyDb = Kysely<any>

/** A Kysely over one already-open client: the probe must keep reading the namespace it identified. */
async function kyselyOn(client: Client): Promise<AnyDb> {
  const [{ PostgresDialect }, { createKysely }] = await Promise.all([
    import('kysely'),
    import('../connections/using-kysely.js'),
  ])
  const pooled = Object.assign(client, { release: () => undefined })
  return createKysely(
    new PostgresDialect({ pool: { connect: async () => pooled, end: async () => {} } }),
  )
}

/**
 * Opens the freshness probe of `rsp loadtest --freshness`: a producer session and probe
 * connections through the load test's endpoint, one kept per namespace they land on (each
 * stands for one consumer). `run(stop)` writes a marker every `intervalMs` until `stop` aborts
 * and reports lag p50/p95/max per consumer (see the diagnostics' `probeFreshness`: measured on
 * this process's monotonic clock from the producer COMMIT returning to the first read that sees
 * the row; resolution = `pollIntervalMs`). `close()` ends every connection.
 */
export async function openFreshnessProbe(o: FreshnessUnderLoadOptions) {
  const [pg, { openPostgres }, { probeFreshness }] = await Promise.all([
    import('pg').then((m) => m.default),
    import('../connections/using-kysely.js'),
    import('@redshift-playground/diagnostics'),
  ])
  const producer: AnyDb = await openPostgres({ ...clientConfig(o.producer), max: 1 })
  const clients: Client[] = []
  const consumers: { name: string; db: AnyDb; database?: string }[] = []
  const close = async () => {
    await producer.destroy().catch(() => undefined)
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)))
  }
  try {
    const seen = new Set<string>()
    for (let i = 0; i < o.connections; i++) {
      const client = new pg.Client(clientConfig(o.consumers))
      client.on('error', () => undefined)
      clients.push(client)
      await client.connect()
      const namespace = await namespaceOf(client, o.namespaceSql)
      if (seen.has(namespace)) continue
      seen.add(namespace)
      const database = await markerDatabase(client, o.table)
      consumers.push({
        name: namespace,
        db: await kyselyOn(client),
        ...(database ? { database } : {}),
      })
    }
  } catch (error) {
    await close()
    throw error
  }
  const run = async (stop: AbortSignal): Promise<FreshnessUnderLoad> => {
    let report: FreshnessReport
    try {
      report = await probeFreshness({
        producer,
        consumers,
        table: o.table,
        samples: Number.POSITIVE_INFINITY,
        gapMs: o.intervalMs,
        pollIntervalMs: o.pollIntervalMs,
        timeoutMs: o.timeoutMs,
        stop,
      })
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      return {
        table: o.table,
        pollIntervalMs: o.pollIntervalMs,
        markers: 0,
        removed: 0,
        consumers: [],
        error: message,
      }
    }
    return {
      table: report.table,
      pollIntervalMs: report.pollIntervalMs,
      markers: report.markers,
      removed: report.removed,
      consumers: report.consumers.map((c) => {
        const error = c.samples.find((s) => s.error !== undefined)?.error
        return {
          namespace: c.name,
          read: c.table,
          visible: c.visible,
          missed: c.missed,
          failed: c.failed,
          lagMs: c.lagMs,
          readMs: c.readMs,
          ...(error === undefined ? {} : { error }),
        }
      }),
    }
  }
  return { run, close, namespaces: consumers.map((c) => c.name) }
}
