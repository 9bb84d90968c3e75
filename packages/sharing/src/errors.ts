import type { StatementOutcome } from './apply/apply-plan.js'

/** Stable reasons a {@link SharingError} carries, for the CLI to map to messages and exit codes. */
export type SharingErrorCode =
  | 'DESIRED_STATE_INVALID'
  | 'NAMESPACE_INVALID'
  | 'ACCOUNT_INVALID'
  | 'PLACEHOLDER_INVALID'
  | 'DUPLICATE'
  | 'UNKNOWN_TABLE'
  | 'UNKNOWN_COLUMN'
  | 'UNKNOWN_CONSUMER'
  | 'UNKNOWN_SCHEMA'
  | 'POLICY_NEEDS_PERMISSIONS'
  | 'POLICY_NOT_UNIFORM'
  | 'NOT_SHAREABLE'
  | 'UNSUPPORTED_ACTION'
  | 'LOCAL_NAME_TOO_LONG'
  | 'PLACEHOLDER_NOT_APPLICABLE'
  | 'MISSING_CONNECTION'
  | 'STATEMENT_FAILED'
  | 'STATE_READ_FAILED'
  | 'SHARE_NOT_VISIBLE'
  | 'NOTHING_TO_SHARE'

/**
 * The base error of this package. It carries data and never prints: only the CLI turns it
 * into a message and an exit code. Identifier problems surface as the schema package's
 * `IdentifierError` (same `code`/`field`/`value` shape).
 */
export class SharingError extends Error {
  override readonly name: string = 'SharingError'
  /** Stable machine-readable reason. */
  readonly code: SharingErrorCode
  /** The input field (desired-state path, option) that held the bad value, when one did. */
  readonly field: string | undefined
  /** The offending value, as given. */
  readonly value: unknown

  constructor(
    code: SharingErrorCode,
    message: string,
    details: { readonly field?: string; readonly value?: unknown; readonly cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.code = code
    this.field = details.field
    this.value = details.value
  }
}

/**
 * The desired state broke a rule (format, duplicate, unknown table …): `field` is its path in
 * the input, e.g. `consumers[1].namespace`, and the message says how to fix it.
 *
 * @example
 * try { defineDatashare(spec) } catch (e) {
 *   if (e instanceof DesiredStateError) console.error(e.field, e.value, e.message)
 * }
 */
export class DesiredStateError extends SharingError {
  override readonly name: string = 'DesiredStateError'
}

/**
 * A statement failed while applying a plan (or a state query failed while reading): carries
 * the statement, the side it ran on, the server's message and SQLSTATE when it gave them, and
 * the original error as `cause`. Nothing after the failing statement was run.
 */
export class ApplyError extends SharingError {
  override readonly name: string = 'ApplyError'
  /** The SQL that failed. */
  readonly statement: string | undefined
  /** `'producer'` or `'consumer:<name>'`. */
  readonly side: string | undefined
  /** The server's own message, when the failure came from the server. */
  readonly serverMessage: string | undefined
  /** SQLSTATE (e.g. `42501` insufficient privilege), when the driver exposed one. */
  readonly sqlState: string | undefined
  /** What ran before the failure (applied statements), then the failed one. */
  readonly outcomes: readonly StatementOutcome[]

  constructor(
    code: SharingErrorCode,
    message: string,
    details: {
      readonly statement?: string
      readonly side?: string
      readonly cause?: unknown
      readonly field?: string
      readonly value?: unknown
      readonly outcomes?: readonly StatementOutcome[]
    } = {},
  ) {
    super(code, message, details)
    this.outcomes = details.outcomes ?? []
    this.statement = details.statement
    this.side = details.side
    const cause = details.cause as { message?: unknown; code?: unknown } | undefined
    this.serverMessage = typeof cause?.message === 'string' ? cause.message : undefined
    this.sqlState =
      typeof cause?.code === 'string' && /^[0-9A-Z]{5}$/.test(cause.code) ? cause.code : undefined
  }
}
