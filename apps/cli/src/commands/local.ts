import { defineCommand } from 'citty'
import { cli, interruption, println } from '../context/cli-context.js'
import { UsageError } from '../errors/cli-errors.js'
import { describe } from './catalogue.js'
import { intArg } from './shared-args.js'

const serve = defineCommand({
  meta: {
    name: 'serve',
    description: [
      'Serve a local database. Without --data-api: the database in DIR (made by rsp demo --target',
      'postgres --keep or rsp load --to local) over the Postgres wire protocol, through a real',
      'PostgreSQL server, so psql, JDBC/BI tools and drivers connect as they would to Redshift:',
      'a session per connection, concurrent queries, TLS offered, Ctrl-C in psql cancels, consumers',
      'log in as their own role. The server holds a copy made at start: writes through it are',
      'not saved to DIR, and DIR stays locked (rsp load/share wait for Ctrl-C). Beyond loopback',
      '(--host 0.0.0.0) every role needs a password (SCRAM-SHA-256), generated unless',
      '--password-env names one. With --data-api: the emulated Redshift Serverless account (kept',
      'by rsp demo --keep DIR, or a new one with the config’s namespaces) behind the Redshift Data',
      'API and the read-only Serverless control plane, with its local S3, for your own AWS SDK',
      'code. Ctrl-C stops.',
      '',
      'Examples:',
      '  rsp demo --target postgres --keep .rsp/db && rsp local serve --dir .rsp/db',
      '  psql "postgres://analytics@127.0.0.1:5439/postgres"',
      '  rsp local serve --dir .rsp/db --host 0.0.0.0 --password-env RSP_SERVE_PASSWORD',
      '  rsp demo --keep .rsp/account && rsp local serve --data-api --dir .rsp/account --port 4599',
    ].join('\n'),
  },
  args: {
    port: {
      type: 'string',
      description: 'TCP port (0: any free port; default 5439, or 4599 with --data-api)',
    },
    host: {
      type: 'string',
      description: 'Address to listen on (beyond loopback, a password is required)',
      default: '127.0.0.1',
    },
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
    'max-connections': {
      type: 'string',
      description: 'Concurrent client connections; one more gets SQLSTATE 53300',
      default: '32',
    },
    'password-env': {
      type: 'string',
      description: 'Environment variable holding the password of every role (SCRAM-SHA-256)',
      valueHint: 'VAR',
    },
    'idle-in-transaction-timeout': {
      type: 'string',
      description: 'End a session idle inside a transaction after S seconds (0: never)',
      default: '600',
      valueHint: 'S',
    },
  },
  async run({ args }) {
    if (args['data-api']) return serveDataApi(args)
    const ctx = cli()
    const port = intArg('port', args.port ?? '5439', 0, 65535)
    const maxConnections = intArg('max-connections', args['max-connections'], 1, 1000)
    const idle = intArg(
      'idle-in-transaction-timeout',
      args['idle-in-transaction-timeout'],
      0,
      86_400,
    )
    let password: string | undefined
    if (args['password-env'] !== undefined) {
      password = ctx.env[args['password-env']]
      if (!password)
        throw new UsageError(
          `--password-env ${args['password-env']}: the variable is not set (or empty)`,
          '--password-env',
          args['password-env'],
        )
    }
    const [{ resolve }, { startLocalServer }] = await Promise.all([
      import('node:path'),
      import('../local/local-server.js'),
    ])
    const signal = interruption()
    const c = ctx.colors
    const server = await startLocalServer({
      dir: args.dir ? resolve(ctx.cwd, args.dir) : undefined,
      host: args.host,
      port,
      maxConnections,
      password,
      idleInTransactionTimeoutSeconds: idle,
      command: `rsp local serve${args.dir ? ` --dir ${args.dir}` : ''}`,
      env: ctx.env,
    })
    let died: string | undefined
    try {
      const at = `${server.host.includes(':') ? `[${server.host}]` : server.host}:${server.port}`
      const shown = ['0.0.0.0', '::', '*'].includes(server.host) ? `127.0.0.1:${server.port}` : at
      println(
        `${c.green('●')} serving ${args.dir ? `a copy of the database in ${args.dir} (${server.tables} tables, ${server.rows.toLocaleString('en-US')} rows)` : 'an empty database'} on ${at}, started in ${(server.startMs / 1000).toFixed(1)} s`,
      )
      const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`
      if (args.dir)
        println(
          c.dim(
            `  start-up: database read ${sec(server.phases.read)} while the server started (${sec(server.phases.server)}), copy restored ${sec(server.phases.restore)}`,
          ),
        )
      if (server.generatedPassword)
        println(
          `  password of every role: ${server.password}  ${c.dim('(generated; choose one with --password-env VAR)')}`,
        )
      else if (server.password)
        println(`  password of every role: the value of ${args['password-env']}`)
      const pw = server.password ? 'PGPASSWORD=… ' : ''
      println(`  ${pw}psql "postgres://postgres@${shown}/postgres"   ${c.dim('(superuser)')}`)
      const consumer = server.configuredRoles[0] ?? server.roles[0]
      if (consumer) {
        println(
          `  ${pw}psql "postgres://${consumer}@${shown}/postgres"   ${c.dim('(log in as a role: its search_path, grants, masking and row filters apply)')}`,
        )
        println(c.dim(`  roles: ${server.roles.join(', ')}`))
      }
      for (const w of server.warnings) println(c.yellow(`  ! skipped ${w}`))
      println(
        c.dim(
          `  TLS offered (self-signed: sslmode=prefer or require), ${maxConnections} connections at most. Writes through this endpoint stay in the served copy; ${args.dir ? `${args.dir} is locked until` : 'all is gone when'} Ctrl-C stops it.`,
        ),
      )
      if (!signal.aborted)
        died = await Promise.race([
          server.died,
          new Promise<undefined>((resolveStop) =>
            signal.addEventListener('abort', () => resolveStop(undefined), { once: true }),
          ),
        ])
    } finally {
      await server.stop()
    }
    if (died !== undefined) throw new Error(`the PostgreSQL server stopped unexpectedly:\n${died}`)
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
        baseCapacity: w.baseCapacity,
        maxCapacity: w.maxCapacity,
      }))
  const signal = interruption()
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  const { lockDataDirOrFail } = await import('../local/data-dir-lock.js')
  const lock = dir
    ? lockDataDirOrFail(dir, `rsp local serve --data-api --dir ${args.dir}`)
    : undefined
  try {
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
          await new Promise<void>((r) =>
            signal.addEventListener('abort', () => r(), { once: true }),
          )
      },
    )
  } finally {
    lock?.release()
  }
  println('stopped')
}

export default defineCommand({
  meta: {
    name: 'local',
    description: describe('local'),
  },
  subCommands: { serve },
})
