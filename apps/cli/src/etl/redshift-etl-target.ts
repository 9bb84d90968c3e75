import { loadConfigOrFail } from '../config/load-config.js'
import { cli, println } from '../context/cli-context.js'
import { UsageError } from '../errors/cli-errors.js'
import type { EtlTarget } from './run-etl.js'

/** The flags `rsp etl --target redshift` reads (those of `rsp load --to s3-copy`). */
export interface RedshiftEtlArgs {
  readonly config: string
  readonly json?: boolean
  readonly bucket?: string | undefined
  readonly prefix?: string | undefined
  readonly workgroup?: string | undefined
  readonly database?: string | undefined
  readonly 'secret-arn'?: string | undefined
  readonly 'iam-identity'?: boolean
  readonly 'iam-role'?: string | undefined
  readonly 'bucket-region'?: string | undefined
  readonly profile?: string | undefined
  readonly region?: string | undefined
}

/**
 * The producer on Redshift, as `rsp load --to s3-copy` reaches it: the same workgroup,
 * database, identity (managed admin secret, --secret-arn or --iam-identity), COPY role check
 * and staging bucket; every flag is checked before a client is made. Runs `fn`, always
 * destroys the clients.
 */
export async function withRedshiftEtlTarget<T>(
  args: RedshiftEtlArgs,
  fn: (t: EtlTarget) => Promise<T>,
): Promise<T> {
  const ctx = cli()
  const config = await loadConfigOrFail(args.config, ctx.cwd)
  const [load, admin, { redshiftTarget }] = await Promise.all([
    import('../load/redshift-load.js'),
    import('../deploy/admin-identity.js'),
    import('../commands/load.js'),
  ])
  const where = redshiftTarget(config, args)
  const choice = admin.identityChoice(args, config.load?.secretArn)
  const copy = { iamRole: args['iam-role'], region: args['bucket-region'] }
  const bucket = args.bucket ?? config.load?.bucket
  if (!bucket)
    throw new UsageError(
      '--target redshift stages each day in S3: pass --bucket B [--prefix P], or set load.bucket in rsp.config.json',
      '--bucket',
      undefined,
    )
  const s3Prefix = load.checkS3Prefix(
    '--bucket',
    load.s3Url(bucket, args.prefix ?? config.load?.prefix ?? ''),
  )
  await load.checkCopyOptions(copy)
  const [{ awsClientConfig, dataApiClientFactory, requireAwsAccess }, rs, { S3Client }] =
    await Promise.all([
      import('../connections/aws-clients.js'),
      import('@aws-sdk/client-redshift-serverless'),
      import('@aws-sdk/client-s3'),
    ])
  // biome-ignore lint/suspicious/noExplicitAny: one provider-chain config for every client
  const clientConfig: any = await awsClientConfig({
    region: args.region ?? config.region,
    profile: args.profile ?? config.profile,
  })
  await requireAwsAccess(clientConfig)
  const serverless = new rs.RedshiftServerlessClient(clientConfig)
  const data = await dataApiClientFactory.create(clientConfig)
  const s3 = new S3Client(clientConfig)
  try {
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
        `${where.workgroupName}/${where.database}: as ${identity}; staging in ${s3Prefix}/etl/; COPY with ${role.arn}`,
      )
    const { redshiftEtlTarget } = await import('./etl-targets.js')
    return await fn(redshiftEtlTarget({ data, s3, target, s3Prefix, copy }))
  } finally {
    serverless.destroy()
    data.destroy()
    s3.destroy()
  }
}
