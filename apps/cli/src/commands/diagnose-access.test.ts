// `rsp diagnose --target aws` without AWS access (F), and its admin-identity preflight (A)
// against the emulated account: the Serverless control plane and the Data API are
// redshift-local's (real SDK clients), CloudFormation and EC2 are mocked (no local endpoint).
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation'
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2'
import { mockClient } from 'aws-sdk-client-mock'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exampleAwsEnv } from '../deploy/test-toolkit.js'
import { awsTestEnv as env, type LocalAws, startLocalAws } from '../load/test-load-fakes.js'
import { runCli, tempProject } from '../test-cli.js'

interface Result {
  readonly id: string
  readonly status: string
  readonly findings: readonly { severity: string; message: string; remediation: string }[]
}
const results = (stdout: string) => JSON.parse(stdout).results as Result[]
const byId = (stdout: string) => new Map(results(stdout).map((r) => [r.id, r]))

/** No credentials and no region anywhere the SDK looks (files, environment, instance metadata). */
const NO_AWS = {
  AWS_ACCESS_KEY_ID: undefined,
  AWS_SECRET_ACCESS_KEY: undefined,
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
  AWS_REGION: undefined,
  AWS_DEFAULT_REGION: undefined,
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
  AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
  AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
  AWS_CONFIG_FILE: '/nonexistent/rsp-test/config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/rsp-test/credentials',
  AWS_EC2_METADATA_DISABLED: 'true',
}

describe('F: rsp diagnose --target aws without AWS access reports every check', () => {
  const config = {
    project: 'airline',
    consumers: { mode: 'pool' },
    loadBalancer: { enabled: true },
  }

  it('no region: the config checks keep their results, aws-access fails with the fix, the rest skip (--json, exit 1)', {
    timeout: 60_000,
  }, async () => {
    const restore = exampleAwsEnv(NO_AWS)
    try {
      const r = await runCli(['diagnose', '--target', 'aws', '--json'], {
        cwd: tempProject(config),
        env: { NO_COLOR: '1' },
      })
      expect(r.code).toBe(1)
      expect(r.stderr).toBe('')
      const all = byId(r.stdout)
      expect(all.get('config/rpu-values')?.status).toBe('ok')
      const access = all.get('control-plane/aws-access')
      expect(access?.status).toBe('fail')
      expect(access?.findings[0]?.message).toMatch(/^no AWS region: none was given with --region/)
      expect(access?.findings[0]?.remediation).toContain('Pass --region us-east-1')
      expect(access?.findings[0]?.remediation).toContain('export AWS_REGION=us-east-1')
      const skipped = results(r.stdout).filter(
        (x) => x.id.startsWith('control-plane/') && x.id !== 'control-plane/aws-access',
      )
      for (const id of [
        'control-plane/workgroup-status',
        'control-plane/admin-identity',
        'control-plane/deployed-stacks',
      ])
        expect(skipped.map((x) => x.id)).toContain(id)
      expect(results(r.stdout).some((x) => x.id.startsWith('load-balancer/'))).toBe(true)
      for (const x of results(r.stdout).filter((x) => x.id.startsWith('load-balancer/')))
        skipped.push(x)
      for (const x of skipped) {
        expect(x.status).toBe('skip')
        expect(x.findings[0]?.message).toMatch(/^not checked: no AWS region/)
        expect(x.findings[0]?.remediation).toContain('--region')
      }
    } finally {
      restore()
    }
  })

  it('no credentials: table and JUnit list every check; aws-access names --profile / AWS_PROFILE (exit 1)', {
    timeout: 60_000,
  }, async () => {
    const restore = exampleAwsEnv(NO_AWS)
    try {
      const dir = tempProject({ ...config, region: 'us-east-1' })
      const junit = join(mkdtempSync(join(tmpdir(), 'rsp-junit-')), 'report.xml')
      const r = await runCli(['diagnose', '--target', 'aws', '--junit', junit], {
        cwd: dir,
        env: { NO_COLOR: '1' },
      })
      expect(r.code).toBe(1)
      expect(r.stdout).toMatch(/FAIL +control-plane\/aws-access +no AWS credentials \(/)
      expect(r.stdout).toContain('aws sso login --profile NAME')
      expect(r.stdout).toContain('export AWS_PROFILE=NAME')
      expect(r.stdout).toMatch(
        /SKIP +control-plane\/workgroup-status +not checked: no AWS credentials/,
      )
      expect(r.stdout).toMatch(/OK +config\/rpu-values/)
      const xml = readFileSync(junit, 'utf8')
      expect(xml).toContain('control-plane/aws-access')
      expect(xml).toMatch(/<failure message="no AWS credentials/)
      expect(xml).toMatch(/<skipped message="not checked: no AWS credentials/)
      const json = await runCli(['diagnose', '--target', 'aws', '--json'], {
        cwd: dir,
        env: { NO_COLOR: '1' },
      })
      expect(json.code).toBe(1)
      expect(byId(json.stdout).get('control-plane/aws-access')?.findings[0]?.remediation).toContain(
        'AWS_ACCESS_KEY_ID',
      )
    } finally {
      restore()
    }
  })
})

describe('A: rsp diagnose --target aws checks the admin identity before any data step (emulated account)', () => {
  let aws: LocalAws
  const cfn = mockClient(CloudFormationClient)
  const ec2 = mockClient(EC2Client)
  beforeAll(async () => {
    aws = await startLocalAws({
      buckets: ['airline-staging'],
      namespaces: ['airline-analytics', 'airline-reporting'],
    })
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'airline-warehouses',
          CreationTime: new Date(),
          StackStatus: 'CREATE_COMPLETE',
          Outputs: ['producer', 'analytics', 'reporting'].map((w) => ({
            OutputKey: `Architecture${w}WorkgroupName1A2B3C4D`,
            OutputValue: `airline-${w}`,
          })),
        },
      ],
    })
    ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [] })
  }, 120_000)
  afterAll(async () => {
    cfn.restore()
    ec2.restore()
    await aws?.close()
  })
  const dir = tempProject({
    project: 'airline',
    region: 'us-east-1',
    load: { bucket: 'airline-staging', scale: 0.001 },
  })

  it('by default every namespace is reached through its managed admin secret (GetNamespace)', {
    timeout: 120_000,
  }, async () => {
    aws.reset()
    const r = await runCli(['diagnose', '--target', 'aws', '--json'], { cwd: dir, env })
    const check = byId(r.stdout).get('control-plane/admin-identity')
    expect(check?.status).toBe('ok')
    expect(check?.findings.map((f) => f.message)).toEqual([
      'airline-producer: admin steps run as admin via the namespace’s managed admin secret',
      'airline-analytics: admin steps run as admin via the namespace’s managed admin secret',
      'airline-reporting: admin steps run as admin via the namespace’s managed admin secret',
    ])
    expect(await aws.statements()).toEqual([]) // a control-plane check: no SQL
  })

  it('--iam-identity: reads documented system views as the caller and fails with the grants to run', {
    timeout: 120_000,
  }, async () => {
    aws.reset()
    const r = await runCli(['diagnose', '--target', 'aws', '--json', '--iam-identity'], {
      cwd: dir,
      env,
    })
    expect(r.code).toBe(1)
    const check = byId(r.stdout).get('control-plane/admin-identity')
    expect(check?.status).toBe('fail')
    const [producer, analytics] = check?.findings ?? []
    expect(producer?.message).toContain(
      'airline-producer: your IAM identity IAMR:rsp-deployer lacks CREATE on database dev (CREATE SCHEMA airline_dw)',
    )
    expect(producer?.remediation).toContain('GRANT CREATE ON DATABASE dev TO "IAMR:rsp-deployer"')
    expect(producer?.remediation).toContain('GRANT CREATE DATASHARE TO ROLE rsp_datashare_admin')
    expect(analytics?.message).toContain('lacks CREATEDB (CREATE DATABASE … FROM DATASHARE)')
    expect(analytics?.remediation).toContain('ALTER USER "IAMR:rsp-deployer" CREATEDB')
    // Only reads of documented views, as the IAM identity (no secret), nothing changed.
    const sent = await aws.statements()
    expect(sent.length).toBeGreaterThan(0)
    expect(sent.every((s) => /^\s*select /i.test(s.sql))).toBe(true)
    expect(sent.some((s) => /svv_database_privileges/.test(s.sql))).toBe(true)
    expect(sent.some((s) => /svv_user_info/.test(s.sql))).toBe(true)
  })
})
