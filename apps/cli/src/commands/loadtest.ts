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
      'Examples:',
      '  rsp loadtest --endpoint my-nlb.elb.us-east-1.amazonaws.com:5439 --ssl --user admin --password-env RSP_PASSWORD --concurrency 32 --duration 60',
      '  rsp loadtest --endpoint 127.0.0.1:5439 --database postgres --user postgres --concurrency 4 --duration 5',
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
    const result = await runLoadTest({
      endpoint: {
        host,
        port,
        database: args.database,
        user: args.user,
        password,
        ssl: args.ssl,
        applicationName: 'rsp-loadtest',
      },
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
    }).finally(() => bar?.stop())
    if (args.json) printJson(result)
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
      for (const e of result.errorSamples) eprintln(c.yellow(`  ${e.count} × ${e.message}`))
    }
    if (result.queries === 0 || result.errors > 0) {
      const { ExitError } = await import('../errors/cli-errors.js')
      throw new ExitError(1)
    }
  },
})

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
