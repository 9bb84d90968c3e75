import type { WireOptions } from '../connections/using-pg.js'
import { cli, eprintln, interruption, printJson, println } from '../context/cli-context.js'
import { UsageError } from '../errors/cli-errors.js'
import { ms, renderTable } from '../output/table.js'
import type { FreshnessUnderLoad, openFreshnessProbe } from './freshness-under-load.js'
import type { LoadTestResult } from './run-loadtest.js'

/** What `rsp loadtest` was asked, its flags parsed. */
export interface LoadtestRequest {
  /** `--endpoint` as given, for the heading. */
  readonly label: string
  readonly endpoint: WireOptions
  readonly concurrency: number
  readonly durationS: number
  readonly maxQueries: number
  readonly query: string | undefined
  readonly namespaceSql: string
  readonly json: boolean
  /** `--freshness`: opens the probe's connections (before the readers start). */
  readonly openProbe: (() => ReturnType<typeof openFreshnessProbe>) | undefined
}

/**
 * `rsp loadtest`: runs the readers (and the freshness probe beside them), prints the result
 * (or it as JSON) and fails (exit 1) without a query, with errors, or with stale consumers.
 */
export async function loadtestFromCli(r: LoadtestRequest): Promise<void> {
  const [{ runLoadTest }, { renderHistogram }] = await Promise.all([
    import('./run-loadtest.js'),
    import('./latency-stats.js'),
  ])
  const ctx = cli()
  const c = ctx.colors
  const bar = await progressBar(ctx.isTTY && !r.json)
  const probe = r.openProbe ? await r.openProbe() : undefined
  const stopProbe = new AbortController()
  const measuring = probe?.run(stopProbe.signal)
  const result = await runLoadTest({
    endpoint: r.endpoint,
    concurrency: r.concurrency,
    durationMs: r.durationS * 1000,
    maxQueries: r.maxQueries,
    sql: await resolveQuery(r.query),
    namespaceSql: r.namespaceSql,
    signal: interruption(),
    onTick: bar
      ? (done, elapsed) =>
          bar?.update(Math.min(100, Math.round((elapsed / (r.durationS * 1000)) * 100)), {
            queries: done,
          })
      : undefined,
  })
    .finally(() => stopProbe.abort())
    .finally(() => bar?.stop())
  const freshness = await measuring?.finally(() => probe?.close())
  if (r.json) printJson(freshness ? { ...result, freshness } : result)
  else {
    printResult(r.label, result, renderHistogram)
    if (freshness) printFreshness(freshness)
    for (const e of result.errorSamples) eprintln(c.yellow(`  ${e.count} × ${e.message}`))
  }
  const stale =
    freshness &&
    (freshness.error !== undefined || freshness.consumers.some((x) => x.failed + x.missed > 0))
  if (freshness?.error) eprintln(c.yellow(`  freshness: ${freshness.error}`))
  for (const x of freshness?.consumers ?? [])
    if (x.error) eprintln(c.yellow(`  freshness: ${x.namespace} cannot read ${x.read}: ${x.error}`))
  if (result.queries === 0 || result.errors > 0 || stale) {
    const { ExitError } = await import('../errors/cli-errors.js')
    throw new ExitError(1)
  }
}

/** A progress bar on stderr in a terminal (not with --json). */
async function progressBar(show: boolean) {
  if (!show) return undefined
  const { SingleBar, Presets } = await import('cli-progress')
  const bar = new SingleBar(
    {
      format: 'loadtest [{bar}] {percentage}% | {queries} queries',
      hideCursor: true,
      stream: process.stderr,
    },
    Presets.shades_classic,
  )
  bar.start(100, 0, { queries: 0 })
  return bar
}

/** Throughput, latencies, the spread over namespaces and the histogram. */
function printResult(
  label: string,
  result: LoadTestResult,
  renderHistogram: (h: LoadTestResult['histogram']) => string,
): void {
  const c = cli().colors
  const l = result.latencyMs
  println(
    c.bold(
      `loadtest ${label}: ${result.connected}/${result.concurrency} connections, ${(result.durationMs / 1000).toFixed(1)} s`,
    ),
  )
  println(
    `throughput  ${result.throughputQps.toFixed(1)} queries/s (${result.queries} queries, ${result.errors} errors)`,
  )
  println(
    `latency     p50 ${ms(l.p50)}  p95 ${ms(l.p95)}  p99 ${ms(l.p99)}  (min ${ms(l.min)}, mean ${ms(l.mean)}, max ${ms(l.max)})`,
  )
  println()
  println(c.bold('spread over namespaces'))
  println(
    renderTable(
      ['namespace', 'connections', 'queries'],
      Object.entries(result.connectionsByNamespace).map(([ns, n]) => [
        ns,
        String(n),
        String(result.queriesByNamespace[ns] ?? 0),
      ]),
    ),
  )
  if (result.histogram.length > 0) {
    println()
    println(c.bold('latency histogram'))
    println(renderHistogram(result.histogram))
  }
}

/** The freshness table printed under the latencies. */
function printFreshness(f: FreshnessUnderLoad) {
  const { colors } = cli()
  println()
  println(
    colors.bold(
      `freshness under load (${f.markers} markers in ${f.table}, polled every ${f.pollIntervalMs} ms; lag from the producer COMMIT to the first read seeing it)`,
    ),
  )
  const cell = (v: number | undefined) => (v === undefined ? '–' : ms(v))
  println(
    renderTable(
      ['consumer', 'read', 'seen', 'missed', 'lag p50', 'lag p95', 'lag max'],
      f.consumers.map((x) => [
        x.namespace,
        x.read,
        String(x.visible),
        String(x.missed + x.failed),
        cell(x.lagMs?.p50),
        cell(x.lagMs?.p95),
        cell(x.lagMs?.max),
      ]),
    ),
  )
}

/** A flagship query name compiles to its SQL (producer table names); anything else is SQL. */
async function resolveQuery(query: string | undefined): Promise<string> {
  if (query === undefined) return 'SELECT 1'
  const { flagshipQueries } = await import('@redshift-playground/schema')
  const q = (
    flagshipQueries as Record<string, (typeof flagshipQueries)[keyof typeof flagshipQueries]>
  )[query]
  if (!q) return query
  const { compileOnlyKysely } = await import('../connections/using-kysely.js')
  const db = compileOnlyKysely<import('@redshift-playground/schema').AirlineDatabase>()
  const compiled = q.build(db).compile()
  if (compiled.parameters.length > 0) {
    throw new UsageError(
      `--query ${query} needs parameters; pass its SQL instead (rsp query ${query} --sql)`,
      '--query',
      query,
    )
  }
  return compiled.sql
}
