import { PGlite } from '@electric-sql/pglite'
import { describe, expect, it } from 'vitest'
import { DOMAIN_LAYOUT } from '../config/domain-layout.js'
import { runCli, tempProject } from '../test-cli.js'

describe('rsp share / unshare', () => {
  it('prints the Redshift SQL per side offline, with namespace placeholders and quoted GUID slots', async () => {
    const dir = tempProject({ project: 'airline' })
    const r = await runCli(['share', '--target', 'redshift', '--dry-run'], { cwd: dir })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('-- Datashare airline_share — producer side (redshift)')
    expect(r.stdout).toContain('CREATE DATASHARE')
    expect(r.stdout).toContain(
      `GRANT USAGE ON DATASHARE "airline_share" TO NAMESPACE '\${AnalyticsNamespaceId}'`,
    )
    expect(r.stdout).toContain(
      `FROM DATASHARE "airline_share" OF NAMESPACE '\${ProducerNamespaceId}'`,
    )
    expect(r.stdout).not.toContain('PUBLICACCESSIBLE')
  })

  it('plans datashares by domain as one offline plan: every share, each statement with its share, in run order', async () => {
    const dir = tempProject({ project: 'airline', ...DOMAIN_LAYOUT })
    const r = await runCli(['share', '--target', 'redshift', '--dry-run', '--json'], { cwd: dir })
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as {
      shares: string[]
      plan: { share: string; side: string; sql: string }[]
    }
    expect(out.shares).toEqual(['core', 'sales_domain', 'operations_domain'])
    expect(new Set(out.plan.map((st) => st.share))).toEqual(new Set(out.shares))
    // Producer first, then each consumer: one database per share it receives.
    const firstConsumer = out.plan.findIndex((st) => st.side !== 'producer')
    expect(out.plan.slice(firstConsumer).every((st) => st.side !== 'producer')).toBe(true)
    expect(
      out.plan.filter((st) => st.side === 'consumer:sales').map((st) => [st.share, st.sql]),
    ).toEqual([
      ['core', expect.stringMatching(/^CREATE DATABASE "core_sales" FROM DATASHARE "core"/)],
      [
        'sales_domain',
        expect.stringMatching(/^CREATE DATABASE "sales_domain_sales" WITH PERMISSIONS/),
      ],
    ])
    // The masked share publishes its view of the model too.
    expect(
      out.plan.some(
        (st) =>
          st.share === 'sales_domain' &&
          st.sql.startsWith('CREATE VIEW "sales_domain_airline_dw"."v_customer_360"'),
      ),
    ).toBe(true)
  })

  it('prints the Redshift teardown SQL offline for unshare --target redshift --dry-run', async () => {
    const dir = tempProject({ project: 'airline' })
    const r = await runCli(['unshare', '--target', 'redshift', '--dry-run'], { cwd: dir })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('DROP DATABASE "airline_analytics"')
    expect(r.stdout).toContain(
      `REVOKE USAGE ON DATASHARE "airline_share" FROM NAMESPACE '\${AnalyticsNamespaceId}'`,
    )
    expect(r.stdout).toContain('DROP DATASHARE "airline_share"')
    expect(r.stdout).not.toContain('CREATE DATASHARE')
    const json = await runCli(['unshare', '--target', 'redshift', '--dry-run', '--json'], {
      cwd: dir,
    })
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout).plan.at(-1).sql).toMatch(/^DROP SCHEMA/)
    // Without --dry-run it still refuses, with the way forward.
    const apply = await runCli(['unshare', '--target', 'redshift'], { cwd: dir })
    expect(apply.code).toBe(2)
    expect(apply.stderr).toContain('add --dry-run for the SQL')
  })

  it('applies the local plan, re-plans to nothing, and tears down', {
    timeout: 180_000,
  }, async () => {
    const dir = tempProject({ project: 'airline' })
    const db = `${dir}/db`
    await (await PGlite.create(db)).close() // share reads a database; it no longer makes one
    const first = await runCli(['share', '--dir', db, '--json'], { cwd: dir })
    expect(first.stderr).toBe('')
    const plan = JSON.parse(first.stdout)
    expect(plan.isEmpty).toBe(false)
    expect(plan.applied).toBe(plan.statements.length)
    expect(plan.statements[0].side).toBe('producer')
    const again = await runCli(['share', '--dir', db], { cwd: dir })
    expect(again.stdout).toContain('airline_share: nothing to change')
    const down = await runCli(['unshare', '--dir', db, '--json'], { cwd: dir })
    expect(down.code).toBe(0)
    const teardown = JSON.parse(down.stdout)
    expect(teardown.kind).toBe('teardown')
    expect(teardown.statements.at(-1).sql).toMatch(/DROP ROLE/i)
  })
})
