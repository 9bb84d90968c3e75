import { describe, expect, it } from 'vitest'
import { runCli, tempProject } from '../test-cli.js'

describe('rsp demo', () => {
  it('runs the whole flow at a tiny scale on the embedded target', {
    timeout: 300_000,
  }, async () => {
    const dir = tempProject()
    const r = await runCli(['demo', '--scale', '0.001', '--workers', '0'], { cwd: dir })
    expect(r.stderr).toBe('')
    for (const step of ['synth', 'schema', 'load', 'share', 'queries', 'diagnose'])
      expect(r.stdout).toMatch(new RegExp(`✔ ${step}`))
    expect(r.stdout).toContain('rsp demo — project airline, scale 0.001, embedded PGlite, no AWS')
    expect(r.stdout).toMatch(/✔ synth +\d+ stacks, \d+ resources \(offline, no AWS\)/)
    expect(r.stdout).toMatch(
      /✔ share +\d+ statements \(roles, grants, masking view, RLS\) for 2 consumers/,
    )
    expect(r.stdout).toMatch(/✔ queries +12 runs: 6 flagship queries × 2 consumers/)
    expect(r.stdout).toMatch(/on-time-performance +\d+/)
    expect(r.stdout).toContain(
      'Consumer analytics tried DELETE FROM airline_dw.fact_bookings: refused (permission denied',
    )
    expect(r.stdout).toMatch(/Cost on AWS \$[\d,.]+ per month in workload mode/)
    expect(r.stdout).toMatch(
      /Done in .*: \d+ stacks synthesised, [\d,]+ rows loaded, 2 consumers, 12 query runs, diagnostics (ok|warn)\./,
    )
    expect(r.code).toBe(0)
  })
})
