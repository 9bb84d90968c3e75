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
  | 'CALLER_ABORTED'
  | 'REQUEST_FAILED'
  | 'NEXT_TOKEN_REPEATED'
  | 'INT8_PRECISION_LOST'
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
 *
 * @example
 * ```ts
 * // (code, message, { field, value, cause }) like every error class of the monorepo
 * throw new DataApiInputError('INVALID_PARAMETER', 'Parameter :day is an invalid Date', {
 *   field: 'day',
 *   value: day,
 * })
 * ```
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
    message: string,
    details: { readonly field: string; readonly value: unknown; readonly cause?: unknown },
  ) {
    super(code, message, details.cause === undefined ? undefined : { cause: details.cause })
    this.field = details.field
    this.value = details.value
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

/**
 * Where a statement was when its deadline passed or its caller aborted: `submit` (the
 * ExecuteStatement request had not answered, so there is no statement id; the service may
 * still have created the statement), `run` (it was running: CancelStatement was sent) or
 * `result` (it had finished; reading its result did not complete).
 */
export type StatementPhase = 'submit' | 'run' | 'result'

/**
 * The statement did not get through within `timeoutMs`, counted from its submission and
 * covering retries, backoff and polling. A running statement was cancelled with
 * CancelStatement (best effort: `cancelled` says whether the service accepted it).
 */
export class DataApiTimeoutError extends RedshiftDataError {
  override name = 'DataApiTimeoutError'
  /** Undefined when the deadline passed before ExecuteStatement answered (`phase: 'submit'`). */
  readonly statementId: string | undefined
  readonly sql: string
  readonly timeoutMs: number
  readonly phase: StatementPhase
  /** Whether CancelStatement was accepted (false: not sent, or refused, or it failed). */
  readonly cancelled: boolean

  constructor(data: {
    statementId: string | undefined
    sql: string
    timeoutMs: number
    phase: StatementPhase
    cancelled: boolean
    cause?: unknown
  }) {
    const what =
      data.phase === 'submit'
        ? 'Redshift Data API ExecuteStatement did not answer'
        : data.phase === 'result'
          ? `The result of Redshift Data API statement ${data.statementId} was not read`
          : `Redshift Data API statement ${data.statementId} did not finish`
    const after =
      data.phase === 'run'
        ? ` and was ${data.cancelled ? 'cancelled' : 'not cancelled (CancelStatement was refused or failed)'}`
        : ''
    super(
      'STATEMENT_TIMEOUT',
      `${what} within ${data.timeoutMs} ms${after}; raise timeoutMs if the query is expected to take longer`,
      { cause: data.cause },
    )
    this.statementId = data.statementId
    this.sql = data.sql
    this.timeoutMs = data.timeoutMs
    this.phase = data.phase
    this.cancelled = data.cancelled
  }
}

/**
 * The caller aborted (the dialect's `signal`, or the `signal` of `streamQuery` / `batch`). A
 * running statement was cancelled with CancelStatement first (best effort). `cause` is the
 * signal's `reason`.
 */
export class DataApiAbortError extends RedshiftDataError {
  override name = 'DataApiAbortError'
  /** Undefined when the caller aborted before ExecuteStatement answered (`phase: 'submit'`). */
  readonly statementId: string | undefined
  readonly sql: string
  readonly phase: StatementPhase
  /** Whether CancelStatement was accepted (false: not sent, or refused, or it failed). */
  readonly cancelled: boolean

  constructor(data: {
    statementId: string | undefined
    sql: string
    phase: StatementPhase
    cancelled: boolean
    cause?: unknown
  }) {
    super(
      'CALLER_ABORTED',
      data.statementId === undefined
        ? 'Redshift Data API statement aborted by the caller before it was submitted'
        : `Redshift Data API statement ${data.statementId} aborted by the caller${data.phase === 'run' ? (data.cancelled ? ' and cancelled' : ' (CancelStatement was refused or failed)') : ''}`,
      { cause: data.cause },
    )
    this.statementId = data.statementId
    this.sql = data.sql
    this.phase = data.phase
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
  /** The statement the failed request was about (DescribeStatement, GetStatementResult, …). */
  readonly statementId: string | undefined
  /**
   * For a statement still running when polling failed for good: whether the CancelStatement
   * sent before this error was thrown was accepted. Undefined when no cancel was sent.
   */
  readonly cancelled: boolean | undefined

  constructor(data: {
    command: string
    attempts: number
    serviceCode: string
    retryable: boolean
    cause: unknown
    statementId?: string | undefined
    cancelled?: boolean | undefined
  }) {
    const detail = data.cause instanceof Error ? data.cause.message : String(data.cause)
    const about = data.statementId === undefined ? '' : ` for statement ${data.statementId}`
    const cancel =
      data.cancelled === undefined
        ? ''
        : data.cancelled
          ? '; the statement was cancelled'
          : '; CancelStatement was refused or failed'
    super(
      'REQUEST_FAILED',
      `Redshift Data API ${data.command}${about} failed with ${data.serviceCode} after ${data.attempts} attempt(s): ${detail}${cancel}`,
      { cause: data.cause },
    )
    this.command = data.command
    this.attempts = data.attempts
    this.serviceCode = data.serviceCode
    this.retryable = data.retryable
    this.statementId = data.statementId
    this.cancelled = data.cancelled
  }
}

/**
 * The result of a finished statement could not be read faithfully:
 * - `NEXT_TOKEN_REPEATED`: GetStatementResult returned a NextToken it had returned before
 *   (`nextToken`), so paging would never end;
 * - `INT8_PRECISION_LOST`: an int8 value (`column`) beyond ±2^53 came as a JSON number
 *   (`longValue`), whose digits JSON parsing rounds (`value` is what arrived); read such
 *   results with `resultFormat: 'CSV'`, cast the column to varchar, or use `int8: 'number'`.
 */
export class DataApiResultError extends RedshiftDataError {
  override name = 'DataApiResultError'
  readonly statementId: string
  readonly nextToken: string | undefined
  readonly column: string | undefined
  readonly value: unknown

  constructor(
    code: Extract<RedshiftDataErrorCode, 'NEXT_TOKEN_REPEATED' | 'INT8_PRECISION_LOST'>,
    data: { statementId: string; nextToken?: string; column?: string; value?: unknown },
  ) {
    super(
      code,
      code === 'NEXT_TOKEN_REPEATED'
        ? `Redshift Data API GetStatementResult for statement ${data.statementId} returned NextToken ${data.nextToken} a second time; paging stopped instead of looping`
        : `Column ${data.column} of Redshift Data API statement ${data.statementId} holds an int8 beyond 2^53 (received ${String(data.value)}), which the JSON result format cannot carry exactly; use resultFormat: 'CSV', cast it to varchar, or set int8: 'number' to accept the rounded value`,
    )
    this.statementId = data.statementId
    this.nextToken = data.nextToken
    this.column = data.column
    this.value = data.value
  }
}
