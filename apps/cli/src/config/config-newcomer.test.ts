import { describe, expect, it } from 'vitest'
import type { ConfigError } from '../errors/cli-errors.js'
import { runCli, tempProject } from '../test-cli.js'
import { validateConfigOrFail } from './validate-config.js'

function issuesOf(input: unknown) {
  try {
    validateConfigOrFail(input, 'rsp.config.json')
  } catch (error) {
    return (error as ConfigError).issues.map((i) => ({ field: i.field, message: i.message }))
  }
  return []
}

const workloads = (...names: string[]) => ({
  mode: 'workload',
  workloads: names.map((name) => ({ name, baseCapacity: 32, maxCapacity: 64 })),
})

describe('every config problem at once', () => {
  it('reports a cross-field problem (duplicate consumer) next to per-field ones', () => {
    const issues = issuesOf({
      project: 'airline',
      producer: { baseCapacity: 33, maxCapacity: 128 },
      consumers: workloads('analytics', 'analytics'),
    })
    expect(issues).toEqual([
      { field: 'producer.baseCapacity', message: 'not an allowed base capacity' },
      { field: 'consumers.workloads[1].name', message: 'duplicate consumer name' },
    ])
  })

  it('reports cross-field problems even when a required value is invalid or missing', () => {
    const issues = issuesOf({
      project: 'Bad_Name',
      consumers: {
        mode: 'workload',
        workloads: [
          { name: 'analytics', baseCapacity: 'big', maxCapacity: 64 },
          { name: 'reporting', maxCapacity: 64 },
          { name: 'reporting', baseCapacity: 32, maxCapacity: 64 },
        ],
      },
      loadBalancer: { enabled: true },
    })
    expect(issues.map((i) => i.field)).toEqual([
      'project',
      'consumers.workloads[0].baseCapacity',
      'consumers.workloads[1].baseCapacity',
      'consumers.workloads[2].name',
      'loadBalancer.enabled',
    ])
  })

  it('never invents a problem from a stand-in value', () => {
    // maxCapacity 16 is valid, baseCapacity is not: "maxCapacity below baseCapacity" would come from the stand-in.
    expect(
      issuesOf({ project: 'airline', producer: { baseCapacity: 33, maxCapacity: 16 } }),
    ).toEqual([{ field: 'producer.baseCapacity', message: 'not an allowed base capacity' }])
    // Two invalid names must not become two equal stand-ins.
    expect(
      issuesOf({ project: 'airline', consumers: workloads('A', 'B') }).map((i) => i.field),
    ).toEqual(['consumers.workloads[0].name', 'consumers.workloads[1].name'])
  })
})

describe('names that passed validation and failed later', () => {
  it.each([
    ['a workload named public', { consumers: workloads('public') }, 'consumers.workloads[0].name'],
    ['a workload named none', { consumers: workloads('none') }, 'consumers.workloads[0].name'],
    ['a workload named pg-x', { consumers: workloads('pg-x') }, 'consumers.workloads[0].name'],
    [
      'a workload a--b (invalid Fn::Sub variable)',
      { consumers: workloads('a--b') },
      'consumers.workloads[0].name',
    ],
    ['a workload ending in -', { consumers: workloads('ab-') }, 'consumers.workloads[0].name'],
    ['a share named public', { datashare: { name: 'public' } }, 'datashare.name'],
    ['a share named pg_catalog', { datashare: { name: 'pg_catalog' } }, 'datashare.name'],
    ['a 64-byte share name', { datashare: { name: 'a'.repeat(64) } }, 'datashare.name'],
  ])('refuses %s with the field and a fix', (_what, config, field) => {
    let error: ConfigError | undefined
    try {
      validateConfigOrFail({ project: 'airline', ...config })
    } catch (e) {
      error = e as ConfigError
    }
    expect(error?.issues.map((i) => i.field)).toEqual([field])
    expect(error?.issues[0]?.fix).toMatch(/\w/)
  })

  it('accepts a 63-byte share name and names with single dashes', () => {
    expect(() =>
      validateConfigOrFail({
        project: 'airline',
        consumers: workloads('sales-eu', 'ops2'),
        datashare: { name: 'a'.repeat(63) },
      }),
    ).not.toThrow()
  })

  it('makes rsp config validate refuse a--b, so rsp plan never meets an invalid Fn::Sub variable', async () => {
    const dir = tempProject({ project: 'airline', consumers: workloads('a--b') })
    const r = await runCli(['config', 'validate'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      'consumers.workloads[0].name = "a--b": a consumer name cannot have a double - or end with -. Fix: join the words with a single -',
    )
  })
})
