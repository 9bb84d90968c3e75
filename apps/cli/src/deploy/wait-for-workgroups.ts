/** The subset of a RedshiftServerlessClient used here (typed structurally). */
export interface ServerlessClient {
  // biome-ignore lint/suspicious/noExplicitAny: the SDK's send is generic over commands
  send(command: any): Promise<any>
}

export interface WaitOptions {
  readonly timeoutMs: number
  readonly pollMs: number
  readonly now?: () => number
  readonly sleep?: (ms: number) => Promise<void>
  readonly onStatus?: (workgroup: string, status: string) => void
}

/** A workgroup did not become AVAILABLE in time. */
export class WaitTimeoutError extends Error {
  readonly code = 'WAIT_TIMEOUT'
  readonly field = 'workgroup'
  readonly value: string
  constructor(workgroup: string, status: string, timeoutMs: number) {
    super(
      `workgroup ${workgroup} is still ${status} after ${Math.round(timeoutMs / 1000)} s; check it in the console or with rsp diagnose --target aws, then run rsp deploy again (it resumes)`,
    )
    this.name = 'WaitTimeoutError'
    this.value = workgroup
  }
}

/**
 * Polls GetWorkgroup for each workgroup, one after another (they were created in a chain),
 * until it is AVAILABLE; CREATING and MODIFYING are normal on the way.
 */
export async function waitForWorkgroups(
  client: ServerlessClient,
  workgroups: readonly string[],
  o: WaitOptions,
): Promise<void> {
  const { GetWorkgroupCommand } = await import('@aws-sdk/client-redshift-serverless')
  const now = o.now ?? Date.now
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  const deadline = now() + o.timeoutMs
  for (const name of workgroups) {
    for (;;) {
      const out = await client.send(new GetWorkgroupCommand({ workgroupName: name }))
      const status = String(out?.workgroup?.status ?? 'UNKNOWN')
      o.onStatus?.(name, status)
      if (status === 'AVAILABLE') break
      if (now() + o.pollMs > deadline) throw new WaitTimeoutError(name, status, o.timeoutMs)
      await sleep(o.pollMs)
    }
  }
}
