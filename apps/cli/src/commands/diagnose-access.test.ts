// `rsp diagnose --target aws` without AWS access (F), and its admin-identity preflight (A)
// against the emulated account: the Serverless control plane and the Data API are
// redshift-local's (real SDK clients), CloudFormation and EC2 are mocked (no local endpoint).
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation'
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2'
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data'
import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless'
import { DATAGEN_TABLES } from '@redshift-playground/datagen'
import { mockClient } from 'aws-sdk-client-mock'
import { Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateConfigOrFail } from '../config/validate-config.js'
import { grantsFor } from '../deploy/admin-identity.js'
import { exampleAwsEnv } from '../deploy/test-toolkit.js'
import {
  CLI_PRINCIPAL,
  awsTestEnv as env,
  type LocalAws,
  startLocalAws,
} from '../load/test-load-fakes.js'
import { shareOnRedshift } from '../share/redshift-share.js'
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
      // The data-plane checks are listed too, each skipped with the same reason and fix.
      expect(
        results(r.stdout)
          .filter((x) => x.id.startsWith('data-plane/'))
          .map((x) => x.id),
      ).toEqual([
        'data-plane/datashare',
        'data-plane/consumer-database',
        'data-plane/consumer-read',
        'data-plane/consumer-read-only',
        'data-plane/row-parity',
        'data-plane/freshness',
        'data-plane/nlb-spread',
      ])
      for (const x of results(r.stdout).filter(
        (x) => x.id.startsWith('load-balancer/') || x.id.startsWith('data-plane/'),
      ))
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
      expect(xml).toContain('data-plane/freshness')
      expect(r.stdout).toMatch(/SKIP +data-plane\/consumer-read +not checked: no AWS credentials/)
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
  const project = {
    project: 'airline',
    region: 'us-east-1',
    load: { bucket: 'airline-staging', scale: 0.001 },
  }
  const dir = tempProject(project)

  it('by default every namespace is reached through its managed admin secret (GetNamespace)', {
    timeout: 120_000,
  }, async () => {
    aws.reset()
    // --skip-data-plane: the data-plane checks would read through the Data API.
    const r = await runCli(['diagnose', '--target', 'aws', '--json', '--skip-data-plane'], {
      cwd: dir,
      env,
    })
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
    const r = await runCli(
      ['diagnose', '--target', 'aws', '--json', '--iam-identity', '--skip-data-plane'],
      { cwd: dir, env },
    )
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

  it('--iam-identity: the grants the preflight prints, run by an admin, make it pass; load and share then run as the IAM user (R-IAM-3, D-9, D-15, R-DS-2, R-DS-10)', {
    timeout: 300_000,
  }, async () => {
    aws.reset()
    const me = 'IAMR:rsp-deployer'
    const diagnose = async () => {
      const r = await runCli(
        ['diagnose', '--target', 'aws', '--json', '--iam-identity', '--skip-data-plane'],
        { cwd: dir, env },
      )
      const check = byId(r.stdout).get('control-plane/admin-identity')
      expect(check).toBeDefined()
      return check as Result
    }
    // 1. The preflight fails, naming the grants per workgroup; it only read system views.
    const failed = await diagnose()
    expect(failed.status).toBe('fail')
    const printed = new Map(
      failed.findings.map((f) => {
        const workgroup = /^([a-z0-9-]+):/.exec(f.message)?.[1] as string
        const run = /run: (.*) — or make it a superuser/.exec(f.remediation)?.[1]
        return [workgroup, run?.split('; ') ?? []] as const
      }),
    )
    const both = { load: true, share: true }
    expect(Object.fromEntries(printed)).toEqual({
      'airline-producer': grantsFor('producer', me, 'dev', both),
      'airline-analytics': grantsFor('consumer', me, 'dev', both),
      'airline-reporting': grantsFor('consumer', me, 'dev', both),
    })
    expect((await aws.statements()).every((st) => /^\s*select /i.test(st.sql))).toBe(true)
    expect(await aws.counts()).toEqual(
      Object.fromEntries(DATAGEN_TABLES.map((t) => [t, undefined])),
    )

    // 2. An admin of each namespace runs exactly what was printed, through the emulator.
    for (const [workgroup, grants] of printed) {
      const ns = aws.rs.namespace(workgroup)
      expect(ns).toBeDefined()
      const admin = await aws.rs.connect({
        workgroup,
        database: 'dev',
        identity: { kind: 'secret', arn: ns!.adminSecretArn },
      })
      try {
        for (const grant of grants) await admin.query(grant)
      } finally {
        await admin.close()
      }
    }

    // 3. The preflight now passes, on every workgroup.
    aws.reset()
    const passed = await diagnose()
    expect(passed.status).toBe('ok')
    expect(passed.findings.map((f) => f.message)).toEqual(
      ['airline-producer', 'airline-analytics', 'airline-reporting'].map(
        (w) => `${w}: your IAM identity ${me} holds what the admin steps need`,
      ),
    )

    // 4. The load runs as the IAM user: CREATE SCHEMA through CREATE on dev, COPY as the owner.
    aws.reset()
    const load = await runCli(['load', '--to', 's3-copy', '--workers', '0', '--iam-identity'], {
      cwd: dir,
      env,
    })
    expect(load.stderr).toBe('')
    expect(load.code).toBe(0)
    expect(load.stdout).toContain('airline-producer/dev: as your IAM identity (IAMR:/IAM: user)')
    const counts = await aws.counts()
    for (const t of DATAGEN_TABLES) expect(counts[t]).toBeGreaterThan(0)
    const copiedBy = await aws.admin(
      'dev',
      "SELECT DISTINCT u.user_name FROM sys_query_history h JOIN svv_user_info u ON u.user_id = h.user_id WHERE h.query_text LIKE 'COPY %'",
    )
    expect(copiedBy[0]?.rows).toEqual([[me]])

    // 5. The datashare, producer and consumers, as the IAM user too (shareOnRedshift's plan and
    // statements). Producer: CREATE DATASHARE through the role's permission (R-DS-2, D-15), then
    // ALTER DATASHARE and GRANT USAGE as the share's owner. Consumers: CREATE DATABASE … FROM
    // DATASHARE with CREATEDB (R-DS-10).
    const clients = {
      serverless: new RedshiftServerlessClient({
        endpoint: aws.server.url,
        region: 'us-east-1',
        credentials: CLI_PRINCIPAL,
      }),
      data: new RedshiftDataClient({
        endpoint: aws.server.url,
        region: 'us-east-1',
        credentials: CLI_PRINCIPAL,
      }),
    }
    const { RedshiftDataDialect } = await import('@redshift-playground/redshift-data')
    // biome-ignore lint/suspicious/noExplicitAny: system views
    const asIam = (workgroupName: string): Kysely<any> =>
      new Kysely({
        dialect: new RedshiftDataDialect({
          client: clients.data,
          workgroupName,
          database: 'dev',
          statementName: 'rsp-test',
        }),
      })
    const sides = {
      producer: asIam('airline-producer'),
      consumers: { analytics: asIam('airline-analytics'), reporting: asIam('airline-reporting') },
    }
    try {
      const config = validateConfigOrFail(project)
      // The consumers' readiness probe (SVV_DATASHARES, INBOUND) would find nothing as the IAM
      // user: the view shows rows to superusers, share owners and holders of ALTER or USAGE
      // (R-SVV-1), and CREATEDB is none of these; so shareOnRedshift retries CREATE DATABASE
      // on IAM consumers instead of probing.
      const planned = await shareOnRedshift(config, clients, { iamIdentity: true, dryRun: true })
      const probe = planned.plan.statements.find((st) => st.readiness)?.readiness?.sql as string
      expect(probe).toMatch(/svv_datashares/)
      const shared = await shareOnRedshift(config, clients, { iamIdentity: true })
      expect(shared.access.producer.identity).toEqual({ kind: 'iam' })
      expect(shared.outcomes.map((o) => o.status)).toEqual(
        planned.plan.statements.map(() => 'applied'),
      )
      const owners = await aws.admin(
        'dev',
        "SELECT DISTINCT u.user_name FROM svv_datashares d JOIN svv_user_info u ON u.user_id = d.share_owner WHERE d.share_type = 'OUTBOUND'",
      )
      expect(owners[0]?.rows).toEqual([[me]])
      for (const db of Object.values(sides.consumers))
        expect((await sql.raw(probe).execute(db)).rows).toHaveLength(1) // its database's owner
      // Planned again as the IAM user, nothing is left to do.
      const again = await shareOnRedshift(config, clients, { iamIdentity: true, dryRun: true })
      expect(again.plan.isEmpty).toBe(true)

      // 6. The data-plane checks run as the identity chosen: with --iam-identity, the IAM user
      // (no secret). It owns the share and the consumer databases, so it sees them; the
      // consumer databases are WITH PERMISSIONS (the config's row filter), where reading needs
      // per-object grants even for their owner (R-DS-12): consumer-read says so, on each
      // consumer, and freshness (the marker written by the IAM user) cannot be read either.
      aws.reset()
      const checked = await runCli(['diagnose', '--target', 'aws', '--json', '--iam-identity'], {
        cwd: dir,
        env,
      })
      expect(checked.code).toBe(1)
      const plane = byId(checked.stdout)
      expect(plane.get('data-plane/datashare')?.status).toBe('ok')
      expect(plane.get('data-plane/consumer-database')?.findings.map((f) => f.message)).toEqual([
        'consumer analytics mounts datashare airline_share as airline_analytics',
        'consumer reporting mounts datashare airline_share as airline_reporting',
      ])
      const read = plane.get('data-plane/consumer-read')
      expect(read?.findings.map((f) => f.severity)).toEqual(['fail', 'fail'])
      expect(read?.findings[0]?.message).toContain(
        'permission denied for database airline_analytics',
      )
      const markedBy = await aws.admin(
        'dev',
        'SELECT DISTINCT u.user_name FROM sys_query_history h JOIN svv_user_info u ON u.user_id = h.user_id WHERE h.query_text LIKE \'insert into "rsp_meta"."freshness_marker"%\'',
      )
      expect(markedBy[0]?.rows).toEqual([[me]])
    } finally {
      await Promise.all(
        [sides.producer, ...Object.values(sides.consumers)].map((db) => db.destroy()),
      )
      clients.serverless.destroy()
      clients.data.destroy()
    }
  })
})
