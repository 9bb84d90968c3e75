import { resolve } from 'node:path'
import { defineCommand } from 'citty'
import { cli, printJson, println } from '../context/cli-context.js'
import { UsageError } from '../errors/cli-errors.js'
import { progress } from '../output/progress.js'
import { describe } from './catalogue.js'
import { intArg, jsonArg, numberArg } from './shared-args.js'

/** Generation flags shared by `rsp datagen` and `rsp load`. */
export const genArgs = {
  scale: {
    type: 'string',
    description: 'Scale factor (1 ≈ 1M bookings over a year)',
    default: '0.01',
    valueHint: 'S',
  },
  seed: {
    type: 'string',
    description: 'Seed (same seed and scale, same bytes)',
    default: '42',
    valueHint: 'N',
  },
  workers: {
    type: 'string',
    description:
      'Worker threads (0: main thread; default 0 on 1–2 cores, else a worker per 2 cores for gzip files, cores − 1 for CSV)',
    valueHint: 'N',
  },
} as const

export function genOptions(args: { scale: string; seed: string; workers?: string | undefined }) {
  return {
    scale: numberArg('scale', args.scale, 0.001, 1000),
    seed: intArg('seed', args.seed, 0, 2 ** 32 - 1),
    ...(args.workers === undefined ? {} : { workers: intArg('workers', args.workers, 0, 64) }),
  }
}

export { progress } from '../output/progress.js'

export default defineCommand({
  meta: {
    name: 'datagen',
    description: describe('datagen'),
  },
  args: {
    out: { type: 'string', description: 'Output directory', required: true, valueHint: 'DIR' },
    's3-prefix': {
      type: 'string',
      description: 'Where the files will be uploaded (written into the manifests)',
      required: true,
      valueHint: 'S3_URL',
    },
    'iam-role': {
      type: 'string',
      description: 'COPY IAM role ARN (default: IAM_ROLE default)',
      valueHint: 'ARN',
    },
    region: {
      type: 'string',
      description: 'Bucket region for COPY (gzip CSV only)',
      valueHint: 'REGION',
    },
    format: {
      type: 'string',
      description: 'File format: csv (gzip CSV) or parquet',
      default: 'csv',
      valueHint: 'csv|parquet',
    },
    ...genArgs,
    ...jsonArg,
  },
  async run({ args }) {
    const ctx = cli()
    const options = genOptions(args)
    if (args.format !== 'csv' && args.format !== 'parquet')
      throw new UsageError(
        `--format must be csv or parquet, got ${JSON.stringify(args.format)}`,
        '--format',
        args.format,
      )
    if (args.format === 'parquet' && args.region)
      throw new UsageError(
        '--region does not apply to --format parquet: COPY from Parquet takes no REGION, so keep the bucket in the warehouse’s region',
        '--region',
        args.region,
      )
    const d = await import('@redshift-playground/datagen')
    const bars = await progress()
    const files = {
      dir: resolve(ctx.cwd, args.out),
      s3Prefix: args['s3-prefix'],
      ...(args['iam-role'] ? { iamRole: args['iam-role'] } : {}),
    }
    const summary = await d
      .loadAirlineData({
        ...options,
        sink:
          args.format === 'parquet'
            ? new d.ParquetSink(files)
            : new d.FilesSink({ ...files, ...(args.region ? { region: args.region } : {}) }),
        ...(bars.onProgress ? { onProgress: bars.onProgress } : {}),
      })
      .finally(bars.stop)
    if (args.json) return printJson(summary)
    for (const t of summary.tables)
      println(
        `${t.table.padEnd(24)} ${String(t.rows).padStart(10)} rows  ${(t.bytes / 1e6).toFixed(2)} MB`,
      )
    println(
      `${ctx.colors.green('✔')} ${summary.rows.toLocaleString('en-US')} rows in ${summary.seconds.toFixed(1)} s → ${args.out}`,
    )
  },
})
