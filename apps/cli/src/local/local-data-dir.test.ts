import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, tempProject } from '../test-cli.js'
import { openLocalDataDirOrFail } from './local-data-dir.js'

// Input folders must exist: before, `rsp query --dir <typo>` and `rsp share --dir <typo>`
// opened (and left behind) a new, empty database.
describe('a local data directory that is read must exist', () => {
  it('rsp query --dir <typo> exits 2 naming the folder, and creates nothing', async () => {
    const cwd = tempProject({ project: 'airline' })
    const r = await runCli(['query', 'top-routes', '--dir', 'dbb'], { cwd })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`${join(cwd, 'dbb')}: no such directory, so no database there`)
    expect(r.stderr).toContain('rsp demo --target postgres --keep DIR')
    expect(existsSync(join(cwd, 'dbb'))).toBe(false)
  })

  it('rsp share / unshare --dir <typo> exit 2 and create nothing', async () => {
    const cwd = tempProject({ project: 'airline' })
    for (const verb of ['share', 'unshare']) {
      const r = await runCli([verb, '--target', 'local', '--dir', join(cwd, 'typo')], { cwd })
      expect(r.code).toBe(2)
      expect(r.stderr).toContain('no such directory')
    }
    expect(existsSync(join(cwd, 'typo'))).toBe(false)
  })

  it('rsp local serve --dir <typo> exits 2 before starting a server, and creates nothing', async () => {
    const cwd = tempProject()
    const r = await runCli(['local', 'serve', '--port', '0', '--dir', 'nope'], { cwd })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`${join(cwd, 'nope')}: no such directory, so no database there`)
    expect(existsSync(join(cwd, 'nope'))).toBe(false)
  })

  it('rsp diagnose --target local on an empty folder exits 2 and leaves it empty', async () => {
    const cwd = tempProject({ project: 'airline' })
    mkdirSync(join(cwd, 'empty'))
    const r = await runCli(['diagnose', '--target', 'local', '--dir', 'empty'], { cwd })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('holds no database (the folder is empty)')
    expect(readdirSync(join(cwd, 'empty'))).toEqual([])
  })

  it('a folder holding an emulated account is pointed at --data-api', () => {
    const cwd = tempProject()
    mkdirSync(join(cwd, 'account', 'redshift'), { recursive: true })
    expect(() => openLocalDataDirOrFail({ dir: join(cwd, 'account') })).toThrow(
      'holds an emulated Redshift account (rsp demo --keep), not a PostgreSQL database: serve it with rsp local serve --data-api',
    )
    expect(readdirSync(join(cwd, 'account'))).toEqual(['redshift'])
  })
})

describe('a local data directory that is written', () => {
  it('is created with its parents', () => {
    const cwd = tempProject()
    const dir = join(cwd, 'a', 'b', 'db')
    openLocalDataDirOrFail({ dir, create: true }).release()
    expect(existsSync(dir)).toBe(true)
  })

  it('is refused when it is a file, or a folder of other files', () => {
    const cwd = tempProject()
    writeFileSync(join(cwd, 'f'), 'x')
    expect(() => openLocalDataDirOrFail({ dir: join(cwd, 'f'), create: true })).toThrow(
      'is a file, not a directory',
    )
    mkdirSync(join(cwd, 'docs'))
    writeFileSync(join(cwd, 'docs', 'notes.txt'), 'x')
    expect(() => openLocalDataDirOrFail({ dir: join(cwd, 'docs'), create: true })).toThrow(
      'holds files but no database (notes.txt): choose an empty or new folder',
    )
    expect(readdirSync(join(cwd, 'docs'))).toEqual(['notes.txt'])
  })
})
