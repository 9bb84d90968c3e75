import type { ResolvedDialectConfig } from '../dialect/redshift-data-dialect-config.js'
import {
  DataApiInputError,
  DataApiStatementError,
  DataApiTimeoutError,
  type StatementStatus,
} from '../errors.js'
import { DATA_API_LIMITS } from '../limits.js'
import type { DataApiCommands } from './commands.js'
import { type ColumnInfo, type DataApiField, mapRecords } from './field-mapping.js'
import type { SqlParameter } from './parameters.js'
import { pollDelay } from './polling.js'
import { sleep, withRetry } from './retry.js'

/** One statement to run. `sessionId` continues a session; `keepAliveSeconds` opens one. */
export interface RunRequest {
  readonly sql: string
  readonly parameters?: readonly SqlParameter[]
  readonly sessionId?: string | undefined
  readonly keepAliveSeconds?: number | undefined
}

/** A finished statement. `resultRows` is -1 when the service does not know. */
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

const TERMINAL = new Set(['FINISHED', 'FAILED', 'ABORTED'])
const encoder = new TextEncoder()

/** Checks the SQL text against the service's size limit before anything is sent. */
export function assertSqlSize(sql: string, field: string): void {
  if (typeof sql !== 'string' || sql.trim().length === 0)
    throw new DataApiInputError('INVALID_PARAMETER', field, sql, `${field} is empty; pass SQL text`)
  const bytes = encoder.encode(sql).length
  if (bytes > DATA_API_LIMITS.maxSqlBytes)
    throw new DataApiInputError(
      'SQL_TOO_LARGE',
      field,
      bytes,
      `${field} is ${bytes} bytes, over the Data API's ${DATA_API_LIMITS.maxSqlBytes}-byte limit; split it into several statements or load the data with COPY`,
    )
}

/**
 * Runs statements through the Data API: ExecuteStatement (or BatchExecuteStatement), then
 * DescribeStatement with growing intervals until a terminal status, then GetStatementResult
 * page by page. Every request goes through the retry policy; a timeout cancels the statement.
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

  // biome-ignore lint/suspicious/noExplicitAny: SDK responses are typed structurally where read.
  async #send(name: string, Command: new (input: any) => unknown, input: object): Promise<any> {
    const { client, retry, logger } = this.#config
    return withRetry(
      name,
      retry,
      () => client.send(new Command(input)),
      logger ? (info) => logger({ kind: 'retry', ...info }) : undefined,
    )
  }

  #targetInput(sessionId: string | undefined): Record<string, unknown> {
    // A statement in a session names only the session: the service rejects a target with it.
    const input: Record<string, unknown> = sessionId
      ? { SessionId: sessionId }
      : { ...this.#config.target }
    if (this.#config.statementName) input.StatementName = this.#config.statementName
    // The same token on every retry makes a retried ExecuteStatement idempotent.
    input.ClientToken = globalThis.crypto.randomUUID()
    return input
  }

  /** Runs one statement to completion (FINISHED), or throws. */
  async execute(request: RunRequest): Promise<StatementOutcome> {
    assertSqlSize(request.sql, 'sql')
    const input = this.#targetInput(request.sessionId)
    input.Sql = request.sql
    if (request.parameters && request.parameters.length > 0) input.Parameters = request.parameters
    if (request.keepAliveSeconds !== undefined && !request.sessionId)
      input.SessionKeepAliveSeconds = request.keepAliveSeconds
    const started = Date.now()
    const response = await this.#send(
      'ExecuteStatement',
      this.#commands.ExecuteStatementCommand,
      input,
    )
    const statementId = String(response.Id)
    const sessionId: string | undefined = response.SessionId ?? request.sessionId
    return this.#wait(statementId, request.sql, started, sessionId)
  }

  /** Runs up to 40 statements in one transaction (BatchExecuteStatement). */
  async batch(
    sqls: readonly string[],
    sessionId?: string,
    keepAliveSeconds?: number,
  ): Promise<StatementOutcome> {
    const input = this.#targetInput(sessionId)
    input.Sqls = sqls
    if (keepAliveSeconds !== undefined && !sessionId)
      input.SessionKeepAliveSeconds = keepAliveSeconds
    const started = Date.now()
    const response = await this.#send(
      'BatchExecuteStatement',
      this.#commands.BatchExecuteStatementCommand,
      input,
    )
    const statementId = String(response.Id)
    return this.#wait(statementId, sqls.join(';\n'), started, response.SessionId ?? sessionId)
  }

  async #wait(
    statementId: string,
    sql: string,
    started: number,
    sessionId: string | undefined,
  ): Promise<StatementOutcome> {
    const { polling, timeoutMs, logger } = this.#config
    const deadline = started + timeoutMs
    for (let polls = 0; ; ) {
      const remaining = deadline - Date.now()
      if (remaining <= 0) throw await this.#cancel(statementId, sql)
      await sleep(Math.min(pollDelay(polls, polling), remaining))
      const describe: DescribeResponse = await this.#send(
        'DescribeStatement',
        this.#commands.DescribeStatementCommand,
        { Id: statementId },
      )
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

  async #cancel(statementId: string, sql: string): Promise<DataApiTimeoutError> {
    let cancelled = false
    let cause: unknown
    try {
      const response = await this.#send('CancelStatement', this.#commands.CancelStatementCommand, {
        Id: statementId,
      })
      cancelled = response?.Status !== false
    } catch (error) {
      cause = error
    }
    this.#config.logger?.({ kind: 'cancel', statementId, sql, cancelled })
    return new DataApiTimeoutError({
      statementId,
      sql,
      timeoutMs: this.#config.timeoutMs,
      cancelled,
      cause,
    })
  }

  /** Yields the result of a finished statement (or sub-statement id `<id>:<n>`) page by page. */
  async *pages(statementId: string): AsyncGenerator<ResultPage> {
    let nextToken: string | undefined
    let columns: readonly ColumnInfo[] = []
    do {
      const input: Record<string, unknown> = { Id: statementId }
      if (nextToken) input.NextToken = nextToken
      const response = await this.#send(
        'GetStatementResult',
        this.#commands.GetStatementResultCommand,
        input,
      )
      // ColumnMetadata comes with the first page; later pages may omit it.
      if (response.ColumnMetadata && response.ColumnMetadata.length > 0)
        columns = response.ColumnMetadata
      const records = (response.Records ?? []) as DataApiField[][]
      yield {
        rows: mapRecords(records, columns, { int8: this.#config.int8 }),
        columns,
        totalRows: response.TotalNumRows,
      }
      nextToken = response.NextToken || undefined
    } while (nextToken)
  }

  /** All rows of a finished statement. */
  async rows(statementId: string): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = []
    for await (const page of this.pages(statementId)) for (const row of page.rows) rows.push(row)
    return rows
  }
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
