import { defineCommand } from 'citty'
import { cli, interruption, println } from '../context/cli-context.js'
import { UsageError } from '../errors/cli-errors.js'
import { intArg } from './shared-args.js'

const serve = defineCommand({
  meta: {
    name: 'serve',
    description: [
      'Serve a local database. Without --data-api: the embedded PGlite database over the Postgres',
      'wire protocol, so psql and BI tools connect as they would to Redshift (databases made by',
      'rsp demo --target postgres --keep or rsp load --to local). With --data-api: the emulated',
      'Redshift Serverless account (kept by rsp demo --keep DIR, or a new one with the config’s',
      'namespaces) behind the Redshift Data API and the read-only Serverless control plane, with',
      'its local S3, for your own AWS SDK code. Ctrl-C stops it.',
      '',
      'Examples:',
      '  rsp demo --target postgres --keep .rsp/db && rsp local serve --dir .rsp/db',
      '  psql "postgres://postgres@127.0.0.1:5439/postgres?sslmode=disable"',
      '  rsp demo --keep .rsp/account && rsp local serve --data-api --dir .rsp/account --port 4599',
    ].join('\n'),
  },
  args: {
    port: {
      type: 'string',
      description: 'TCP port (0: any free port; default 5439, or 4599 with --data-api)',
    },
    host: { type: 'string', description: 'Address to listen on', default: '127.0.0.1' },
    dir: {
      type: 'string',
      description:
        'Data directory: a PGlite database, or with --data-api an account kept by rsp demo --keep',
      valueHint: 'DIR',
    },
    'data-api': {
      type: 'boolean',
      description: 'Serve the emulated Redshift account over the Redshift Data API instead',
      default: false,
    },
    config: {
      type: 'string',
      description: 'Config for a new account’s namespaces (--data-api without --dir)',
      default: 'rsp.config.json',
      valueHint: 'PATH',
    },
    'max-connections': { type: 'string', description: 'Concurrent connections', default: '32' },
  },
  async run({ args }) {
    if (args['data-api']) return serveDataApi(args)
    const port = intArg('port', args.port ?? '5439', 0, 65535)
    const maxConnections = intArg('max-connections', args['max-connections'], 1, 1000)
    const { usingPglite } = await import('../connections/using-pglite.js')
    const { startLocalServer } = await import('../local/local-server.js')
    const signal = interruption()
    const c = cli().colors
    await usingPglite({ dir: args.dir }, async (db) => {
      const server = await startLocalServer(db, { host: args.host, port, maxConnections })
      try {
        println(
          `${c.green('●')} serving ${args.dir ? `the database in ${args.dir}` : 'an in-memory database'} on ${server.host}:${server.port}`,
        )
        println(
          `  psql "postgres://postgres@${server.host}:${server.port}/postgres?sslmode=disable"`,
        )
        println(
          c.dim(
            '  Every connection is the superuser: act as a consumer with SET ROLE <consumer role>. Ctrl-C stops.',
          ),
        )
        if (!signal.aborted)
          await new Promise<void>((resolve) =>
            signal.addEventListener('abort', () => resolve(), { once: true }),
          )
      } finally {
        await server.stop()
      }
    })
    println('stopped')
  },
})

async function serveDataApi(args: {
  port?: string | undefined
  host: string
  dir?: string | undefined
  config: string
}): Promise<void> {
  const ctx = cli()
  const c = ctx.colors
  const port = intArg('port', args.port ?? '4599', 0, 65535)
  const [
    { existsSync },
    { resolve, join },
    { usingLocalAccount },
    { loadConfigOrFail },
    { validateConfigOrFail, plannedWorkgroups },
  ] = await Promise.all([
    import('node:fs'),
    import('node:path'),
    import('../local/local-account.js'),
    import('../config/load-config.js'),
    import('../config/validate-config.js'),
  ])
  const dir = args.dir ? resolve(ctx.cwd, args.dir) : undefined
  if (dir && !existsSync(join(dir, 'redshift')))
    throw new UsageError(
      `--dir ${JSON.stringify(args.dir)}: no account kept there; make one with rsp demo --keep ${args.dir}`,
      '--dir',
      args.dir,
    )
  const config = existsSync(resolve(ctx.cwd, args.config))
    ? await loadConfigOrFail(args.config, ctx.cwd)
    : validateConfigOrFail({ project: 'airline' }, '(defaults)')
  const namespaces = dir
    ? []
    : plannedWorkgroups(config).map((w) => ({
        namespaceName: w.name,
        workgroupName: w.name,
        adminUser: 'rsp_admin',
        dbName: 'dev',
        hasDefaultIamRole: w.role === 'producer',
        publiclyAccessible: w.public,
        baseCapacity: w.baseRpu,
        maxCapacity: w.maxRpu,
      }))
  const signal = interruption()
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  await usingLocalAccount(
    {
      namespaces,
      buckets: config.load ? [config.load.bucket] : [`${config.project}-rsp-demo`],
      dataDir: dir,
      serve: { host: args.host, port, anyCaller: true },
    },
    async (account) => {
      const url = account.dataApi.url
      println(
        `${c.green('●')} Redshift Data API of ${dir ? `the account in ${args.dir}` : 'a new emulated account'} at ${url}`,
      )
      println(`  S3 at ${account.s3.url} (path-style; credentials S3RVER/S3RVER)`)
      for (const ns of account.redshift.namespaces)
        println(
          `  workgroup ${ns.workgroup}  namespace ${ns.id}  database ${ns.database}  admin secret ${ns.adminSecretArn}`,
        )
      println('  Point the AWS SDK or CLI at it:')
      println(
        `    export AWS_ENDPOINT_URL_REDSHIFT_DATA=${url} AWS_ENDPOINT_URL_REDSHIFT_SERVERLESS=${url} AWS_ENDPOINT_URL_S3=${account.s3.url}`,
      )
      const first = account.redshift.namespaces[0]
      if (first)
        println(
          `    aws redshift-data execute-statement --workgroup-name ${first.workgroup} --database ${first.database} --secret-arn '${first.adminSecretArn}' --sql "select current_user"`,
        )
      println(
        c.dim(
          '  Any access key is accepted as the IAM role rsp-local (database user IAMR:rsp-local). Ctrl-C stops.',
        ),
      )
      if (!signal.aborted)
        await new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true }))
    },
  )
  println('stopped')
}

export default defineCommand({
  meta: {
    name: 'local',
    description:
      'Local targets: rsp local serve (wire protocol, or --data-api for the emulated account)',
  },
  subCommands: { serve },
})
