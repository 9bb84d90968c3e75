import { resolve } from 'node:path'
import { defineCommand } from 'citty'
import type { RspConfig } from '../config/config-schema.js'
import { cli, eprintln, printJson, println } from '../context/cli-context.js'
import { UsageError } from '../errors/cli-errors.js'
import { sqlState } from '../errors/format-error.js'
import { genArgs, genOptions, progress } from './datagen.js'
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
    description: [
      'Create the airline schema (migrations) and load generated data. Each load replaces every',
      'table in one transaction (TRUNCATE or DELETE, then COPY): the tables themselves stay, so',
      'grants, the masking view and row-level security survive a reload and consumers keep',
      'reading; a failed load leaves the old data.',
      '',
      '  --to local --dir DIR       the embedded database',
      '  --to postgres://…          a PostgreSQL server',
      '  --to s3-copy               generate, multipart-upload parts and manifests to S3',
      '                             (--bucket/--prefix, else the config’s load.bucket/prefix),',
      '                             then COPY into the producer through the Data API',
      '  --to data-api              COPY files already in S3 (rsp datagen --s3-prefix P, then',
      '                             uploaded to P) through the Data API: --manifest-prefix P',
      '',
      'Examples:',
      '  rsp load --to local --dir .rsp/db --scale 0.1',
      '  rsp load --to postgres://postgres@localhost:5432/airline --scale 1',
      '  rsp load --to s3-copy --bucket my-bucket --prefix airline/ --scale 1',
      '  rsp load --to data-api --manifest-prefix s3://my-bucket/airline',
      '',
      'On Redshift the migration and COPY run as the producer namespace’s admin through its',
      'managed admin secret (found with GetNamespace), or --secret-arn / load.secretArn, or your',
      'IAM identity with --iam-identity. COPY uses the namespace’s default IAM role (created by',
      'rsp deploy when load.bucket is set) unless --iam-role names another; without either, the',
      'load stops before generating or uploading anything.',
    ].join('\n'),
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
    const ctx = cli()
    if (args.to === 's3-copy' || args.to === 'data-api') return loadIntoRedshift(args)
    const options = genOptions({ ...args, scale: args.scale ?? '0.01' })
    const d = await import('@redshift-playground/datagen')
    const bars = await progress()
    let summary: Awaited<ReturnType<typeof d.loadAirlineData>>
    try {
      if (args.to === 'local') {
        if (!args.dir)
          throw new UsageError(
            '--to local needs --dir DIR (an in-memory database would be lost at exit)',
            '--dir',
            undefined,
          )
        const { usingLocalWarehouse, migrateLocal } = await import('../local/local-warehouse.js')
        const target = { dir: resolve(ctx.cwd, args.dir), create: true } // made when missing
        summary = await usingLocalWarehouse(target, async (w) => {
          await migrateLocal(w.producer)
          return d.loadAirlineData({
            ...options,
            sink: new d.PGliteSink({ db: w.pglite }),
            ...(bars.onProgress ? { onProgress: bars.onProgress } : {}),
          })
        })
      } else if (/^postgres(ql)?:\/\//.test(args.to)) {
        const [pg, { Kysely, PostgresDialect }, { migrateLocal }] = await Promise.all([
          import('pg').then((m) => m.default),
          import('kysely'),
          import('../local/local-warehouse.js'),
        ])
        const lockTimeout = numberArg('lock-timeout', args['lock-timeout'], 0.1, 3600)
        const pool = new pg.Pool({ connectionString: args.to, max: 4 })
        // A lost connection (the server stopped, the session terminated) fails the query in
        // flight; without a listener pg would also crash the process on its 'error' event.
        pool.on('error', () => {})
        pool.on('connect', (client) => {
          client.on('error', () => {})
          // TRUNCATE waits for every reader's lock, and new readers queue behind it: give up
          // after --lock-timeout seconds instead of stalling them all, then retry.
          client.query(`SET lock_timeout = ${Math.round(lockTimeout * 1000)}`).catch(() => {})
        })
        const db = new Kysely({ dialect: new PostgresDialect({ pool }) })
        try {
          summary = await retryOnLockTimeout(lockTimeout, async () => {
            await migrateLocal(db)
            return d.loadAirlineData({
              ...options,
              sink: new d.PostgresSink({ client: pool }),
              ...(bars.onProgress ? { onProgress: bars.onProgress } : {}),
            })
          })
        } finally {
          await db.destroy() // ends the pool
        }
      } else {
        throw new UsageError(
          `--to ${JSON.stringify(args.to)}: use local, a postgres:// URL, s3-copy or data-api`,
          '--to',
          args.to,
        )
      }
    } finally {
      bars.stop()
    }
    if (args.json) return printJson(summary)
    println(
      `${ctx.colors.green('✔')} loaded ${summary.rows.toLocaleString('en-US')} rows into ${summary.tables.length} tables in ${summary.seconds.toFixed(1)} s`,
    )
  },
})

/**
 * Runs a PostgreSQL load, again after a lock timeout (SQLSTATE 55P03: a reader held a lock
 * on a table the load replaces), up to three tries; then fails saying who to look for.
 */
async function retryOnLockTimeout<T>(seconds: number, load: () => Promise<T>): Promise<T> {
  const tries = 3
  for (let attempt = 1; ; attempt++) {
    try {
      return await load()
    } catch (error) {
      if (sqlState(error) !== '55P03') throw error
      if (attempt === tries)
        throw Object.assign(
          new Error(
            `the load waited ${seconds} s for a table lock ${tries} times and gave up (nothing was changed): another session holds a lock on an airline table, a long query or a transaction left open (see pg_stat_activity); end it, or raise --lock-timeout`,
          ),
          { code: 'LOCK_TIMEOUT', cause: error },
        )
      eprintln(
        `note: a reader holds a lock on an airline table (waited ${seconds} s); retrying in ${attempt} s (try ${attempt + 1} of ${tries})`,
      )
      await new Promise((r) => setTimeout(r, attempt * 1000))
    }
  }
}

/** `--to s3-copy` and `--to data-api`: every flag checked before a client is made. */
async function loadIntoRedshift(args: {
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
  const ctx = cli()
  const { loadConfigOrFail } = await import('../config/load-config.js')
  const config = await loadConfigOrFail(args.config, ctx.cwd)
  const { checkCopyOptions, checkS3Prefix, s3Url } = await import('../load/redshift-load.js')
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
  await checkCopyOptions(copy)
  const [{ awsClientConfig, dataApiClientFactory, requireAwsAccess }, load, rs] = await Promise.all(
    [
      import('../connections/aws-clients.js'),
      import('../load/redshift-load.js'),
      import('@aws-sdk/client-redshift-serverless'),
    ],
  )
  // biome-ignore lint/suspicious/noExplicitAny: one provider-chain config for every client
  const clientConfig: any = await awsClientConfig({
    region: args.region ?? config.region,
    profile: args.profile ?? config.profile,
  })
  await requireAwsAccess(clientConfig)
  const serverless = new rs.RedshiftServerlessClient(clientConfig)
  const data = await dataApiClientFactory.create(clientConfig)
  try {
    // Before anything is generated, uploaded or COPYed: who runs it, and the COPY role.
    const { producerCopyAccess } = await import('../load/producer-access.js')
    const { target, role, identity } = await producerCopyAccess({
      serverless,
      data,
      where,
      choice,
      copy,
    })
    if (!args.json)
      println(
        `${where.workgroupName}/${where.database}: as ${identity}; COPY with ${role.source === 'default' ? 'the namespace’s default IAM role' : 'the given role'} ${role.arn}`,
      )
    if (manifestPrefix !== undefined) {
      const r = await load.copyFromManifests({ data, target, manifestPrefix, copy })
      if (args.json) return printJson(r)
      println(
        `${ctx.colors.green('✔')} COPYed ${r.tables.length} tables from ${manifestPrefix} into ${target.workgroupName}/${target.database} in ${r.seconds.toFixed(1)} s`,
      )
      return
    }
    const { S3Client } = await import('@aws-sdk/client-s3')
    const s3 = new S3Client(clientConfig)
    const bars = await progress()
    try {
      const summary = await load.loadThroughS3({
        s3,
        data,
        target,
        s3Prefix: s3Prefix as string,
        generation,
        copy,
        onProgress: bars.onProgress,
      })
      bars.stop()
      if (args.json) return printJson({ ...summary, s3Prefix })
      println(
        `${ctx.colors.green('✔')} uploaded to ${s3Prefix} and COPYed ${summary.rows.toLocaleString('en-US')} rows into ${summary.tables.length} tables of ${target.workgroupName}/${target.database} in ${summary.seconds.toFixed(1)} s`,
      )
    } finally {
      bars.stop()
      s3.destroy()
    }
  } finally {
    serverless.destroy()
    data.destroy()
  }
}
