import { resolve } from 'node:path'
import { defineCommand } from 'citty'
import { cli, interruption, printJson, println } from '../context/cli-context.js'
import { UsageError } from '../errors/cli-errors.js'
import type { EtlBatchReport, EtlRunResult, EtlTarget } from '../etl/run-etl.js'
import { genOptions } from './datagen.js'
import { type redshiftTarget, redshiftTargetArgs } from './load.js'
import { awsArgs, configArg, intArg, jsonArg } from './shared-args.js'

const DAY = /^\d{4}-\d{2}-\d{2}$/

export default defineCommand({
  meta: {
    name: 'etl',
    description: [
      'Keep writing on the producer: append the next flight day(s) — that day’s flight operations,',
      'the bookings of those flights and their daily revenue — each day in one transaction. A day',
      'already loaded is replaced, never doubled; a failed day leaves the previous rows. Days are',
      'generated from the seed and the day only (re-running one gives the same rows) and must lie',
      'inside the calendar the initial load created (dim_date): rsp load leaves a year of headroom',
      'after the loaded days, so --follow can keep appending for a year.',
      '',
      '  --target local --dir DIR   the embedded database (rsp load --to local --dir DIR)',
      '  --target postgres --url U  a PostgreSQL server',
      '  --target redshift          stage gzip CSV in S3 (--bucket/--prefix, else load.bucket/prefix),',
      '                             then one BatchExecuteStatement: DELETE the day + COPY',
      '',
      'Examples:',
      '  rsp etl --target local --dir .rsp/db',
      '  rsp etl --target local --dir .rsp/db --days 7',
      '  rsp etl --target postgres --url postgres://postgres@localhost/airline --day 2024-06-01',
      '  rsp etl --target local --dir .rsp/db --follow --rate 10s',
      '  rsp etl --target redshift --bucket my-bucket --prefix airline/ --follow --rate 2',
    ].join('\n'),
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
      description: 'First day (default: the day after the producer’s last flight date)',
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
    const d = await import('@redshift-playground/datagen')
    // Options are checked (a DatagenError naming the field) before any connection is made.
    const generator = new d.DayBatchGenerator(generation)
    const c = ctx.colors
    const onBatch = (b: EtlBatchReport) => {
      if (args.json) return
      const replaced =
        b.replaced.fact_flight_operations > 0
          ? `, replaced ${b.replaced.fact_flight_operations} operations`
          : ''
      println(
        `${c.green('✔')} ${b.day}: ${b.rows.toLocaleString('en-US')} rows (${b.tables.fact_flight_operations} operations, ${b.tables.fact_bookings.toLocaleString('en-US')} bookings, ${b.tables.fact_daily_revenue} revenue) in ${b.seconds.toFixed(2)} s, ${Math.round(b.rowsPerSecond).toLocaleString('en-US')} rows/s${replaced}; committed ${b.committedAt}`,
      )
    }
    const go = async (target: EtlTarget): Promise<EtlRunResult> => {
      const run = await import('../etl/run-etl.js')
      if (!args.follow)
        return run.runEtlBatch({
          target,
          generation: generator,
          day: args.day,
          days: count,
          onBatch,
        })
      const signal = interruption()
      if (!args.json)
        println(
          `following ${target.name}: a day every ${(intervalMs / 1000).toFixed(1)} s until Ctrl-C or ${generator.calendar.lastFlightDate}`,
        )
      return run.followEtl({
        target,
        generation: generator,
        day: args.day,
        intervalMs,
        onBatch,
        signal,
      })
    }
    const result = await withTarget(args, go)
    if (args.json) return printJson(result)
    println(
      `${result.batches.length} day(s), ${result.rows.toLocaleString('en-US')} rows into ${result.target} in ${result.seconds.toFixed(1)} s; the producer holds flights through ${result.lastDay}${result.calendarEnded ? ' (the calendar’s last day)' : ''}`,
    )
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
    const [pg, { Kysely, PostgresDialect }] = await Promise.all([
      import('pg').then((m) => m.default),
      import('kysely'),
    ])
    const pool = new pg.Pool({ connectionString: args.url, max: 2 })
    pool.on('error', () => {})
    pool.on('connect', (client) => client.on('error', () => {}))
    const db = new Kysely({ dialect: new PostgresDialect({ pool }) })
    try {
      return await fn(
        targets.postgresEtlTarget(pool, db, new URL(args.url).host + new URL(args.url).pathname),
      )
    } finally {
      await db.destroy()
    }
  }
  const { withRedshiftEtlTarget } = await import('../etl/redshift-etl-target.js')
  return withRedshiftEtlTarget(args, fn)
}
