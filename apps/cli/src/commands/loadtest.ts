import { defineCommand } from 'citty'
import { cli, eprintln, interruption, printJson, println } from '../context/cli-context.js'
import { UsageError } from '../errors/cli-errors.js'
import { ms, renderTable } from '../output/table.js'
import { intArg, jsonArg, numberArg } from './shared-args.js'

export default defineCommand({
  meta: {
    name: 'loadtest',
    description: [
      'Postgres-wire load test: N connections (the NLB balances TCP connections), throughput,',
      'latency p50/p95/p99, errors, and the spread over namespaces (current_namespace).',
      '',
      'With --freshness, while the readers run, a marker row is committed on the producer',
      '(--producer-endpoint, default --endpoint) every --freshness-interval seconds and probe',
      'connections through --endpoint (one per namespace reached) poll until they see it: lag',
      'p50/p95/max per consumer, from the COMMIT returning to the first read seeing the row, on this',
      'process’s clock (resolution: --freshness-poll-ms; clocks of the warehouses are never compared).',
      'On Redshift a consumer reads <its consumer database>.rsp_meta.freshness_marker. On one',
      'PostgreSQL database a committed row is visible at once: the lag is the probe’s round trips.',
      '',
      'Examples:',
      '  rsp loadtest --endpoint my-nlb.elb.us-east-1.amazonaws.com:5439 --ssl --user admin --password-env RSP_PASSWORD --concurrency 32 --duration 60',
      '  rsp loadtest --endpoint 127.0.0.1:5439 --database postgres --user postgres --concurrency 4 --duration 5',
      '  rsp loadtest --endpoint my-nlb…:5439 --ssl --password-env RSP_PASSWORD --freshness --producer-endpoint rsp-producer.….redshift-serverless.amazonaws.com:5439',
    ].join('\n'),
  },
  args: {
    endpoint: {
      type: 'string',
      description: 'HOST:PORT of the workgroup, the NLB, or rsp local serve',
      required: true,
      valueHint: 'HOST:PORT',
    },
    concurrency: {
      type: 'string',
      description: 'Connections (1–256)',
      default: '4',
      valueHint: 'N',
    },
    duration: {
      type: 'string',
      description: 'Seconds to run (0.1–3600)',
      default: '10',
      valueHint: 'S',
    },
    'max-queries': {
      type: 'string',
      description: 'Stop after this many queries',
      default: '1000000',
      valueHint: 'N',
    },
    query: {
      type: 'string',
      description: 'A flagship query name (rsp query --list) or SQL (default SELECT 1)',
      valueHint: 'NAME|SQL',
    },
    database: { type: 'string', description: 'Database', default: 'dev' },
    user: { type: 'string', description: 'User', default: 'admin' },
    password: {
      type: 'string',
      description: 'Password (visible in the process list: prefer --password-env)',
    },
    'password-env': {
      type: 'string',
      description: 'Environment variable holding the password',
      valueHint: 'NAME',
    },
    ssl: { type: 'boolean', description: 'TLS (Redshift requires it)', default: false },
    'namespace-sql': {
      type: 'string',
      description:
        'SQL naming the warehouse a connection landed on (default: current_namespace, else server address)',
      valueHint: 'SQL',
    },
    freshness: {
      type: 'boolean',
      description: 'Also measure freshness under load (marker rows committed on the producer)',
      default: false,
    },
    'producer-endpoint': {
      type: 'string',
      description: '--freshness: HOST:PORT of the producer workgroup (default --endpoint)',
      valueHint: 'HOST:PORT',
    },
    'producer-database': {
      type: 'string',
      description: '--freshness: the producer database (default --database)',
    },
    'freshness-interval': {
      type: 'string',
      description: '--freshness: seconds between markers (0–600)',
      default: '1',
      valueHint: 'S',
    },
    'freshness-poll-ms': {
      type: 'string',
      description:
        '--freshness: milliseconds between reads of a marker, the lag’s resolution (1–60000)',
      default: '100',
      valueHint: 'MS',
    },
    'freshness-timeout': {
      type: 'string',
      description: '--freshness: seconds after which an unseen marker counts as missed (0.1–3600)',
      default: '60',
      valueHint: 'S',
    },
    'freshness-table': {
      type: 'string',
      description: '--freshness: the marker table',
      default: 'rsp_meta.freshness_marker',
      valueHint: 'SCHEMA.TABLE',
    },
    ...jsonArg,
  },
  async run({ args }) {
    const { parseEndpoint } = await import('../connections/using-pg.js')
    const { runLoadTest } = await import('../loadtest/run-loadtest.js')
    const { renderHistogram } = await import('../loadtest/latency-stats.js')
    const ctx = cli()
    const { host, port } = parseEndpoint(args.endpoint)
    const concurrency = intArg('concurrency', args.concurrency, 1, 256)
    const durationS = numberArg('duration', args.duration, 0.1, 3600)
    const maxQueries = intArg('max-queries', args['max-queries'], 1, 10_000_000)
    let password = args.password
    const passwordEnv = args['password-env']
    if (passwordEnv) {
      password = ctx.env[passwordEnv]
      if (password === undefined) {
        throw new UsageError(
          `--password-env ${passwordEnv}: the variable is not set`,
          '--password-env',
          passwordEnv,
        )
      }
    }
    const c = ctx.colors
    let bar: import('cli-progress').SingleBar | undefined
    if (ctx.isTTY && !args.json) {
      const { SingleBar, Presets } = await import('cli-progress')
      bar = new SingleBar(
        {
          format: 'loadtest [{bar}] {percentage}% | {queries} queries',
          hideCursor: true,
          stream: process.stderr,
        },
        Presets.shades_classic,
      )
      bar.start(100, 0, { queries: 0 })
    }
    const endpoint = {
      host,
      port,
      database: args.database,
      user: args.user,
      password,
      ssl: args.ssl,
      applicationName: 'rsp-loadtest',
    }
    const probe = args.freshness ? await openProbe(args, endpoint, concurrency) : undefined
    const stopProbe = new AbortController()
    const measuring = probe?.run(stopProbe.signal)
    const result = await runLoadTest({
      endpoint,
      concurrency,
      durationMs: durationS * 1000,
      maxQueries,
      sql: await resolveQuery(args.query),
      namespaceSql: args['namespace-sql'] ?? 'auto',
      signal: interruption(),
      onTick: bar
        ? (done, elapsed) =>
            bar?.update(Math.min(100, Math.round((elapsed / (durationS * 1000)) * 100)), {
              queries: done,
            })
        : undefined,
    })
      .finally(() => stopProbe.abort())
      .finally(() => bar?.stop())
    const freshness = await measuring?.finally(() => probe?.close())
    if (args.json) printJson(freshness ? { ...result, freshness } : result)
    else {
      const l = result.latencyMs
      println(
        c.bold(
          `loadtest ${args.endpoint}: ${result.connected}/${result.concurrency} connections, ${(result.durationMs / 1000).toFixed(1)} s`,
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
      if (freshness) printFreshness(freshness)
      for (const e of result.errorSamples) eprintln(c.yellow(`  ${e.count} × ${e.message}`))
    }
    const stale =
      freshness &&
      (freshness.error !== undefined || freshness.consumers.some((x) => x.failed + x.missed > 0))
    if (freshness?.error) eprintln(c.yellow(`  freshness: ${freshness.error}`))
    for (const x of freshness?.consumers ?? [])
      if (x.error)
        eprintln(c.yellow(`  freshness: ${x.namespace} cannot read ${x.read}: ${x.error}`))
    if (result.queries === 0 || result.errors > 0 || stale) {
      const { ExitError } = await import('../errors/cli-errors.js')
      throw new ExitError(1)
    }
  },
})

/** Parses the --freshness flags and opens the probe's connections (before the readers start). */
async function openProbe(
  args: Record<string, unknown>,
  endpoint: import('../connections/using-pg.js').WireOptions,
  concurrency: number,
) {
  const { parseEndpoint } = await import('../connections/using-pg.js')
  const { openFreshnessProbe } = await import('../loadtest/freshness-under-load.js')
  const producerAt =
    typeof args['producer-endpoint'] === 'string'
      ? parseEndpoint(args['producer-endpoint'], '--producer-endpoint')
      : endpoint
  const producerDatabase = args['producer-database']
  return openFreshnessProbe({
    producer: {
      ...endpoint,
      host: producerAt.host,
      port: producerAt.port,
      database: typeof producerDatabase === 'string' ? producerDatabase : endpoint.database,
      applicationName: 'rsp-loadtest-freshness',
    },
    consumers: { ...endpoint, applicationName: 'rsp-loadtest-freshness' },
    // Enough connections for the NLB to reach every consumer, as many as the readers at most.
    connections: Math.min(concurrency, 8),
    namespaceSql: typeof args['namespace-sql'] === 'string' ? args['namespace-sql'] : 'auto',
    table: String(args['freshness-table']),
    intervalMs: numberArg('freshness-interval', args['freshness-interval'], 0, 600) * 1000,
    pollIntervalMs: intArg('freshness-poll-ms', args['freshness-poll-ms'], 1, 60_000),
    timeoutMs: numberArg('freshness-timeout', args['freshness-timeout'], 0.1, 3600) * 1000,
  })
}

/** The freshness table printed under the latencies. */
function printFreshness(f: import('../loadtest/freshness-under-load.js').FreshnessUnderLoad) {
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
  const k = await import('kysely')
  const db = new k.Kysely<import('@redshift-playground/schema').AirlineDatabase>({
    dialect: {
      createAdapter: () => new k.PostgresAdapter(),
      createDriver: () => new k.DummyDriver(),
      createIntrospector: (d) => new k.PostgresIntrospector(d),
      createQueryCompiler: () => new k.PostgresQueryCompiler(),
    },
  })
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
