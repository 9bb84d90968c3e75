import type { ResolvedDialectConfig } from '../dialect/redshift-data-dialect-config.js'
import {
  DataApiAbortError,
  DataApiInputError,
  DataApiRequestError,
  DataApiResultError,
  DataApiStatementError,
  DataApiTimeoutError,
  type StatementPhase,
  type StatementStatus,
} from '../errors.js'
import { DATA_API_LIMITS } from '../limits.js'
import type { DataApiCommands } from './commands.js'
import { csvFields, isHeader, parseCsv } from './csv-records.js'
import { Scope, ScopeStop } from './deadline.js'
import { type ColumnInfo, type DataApiField, mapRecords } from './field-mapping.js'
import type { SqlParameter } from './parameters.js'
import { pollDelay } from './polling.js'
import { withRetry } from './retry.js'

/** One statement to run. `sessionId` continues a session; `keepAliveSeconds` opens one. */
export interface RunRequest {
  readonly sql: string
  readonly parameters?: readonly SqlParameter[]
  readonly sessionId?: string | undefined
  readonly keepAliveSeconds?: number | undefined
  /**
   * Whether the caller reads `resultRows` of a statement without a result set (a DML's
   * affected rows). Only DescribeStatement says it: when ExecuteStatement's wait answers
   * FINISHED without a result set, it is still described unless this is false. @default true
   */
  readonly rowCount?: boolean | undefined
}

/**
 * A finished statement. `resultRows` is -1 when the service does not know, or when it was not
 * asked (ExecuteStatement's wait answered FINISHED, so no DescribeStatement was sent).
 */
export interface StatementOutcome {
  readonly statementId: string
  readonly sessionId: string | undefined
  readonly hasResultSet: boolean
  readonly resultRows: number
  readonly polls: number
  readonly subStatements: readonly SubStatementOutcome[]
}

export interface SubStatementOutcome {
  readonly id: string
  readonly sql: string
  readonly status: string
  readonly hasResultSet: boolean
  readonly resultRows: number
}

/** One page of GetStatementResult, mapped to rows. */
export interface ResultPage {
  readonly rows: Record<string, unknown>[]
  readonly columns: readonly ColumnInfo[]
  readonly totalRows: number | undefined
}

interface DescribeResponse {
  readonly Id?: string
  readonly Status?: string
  readonly Error?: string
  readonly HasResultSet?: boolean
  readonly ResultRows?: number
  readonly SubStatements?: readonly {
    readonly Id?: string
    readonly Status?: string
    readonly Error?: string
    readonly QueryString?: string
    readonly HasResultSet?: boolean
    readonly ResultRows?: number
  }[]
}

// biome-ignore lint/suspicious/noExplicitAny: command inputs are the SDK's, built untyped here.
type CommandClass = new (input: any) => unknown
// biome-ignore lint/suspicious/noExplicitAny: SDK responses are typed structurally where read.
type SdkResponse = any

const TERMINAL = new Set(['FINISHED', 'FAILED', 'ABORTED'])
/**
 * Time kept between the end of ExecuteStatement's wait and the deadline, so that its answer
 * (and the statement id a CancelStatement needs) arrives before the deadline stops the request.
 */
const WAIT_MARGIN_MS = 1000
const encoder = new TextEncoder()

/** Checks the SQL text against the service's size limit before anything is sent. */
export function assertSqlSize(sql: string, field: string): void {
  if (typeof sql !== 'string' || sql.trim().length === 0)
    throw new DataApiInputError('INVALID_PARAMETER', `${field} is empty; pass SQL text`, {
      field,
      value: sql,
    })
  const bytes = encoder.encode(sql).length
  if (bytes > DATA_API_LIMITS.maxSqlBytes)
    throw new DataApiInputError(
      'SQL_TOO_LARGE',
      `${field} is ${bytes} bytes, over the Data API's ${DATA_API_LIMITS.maxSqlBytes}-byte limit; split it into several statements or load the data with COPY`,
      { field, value: bytes },
    )
}

/**
 * The `WaitTimeSeconds` to send for a statement whose scope has `remainingMs` left: the
 * configured seconds, at most the whole seconds that end {@link WAIT_MARGIN_MS} before the
 * deadline; undefined (no wait) when none is configured or less than a second would be left.
 */
export function waitTimeFor(
  configured: number | undefined,
  remainingMs: number,
): number | undefined {
  if (configured === undefined) return undefined
  const seconds = Math.min(configured, Math.floor((remainingMs - WAIT_MARGIN_MS) / 1000))
  return seconds >= 1 ? seconds : undefined
}

/** What ExecuteStatement / BatchExecuteStatement said of the statement after its wait. */
interface Submitted {
  readonly status: string | undefined
  readonly hasResultSet: boolean | undefined
  /** Whether a FINISHED answer is enough, without DescribeStatement (see {@link RunRequest.rowCount}). */
  readonly enough: boolean
}

/** How to read a finished statement's result. */
export interface PagesOptions {
  /**
   * The statement's scope (its deadline and signal) when the whole result is read for one
   * call; without one, each page read gets `timeoutMs` of its own (streams).
   */
  readonly scope?: Scope | undefined
  /** The caller's signal for page reads without a scope. */
  readonly signal?: AbortSignal | undefined
  /** The statement's SQL, for errors. */
  readonly sql?: string | undefined
}

/**
 * Runs statements through the Data API: ExecuteStatement (or BatchExecuteStatement), with
 * `WaitTimeSeconds` when configured, then (unless its answer already said FINISHED)
 * DescribeStatement with growing intervals until a terminal status, then GetStatementResult
 * (V2 for CSV) page by page. Every request goes through the retry policy and carries an
 * `abortSignal`; one {@link Scope} per statement bounds them all by its deadline and the
 * caller's signal. A statement left running (deadline, abort, polling failed for good) is
 * cancelled with CancelStatement, best effort, before the error is thrown.
 */
export class StatementRunner {
  readonly #config: ResolvedDialectConfig
  readonly #commands: DataApiCommands

  constructor(config: ResolvedDialectConfig, commands: DataApiCommands) {
    this.#config = config
    this.#commands = commands
  }

  get config(): ResolvedDialectConfig {
    return this.#config
  }

  /** Starts a statement's clock: `timeoutMs` from now, and the dialect's and `signal`'s aborts. */
  scope(signal?: AbortSignal): Scope {
    return new Scope(this.#config.timeoutMs, [this.#config.signal, signal])
  }

  async #send(
    name: string,
    Command: CommandClass,
    input: object,
    scope: Scope,
  ): Promise<SdkResponse> {
    const { client, retry, logger } = this.#config
    return withRetry(
      name,
      retry,
      () => scope.run((abortSignal) => client.send(new Command(input), { abortSignal })),
      logger ? (info) => logger({ kind: 'retry', ...info }) : undefined,
      (ms) => scope.sleep(ms),
    )
  }

  #targetInput(sessionId: string | undefined): Record<string, unknown> {
    // A statement in a session names only the session: the service rejects a target with it.
    const input: Record<string, unknown> = sessionId
      ? { SessionId: sessionId }
      : { ...this.#config.target }
    if (this.#config.statementName) input.StatementName = this.#config.statementName
    if (this.#config.resultFormat === 'CSV') input.ResultFormat = 'CSV'
    // The same token on every retry makes a retried ExecuteStatement idempotent.
    input.ClientToken = globalThis.crypto.randomUUID()
    return input
  }

  /** Runs one statement to completion (FINISHED), or throws. `scope` defaults to a new one. */
  async execute(request: RunRequest, scope?: Scope): Promise<StatementOutcome> {
    assertSqlSize(request.sql, 'sql')
    const input = this.#targetInput(request.sessionId)
    input.Sql = request.sql
    if (request.parameters && request.parameters.length > 0) input.Parameters = request.parameters
    if (request.keepAliveSeconds !== undefined && !request.sessionId)
      input.SessionKeepAliveSeconds = request.keepAliveSeconds
    const started = Date.now()
    const s = scope ?? this.scope()
    const response = await this.#submit(
      'ExecuteStatement',
      this.#commands.ExecuteStatementCommand,
      input,
      request.sql,
      s,
    )
    const statementId = String(response.Id)
    const sessionId: string | undefined = response.SessionId ?? request.sessionId
    // A statement with a result set needs nothing DescribeStatement adds; one without needs
    // it only for its row count.
    const enough = response.HasResultSet === true || request.rowCount === false
    return this.#wait(statementId, request.sql, started, sessionId, s, submitted(response, enough))
  }

  /** Runs up to 40 statements in one transaction (BatchExecuteStatement). */
  async batch(
    sqls: readonly string[],
    sessionId?: string,
    keepAliveSeconds?: number,
    scope?: Scope,
  ): Promise<StatementOutcome> {
    const input = this.#targetInput(sessionId)
    input.Sqls = sqls
    if (keepAliveSeconds !== undefined && !sessionId)
      input.SessionKeepAliveSeconds = keepAliveSeconds
    const sql = sqls.join(';\n')
    const started = Date.now()
    const s = scope ?? this.scope()
    const response = await this.#submit(
      'BatchExecuteStatement',
      this.#commands.BatchExecuteStatementCommand,
      input,
      sql,
      s,
    )
    const statementId = String(response.Id)
    // A batch is always described: its sub-statements (ids, result sets, rows) come from there.
    const known = submitted(response, false)
    return this.#wait(statementId, sql, started, response.SessionId ?? sessionId, s, known)
  }

  /** Sends ExecuteStatement / BatchExecuteStatement; no statement id is known until it answers. */
  async #submit(
    name: string,
    Command: CommandClass,
    input: object,
    sql: string,
    scope: Scope,
  ): Promise<SdkResponse> {
    // Asked once: the retries of one submission repeat its ClientToken, so its input too.
    const wait = waitTimeFor(this.#config.waitTimeSeconds, scope.remaining())
    const sent = wait === undefined ? input : { ...input, WaitTimeSeconds: wait }
    try {
      return await this.#send(name, Command, sent, scope)
    } catch (error) {
      if (error instanceof ScopeStop) throw this.#stopped(error, undefined, sql, 'submit', false)
      throw error
    }
  }

  async #wait(
    statementId: string,
    sql: string,
    started: number,
    sessionId: string | undefined,
    scope: Scope,
    known: Submitted,
  ): Promise<StatementOutcome> {
    const { polling, logger } = this.#config
    if (known.status === 'FINISHED' && known.hasResultSet !== undefined && known.enough) {
      logger?.({
        kind: 'statement',
        statementId,
        sql,
        status: 'FINISHED',
        durationMs: Date.now() - started,
        polls: 0,
        resultRows: -1,
        sessionId,
      })
      return {
        statementId,
        sessionId,
        hasResultSet: known.hasResultSet,
        resultRows: -1,
        polls: 0,
        subStatements: [],
      }
    }
    // Already ended (the wait saw it): describe it at once, for its error text or its rows.
    const ended = known.status !== undefined && TERMINAL.has(known.status)
    for (let polls = 0; ; ) {
      let describe: DescribeResponse
      try {
        if (!(ended && polls === 0)) await scope.sleep(pollDelay(polls, polling))
        describe = await this.#send(
          'DescribeStatement',
          this.#commands.DescribeStatementCommand,
          { Id: statementId },
          scope,
        )
      } catch (error) {
        throw await this.#giveUp(error, statementId, sql)
      }
      polls++
      const status = describe.Status ?? 'SUBMITTED'
      if (!TERMINAL.has(status)) continue
      logger?.({
        kind: 'statement',
        statementId,
        sql,
        status,
        durationMs: Date.now() - started,
        polls,
        resultRows: describe.ResultRows ?? -1,
        sessionId,
      })
      if (status !== 'FINISHED') throw statementError(statementId, sql, status, describe)
      return {
        statementId,
        sessionId,
        hasResultSet: describe.HasResultSet === true,
        resultRows: describe.ResultRows ?? -1,
        polls,
        subStatements: (describe.SubStatements ?? []).map((s) => ({
          id: String(s.Id),
          sql: s.QueryString ?? '',
          status: s.Status ?? 'FINISHED',
          hasResultSet: s.HasResultSet === true,
          resultRows: s.ResultRows ?? -1,
        })),
      }
    }
  }

  /**
   * Polling stopped while the statement may still run: the deadline passed, the caller
   * aborted, or DescribeStatement failed for good. Cancels it (best effort), then returns the
   * error to throw.
   */
  async #giveUp(error: unknown, statementId: string, sql: string): Promise<unknown> {
    if (error instanceof ScopeStop) {
      const cancel = await this.#cancel(
        statementId,
        sql,
        error.reason === 'abort' ? 'abort' : 'timeout',
      )
      return this.#stopped(error, statementId, sql, 'run', cancel.cancelled, cancel.error)
    }
    if (error instanceof DataApiRequestError) {
      const cancel = await this.#cancel(statementId, sql, 'error')
      return requestError(error, statementId, cancel.cancelled)
    }
    return error
  }

  /** The error of a stopped scope: a timeout, or the caller's abort. */
  #stopped(
    stop: ScopeStop,
    statementId: string | undefined,
    sql: string,
    phase: StatementPhase,
    cancelled: boolean,
    cancelError?: unknown,
  ): DataApiTimeoutError | DataApiAbortError {
    if (stop.reason === 'abort')
      return new DataApiAbortError({ statementId, sql, phase, cancelled, cause: stop.abortReason })
    return new DataApiTimeoutError({
      statementId,
      sql,
      timeoutMs: this.#config.timeoutMs,
      phase,
      cancelled,
      cause: cancelError ?? stop.lastError,
    })
  }

  /**
   * CancelStatement with its own budget (`cancelTimeoutMs`, not the caller's signal: the
   * caller has given up, the statement should not run on). Never throws.
   */
  async #cancel(
    statementId: string,
    sql: string,
    reason: 'timeout' | 'abort' | 'error',
  ): Promise<{ cancelled: boolean; error: unknown }> {
    let cancelled = false
    let error: unknown
    try {
      const response = await this.#send(
        'CancelStatement',
        this.#commands.CancelStatementCommand,
        { Id: statementId },
        new Scope(this.#config.cancelTimeoutMs),
      )
      cancelled = response?.Status !== false
    } catch (e) {
      error =
        e instanceof ScopeStop
          ? (e.lastError ??
            new Error(`CancelStatement did not answer within ${this.#config.cancelTimeoutMs} ms`))
          : e
    }
    this.#config.logger?.({ kind: 'cancel', statementId, sql, cancelled, reason })
    return { cancelled, error }
  }

  /**
   * Yields the result of a finished statement (or sub-statement id `<id>:<n>`) page by page.
   * A NextToken seen before ends paging with a {@link DataApiResultError}.
   */
  async *pages(statementId: string, options: PagesOptions = {}): AsyncGenerator<ResultPage> {
    const csv = this.#config.resultFormat === 'CSV'
    const Command = csv
      ? this.#commands.GetStatementResultV2Command
      : this.#commands.GetStatementResultCommand
    if (!Command)
      throw new DataApiInputError(
        'INVALID_CONFIG',
        "resultFormat 'CSV' reads results with GetStatementResultV2: pass its command class in commands, or use a version of @aws-sdk/client-redshift-data that has it",
        { field: 'commands.GetStatementResultV2Command', value: undefined },
      )
    const name = csv ? 'GetStatementResultV2' : 'GetStatementResult'
    const mapping = { int8: this.#config.int8, statementId }
    const seen = new Set<string>()
    let nextToken: string | undefined
    let columns: readonly ColumnInfo[] = []
    let read = 0
    do {
      const input: Record<string, unknown> = { Id: statementId }
      if (nextToken) input.NextToken = nextToken
      let response: SdkResponse
      try {
        response = await this.#send(
          name,
          Command,
          input,
          options.scope ?? this.scope(options.signal),
        )
      } catch (error) {
        if (error instanceof ScopeStop)
          throw this.#stopped(error, statementId, options.sql ?? '', 'result', false)
        if (error instanceof DataApiRequestError) throw requestError(error, statementId, undefined)
        throw error
      }
      // ColumnMetadata comes with the first page; later pages may omit it.
      if (response.ColumnMetadata && response.ColumnMetadata.length > 0)
        columns = response.ColumnMetadata
      const token: string | undefined = response.NextToken || undefined
      if (token !== undefined) {
        // The token just sent is in `seen` too: a page naming itself as the next one repeats.
        if (seen.has(token))
          throw new DataApiResultError('NEXT_TOKEN_REPEATED', { statementId, nextToken: token })
        seen.add(token)
      }
      let records: DataApiField[][]
      if (csv) {
        let parsed = ((response.Records ?? []) as { CSVRecords?: string }[]).flatMap((r) =>
          parseCsv(r.CSVRecords ?? ''),
        )
        const page = { readBefore: read, totalRows: response.TotalNumRows, last: !token }
        if (isHeader(parsed, columns, page)) parsed = parsed.slice(1)
        records = csvFields(parsed)
      } else records = (response.Records ?? []) as DataApiField[][]
      const rows = mapRecords(records, columns, mapping)
      read += rows.length
      yield { rows, columns, totalRows: response.TotalNumRows }
      nextToken = token
    } while (nextToken)
  }

  /** All rows of a finished statement. */
  async rows(statementId: string, options: PagesOptions = {}): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = []
    for await (const page of this.pages(statementId, options))
      for (const row of page.rows) rows.push(row)
    return rows
  }
}

/** The status ExecuteStatement / BatchExecuteStatement answered (newer API, after a wait). */
function submitted(response: SdkResponse, enough: boolean): Submitted {
  return {
    status: typeof response?.Status === 'string' ? response.Status : undefined,
    hasResultSet: typeof response?.HasResultSet === 'boolean' ? response.HasResultSet : undefined,
    enough,
  }
}

/** The same request error, now naming its statement (and the cancel sent for it). */
function requestError(
  error: DataApiRequestError,
  statementId: string,
  cancelled: boolean | undefined,
): DataApiRequestError {
  return new DataApiRequestError({
    command: error.command,
    attempts: error.attempts,
    serviceCode: error.serviceCode,
    retryable: error.retryable,
    cause: error.cause,
    statementId,
    cancelled,
  })
}

function statementError(
  statementId: string,
  sql: string,
  status: string,
  describe: DescribeResponse,
): DataApiStatementError {
  const failed = describe.SubStatements?.find(
    (s) => s.Status === 'FAILED' || s.Status === 'ABORTED',
  )
  return new DataApiStatementError({
    statementId,
    sql: failed?.QueryString ?? sql,
    status: status as StatementStatus,
    serverMessage: describe.Error ?? failed?.Error ?? `statement ended ${status} without a message`,
    subStatementId: failed?.Id,
  })
}
