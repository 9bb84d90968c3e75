import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DOMAIN_LAYOUT } from '../config/domain-layout.js'
import { runCli, tempProject } from '../test-cli.js'
import { answerProblem, ask, type InitAnswers, type InitPrompts, layoutProblem } from './init.js'

/** A user at the prompts: each text prompt gets the given tries in turn until one is accepted. */
function user(
  tries: Record<string, string[]>,
  choices: { mode?: string; layout?: string; confirm?: boolean } = {},
) {
  const refused: { prompt: string; value: string; problem: string }[] = []
  const asked: string[] = []
  const prompts = {
    intro: () => {},
    cancel: () => {},
    isCancel: () => false,
    text: async (o: { message: string; validate?: (v: string | undefined) => unknown }) => {
      asked.push(o.message)
      const key = Object.keys(tries).find((k) => o.message.startsWith(k))
      for (const value of key ? (tries[key] ?? []) : []) {
        const problem = o.validate?.(value)
        if (problem === undefined) return value
        refused.push({ prompt: key as string, value, problem: String(problem) })
      }
      throw new Error(`the user gave up at ${o.message}`)
    },
    select: async (o: { message: string; initialValue: unknown }) => {
      asked.push(o.message)
      if (o.message === 'Datashares') return choices.layout ?? o.initialValue
      return choices.mode ?? o.initialValue
    },
    confirm: async (o: { message: string; initialValue: unknown }) => {
      asked.push(o.message)
      return choices.confirm ?? o.initialValue
    },
  } as unknown as InitPrompts
  return { prompts, refused, asked }
}

const defaults: InitAnswers = {
  project: 'airline',
  region: undefined,
  mode: 'workload',
  poolCount: 3,
  loadBalancer: false,
  traditionalCluster: false,
  layout: 'single',
}

describe('rsp init', () => {
  it('writes a valid config from flags, which cost then reads', async () => {
    const dir = tempProject()
    const r = await runCli(
      ['init', '--yes', '--project', 'fleet', '--mode', 'pool', '--consumers', '4', '--nlb'],
      { cwd: dir },
    )
    expect(r.code).toBe(0)
    const config = JSON.parse(readFileSync(join(dir, 'rsp.config.json'), 'utf8'))
    expect(config.project).toBe('fleet')
    expect(config.consumers.mode).toBe('pool')
    expect(config.consumers.pool.count).toBe(4)
    expect(config.loadBalancer.enabled).toBe(true)
    expect(config.$schema).toBe('./node_modules/@redshift-playground/cli/rsp.config.schema.json')
    const cost = await runCli(['cost', '--json'], { cwd: dir })
    expect(cost.code).toBe(0)
    expect(JSON.parse(cost.stdout).selectedMode).toBe('pool')
  })

  it('refuses to overwrite without --force (exit 2)', async () => {
    const dir = tempProject({ project: 'airline' })
    const r = await runCli(['init', '--yes'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('rsp.config.json exists; pass --force to overwrite it')
    expect((await runCli(['init', '--yes', '--force'], { cwd: dir })).code).toBe(0)
  })

  it('rejects a bad project name with exit 2 and writes nothing', async () => {
    const dir = tempProject()
    const r = await runCli(['init', '--yes', '--project', 'Bad_Name'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('project = "Bad_Name": not a valid project name')
    expect(() => readFileSync(join(dir, 'rsp.config.json'))).toThrow()
  })

  it('rejects a bad pool size and an unknown mode with exit 2', async () => {
    const dir = tempProject()
    expect((await runCli(['init', '--yes', '--consumers', '99'], { cwd: dir })).stderr).toContain(
      '--consumers must be an integer from 1 to 20, got "99"',
    )
    const mode = await runCli(['init', '--yes', '--mode', 'mesh'], { cwd: dir })
    expect(mode.code).toBe(2)
    expect(mode.stderr).toContain('--mode "mesh" is not one of workload, pool')
  })

  it('interactive: refuses region mars-1 at its prompt and keeps every other answer', async () => {
    const u = user({
      'Project name': ['Bad_Name', 'fleet'],
      'AWS region': ['mars-1', 'eu-west-1'],
    })
    const answers = await ask(defaults, u.prompts)
    expect(u.refused).toEqual([
      {
        prompt: 'Project name',
        value: 'Bad_Name',
        problem: expect.stringContaining('not a valid project name'),
      },
      {
        prompt: 'AWS region',
        value: 'mars-1',
        problem: 'not an AWS region name: use a region code like us-east-1',
      },
    ])
    expect(answers).toMatchObject({ project: 'fleet', region: 'eu-west-1', mode: 'workload' })
    expect(answerProblem('region', '')).toBeUndefined()
  })

  it('interactive: offers the NLB only over a pool, so the answers always validate', async () => {
    const workload = user({ 'Project name': ['fleet'], 'AWS region': [''] }, { confirm: true })
    const a = await ask(defaults, workload.prompts)
    expect(workload.asked).not.toContain('Network Load Balancer over the consumers?')
    expect(a.loadBalancer).toBe(false)
    const pool = user(
      { 'Project name': ['fleet'], 'AWS region': [''], 'How many': ['4'] },
      { mode: 'pool', confirm: true },
    )
    const b = await ask(defaults, pool.prompts)
    expect(b).toMatchObject({ mode: 'pool', poolCount: 4, loadBalancer: true })
  })

  it('--layout domains writes the domain layout: 3 workloads, 3 shares, which validate and plan', async () => {
    const dir = tempProject()
    const r = await runCli(['init', '--yes', '--layout', 'domains'], { cwd: dir })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const config = JSON.parse(readFileSync(join(dir, 'rsp.config.json'), 'utf8'))
    expect(config.datashare).toBeUndefined()
    expect(config.datashares).toEqual(DOMAIN_LAYOUT.datashares)
    expect(config.consumers.workloads.map((w: { name: string }) => w.name)).toEqual([
      'analytics',
      'sales',
      'operations',
    ])
    expect(config.security).toMatchObject({ masking: true, rowLevelSecurity: false })
    const sql = await runCli(['share', '--target', 'redshift', '--dry-run', '--json'], { cwd: dir })
    expect(sql.code).toBe(0)
    expect(JSON.parse(sql.stdout).shares).toEqual(['core', 'sales_domain', 'operations_domain'])
  })

  it('--layout: an unknown layout, or domains over a pool, exits 2 and writes nothing', async () => {
    const dir = tempProject()
    const bad = await runCli(['init', '--yes', '--layout', 'mesh'], { cwd: dir })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--layout "mesh" is not one of single, domains')
    const pool = await runCli(['init', '--yes', '--layout', 'domains', '--mode', 'pool'], {
      cwd: dir,
    })
    expect(pool.code).toBe(2)
    expect(pool.stderr).toContain('--layout domains needs --mode workload')
    expect(() => readFileSync(join(dir, 'rsp.config.json'))).toThrow()
    expect(layoutProblem('single', 'pool')).toBeUndefined()
  })

  it('interactive: offers the domain layout in workload mode only', async () => {
    const domains = user({ 'Project name': ['fleet'], 'AWS region': [''] }, { layout: 'domains' })
    expect(await ask(defaults, domains.prompts)).toMatchObject({ layout: 'domains' })
    expect(domains.asked).toContain('Datashares')
    const pool = user(
      { 'Project name': ['fleet'], 'AWS region': [''], 'How many': ['2'] },
      { mode: 'pool', layout: 'domains' },
    )
    expect(await ask(defaults, pool.prompts)).toMatchObject({ mode: 'pool', layout: 'single' })
    expect(pool.asked).not.toContain('Datashares')
  })
})
