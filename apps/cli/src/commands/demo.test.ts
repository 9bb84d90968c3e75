import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, tempProject } from '../test-cli.js'

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
      'diagnose',
      'reshare',
      'teardown',
      'iam-preflight',
      'iam-share',
    ])
      expect(r.stdout).toMatch(new RegExp(`✔ ${step}`))
    expect(r.stdout).toMatch(
      /✔ account +emulated Redshift Serverless account: 3 namespaces from the templates/,
    )
    expect(r.stdout).toMatch(
      /✔ schema +applied 0001_airline_star_schema, 0002_booking_baggage_fee, 0003_domain_views_and_freshness \(Redshift DDL through the Data API\) .*as rsp_admin via the managed admin secret/,
    )
    expect(r.stdout).toMatch(/✔ load +[\d,]+ rows in 8 tables .*COPY … IAM_ROLE default MANIFEST/)
    expect(r.stdout).toMatch(
      /✔ share +\d+ statements: producer \(published views, datashare, grants\)/,
    )
    expect(r.stdout).toMatch(
      /✔ queries +12 runs: 6 flagship queries × 2 consumers, as <database>\.airline_share_airline_dw\.<table>/,
    )
    expect(r.stdout).toMatch(/✔ diagnose +\d+ ok, 0 warn, 0 fail/)
    expect(r.stdout).toMatch(/✔ reshare +nothing to change/)
    expect(r.stdout).toMatch(/✔ teardown +\d+ statements/)
    expect(r.stdout).toMatch(
      /refused \(.*read-only unless the producer grants write privileges \[R-DS-14\]\)/,
    )
    expect(r.stdout).toMatch(/re-share planned 0 statements/)
    // Issue 17, identity: the IAM caller is refused before any statement on every namespace,
    // passes after the grants the preflight printed, then shares, re-plans nothing and tears
    // down as itself (a non-superuser).
    expect(r.stdout).toMatch(
      /✔ iam-preflight +3 of 3 namespaces refused IAMR:\S+ before any statement \(your IAM identity IAMR:\S+ lacks .*\); each admin ran the \d+ grants it printed; the preflight then passed/,
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

  it('runs the whole flow at a tiny scale on the embedded target', {
    timeout: 300_000,
  }, async () => {
    const r = await runCli(
      ['demo', '--target', 'postgres', '--scale', '0.001', '--workers', '0', '--keep', 'db'],
      {
        cwd: dir,
      },
    )
    expect(r.stderr).toBe('')
    for (const step of ['synth', 'open', 'schema', 'load', 'share', 'queries', 'diagnose'])
      expect(r.stdout).toMatch(new RegExp(`✔ ${step}`))
    expect(r.stdout).toContain('rsp demo — project airline, scale 0.001, embedded PGlite, no AWS')
    expect(r.stdout).toMatch(/✔ synth +\d+ stacks, \d+ resources \(offline, no AWS\)/)
    expect(r.stdout).toMatch(
      /✔ share +\d+ statements \(roles, grants, masking view, RLS\) for 2 consumers/,
    )
    expect(r.stdout).toMatch(/✔ queries +12 runs: 6 flagship queries × 2 consumers/)
    expect(r.stdout).toMatch(/✔ diagnose +\d+ ok, \d+ warn, 0 fail/)
    expect(r.stdout).toMatch(/on-time-performance +\d+( \[\d+\])? rows/)
    // Row-level security: every consumer sees only the configured regions' airports, hence
    // fewer routes than the producer (in brackets).
    expect(r.stdout).toMatch(/top-routes +\d+ \[\d+\] rows, .* \d+ \[\d+\] rows/)
    expect(r.stdout).toContain(
      'Consumer analytics tried DELETE FROM airline_dw.fact_bookings: refused (permission denied',
    )
    expect(r.stdout).toMatch(
      /Cost on AWS \$8,647\.10 per month in workload mode \(\$11,528\.00 in pool mode\)/,
    )
    expect(r.stdout).toMatch(
      /Done in .*: 3 stacks synthesised, [\d,]+ rows loaded, 2 consumers, 12 query runs, diagnostics (ok|warn)\./,
    )
    expect(r.stdout).toContain('Next: rsp local serve --dir db')
    expect(r.code).toBe(0)
  })

  it('runs a flagship query as a consumer, and prints its SQL with three-part names', {
    timeout: 120_000,
  }, async () => {
    const r = await runCli(
      ['query', 'top-routes', '--dir', 'db', '--consumer', 'analytics', '--limit', '3', '--json'],
      { cwd: dir },
    )
    expect(r.stderr).toBe('')
    const rows = JSON.parse(r.stdout)
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.length).toBeLessThanOrEqual(3)
    const sql = await runCli(['query', 'top-routes', '--sql', '--consumer', 'reporting'], {
      cwd: dir,
    })
    expect(sql.stdout).toContain('"airline_reporting"."airline_dw"."fact_daily_revenue"')
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
      ['query', 'channel-mix-by-lead-time', '--dir', 'db', '--consumer', 'analytics', '--json'],
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
    await runCli(['init', '--yes'], { cwd: dir })
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
