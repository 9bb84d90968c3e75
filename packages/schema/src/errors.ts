/** What went wrong, as a stable code the CLI can map to a message and an exit status. */
export type SchemaErrorCode =
  | 'IDENTIFIER_NOT_A_STRING'
  | 'IDENTIFIER_EMPTY'
  | 'IDENTIFIER_TOO_LONG'
  | 'IDENTIFIER_INVALID_START'
  | 'IDENTIFIER_INVALID_CHARACTER'
  | 'IDENTIFIER_UPPERCASE'
  | 'IDENTIFIER_RESERVED_WORD'
  | 'LITERAL_NOT_A_STRING'
  | 'LITERAL_NUL'
  | 'LITERAL_BACKSLASH'
  | 'LITERAL_LONE_SURROGATE'
  | 'MODEL_INVALID'
  | 'OPTION_INVALID'

/**
 * The one error class of this package (plus its identifier subclass). It carries data and
 * never prints: only the CLI turns it into a message and an exit code.
 *
 * Constructed like every error class of the monorepo: `new SchemaError(code, message,
 * { field, value, cause })`.
 *
 * @example
 * try { validateIdentifier('2fast', 'consumer.database') }
 * catch (e) { if (e instanceof SchemaError) console.error(e.code, e.field, e.value) }
 *
 * @example
 * throw new SchemaError('OPTION_INVALID', 'limit: expected a whole number from 1 to 100000, got 0.', {
 *   field: 'limit',
 *   value: 0,
 * })
 */
export class SchemaError extends Error {
  override readonly name: string = 'SchemaError'
  /** Stable machine-readable reason. */
  readonly code: SchemaErrorCode
  /** The input field (config path, option name, model path) that held the bad value. */
  readonly field: string
  /** The offending value, as given. */
  readonly value: unknown

  constructor(
    code: SchemaErrorCode,
    message: string,
    details: { readonly field: string; readonly value: unknown; readonly cause?: unknown },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.code = code
    this.field = details.field
    this.value = details.value
  }
}

/** An identifier (schema, table, column, role, database … name) broke Redshift's rules. */
export class IdentifierError extends SchemaError {
  override readonly name: string = 'IdentifierError'
}
