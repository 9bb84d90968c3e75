import type { ServerlessClient, WaitOptions } from './wait-for-workgroups.js'

/** A restore never started, or did not finish, in time. */
export class RestoreWaitError extends Error {
  readonly code = 'RESTORE_WAIT_TIMEOUT'
  readonly namespace: string
  constructor(message: string, namespace: string) {
    super(message)
    this.name = 'RestoreWaitError'
    this.namespace = namespace
  }
}

export interface RestoreWaitOptions extends WaitOptions {
  /**
   * How long the namespace may still show AVAILABLE after RestoreFromSnapshot before the
   * restore counts as not started (its status goes MODIFYING while it runs).
   */
  readonly startTimeoutMs: number
  /** The namespace status RestoreFromSnapshot answered with, when it said. */
  readonly initialStatus?: string | undefined
  readonly onNamespaceStatus?: (namespace: string, status: string) => void
}

/**
 * Waits for a RestoreFromSnapshot on its own progress, not on a status it may not have touched
 * yet: right after the call the namespace can still show AVAILABLE, and a wait for AVAILABLE
 * would re-share while the restore replaces the data. So: first the namespace must leave
 * AVAILABLE (MODIFYING while it restores; RestoreFromSnapshot's own answer counts) within
 * `startTimeoutMs`; then it must return to AVAILABLE within `timeoutMs` (both from the start).
 * Polls GetNamespace; the workgroup is waited for afterwards by the caller.
 */
export async function waitForRestore(
  client: ServerlessClient,
  namespace: string,
  o: RestoreWaitOptions,
): Promise<void> {
  const { GetNamespaceCommand } = await import('@aws-sdk/client-redshift-serverless')
  const now = o.now ?? Date.now
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  const started = now()
  const s = (ms: number) => `${Math.round(ms / 1000)} s`
  let left = o.initialStatus !== undefined && o.initialStatus !== 'AVAILABLE'
  for (;;) {
    const out = await client.send(new GetNamespaceCommand({ namespaceName: namespace }))
    const status = String(out?.namespace?.status ?? 'UNKNOWN')
    o.onNamespaceStatus?.(namespace, status)
    if (status !== 'AVAILABLE') left = true
    else if (left) return
    const deadline = started + (left ? o.timeoutMs : o.startTimeoutMs)
    if (now() + o.pollMs > deadline)
      throw new RestoreWaitError(
        left
          ? `namespace ${namespace} is still ${status} ${s(o.timeoutMs)} after RestoreFromSnapshot; check the restore in the console, then run rsp share (datashares are re-applied once it is AVAILABLE)`
          : `namespace ${namespace} still shows AVAILABLE ${s(o.startTimeoutMs)} after RestoreFromSnapshot, so the restore was not seen to start; nothing was re-shared. Check the namespace in the console (a restore shows MODIFYING), then run rsp share when it has finished`,
        namespace,
      )
    await sleep(o.pollMs)
  }
}
