import { cli, eprintln, printJson, println } from '../context/cli-context.js'
import type { IdentityChoice } from '../deploy/identity-args.js'
import { UsageError } from '../errors/cli-errors.js'
import { sqlState } from '../errors/format-error.js'
import { progress } from '../output/progress.js'
import type { CopyOptions } from './redshift-load.js'

/** How much data, from which seed, on how many worker threads. */
export interface GenerationOptions {
  readonly scale: number
  readonly seed: number
  readonly workers?: number
}

type LoadSummary = Awaited<
  ReturnType<typeof import('@redshift-playground/datagen').loadAirlineData>
>

/**
 * `rsp load --to local|postgres://…`: migrate the airline schema and load generated data,
 * with progress bars on a terminal; prints the summary (or it as JSON).
 */
export async function loadIntoDatabase(o: {
  readonly to: string
  readonly dir: string | undefined
  /** `--lock-timeout` in seconds, parsed when a PostgreSQL load needs it. */
  readonly lockTimeout: () => number
  readonly generation: GenerationOptions
  readonly json: boolean
}): Promise<void> {
  const ctx = cli()
  const bars = await progress()
  let summary: LoadSummary
  try {
    if (o.to === 'local') {
      if (!o.dir)
        throw new UsageError(
          '--to local needs --dir DIR (an in-memory database would be lost at exit)',
          '--dir',
          undefined,
        )
      summary = await loadLocal(o.dir, o.generation, bars.onProgress)
    } else if (/^postgres(ql)?:\/\//.test(o.to)) {
      summary = await loadPostgres(o.to, o.lockTimeout, o.generation, bars.onProgress)
    } else {
      throw new UsageError(
        `--to ${JSON.stringify(o.to)}: use local, a postgres:// URL, s3-copy or data-api`,
        '--to',
        o.to,
      )
    }
  } finally {
    bars.stop()
  }
  if (o.json) {
    printJson(summary)
    return
  }
  println(
    `${ctx.colors.green('✔')} loaded ${summary.rows.toLocaleString('en-US')} rows into ${summary.tables.length} tables in ${summary.seconds.toFixed(1)} s`,
  )
}

type OnProgress = Awaited<ReturnType<typeof progress>>['onProgress']

/** The embedded database in `dir` (made when missing). */
async function loadLocal(
  dir: string,
  generation: GenerationOptions,
  onProgress: OnProgress,
): Promise<LoadSummary> {
  const { resolve } = await import('node:path')
  const d = await import('@redshift-playground/datagen')
  const { usingLocalWarehouse, migrateLocal } = await import('../local/local-warehouse.js')
  const target = { dir: resolve(cli().cwd, dir), create: true } // made when missing
  return usingLocalWarehouse(target, async (w) => {
    await migrateLocal(w.producer)
    return d.loadAirlineData({
      ...generation,
      sink: new d.PGliteSink({ db: w.pglite }),
      ...(onProgress ? { onProgress } : {}),
    })
  })
}

/** A PostgreSQL server, retried when a reader's lock makes the load wait too long. */
async function loadPostgres(
  url: string,
  lockTimeoutS: () => number,
  generation: GenerationOptions,
  onProgress: OnProgress,
): Promise<LoadSummary> {
  const [d, pg, { migrateLocal }, { usingPostgres }] = await Promise.all([
    import('@redshift-playground/datagen'),
    import('pg').then((m) => m.default),
    import('../local/local-warehouse.js'),
    import('../connections/using-kysely.js'),
  ])
  const lockTimeout = lockTimeoutS()
  const pool = new pg.Pool({ connectionString: url, max: 4 })
  // A lost connection (the server stopped, the session terminated) fails the query in
  // flight; without a listener pg would also crash the process on its 'error' event. The first
  // such error is kept: a query sent later on that client fails only with pg's "Client has
  // encountered a connection error and is not queryable", which does not say why.
  let lost: Error | undefined
  const keep = (error: Error) => {
    lost ??= error
  }
  pool.on('error', keep)
  pool.on('connect', (client) => {
    client.on('error', keep)
    // TRUNCATE waits for every reader's lock, and new readers queue behind it: give up
    // after --lock-timeout seconds instead of stalling them all, then retry.
    client.query(`SET lock_timeout = ${Math.round(lockTimeout * 1000)}`).catch(() => {})
  })
  try {
    // Destroying the Kysely ends the pool.
    return await usingPostgres(pool, (db) =>
      retryOnLockTimeout(lockTimeout, async () => {
        await migrateLocal(db)
        return d.loadAirlineData({
          ...generation,
          sink: new d.PostgresSink({ client: pool }),
          ...(onProgress ? { onProgress } : {}),
        })
      }),
    )
  } catch (error) {
    const said = error instanceof Error ? error.message : String(error)
    if (lost === undefined || said.includes(lost.message)) throw error
    throw Object.assign(
      new Error(`the connection to PostgreSQL was lost during the load: ${lost.message}`),
      { code: 'CONNECTION_LOST', cause: error },
    )
  }
}

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

/** What `rsp load --to s3-copy|data-api` was asked, every flag checked. */
export interface RedshiftLoadRequest {
  readonly where: { readonly workgroupName: string; readonly database: string }
  readonly choice: IdentityChoice
  readonly copy: CopyOptions
  /** `--to s3-copy`: generate and upload here, then COPY. */
  readonly s3Prefix?: string | undefined
  /** `--to data-api`: COPY the files already under this prefix. */
  readonly manifestPrefix?: string | undefined
  readonly generation: GenerationOptions
  readonly region: string | undefined
  readonly profile: string | undefined
  readonly json: boolean
}

/**
 * `rsp load --to s3-copy|data-api`: settle who runs the statements and the COPY role, then
 * COPY from the manifests, or generate, upload and COPY.
 */
export async function loadIntoRedshift(r: RedshiftLoadRequest): Promise<void> {
  const [aws, load, rs] = await Promise.all([
    import('../connections/aws-clients.js'),
    import('./redshift-load.js'),
    import('@aws-sdk/client-redshift-serverless'),
  ])
  await load.checkCopyOptions(r.copy)
  // biome-ignore lint/suspicious/noExplicitAny: one provider-chain config for every client
  const clientConfig: any = await aws.awsClientConfig({ region: r.region, profile: r.profile })
  await aws.requireAwsAccess(clientConfig)
  const serverless = new rs.RedshiftServerlessClient(clientConfig)
  const data = await aws.dataApiClientFactory.create(clientConfig)
  try {
    // Before anything is generated, uploaded or COPYed: who runs it, and the COPY role.
    const { producerCopyAccess } = await import('./producer-access.js')
    const { target, role, identity } = await producerCopyAccess({
      serverless,
      data,
      where: r.where,
      choice: r.choice,
      copy: r.copy,
    })
    if (!r.json)
      println(
        `${r.where.workgroupName}/${r.where.database}: as ${identity}; COPY with ${role.source === 'default' ? 'the namespace’s default IAM role' : 'the given role'} ${role.arn}`,
      )
    if (r.manifestPrefix !== undefined) {
      const { manifestPrefix, copy } = r
      const result = await load.copyFromManifests({ data, target, manifestPrefix, copy })
      if (r.json) {
        printJson(result)
        return
      }
      println(
        `${cli().colors.green('✔')} COPYed ${result.tables.length} tables from ${manifestPrefix} into ${target.workgroupName}/${target.database} in ${result.seconds.toFixed(1)} s`,
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
        s3Prefix: r.s3Prefix as string,
        generation: r.generation,
        copy: r.copy,
        onProgress: bars.onProgress,
      })
      bars.stop()
      if (r.json) {
        printJson({ ...summary, s3Prefix: r.s3Prefix })
        return
      }
      println(
        `${cli().colors.green('✔')} uploaded to ${r.s3Prefix} and COPYed ${summary.rows.toLocaleString('en-US')} rows into ${summary.tables.length} tables of ${target.workgroupName}/${target.database} in ${summary.seconds.toFixed(1)} s`,
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
