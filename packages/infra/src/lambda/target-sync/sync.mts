// Target sync for the consumer NLB: the target group must hold every ENI private IP of every
// consumer workgroup endpoint, and nothing else. Runs in Lambda (Node.js 22 runtime, which
// provides AWS SDK v3), so this folder imports nothing but the SDK and its own files.
import {
  DeregisterTargetsCommand,
  DescribeTargetHealthCommand,
  type DescribeTargetHealthCommandOutput,
  RegisterTargetsCommand,
  type TargetDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2'
import {
  GetWorkgroupCommand,
  type GetWorkgroupCommandOutput,
} from '@aws-sdk/client-redshift-serverless'

/** The subset of an AWS SDK v3 client this module needs. */
export interface SendClient {
  // biome-ignore lint/suspicious/noExplicitAny: commands of two SDK clients pass through here
  send(command: any): Promise<any>
}

export interface SyncClients {
  readonly serverless: SendClient
  readonly elbv2: SendClient
}

export interface SyncInput {
  readonly targetGroupArn: string
  readonly workgroupNames: readonly string[]
  readonly port: number
}

export interface RetryOptions {
  /** Attempts per workgroup before giving up. */
  readonly attempts: number
  /** First delay in ms; doubles each attempt up to `maxDelayMs`. */
  readonly initialDelayMs: number
  readonly maxDelayMs: number
  readonly sleep: (ms: number) => Promise<void>
}

export interface SyncResult {
  /** Every endpoint IP found, sorted. */
  readonly desired: readonly string[]
  readonly registered: readonly string[]
  readonly deregistered: readonly string[]
  readonly unchanged: readonly string[]
}

/** Thrown when a workgroup is not AVAILABLE or has no endpoint IPs after every retry. */
export class WorkgroupNotReadyError extends Error {
  override readonly name = 'WorkgroupNotReadyError'
  constructor(
    readonly workgroupName: string,
    readonly status: string | undefined,
    readonly attempts: number,
  ) {
    super(
      `Workgroup '${workgroupName}' is ${status ?? 'missing its endpoint'} after ${attempts} attempts; ` +
        'targets were left unchanged. The next create/update or scheduled sync retries.',
    )
  }
}

export const DEFAULT_RETRY: RetryOptions = Object.freeze({
  attempts: 12,
  initialDelayMs: 5_000,
  maxDelayMs: 60_000,
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
})

/** Reads every private IP of the workgroup's VPC endpoints, retrying until it is AVAILABLE. */
export async function workgroupEndpointIps(
  client: SendClient,
  workgroupName: string,
  retry: RetryOptions = DEFAULT_RETRY,
): Promise<string[]> {
  let delay = retry.initialDelayMs
  let status: string | undefined
  for (let attempt = 1; attempt <= retry.attempts; attempt++) {
    const out: GetWorkgroupCommandOutput = await client.send(
      new GetWorkgroupCommand({ workgroupName }),
    )
    status = out.workgroup?.status
    const ips = (out.workgroup?.endpoint?.vpcEndpoints ?? []).flatMap((e) =>
      (e.networkInterfaces ?? []).map((n) => n.privateIpAddress).filter((ip): ip is string => !!ip),
    )
    // Only an AVAILABLE workgroup has a settled endpoint; an AVAILABLE one without IPs is
    // still being wired up, and registering "nothing" would deregister live targets.
    if (status === 'AVAILABLE' && ips.length > 0) return ips
    if (attempt < retry.attempts) {
      await retry.sleep(delay)
      delay = Math.min(delay * 2, retry.maxDelayMs)
    }
  }
  throw new WorkgroupNotReadyError(workgroupName, status, retry.attempts)
}

async function currentTargets(client: SendClient, targetGroupArn: string, port: number) {
  const out: DescribeTargetHealthCommandOutput = await client.send(
    new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }),
  )
  const ids = new Set<string>()
  for (const d of out.TargetHealthDescriptions ?? []) {
    // Draining targets are already on their way out: if still wanted they are re-registered.
    if (d.TargetHealth?.State === 'draining') continue
    if (d.Target?.Id && (d.Target.Port === undefined || d.Target.Port === port)) {
      ids.add(d.Target.Id)
    }
  }
  return ids
}

const BATCH = 50

async function inBatches(ips: readonly string[], fn: (batch: string[]) => Promise<unknown>) {
  for (let i = 0; i < ips.length; i += BATCH) await fn(ips.slice(i, i + BATCH))
}

/**
 * Makes the target group hold exactly the endpoint IPs of the given workgroups: registers the
 * new ones, deregisters the stale ones, and makes no ELB write when nothing changed.
 */
export async function syncTargets(
  clients: SyncClients,
  input: SyncInput,
  retry: RetryOptions = DEFAULT_RETRY,
): Promise<SyncResult> {
  if (input.workgroupNames.length === 0) {
    throw new Error('syncTargets: workgroupNames is empty; there is nothing to balance over.')
  }
  const desired = new Set<string>()
  // Sequential on purpose: a handful of workgroups, and it keeps API pressure low.
  for (const name of input.workgroupNames) {
    for (const ip of await workgroupEndpointIps(clients.serverless, name, retry)) desired.add(ip)
  }
  const current = await currentTargets(clients.elbv2, input.targetGroupArn, input.port)
  const toRegister = [...desired].filter((ip) => !current.has(ip)).sort()
  const toDeregister = [...current].filter((ip) => !desired.has(ip)).sort()
  const unchanged = [...desired].filter((ip) => current.has(ip)).sort()
  const targets = (ips: string[]): TargetDescription[] =>
    ips.map((Id) => ({ Id, Port: input.port }))
  // Register first: the group is never emptier than it has to be.
  await inBatches(toRegister, (batch) =>
    clients.elbv2.send(
      new RegisterTargetsCommand({ TargetGroupArn: input.targetGroupArn, Targets: targets(batch) }),
    ),
  )
  await inBatches(toDeregister, (batch) =>
    clients.elbv2.send(
      new DeregisterTargetsCommand({
        TargetGroupArn: input.targetGroupArn,
        Targets: targets(batch),
      }),
    ),
  )
  return {
    desired: [...desired].sort(),
    registered: toRegister,
    deregistered: toDeregister,
    unchanged,
  }
}

/** The CloudFormation custom resource event fields the handler reads (Provider framework). */
export interface SyncEvent {
  readonly RequestType?: 'Create' | 'Update' | 'Delete'
  readonly PhysicalResourceId?: string
  readonly ResourceProperties?: {
    readonly TargetGroupArn?: string
    readonly WorkgroupNames?: readonly string[]
    readonly Port?: string | number
  }
}

/**
 * Sync input from a custom resource event (its properties) or a scheduled event (the
 * function's environment, set by the construct to the same values).
 */
export function syncInputFrom(
  event: SyncEvent,
  env: Readonly<Record<string, string | undefined>>,
): SyncInput {
  const props = event.ResourceProperties ?? {}
  const targetGroupArn = props.TargetGroupArn ?? env.TARGET_GROUP_ARN
  const workgroupNames =
    props.WorkgroupNames ?? (env.WORKGROUP_NAMES ?? '').split(',').filter((n) => n.length > 0)
  const port = Number(props.Port ?? env.TARGET_PORT)
  if (!targetGroupArn)
    throw new Error('target sync: no TargetGroupArn in the event or TARGET_GROUP_ARN.')
  if (!Number.isInteger(port) || port <= 0)
    throw new Error(`target sync: invalid port '${props.Port ?? env.TARGET_PORT}'.`)
  return { targetGroupArn, workgroupNames, port }
}
