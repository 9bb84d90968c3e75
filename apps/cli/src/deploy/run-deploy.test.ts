import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GetWorkgroupCommand, RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless'
import { mockClient } from 'aws-sdk-client-mock'
import { afterEach, describe, expect, it } from 'vitest'
import { validateConfigOrFail } from '../config/validate-config.js'
import type { SynthStack } from '../infra/synth.js'
import { deployOrder, runDeploy, runDestroy } from './run-deploy.js'
import { recordingToolkit } from './test-toolkit.js'
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

const serverless = mockClient(RedshiftServerlessClient)
afterEach(() => serverless.reset())
const client = new RedshiftServerlessClient({ region: 'us-east-1' })
const fastWait = { timeoutMs: 60_000, pollMs: 1, sleep: async () => undefined }
const stateFile = () => join(mkdtempSync(join(tmpdir(), 'rsp-deploy-')), 'state.json')
/** The stack calls, without the bootstrap status reads. */
const stackCalls = (t: { calls: string[] }) => t.calls.filter((c) => !c.startsWith('bootstrap'))

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
    expect(toolkit.calls).toEqual([
      'bootstrap status',
      'deploy Network',
      'deploy Warehouses',
      'deploy Monitoring',
    ])
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
    const toolkit = recordingToolkit({ failOn: ['Warehouses'] })
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
    expect(stackCalls(toolkit)).toEqual([
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
    expect(stackCalls(toolkit)).toHaveLength(4)
    expect(toolkit.calls.filter((c) => c === 'bootstrap status')).toHaveLength(2) // not a third time
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
    expect(stackCalls(toolkit).slice(3)).toEqual([
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

  it('B: bootstraps before the first stack when the environment is not bootstrapped and the caller agrees', async () => {
    serverless.on(GetWorkgroupCommand).resolves({ workgroup: { status: 'AVAILABLE' } })
    const toolkit = recordingToolkit({ bootstrapped: false })
    const asked: string[] = []
    const events: string[] = []
    await runDeploy({
      config,
      stacks,
      toolkit,
      serverless: client,
      stateFile: stateFile(),
      wait: fastWait,
      confirmBootstrap: async (s) => {
        asked.push(`${s.environment} ${s.stackName} ${s.version} ${s.required}`)
        return true
      },
      onEvent: (e) => events.push(describe_(e)),
    })
    expect(asked).toEqual(['aws://123456789012/us-east-1 CDKToolkit undefined 6'])
    expect(toolkit.calls).toEqual([
      'bootstrap status',
      'bootstrap',
      'deploy Network',
      'deploy Warehouses',
      'deploy Monitoring',
    ])
    expect(events.slice(0, 3)).toEqual(['bootstrap running', 'bootstrap done', 'Network deploying'])
  })

  it('B: a bootstrap older than the stacks need counts as not bootstrapped', async () => {
    serverless.on(GetWorkgroupCommand).resolves({ workgroup: { status: 'AVAILABLE' } })
    const toolkit = recordingToolkit({ version: 5 })
    await runDeploy({
      config,
      stacks,
      toolkit,
      serverless: client,
      stateFile: stateFile(),
      wait: fastWait,
      confirmBootstrap: async () => true,
    })
    expect(toolkit.calls.slice(0, 3)).toEqual(['bootstrap status', 'bootstrap', 'deploy Network'])
  })

  it('B: refused or without a way to ask, it stops before any stack (usage error naming rsp bootstrap)', async () => {
    const refusing = recordingToolkit({ bootstrapped: false })
    const refused = await runDeploy({
      config,
      stacks,
      toolkit: refusing,
      serverless: client,
      stateFile: stateFile(),
      wait: fastWait,
      confirmBootstrap: async () => false,
    }).catch((e: unknown) => e as Error & { code?: string })
    expect(refused).toMatchObject({ code: 'USAGE' })
    expect((refused as Error).message).toBe(
      'not confirmed; nothing was deployed (aws://123456789012/us-east-1 is not CDK-bootstrapped (no CDKToolkit stack); the stacks need bootstrap version 6 or later: run rsp bootstrap (the same credentials and region), or rsp deploy --yes, which bootstraps first)',
    )
    expect(refusing.calls).toEqual(['bootstrap status'])
    const silent = recordingToolkit({ bootstrapped: false })
    await expect(
      runDeploy({
        config,
        stacks,
        toolkit: silent,
        serverless: client,
        stateFile: stateFile(),
        wait: fastWait,
      }),
    ).rejects.toThrow(/is not CDK-bootstrapped .*: run rsp bootstrap/)
    expect(silent.calls).toEqual(['bootstrap status'])
  })

  it('deploys a stack again when its template changed, and waits again', async () => {
    serverless.on(GetWorkgroupCommand).resolves({ workgroup: { status: 'AVAILABLE' } })
    const dir = mkdtempSync(join(tmpdir(), 'rsp-templates-'))
    const withFiles = stacks.map((s) => ({ ...s, templateFile: join(dir, s.templateFile) }))
    for (const s of withFiles)
      writeFileSync(s.templateFile, JSON.stringify({ Resources: { [s.id]: {} } }))
    const file = stateFile()
    const toolkit = recordingToolkit()
    const run = () =>
      runDeploy({
        config,
        stacks: withFiles,
        toolkit,
        serverless: client,
        stateFile: file,
        wait: fastWait,
      })
    await run()
    expect(JSON.parse(readFileSync(file, 'utf8')).stacks.Warehouses.template).toMatch(
      /^[0-9a-f]{64}$/,
    )
    await run()
    expect(stackCalls(toolkit)).toHaveLength(3) // nothing changed: nothing deployed
    serverless.resetHistory()
    writeFileSync(withFiles[1]!.templateFile, JSON.stringify({ Resources: { CopyRole: {} } }))
    await run()
    expect(stackCalls(toolkit).slice(3)).toEqual(['deploy Warehouses'])
    expect(serverless.commandCalls(GetWorkgroupCommand).length).toBeGreaterThan(0) // waited again
  })

  it('runs beforeSteps after the wait and before the first step left, and not when none is left', async () => {
    serverless.on(GetWorkgroupCommand).resolves({ workgroup: { status: 'AVAILABLE' } })
    const file = stateFile()
    const order: string[] = []
    const run = () =>
      runDeploy({
        config,
        stacks,
        toolkit: recordingToolkit(),
        serverless: client,
        stateFile: file,
        wait: fastWait,
        onEvent: (e) => e.kind === 'step' && order.push(`${e.step} ${e.status}`),
        beforeSteps: async () => void order.push('preflight'),
        steps: [{ name: 'share', skip: false, run: async () => void order.push('share') }],
      })
    await run()
    expect(order).toEqual([
      'wait running',
      'wait done',
      'preflight',
      'share running',
      'share',
      'share done',
    ])
    order.length = 0
    await run()
    expect(order).toEqual(['share skipped'])
  })
})

function describe_(e: import('./run-deploy.js').DeployEvent): string {
  return e.kind === 'stack'
    ? `${e.stackId} ${e.status}`
    : e.kind === 'step'
      ? `${e.step} ${e.status}`
      : `${e.workgroup} ${e.status}`
}
