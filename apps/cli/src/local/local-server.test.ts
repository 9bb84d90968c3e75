// `rsp local serve` driven by real clients: psql, node `pg`, Python psycopg2 and JDBC (pgjdbc,
// as DBeaver, Metabase and Tableau use it). Each `describe` names the failure it guards
// against, as first reported (issue 18) against the PGlite socket server it replaced.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type Server, Socket } from 'node:net'
import { platform, tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../cli.js'
import { runCli, tempProject } from '../test-cli.js'

function installed(cmd: string, args: readonly string[] = ['--version']): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
const PSQL = installed('psql')
const JDBC_JAR = '/usr/share/java/postgresql.jar'
const JDBC = installed('java', ['-version']) && existsSync(JDBC_JAR)
const PYTHON = '/usr/bin/python3'
const PSYCOPG2 = installed(PYTHON, ['-c', 'import psycopg2'])
if (!PSQL)
  console.warn(
    'psql is not installed: the psql tests are skipped (apt-get install postgresql-client)',
  )
if (!JDBC)
  console.warn(
    'java or pgjdbc is not installed: the JDBC tests are skipped (apt-get install libpostgresql-jdbc-java)',
  )
if (!PSYCOPG2)
  console.warn(
    'psycopg2 is not installed: the psycopg2 tests are skipped (apt-get install python3-psycopg2)',
  )

/** Client environment without the caller's PG* settings, so clients use their defaults. */
function clientEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PG')) env[k] = v
  return { ...env, PGCONNECT_TIMEOUT: '10', ...extra }
}

interface Serving {
  readonly port: number
  readonly out: () => string
  readonly err: () => string
  stop(): Promise<number>
}

/** `rsp local serve …` in this process, until stop(); fails if it ends before it serves. */
async function serve(
  args: readonly string[],
  cwd = process.cwd(),
  env: Record<string, string> = {},
): Promise<Serving> {
  const controller = new AbortController()
  let out = ''
  let err = ''
  let ended: number | undefined
  const serving = run(['local', 'serve', '--port', '0', ...args], {
    out: (s) => {
      out += s
    },
    err: (s) => {
      err += s
    },
    env: { NO_COLOR: '1', ...env },
    cwd,
    signal: controller.signal,
  }).then((code) => {
    ended = code
    return code
  })
  const deadline = Date.now() + 120_000
  for (;;) {
    const port = / on (?:127\.0\.0\.1|0\.0\.0\.0):(\d+)/.exec(out)?.[1]
    if (port)
      return {
        port: Number(port),
        out: () => out,
        err: () => err,
        stop: () => {
          controller.abort()
          return serving
        },
      }
    if (ended !== undefined || Date.now() > deadline)
      throw new Error(`rsp local serve ended (${ended}) before serving:\n${out}\n${err}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** pg's Client knows its backend's PID (BackendKeyData) but does not declare it. */
const pidOf = (c: pg.Client) => (c as unknown as { processID: number }).processID

function client(port: number, user = 'postgres', extra: pg.ClientConfig = {}): pg.Client {
  const c = new pg.Client({ host: '127.0.0.1', port, user, database: 'postgres', ...extra })
  c.on('error', () => undefined)
  return c
}

async function connected(port: number, user = 'postgres', extra: pg.ClientConfig = {}) {
  const c = client(port, user, extra)
  await c.connect()
  return c
}

function psql(port: number, conninfo: string, sql: string, env: Record<string, string> = {}) {
  return spawnSync(
    'psql',
    [`host=127.0.0.1 port=${port} dbname=postgres ${conninfo}`, '-XAtc', sql],
    {
      encoding: 'utf8',
      timeout: 30_000,
      env: clientEnv(env),
    },
  )
}

/**
 * Sends raw bytes as the first packet; resolves with what came back once the server closes
 * (or, with `firstByte`, as soon as it answers), or after `keepOpenMs` with closed false.
 */
function rawExchange(
  port: number,
  bytes: Buffer,
  keepOpenMs = 10_000,
  firstByte = false,
): Promise<{ reply: Buffer; closed: boolean }> {
  return new Promise((resolve) => {
    const s = new Socket()
    const chunks: Buffer[] = []
    const done = (closed: boolean) => {
      clearTimeout(timer)
      s.destroy()
      resolve({ reply: Buffer.concat(chunks), closed })
    }
    const timer = setTimeout(() => done(false), keepOpenMs)
    s.on('data', (d) => {
      chunks.push(d)
      if (firstByte) done(false)
    })
    s.on('close', () => done(true))
    s.on('error', () => undefined)
    s.connect(port, '127.0.0.1', () => s.write(bytes))
  })
}

const int32 = (...values: number[]) => {
  const b = Buffer.alloc(4 * values.length)
  values.forEach((v, i) => {
    b.writeInt32BE(v | 0, 4 * i)
  })
  return b
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v !== undefined) return v
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

// A database with the airline schema, data and the local datashare (consumers analytics and
// reporting, masking views), made the way users make one.
const project = tempProject({ project: 'airline' })
const DB = join(project, 'db')

describe('rsp local serve --dir DB: a real multi-client endpoint', () => {
  let server: Serving
  let admin: pg.Client
  let bookings = 0

  beforeAll(async () => {
    const load = await runCli(
      ['load', '--to', 'local', '--dir', 'db', '--scale', '0.001', '--workers', '0'],
      { cwd: project },
    )
    expect(load.stderr).toBe('')
    expect((await runCli(['share', '--target', 'local', '--dir', DB], { cwd: project })).code).toBe(
      0,
    )
    server = await serve(
      ['--dir', 'db', '--max-connections', '40', '--idle-in-transaction-timeout', '2'],
      project,
    )
    admin = await connected(server.port)
    bookings = Number(
      (await admin.query('SELECT count(*) AS n FROM airline_dw.fact_bookings')).rows[0].n,
    )
    await admin.query('CREATE TABLE public.scratch (id int)')
  }, 300_000)

  afterAll(async () => {
    await admin?.end()
    expect(await server?.stop()).toBe(0)
    expect(server.out()).toContain('stopped')
  }, 60_000)

  it('copies the database it serves: rows, roles and the share', () => {
    expect(bookings).toBeGreaterThan(0)
    expect(server.out()).toMatch(/serving a copy of the database in db \(\d+ tables, [\d,]+ rows\)/)
    expect(server.out()).toContain('psql "postgres://analytics@127.0.0.1:')
    expect(server.out()).toMatch(/roles: .*analytics.*reporting/)
  })

  describe('SSL and GSSAPI negotiation (psql with sslmode=prefer or require hung: no answer to SSLRequest)', () => {
    it('answers SSLRequest with S and GSSENCRequest with N (raw socket)', async () => {
      const ssl = await rawExchange(server.port, int32(8, 80877103), 5000, true)
      expect(ssl.reply.toString('latin1', 0, 1)).toBe('S')
      const gss = await rawExchange(server.port, int32(8, 80877104), 5000, true)
      expect(gss.reply.toString('latin1', 0, 1)).toBe('N')
    })

    it.skipIf(!PSQL)(
      'psql with its defaults (sslmode=prefer) connects over TLS, and with sslmode=require',
      () => {
        for (const mode of ['', 'sslmode=require']) {
          const r = psql(
            server.port,
            `user=postgres ${mode}`,
            'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
          )
          expect(r.stderr).toBe('')
          expect(r.stdout.trim()).toBe('t')
        }
      },
    )

    it('node pg connects with ssl (rejectUnauthorized false: the certificate is self-signed)', async () => {
      const c = await connected(server.port, 'postgres', { ssl: { rejectUnauthorized: false } })
      const r = await c.query('SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()')
      expect(r.rows[0].ssl).toBe(true)
      await c.end()
    })
  })

  describe('a session per connection (all connections shared one session: SET ROLE leaked to every client)', () => {
    it('five clients each keep their own role, settings and prepared statements; a new client starts clean', async () => {
      const roles = ['analytics', 'reporting', 'analytics', 'reporting', undefined]
      const clients = await Promise.all(roles.map(() => connected(server.port)))
      await Promise.all(
        clients.map(async (c, i) => {
          if (roles[i]) await c.query(`SET ROLE ${roles[i]}`)
          await c.query(`SET application_name = 'client${i}'`)
          await c.query(`SET search_path = s${i}`)
        }),
      )
      await clients[0]?.query('PREPARE mine AS SELECT 42 AS answer')
      for (const [i, c] of clients.entries()) {
        const r = await c.query(
          "SELECT current_user AS u, current_setting('application_name') AS app, current_setting('search_path') AS path",
        )
        expect(r.rows[0]).toEqual({ u: roles[i] ?? 'postgres', app: `client${i}`, path: `s${i}` })
      }
      expect((await clients[0]?.query('EXECUTE mine'))?.rows).toEqual([{ answer: 42 }])
      await expect(clients[1]?.query('EXECUTE mine')).rejects.toMatchObject({ code: '26000' })
      await Promise.all(clients.map((c) => c.end()))
      const next = await connected(server.port)
      const r = await next.query("SELECT current_user AS u, current_setting('search_path') AS path")
      expect(r.rows[0]).toEqual({ u: 'postgres', path: '"$user", public' })
      await next.end()
    })

    it('a transaction is its connection’s own: others neither see its rows nor wait for it', async () => {
      const a = await connected(server.port)
      const b = await connected(server.port)
      await a.query('BEGIN')
      await a.query('INSERT INTO public.scratch VALUES (1)')
      expect((await b.query('SELECT count(*)::int AS n FROM public.scratch')).rows[0].n).toBe(0)
      await a.query('ROLLBACK')
      expect((await b.query('SELECT count(*)::int AS n FROM public.scratch')).rows[0].n).toBe(0)
      await a.end()
      await b.end()
    })
  })

  describe('concurrency (clients were serialised: five pg_sleep(1) ended at 1.3 … 5.4 s)', () => {
    it('a node pg pool of 20 runs 20 × pg_sleep(1) side by side', { timeout: 60_000 }, async () => {
      const pool = new pg.Pool({
        host: '127.0.0.1',
        port: server.port,
        user: 'postgres',
        database: 'postgres',
        max: 20,
      })
      pool.on('error', () => undefined)
      try {
        const warm = await Promise.all(Array.from({ length: 20 }, () => pool.connect()))
        for (const c of warm) c.release()
        let t0 = performance.now()
        await pool.query('SELECT pg_sleep(1)')
        const one = performance.now() - t0
        t0 = performance.now()
        await Promise.all(Array.from({ length: 20 }, () => pool.query('SELECT pg_sleep(1)')))
        const twenty = performance.now() - t0
        // Serialised, twenty take 20× one; side by side about 1×.
        expect(twenty / one).toBeLessThan(4)
      } finally {
        await pool.end()
      }
    })

    it('a client idle in a transaction blocks neither reads nor new clients, and the timeout ends it', {
      timeout: 30_000,
    }, async () => {
      const idle = await connected(server.port)
      await idle.query('BEGIN')
      await idle.query('SELECT count(*) FROM airline_dw.fact_bookings')
      const pid = pidOf(idle)
      const t0 = performance.now()
      const other = await connected(server.port, 'analytics')
      const r = await other.query('SELECT count(*)::int AS n FROM fact_bookings')
      expect(r.rows[0].n).toBe(bookings)
      expect(performance.now() - t0).toBeLessThan(5000)
      // --idle-in-transaction-timeout 2
      await until('the idle session to be ended', async () => {
        const s = await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])
        return s.rowCount === 0 ? true : undefined
      })
      await expect(idle.query('SELECT 1')).rejects.toThrow()
      await other.end()
      await idle.end().catch(() => undefined)
    })
  })

  describe('malformed startup packets (they left the server spinning, answering nobody)', () => {
    const cases: [string, Buffer][] = [
      ['a length of 2^31−1', int32(0x7fffffff, 196608)],
      ['a negative length', int32(-8, 196608)],
      ['4 KB of garbage', Buffer.alloc(4096, 'A')],
      ['an unknown protocol', int32(16, 0x12345678, 0, 0)],
    ]
    for (const [name, bytes] of cases) {
      it(`closes the connection that sends ${name}, and keeps answering others`, async () => {
        const [bad, good] = await Promise.all([
          rawExchange(server.port, bytes),
          admin.query('SELECT 1 AS one'),
        ])
        expect(bad.closed).toBe(true)
        expect(good.rows).toEqual([{ one: 1 }])
        const c = await connected(server.port)
        expect((await c.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }])
        await c.end()
      })
    }
  })

  describe('cancel requests (Ctrl-C in psql did nothing)', () => {
    it.skipIf(!PSQL)('Ctrl-C in psql cancels the running query', { timeout: 30_000 }, async () => {
      const child = spawn(
        'psql',
        [
          `host=127.0.0.1 port=${server.port} dbname=postgres user=postgres`,
          '-Xc',
          'SELECT pg_sleep(30)',
        ],
        {
          env: clientEnv(),
        },
      )
      let stderr = ''
      child.stderr.on('data', (d) => {
        stderr += d
      })
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
      await until('psql to run pg_sleep', async () => {
        const r = await admin.query(
          "SELECT 1 FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)' AND state = 'active'",
        )
        return r.rowCount ? true : undefined
      })
      const t0 = performance.now()
      child.kill('SIGINT')
      expect(await exited).toBe(1)
      expect(stderr).toContain('canceling statement due to user request')
      expect(performance.now() - t0).toBeLessThan(10_000)
    })

    it('a CancelRequest with the backend key cancels that query only (raw socket, as drivers send it)', async () => {
      const victim = await connected(server.port)
      const bystander = await connected(server.port)
      const sleeping = victim.query('SELECT pg_sleep(30)').then(
        () => undefined,
        (error: unknown) => error,
      )
      const slow = bystander.query('SELECT pg_sleep(0.5) AS done')
      await until('pg_sleep(30) to run', async () => {
        const r = await admin.query(
          'SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = $2',
          [pidOf(victim), 'active'],
        )
        return r.rowCount ? true : undefined
      })
      const key = victim as unknown as { processID: number; secretKey: number }
      await rawExchange(server.port, int32(16, 80877102, key.processID, key.secretKey), 3000)
      expect(await sleeping).toMatchObject({ code: '57014' })
      expect((await slow).rowCount).toBe(1)
      await victim.end()
      await bystander.end()
    })
  })

  describe('results stream (a 1.5 M-row result was buffered whole: 2.2 GB, everyone else waited 78 s)', () => {
    it('a client that stops reading holds nobody up; the server waits on it (backpressure); when it goes its query ends', {
      timeout: 60_000,
    }, async () => {
      const reader = await connected(server.port)
      const socket = (reader as unknown as { connection: { stream: Socket } }).connection.stream
      const pid = pidOf(reader)
      reader
        .query("SELECT g, repeat('x', 200) FROM generate_series(1, 1500000) g")
        .catch(() => undefined)
      socket.pause()
      const waiting = await until(
        'the server to wait on the client',
        async () => {
          const r = await admin.query('SELECT wait_event FROM pg_stat_activity WHERE pid = $1', [
            pid,
          ])
          return r.rows[0]?.wait_event === 'ClientWrite' ? true : undefined
        },
        20_000,
      )
      expect(waiting).toBe(true)
      const t0 = performance.now()
      const other = await connected(server.port, 'analytics')
      expect((await other.query('SELECT count(*)::int AS n FROM fact_bookings')).rows[0].n).toBe(
        bookings,
      )
      expect(performance.now() - t0).toBeLessThan(5000)
      await other.end()
      socket.destroy()
      await until('the abandoned query to end', async () => {
        const r = await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])
        return r.rowCount === 0 ? true : undefined
      })
    })

    it.skipIf(platform() !== 'linux')(
      'a query whose client has gone is cancelled while it computes',
      { timeout: 30_000 },
      async () => {
        const gone = await connected(server.port)
        const pid = pidOf(gone)
        gone.query('SELECT pg_sleep(60)').catch(() => undefined)
        await until('pg_sleep(60) to run', async () => {
          const r = await admin.query(
            "SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = 'active'",
            [pid],
          )
          return r.rowCount ? true : undefined
        })
        ;(gone as unknown as { connection: { stream: Socket } }).connection.stream.destroy()
        await until(
          'the query of the vanished client to be cancelled',
          async () => {
            const r = await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])
            return r.rowCount === 0 ? true : undefined
          },
          10_000,
        )
      },
    )
  })

  describe('consumers log in as their own role (the docs’ search_path claim did not hold after SET ROLE)', () => {
    it('node pg: analytics resolves dim_customer to its masking view; SET ROLE keeps the session’s search_path', async () => {
      const c = await connected(server.port, 'analytics')
      const r = await c.query(
        "SELECT current_setting('search_path') AS path, (SELECT first_name FROM dim_customer LIMIT 1) AS first_name",
      )
      expect(r.rows[0]).toEqual({
        path: 'airline_analytics, airline_dw, rsp_meta',
        first_name: '****',
      })
      await c.end()
      const s = await connected(server.port)
      await s.query('SET ROLE analytics')
      expect((await s.query("SELECT current_setting('search_path') AS path")).rows[0].path).toBe(
        '"$user", public',
      )
      await s.end()
    })

    it.skipIf(!PSQL)('psql: user=analytics reads masked PII without a schema name', () => {
      const r = psql(
        server.port,
        'user=analytics',
        'SELECT first_name, email FROM dim_customer LIMIT 1',
      )
      expect(r.stderr).toBe('')
      expect(r.stdout.trim()).toBe('****|****')
    })
  })

  describe.skipIf(!PSYCOPG2)('Python psycopg2 with its defaults', () => {
    it('connects over TLS, keeps sessions apart, logs in as a consumer and cancels', {
      timeout: 60_000,
    }, () => {
      const script = `
import sys, threading, psycopg2
dsn = "host=127.0.0.1 port=%s dbname=postgres" % sys.argv[1]
a = psycopg2.connect(dsn + " user=postgres")
cur = a.cursor()
cur.execute("select ssl from pg_stat_ssl where pid = pg_backend_pid()")
print("ssl=%s" % cur.fetchone()[0])
b = psycopg2.connect(dsn + " user=postgres")
cur.execute("set role analytics")
bc = b.cursor(); bc.execute("select current_user")
print("other=%s" % bc.fetchone()[0])
c = psycopg2.connect(dsn + " user=analytics")
cc = c.cursor(); cc.execute("select current_setting('search_path'), (select first_name from dim_customer limit 1)")
print("consumer=%s|%s" % cc.fetchone())
threading.Timer(0.5, b.cancel).start()
try:
    bc.execute("select pg_sleep(30)")
    print("cancel=none")
except psycopg2.Error as e:
    print("cancel=%s" % e.pgcode)
`
      const r = spawnSync(PYTHON, ['-c', script, String(server.port)], {
        encoding: 'utf8',
        timeout: 45_000,
        env: clientEnv(),
      })
      expect(r.stderr).toBe('')
      expect(r.stdout.trim().split('\n')).toEqual([
        'ssl=True',
        'other=postgres',
        'consumer=airline_analytics, airline_dw, rsp_meta|****',
        'cancel=57014',
      ])
    })
  })

  describe.skipIf(!JDBC)(
    'JDBC (pgjdbc, as DBeaver, Metabase and Tableau connect) with its defaults',
    () => {
      it('connects, keeps sessions apart, logs in as a consumer and cancels', {
        timeout: 120_000,
      }, () => {
        const dir = mkdtempSync(join(tmpdir(), 'rsp-jdbc-'))
        writeFileSync(
          join(dir, 'Probe.java'),
          `import java.sql.*;
public class Probe {
  public static void main(String[] args) throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:" + args[0] + "/postgres";
    try (Connection a = DriverManager.getConnection(url, "postgres", "");
         Connection b = DriverManager.getConnection(url, "postgres", "");
         Connection c = DriverManager.getConnection(url, "analytics", "")) {
      ResultSet r = a.createStatement().executeQuery("select ssl from pg_stat_ssl where pid = pg_backend_pid()");
      r.next(); System.out.println("ssl=" + r.getBoolean(1));
      a.createStatement().execute("set role analytics");
      r = b.createStatement().executeQuery("select current_user"); r.next();
      System.out.println("other=" + r.getString(1));
      r = c.createStatement().executeQuery("select current_setting('search_path'), (select first_name from dim_customer limit 1)");
      r.next(); System.out.println("consumer=" + r.getString(1) + "|" + r.getString(2));
      Statement s = a.createStatement();
      new Thread(() -> { try { Thread.sleep(500); s.cancel(); } catch (Exception e) { } }).start();
      try { s.execute("select pg_sleep(30)"); System.out.println("cancel=none"); }
      catch (SQLException e) { System.out.println("cancel=" + e.getSQLState()); }
    }
  }
}
`,
        )
        const r = spawnSync(
          'java',
          ['-cp', JDBC_JAR, join(dir, 'Probe.java'), String(server.port)],
          {
            encoding: 'utf8',
            timeout: 110_000,
            env: clientEnv(),
          },
        )
        expect(r.stderr.replace(/^Picked up .*\n/gm, '')).toBe('')
        expect(r.stdout.trim().split('\n')).toEqual([
          'ssl=true',
          'other=postgres',
          'consumer=airline_analytics, airline_dw, rsp_meta|****',
          'cancel=57014',
        ])
      })
    },
  )

  describe('one writer per data directory (load while serving reported success and corrupted it)', () => {
    it('rsp load, share and query on the served directory are refused, naming the serving process', {
      timeout: 60_000,
    }, async () => {
      const held = `is in use by \`rsp local serve --dir db\` (PID ${process.pid}`
      const load = await runCli(
        ['load', '--to', 'local', '--dir', 'db', '--scale', '0.001', '--workers', '0'],
        {
          cwd: project,
        },
      )
      expect(load.code).toBe(1)
      expect(load.stderr).toContain(held)
      const share = await runCli(['share', '--target', 'local', '--dir', DB], { cwd: project })
      expect(share.code).toBe(1)
      expect(share.stderr).toContain(held)
      const query = await runCli(['query', 'top-routes', '--dir', 'db'], { cwd: project })
      expect(query.code).toBe(1)
      expect(query.stderr).toContain(held)
      // The served copy is untouched by the refused load.
      const c = await connected(server.port)
      expect(
        Number((await c.query('SELECT count(*) AS n FROM airline_dw.fact_bookings')).rows[0].n),
      ).toBe(bookings)
      await c.end()
    })
  })
})

describe('after rsp local serve stopped', () => {
  it('the directory is intact and free: rsp query reads it as a consumer', {
    timeout: 120_000,
  }, async () => {
    const r = await runCli(
      ['query', 'top-routes', '--dir', 'db', '--consumer', 'analytics', '--limit', '3', '--json'],
      {
        cwd: project,
      },
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).length).toBeGreaterThan(0)
    expect(existsSync(join(DB, 'rsp.lock'))).toBe(false)
  })
})

describe('rsp local serve: limits, access and failures', () => {
  it('past --max-connections a client gets SQLSTATE 53300 (it got a bare ECONNRESET)', {
    timeout: 120_000,
  }, async () => {
    const s = await serve(['--max-connections', '3'])
    try {
      const clients = await Promise.all([1, 2, 3].map(() => connected(s.port)))
      const extra = client(s.port)
      const error = await extra.connect().then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error).toMatchObject({ code: '53300', message: 'sorry, too many clients already' })
      await clients[0]?.end()
      const again = await connected(s.port)
      await again.end()
      await Promise.all(clients.slice(1).map((c) => c.end()))
    } finally {
      expect(await s.stop()).toBe(0)
    }
  })

  it('a busy port is an error at once, naming the port and the fix (it printed nothing and exited 13 after 15 s)', async () => {
    const blocker: Server = createServer()
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r))
    const port = (blocker.address() as { port: number }).port
    try {
      const t0 = performance.now()
      const r = await runCli(['local', 'serve', '--port', String(port)])
      expect(r.code).toBe(1)
      expect(r.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`)
      expect(r.stderr).toContain(`--port ${port + 1} (or --port 0 for any free one)`)
      expect(performance.now() - t0).toBeLessThan(5000)
    } finally {
      blocker.close()
    }
  })

  it('beyond loopback every role needs a SCRAM-SHA-256 password, generated and printed', {
    timeout: 120_000,
  }, async () => {
    const s = await serve(['--host', '0.0.0.0'])
    try {
      const password = /password of every role: (\S+)/.exec(s.out())?.[1]
      expect(password).toBeDefined()
      expect(s.out()).toContain('(generated; choose one with --password-env VAR)')
      await expect(connected(s.port)).rejects.toThrow()
      await expect(connected(s.port, 'postgres', { password: 'wrong' })).rejects.toMatchObject({
        code: '28P01',
      })
      const c = await connected(s.port, 'postgres', { password: password ?? '' })
      const r = await c.query(
        "SELECT rolpassword LIKE 'SCRAM-SHA-256$%' AS scram FROM pg_authid WHERE rolname = 'postgres'",
      )
      expect(r.rows[0].scram).toBe(true)
      await c.end()
      if (PSQL) {
        expect(psql(s.port, 'user=postgres', 'SELECT 1').status).not.toBe(0)
        expect(
          psql(s.port, 'user=postgres', 'SELECT 1', { PGPASSWORD: password ?? '' }).stdout.trim(),
        ).toBe('1')
      }
    } finally {
      expect(await s.stop()).toBe(0)
    }
  })

  it('--password-env sets the password; an unset variable is a usage error', {
    timeout: 120_000,
  }, async () => {
    const missing = await runCli(['local', 'serve', '--password-env', 'RSP_NO_SUCH_VAR'], {
      env: {},
    })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('--password-env RSP_NO_SUCH_VAR: the variable is not set')
    const s = await serve(['--password-env', 'RSP_PW'], process.cwd(), { RSP_PW: "it's secret" })
    try {
      expect(s.out()).not.toContain("it's secret")
      expect(s.out()).toContain('password of every role: the value of RSP_PW')
      await expect(connected(s.port)).rejects.toThrow()
      const c = await connected(s.port, 'postgres', { password: "it's secret" })
      await c.end()
    } finally {
      expect(await s.stop()).toBe(0)
    }
  })

  it('two writers on one directory: of two loads at once one is refused, and the database stays whole', {
    timeout: 240_000,
  }, async () => {
    const cwd = tempProject()
    const load = () =>
      runCli(
        ['load', '--to', 'local', '--dir', 'db', '--scale', '0.001', '--workers', '0', '--json'],
        { cwd },
      )
    const results = await Promise.all([load(), load()])
    const ok = results.filter((r) => r.code === 0)
    const refused = results.filter((r) => r.code === 1)
    expect(ok).toHaveLength(1)
    expect(refused).toHaveLength(1)
    expect(refused[0]?.stderr).toContain(`is in use by`)
    expect(refused[0]?.stderr).toContain(`(PID ${process.pid}`)
    const rows = JSON.parse(ok[0]?.stdout ?? '{}').rows
    const again = await runCli(
      ['load', '--to', 'local', '--dir', 'db', '--scale', '0.001', '--workers', '0', '--json'],
      { cwd },
    )
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout).rows).toBe(rows)
  })
})
