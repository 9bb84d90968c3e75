import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation'
import { GetWorkgroupCommand, RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless'
import { mockClient } from 'aws-sdk-client-mock'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { requiredBootstrapVersion, toolkitLib } from '../deploy/cdk-toolkit.js'
import { exampleAwsEnv, recordingToolkit } from '../deploy/test-toolkit.js'
import { runCli, tempProject } from '../test-cli.js'
import { prompts, toolkitFactory } from './deploy.js'

describe('rsp deploy / destroy / bootstrap commands (CDK toolkit faked, AWS mocked)', () => {
  const calls: string[] = []
  /** Whether the next toolkit opened sees a bootstrapped environment. */
  let bootstrapped = true
  const original = { create: toolkitFactory.create, confirm: prompts.confirm }
  toolkitFactory.create = async (cdkOut) => {
    calls.push(`open ${cdkOut.endsWith('cdk.out')}`)
    return recordingToolkit({ calls, bootstrapped })
  }
  const asked: string[] = []
  let answer = false
  prompts.confirm = async (message) => {
    asked.push(message)
    return answer
  }
  const serverless = mockClient(RedshiftServerlessClient)
  serverless.on(GetWorkgroupCommand).resolves({ workgroup: { status: 'AVAILABLE' } })
  const restoreEnv = exampleAwsEnv()
  afterAll(() => {
    restoreEnv()
    toolkitFactory.create = original.create
    prompts.confirm = original.confirm
    serverless.restore()
  })
  beforeEach(() => {
    bootstrapped = true
    asked.length = 0
  })
  const dir = tempProject({ project: 'airline', region: 'us-east-1' })
  const env = { NO_COLOR: '1', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'example' }
  const deploy = ['deploy', '--skip-share', '--skip-diagnose', '--poll-interval', '1']
  const since = (n: number) => calls.slice(n).filter((c) => !c.startsWith('open'))

  it('synthesises, deploys every stack in order and waits for the workgroups', {
    timeout: 180_000,
  }, async () => {
    const r = await runCli(deploy, { cwd: dir, env })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const deployed = calls.filter((c) => c.startsWith('deploy '))
    expect(deployed[0]).toBe('deploy Network')
    expect(deployed.indexOf('deploy Warehouses')).toBeGreaterThan(0)
    expect(calls).not.toContain('bootstrap') // already bootstrapped
    expect(r.stdout).toContain('wait: done')
    expect(r.stdout).toContain('share: skipped')
    expect(r.stdout).toContain('✔ deployed airline')
    expect(
      serverless.commandCalls(GetWorkgroupCommand).map((c) => c.args[0].input.workgroupName),
    ).toEqual(['airline-producer', 'airline-analytics', 'airline-reporting'])
    const state = JSON.parse(readFileSync(join(dir, '.rsp', 'deploy-state.json'), 'utf8'))
    expect(Object.keys(state.stacks)).toEqual(deployed.map((c) => c.slice('deploy '.length)))
  })

  it('B: not bootstrapped, outside a terminal and without --yes: exit 2 with the command to run, nothing deployed', {
    timeout: 180_000,
  }, async () => {
    bootstrapped = false
    const fresh = tempProject({ project: 'airline', region: 'us-east-1' })
    const n = calls.length
    const r = await runCli([...deploy, '--region', 'us-east-1'], { cwd: fresh, env })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      'aws://123456789012/us-east-1 is not CDK-bootstrapped (no CDKToolkit stack); the stacks need bootstrap version 6 or later. Bootstrap it first: rsp bootstrap --region us-east-1 — or pass --yes to rsp deploy to bootstrap and deploy (nothing was deployed)',
    )
    expect(since(n)).toEqual(['bootstrap status'])
    expect(asked).toEqual([])
  })

  it('B: with --yes it bootstraps first, without asking, then deploys', {
    timeout: 180_000,
  }, async () => {
    bootstrapped = false
    const fresh = tempProject({ project: 'airline', region: 'us-east-1' })
    const n = calls.length
    const r = await runCli([...deploy, '--yes'], { cwd: fresh, env })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(since(n).slice(0, 3)).toEqual(['bootstrap status', 'bootstrap', 'deploy Network'])
    expect(asked).toEqual([])
    expect(r.stdout).toContain('bootstrap: running\nbootstrap: done\nstack Network: deploying')
  })

  it('B: in a terminal it asks; a refusal deploys nothing (exit 2), a yes bootstraps then deploys', {
    timeout: 180_000,
  }, async () => {
    bootstrapped = false
    const fresh = tempProject({ project: 'airline', region: 'us-east-1' })
    let n = calls.length
    answer = false
    const refused = await runCli(deploy, { cwd: fresh, env, isTTY: true })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('not confirmed; nothing was deployed')
    expect(asked).toHaveLength(1)
    expect(asked[0]).toContain('is not CDK-bootstrapped (no CDKToolkit stack)')
    expect(since(n)).toEqual(['bootstrap status'])
    n = calls.length
    answer = true
    const r = await runCli(deploy, { cwd: fresh, env, isTTY: true })
    expect(r.code).toBe(0)
    expect(asked).toHaveLength(2)
    expect(since(n).slice(0, 3)).toEqual(['bootstrap status', 'bootstrap', 'deploy Network'])
  })

  it('B: rsp bootstrap bootstraps alone, without asking or deploying', {
    timeout: 180_000,
  }, async () => {
    bootstrapped = false
    const n = calls.length
    const r = await runCli(['bootstrap'], {
      cwd: tempProject({ project: 'airline', region: 'us-east-1' }),
      env,
    })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(since(n)).toEqual(['bootstrap status', 'bootstrap', 'bootstrap status'])
    expect(r.stdout).toContain('before: aws://123456789012/us-east-1 is not CDK-bootstrapped')
    expect(r.stdout).toContain(
      '✔ aws://123456789012/us-east-1: bootstrapped (CDKToolkit version 29; the stacks need 6)',
    )
    expect(asked).toEqual([])
  })

  it('B: the toolkit-lib adapter reads the bootstrap version from the CDKToolkit stack (CloudFormation mocked)', async () => {
    const cdkOut = join(dir, 'cdk.out') // synthesised by the first test
    expect(await requiredBootstrapVersion(cdkOut)).toBe(6)
    const cfn = mockClient(CloudFormationClient)
    try {
      const toolkit = await toolkitLib(cdkOut, { region: 'us-east-1' })
      cfn.on(DescribeStacksCommand).rejects(
        Object.assign(new Error('Stack with id CDKToolkit does not exist'), {
          name: 'ValidationError',
        }),
      )
      expect(await toolkit.bootstrapStatus()).toEqual({
        environment: 'us-east-1',
        stackName: 'CDKToolkit',
        version: undefined,
        required: 6,
      })
      cfn.on(DescribeStacksCommand).resolves({
        Stacks: [
          {
            StackName: 'CDKToolkit',
            StackStatus: 'UPDATE_COMPLETE',
            CreationTime: new Date(),
            Outputs: [{ OutputKey: 'BootstrapVersion', OutputValue: '29' }],
          },
        ],
      })
      expect((await toolkit.bootstrapStatus()).version).toBe(29)
      expect(cfn.commandCalls(DescribeStacksCommand)[0]?.args[0].input).toEqual({
        StackName: 'CDKToolkit',
      })
    } finally {
      cfn.restore()
    }
  })

  it('refuses to destroy without --yes outside a terminal (exit 2), then destroys in reverse order', {
    timeout: 180_000,
  }, async () => {
    const refused = await runCli(['destroy'], { cwd: dir, env })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('pass --yes to confirm')
    const state = JSON.parse(readFileSync(join(dir, '.rsp', 'deploy-state.json'), 'utf8'))
    const deployed = Object.keys(state.stacks)
    const r = await runCli(['destroy', '--yes', '--skip-unshare'], { cwd: dir, env })
    expect(r.code).toBe(0)
    expect(calls.filter((c) => c.startsWith('destroy ')).map((c) => c.slice(8))).toEqual(
      [...deployed].reverse(),
    )
  })
})
