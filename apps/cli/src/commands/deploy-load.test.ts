// `rsp deploy`'s load step (between wait and share). The CDK toolkit is a recording fake (no
// local CloudFormation exists); everything else is a local AWS with no mocks (see
// load/test-load-fakes.ts): GetWorkgroup is answered by redshift-local's Serverless control
// plane, uploads go to s3rver, and the emulated producer COPYs them through the Data API.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfigOrFail } from '../config/load-config.js'
import { plannedWorkgroups } from '../config/validate-config.js'
import { awsTestEnv as env, type LocalAws, startLocalAws } from '../load/test-load-fakes.js'
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
    toolkitFactory.create = async () => ({
      deployStack: async (id) => {
        deployed.push(id)
        return {}
      },
      destroyStack: async () => undefined,
    })
    // Every workgroup the config deploys exists (and is AVAILABLE) in the emulated account.
    const planned = plannedWorkgroups(await loadConfigOrFail(undefined, tempProject(base)))
    aws = await startLocalAws({
      buckets: ['airline-staging'],
      namespaces: planned.filter((w) => w.role === 'consumer').map((w) => w.name),
    })
    // The load runs as the producer's admin (load.secretArn): a secret of the account holding
    // the admin's user name and password. (The namespace's managed admin secret, named
    // `redshift!…`, is refused by the config schema: see the report of this change.)
    const admin = aws.rs.secret(aws.producer.adminSecretArn)
    if (!admin) throw new Error('the producer has no admin secret')
    const secretArn = await aws.rs.putSecret('airline-load', admin)
    dir = tempProject({ ...base, load: { ...load, secretArn } })
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
})
