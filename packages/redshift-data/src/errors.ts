/**
 * Error classes of the Redshift Data API dialect. They carry data (`code`, the statement id,
 * the SQL, the field at fault) and never print: only the CLI turns them into messages and exit
 * codes.
 *
 * @example
 * ```ts
 * try {
 *   await db.selectFrom('missing').selectAll().execute()
 * } catch (error) {
 *   if (error instanceof DataApiStatementError) console.error(error.statementId, error.serverMessage)
 * }
 * ```
 */
export type RedshiftDataErrorCode =
  | 'INVALID_CONFIG'
  | 'INVALID_PARAMETER'
  | 'INVALID_BATCH'
  | 'SQL_TOO_LARGE'
  | 'SDK_NOT_FOUND'
  | 'STATEMENT_FAILED'
  | 'STATEMENT_ABORTED'
  | 'STATEMENT_TIMEOUT'
  | 'REQUEST_FAILED'
  | 'MIGRATION_LOCK_TIMEOUT'

/** Base class: every error this package throws is a `RedshiftDataError` with a `code`. */
export class RedshiftDataError extends Error {
  override name = 'RedshiftDataError'
  readonly code: RedshiftDataErrorCode

  constructor(code: RedshiftDataErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
  }
}

/**
 * Bad input found before anything was sent: a config field, a parameter value, a batch or a
 * SQL text over the service's limit. `field` names what is wrong and `value` holds it.
 */
export class DataApiInputError extends RedshiftDataError {
  override name = 'DataApiInputError'
  readonly field: string
  readonly value: unknown

  constructor(
    code: Extract<
      RedshiftDataErrorCode,
      'INVALID_CONFIG' | 'INVALID_PARAMETER' | 'INVALID_BATCH' | 'SQL_TOO_LARGE' | 'SDK_NOT_FOUND'
    >,
    field: string,
    value: unknown,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options)
    this.field = field
    this.value = value
  }
}

/** Status of a statement as DescribeStatement reports it. */
export type StatementStatus = 'SUBMITTED' | 'PICKED' | 'STARTED' | 'FINISHED' | 'ABORTED' | 'FAILED'

/**
 * The warehouse ran the statement and it ended FAILED (an SQL error) or ABORTED (cancelled).
 * Never retried: re-running a failing statement cannot help.
 */
export class DataApiStatementError extends RedshiftDataError {
  override name = 'DataApiStatementError'
  readonly statementId: string
  readonly sql: string
  readonly status: StatementStatus
  /** The server's own message, e.g. `ERROR: relation "x" does not exist`. */
  readonly serverMessage: string
  /** For a batch: the id (`<id>:<n>`) and 1-based index of the sub-statement that failed. */
  readonly subStatementId: string | undefined

  constructor(data: {
    statementId: string
    sql: string
    status: StatementStatus
    serverMessage: string
    subStatementId?: string | undefined
  }) {
    super(
      data.status === 'ABORTED' ? 'STATEMENT_ABORTED' : 'STATEMENT_FAILED',
      `Redshift Data API statement ${data.subStatementId ?? data.statementId} ended ${data.status}: ${data.serverMessage}`,
    )
    this.statementId = data.statementId
    this.sql = data.sql
    this.status = data.status
    this.serverMessage = data.serverMessage
    this.subStatementId = data.subStatementId
  }
}

/** The statement did not finish within `timeoutMs`; it was cancelled with CancelStatement. */
export class DataApiTimeoutError extends RedshiftDataError {
  override name = 'DataApiTimeoutError'
  readonly statementId: string
  readonly sql: string
  readonly timeoutMs: number
  /** Whether CancelStatement was accepted (false: the cancel request itself failed). */
  readonly cancelled: boolean

  constructor(data: {
    statementId: string
    sql: string
    timeoutMs: number
    cancelled: boolean
    cause?: unknown
  }) {
    super(
      'STATEMENT_TIMEOUT',
      `Redshift Data API statement ${data.statementId} did not finish within ${data.timeoutMs} ms and was ${data.cancelled ? 'cancelled' : 'not cancelled (CancelStatement failed)'}; raise timeoutMs if the query is expected to take longer`,
      { cause: data.cause },
    )
    this.statementId = data.statementId
    this.sql = data.sql
    this.timeoutMs = data.timeoutMs
    this.cancelled = data.cancelled
  }
}

/**
 * A Data API request failed and was not retried, or kept failing after every retry
 * (throttling, 5xx, ActiveStatementsExceededException). `serviceCode` is the SDK error's name.
 */
export class DataApiRequestError extends RedshiftDataError {
  override name = 'DataApiRequestError'
  readonly command: string
  readonly attempts: number
  readonly serviceCode: string
  readonly retryable: boolean

  constructor(data: {
    command: string
    attempts: number
    serviceCode: string
    retryable: boolean
    cause: unknown
  }) {
    const detail = data.cause instanceof Error ? data.cause.message : String(data.cause)
    super(
      'REQUEST_FAILED',
      `Redshift Data API ${data.command} failed with ${data.serviceCode} after ${data.attempts} attempt(s): ${detail}`,
      { cause: data.cause },
    )
    this.command = data.command
    this.attempts = data.attempts
    this.serviceCode = data.serviceCode
    this.retryable = data.retryable
  }
}
