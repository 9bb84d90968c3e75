import { cli, interruption, println } from '../context/cli-context.js'
import { UsageError } from '../errors/cli-errors.js'

/** What `rsp local serve` (the wire protocol) was asked, every flag checked. */
export interface ServeDatabaseRequest {
  readonly dir: string | undefined
  readonly host: string
  readonly port: number
  readonly maxConnections: number
  readonly idleSeconds: number
  readonly password: string | undefined
  /** The variable the password came from (--password-env), to name it in the output. */
  readonly passwordEnv: string | undefined
}

/**
 * `rsp local serve`: a copy of the database in `dir` (or an empty one) behind a real
 * PostgreSQL server until Ctrl-C; prints how to connect.
 */
export async function serveDatabase(o: ServeDatabaseRequest): Promise<void> {
  const ctx = cli()
  const [{ resolve }, { startLocalServer }] = await Promise.all([
    import('node:path'),
    import('./local-server.js'),
  ])
  const signal = interruption()
  const c = ctx.colors
  const server = await startLocalServer({
    dir: o.dir ? resolve(ctx.cwd, o.dir) : undefined,
    host: o.host,
    port: o.port,
    maxConnections: o.maxConnections,
    password: o.password,
    idleInTransactionTimeoutSeconds: o.idleSeconds,
    command: `rsp local serve${o.dir ? ` --dir ${o.dir}` : ''}`,
    env: ctx.env,
  })
  let died: string | undefined
  try {
    const at = `${server.host.includes(':') ? `[${server.host}]` : server.host}:${server.port}`
    const shown = ['0.0.0.0', '::', '*'].includes(server.host) ? `127.0.0.1:${server.port}` : at
    println(
      `${c.green('●')} serving ${o.dir ? `a copy of the database in ${o.dir} (${server.tables} tables, ${server.rows.toLocaleString('en-US')} rows)` : 'an empty database'} on ${at}, started in ${(server.startMs / 1000).toFixed(1)} s`,
    )
    const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`
    if (o.dir)
      println(
        c.dim(
          `  start-up: database read ${sec(server.phases.read)} while the server started (${sec(server.phases.server)}), copy restored ${sec(server.phases.restore)}`,
        ),
      )
    if (server.generatedPassword)
      println(
        `  password of every role: ${server.password}  ${c.dim('(generated; choose one with --password-env VAR)')}`,
      )
    else if (server.password) println(`  password of every role: the value of ${o.passwordEnv}`)
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
        `  TLS offered (self-signed: sslmode=prefer or require), ${o.maxConnections} connections at most. Writes through this endpoint stay in the served copy; ${o.dir ? `${o.dir} is locked until` : 'all is gone when'} Ctrl-C stops it.`,
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
}

/** `rsp local serve --data-api`: the emulated account behind the Data API until Ctrl-C. */
export async function serveDataApi(args: {
  readonly port: number
  readonly host: string
  readonly dir?: string | undefined
  readonly config: string
}): Promise<void> {
  const ctx = cli()
  const c = ctx.colors
  const port = args.port
  const [
    { existsSync },
    { resolve, join },
    { usingLocalAccount },
    { loadConfigOrFail },
    { validateConfigOrFail, plannedWorkgroups },
  ] = await Promise.all([
    import('node:fs'),
    import('node:path'),
    import('./local-account.js'),
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
  const { lockDataDirOrFail } = await import('./data-dir-lock.js')
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
