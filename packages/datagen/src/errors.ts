/** What went wrong, for the CLI to map to a message and an exit code. */
export type DatagenErrorCode =
  | 'INVALID_OPTION'
  | 'WORKER_FAILED'
  | 'LOAD_FAILED'
  | 'SINK_FAILED'
  | 'MISSING_TABLE'
  | 'DAY_OUTSIDE_CALENDAR'
  | 'PRODUCER_MISMATCH'
  | 'BATCH_FAILED'

/**
 * The one error class of the package. It carries data (`code`, `field`, `value`) and the
 * underlying `cause`; it never prints.
 *
 * @example
 * try { createPlan({ scale: -1 }) } catch (e) { if (e instanceof DatagenError) e.field // 'scale' }
 */
export class DatagenError extends Error {
  readonly code: DatagenErrorCode
  readonly field: string | undefined
  readonly value: unknown

  constructor(
    code: DatagenErrorCode,
    message: string,
    details: { field?: string; value?: unknown; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.name = 'DatagenError'
    this.code = code
    this.field = details.field
    this.value = details.value
  }
}

/** Throws an INVALID_OPTION error naming the field, the value and the fix. */
export function invalidOption(field: string, value: unknown, fix: string): never {
  throw new DatagenError(
    'INVALID_OPTION',
    `Invalid datagen option ${field}: ${JSON.stringify(value)}. ${fix}`,
    { field, value },
  )
}
