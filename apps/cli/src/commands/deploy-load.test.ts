// `rsp deploy`'s load step (between wait and share): the CDK toolkit is a recording fake,
// Redshift Serverless and S3 are mocked, the Data API is the PGlite-backed fake that performs
// the COPYs from the mocked S3 (load/test-load-fakes.ts).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { GetWorkgroupCommand, RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless'
import { mockClient } from 'aws-sdk-client-mock'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLoadFakes, awsTestEnv as env } from '../load/test-load-fakes.js'
import { runCli, tempProject } from '../test-cli.js'
import { toolkitFactory } from './deploy.js'

describe('rsp deploy: the load step (CDK toolkit faked, AWS mocked, Data API on PGlite)', () => {
  const deployed: string[] = []
  const original = toolkitFactory.create
  const serverless = mockClient(RedshiftServerlessClient)
  let f: Awaited<ReturnType<typeof createLoadFakes>>
  beforeAll(async () => {
    toolkitFactory.create = async () => ({
      deployStack: async (id) => {
        deployed.push(id)
        return {}
      },
      destroyStack: async () => undefined,
    })
    serverless.on(GetWorkgroupCommand).resolves({ workgroup: { status: 'AVAILABLE' } })
    f = await createLoadFakes()
  }, 120_000)
  afterAll(async () => {
    toolkitFactory.create = original
    serverless.restore()
    await f?.close()
  })
  const dir = tempProject({
    project: 'airline',
    region: 'us-east-1',
    load: { bucket: 'airline-staging', prefix: 'deploy/', scale: 0.001 },
  })
  const deploy = () =>
    runCli(
      ['deploy', '--skip-share', '--skip-diagnose', '--poll-interval', '1', '--workers', '0'],
      {
        cwd: dir,
        env,
      },
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

  it('a failed upload stops after wait; the re-run resumes at load, then COPYs', {
    timeout: 300_000,
  }, async () => {
    f.failUploads(/fact_bookings\/part-/)
    const failed = await deploy()
    expect(failed.code).toBe(1)
    expect(failed.stdout).toContain('wait: done')
    expect(failed.stdout).toContain('load: running')
    expect(failed.stdout).not.toContain('share:')
    expect(f.copies).toEqual([])
    expect(Object.keys(state().steps)).toEqual(['wait'])
    const stacks = deployed.length

    f.failUploads(undefined)
    const r = await deploy()
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(deployed).toHaveLength(stacks) // nothing redeployed
    const out = r.stdout
    expect(out.indexOf('load: running')).toBeGreaterThan(-1)
    expect(out).not.toContain('wait: done') // already done
    expect(out.indexOf('load: done')).toBeLessThan(out.indexOf('share: skipped'))
    expect(out).toMatch(/[\d,]+ rows in 8 tables via s3:\/\/airline-staging\/deploy/)
    expect(f.copies[0]?.workgroup).toBe('airline-producer')
    expect(f.copies[0]?.sql).toContain(
      "FROM 's3://airline-staging/deploy/dim_date/manifest.json'\nIAM_ROLE default\nMANIFEST GZIP CSV",
    )
    expect((await f.counts()).fact_bookings).toBeGreaterThan(0)
    expect(Object.keys(state().steps)).toEqual(['wait', 'load'])

    f.reset()
    const again = await deploy()
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('load: skipped')
    expect(f.copies).toEqual([])
  })

  it('--skip-load skips it; no load config skips it too', { timeout: 180_000 }, async () => {
    const plain = tempProject({ project: 'airline', region: 'us-east-1' })
    const r = await runCli(['deploy', '--skip-share', '--skip-diagnose', '--poll-interval', '1'], {
      cwd: plain,
      env,
    })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('load: skipped')
    f.reset()
    const skipped = await runCli(
      ['deploy', '--skip-load', '--skip-share', '--skip-diagnose', '--state', 'other.json'],
      { cwd: dir, env },
    )
    expect(skipped.code).toBe(0)
    expect(skipped.stdout).toContain('load: skipped')
    expect(f.copies).toEqual([])
    expect(f.s3.calls()).toHaveLength(0)
  })
})
