import {
  GetWorkgroupCommand,
  RedshiftServerlessClient,
  RestoreFromSnapshotCommand,
} from '@aws-sdk/client-redshift-serverless'
import { mockClient } from 'aws-sdk-client-mock'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, tempProject } from '../test-cli.js'

describe('rsp restore (Redshift Serverless mocked)', () => {
  const serverless = mockClient(RedshiftServerlessClient)
  afterAll(() => serverless.restore())
  const dir = tempProject({ project: 'airline', region: 'us-east-1' })
  const env = { NO_COLOR: '1', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'example' }
  const arn = 'arn:aws:redshift:us-east-1:123456789012:snapshot:airline-cluster/first-load'

  it('restores into the producer and waits until it is AVAILABLE again', async () => {
    const statuses = ['MODIFYING', 'AVAILABLE']
    serverless.on(RestoreFromSnapshotCommand).resolves({})
    serverless
      .on(GetWorkgroupCommand)
      .callsFake(() => ({ workgroup: { status: statuses.shift() ?? 'AVAILABLE' } }))
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
    })
    expect(r.stdout).toContain(
      'workgroup airline-producer: MODIFYING\nworkgroup airline-producer: AVAILABLE',
    )
    expect(r.stdout).toContain('share: skipped')
  })

  it('rejects a snapshot name where an ARN is needed (exit 2, nothing sent)', async () => {
    serverless.resetHistory()
    const r = await runCli(['restore', '--snapshot', 'first-load'], { cwd: dir, env })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--snapshot "first-load" is not a snapshot ARN')
    expect(serverless.commandCalls(RestoreFromSnapshotCommand)).toHaveLength(0)
  })
})
