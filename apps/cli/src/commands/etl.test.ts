import { join } from 'node:path'
import { loadAirlineData, PGliteSink } from '@redshift-playground/datagen'
import { beforeAll, describe, expect, it } from 'vitest'
import { migrateLocal, usingLocalWarehouse } from '../local/local-warehouse.js'
import { runCli, tempProject } from '../test-cli.js'

// The initial load: January 2024 at scale 0.3 (≈ 5 flights and ≈ 800 bookings a day); the
// calendar (dim_date) reaches 2025-12-31 (a year of headroom after the load), room to append.
const LOAD = { seed: 5, scale: 0.3, startDate: '2024-01-01', days: 30 } as const
const FLAGS = [
  '--target',
  'local',
  '--dir',
  'db',
  '--seed',
  '5',
  '--scale',
  '0.3',
  '--load-days',
  '30',
]
let cwd: string
const counts = () =>
  usingLocalWarehouse({ dir: join(cwd, 'db') }, async (w) => {
    const { rows } = await w.pglite.query<{ ops: number; bookings: number; revenue: string }>(
      `SELECT (SELECT count(*) FROM airline_dw.fact_flight_operations)::int AS ops,
              (SELECT count(*) FROM airline_dw.fact_bookings)::int AS bookings,
              (SELECT sum(total_revenue)::text FROM airline_dw.fact_daily_revenue) AS revenue`,
    )
    return rows[0]
  })

beforeAll(async () => {
  cwd = tempProject({ project: 'airline' })
  await usingLocalWarehouse({ dir: join(cwd, 'db'), create: true }, async (w) => {
    await migrateLocal(w.producer)
    await loadAirlineData({ ...LOAD, workers: 0, sink: new PGliteSink({ db: w.pglite }) })
  })
}, 120_000)

describe('rsp etl --target local', { timeout: 120_000 }, () => {
  it('appends the days after the last loaded one, then re-runs a day without doubling it', async () => {
    const before = await counts()
    const r = await runCli(['etl', ...FLAGS, '--days', '3', '--json'], { cwd })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.batches.map((b: { day: string }) => b.day)).toEqual([
      '2024-01-31',
      '2024-02-01',
      '2024-02-02',
    ])
    expect(out.lastDay).toBe('2024-02-02')
    expect(out.rows).toBeGreaterThan(1000)
    expect(out.batches[0].rowsPerSecond).toBeGreaterThan(0)
    expect(Date.parse(out.batches[0].committedAt)).toBeGreaterThan(Date.now() - 120_000)
    const after = await counts()
    const added = out.batches.reduce(
      (s: number, b: { tables: { fact_bookings: number } }) => s + b.tables.fact_bookings,
      0,
    )
    expect(after?.bookings).toBe(Number(before?.bookings) + added)

    const again = await runCli(['etl', ...FLAGS, '--day', '2024-02-01'], { cwd })
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(
      /✔ 2024-02-01: [\d,]+ rows .* rows\/s, replaced \d+ operations; committed /,
    )
    expect(await counts()).toEqual(after)
  })

  it('appends across the end of the load’s year into the headroom (New Year 2025)', async () => {
    const r = await runCli(['etl', ...FLAGS, '--day', '2024-12-30', '--days', '4', '--json'], {
      cwd,
    })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.batches.map((b: { day: string }) => b.day)).toEqual([
      '2024-12-30',
      '2024-12-31',
      '2025-01-01',
      '2025-01-02',
    ])
    expect(out.calendarEnded).toBe(false)
    for (const b of out.batches) expect(b.tables.fact_flight_operations).toBeGreaterThan(0)
  })

  it('--follow appends day after day until the calendar ends; then no next day is left', async () => {
    const r = await runCli(
      ['etl', ...FLAGS, '--follow', '--rate', '50ms', '--day', '2025-12-29', '--json'],
      { cwd },
    )
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.batches.map((b: { day: string }) => b.day)).toEqual([
      '2025-12-29',
      '2025-12-30',
      '2025-12-31',
    ])
    expect(out.calendarEnded).toBe(true)
    const next = await runCli(['etl', ...FLAGS], { cwd })
    expect(next.code).toBe(2)
    expect(next.stderr).toMatch(
      /every flight day of the calendar \(through 2025-12-31.*--day YYYY-MM-DD.*rsp load leaves 365 days/,
    )
  })

  it('--follow stops between batches on Ctrl-C (an aborted signal)', async () => {
    const controller = new AbortController()
    const running = runCli(['etl', ...FLAGS, '--follow', '--rate', '1', '--day', '2024-03-01'], {
      cwd,
      signal: controller.signal,
    })
    setTimeout(() => controller.abort(), 3000)
    const r = await running
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/following local db: a day every 60.0 s/)
    expect(r.stdout).toMatch(/✔ 2024-03-01: /)
    expect(r.stdout).not.toMatch(/2024-03-02/)
    expect(r.stdout).toMatch(/1 day\(s\), .* flights through 2025-12-31/)
  })

  it('refuses days outside the calendar, another seed, and bad flags, with exit 2', async () => {
    const outside = await runCli(['etl', ...FLAGS, '--day', '2026-01-05'], { cwd })
    expect(outside.code).toBe(2)
    expect(outside.stderr).toMatch(
      /day \(value "2026-01-05"\): day 2026-01-05 is outside the calendar: flight days run from 2024-01-01 .* to 2025-12-31/,
    )
    // Another headroom than the load's: refused, naming the one that matches the producer.
    const headroom = await runCli(['etl', ...FLAGS, '--headroom-days', '0'], { cwd })
    expect(headroom.code).toBe(2)
    expect(headroom.stderr).toMatch(
      /dim_date covers 2023-01-01 … 2025-12-31, but the ETL's calendar is 2023-01-01 … 2024-12-31.*rsp etl --headroom-days 701/,
    )
    const badHeadroom = await runCli(['etl', ...FLAGS, '--headroom-days', 'many'], { cwd })
    expect(badHeadroom.code).toBe(2)
    expect(badHeadroom.stderr).toContain('--headroom-days must be an integer from 0 to 3660')
    const seed = await runCli(
      ['etl', ...FLAGS.slice(0, 4), '--seed', '6', '--scale', '0.3', '--load-days', '30'],
      { cwd },
    )
    expect(seed.code).toBe(2)
    expect(seed.stderr).toMatch(
      /are not the ones the ETL would make .* pass its --seed and --scale/,
    )
    const rate = await runCli(['etl', ...FLAGS, '--follow', '--rate', 'often'], { cwd })
    expect(rate.code).toBe(2)
    expect(rate.stderr).toContain('--rate must be batches per minute (6, 0.5) or an interval')
    const noDir = await runCli(['etl', '--target', 'local'], { cwd })
    expect(noDir.code).toBe(2)
    expect(noDir.stderr).toContain('--target local needs --dir DIR')
    const typo = await runCli(['etl', ...FLAGS, '--dayz', '2'], { cwd })
    expect(typo.code).toBe(2)
  })

  it('into a database without the schema: names the missing table and rsp load, changes nothing', async () => {
    const dir = tempProject({ project: 'airline' })
    await usingLocalWarehouse({ dir: join(dir, 'empty'), create: true }, async () => {})
    const r = await runCli(['etl', '--target', 'local', '--dir', 'empty'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/no table airline_dw\.dim_date.*rsp load/)
  })
})
