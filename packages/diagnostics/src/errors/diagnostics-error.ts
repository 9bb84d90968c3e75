/** Stable reasons a diagnostics run could not start; the CLI maps them to messages and exit codes. */
export type DiagnosticsErrorCode =
  | 'INPUT_INVALID'
  | 'OPTION_INVALID'
  | 'MISSING_PEER_DEPENDENCY'
  | 'DUPLICATE_CHECK_ID'
  | 'PROBE_FAILED'

/**
 * The one error class of this package. It carries data and never prints: only the CLI turns
 * it into a message and an exit code. Problems *found* in a deployment are never errors: they
 * are {@link Finding} values.
 *
 * @example
 * try { await runChecks(allChecks, { config: { producer: 42 } as never }) }
 * catch (e) { if (e instanceof DiagnosticsError) console.error(e.code, e.field, e.value) }
 */
export class DiagnosticsError extends Error {
  override readonly name: string = 'DiagnosticsError'
  /** Stable machine-readable reason. */
  readonly code: DiagnosticsErrorCode
  /** The input field (path in the input or option name) that held the bad value. */
  readonly field: string
  /** The offending value, as given. */
  readonly value: unknown

  constructor(
    code: DiagnosticsErrorCode,
    message: string,
    details: { readonly field: string; readonly value: unknown; readonly cause?: unknown },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.code = code
    this.field = details.field
    this.value = details.value
  }
}
