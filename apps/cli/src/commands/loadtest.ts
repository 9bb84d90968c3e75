import { defineCommand } from 'citty'
import { cli } from '../context/cli-context.js'
import { UsageError } from '../errors/cli-errors.js'
import { describe } from './catalogue.js'
import { intArg, jsonArg, numberArg } from './shared-args.js'

export default defineCommand({
  meta: {
    name: 'loadtest',
    description: describe('loadtest'),
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
    const endpoint = {
      host,
      port,
      database: args.database,
      user: args.user,
      password,
      ssl: args.ssl,
      applicationName: 'rsp-loadtest',
    }
    const { loadtestFromCli } = await import('../loadtest/loadtest-from-cli.js')
    await loadtestFromCli({
      label: args.endpoint,
      endpoint,
      concurrency,
      durationS,
      maxQueries,
      query: args.query,
      namespaceSql: args['namespace-sql'] ?? 'auto',
      json: args.json,
      openProbe: args.freshness ? () => openProbe(args, endpoint, concurrency) : undefined,
    })
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
