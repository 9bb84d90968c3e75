import { describe, expect, it } from 'vitest'
import { colorEnabled } from './context/cli-context.js'
import { runCli, tempProject } from './test-cli.js'

describe('rsp', () => {
  it('prints the command list for --help without loading the commands', async () => {
    const r = await runCli(['--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('USAGE rsp')
    for (const name of ['init', 'cost', 'loadtest', 'local']) expect(r.stdout).toContain(name)
    expect(r.stdout).not.toContain(String.fromCharCode(27))
  })

  it('prints a command help with its examples', async () => {
    const r = await runCli(['cost', '--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('rsp cost --config prod.rsp.config.json --json')
    expect(r.stdout).toContain('--json')
  })

  it('keeps the examples copyable and names sub-commands with rsp', async () => {
    for (const argv of [
      ['demo', '--help'],
      ['cost', '--help'],
      ['unshare', '--help'],
    ]) {
      const r = await runCli(argv)
      expect(r.code).toBe(0)
      // citty appended "(rsp demo v0.0.0)" to the last example line.
      expect(r.stdout).not.toMatch(/v\d+\.\d+\.\d+\)/)
      expect(r.stdout).not.toMatch(/ +\n/)
    }
    const demo = await runCli(['demo', '--help'])
    expect(demo.stdout).toContain(
      '  rsp demo --target postgres --keep .rsp/db && rsp local serve --dir .rsp/db\n',
    )
    const validate = await runCli(['config', 'validate', '--help'])
    expect(validate.stdout).toContain('USAGE rsp config validate [OPTIONS]')
    const group = await runCli(['config', '--help'])
    expect(group.stdout).toContain('USAGE rsp config validate|schema')
    expect(group.stdout).not.toContain('Examples:')
    expect(validate.stdout).toContain('--verbose')
  })

  it('prints errors as JSON on stdout with --json, and stack traces only when verbose', async () => {
    const dir = tempProject({
      project: 'airline',
      producer: { baseCapacity: 33, maxCapacity: 128 },
      consumers: {
        workloads: [
          { name: 'analytics', baseCapacity: 32, maxCapacity: 64 },
          { name: 'analytics', baseCapacity: 32, maxCapacity: 64 },
        ],
      },
      datashare: { objects: ['nope'] },
    })
    const r = await runCli(['config', 'validate', '--json'], { cwd: dir })
    expect(r.code).toBe(2)
    const { error } = JSON.parse(r.stdout)
    expect(error.code).toBe('CONFIG_INVALID')
    expect(error.exitCode).toBe(2)
    expect(error.issues.map((i: { field: string }) => i.field)).toEqual([
      'producer.baseCapacity',
      'consumers.workloads[1].name',
      'datashare.objects[0]',
    ])
    expect(r.stderr).toContain('datashare.objects[0] = "nope"')
    const bug = await runCli(['cost', '--config', 'missing.json', '--verbose'], { cwd: dir })
    expect(bug.code).toBe(2)
    expect(bug.stderr).toMatch(/\n\s+at /)
    const quiet = await runCli(['cost', '--config', 'missing.json'], { cwd: dir })
    expect(quiet.stderr).not.toMatch(/\n\s+at /)
    const debug = await runCli(['cost', '--config', 'missing.json'], {
      cwd: dir,
      env: { NO_COLOR: '1', RSP_DEBUG: '1' },
    })
    expect(debug.stderr).toMatch(/\n\s+at /)
  })

  it('prints the version', async () => {
    const r = await runCli(['--version'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
  })

  it('exits 2 for an unknown command or no command', async () => {
    const unknown = await runCli(['deploi'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('Unknown command deploi')
    expect((await runCli([])).code).toBe(2)
  })

  it('follows NO_COLOR and FORCE_COLOR', () => {
    expect(colorEnabled({ NO_COLOR: '1' }, true)).toBe(false)
    expect(colorEnabled({ NO_COLOR: 'yes' }, true)).toBe(false)
    expect(colorEnabled({}, true)).toBe(true)
    expect(colorEnabled({}, false)).toBe(false)
    expect(colorEnabled({ FORCE_COLOR: '1' }, false)).toBe(true)
  })
})
