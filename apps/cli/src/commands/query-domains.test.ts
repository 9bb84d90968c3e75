import { describe, expect, it } from 'vitest'
import { DOMAIN_LAYOUT } from '../config/domain-layout.js'
import { runCli, tempProject } from '../test-cli.js'

describe('rsp query with datashares by domain', () => {
  const dir = tempProject({ project: 'airline', ...DOMAIN_LAYOUT })

  it('--sql: each table through the database of the share holding it', async () => {
    const r = await runCli(['query', 'top-routes', '--sql', '--consumer', 'sales'], { cwd: dir })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('"sales_domain_sales"."airline_dw"."fact_daily_revenue"')
    expect(r.stdout).toContain('"core_sales"."airline_dw"."dim_airport"')
    expect(r.stdout).not.toMatch(/from "airline_dw"\./)
  })

  it('a consumer not entitled to a table is refused before any SQL, naming the table, its share and who receives it (exit 2)', async () => {
    const r = await runCli(['query', 'revenue-by-tier-cabin', '--sql', '--consumer', 'analytics'], {
      cwd: dir,
    })
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(
      'query "revenue-by-tier-cabin" reads relations consumer analytics does not receive: airline_dw.dim_customer (in sales_domain, consumers sales), airline_dw.fact_bookings (in sales_domain, consumers sales)',
    )
    expect(r.stderr).toContain('--consumer sales')
  })

  it('the single datashare keeps its airline_<consumer> database for every table', async () => {
    const legacy = tempProject({ project: 'airline' })
    const r = await runCli(['query', 'top-routes', '--sql', '--consumer', 'reporting'], {
      cwd: legacy,
    })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('"airline_reporting"."airline_dw"."fact_daily_revenue"')
    expect(r.stdout).toContain('"airline_reporting"."airline_dw"."dim_airport"')
  })
})
