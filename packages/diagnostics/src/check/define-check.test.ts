import { describe, expect, it } from 'vitest'
import { allChecks, checkById, checksOf } from '../checks/all-checks.js'
import { dataPlaneChecks } from '../checks/data-plane/index.js'
import { runChecks } from '../runner/run-checks.js'
import { healthyConfig } from '../test-fixtures.js'
import { defineCheck, missing, ready } from './define-check.js'
import { findings } from './finding.js'

// The README's "writing your own check" example, run.
const singleConsumer = defineCheck({
  id: 'config/single-consumer',
  title: 'At most one consumer',
  group: 'config',
  inputs: (ctx) => (ctx.config ? ready(ctx.config) : missing(findings.skip('no config given'))),
  async run(config) {
    return config.consumers.length <= 1
      ? [findings.ok('one consumer or none', { consumers: config.consumers.length })]
      : [
          findings.warn(
            `${config.consumers.length} consumers`,
            { consumers: config.consumers.length },
            'Drop one.',
          ),
        ]
  },
})

describe('defineCheck', () => {
  it('reports the guard’s skip without running the check, and runs it with what the guard made ready', async () => {
    const skipped = await runChecks([singleConsumer], {})
    expect(skipped.results[0]?.status).toBe('skip')
    expect(skipped.results[0]?.findings[0]?.message).toBe('no config given')
    const ran = await runChecks([singleConsumer], { config: healthyConfig })
    expect(ran.results[0]?.status).toBe('warn')
    expect(ran.results[0]?.findings[0]?.message).toBe('2 consumers')
  })

  it('every built-in check has one file named by its id and is found by id', async () => {
    const { readdirSync } = await import('node:fs')
    const { dirname, join } = await import('node:path')
    const { fileURLToPath } = await import('node:url')
    const here = dirname(fileURLToPath(import.meta.url))
    for (const check of allChecks) {
      const [group, name] = check.id.split('/') as [string, string]
      expect(readdirSync(join(here, '..', 'checks', group))).toContain(`${group}-${name}.ts`)
      expect(checkById(check.id)).toBe(check)
    }
    expect(checkById('data-plane/nope')).toBeUndefined()
    expect(checksOf('data-plane')).toEqual(dataPlaneChecks)
  })

  it('a group’s checks all skip with the same reason when its input is missing', async () => {
    const report = await runChecks(dataPlaneChecks, {})
    expect(new Set(report.results.map((r) => r.findings[0]?.message))).toEqual(
      new Set(['no data-plane input given']),
    )
  })
})
