import { randomUUID } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, tempProject } from '../test-cli.js'

const url = process.env.RSP_TEST_PG_URL
if (!url && process.env.CI) throw new Error('RSP_TEST_PG_URL must be set in CI')

describe('rsp datagen', () => {
  it('writes gzip parts, manifests and COPY SQL', { timeout: 120_000 }, async () => {
    const dir = tempProject()
    const r = await runCli(
      [
        'datagen',
        '--out',
        'data',
        '--s3-prefix',
        's3://example-bucket/airline/',
        '--scale',
        '0.001',
        '--workers',
        '0',
        '--json',
      ],
      { cwd: dir },
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).rows).toBeGreaterThan(0)
    const files = readdirSync(join(dir, 'data'), { recursive: true }).map(String)
    expect(files.some((f) => f.endsWith('.csv.gz'))).toBe(true)
    expect(files.some((f) => f.includes('manifest'))).toBe(true)
    expect((await runCli(['datagen', '--out', 'x'], { cwd: dir })).code).toBe(2)
  })

  it('writes Parquet parts with --format parquet, and refuses a bad format or a REGION for Parquet', {
    timeout: 120_000,
  }, async () => {
    const dir = tempProject()
    const base = [
      'datagen',
      '--out',
      'pq',
      '--s3-prefix',
      's3://example-bucket/airline/',
      '--scale',
      '0.001',
      '--workers',
      '0',
    ]
    const r = await runCli([...base, '--format', 'parquet', '--json'], { cwd: dir })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const files = readdirSync(join(dir, 'pq'), { recursive: true }).map(String)
    expect(files.filter((f) => f.endsWith('.parquet')).length).toBeGreaterThanOrEqual(8)
    expect(files.some((f) => f.endsWith('.csv.gz'))).toBe(false)
    const bad = await runCli([...base, '--format', 'orc'], { cwd: dir })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--format must be csv or parquet, got "orc"')
    const region = await runCli([...base, '--format', 'parquet', '--region', 'eu-west-1'], {
      cwd: dir,
    })
    expect(region.code).toBe(2)
    expect(region.stderr).toContain('--region does not apply to --format parquet')
  })

  it('rejects an unsupported load target with exit 2', async () => {
    const r = await runCli(['load', '--to', 's3'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--to "s3": use local, a postgres:// URL, s3-copy or data-api')
  })
})

describe.skipIf(!url)('rsp load --to postgres:// (RSP_TEST_PG_URL)', () => {
  const database = `rsp_cli_load_${randomUUID().slice(0, 8)}`
  const admin = () => new pg.Client(url)
  const target = () => {
    const u = new URL(url ?? 'postgres://x@localhost/x')
    u.pathname = `/${database}`
    return u.toString()
  }
  beforeAll(async () => {
    const c = admin()
    await c.connect()
    await c.query(`CREATE DATABASE ${database}`)
    await c.end()
  })
  afterAll(async () => {
    const c = admin()
    await c.connect()
    await c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
    await c.end()
  })

  it('creates the schema, loads, and a re-run replaces the data (same row counts)', {
    timeout: 180_000,
  }, async () => {
    const first = await runCli([
      'load',
      '--to',
      target(),
      '--scale',
      '0.001',
      '--workers',
      '0',
      '--json',
    ])
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    const loaded = JSON.parse(first.stdout)
    const again = await runCli([
      'load',
      '--to',
      target(),
      '--scale',
      '0.001',
      '--workers',
      '0',
      '--json',
    ])
    expect(again.code).toBe(0)
    const c = new pg.Client(target())
    await c.connect()
    const r = await c.query('SELECT count(*)::int AS n FROM airline_dw.fact_bookings')
    await c.end()
    const bookings = loaded.tables.find((t: { table: string }) => t.table === 'fact_bookings')
    expect(r.rows[0].n).toBe(bookings.rows)
    expect(existsSync).toBeDefined()
  })
})
