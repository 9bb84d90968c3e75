import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { GetWorkgroupCommand, RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless'
import { mockClient } from 'aws-sdk-client-mock'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, tempProject } from '../test-cli.js'
import { toolkitFactory } from './deploy.js'

describe('rsp deploy / destroy commands (CDK toolkit faked, AWS mocked)', () => {
  const calls: string[] = []
  const original = toolkitFactory.create
  toolkitFactory.create = async (cdkOut) => {
    calls.push(`open ${cdkOut.endsWith('cdk.out')}`)
    return {
      deployStack: async (id) => {
        calls.push(`deploy ${id}`)
        return {}
      },
      destroyStack: async (id) => void calls.push(`destroy ${id}`),
    }
  }
  const serverless = mockClient(RedshiftServerlessClient)
  serverless.on(GetWorkgroupCommand).resolves({ workgroup: { status: 'AVAILABLE' } })
  afterAll(() => {
    toolkitFactory.create = original
    serverless.restore()
  })
  const dir = tempProject({ project: 'airline', region: 'us-east-1' })
  const env = { NO_COLOR: '1', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'example' }

  it('synthesises, deploys every stack in order and waits for the workgroups', {
    timeout: 180_000,
  }, async () => {
    const r = await runCli(['deploy', '--skip-share', '--skip-diagnose', '--poll-interval', '1'], {
      cwd: dir,
      env,
    })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const deployed = calls.filter((c) => c.startsWith('deploy '))
    expect(deployed[0]).toBe('deploy Network')
    expect(deployed.indexOf('deploy Warehouses')).toBeGreaterThan(0)
    expect(r.stdout).toContain('wait: done')
    expect(r.stdout).toContain('share: skipped')
    expect(r.stdout).toContain('✔ deployed airline')
    expect(
      serverless.commandCalls(GetWorkgroupCommand).map((c) => c.args[0].input.workgroupName),
    ).toEqual(['airline-producer', 'airline-analytics', 'airline-reporting'])
    const state = JSON.parse(readFileSync(join(dir, '.rsp', 'deploy-state.json'), 'utf8'))
    expect(Object.keys(state.stacks)).toEqual(deployed.map((c) => c.slice('deploy '.length)))
  })

  it('refuses to destroy without --yes outside a terminal (exit 2), then destroys in reverse order', {
    timeout: 180_000,
  }, async () => {
    const refused = await runCli(['destroy'], { cwd: dir, env })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('pass --yes to confirm')
    const deployed = calls.filter((c) => c.startsWith('deploy ')).map((c) => c.slice(7))
    const r = await runCli(['destroy', '--yes', '--skip-unshare'], { cwd: dir, env })
    expect(r.code).toBe(0)
    expect(calls.filter((c) => c.startsWith('destroy ')).map((c) => c.slice(8))).toEqual(
      [...deployed].reverse(),
    )
  })
})
