import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../cli.js'
import { runCli } from '../test-cli.js'

const url = process.env.RSP_TEST_PG_URL
if (!url && process.env.CI) throw new Error('RSP_TEST_PG_URL must be set in CI')

describe.skipIf(!url)('rsp loadtest against a real PostgreSQL (RSP_TEST_PG_URL)', () => {
  const u = new URL(url ?? 'postgres://x@localhost/x')
  const schema = `rsp_cli_loadtest_${randomUUID().slice(0, 8)}`
  const endpoint = `${u.hostname}:${u.port || 5432}`
  const base = [
    'loadtest',
    '--endpoint',
    endpoint,
    '--database',
    u.pathname.slice(1) || 'postgres',
    '--user',
    decodeURIComponent(u.username),
    '--password-env',
    'PGPW',
  ]
  const env = { NO_COLOR: '1', PGPW: decodeURIComponent(u.password) }

  beforeAll(async () => {
    const c = new pg.Client(url)
    await c.connect()
    await c.query(
      `CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.t AS SELECT g AS id FROM generate_series(1, 1000) g;
       CREATE TABLE ${schema}.marker (marker_id VARCHAR(64) NOT NULL, written_at TIMESTAMP NOT NULL);
       INSERT INTO ${schema}.marker VALUES ('not-the-probe''s', now())`,
    )
    await c.end()
  })
  afterAll(async () => {
    const c = new pg.Client(url)
    await c.connect()
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await c.end()
  })

  it('reports throughput, percentiles and the connections per server', async () => {
    const r = await runCli(
      [
        ...base,
        '--concurrency',
        '3',
        '--duration',
        '0.5',
        '--query',
        `SELECT count(*) FROM ${schema}.t`,
        '--json',
      ],
      { env },
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const result = JSON.parse(r.stdout)
    expect(result.connected).toBe(3)
    expect(result.errors).toBe(0)
    expect(result.queries).toBeGreaterThan(10)
    expect(result.latencyMs.p50).toBeLessThanOrEqual(result.latencyMs.p95)
    expect(result.latencyMs.p95).toBeLessThanOrEqual(result.latencyMs.p99)
    // PostgreSQL has no current_namespace: the server address, port and database stand in.
    const namespaces = Object.entries(result.connectionsByNamespace)
    expect(namespaces).toHaveLength(1)
    expect(namespaces[0]?.[0]).toMatch(/:\d+\//)
    expect(namespaces[0]?.[1]).toBe(3)
    expect(result.histogram.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(
      result.queries,
    )
  })

  it('--freshness: marker lag p50/p95/max per consumer next to the latencies; only its own markers are deleted', async () => {
    const freshness = [
      '--freshness',
      '--freshness-table',
      `${schema}.marker`,
      '--freshness-interval',
      '0.05',
      '--freshness-poll-ms',
      '5',
    ]
    const r = await runCli(
      [...base, '--concurrency', '2', '--duration', '1', ...freshness, '--json'],
      { env },
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const { freshness: f, queries } = JSON.parse(r.stdout)
    expect(queries).toBeGreaterThan(0)
    expect(f.markers).toBeGreaterThan(1)
    expect(f.removed).toBe(f.markers)
    expect(f.pollIntervalMs).toBe(5)
    // One PostgreSQL server: one "consumer", read by its two-part name (no SVV views here).
    expect(f.consumers).toHaveLength(1)
    const [c] = f.consumers
    expect(c.namespace).toMatch(/:\d+\//)
    expect(c.read).toBe(`"${schema}"."marker"`)
    expect([c.visible, c.missed, c.failed]).toEqual([f.markers, 0, 0])
    expect(c.lagMs.p50).toBeLessThanOrEqual(c.lagMs.p95)
    expect(c.lagMs.p95).toBeLessThanOrEqual(c.lagMs.max)
    const pgc = new pg.Client(url)
    await pgc.connect()
    const left = await pgc.query(`SELECT marker_id FROM ${schema}.marker`)
    await pgc.end()
    expect(left.rows).toEqual([{ marker_id: "not-the-probe's" }])

    const table = await runCli([...base, '--concurrency', '1', '--duration', '0.3', ...freshness], {
      env,
    })
    expect(table.code).toBe(0)
    expect(table.stdout).toContain('freshness under load (')
    expect(table.stdout).toMatch(/consumer\s+read\s+seen\s+missed\s+lag p50\s+lag p95\s+lag max/)
  })

  it('--freshness without the marker table: the load runs, the freshness error is said, exit 1', async () => {
    const r = await runCli(
      [
        ...base,
        '--concurrency',
        '1',
        '--duration',
        '0.3',
        '--freshness',
        '--freshness-table',
        `${schema}.missing_marker`,
        '--json',
      ],
      { env },
    )
    expect(r.code).toBe(1)
    const out = JSON.parse(r.stdout)
    expect(out.queries).toBeGreaterThan(0)
    expect(out.freshness.markers).toBe(0)
    expect(out.freshness.error).toContain(
      `cannot write a freshness marker into ${schema}.missing_marker on the producer`,
    )
    expect(r.stderr).toContain('freshness: cannot write a freshness marker')
  })

  it('stops at --max-queries and prints a histogram', async () => {
    const r = await runCli(
      [...base, '--concurrency', '2', '--duration', '30', '--max-queries', '40'],
      { env },
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('(40 queries, 0 errors)')
    expect(r.stdout).toContain('latency histogram')
    expect(r.stdout).toMatch(/p50 [\d.]+ ms {2}p95/)
  })

  it('runs a flagship query by name (compiled to SQL)', async () => {
    const r = await runCli(
      [
        ...base,
        '--concurrency',
        '1',
        '--duration',
        '5',
        '--max-queries',
        '2',
        '--query',
        'daily-revenue-7d',
      ],
      { env },
    )
    // The test database has no airline schema: the compiled SQL reaches the server and fails there.
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/2 × relation "airline_dw\.\w+" does not exist/)
  })

  it('counts SQL errors and exits 1', async () => {
    const r = await runCli(
      [
        ...base,
        '--concurrency',
        '1',
        '--duration',
        '0.2',
        '--max-queries',
        '5',
        '--query',
        `SELECT * FROM ${schema}.missing`,
      ],
      { env },
    )
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('(0 queries, 5 errors)')
    expect(r.stderr).toContain(`5 × relation "${schema}.missing" does not exist`)
  })

  it('fails with exit 1 when nothing listens', async () => {
    const r = await runCli(
      ['loadtest', '--endpoint', '127.0.0.1:1', '--duration', '0.1', '--user', 'x'],
      { env },
    )
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('cannot connect: connect ECONNREFUSED 127.0.0.1:1')
  })
})

describe('rsp loadtest and rsp local serve', () => {
  it('rejects a malformed endpoint, a bad concurrency and a missing password variable with exit 2', async () => {
    expect((await runCli(['loadtest', '--endpoint', 'localhost'])).stderr).toContain(
      '--endpoint must be HOST:PORT, like 127.0.0.1:5439, got "localhost"',
    )
    expect((await runCli(['loadtest', '--endpoint', 'h:1', '--concurrency', '0'])).code).toBe(2)
    const pw = await runCli(['loadtest', '--endpoint', 'h:1', '--password-env', 'NOPE_RSP'], {
      env: {},
    })
    expect(pw.code).toBe(2)
    expect(pw.stderr).toContain('--password-env NOPE_RSP: the variable is not set')
  })

  it('serves the embedded database over the wire, and loadtest spreads over it', async () => {
    const controller = new AbortController()
    let out = ''
    const serving = run(['local', 'serve', '--port', '0'], {
      out: (s) => {
        out += s
      },
      err: () => undefined,
      env: { NO_COLOR: '1' },
      signal: controller.signal,
    })
    let port: string | undefined
    for (let i = 0; i < 200 && !port; i++) {
      port = /on 127\.0\.0\.1:(\d+)/.exec(out)?.[1]
      if (!port) await new Promise((r) => setTimeout(r, 50))
    }
    expect(port).toBeDefined()
    try {
      const client = new pg.Client({
        host: '127.0.0.1',
        port: Number(port),
        user: 'postgres',
        database: 'postgres',
      })
      await client.connect()
      const r = await client.query('SELECT 40 + $1::int AS answer', [2])
      expect(r.rows).toEqual([{ answer: 42 }])
      await client.end()

      const lt = await runCli([
        'loadtest',
        '--endpoint',
        `127.0.0.1:${port}`,
        '--database',
        'postgres',
        '--user',
        'postgres',
        '--concurrency',
        '2',
        '--duration',
        '0.3',
        '--json',
      ])
      expect(lt.code).toBe(0)
      const result = JSON.parse(lt.stdout)
      expect(result.connected).toBe(2)
      expect(result.errors).toBe(0)
      expect(result.queries).toBeGreaterThan(0)
      expect(result.connectionsByNamespace).toEqual({ [`127.0.0.1:${port}/postgres`]: 2 })
    } finally {
      controller.abort()
    }
    expect(await serving).toBe(0)
    expect(out).toContain('stopped')
  })
})
