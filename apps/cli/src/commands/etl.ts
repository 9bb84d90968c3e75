import { resolve } from 'node:path'
import { defineCommand } from 'citty'
import { cli } from '../context/cli-context.js'
import { UsageError } from '../errors/cli-errors.js'
import type { EtlTarget } from '../etl/run-etl.js'
import { describe } from './catalogue.js'
import { genOptions } from './datagen.js'
import { type redshiftTarget, redshiftTargetArgs } from './load.js'
import { awsArgs, configArg, intArg, jsonArg } from './shared-args.js'

const DAY = /^\d{4}-\d{2}-\d{2}$/

export default defineCommand({
  meta: {
    name: 'etl',
    description: describe('etl'),
  },
  args: {
    target: {
      type: 'enum',
      options: ['local', 'postgres', 'redshift'],
      description: 'Where the producer is',
      default: 'local',
    },
    dir: { type: 'string', description: 'local: PGlite data directory', valueHint: 'DIR' },
    url: { type: 'string', description: 'postgres: connection URL', valueHint: 'postgres://…' },
    days: {
      type: 'string',
      description: 'Consecutive days to append',
      default: '1',
      valueHint: 'N',
    },
    day: {
      type: 'string',
      description:
        'First day (default: the first day with flights after the producer’s last flight date)',
      valueHint: 'YYYY-MM-DD',
    },
    seed: {
      type: 'string',
      description: 'Seed of the initial load (default 42, as rsp load)',
      default: '42',
      valueHint: 'N',
    },
    scale: {
      type: 'string',
      description: 'Scale of the initial load (default 0.01; redshift: load.scale)',
      valueHint: 'S',
    },
    'start-date': {
      type: 'string',
      description: 'The initial load’s first flight date (rsp load: 2024-01-01)',
      default: '2024-01-01',
      valueHint: 'YYYY-MM-DD',
    },
    'load-days': {
      type: 'string',
      description: 'The initial load’s number of flight days (rsp load: 365)',
      default: '365',
      valueHint: 'N',
    },
    'headroom-days': {
      type: 'string',
      description:
        'The initial load’s calendar headroom: days dim_date reaches past the loaded ones (rsp load: 365)',
      valueHint: 'N',
    },
    follow: {
      type: 'boolean',
      description: 'Keep appending day after day until Ctrl-C or the calendar ends',
      default: false,
    },
    rate: {
      type: 'string',
      description: '--follow: batches per minute (6) or an interval (10s, 2m, 500ms)',
      default: '6',
      valueHint: 'N|INTERVAL',
    },
    bucket: {
      type: 'string',
      description: 'redshift: staging bucket (default load.bucket)',
      valueHint: 'BUCKET',
    },
    prefix: {
      type: 'string',
      description: 'redshift: key prefix (default load.prefix)',
      valueHint: 'PREFIX',
    },
    ...redshiftTargetArgs,
    ...configArg,
    ...awsArgs,
    ...jsonArg,
  },
  async run({ args }) {
    const ctx = cli()
    const { rateIntervalMs } = await import('../etl/run-etl.js')
    const count = intArg('days', args.days, 1, 3660)
    if (args.day !== undefined && !DAY.test(args.day))
      throw new UsageError(
        `--day must be a date YYYY-MM-DD, got ${JSON.stringify(args.day)}`,
        '--day',
        args.day,
      )
    if (args.follow && args.days !== '1')
      throw new UsageError(
        '--follow appends until Ctrl-C or the calendar ends: leave out --days',
        '--days',
        args.days,
      )
    const intervalMs = rateIntervalMs(args.rate)
    if (intervalMs === undefined)
      throw new UsageError(
        `--rate must be batches per minute (6, 0.5) or an interval (10s, 2m, 500ms), got ${JSON.stringify(args.rate)}`,
        '--rate',
        args.rate,
      )
    let scale = args.scale
    if (scale === undefined && args.target === 'redshift') {
      const { loadConfigOrFail } = await import('../config/load-config.js')
      scale = String((await loadConfigOrFail(args.config, ctx.cwd)).load?.scale ?? 0.01)
    }
    const gen = genOptions({ scale: scale ?? '0.01', seed: args.seed })
    const generation = {
      seed: gen.seed,
      scale: gen.scale,
      startDate: args['start-date'],
      days: intArg('load-days', args['load-days'], 1, 3660),
      ...(args['headroom-days'] === undefined
        ? {}
        : { headroomDays: intArg('headroom-days', args['headroom-days'], 0, 3660) }),
    }
    const { etlFromCli } = await import('../etl/etl-from-cli.js')
    await etlFromCli({
      generation,
      day: args.day,
      days: count,
      follow: args.follow,
      intervalMs,
      json: args.json,
      withTarget: (fn) => withTarget(args, fn),
    })
  },
})

type EtlArgs = Parameters<typeof redshiftTarget>[1] & {
  target: string
  dir?: string | undefined
  url?: string | undefined
  config: string
  bucket?: string | undefined
  prefix?: string | undefined
  'secret-arn'?: string | undefined
  'iam-identity'?: boolean
  'iam-role'?: string | undefined
  'bucket-region'?: string | undefined
  profile?: string | undefined
  region?: string | undefined
}

/** Opens the target's connections, runs `fn`, always closes them. */
async function withTarget<T>(args: EtlArgs, fn: (t: EtlTarget) => Promise<T>): Promise<T> {
  const ctx = cli()
  const targets = await import('../etl/etl-targets.js')
  if (args.target === 'local') {
    if (!args.dir)
      throw new UsageError(
        '--target local needs --dir DIR (the database rsp load --to local --dir DIR made)',
        '--dir',
        undefined,
      )
    const { usingLocalWarehouse } = await import('../local/local-warehouse.js')
    return usingLocalWarehouse({ dir: resolve(ctx.cwd, args.dir) }, (w) =>
      fn(targets.localEtlTarget(w, `local ${args.dir}`)),
    )
  }
  if (args.target === 'postgres') {
    if (!args.url || !/^postgres(ql)?:\/\//.test(args.url))
      throw new UsageError(
        '--target postgres needs --url postgres://user@host:port/database',
        '--url',
        args.url,
      )
    const [pg, { usingPostgres }] = await Promise.all([
      import('pg').then((m) => m.default),
      import('../connections/using-kysely.js'),
    ])
    const url = args.url
    const pool = new pg.Pool({ connectionString: url, max: 2 })
    pool.on('error', () => {})
    pool.on('connect', (client) => client.on('error', () => {}))
    // Destroying the Kysely ends the pool.
    return usingPostgres(pool, (db) =>
      fn(targets.postgresEtlTarget(pool, db, new URL(url).host + new URL(url).pathname)),
    )
  }
  const { withRedshiftEtlTarget } = await import('../etl/redshift-etl-target.js')
  return withRedshiftEtlTarget(args, fn)
}
