import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../test-cli.js'

const url = process.env.RSP_TEST_PG_URL
if (!url && process.env.CI) throw new Error('RSP_TEST_PG_URL must be set in CI')

const withDatabase = (name: string) => {
  const u = new URL(url ?? 'postgres://x@localhost/x')
  u.pathname = `/${name}`
  return u.toString()
}

describe.skipIf(!url)('rsp load --to postgres:// when things go wrong (RSP_TEST_PG_URL)', () => {
  const database = `rsp_cli_errors_${randomUUID().slice(0, 8)}`
  const target = withDatabase(database)
  const load = (extra: readonly string[], onStderr?: (s: string) => void) =>
    runCli(['load', '--to', target, '--scale', '0.001', '--workers', '0', ...extra], {
      ...(onStderr ? { onStderr } : {}),
    })

  beforeAll(async () => {
    const c = new pg.Client(url)
    await c.connect()
    await c.query(`CREATE DATABASE ${database}`)
    await c.end()
    expect((await load(['--json'])).code).toBe(0)
  }, 180_000)
  afterAll(async () => {
    const c = new pg.Client(url)
    await c.connect()
    await c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
    await c.end()
  })

  it('says how to create a missing database instead of a bare 3D000', async () => {
    const r = await runCli(['load', '--to', withDatabase('rsp_no_such_db'), '--scale', '0.001'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('database "rsp_no_such_db" does not exist')
    expect(r.stderr).toContain('createdb rsp_no_such_db')
  })

  it('gives up on a reader’s lock after --lock-timeout, retries, and says who to look for', {
    timeout: 120_000,
  }, async () => {
    const reader = new pg.Client(target)
    await reader.connect()
    try {
      // A transaction left open after a read holds its lock until it ends.
      await reader.query('BEGIN')
      await reader.query('SELECT count(*) FROM airline_dw.dim_date')
      const started = Date.now()
      const r = await load(['--lock-timeout', '0.3'])
      expect(r.code).toBe(1)
      expect(r.stderr).toContain('note: a reader holds a lock on an airline table')
      expect(r.stderr).toContain('the load waited 0.3 s for a table lock 3 times and gave up')
      expect(Date.now() - started).toBeLessThan(30_000)
      // Released during the retries — as soon as the first one is announced, not after a fixed
      // sleep, which a loaded machine outran: the load goes through.
      let released: Promise<unknown> | undefined
      const ok = await load(['--lock-timeout', '0.3'], (s) => {
        if (!released && s.includes('a reader holds a lock')) released = reader.query('COMMIT')
      })
      await released
      expect(ok.stderr).toContain('note: a reader holds a lock')
      expect(ok.code).toBe(0)
    } finally {
      await reader.end()
    }
  })

  it('turns a connection lost during the load into a formatted error, not a crash', {
    timeout: 180_000,
  }, async () => {
    const admin = new pg.Client(url)
    await admin.connect()
    try {
      const running = runCli(['load', '--to', target, '--scale', '0.3', '--workers', '0'])
      let killed = 0
      for (let i = 0; i < 200 && killed === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50))
        const { rows } = await admin.query(
          `SELECT pg_terminate_backend(pid) AS t FROM pg_stat_activity
            WHERE datname = $1 AND pid <> pg_backend_pid() AND query ILIKE 'COPY%'`,
          [database],
        )
        killed = rows.length
      }
      expect(killed).toBeGreaterThan(0)
      const r = await running
      expect(r.code).toBe(1)
      expect(r.stderr).toMatch(/^error /)
      expect(r.stderr).toMatch(/^error CONNECTION_LOST: the connection to PostgreSQL was lost/)
      // What the driver saw first depends on where the COPY stream was when the server ended
      // the backend: the server's message, a reset, or a write into the closed socket (EPIPE,
      // seen once in a CI run while COPY data was being sent).
      expect(r.stderr).toMatch(/terminat|ECONNRESET|EPIPE|Connection terminated/i)
      expect(r.stderr).not.toMatch(/\n\s+at /)
    } finally {
      await admin.end()
    }
  })
})
