import { describe, expect, it } from 'vitest'
import type { Check } from '../check/check.js'
import { findings } from '../check/finding.js'
import { runChecks } from '../runner/run-checks.js'
import { renderJson } from './json/json-renderer.js'
import { renderJunit } from './junit/junit-renderer.js'
import { colorFromEnv, renderTable } from './table/table-renderer.js'

const checks: Check[] = [
  {
    id: 'config/good',
    title: 'Good',
    group: 'config',
    run: async () => [findings.ok('all <fine> & "dandy"')],
  },
  {
    id: 'config/meh',
    title: 'Meh',
    group: 'config',
    run: async () => [findings.warn('half full', { n: 1 }, 'Fill it.')],
  },
  {
    id: 'control-plane/bad',
    title: 'Bad',
    group: 'control-plane',
    run: async () => [findings.fail('broken\u0001 <b>', { ip: '10.0.0.1' }, 'Fix & retry.')],
  },
  {
    id: 'control-plane/boom',
    title: 'Boom',
    group: 'control-plane',
    run: async () => {
      throw new Error('kaput')
    },
  },
  {
    id: 'data-plane/none',
    title: 'None',
    group: 'data-plane',
    run: async () => [findings.skip('no input')],
  },
]

describe('renderers', async () => {
  const report = await runChecks(checks, {})

  it('table: one line per finding, remediation under warn/fail, summary; no escapes without colour', () => {
    const text = renderTable(report, { color: false })
    expect(text).not.toContain('\u001b[')
    expect(text.split('\n').slice(0, 4)).toEqual([
      'STATUS  CHECK               MESSAGE',
      'OK      config/good         all <fine> & "dandy"',
      'WARN    config/meh          half full',
      '                            ↳ Fill it.',
    ])
    expect(text).toMatch(/FAIL — 5 checks: 1 ok, 1 warn, 2 fail, 1 skipped/)
  })

  it('table: ANSI colours when asked', () => {
    const text = renderTable(report, { color: true })
    expect(text).toContain('\u001b[31mFAIL')
    expect(text).toContain('\u001b[32mOK')
  })

  it('colorFromEnv follows NO_COLOR, FORCE_COLOR and the TTY', () => {
    expect(colorFromEnv({ NO_COLOR: '1' }, true)).toBe(false)
    expect(colorFromEnv({ NO_COLOR: '' }, true)).toBe(true)
    expect(colorFromEnv({ FORCE_COLOR: '1' }, false)).toBe(true)
    expect(colorFromEnv({}, false)).toBe(false)
  })

  it('json: the report with a format version, parseable', () => {
    const doc = JSON.parse(renderJson(report))
    expect(doc.formatVersion).toBe(1)
    expect(doc.results[2].findings[0]).toEqual({
      severity: 'fail',
      message: 'broken\u0001 <b>',
      evidence: { ip: '10.0.0.1' },
      remediation: 'Fix & retry.',
    })
  })

  it('junit: suites per group, failure/error/skipped, escaped text, no control characters', () => {
    const xml = renderJunit(report)
    expect(xml).toContain(
      '<testsuites name="rsp diagnose" tests="5" failures="1" errors="1" skipped="1"',
    )
    expect(xml).toContain(
      '<testsuite name="control-plane" tests="2" failures="1" errors="1" skipped="0"',
    )
    expect(xml).toContain('<failure message="broken &lt;b&gt;" type="fail">')
    expect(xml).toContain('remediation: Fix &amp; retry.')
    expect(xml).toContain('<error message="check crashed: kaput" type="crash">')
    expect(xml).toContain('<skipped message="no input"/>')
    expect(xml).not.toContain('\u0001')
    expect(renderJunit(report, { warnAsFailure: true })).toContain('failures="2"')
  })
})
