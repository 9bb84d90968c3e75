import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, tempProject } from '../test-cli.js'
import { outputDirOrFail, outputFileOrFail } from './output-path.js'

describe('output paths', () => {
  it('creates missing output folders with their parents', async () => {
    const dir = tempProject()
    expect(await outputDirOrFail('--keep', '.rsp/db', dir)).toBe(join(dir, '.rsp/db'))
    expect(existsSync(join(dir, '.rsp/db'))).toBe(true)
    expect(await outputFileOrFail('--out', 'a/b/c.sql', dir)).toBe(join(dir, 'a/b/c.sql'))
    expect(existsSync(join(dir, 'a/b'))).toBe(true)
  })

  it('refuses a file where a folder belongs (exit 2), and a folder where a file belongs', async () => {
    const dir = tempProject()
    writeFileSync(join(dir, 'afile'), 'x')
    await expect(outputDirOrFail('--keep', 'afile', dir)).rejects.toMatchObject({
      code: 'USAGE',
      message:
        '--keep afile: is a file, not a folder; give a folder path (it is created when missing)',
    })
    await expect(outputFileOrFail('--out', 'afile/x.sql', dir)).rejects.toMatchObject({
      code: 'USAGE',
    })
    mkdirSync(join(dir, 'folder'))
    await expect(outputFileOrFail('--out', 'folder', dir)).rejects.toMatchObject({ code: 'USAGE' })
  })

  it('rsp schema ddl --out and rsp diagnose --junit write into new folders', async () => {
    const dir = tempProject({ project: 'airline' })
    const ddl = await runCli(
      ['schema', 'ddl', '--target', 'postgres', '--out', 'sql/new/ddl.sql'],
      {
        cwd: dir,
      },
    )
    expect(ddl.stderr).toBe('')
    expect(ddl.code).toBe(0)
    expect(readFileSync(join(dir, 'sql/new/ddl.sql'), 'utf8')).toContain('CREATE TABLE')
    const junit = await runCli(['diagnose', '--junit', 'reports/ci/diagnose.xml'], { cwd: dir })
    expect(junit.stderr).toBe('')
    expect(junit.code).toBe(0)
    expect(readFileSync(join(dir, 'reports/ci/diagnose.xml'), 'utf8')).toContain('<testsuite')
  })

  it('rsp demo --keep <a file> is a usage error before the synth, never "[object Object]"', async () => {
    const dir = tempProject()
    writeFileSync(join(dir, 'afile'), 'x')
    for (const target of ['postgres', 'redshift-local']) {
      const r = await runCli(['demo', '--target', target, '--keep', 'afile', '--scale', '0.001'], {
        cwd: dir,
      })
      expect(r.code).toBe(2)
      expect(r.stderr).toBe(
        'error --keep afile: is a file, not a folder; give a folder path (it is created when missing)\n',
      )
      expect(r.stdout).not.toContain('synth')
    }
  })

  it('rsp demo --target postgres --keep .rsp/db creates .rsp (the tour’s command)', {
    timeout: 300_000,
  }, async () => {
    const dir = tempProject()
    const r = await runCli(
      ['demo', '--target', 'postgres', '--keep', '.rsp/db', '--scale', '0.001', '--workers', '0'],
      { cwd: dir },
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(existsSync(join(dir, '.rsp/db', 'PG_VERSION'))).toBe(true)
  })
})
