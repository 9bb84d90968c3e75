import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, tempProject } from '../test-cli.js'

describe('rsp schema ddl', () => {
  it('prints Redshift DDL with distribution and sort keys', async () => {
    const r = await runCli(['schema', 'ddl', '--target', 'redshift'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('CREATE TABLE "airline_dw"."fact_bookings"')
    expect(r.stdout).toMatch(/DISTKEY/)
    expect(r.stdout).toMatch(/COMPOUND SORTKEY/)
    expect(r.stdout).not.toMatch(/INTERLEAVED/)
  })

  it('prints PostgreSQL DDL without Redshift clauses, and a drop script', async () => {
    const r = await runCli(['schema', 'ddl', '--target', 'postgres', '--json'])
    const statements: string[] = JSON.parse(r.stdout)
    expect(statements.some((s) => s.includes('DISTKEY'))).toBe(false)
    expect(statements[0]).toMatch(/^CREATE SCHEMA/)
    const drop = await runCli(['schema', 'ddl', '--target', 'postgres', '--drop'])
    expect(drop.stdout.trim().split(';\n\n').at(-1)).toMatch(/^DROP SCHEMA IF EXISTS/)
  })

  it('writes --out and rejects an unknown target with exit 2', async () => {
    const dir = tempProject()
    const r = await runCli(['schema', 'ddl', '--out', 'a.sql'], { cwd: dir })
    expect(r.stdout).toMatch(/^wrote a\.sql \(\d+ statements, redshift\)/)
    expect(readFileSync(join(dir, 'a.sql'), 'utf8')).toContain('CREATE SCHEMA')
    expect((await runCli(['schema', 'ddl', '--target', 'mysql'])).code).toBe(2)
  })
})
