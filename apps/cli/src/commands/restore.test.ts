import {
  GetNamespaceCommand,
  GetWorkgroupCommand,
  type NamespaceStatus,
  RedshiftServerlessClient,
  RestoreFromSnapshotCommand,
} from '@aws-sdk/client-redshift-serverless'
import { mockClient } from 'aws-sdk-client-mock'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { exampleAwsEnv } from '../deploy/test-toolkit.js'
import { RestoreWaitError, waitForRestore } from '../deploy/wait-for-restore.js'
import { runCli, tempProject } from '../test-cli.js'

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-0000-4000-8000-000000000000'
const ns = (status: NamespaceStatus) => ({
  namespace: {
    namespaceName: 'airline-producer',
    namespaceId: '11111111-2222-3333-4444-555555555555',
    adminPasswordSecretArn:
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:redshift!airline-producer-admin-AbCdEf',
    adminPasswordSecretKmsKeyId: KEY,
    status,
  },
})

describe('rsp restore (Redshift Serverless mocked)', () => {
  const serverless = mockClient(RedshiftServerlessClient)
  const restoreEnv = exampleAwsEnv()
  afterAll(() => {
    serverless.restore()
    restoreEnv()
  })
  beforeEach(() => serverless.reset())
  const dir = tempProject({ project: 'airline', region: 'us-east-1' })
  const env = { NO_COLOR: '1' }
  const arn = 'arn:aws:redshift:us-east-1:123456789012:snapshot:airline-cluster/first-load'

  it('D: keeps the admin password managed (with the namespace’s KMS key) and waits for the restore itself: AVAILABLE → MODIFYING → AVAILABLE', async () => {
    // The first reads still show the old AVAILABLE: a wait for AVAILABLE alone would stop here.
    const statuses: NamespaceStatus[] = [
      'AVAILABLE',
      'AVAILABLE',
      'MODIFYING',
      'MODIFYING',
      'AVAILABLE',
    ]
    serverless.on(RestoreFromSnapshotCommand).resolves({})
    serverless
      .on(GetNamespaceCommand)
      .resolvesOnce(ns('AVAILABLE')) // before the restore: the KMS key
      .callsFake(() => ns(statuses.shift() ?? 'AVAILABLE'))
    serverless.on(GetWorkgroupCommand).resolves({ workgroup: { status: 'AVAILABLE' } })
    const r = await runCli(['restore', '--snapshot', arn, '--skip-share', '--poll-interval', '1'], {
      cwd: dir,
      env,
    })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(serverless.commandCalls(RestoreFromSnapshotCommand)[0]?.args[0].input).toEqual({
      namespaceName: 'airline-producer',
      workgroupName: 'airline-producer',
      snapshotArn: arn,
      manageAdminPassword: true,
      adminPasswordSecretKmsKeyId: KEY,
    })
    expect(r.stdout).toContain(
      [
        'namespace airline-producer: AVAILABLE',
        'namespace airline-producer: AVAILABLE',
        'namespace airline-producer: MODIFYING',
        'namespace airline-producer: MODIFYING',
        'namespace airline-producer: AVAILABLE',
        'workgroup airline-producer: AVAILABLE',
      ].join('\n'),
    )
    expect(serverless.commandCalls(GetNamespaceCommand)).toHaveLength(6)
    expect(r.stdout).toContain('share: skipped')
  })

  it('D: a namespace that never leaves AVAILABLE within --start-timeout is an error; nothing is re-shared', async () => {
    serverless.on(RestoreFromSnapshotCommand).resolves({})
    serverless.on(GetNamespaceCommand).resolves(ns('AVAILABLE'))
    serverless.on(GetWorkgroupCommand).resolves({ workgroup: { status: 'AVAILABLE' } })
    const r = await runCli(
      ['restore', '--snapshot', arn, '--poll-interval', '1', '--start-timeout', '2'],
      { cwd: dir, env },
    )
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(
      'namespace airline-producer still shows AVAILABLE 2 s after RestoreFromSnapshot, so the restore was not seen to start; nothing was re-shared',
    )
    expect(serverless.commandCalls(GetWorkgroupCommand)).toHaveLength(0)
    expect(r.stdout).not.toContain('share:')
  })

  it('D: the wait counts RestoreFromSnapshot’s own MODIFYING and bounds the restore (fake clock)', async () => {
    const client = new RedshiftServerlessClient({ region: 'us-east-1' })
    let clock = 0
    const clockOptions = {
      pollMs: 100,
      now: () => clock,
      sleep: async (ms: number) => {
        clock += ms
      },
    }
    // Answered MODIFYING by RestoreFromSnapshot, then AVAILABLE: done at the first poll.
    serverless.on(GetNamespaceCommand).resolves(ns('AVAILABLE'))
    await waitForRestore(client, 'airline-producer', {
      ...clockOptions,
      startTimeoutMs: 1000,
      timeoutMs: 5000,
      initialStatus: 'MODIFYING',
    })
    expect(serverless.commandCalls(GetNamespaceCommand)).toHaveLength(1)
    // Stuck in MODIFYING past the timeout.
    serverless.reset()
    serverless.on(GetNamespaceCommand).resolves(ns('MODIFYING'))
    clock = 0
    const stuck = await waitForRestore(client, 'airline-producer', {
      ...clockOptions,
      startTimeoutMs: 1000,
      timeoutMs: 5000,
    }).catch((e: unknown) => e)
    expect(stuck).toBeInstanceOf(RestoreWaitError)
    expect((stuck as Error).message).toBe(
      'namespace airline-producer is still MODIFYING 5 s after RestoreFromSnapshot; check the restore in the console, then run rsp share (datashares are re-applied once it is AVAILABLE)',
    )
    expect(serverless.commandCalls(GetNamespaceCommand)).toHaveLength(51) // t = 0 … 5000 ms
  })

  it('rejects a snapshot name where an ARN is needed (exit 2, nothing sent)', async () => {
    const r = await runCli(['restore', '--snapshot', 'first-load'], { cwd: dir, env })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--snapshot "first-load" is not a snapshot ARN')
    expect(serverless.commandCalls(RestoreFromSnapshotCommand)).toHaveLength(0)
  })

  it('A: the re-share’s identity is checked before the restore: no managed secret and none given → nothing restored', async () => {
    serverless.on(GetNamespaceCommand).resolves({
      namespace: { namespaceName: 'airline-producer', namespaceId: 'id', status: 'AVAILABLE' },
    })
    const r = await runCli(['restore', '--snapshot', arn], { cwd: dir, env })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(
      'airline-producer has no managed admin secret (ManageAdminPassword) and no secret was given',
    )
    expect(r.stderr).toContain('Fix: Pass --secret-arn (or set load.secretArn)')
    expect(r.stderr).toContain('Fix: Let Redshift manage the admin password of airline-analytics')
    expect(serverless.commandCalls(RestoreFromSnapshotCommand)).toHaveLength(0)
  })
})
