import { randomBytes } from 'node:crypto'
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { isIP } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { DataDirLock } from './data-dir-lock.js'
import type { PostgresCluster } from './postgres-cluster.js'
import type { ServedCopy } from './served-copy.js'

export interface LocalServerOptions {
  /** A PGlite data directory to serve (a copy of it); none: an empty database. */
  readonly dir?: string | undefined
  /** @default '127.0.0.1' */
  readonly host?: string
  /** 0 picks a free port. @default 5439 */
  readonly port?: number
  /** Client connections; one more is refused with SQLSTATE 53300. @default 32 */
  readonly maxConnections?: number
  /**
   * The password of every role (SCRAM-SHA-256). Required beyond loopback: generated when
   * missing. On loopback without it, connections need no password.
   */
  readonly password?: string | undefined
  /** A session idle inside a transaction this long is ended (0: never). @default 600 */
  readonly idleInTransactionTimeoutSeconds?: number
  /** What the lock file names as the holder. */
  readonly command?: string
  readonly env?: Readonly<Record<string, string | undefined>>
}

export interface LocalServer {
  readonly host: string
  readonly port: number
  /** The password every role needs, when one is required. */
  readonly password: string | undefined
  /** True when rsp made the password up (print it). */
  readonly generatedPassword: boolean
  /** Roles copied from the database; each may log in as itself. */
  readonly roles: readonly string[]
  /** Those with role-level settings (consumers). */
  readonly configuredRoles: readonly string[]
  readonly tables: number
  readonly rows: number
  readonly warnings: readonly string[]
  /** Milliseconds from start to accepting connections. */
  readonly startMs: number
  /**
   * Where the start-up went, in milliseconds: `read` (PGlite opened and copied out) and
   * `server` (initdb and start) overlap; `restore` follows both.
   */
  readonly phases: Readonly<Record<'read' | 'server' | 'restore', number>>
  /** Where the server binaries came from. */
  readonly engine: string
  /** Resolves when the server stops by itself (it crashed): its log's last lines. */
  readonly died: Promise<string>
  stop(): Promise<void>
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true
  if (isIP(host) === 4) return host.startsWith('127.')
  return host === '::1'
}

/**
 * Serves a local database over the PostgreSQL wire protocol through a real PostgreSQL server
 * (PGlite runs one session at a time; a server gives every connection its own session,
 * concurrent queries, TLS, cancel requests, connection limits and timeouts as PostgreSQL
 * itself implements them). The data directory is locked for as long as the server runs; its
 * database is copied into a throwaway cluster at start (roles, schema, rows, settings), and
 * writes through the endpoint stay in that copy.
 *
 * @example
 * const server = await startLocalServer({ dir: '/abs/.rsp/db', port: 0 })
 * // psql "postgres://analytics@127.0.0.1:${server.port}/postgres"
 * await server.stop()
 */
export async function startLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  const t0 = performance.now()
  const host = options.host ?? '127.0.0.1'
  const [{ claimPortOrFail }, { findPostgresBinariesOrFail, serverAccount }] = await Promise.all([
    import('./port-check.js'),
    import('./postgres-binaries.js'),
  ])
  const bins = await findPostgresBinariesOrFail(options.env)
  // A taken port fails here, at once, before anything slow.
  const port = await claimPortOrFail(host, options.port ?? 5439)
  const account = serverAccount()
  const loopback = isLoopback(host)
  const generatedPassword = !loopback && !options.password
  const password =
    options.password ?? (loopback ? undefined : randomBytes(12).toString('base64url'))

  let lock: DataDirLock | undefined
  if (options.dir) {
    const { openLocalDataDirOrFail } = await import('./local-data-dir.js')
    lock = openLocalDataDirOrFail({
      dir: resolve(options.dir),
      ...(options.command ? { command: options.command } : {}),
    })
  }
  const [{ PostgresCluster: Cluster }, { selfSignedCert }, { snapshotPglite, restoreSnapshot }] =
    await Promise.all([
      import('./postgres-cluster.js'),
      import('./self-signed-cert.js'),
      import('./served-copy.js'),
    ])
  const staging = mkdtempSync(join(tmpdir(), 'rsp-serve-copy-'))
  if (account) chownSync(staging, account.uid, account.gid)
  chmodSync(staging, 0o700)
  let cluster: PostgresCluster | undefined
  try {
    // The certificate names this machine, and the listen address when it is a specific one.
    const names = ['localhost', '127.0.0.1', '::1']
    if (!names.includes(host) && !['0.0.0.0', '::', '*'].includes(host)) names.push(host)
    const timed = async <T>(p: Promise<T>): Promise<[T, number]> => {
      const t = performance.now()
      return [await p, performance.now() - t]
    }
    const [serving, reading] = await Promise.allSettled([
      timed(
        Cluster.startOrFail(bins, account, {
          host,
          port,
          maxConnections: options.maxConnections ?? 32,
          idleInTransactionTimeoutMs: (options.idleInTransactionTimeoutSeconds ?? 600) * 1000,
          tls: selfSignedCert('rsp local serve', names),
        }),
      ),
      timed(
        options.dir
          ? readSnapshot(options.dir, staging, account, snapshotPglite)
          : Promise.resolve(undefined),
      ),
    ])
    // Both settle before either failure is thrown, so a started server is never left behind.
    if (serving.status === 'fulfilled') cluster = serving.value[0]
    if (serving.status === 'rejected') throw serving.reason
    if (reading.status === 'rejected') throw reading.reason
    const [running, serverMs] = serving.value
    const [snapshot, readMs] = reading.value
    const restoring = performance.now()
    const client = await running.connect()
    let copy: ServedCopy = { roles: [], configuredRoles: [], tables: 0, rows: 0, warnings: [] }
    try {
      if (snapshot) copy = await restoreSnapshot(client, snapshot)
      if (password) {
        for (const role of ['postgres', ...copy.roles])
          await client.query(
            `ALTER ROLE "${role.replaceAll('"', '""')}" PASSWORD '${password.replaceAll("'", "''")}'`,
          )
      }
    } finally {
      await client.end()
    }
    const method = password ? 'scram-sha-256' : 'trust'
    await running.openTcp(
      loopback
        ? [`host all all 127.0.0.1/32 ${method}`, `host all all ::1/128 ${method}`]
        : [`host all all 0.0.0.0/0 ${method}`, `host all all ::/0 ${method}`],
    )
    await waitForTcp(host, port, password)
    const died = running.exited.then(() => running.logTail())
    return {
      host,
      port,
      password,
      generatedPassword,
      roles: copy.roles,
      configuredRoles: copy.configuredRoles,
      tables: copy.tables,
      rows: copy.rows,
      warnings: copy.warnings,
      startMs: performance.now() - t0,
      phases: { read: readMs, server: serverMs, restore: performance.now() - restoring },
      engine: `PostgreSQL ${bins.source}`,
      died,
      async stop() {
        try {
          await running.stop()
        } finally {
          lock?.release()
        }
      },
    }
  } catch (error) {
    await cluster?.stop().catch(() => undefined)
    lock?.release()
    throw error
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}

async function readSnapshot(
  dir: string,
  staging: string,
  account: { uid: number; gid: number } | undefined,
  snapshotPglite: typeof import('./served-copy.js').snapshotPglite,
) {
  const { PGlite } = await import('@electric-sql/pglite')
  const db = await PGlite.create(resolve(dir))
  try {
    return await snapshotPglite(db, (name, data) => {
      const path = join(staging, name)
      writeFileSync(path, data, { mode: 0o600 })
      if (account) chownSync(path, account.uid, account.gid)
      return path
    })
  } finally {
    await db.close()
  }
}

/** pg_hba.conf is reloaded asynchronously: wait until a TCP client gets in. */
async function waitForTcp(host: string, port: number, password: string | undefined): Promise<void> {
  const { default: pg } = await import('pg')
  const target = host === '0.0.0.0' || host === '*' ? '127.0.0.1' : host === '::' ? '::1' : host
  const deadline = Date.now() + 10_000
  for (;;) {
    const client = new pg.Client({
      host: target,
      port,
      user: 'postgres',
      database: 'postgres',
      ...(password ? { password } : {}),
    })
    client.on('error', () => undefined)
    try {
      await client.connect()
      await client.end()
      return
    } catch (error) {
      await client.end().catch(() => undefined)
      if (Date.now() > deadline) throw error
      await new Promise((r) => setTimeout(r, 50))
    }
  }
}
