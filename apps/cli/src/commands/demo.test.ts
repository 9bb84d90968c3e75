import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, tempProject } from '../test-cli.js'

/** The rows of a printed table (cells split on two or more spaces), found by its header. */
function printedTable(stdout: string, header: RegExp): string[][] {
  const lines = stdout.split('\n')
  const at = lines.findIndex((l) => header.test(l))
  if (at < 0) throw new Error(`no table ${header} in:\n${stdout}`)
  const rows: string[][] = []
  for (const line of lines.slice(at + 2)) {
    if (line.trim() === '' || line.startsWith(' ')) break
    rows.push(line.split(/ {2,}/))
  }
  return rows
}

/** `12 ms`, `1.5 s` → milliseconds. */
const msOf = (text: string) => {
  const m = /^([\d.]+) (ms|s)$/.exec(text)
  if (!m) throw new Error(`not a duration: ${text}`)
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1)
}

const SHARES = ['core', 'sales_domain', 'operations_domain']
const CONSUMERS = ['analytics', 'sales', 'operations']
/** The domain layout's entitlements: consumer → shares (docs/datashares-by-domain.md). */
const ENTITLED: Record<string, string[]> = {
  analytics: ['core'],
  sales: ['core', 'sales_domain'],
  operations: ['core', 'operations_domain'],
}
/** The objects of each share the consumers read (the freshness marker left out). */
const OBJECTS: Record<string, number> = { core: 5, sales_domain: 4, operations_domain: 1 }

describe('rsp demo: a rehearsal of rsp deploy on the emulated Redshift account', () => {
  const dir = tempProject()

  it('runs every data step of rsp deploy through the Data API, S3 and COPY, as the admin secret', {
    timeout: 300_000,
  }, async () => {
    const r = await runCli(['demo', '--scale', '0.001', '--workers', '0'], { cwd: dir })
    expect(r.stderr).toBe('')
    for (const step of [
      'synth',
      'account',
      'schema',
      'load',
      'share',
      'queries',
      'access',
      'etl',
      'diagnose',
      'reshare',
      'teardown',
      'iam-preflight',
      'iam-share',
    ])
      expect(r.stdout).toMatch(new RegExp(`✔ ${step}`))
    // No config: the domain layout, three shares and three consumers (a namespace each).
    expect(r.stdout).toMatch(
      /✔ account +emulated Redshift Serverless account: 4 namespaces from the templates/,
    )
    // Every migration applies, in order; later ones (0004_…) follow the three the demo builds on.
    expect(r.stdout).toMatch(
      /✔ schema +applied 0001_airline_star_schema, 0002_booking_baggage_fee, 0003_domain_views_and_freshness(, 0\d{3}_\w+)* \(Redshift DDL through the Data API\) .*as rsp_admin via the managed admin secret/,
    )
    expect(r.stdout).toMatch(/✔ load +[\d,]+ rows in 8 tables .*COPY … IAM_ROLE default MANIFEST/)
    expect(r.stdout).toMatch(
      /✔ share +\d+ statements: producer \(published views, 3 datashares core, sales_domain, operations_domain, grants\), then 3 consumers \(5 databases from the shares\)/,
    )
    // Each consumer runs only the queries whose tables its shares hold, each table through the
    // database of the share holding it.
    expect(r.stdout).toMatch(
      /✔ queries +6 runs: each consumer runs the flagship queries whose tables its shares hold \(analytics 0, sales 4, operations 2 of 6\), as <share database>/,
    )
    const queries = printedTable(r.stdout, /^query +analytics +sales +operations$/)
    expect(queries.map((q) => q[0])).toEqual([
      'on-time-performance',
      'cancellations-by-cause',
      'top-routes',
      'revenue-by-tier-cabin',
      'channel-mix-by-lead-time',
      'daily-revenue-7d',
    ])
    for (const q of queries) expect(q.filter((cell) => /rows/.test(cell))).toHaveLength(1)
    // Consumer × share: every object of its own shares read, every object of the others refused.
    const access = printedTable(r.stdout, /^consumer +core +sales_domain +operations_domain$/)
    expect(access.map((row) => row[0])).toEqual(CONSUMERS)
    for (const [consumer, ...cells] of access)
      expect(cells).toEqual(
        SHARES.map((s) =>
          ENTITLED[consumer!]!.includes(s)
            ? `reads ${OBJECTS[s]}/${OBJECTS[s]}`
            : `refused ${OBJECTS[s]}/${OBJECTS[s]}`,
        ),
      )
    expect(r.stdout).toMatch(
      /✔ access +3 consumers × 3 shares: 20 reads of their own shares' objects, 10 refusals of the others'/,
    )
    // The refusal, printed: the object is not in any database the consumer has (R-DS-13).
    for (const [consumer, share, table] of [
      ['analytics', 'sales_domain', 'dim_customer'],
      ['sales', 'operations_domain', 'fact_flight_operations'],
      ['operations', 'sales_domain', 'dim_customer'],
    ])
      expect(r.stdout).toMatch(
        new RegExp(
          `  ${consumer} reading airline_dw\\.${table} \\(${share}, not its share\\): .*ERROR: relation "core_${consumer}\\.\\w+\\.${table}" does not exist`,
        ),
      )
    expect(r.stdout).toMatch(
      /Consumer sales tried DELETE FROM "sales_domain_sales"\."\w+"\."fact_bookings": .*read-only unless the producer grants write privileges \[R-DS-14\]/,
    )
    // The live ETL: days appended through rsp etl's Redshift path, then seen by every entitled
    // consumer, with the lag from each COMMIT; analytics holds none of the written tables.
    const etl =
      /Live ETL: (\d+) days with flights \(([^;]+); \d+ days between hold no flight at this scale\) appended to airline-producer\/dev, one transaction each: ([\d,]+) rows \(fact_flight_operations (\d+), fact_bookings (\d+), fact_daily_revenue (\d+)\)/.exec(
        r.stdout,
      )
    expect(etl).not.toBeNull()
    const [days, ops, bookings, revenue] = [etl![1], etl![4], etl![5], etl![6]].map(Number) as [
      number,
      number,
      number,
      number,
    ]
    expect(days).toBe(3)
    expect(etl![2]!.split(', ')).toHaveLength(days)
    expect(Number(etl![3]!.replaceAll(',', ''))).toBe(ops + bookings + revenue)
    expect(ops).toBeGreaterThanOrEqual(days)
    const lag = Object.fromEntries(
      printedTable(r.stdout, /^consumer +written tables it holds \(share\)/).map((row) => [
        row[0],
        row,
      ]),
    )
    expect(Object.keys(lag)).toEqual(CONSUMERS)
    expect(lag.analytics!.slice(1)).toEqual([
      '-',
      '-',
      '-',
      '-',
      'fact_flight_operations, fact_bookings, fact_daily_revenue',
    ])
    expect(lag.sales![1]).toBe('fact_bookings (sales_domain), fact_daily_revenue (sales_domain)')
    expect(lag.operations![1]).toBe('fact_flight_operations (operations_domain)')
    // Every day's rows seen: operations one table a day, sales two (a day with flights has
    // revenue rows; bookings too unless a flight sold no seat).
    expect(lag.operations![2]).toBe(`${days}/${days}`)
    const [seen, of] = lag.sales![2]!.split('/').map(Number) as [number, number]
    expect(seen).toBe(of)
    expect(of).toBeGreaterThanOrEqual(days + (bookings > 0 ? 1 : 0))
    for (const c of ['sales', 'operations']) {
      const [p50, max] = [msOf(lag[c]![3]!), msOf(lag[c]![4]!)]
      expect(p50).toBeGreaterThan(0)
      expect(p50).toBeLessThanOrEqual(max)
      expect(r.stdout).toMatch(
        new RegExp(`✔ etl .*lag p50 / max from COMMIT: .*${c} ${lag[c]![3]} / ${lag[c]![4]}`),
      )
    }
    expect(r.stdout).toMatch(
      / {2}analytics reading fact_flight_operations: .*ERROR: relation "core_analytics\.airline_dw\.fact_flight_operations" does not exist/,
    )
    expect(r.stdout).toContain(
      'The emulator runs every namespace on one engine, where a COMMIT is visible at once',
    )
    // The checks, per share and with the freshness probe.
    expect(r.stdout).toMatch(/✔ diagnose +\d+ ok, 0 warn, 0 fail/)
    expect(r.stdout).toMatch(/OK +data-plane\/consumer-read /)
    expect(r.stdout).toMatch(/OK +data-plane\/freshness /)
    expect(r.stdout).toMatch(/✔ reshare +nothing to change/)
    expect(r.stdout).toMatch(/✔ teardown +\d+ statements/)
    expect(r.stdout).toMatch(/re-share planned 0 statements/)
    expect(r.stdout).not.toContain('✖')
    // Issue 17, identity: the IAM caller is refused before any statement on every namespace,
    // passes after the grants the preflight printed, then shares, re-plans nothing and tears
    // down as itself (a non-superuser).
    expect(r.stdout).toMatch(
      /✔ iam-preflight +4 of 4 namespaces refused IAMR:\S+ before any statement \(your IAM identity IAMR:\S+ lacks .*\); each admin ran the \d+ grants it printed; the preflight then passed/,
    )
    expect(r.stdout).toMatch(
      /✔ iam-share +\d+ statements as the IAM identity .*re-share planned 0, teardown \d+ .*as your IAM identity IAMR:\S+ \(not a superuser\)/,
    )
    // The same share as the IAM identity: every statement the admin's had (published views
    // included, over tables it was granted), not an empty share.
    const adminShare = /✔ share +(\d+) statements/.exec(r.stdout)?.[1]
    expect(/✔ iam-share +(\d+) statements/.exec(r.stdout)?.[1]).toBe(adminShare)
    expect(r.code).toBe(0)
  })

  it('--keep takes the directory’s one-writer lock: a directory in use is refused before the synth, naming the holder (issue 18)', async () => {
    const { writeFileSync, mkdirSync } = await import('node:fs')
    const { hostname } = await import('node:os')
    const { join } = await import('node:path')
    const kept = join(dir, 'held-account')
    mkdirSync(kept)
    writeFileSync(
      join(kept, 'rsp.lock'),
      JSON.stringify({
        pid: process.pid,
        host: hostname(),
        command: 'rsp local serve --data-api --dir held-account',
        since: new Date().toISOString(),
        token: 'other',
      }),
    )
    const r = await runCli(['demo', '--keep', kept, '--scale', '0.001'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(
      `rsp local serve --data-api --dir held-account\` (PID ${process.pid}`,
    )
    expect(r.stdout).not.toContain('✔ synth')
  })

  it('refuses an unknown target before doing anything', async () => {
    const r = await runCli(['demo', '--target', 'redshift'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('use redshift-local (the rehearsal of rsp deploy) or postgres')
  })
})

describe('rsp demo --target postgres, then query and diagnose on the kept database', () => {
  const dir = tempProject()

  it('runs the whole flow at a tiny scale on the embedded target: three shares, three consumers, each reading only its domain, and a live ETL batch every entitled consumer sees', {
    timeout: 300_000,
  }, async () => {
    const r = await runCli(
      [
        'demo',
        '--target',
        'postgres',
        '--scale',
        '0.001',
        '--workers',
        '0',
        '--keep',
        'db',
        '--json',
      ],
      { cwd: dir },
    )
    expect(r.stderr).toBe('')
    const report = JSON.parse(r.stdout)
    expect(report.steps.map((s: { name: string }) => s.name)).toEqual([
      'synth',
      'open',
      'schema',
      'load',
      'share',
      'queries',
      'access',
      'etl',
      'diagnose',
    ])
    expect(report.sharesApplied).toEqual(SHARES)
    expect(report.shares.map((s: { share: string }) => s.share)).toEqual(SHARES)
    expect(report.consumers).toEqual(CONSUMERS)
    // Each consumer reads every object of its shares and is refused every object of the others,
    // by PostgreSQL's grants.
    type Cell = {
      consumer: string
      share: string
      entitled: boolean
      readable: string[]
      refused: { object: string; message: string }[]
    }
    expect(report.access).toHaveLength(9)
    for (const cell of report.access as Cell[]) {
      const objects = report.shares
        .find((s: { share: string }) => s.share === cell.share)
        .objects.filter((o: string) => !o.startsWith('rsp_meta.'))
      expect(objects).toHaveLength(OBJECTS[cell.share]!)
      expect([cell.consumer, cell.share, cell.entitled]).toEqual([
        cell.consumer,
        cell.share,
        ENTITLED[cell.consumer]!.includes(cell.share),
      ])
      if (cell.entitled) {
        expect(cell.readable).toEqual(objects)
        expect(cell.refused).toEqual([])
      } else {
        expect(cell.readable).toEqual([])
        expect(cell.refused.map((x) => x.object)).toEqual(objects)
        for (const x of cell.refused)
          expect(x.message).toMatch(/^permission denied for (table|view) /)
      }
    }
    // Queries: only by the consumers whose shares hold every table the query reads.
    type Entitlement = { query: string; tables: string[]; consumers: string[] }
    const entitled = report.queryEntitlements as Entitlement[]
    expect(entitled.map((e) => [e.query, e.consumers])).toEqual([
      ['on-time-performance', ['operations']],
      ['cancellations-by-cause', ['operations']],
      ['top-routes', ['sales']],
      ['revenue-by-tier-cabin', ['sales']],
      ['channel-mix-by-lead-time', ['sales']],
      ['daily-revenue-7d', ['sales']],
    ])
    expect(
      report.queries.map((q: { query: string; consumer: string }) => `${q.query}/${q.consumer}`),
    ).toEqual(entitled.flatMap((e) => e.consumers.map((c) => `${e.query}/${c}`)))
    expect(report.writeRefused).toEqual({
      consumer: 'sales',
      message:
        'DELETE FROM "airline_dw"."fact_bookings": permission denied for table fact_bookings',
    })
    // The live ETL: every entitled consumer saw every day's rows of its tables, with a lag.
    type Batch = { day: string; rows: number; tables: Record<string, number> }
    type Sample = { day: string; table: string; lagMs: number | null; rows: number }
    const etl = report.etl
    const batches = etl.batches as Batch[]
    expect(batches).toHaveLength(3)
    expect(etl.target).toBe('local')
    expect(etl.rows).toBe(batches.reduce((n, b) => n + b.rows, 0))
    expect(etl.rows).toBeGreaterThan(0)
    const holds: Record<string, string[]> = {
      analytics: [],
      sales: ['fact_bookings', 'fact_daily_revenue'],
      operations: ['fact_flight_operations'],
    }
    for (const c of etl.consumers as {
      consumer: string
      tables: { table: string }[]
      refused: { table: string; message: string }[]
      leaked: string[]
      samples: Sample[]
      lagMs: { p50: number; max: number } | null
      missed: number
    }[]) {
      const own = holds[c.consumer]!
      expect(c.tables.map((t) => t.table)).toEqual(own)
      expect(c.leaked).toEqual([])
      const others = ['fact_flight_operations', 'fact_bookings', 'fact_daily_revenue'].filter(
        (t) => !own.includes(t),
      )
      expect(c.refused.map((x) => x.table)).toEqual(others)
      for (const x of c.refused) expect(x.message).toBe(`permission denied for table ${x.table}`)
      const expected = batches.flatMap((b) =>
        own.filter((t) => (b.tables[t] ?? 0) > 0).map((t) => [b.day, t, b.tables[t]]),
      )
      expect(c.samples.map((x) => [x.day, x.table, x.rows])).toEqual(expected)
      expect(c.missed).toBe(0)
      if (own.length === 0) expect(c.lagMs).toBeNull()
      else {
        const lags = c.samples.map((x) => x.lagMs as number)
        expect(c.lagMs!.max).toBe(Math.max(...lags))
        expect(c.lagMs!.p50).toBeGreaterThan(0)
        expect(c.lagMs!.p50).toBeLessThanOrEqual(c.lagMs!.max)
      }
    }
    expect(report.diagnostics.summary.fail).toBe(0)
    const status = (id: string) =>
      report.diagnostics.results.find((x: { id: string }) => x.id === id)?.status
    expect(status('data-plane/consumer-read')).toBe('ok')
    expect(status('data-plane/freshness')).toBe('ok')
    expect(r.code).toBe(0)
    // The commands below read the kept database with the same (domain) config.
    const init = await runCli(['init', '--yes', '--layout', 'domains'], { cwd: dir })
    expect(init.code).toBe(0)
  })

  it('runs a flagship query as a consumer, and prints its SQL with three-part names', {
    timeout: 120_000,
  }, async () => {
    const r = await runCli(
      ['query', 'top-routes', '--dir', 'db', '--consumer', 'sales', '--limit', '3', '--json'],
      { cwd: dir },
    )
    expect(r.stderr).toBe('')
    const rows = JSON.parse(r.stdout)
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.length).toBeLessThanOrEqual(3)
    const sql = await runCli(['query', 'top-routes', '--sql', '--consumer', 'sales'], {
      cwd: dir,
    })
    // Each table through the database of the share holding it.
    expect(sql.stdout).toMatch(/"sales_domain_sales"\."\w+"\."fact_daily_revenue"/)
    expect(sql.stdout).toMatch(/"core_sales"\."airline_dw"\."dim_airport"/)
    const bad = await runCli(['query', 'top-route', '--sql'], { cwd: dir })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('unknown query "top-route"; use one of on-time-performance')
  })

  it('a reload keeps the tables, so consumers keep their grants and read the new rows', {
    timeout: 180_000,
  }, async () => {
    const reload = await runCli(
      ['load', '--to', 'local', '--dir', 'db', '--scale', '0.002', '--workers', '0', '--json'],
      { cwd: dir },
    )
    expect(reload.stderr).toBe('')
    expect(reload.code).toBe(0)
    const bookings = JSON.parse(reload.stdout).tables.find(
      (t: { table: string }) => t.table === 'fact_bookings',
    ).rows
    // No rsp share in between: the grants on the (kept) tables still apply.
    const r = await runCli(
      ['query', 'channel-mix-by-lead-time', '--dir', 'db', '--consumer', 'sales', '--json'],
      { cwd: dir },
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[]
    const total = rows.reduce((n, row) => n + Number(row.bookings ?? 0), 0)
    expect(total).toBe(bookings)
  })

  it('diagnoses the local data plane with JSON and JUnit output', {
    timeout: 120_000,
  }, async () => {
    const r = await runCli(
      [
        'diagnose',
        '--target',
        'local',
        '--dir',
        'db',
        '--json',
        '--junit',
        'diag.xml',
        '--config',
        'none.json',
      ],
      { cwd: dir },
    )
    // No config file: exit 2 before touching the database.
    expect(r.code).toBe(2)
    const ok = await runCli(
      ['diagnose', '--target', 'local', '--dir', 'db', '--json', '--junit', 'diag.xml'],
      { cwd: dir },
    )
    expect(ok.stderr).toBe('')
    const report = JSON.parse(ok.stdout)
    expect(report.summary.fail).toBe(0)
    expect(report.results.map((x: { id: string }) => x.id)).toContain(
      'data-plane/consumer-read-only',
    )
    expect(readFileSync(join(dir, 'diag.xml'), 'utf8')).toContain('<testsuites')
    expect(ok.code).toBe(0)
  })
})
