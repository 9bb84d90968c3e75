import type { AwsInput } from '../aws/aws-input.js'
import type { DataPlaneInput } from '../checks/data-plane/data-plane-input.js'
import type { DiagnosticsConfig } from '../config/diagnostics-config.js'
import type { AwsLimits } from '../facts/aws-limits.js'
import type { StatusHistory } from '../runner/status-history.js'

/** How a finding affects health: `fail` breaks, `warn` degrades, `ok` is healthy, `skip` was not checked. */
export type Severity = 'ok' | 'warn' | 'fail' | 'skip'

/** The check groups, in the order they usually run. */
export type CheckGroup = 'config' | 'control-plane' | 'load-balancer' | 'data-plane'

/** A JSON-friendly value for evidence. */
export type EvidenceValue =
  | string
  | number
  | boolean
  | null
  | readonly EvidenceValue[]
  | { readonly [key: string]: EvidenceValue }

/**
 * One result of a check, as a value (cdk-nag style): what was seen, how bad it is, and what
 * to do about it.
 */
export interface Finding {
  readonly severity: Severity
  /** One line saying what was found, naming the resource. */
  readonly message: string
  /** The facts behind the verdict (API fields, counts, SQL errors), JSON-friendly. */
  readonly evidence: { readonly [key: string]: EvidenceValue }
  /** What to do; empty for `ok`. */
  readonly remediation: string
  /** The resource the finding is about (workgroup, subnet, table …), when there is one. */
  readonly resource?: string
}

/**
 * A health check. `run` returns findings as values and should never throw for problems it
 * detects; a throw or a hang is caught by the runner and reported as a `fail` finding.
 *
 * @example
 * const check: Check = {
 *   id: 'config/example', title: 'Example', group: 'config',
 *   async run(ctx) { return [ok('fine', {})] },
 * }
 */
export interface Check {
  /** Stable id, `<group>/<name>`. */
  readonly id: string
  readonly title: string
  readonly group: CheckGroup
  run(ctx: CheckContext): Promise<readonly Finding[]>
}

/** What the caller (the CLI) gives a run: any subset; checks without their inputs report `skip`. */
export interface DiagnosticsInput {
  /** The deployment's configuration (offline `config` group; names for the AWS groups). */
  readonly config?: DiagnosticsConfig
  /** AWS SDK clients and deployment outputs (control-plane and load-balancer groups). */
  readonly aws?: AwsInput
  /** Kysely instances and the expected datashare (data-plane group). */
  readonly dataPlane?: DataPlaneInput
  /** Overrides of {@link AwsLimits} values. */
  readonly limits?: Partial<AwsLimits>
}

/** What a check receives: the input plus run services. */
export interface CheckContext extends DiagnosticsInput {
  readonly limits: AwsLimits
  /** Aborted when the check times out or the run is cancelled. */
  readonly signal: AbortSignal
  /** The run's clock. */
  readonly now: () => Date
  /** Remembers since when a resource has shown a status (for "stuck in MODIFYING"). */
  readonly history: StatusHistory
  /**
   * Per-run memo: checks that need the same AWS response share one call.
   * `memo(key, load)` returns the first promise made for `key`.
   */
  memo<T>(key: string, load: () => Promise<T>): Promise<T>
}
