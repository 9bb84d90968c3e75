import { describe, expect, it } from 'vitest'
import { colorEnabled } from './context/cli-context.js'
import { runCli } from './test-cli.js'

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
