import {
  GetNamespaceCommand,
  GetWorkgroupCommand,
  ListWorkgroupsCommand,
  RedshiftServerlessClient,
} from '@aws-sdk/client-redshift-serverless'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocalRedshift } from '../account/local-redshift.js'
import { type DataApiServer, startDataApiServer } from '../data-api/data-api-server.js'

describe('Redshift Serverless control plane through the real SDK client', () => {
  let rs: LocalRedshift
  let server: DataApiServer
  let client: RedshiftServerlessClient
  beforeAll(async () => {
    rs = await LocalRedshift.create()
    await rs.createNamespace({
      name: 'airline-producer',
      defaultIamRole: 'arn:aws:iam::123456789012:role/copy',
    })
    await rs.createNamespace({
      name: 'airline-analytics',
      publiclyAccessible: true,
      baseCapacity: 32,
    })
    server = await startDataApiServer({ redshift: rs })
    client = new RedshiftServerlessClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'x' },
    })
  }, 120_000)
  afterAll(async () => {
    client?.destroy()
    await server?.close()
    await rs?.close()
  })

  it('GetNamespace returns the namespace id and the managed admin secret (R-IAM-6)', async () => {
    const out = await client.send(new GetNamespaceCommand({ namespaceName: 'airline-producer' }))
    const ns = rs.namespace('airline-producer')!
    expect(out.namespace?.namespaceId).toBe(ns.id)
    expect(out.namespace?.adminPasswordSecretArn).toBe(ns.adminSecretArn)
    expect(out.namespace?.defaultIamRoleArn).toBe('arn:aws:iam::123456789012:role/copy')
    expect(out.namespace?.creationDate).toBeInstanceOf(Date)
  })

  it('GetWorkgroup reports status, capacity and public access; an unknown one is ResourceNotFoundException', async () => {
    const out = await client.send(new GetWorkgroupCommand({ workgroupName: 'airline-analytics' }))
    expect(out.workgroup).toMatchObject({
      status: 'AVAILABLE',
      baseCapacity: 32,
      publiclyAccessible: true,
    })
    await expect(
      client.send(new GetWorkgroupCommand({ workgroupName: 'nope-wg' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    })
    const all = await client.send(new ListWorkgroupsCommand({}))
    expect(all.workgroups?.map((w) => w.workgroupName).sort()).toEqual([
      'airline-analytics',
      'airline-producer',
    ])
  })
})
