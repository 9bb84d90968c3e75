import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ConfigError } from '../errors/cli-errors.js'
import { runCli, tempProject } from '../test-cli.js'
import { validateConfigOrFail } from './validate-config.js'

const HEADER = 'error rsp.config.json is invalid (nothing was synthesised or sent):\n'
const WHY = "the name AWS's CreateWorkgroup, CloudFormation and the CDK use"

const workloads = [
  { name: 'analytics', baseCapacity: 32, maxCapacity: 128 },
  { name: 'sales', baseRpu: 64, maxCapacity: 64 },
]

describe('the capacity keys of earlier configs (baseRpu, maxRpu)', () => {
  it('refuses baseRpu in a workload with exit 2, its path, value and exact rewrite', async () => {
    const dir = tempProject({ project: 'airline', consumers: { workloads } })
    const r = await runCli(['config', 'validate'], { cwd: dir })
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(
      `${HEADER}  - consumers.workloads[1].baseRpu = 64: "baseRpu" is now "baseCapacity" (the base capacity in RPUs). Fix: rename "baseRpu": 64 to "baseCapacity": 64 — ${WHY}\n`,
    )
    expect(r.code).toBe(2)
  })

  it('refuses maxRpu on the producer in every command that loads the config', async () => {
    const dir = tempProject({ project: 'airline', producer: { baseCapacity: 32, maxRpu: 128 } })
    const line = `${HEADER}  - producer.maxRpu = 128: "maxRpu" is now "maxCapacity" (the maximum capacity in RPUs). Fix: rename "maxRpu": 128 to "maxCapacity": 128 — ${WHY}\n`
    for (const argv of [['config', 'validate'], ['cost'], ['plan']]) {
      const r = await runCli(argv, { cwd: dir })
      expect(r.stderr, argv.join(' ')).toBe(line)
      expect(r.code, argv.join(' ')).toBe(2)
    }
  })

  it('reports both old keys at once, next to the config’s other problems', async () => {
    const dir = tempProject({
      project: 'airline',
      producer: { baseRpu: 33, maxRpu: 128 },
      consumers: { workloads: [...workloads, { name: 'analytics', baseRpu: 32, maxRpu: 16 }] },
      datashare: { objects: ['nope'] },
    })
    const r = await runCli(['config', 'validate', '--json'], { cwd: dir })
    expect(r.code).toBe(2)
    const { error } = JSON.parse(r.stdout)
    expect(error.code).toBe('CONFIG_INVALID')
    expect(
      error.issues.map((i: { field: string; value: unknown; fix: string }) => [
        i.field,
        i.value,
        i.fix,
      ]),
    ).toEqual([
      ['producer.baseRpu', 33, `rename "baseRpu": 33 to "baseCapacity": 33 — ${WHY}`],
      ['producer.maxRpu', 128, `rename "maxRpu": 128 to "maxCapacity": 128 — ${WHY}`],
      ['consumers.workloads[1].baseRpu', 64, `rename "baseRpu": 64 to "baseCapacity": 64 — ${WHY}`],
      ['consumers.workloads[2].baseRpu', 32, `rename "baseRpu": 32 to "baseCapacity": 32 — ${WHY}`],
      ['consumers.workloads[2].maxRpu', 16, `rename "maxRpu": 16 to "maxCapacity": 16 — ${WHY}`],
      // The rest of the config, read as rewritten: no "unknown key" or "required" issue for the
      // renamed keys, and the values' own problems under their new names.
      [
        'producer.baseCapacity',
        33,
        'use 4, a multiple of 8 up to 512, or a multiple of 32 from 512 to 1024',
      ],
      [
        'consumers.workloads[2].maxCapacity',
        16,
        'set maxCapacity to 32 or more, or lower baseCapacity',
      ],
      ['consumers.workloads[2].name', 'analytics', 'give every consumer a different name'],
      ['datashare.objects[0]', 'nope', 'use one of airline_dw, staging, rsp_meta'],
    ])
  })

  it('refuses an old key next to its new name, and keeps the new value', () => {
    let issues: readonly unknown[] = []
    try {
      validateConfigOrFail({
        project: 'airline',
        consumers: {
          mode: 'pool',
          pool: { count: 2, baseCapacity: 32, baseRpu: 8, maxCapacity: 64 },
        },
      })
    } catch (error) {
      issues = (error as ConfigError).issues
    }
    expect(issues).toEqual([
      {
        field: 'consumers.pool.baseRpu',
        value: 8,
        message:
          '"baseRpu" is now "baseCapacity" (the base capacity in RPUs), and "baseCapacity" is given too',
        fix: `remove "baseRpu": 8; "baseCapacity": 32 stays — ${WHY}`,
      },
    ])
  })

  it('rsp init writes baseCapacity and maxCapacity', async () => {
    for (const argv of [
      ['init', '--yes'],
      ['init', '--yes', '--mode', 'pool'],
      ['init', '--yes', '--layout', 'domains'],
    ]) {
      const dir = tempProject()
      expect((await runCli(argv, { cwd: dir })).code).toBe(0)
      const text = readFileSync(join(dir, 'rsp.config.json'), 'utf8')
      expect(text, argv.join(' ')).not.toMatch(/Rpu"/)
      const config = JSON.parse(text)
      for (const w of [config.producer, config.consumers.pool, ...config.consumers.workloads])
        expect(Object.keys(w)).toEqual(expect.arrayContaining(['baseCapacity', 'maxCapacity']))
    }
  })
})
