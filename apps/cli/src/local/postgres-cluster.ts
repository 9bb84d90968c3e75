import { type ChildProcess, spawn } from 'node:child_process'
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { platform, tmpdir } from 'node:os'
import { join } from 'node:path'
import type pg from 'pg'
import { PortInUseError } from './port-check.js'
import type { PostgresBinaries, ServerAccount } from './postgres-binaries.js'
import type { SelfSignedCert } from './self-signed-cert.js'

/** How the served PostgreSQL is configured. */
export interface ClusterSettings {
  /** listen_addresses */
  readonly host: string
  readonly port: number
  readonly maxConnections: number
  /** 0 turns the timeout off. */
  readonly idleInTransactionTimeoutMs: number
  readonly tls: SelfSignedCert
}

// One shell runs initdb and then the server, without waiting on rsp's event loop (busy copying
// the PGlite database meanwhile), and stops the server (fast shutdown) when rsp's end of stdin
// closes: when rsp stops it, and also when rsp itself dies (a second Ctrl-C, a kill), so no
// server outlives rsp. Stopped that way, it also removes the throwaway cluster.
const WATCHDOG = [
  'exec 3<&0 </dev/null',
  'log="$RSP_PG_ROOT/server.log"',
  '"$RSP_INITDB" --pgdata="$RSP_PG_ROOT/data" --username=postgres --auth=trust --encoding=UTF8 \\',
  '  --no-locale --no-sync --no-instructions >>"$log" 2>&1 || exit 90',
  '"$@" 3<&- >>"$log" 2>&1 &',
  'pg=$!',
  '( read -r _ <&3; : >"$RSP_PG_ROOT/stopping"; kill -INT "$pg" 2>/dev/null ) &',
  'watch=$!',
  'wait "$pg"',
  'status=$?',
  'kill "$watch" 2>/dev/null',
  '[ -f "$RSP_PG_ROOT/stopping" ] && rm -rf "$RSP_PG_ROOT"',
  'exit "$status"',
].join('\n')

/** The watchdog's exit code when initdb failed. */
const INITDB_FAILED = 90

/**
 * A throwaway PostgreSQL cluster in a private temporary directory: `initdb`, then the server
 * started on `host:port` and on a Unix socket inside that directory. Until {@link openTcp},
 * only the socket (rsp itself) may connect; TCP clients are turned away by pg_hba.conf.
 * `stop()` shuts it down and deletes the directory.
 */
export class PostgresCluster {
  readonly root: string
  readonly settings: ClusterSettings
  readonly #account: ServerAccount | undefined
  readonly #child: ChildProcess
  readonly exited: Promise<number | null>
  #stopped = false

  private constructor(
    root: string,
    settings: ClusterSettings,
    account: ServerAccount | undefined,
    child: ChildProcess,
  ) {
    this.root = root
    this.settings = settings
    this.#account = account
    this.#child = child
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null) resolve(child.exitCode)
      else child.once('exit', (code) => resolve(code))
      child.once('error', () => resolve(null)) // /bin/sh could not start
    })
  }

  /** Creates, starts and waits for the cluster; a taken port is a PortInUseError. */
  static async startOrFail(
    bins: PostgresBinaries,
    account: ServerAccount | undefined,
    settings: ClusterSettings,
  ): Promise<PostgresCluster> {
    const root = mkdtempSync(join(tmpdir(), 'rsp-serve-'))
    try {
      const own = (path: string, mode: number) => {
        chmodSync(path, mode)
        if (account) chownSync(path, account.uid, account.gid)
      }
      own(root, 0o700)
      const file = (name: string, text: string, mode = 0o600) => {
        const path = join(root, name)
        writeFileSync(path, text)
        own(path, mode)
        return path
      }
      file('server.crt', settings.tls.cert, 0o644)
      file('server.key', settings.tls.key)
      file('pg_hba.conf', 'local all all trust\n')
      file('server.log', '')

      const settingsArgs: Record<string, string | number> = {
        listen_addresses: settings.host,
        port: settings.port,
        unix_socket_directories: root,
        unix_socket_permissions: '0700',
        hba_file: join(root, 'pg_hba.conf'),
        max_connections: settings.maxConnections,
        superuser_reserved_connections: 0,
        reserved_connections: 0,
        idle_in_transaction_session_timeout: settings.idleInTransactionTimeoutMs,
        ssl: 'on',
        ssl_cert_file: join(root, 'server.crt'),
        ssl_key_file: join(root, 'server.key'),
        password_encryption: 'scram-sha-256',
        // A copy that is thrown away at stop: durability buys nothing here.
        fsync: 'off',
        synchronous_commit: 'off',
        full_page_writes: 'off',
        wal_level: 'minimal',
        max_wal_senders: 0,
        lc_messages: 'C',
        log_min_messages: 'warning',
        // A query whose client has gone is cancelled within a second (needs POLLRDHUP: Linux).
        ...(platform() === 'linux' ? { client_connection_check_interval: 1000 } : {}),
      }
      const args = ['-D', join(root, 'data')]
      for (const [k, v] of Object.entries(settingsArgs)) args.push('-c', `${k}=${v}`)
      const child = spawn('/bin/sh', ['-c', WATCHDOG, 'rsp-postgres', bins.postgres, ...args], {
        stdio: ['pipe', 'ignore', 'ignore'],
        cwd: root,
        detached: true, // its own process group: Ctrl-C reaches rsp, which stops it in order
        env: { ...process.env, RSP_PG_ROOT: root, RSP_INITDB: bins.initdb, LC_ALL: 'C' },
        ...(account ? { uid: account.uid, gid: account.gid } : {}),
      })
      child.stdin?.on('error', () => undefined)
      const cluster = new PostgresCluster(root, settings, account, child)
      try {
        await cluster.#waitReady()
      } catch (error) {
        await cluster.stop()
        throw error
      }
      return cluster
    } catch (error) {
      rmSync(root, { recursive: true, force: true })
      throw error
    }
  }

  /** A client on the private Unix socket, as the bootstrap superuser `postgres`. */
  async connect(): Promise<pg.Client> {
    const { default: pgModule } = await import('pg')
    const client = new pgModule.Client({
      host: this.root,
      port: this.settings.port,
      user: 'postgres',
      database: 'postgres',
    })
    client.on('error', () => undefined)
    await client.connect()
    return client
  }

  /** Replaces pg_hba.conf (the socket stays trusted) and makes the server reload it. */
  async openTcp(hbaLines: readonly string[]): Promise<void> {
    const path = join(this.root, 'pg_hba.conf')
    writeFileSync(path, ['local all all trust', ...hbaLines, ''].join('\n'))
    if (this.#account) chownSync(path, this.#account.uid, this.#account.gid)
    const client = await this.connect()
    try {
      await client.query('SELECT pg_reload_conf()')
    } finally {
      await client.end()
    }
  }

  /** The server's log (errors, warnings), for messages. */
  logTail(lines = 20): string {
    try {
      return readFileSync(join(this.root, 'server.log'), 'utf8')
        .trimEnd()
        .split('\n')
        .slice(-lines)
        .join('\n')
    } catch {
      return ''
    }
  }

  /** Fast shutdown (sessions are ended, in-flight queries cancelled), then the directory goes. */
  async stop(): Promise<void> {
    if (this.#stopped) return
    this.#stopped = true
    this.#child.stdin?.end()
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000).unref())
    if ((await Promise.race([this.exited, timeout])) === 'timeout') {
      const pid = this.#postmasterPid()
      if (pid) {
        try {
          process.kill(pid, 'SIGQUIT')
        } catch {}
      }
      try {
        if (this.#child.pid) process.kill(-this.#child.pid, 'SIGKILL')
      } catch {}
      await Promise.race([this.exited, new Promise((r) => setTimeout(r, 2000).unref())])
    }
    rmSync(this.root, { recursive: true, force: true, maxRetries: 3 })
  }

  #postmasterPid(): number | undefined {
    try {
      const pid = Number(
        readFileSync(join(this.root, 'data', 'postmaster.pid'), 'utf8').split('\n')[0],
      )
      return Number.isInteger(pid) && pid > 0 ? pid : undefined
    } catch {
      return undefined
    }
  }

  async #waitReady(): Promise<void> {
    const deadline = Date.now() + 60_000
    let exited = false
    void this.exited.then(() => {
      exited = true
    })
    for (;;) {
      if (exited) {
        const log = this.logTail()
        if ((await this.exited) === INITDB_FAILED) throw new Error(`initdb failed:\n${log}`)
        if (/could not bind|could not create any TCP\/IP sockets/.test(log) && /in use/i.test(log))
          throw new PortInUseError(this.settings.host, this.settings.port)
        throw new Error(`the PostgreSQL server did not start:\n${log}`)
      }
      try {
        const client = await this.connect()
        await client.end()
        return
      } catch (error) {
        if (Date.now() > deadline)
          throw new Error(
            `the PostgreSQL server did not accept connections within 60 s (${(error as Error).message}):\n${this.logTail()}`,
          )
      }
      await new Promise((r) => setTimeout(r, 50))
    }
  }
}
