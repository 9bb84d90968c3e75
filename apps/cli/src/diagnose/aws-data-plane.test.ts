// `rsp diagnose --target aws` runs the data-plane checks on the deployed workgroups through the
// Data API, on the emulated account: datashares by domain (3 shares × 3 consumers,
// DOMAIN_LAYOUT), loaded with `rsp load` and shared as `rsp deploy`'s share step does. The
// Serverless control plane and the Data API are redshift-local's, reached by the CLI's real SDK
// clients; CloudFormation and EC2 are mocked (no local endpoint).
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation'
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2'
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data'
import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless'
import { mockClient } from 'aws-sdk-client-mock'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DOMAIN_LAYOUT } from '../config/domain-layout.js'
import { validateConfigOrFail } from '../config/validate-config.js'
import {
  CLI_PRINCIPAL,
  awsTestEnv as env,
  type LocalAws,
  startLocalAws,
} from '../load/test-load-fakes.js'
import { shareOnRedshift } from '../share/redshift-share.js'
import { runCli, tempProject } from '../test-cli.js'

interface Finding {
  readonly severity: string
  readonly message: string
  readonly remediation: string
  readonly resource?: string
  readonly evidence: Record<string, unknown>
}
interface Result {
  readonly id: string
  readonly status: string
  readonly findings: readonly Finding[]
}
const results = (stdout: string) => JSON.parse(stdout).results as Result[]
const dataPlane = (stdout: string) => results(stdout).filter((r) => r.id.startsWith('data-plane/'))
const byId = (stdout: string) => new Map(results(stdout).map((r) => [r.id, r]))
/** What failed, `id: message`, for assertions that show it. */
const failures = (stdout: string) =>
  results(stdout).flatMap((r) =>
    r.findings.filter((f) => f.severity === 'fail').map((f) => `${r.id}: ${f.message}`),
  )
const finding = (r: Result | undefined, resource: string) =>
  r?.findings.find((f) => f.resource === resource)

const DATA_PLANE_IDS = [
  'data-plane/datashare',
  'data-plane/consumer-database',
  'data-plane/consumer-read',
  'data-plane/consumer-read-only',
  'data-plane/row-parity',
  'data-plane/freshness',
  'data-plane/nlb-spread',
]
const WORKGROUPS = ['producer', 'analytics', 'sales', 'operations'].map((w) => `airline-${w}`)

describe('rsp diagnose --target aws: the data plane through the Data API (emulated account, datashares by domain)', () => {
  let aws: LocalAws
  const cfn = mockClient(CloudFormationClient)
  const ec2 = mockClient(EC2Client)
  const project = {
    project: 'airline',
    region: 'us-east-1',
    load: { bucket: 'airline-staging', scale: 0.001 },
    ...JSON.parse(JSON.stringify(DOMAIN_LAYOUT)),
  }
  const dir = tempProject(project)
  const stacks = (workgroups: readonly string[]) =>
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'airline-warehouses',
          CreationTime: new Date(),
          StackStatus: 'CREATE_COMPLETE',
          Outputs: workgroups.map((w, i) => ({
            OutputKey: `Architecture${i}WorkgroupName1A2B3C4D`,
            OutputValue: w,
          })),
        },
      ],
    })
  const share = async () => {
    const endpoint = { endpoint: aws.server.url, region: 'us-east-1', credentials: CLI_PRINCIPAL }
    const clients = {
      serverless: new RedshiftServerlessClient(endpoint),
      data: new RedshiftDataClient(endpoint),
    }
    try {
      return await shareOnRedshift(validateConfigOrFail(project), clients)
    } finally {
      clients.serverless.destroy()
      clients.data.destroy()
    }
  }
  /** SQL as a consumer namespace's admin, behind the CLI's back. */
  const asAdminOf = async (workgroup: string, text: string) => {
    const ns = aws.rs.namespace(workgroup)
    const s = await aws.rs.connect({
      workgroup,
      database: 'dev',
      identity: { kind: 'secret', arn: ns!.adminSecretArn },
    })
    try {
      await s.query(text)
    } finally {
      await s.close()
    }
  }
  const diagnose = (...flags: string[]) =>
    runCli(['diagnose', '--target', 'aws', '--json', '--freshness-threshold', '20', ...flags], {
      cwd: dir,
      env,
    })

  beforeAll(async () => {
    aws = await startLocalAws({
      buckets: ['airline-staging'],
      namespaces: ['airline-analytics', 'airline-sales', 'airline-operations'],
    })
    ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [] })
    // The producer holds the airline model and its rows (as rsp deploy's load step leaves it).
    const load = await runCli(['load', '--to', 's3-copy', '--workers', '0'], { cwd: dir, env })
    expect(load.stderr).toBe('')
    expect(load.code).toBe(0)
    const shared = await share()
    expect(shared.desired.map((d) => d.name)).toEqual(['core', 'sales_domain', 'operations_domain'])
  }, 600_000)
  beforeEach(() => {
    cfn.reset()
    stacks(WORKGROUPS)
    aws.reset()
  })
  afterAll(async () => {
    cfn.restore()
    ec2.restore()
    await aws?.close()
  })

  it('a correctly shared account: every data-plane check ok, per share and per consumer, after the control plane (R-DS-11, R-DS-13)', {
    timeout: 300_000,
  }, async () => {
    const r = await diagnose()
    expect(r.stderr).toBe('')
    const ids = results(r.stdout).map((x) => x.id)
    // After the control-plane checks, every data-plane check is listed.
    expect(ids.filter((id) => id.startsWith('data-plane/'))).toEqual(DATA_PLANE_IDS)
    expect(ids.findIndex((id) => id.startsWith('data-plane/'))).toBeGreaterThan(
      ids.lastIndexOf('control-plane/workgroup-status'),
    )
    const all = byId(r.stdout)
    for (const id of DATA_PLANE_IDS.filter((id) => id !== 'data-plane/nlb-spread'))
      expect([id, all.get(id)?.status]).toEqual([id, 'ok'])
    // One finding per share (and per share × consumer) — every share, not only the first.
    expect(all.get('data-plane/datashare')?.findings.map((f) => f.resource)).toEqual([
      'core',
      'sales_domain',
      'operations_domain',
    ])
    expect(all.get('data-plane/consumer-database')?.findings.map((f) => f.message)).toEqual([
      'consumer analytics mounts datashare core as core_analytics',
      'consumer sales mounts datashare core as core_sales',
      'consumer operations mounts datashare core as core_operations',
      'consumer sales mounts datashare sales_domain as sales_domain_sales',
      'consumer operations mounts datashare operations_domain as operations_domain_operations',
    ])
    // Entitlement: a consumer is refused the objects of the shares it is not a consumer of.
    const read = all.get('data-plane/consumer-read')
    expect(finding(read, 'sales_domain/analytics')?.message).toBe(
      'consumer analytics is refused the 4 object(s) of datashare sales_domain, which it is not a consumer of',
    )
    expect(finding(read, 'operations_domain/sales')?.severity).toBe('ok')
    expect(finding(read, 'sales_domain/sales')?.message).toMatch(
      /^consumer sales reads all \d+ object\(s\) of datashare sales_domain$/,
    )
    // Freshness: a lag per consumer, through its database of a share holding the marker.
    const fresh = all.get('data-plane/freshness')
    expect(fresh?.findings.map((f) => f.resource)).toEqual(['analytics', 'sales', 'operations'])
    for (const f of fresh?.findings ?? []) {
      expect(f.message).toMatch(/^consumer \w+ sees a committed row after p50 /)
      expect(f.evidence.maxLagSeconds).toBe(20) // --freshness-threshold
      expect(f.evidence.lagMs).toMatchObject({ p50: expect.any(Number), max: expect.any(Number) })
    }
    expect(all.get('data-plane/nlb-spread')?.findings[0]?.message).toBe(
      'no NLB in this config (loadBalancer.enabled is false)',
    )
    // Every workgroup was reached through the Data API, each consumer on its own workgroup.
    const sent = await aws.statements()
    expect(new Set(sent.map((s) => s.workgroup))).toEqual(new Set(WORKGROUPS))
    expect(failures(r.stdout)).toEqual([])
    expect(r.code).toBe(0)
  })

  it('--skip-data-plane leaves the data plane out: no data-plane check, no SQL', {
    timeout: 120_000,
  }, async () => {
    const r = await diagnose('--skip-data-plane')
    expect(r.code).toBe(0)
    expect(dataPlane(r.stdout)).toEqual([])
    expect(byId(r.stdout).get('control-plane/admin-identity')?.status).toBe('ok')
    expect(await aws.statements()).toEqual([])
  })

  it('a workgroup absent from the deployed stack: every data-plane check skips with the reason and the fix', {
    timeout: 120_000,
  }, async () => {
    cfn.reset()
    stacks(WORKGROUPS.filter((w) => w !== 'airline-operations'))
    const r = await diagnose()
    const checks = dataPlane(r.stdout)
    expect(checks.map((c) => c.id)).toEqual(DATA_PLANE_IDS)
    for (const c of checks) {
      expect(c.status).toBe('skip')
      expect(c.findings[0]?.message).toBe(
        'not checked: workgroup airline-operations not in the deployed stack',
      )
      expect(c.findings[0]?.remediation).toContain('Run rsp deploy')
    }
    expect(await aws.statements()).toEqual([])
  })

  it('a consumer database dropped: consumer-database and consumer-read fail for that share × consumer with the fix; re-sharing repairs it', {
    timeout: 300_000,
  }, async () => {
    await asAdminOf('airline-sales', 'DROP DATABASE sales_domain_sales')
    const r = await diagnose()
    expect(r.code).toBe(1)
    const all = byId(r.stdout)
    const db = finding(all.get('data-plane/consumer-database'), 'sales_domain/sales')
    expect(db?.severity).toBe('fail')
    expect(db?.message).toBe(
      'consumer sales sees datashare sales_domain but has no database from it',
    )
    expect(db?.remediation).toContain(
      'On the consumer: CREATE DATABASE sales_domain_sales FROM DATASHARE sales_domain',
    )
    const read = finding(all.get('data-plane/consumer-read'), 'sales_domain/sales')
    expect(read?.severity).toBe('fail')
    expect(read?.message).toMatch(/^consumer sales cannot read .* of datashare sales_domain: /)
    // The other shares and consumers are unaffected.
    expect(finding(all.get('data-plane/consumer-database'), 'core/sales')?.severity).toBe('ok')
    expect(all.get('data-plane/datashare')?.status).toBe('ok')

    // rsp deploy's share step puts the database back; the checks pass again.
    expect((await share()).outcomes.length).toBeGreaterThan(0)
    aws.reset()
    const again = await diagnose()
    expect(byId(again.stdout).get('data-plane/consumer-database')?.status).toBe('ok')
    expect(failures(again.stdout)).toEqual([])
    expect(again.code).toBe(0)
  })

  it('a consumer removed from a share on the producer: the datashare check fails with the grant to run', {
    timeout: 300_000,
  }, async () => {
    const operations = aws.rs.namespace('airline-operations')!.id
    await aws.admin(
      'dev',
      `REVOKE USAGE ON DATASHARE operations_domain FROM NAMESPACE '${operations}'`,
    )
    const r = await diagnose()
    expect(r.code).toBe(1)
    const all = byId(r.stdout)
    const share = finding(all.get('data-plane/datashare'), 'operations_domain/operations')
    expect(share?.severity).toBe('fail')
    expect(share?.message).toBe(
      `datashare operations_domain is not granted to consumer operations (${operations})`,
    )
    expect(share?.remediation).toContain(
      `GRANT USAGE ON DATASHARE "operations_domain" TO NAMESPACE '<guid>'`,
    )
    expect(share?.remediation).toContain('Re-run "rsp share"')
    expect(finding(all.get('data-plane/datashare'), 'core')?.severity).toBe('ok')
  })
})
