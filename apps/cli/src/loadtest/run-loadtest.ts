import type { Client } from 'pg'
import { clientConfig, type WireOptions } from '../connections/using-pg.js'
import { type HistogramBucket, histogram, LatencyRecorder, percentile } from './latency-stats.js'

/**
 * How a connection names the warehouse it landed on. Redshift: `current_namespace` (the
 * namespace GUID), so the spread over NLB targets shows. Elsewhere (PostgreSQL, local serve)
 * the server address, port and database stand in.
 */
export const NAMESPACE_SQL = Object.freeze({
  redshift: 'SELECT current_namespace AS namespace',
  fallback:
    "SELECT coalesce(host(inet_server_addr()), 'local') || ':' || coalesce(inet_server_port()::text, 'embedded') || '/' || current_database() AS namespace",
})

export interface LoadTestOptions {
  readonly endpoint: WireOptions
  /** Connections opened (one TCP connection each: the NLB balances connections, not queries). */
  readonly concurrency: number
  readonly durationMs: number
  /** Stop after this many queries in total, whatever the duration. */
  readonly maxQueries: number
  readonly sql: string
  /** `auto` tries `current_namespace`, then the fallback. */
  readonly namespaceSql: string | 'auto'
  readonly signal?: AbortSignal | undefined
  readonly onTick?: ((done: number, elapsedMs: number) => void) | undefined
}

export interface LoadTestResult {
  readonly concurrency: number
  readonly connected: number
  readonly durationMs: number
  readonly queries: number
  readonly errors: number
  readonly errorSamples: readonly { readonly message: string; readonly count: number }[]
  readonly throughputQps: number
  readonly latencyMs: {
    readonly min: number
    readonly mean: number
    readonly p50: number
    readonly p95: number
    readonly p99: number
    readonly max: number
  }
  /** Connections per namespace (how the load balancer spread them). */
  readonly connectionsByNamespace: Readonly<Record<string, number>>
  /** Successful queries per namespace. */
  readonly queriesByNamespace: Readonly<Record<string, number>>
  readonly histogram: readonly HistogramBucket[]
}

/** The namespace a connection landed on (`auto`: `current_namespace`, else the server address). */
export async function namespaceOf(client: Client, sql: string | 'auto'): Promise<string> {
  const candidates = sql === 'auto' ? [NAMESPACE_SQL.redshift, NAMESPACE_SQL.fallback] : [sql]
  let last: unknown
  for (const candidate of candidates) {
    try {
      const r = await client.query(candidate)
      const row = r.rows[0] as Record<string, unknown> | undefined
      const value = row ? Object.values(row)[0] : undefined
      return String(value ?? 'unknown')
    } catch (error) {
      last = error
    }
  }
  throw last
}

/**
 * Runs `sql` over `concurrency` Postgres-wire connections until the duration or the query
 * cap is reached (or the signal aborts), and reports throughput, latency percentiles, errors
 * and the spread over namespaces. Every connection is closed before it returns.
 */
export async function runLoadTest(o: LoadTestOptions): Promise<LoadTestResult> {
  const pg = (await import('pg')).default
  const clients: { client: Client; namespace: string }[] = []
  const errors = new Map<string, number>()
  const fail = (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error)
    errors.set(message, (errors.get(message) ?? 0) + 1)
  }
  try {
    const opened = await Promise.allSettled(
      Array.from({ length: o.concurrency }, async () => {
        const client = new pg.Client(clientConfig(o.endpoint))
        client.on('error', fail) // a dropped connection must not crash the process
        try {
          await client.connect()
          const namespace = await namespaceOf(client, o.namespaceSql)
          return { client, namespace }
        } catch (error) {
          await client.end().catch(() => undefined)
          throw error
        }
      }),
    )
    for (const r of opened) {
      if (r.status === 'fulfilled') clients.push(r.value)
      else fail(r.reason)
    }
    if (clients.length === 0) {
      const first = opened.find((r) => r.status === 'rejected') as PromiseRejectedResult
      throw first.reason
    }

    const latencies = new LatencyRecorder()
    const byNamespace = new Map<string, number>()
    let issued = 0
    let failed = 0
    const start = performance.now()
    const deadline = start + o.durationMs
    const ticker = o.onTick
      ? setInterval(() => o.onTick?.(latencies.count, performance.now() - start), 200)
      : undefined
    await Promise.all(
      clients.map(async ({ client, namespace }) => {
        while (performance.now() < deadline && issued < o.maxQueries && !o.signal?.aborted) {
          issued++
          const t0 = performance.now()
          try {
            await client.query(o.sql)
            latencies.record(performance.now() - t0)
            byNamespace.set(namespace, (byNamespace.get(namespace) ?? 0) + 1)
          } catch (error) {
            failed++
            fail(error)
            // A broken connection stops this worker; SQL errors keep it going.
            if ((error as { code?: string }).code === undefined) return
          }
        }
      }),
    )
    if (ticker) clearInterval(ticker)
    const elapsed = performance.now() - start
    const sorted = latencies.sorted()
    const sum = sorted.reduce((s, x) => s + x, 0)
    const connections: Record<string, number> = {}
    for (const { namespace } of clients) connections[namespace] = (connections[namespace] ?? 0) + 1
    return {
      concurrency: o.concurrency,
      connected: clients.length,
      durationMs: elapsed,
      queries: sorted.length,
      errors: failed + (o.concurrency - clients.length),
      errorSamples: [...errors].map(([message, count]) => ({ message, count })).slice(0, 10),
      throughputQps: sorted.length / (elapsed / 1000),
      latencyMs: {
        min: sorted[0] ?? Number.NaN,
        mean: sorted.length ? sum / sorted.length : Number.NaN,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        max: sorted[sorted.length - 1] ?? Number.NaN,
      },
      connectionsByNamespace: connections,
      queriesByNamespace: Object.fromEntries(byNamespace),
      histogram: histogram(sorted),
    }
  } finally {
    await Promise.all(clients.map(({ client }) => client.end().catch(() => undefined)))
  }
}
