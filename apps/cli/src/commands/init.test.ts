import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, tempProject } from '../test-cli.js'

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
    expect(mode.stderr).toContain('Invalid value for argument: --mode (mesh)')
  })
})
