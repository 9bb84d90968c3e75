import { defineCommand } from 'citty'
import type { RspConfig } from '../config/config-schema.js'
import { cli } from '../context/cli-context.js'
import { UsageError } from '../errors/cli-errors.js'
import { describe } from './catalogue.js'
import { genArgs, genOptions } from './datagen.js'
import { awsArgs, configArg, jsonArg, numberArg } from './shared-args.js'

/** Data API flags shared by `rsp load --to s3-copy|data-api` (and read by `rsp deploy`). */
export const redshiftTargetArgs = {
  workgroup: {
    type: 'string',
    description: 'S3/Data API: the producer workgroup (default <project>-producer)',
    valueHint: 'NAME',
  },
  database: {
    type: 'string',
    description: 'S3/Data API: database (default load.database, else dev)',
    valueHint: 'DB',
  },
  'secret-arn': {
    type: 'string',
    description:
      "S3/Data API: run as this Secrets Manager secret's user (default load.secretArn, else the namespace's managed admin secret)",
    valueHint: 'ARN',
  },
  'iam-identity': {
    type: 'boolean',
    description:
      'S3/Data API: run as your IAM identity (needs CREATE on the database: docs/deploy-on-aws.md)',
    default: false,
  },
  'iam-role': {
    type: 'string',
    description: 'S3/Data API: COPY role ARN (default: the namespace default role)',
    valueHint: 'ARN',
  },
  'bucket-region': {
    type: 'string',
    description: 'S3/Data API: the bucket region when it differs from the warehouse',
    valueHint: 'REGION',
  },
} as const

/** Where a load goes, from the flags and the config (the identity is resolved later). */
export function redshiftTarget(
  config: RspConfig,
  args: {
    workgroup?: string | undefined
    database?: string | undefined
  },
) {
  return {
    workgroupName: args.workgroup ?? `${config.project}-producer`,
    database: args.database ?? config.load?.database ?? 'dev',
  }
}

export default defineCommand({
  meta: {
    name: 'load',
    description: describe('load'),
  },
  args: {
    to: {
      type: 'string',
      description: 'local, a postgres:// URL, s3-copy or data-api',
      required: true,
      valueHint: 'TARGET',
    },
    dir: { type: 'string', description: 'Local target: PGlite data directory', valueHint: 'DIR' },
    ...genArgs,
    scale: {
      type: 'string',
      description: 'Scale factor (1 ≈ 1M bookings over a year; s3-copy: default load.scale)',
      valueHint: 'S',
    },
    bucket: {
      type: 'string',
      description: 's3-copy: bucket to upload to (default load.bucket)',
      valueHint: 'BUCKET',
    },
    prefix: {
      type: 'string',
      description: 's3-copy: key prefix (default load.prefix)',
      valueHint: 'PREFIX',
    },
    'lock-timeout': {
      type: 'string',
      description:
        'postgres://: seconds to wait for a lock held by a reader before retrying (3 tries)',
      default: '10',
      valueHint: 'S',
    },
    'manifest-prefix': {
      type: 'string',
      description: 'data-api: s3://bucket/prefix holding <table>/manifest.json',
      valueHint: 'S3_URL',
    },
    ...redshiftTargetArgs,
    ...configArg,
    ...awsArgs,
    ...jsonArg,
  },
  async run({ args }) {
    if (args.to === 's3-copy' || args.to === 'data-api') return loadIntoRedshiftFromFlags(args)
    const generation = genOptions({ ...args, scale: args.scale ?? '0.01' })
    const { loadIntoDatabase } = await import('../load/run-load.js')
    await loadIntoDatabase({
      to: args.to,
      dir: args.dir,
      lockTimeout: () => numberArg('lock-timeout', args['lock-timeout'], 0.1, 3600),
      generation,
      json: args.json,
    })
  },
})

/** `--to s3-copy` and `--to data-api`: every flag checked before a client is made. */
async function loadIntoRedshiftFromFlags(args: {
  to: string
  config: string
  scale?: string | undefined
  seed: string
  workers?: string | undefined
  bucket?: string | undefined
  prefix?: string | undefined
  'manifest-prefix'?: string | undefined
  workgroup?: string | undefined
  database?: string | undefined
  'secret-arn'?: string | undefined
  'iam-identity'?: boolean
  'iam-role'?: string | undefined
  'bucket-region'?: string | undefined
  profile?: string | undefined
  region?: string | undefined
  json: boolean
}): Promise<void> {
  const { loadConfigOrFail } = await import('../config/load-config.js')
  const config = await loadConfigOrFail(args.config, cli().cwd)
  const { checkS3Prefix, s3Url } = await import('../load/redshift-load.js')
  const { identityChoice } = await import('../deploy/admin-identity.js')
  const where = redshiftTarget(config, args)
  const choice = identityChoice(args, config.load?.secretArn)
  const copy = { iamRole: args['iam-role'], region: args['bucket-region'] }
  let s3Prefix: string | undefined
  let manifestPrefix: string | undefined
  if (args.to === 's3-copy') {
    if (args['manifest-prefix'])
      throw new UsageError(
        '--manifest-prefix is for --to data-api (files already in S3); --to s3-copy uploads to --bucket/--prefix',
        '--manifest-prefix',
        args['manifest-prefix'],
      )
    const bucket = args.bucket ?? config.load?.bucket
    if (!bucket)
      throw new UsageError(
        '--to s3-copy needs a bucket you own: pass --bucket B [--prefix P], or set load.bucket in rsp.config.json',
        '--bucket',
        undefined,
      )
    s3Prefix = checkS3Prefix('--bucket', s3Url(bucket, args.prefix ?? config.load?.prefix ?? ''))
  } else {
    if (!args['manifest-prefix'])
      throw new UsageError(
        '--to data-api needs --manifest-prefix s3://bucket/prefix (where rsp datagen --s3-prefix put <table>/manifest.json); to generate and upload too, use --to s3-copy',
        '--manifest-prefix',
        undefined,
      )
    manifestPrefix = checkS3Prefix('--manifest-prefix', args['manifest-prefix'])
  }
  const generation = genOptions({
    ...args,
    scale: args.scale ?? String(config.load?.scale ?? 0.01),
  })
  const { loadIntoRedshift } = await import('../load/run-load.js')
  await loadIntoRedshift({
    where,
    choice,
    copy,
    s3Prefix,
    manifestPrefix,
    generation,
    region: args.region ?? config.region,
    profile: args.profile ?? config.profile,
    json: args.json,
  })
}
