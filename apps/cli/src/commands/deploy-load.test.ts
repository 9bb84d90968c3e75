// `rsp deploy`'s load step (between wait and share). The CDK toolkit is a recording fake (no
// local CloudFormation exists); everything else is a local AWS with no mocks (see
// load/test-load-fakes.ts): GetWorkgroup is answered by redshift-local's Serverless control
// plane, uploads go to s3rver, and the emulated producer COPYs them through the Data API.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfigOrFail } from '../config/load-config.js'
import { plannedWorkgroups } from '../config/validate-config.js'
import { recordingToolkit } from '../deploy/test-toolkit.js'
import {
  COPY_ROLE,
  awsTestEnv as env,
  type LocalAws,
  startLocalAws,
} from '../load/test-load-fakes.js'
import { runCli, tempProject } from '../test-cli.js'
import { toolkitFactory } from './deploy.js'

describe('rsp deploy: the load step (CDK toolkit faked; S3, Serverless and the Data API local)', () => {
  const deployed: string[] = []
  const original = toolkitFactory.create
  const base = { project: 'airline', region: 'us-east-1' }
  const load = { bucket: 'airline-staging', prefix: 'deploy/', scale: 0.001 }
  let aws: LocalAws
  let dir: string
  beforeAll(async () => {
    toolkitFactory.create = async () => {
      const toolkit = recordingToolkit()
      return {
        ...toolkit,
        deployStack: async (id) => {
          deployed.push(id)
          return toolkit.deployStack(id)
        },
      }
    }
    // Every workgroup the config deploys exists (and is AVAILABLE) in the emulated account.
    const planned = plannedWorkgroups(await loadConfigOrFail(undefined, tempProject(base)))
    // `norole-*`: a project whose producer has no default IAM role (deployed before `load`).
    aws = await startLocalAws({
      buckets: ['airline-staging'],
      namespaces: [
        ...planned.filter((w) => w.role === 'consumer').map((w) => w.name),
        'norole-producer',
        'norole-analytics',
        'norole-reporting',
      ],
    })
    // No load.secretArn: the load runs as the producer's admin through the namespace's managed
    // admin secret, found with GetNamespace (before: as the caller's IAM identity, refused at
    // CREATE SCHEMA — permission denied for database dev).
    dir = tempProject({ ...base, load })
  }, 120_000)
  afterAll(async () => {
    toolkitFactory.create = original
    await aws?.close()
  })
  const deploy = () =>
    runCli(
      ['deploy', '--skip-share', '--skip-diagnose', '--poll-interval', '1', '--workers', '0'],
      { cwd: dir, env },
    )
  const state = () => JSON.parse(readFileSync(join(dir, '.rsp', 'deploy-state.json'), 'utf8'))

  it('grants the producer COPY role on the bucket/prefix in the synthesised template', {
    timeout: 180_000,
  }, async () => {
    const r = await runCli(['plan', '--json'], { cwd: dir })
    expect(r.code).toBe(0)
    const template = readFileSync(join(dir, 'cdk.out', 'Warehouses.template.json'), 'utf8')
    expect(template).toContain('COPY role of namespace airline-producer')
    expect(template).toContain('airline-staging/deploy/*')
  })

  it('R-COPY-4: a failed upload stops after wait; the re-run resumes at load, then COPYs', {
    timeout: 300_000,
  }, async () => {
    aws.reset()
    aws.failUploads(/fact_bookings\/part-/)
    const failed = await deploy()
    expect(failed.code).toBe(1)
    expect(failed.stdout).toContain('wait: done')
    expect(failed.stdout).toContain('load: running')
    expect(failed.stdout).not.toContain('share:')
    expect(failed.stderr).toContain('Access Denied')
    expect(await aws.copies()).toEqual([])
    expect(Object.keys(state().steps)).toEqual(['wait'])
    // The wait asked the Serverless control plane for every planned workgroup.
    expect(aws.server.calls['RedshiftServerless.GetWorkgroup']).toBeGreaterThanOrEqual(2)
    const stacks = deployed.length

    aws.failUploads(undefined)
    const r = await deploy()
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(deployed).toHaveLength(stacks) // nothing redeployed
    const out = r.stdout
    expect(out.indexOf('load: running')).toBeGreaterThan(-1)
    expect(out).not.toContain('wait: done') // already done
    expect(out.indexOf('load: done')).toBeLessThan(out.indexOf('share: skipped'))
    expect(out).toMatch(/[\d,]+ rows in 8 tables via s3:\/\/airline-staging\/deploy/)
    // A: the migration and COPY ran as the producer's admin through its managed admin secret.
    expect(out).toContain(
      'preflight: airline-producer: admin steps run as admin via the namespace’s managed admin secret',
    )
    expect(out).toContain(
      `preflight: airline-producer: COPY with the namespace’s default IAM role ${COPY_ROLE}`,
    )
    expect(out).toContain(
      '(COPY IAM_ROLE default), as admin via the namespace’s managed admin secret',
    )
    const copies = await aws.copies()
    expect(copies[0]?.workgroup).toBe('airline-producer')
    expect(copies[0]?.sql).toContain(
      "FROM 's3://airline-staging/deploy/dim_date/manifest.json'\nIAM_ROLE default\nMANIFEST GZIP CSV",
    )
    expect(new Set(copies.map((c) => c.status))).toEqual(new Set(['FINISHED']))
    const counts = await aws.counts()
    expect(counts.fact_bookings).toBeGreaterThan(0)
    expect(copies.find((c) => c.sql.includes('"fact_bookings"'))?.resultRows).toBe(
      counts.fact_bookings,
    )
    expect(Object.keys(state().steps)).toEqual(['wait', 'load'])

    aws.reset()
    const again = await deploy()
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('load: skipped')
    expect(await aws.copies()).toEqual([])
  })

  it('--skip-load skips it; no load config skips it too', { timeout: 180_000 }, async () => {
    const plain = tempProject(base)
    const r = await runCli(['deploy', '--skip-share', '--skip-diagnose', '--poll-interval', '1'], {
      cwd: plain,
      env,
    })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('load: skipped')
    aws.reset()
    const skipped = await runCli(
      ['deploy', '--skip-load', '--skip-share', '--skip-diagnose', '--state', 'other.json'],
      { cwd: dir, env },
    )
    expect(skipped.code).toBe(0)
    expect(skipped.stdout).toContain('load: skipped')
    expect(await aws.copies()).toEqual([])
    expect(aws.s3Requests).toBe(0)
  })

  it('A: --iam-identity without the grants stops after the wait, before the load (exit 1)', {
    timeout: 180_000,
  }, async () => {
    aws.reset()
    const fresh = tempProject({ ...base, load })
    const r = await runCli(
      ['deploy', '--skip-share', '--skip-diagnose', '--poll-interval', '1', '--iam-identity'],
      { cwd: fresh, env },
    )
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('wait: done')
    expect(r.stdout).not.toContain('load: running')
    expect(r.stdout).toContain(
      'preflight: fail airline-producer: your IAM identity IAMR:rsp-deployer lacks CREATE on database dev',
    )
    expect(r.stderr).toContain('GRANT CREATE ON DATABASE dev TO "IAMR:rsp-deployer"')
    expect((await aws.statements()).every((s) => /^\s*select /i.test(s.sql))).toBe(true)
    expect(aws.uploads).toEqual([])
  })

  it('C: a producer without a default IAM role stops the deploy before the load, naming load.bucket (exit 2)', {
    timeout: 180_000,
  }, async () => {
    aws.reset()
    const norole = tempProject({ ...base, project: 'norole', load })
    const r = await runCli(
      ['deploy', '--skip-share', '--skip-diagnose', '--poll-interval', '1', '--workers', '0'],
      { cwd: norole, env },
    )
    expect(r.code).toBe(2)
    expect(r.stdout).toContain(
      'preflight: norole-producer: admin steps run as admin via the namespace’s managed admin secret',
    )
    expect(r.stdout).not.toContain('load: running')
    expect(r.stderr).toContain(
      'namespace norole-producer has no default IAM role, so COPY … IAM_ROLE default would be refused (R-COPY-4)',
    )
    expect(r.stderr).toContain('load.bucket')
    expect(await aws.statements()).toEqual([])
    expect(aws.uploads).toEqual([])
  })
})
