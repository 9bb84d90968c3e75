// `rsp deploy`'s share step and `rsp destroy`'s unshare with datashares by domain (3 shares × 3
// consumers, DOMAIN_LAYOUT), on the emulated account: the CDK toolkit is a recording fake (no
// local CloudFormation); the Serverless control plane and the Data API are redshift-local's,
// reached by the CLI's real SDK clients (see load/test-load-fakes.ts).
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data'
import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless'
import { RedshiftDataDialect } from '@redshift-playground/redshift-data'
import { airlineModel, renderRedshiftDdl } from '@redshift-playground/schema'
import { Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DOMAIN_LAYOUT } from '../config/domain-layout.js'
import { validateConfigOrFail } from '../config/validate-config.js'
import { recordingToolkit } from '../deploy/test-toolkit.js'
import {
  CLI_PRINCIPAL,
  awsTestEnv as env,
  type LocalAws,
  startLocalAws,
} from '../load/test-load-fakes.js'
import { adminTarget, shareOnRedshift } from '../share/redshift-share.js'
import { runCli, tempProject } from '../test-cli.js'
import { toolkitFactory } from './deploy.js'

describe('rsp deploy / destroy: datashares by domain on the emulated account', () => {
  const original = toolkitFactory.create
  let aws: LocalAws
  let clients: { serverless: RedshiftServerlessClient; data: RedshiftDataClient }
  beforeAll(async () => {
    toolkitFactory.create = async () => recordingToolkit()
    aws = await startLocalAws({
      buckets: [],
      namespaces: ['airline-analytics', 'airline-sales', 'airline-operations'],
    })
    // The producer holds the airline model (tables, views, rsp_meta.freshness_marker).
    for (const st of renderRedshiftDdl(airlineModel, { foreignKeys: false }).statements)
      await aws.admin('dev', st)
    const endpoint = { endpoint: aws.server.url, region: 'us-east-1', credentials: CLI_PRINCIPAL }
    clients = {
      serverless: new RedshiftServerlessClient(endpoint),
      data: new RedshiftDataClient(endpoint),
    }
  }, 120_000)
  afterAll(async () => {
    toolkitFactory.create = original
    clients?.serverless.destroy()
    clients?.data.destroy()
    await aws?.close()
  })

  const outbound = async () =>
    (
      await aws.admin(
        'dev',
        "SELECT share_name FROM svv_datashares WHERE share_type = 'OUTBOUND' ORDER BY 1",
      )
    )[0]?.rows.map((r) => String(r[0]))

  /** Each consumer's databases made from a datashare, read on its own workgroup as its admin. */
  async function consumerDatabases(config: object): Promise<Record<string, string[]>> {
    const r = await shareOnRedshift(validateConfigOrFail(config), clients, { dryRun: true })
    const out: Record<string, string[]> = {}
    for (const [name, access] of Object.entries(r.access.consumers)) {
      const db = new Kysely<never>({
        dialect: new RedshiftDataDialect({
          client: clients.data,
          ...adminTarget(access, 'dev'),
          statementName: 'rsp-test',
        }),
      })
      try {
        const rows = await sql<{ database_name: string }>`
          SELECT database_name FROM svv_redshift_databases WHERE database_type = 'shared' ORDER BY 1
        `.execute(db)
        out[name] = rows.rows.map((x) => x.database_name)
      } finally {
        await db.destroy()
      }
    }
    return out
  }

  it('deploys 3 shares × 3 consumers, re-plans nothing, drops a share removed from the config (not one it did not make), and tears down', {
    timeout: 600_000,
  }, async () => {
    const config = JSON.parse(
      JSON.stringify({ project: 'airline', region: 'us-east-1', ...DOMAIN_LAYOUT }),
    ) as { datashares: { name: string }[] }
    const dir = tempProject(config)
    const state = () => JSON.parse(readFileSync(join(dir, '.rsp', 'deploy-state.json'), 'utf8'))
    const deploy = () =>
      runCli(['deploy', '--skip-load', '--skip-diagnose', '--poll-interval', '1'], {
        cwd: dir,
        env,
      })

    const first = await deploy()
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(first.stdout).toContain('share: done')
    expect(await outbound()).toEqual(['core', 'operations_domain', 'sales_domain'])
    expect(state().datashares).toEqual({ managed: ['core', 'operations_domain', 'sales_domain'] })
    expect(await consumerDatabases(config)).toEqual({
      analytics: ['core_analytics'],
      sales: ['core_sales', 'sales_domain_sales'],
      operations: ['core_operations', 'operations_domain_operations'],
    })
    // Planned again against what exists: nothing to do; the deploy skips the step.
    const again = await shareOnRedshift(validateConfigOrFail(config), clients, { dryRun: true })
    expect(again.plan.isEmpty).toBe(true)
    expect(again.byShare.map((p) => p.share)).toEqual(['core', 'sales_domain', 'operations_domain'])
    expect((await deploy()).stdout).toContain('share: skipped')

    // A share someone else made on the producer is not rsp's: it stays.
    await aws.admin('dev', 'CREATE DATASHARE foreign_share')
    // operations_domain leaves the config: the next deploy runs the share step and drops it.
    config.datashares = config.datashares.filter((d) => d.name !== 'operations_domain')
    writeFileSync(join(dir, 'rsp.config.json'), JSON.stringify(config))
    const removed = await deploy()
    expect(removed.stderr).toBe('')
    expect(removed.code).toBe(0)
    expect(removed.stdout).toContain(
      'operations_domain: no longer in the config; rsp created it, so it was dropped',
    )
    expect(await outbound()).toEqual(['core', 'foreign_share', 'sales_domain'])
    expect(state().datashares).toEqual({ managed: ['core', 'sales_domain'] })
    expect((await consumerDatabases(config)).operations).toEqual(['core_operations'])
    const settled = await shareOnRedshift(validateConfigOrFail(config), clients, { dryRun: true })
    expect(settled.plan.isEmpty).toBe(true)

    const down = await runCli(['destroy', '--yes'], { cwd: dir, env })
    expect(down.stderr).toBe('')
    expect(down.code).toBe(0)
    expect(down.stdout).toMatch(/unshare: \d+ statements for 2 datashare\(s\)/)
    expect(await outbound()).toEqual(['foreign_share'])
    expect(await consumerDatabases(config)).toEqual({
      analytics: [],
      sales: [],
      operations: [],
    })
    expect(state().datashares).toEqual({ managed: [] })
  })
})
