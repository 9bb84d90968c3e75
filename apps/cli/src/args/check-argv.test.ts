import { describe, expect, it } from 'vitest'
import { runCli, tempProject } from '../test-cli.js'
import { didYouMean, editDistance } from './check-argv.js'

describe('did-you-mean', () => {
  it('finds the flag or command a typo meant', () => {
    expect(editDistance('dryrun', 'dry-run')).toBe(1)
    expect(didYouMean('dryrun', ['config', 'target', 'dir', 'dry-run', 'json'])).toBe('dry-run')
    expect(didYouMean('deploi', ['deploy', 'destroy', 'demo'])).toBe('deploy')
    expect(didYouMean('unshar', ['share', 'unshare'])).toBe('unshare')
    expect(didYouMean('frob', ['config', 'json'])).toBeUndefined()
  })
})

describe('unknown and misspelt arguments exit 2 before anything runs', () => {
  it('refuses a misspelt flag on a destructive command and runs nothing', async () => {
    const dir = tempProject({ project: 'airline' })
    const r = await runCli(['unshare', '--target', 'local', '--dir', 'db', '--dryrun'], {
      cwd: dir,
    })
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('Unknown option --dryrun for rsp unshare; did you mean --dry-run?')
    expect(r.stderr).toContain('Nothing was run.')
    // The database folder was never created: nothing ran.
    expect((await import('node:fs')).existsSync(`${dir}/db`)).toBe(false)
  })

  it('refuses unknown flags on cost, destroy and load', async () => {
    const dir = tempProject({ project: 'airline' })
    const cost = await runCli(['cost', '--frob'], { cwd: dir })
    expect(cost.code).toBe(2)
    expect(cost.stderr).toContain('Unknown option --frob for rsp cost; it takes --config, --json')
    const destroy = await runCli(['destroy', '--yess'], { cwd: dir })
    expect(destroy.code).toBe(2)
    expect(destroy.stderr).toContain('did you mean --yes?')
    const load = await runCli(['load', '--to', 'local', '--dri', 'x'], { cwd: dir })
    expect(load.code).toBe(2)
    expect(load.stderr).toContain('Unknown option --dri for rsp load; did you mean --dir?')
  })

  it('suggests commands and sub-commands', async () => {
    const cmd = await runCli(['unshar'])
    expect(cmd.code).toBe(2)
    expect(cmd.stderr).toContain('Unknown command unshar; did you mean rsp unshare?')
    const sub = await runCli(['config', 'validat'])
    expect(sub.code).toBe(2)
    expect(sub.stderr).toContain('did you mean rsp config validate?')
    const none = await runCli(['config'])
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('rsp config needs a sub-command: validate, schema')
  })

  it('refuses a bad enum value with a suggestion, a flag without its value, a repeated flag and a stray argument', async () => {
    const dir = tempProject({ project: 'airline' })
    const target = await runCli(['unshare', '--target', 'redshfit', '--dry-run'], { cwd: dir })
    expect(target.code).toBe(2)
    expect(target.stderr).toContain(
      '--target "redshfit" is not one of local, redshift; did you mean --target redshift?',
    )
    const noValue = await runCli(['share', '--dir', '--dry-run'], { cwd: dir })
    expect(noValue.code).toBe(2)
    expect(noValue.stderr).toContain('--dir needs a value (DIR), but --dry-run follows it')
    const twice = await runCli(['share', '--dir', 'a', '--dir', 'b'], { cwd: dir })
    expect(twice.code).toBe(2)
    expect(twice.stderr).toContain('--dir is given twice')
    const stray = await runCli(['cost', 'now'], { cwd: dir })
    expect(stray.code).toBe(2)
    expect(stray.stderr).toContain('rsp cost does not take "now" as an argument')
  })

  it('still accepts every documented form', async () => {
    const dir = tempProject({ project: 'airline' })
    for (const argv of [
      ['cost', '--json'],
      ['cost', '--json=true'],
      ['cost', '--no-json'],
      ['cost', '--config=rsp.config.json'],
      ['cost', '--verbose'],
      ['config', 'validate', '--json'],
      ['query', '--list'],
      ['query', 'top-routes', '--sql'],
      ['schema', 'ddl', '--target', 'postgres'],
    ]) {
      const r = await runCli(argv, { cwd: dir })
      expect({ argv, code: r.code, stderr: r.stderr }).toEqual({ argv, code: 0, stderr: '' })
    }
  })
})
