import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GetWorkgroupCommand, RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless'
import { mockClient } from 'aws-sdk-client-mock'
import { afterEach, describe, expect, it } from 'vitest'
import { validateConfigOrFail } from '../config/validate-config.js'
import type { SynthStack } from '../infra/synth.js'
import type { CdkToolkit } from './cdk-toolkit.js'
import { deployOrder, runDeploy, runDestroy } from './run-deploy.js'
import { WaitTimeoutError } from './wait-for-workgroups.js'

const config = validateConfigOrFail({ project: 'airline' })
const stack = (id: string, dependencies: string[] = []): SynthStack => ({
  id,
  stackName: `airline-${id.toLowerCase()}`,
  templateFile: `${id}.template.json`,
  resources: 1,
  resourceTypes: {},
  outputs: [],
  dependencies,
})
// Synth order deliberately not the dependency order.
const stacks = [
  stack('Monitoring', ['Warehouses']),
  stack('Warehouses', ['Network']),
  stack('Network'),
]

/** A recording fake of the CDK toolkit; fails on the stacks listed in `failOn` once. */
function recordingToolkit(failOn: string[] = []): CdkToolkit & { calls: string[] } {
  const calls: string[] = []
  const failing = new Set(failOn)
  return {
    calls,
    async deployStack(id) {
      calls.push(`deploy ${id}`)
      if (failing.delete(id))
        throw Object.assign(new Error(`${id}: CREATE_FAILED`), { code: 'STACK_FAILED' })
      return { [`${id}Output`]: 'value' }
    },
    async destroyStack(id) {
      calls.push(`destroy ${id}`)
    },
  }
}

const serverless = mockClient(RedshiftServerlessClient)
afterEach(() => serverless.reset())
const client = new RedshiftServerlessClient({ region: 'us-east-1' })
const fastWait = { timeoutMs: 60_000, pollMs: 1, sleep: async () => undefined }
const stateFile = () => join(mkdtempSync(join(tmpdir(), 'rsp-deploy-')), 'state.json')

describe('rsp deploy engine (CDK toolkit faked, Redshift Serverless mocked)', () => {
  it('orders stacks after their dependencies', () => {
    expect(deployOrder(stacks).map((s) => s.id)).toEqual(['Network', 'Warehouses', 'Monitoring'])
  })

  it('deploys in order, waits through CREATING and MODIFYING, then runs the steps', async () => {
    const statuses = ['CREATING', 'MODIFYING', 'AVAILABLE']
    serverless.on(GetWorkgroupCommand).callsFake((input) => ({
      workgroup: {
        workgroupName: input.workgroupName,
        status:
          input.workgroupName === 'airline-producer'
            ? (statuses.shift() ?? 'AVAILABLE')
            : 'AVAILABLE',
      },
    }))
    const toolkit = recordingToolkit()
    const ran: string[] = []
    const file = stateFile()
    const events: string[] = []
    const state = await runDeploy({
      config,
      stacks,
      toolkit,
      serverless: client,
      stateFile: file,
      wait: fastWait,
      steps: [
        { name: 'share', skip: false, run: async () => void ran.push('share') },
        { name: 'diagnose', skip: true, run: async () => void ran.push('diagnose') },
      ],
      onEvent: (e) => events.push(JSON.stringify(e)),
    })
    expect(toolkit.calls).toEqual(['deploy Network', 'deploy Warehouses', 'deploy Monitoring'])
    const polled = serverless
      .commandCalls(GetWorkgroupCommand)
      .map((c) => c.args[0].input.workgroupName)
    expect(polled).toEqual([
      'airline-producer',
      'airline-producer',
      'airline-producer',
      'airline-analytics',
      'airline-reporting',
    ])
    expect(ran).toEqual(['share'])
    expect(Object.keys(state.steps)).toEqual(['wait', 'share'])
    expect(JSON.parse(readFileSync(file, 'utf8')).stacks.Network.outputs).toEqual({
      NetworkOutput: 'value',
    })
    expect(events).toContain(JSON.stringify({ kind: 'step', step: 'diagnose', status: 'skipped' }))
  })

  it('fails with a clear message when a workgroup is not AVAILABLE in time', async () => {
    serverless.on(GetWorkgroupCommand).resolves({ workgroup: { status: 'MODIFYING' } })
    let clock = 0
    const error = await runDeploy({
      config,
      stacks: [stack('Network')],
      toolkit: recordingToolkit(),
      serverless: client,
      stateFile: stateFile(),
      wait: {
        timeoutMs: 1000,
        pollMs: 100,
        now: () => clock,
        sleep: async (ms) => {
          clock += ms
        },
      },
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WaitTimeoutError)
    expect((error as Error).message).toBe(
      'workgroup airline-producer is still MODIFYING after 1 s; check it in the console or with rsp diagnose --target aws, then run rsp deploy again (it resumes)',
    )
    // Polls at t = 0, 100, …, 1000 ms; the next would pass the deadline.
    expect(serverless.commandCalls(GetWorkgroupCommand)).toHaveLength(11)
  })

  it('resumes after a failure in the middle without redeploying finished stacks', async () => {
    serverless.on(GetWorkgroupCommand).resolves({ workgroup: { status: 'AVAILABLE' } })
    const file = stateFile()
    const toolkit = recordingToolkit(['Warehouses'])
    await expect(
      runDeploy({ config, stacks, toolkit, serverless: client, stateFile: file, wait: fastWait }),
    ).rejects.toThrow('Warehouses: CREATE_FAILED')
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).stacks)).toEqual(['Network'])
    await runDeploy({
      config,
      stacks,
      toolkit,
      serverless: client,
      stateFile: file,
      wait: fastWait,
    })
    expect(toolkit.calls).toEqual([
      'deploy Network',
      'deploy Warehouses',
      'deploy Warehouses',
      'deploy Monitoring',
    ])
    // A third run has nothing left to do.
    await runDeploy({
      config,
      stacks,
      toolkit,
      serverless: client,
      stateFile: file,
      wait: fastWait,
    })
    expect(toolkit.calls).toHaveLength(4)
  })

  it('destroys after unsharing, dependents first, and clears the state', async () => {
    const file = stateFile()
    const toolkit = recordingToolkit()
    serverless.on(GetWorkgroupCommand).resolves({ workgroup: { status: 'AVAILABLE' } })
    await runDeploy({
      config,
      stacks,
      toolkit,
      serverless: client,
      stateFile: file,
      wait: fastWait,
    })
    await runDestroy({
      config,
      stacks,
      toolkit,
      stateFile: file,
      before: async () => void toolkit.calls.push('unshare'),
    })
    expect(toolkit.calls.slice(3)).toEqual([
      'unshare',
      'destroy Monitoring',
      'destroy Warehouses',
      'destroy Network',
    ])
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      version: 1,
      project: 'airline',
      stacks: {},
      steps: {},
    })
  })
})
