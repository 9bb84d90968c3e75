import { readFile } from 'node:fs/promises'
import type { DataApiServer, LocalRedshift, LocalS3 } from '@redshift-playground/redshift-local'
import type { DataClient } from '../share/redshift-share.js'

/** A namespace and its workgroup as the synthesised CloudFormation declares them. */
export interface PlannedNamespace {
  readonly namespaceName: string
  readonly workgroupName: string
  readonly adminUser: string
  readonly dbName: string
  /** The stack gives the namespace a default IAM role (the COPY role), so `IAM_ROLE default` works. */
  readonly hasDefaultIamRole: boolean
  readonly publiclyAccessible: boolean
  readonly baseCapacity: number
  readonly maxCapacity: number | undefined
}

interface CfnResource {
  readonly Type: string
  readonly Properties?: Record<string, unknown>
}

const literal = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

/**
 * The namespaces and workgroups of the synthesised app, read from its templates — what
 * `rsp deploy` would create — so the rehearsal's account has the deployed shape: names, the
 * admin user, the first database, whether the COPY role is the namespace's default role,
 * public access and capacity.
 */
export async function namespacesFromTemplates(
  templateFiles: readonly string[],
): Promise<PlannedNamespace[]> {
  const namespaces = new Map<string, Record<string, unknown>>()
  const byLogicalId = new Map<string, string>()
  const workgroups: Record<string, unknown>[] = []
  for (const file of templateFiles) {
    const t = JSON.parse(await readFile(file, 'utf8')) as {
      Resources?: Record<string, CfnResource>
    }
    for (const [logicalId, r] of Object.entries(t.Resources ?? {})) {
      const p = r.Properties ?? {}
      if (r.Type === 'AWS::RedshiftServerless::Namespace') {
        const name = literal(p.NamespaceName)
        if (name) {
          namespaces.set(name, p)
          byLogicalId.set(logicalId, name)
        }
      } else if (r.Type === 'AWS::RedshiftServerless::Workgroup') workgroups.push(p)
    }
  }
  // A workgroup names its namespace literally, or by Ref / GetAtt of the namespace resource.
  const namespaceOf = (v: unknown): string | undefined => {
    if (typeof v === 'string') return v
    const o = v as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined
    const id = o?.Ref ?? o?.['Fn::GetAtt']?.[0]
    return id ? byLogicalId.get(id) : undefined
  }
  const out: PlannedNamespace[] = []
  for (const w of workgroups) {
    const workgroupName = literal(w.WorkgroupName)
    const namespaceName = namespaceOf(w.NamespaceName)
    if (!workgroupName || !namespaceName) continue
    const ns = namespaces.get(namespaceName) ?? {}
    out.push({
      namespaceName,
      workgroupName,
      adminUser: literal(ns.AdminUsername) ?? 'admin',
      dbName: literal(ns.DbName) ?? 'dev',
      hasDefaultIamRole: ns.DefaultIamRoleArn !== undefined,
      publiclyAccessible: w.PubliclyAccessible === true,
      baseCapacity: typeof w.BaseCapacity === 'number' ? w.BaseCapacity : 128,
      maxCapacity: typeof w.MaxCapacity === 'number' ? w.MaxCapacity : undefined,
    })
  }
  return out
}

/** AWS SDK clients pointed at the local account, as the commands use them on AWS. */
export interface LocalClients {
  readonly data: DataClient & { destroy(): void }
  readonly s3: { send: DataClient['send']; destroy(): void }
  readonly serverless: { send: DataClient['send']; destroy(): void }
}

/** A running local account: the emulator, its Data API (and control plane) and its S3. */
export interface LocalAccount {
  readonly redshift: LocalRedshift
  readonly dataApi: DataApiServer
  readonly s3: LocalS3
  readonly clients: LocalClients
  /** The IAM caller the clients sign as (`IAMR:<role>` in the database). */
  readonly caller: string
  /** The default IAM role ARN given to namespaces whose stack declares one. */
  readonly copyRoleArn: (namespace: string) => string
}

/** The IAM role the local clients act as: an ordinary database user, as on AWS (R-IAM-3). */
export const LOCAL_CALLER_ROLE = 'rsp-operator'

/**
 * Starts an emulated Redshift Serverless account with the planned namespaces (each with its
 * admin user and managed secret), a local S3 holding `buckets`, and the Data API (plus the
 * read-only Serverless control plane) on loopback; then real SDK clients for all three.
 * Everything stops in `finally`.
 */
export async function usingLocalAccount<T>(
  options: {
    readonly namespaces: readonly PlannedNamespace[]
    readonly buckets: readonly string[]
    /** Keep the account here (PGlite data directory; S3 objects in `<dir>/s3`). */
    readonly dataDir?: string | undefined
    readonly region?: string
    readonly account?: string
    /**
     * Serve for other programs: where to listen, and whether any access key is accepted (as
     * the role rsp-local). Without it the Data API listens on a free loopback port and accepts
     * only the clients made here.
     */
    readonly serve?: { readonly host: string; readonly port: number; readonly anyCaller: boolean }
  },
  fn: (account: LocalAccount) => Promise<T>,
): Promise<T> {
  const [rl, { RedshiftDataClient }, { S3Client }, { RedshiftServerlessClient }, { join }] =
    await Promise.all([
      import('@redshift-playground/redshift-local'),
      import('@aws-sdk/client-redshift-data'),
      import('@aws-sdk/client-s3'),
      import('@aws-sdk/client-redshift-serverless'),
      import('node:path'),
    ])
  const region = options.region ?? 'us-east-1'
  const accountId = options.account ?? '123456789012'
  const s3 = await rl.startLocalS3({
    buckets: options.buckets,
    region,
    ...(options.dataDir ? { directory: join(options.dataDir, 's3') } : {}),
  })
  const s3ForCopy = new S3Client(s3.clientConfig)
  let redshift: LocalRedshift | undefined
  let dataApi: DataApiServer | undefined
  const clients: Partial<Record<keyof LocalClients, { destroy(): void }>> = {}
  try {
    redshift = await rl.LocalRedshift.create({
      region,
      account: accountId,
      s3: s3ForCopy,
      ...(options.dataDir ? { dataDir: join(options.dataDir, 'redshift') } : {}),
    })
    const copyRoleArn = (ns: string) => `arn:aws:iam::${accountId}:role/${ns}-copy`
    for (const ns of options.namespaces) {
      if (redshift.namespace(ns.namespaceName)) continue
      await redshift.createNamespace({
        name: ns.namespaceName,
        workgroup: ns.workgroupName,
        adminUser: ns.adminUser,
        dbName: ns.dbName,
        publiclyAccessible: ns.publiclyAccessible,
        baseCapacity: ns.baseCapacity,
        ...(ns.maxCapacity !== undefined ? { maxCapacity: ns.maxCapacity } : {}),
        ...(ns.hasDefaultIamRole ? { defaultIamRole: copyRoleArn(ns.namespaceName) } : {}),
      })
    }
    const caller = `arn:aws:sts::${accountId}:assumed-role/${LOCAL_CALLER_ROLE}/rsp`
    const credentials = { accessKeyId: 'AKIDRSPLOCAL', secretAccessKey: 'rsp-local-secret' }
    dataApi = await rl.startDataApiServer({
      redshift,
      principals: [{ ...credentials, arn: caller }],
      ...(options.serve
        ? {
            host: options.serve.host,
            port: options.serve.port,
            ...(options.serve.anyCaller ? {} : { defaultPrincipal: null }),
          }
        : { defaultPrincipal: null }),
    })
    const data = new RedshiftDataClient({ endpoint: dataApi.url, region, credentials })
    clients.data = data
    const s3Client = new S3Client(s3.clientConfig)
    clients.s3 = s3Client
    const serverless = new RedshiftServerlessClient({ endpoint: dataApi.url, region, credentials })
    clients.serverless = serverless
    return await fn({
      redshift,
      dataApi,
      s3,
      clients: { data, s3: s3Client, serverless },
      caller: `IAMR:${LOCAL_CALLER_ROLE}`,
      copyRoleArn,
    })
  } finally {
    for (const c of Object.values(clients)) c?.destroy()
    s3ForCopy.destroy()
    await dataApi?.close().catch(() => undefined)
    await redshift?.close().catch(() => undefined)
    await s3.close().catch(() => undefined)
  }
}
