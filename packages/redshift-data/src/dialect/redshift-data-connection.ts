import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely'
import type { Scope } from '../data-api/deadline.js'
import { toSqlParameters } from '../data-api/parameters.js'
import type { StatementOutcome, StatementRunner } from '../data-api/statement-runner.js'

const DML_KINDS = new Set([
  'InsertQueryNode',
  'UpdateQueryNode',
  'DeleteQueryNode',
  'MergeQueryNode',
])
const DML_SQL_RE = /^\s*(insert|update|delete|merge|copy)\b/i

/**
 * One logical connection. Outside a transaction every statement runs on its own (the Data
 * API auto-commits); inside one, statements run in the Data API session opened by BEGIN, so
 * they share one database session and one transaction.
 */
export class RedshiftDataConnection implements DatabaseConnection {
  readonly #runner: StatementRunner
  #session: { id: string | undefined; failed: boolean } | undefined

  constructor(runner: StatementRunner) {
    this.#runner = runner
  }

  /** True while a transaction (a Data API session) is open on this connection. */
  get inTransaction(): boolean {
    return this.#session !== undefined
  }

  /** Whether a statement failed inside the open transaction (the server has aborted it). */
  get transactionFailed(): boolean {
    return this.#session?.failed === true
  }

  /** Opens a Data API session with `sql` (BEGIN …) as its first statement. */
  async begin(sql: string): Promise<void> {
    if (this.#session) throw new Error('RedshiftDataConnection: a transaction is already open')
    this.#session = { id: undefined, failed: false }
    try {
      await this.#run(sql, [], false)
    } catch (error) {
      this.#session = undefined
      throw error
    }
  }

  /** Runs COMMIT or ROLLBACK in the session and forgets it (the service expires it). */
  async end(sql: string): Promise<void> {
    try {
      if (this.#session?.id) await this.#run(sql, [], false)
    } finally {
      this.#session = undefined
    }
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    // One deadline from submission to the last row read.
    const scope = this.#runner.scope()
    const dml = isDml(compiledQuery)
    const outcome = await this.#run(compiledQuery.sql, compiledQuery.parameters, dml, scope)
    const rows = outcome.hasResultSet
      ? await this.#runner.rows(outcome.statementId, { scope, sql: compiledQuery.sql })
      : []
    if (dml && !outcome.hasResultSet && outcome.resultRows >= 0)
      return { rows: rows as R[], numAffectedRows: BigInt(outcome.resultRows) }
    return { rows: rows as R[] }
  }

  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize = 1000,
  ): AsyncIterableIterator<QueryResult<R>> {
    if (!Number.isInteger(chunkSize) || chunkSize <= 0)
      throw new Error(`chunkSize must be a positive integer, got ${chunkSize}`)
    const outcome = await this.#run(compiledQuery.sql, compiledQuery.parameters, false)
    if (!outcome.hasResultSet) return
    // Only one GetStatementResult page is held at a time, cut into chunks of `chunkSize`; each
    // page read has a deadline of its own (the consumer's pace is not the statement's).
    for await (const page of this.#runner.pages(outcome.statementId, { sql: compiledQuery.sql })) {
      for (let i = 0; i < page.rows.length; i += chunkSize)
        yield { rows: page.rows.slice(i, i + chunkSize) as R[] }
    }
  }

  async #run(
    sql: string,
    parameters: readonly unknown[],
    rowCount: boolean,
    scope?: Scope,
  ): Promise<StatementOutcome> {
    const session = this.#session
    const request = {
      sql,
      parameters: toSqlParameters(parameters),
      sessionId: session?.id,
      keepAliveSeconds: session ? this.#runner.config.sessionKeepAliveSeconds : undefined,
      rowCount,
    }
    try {
      const outcome = await this.#runner.execute(request, scope)
      if (session && !session.id) session.id = outcome.sessionId
      return outcome
    } catch (error) {
      if (session) session.failed = true
      throw error
    }
  }
}

function isDml(query: CompiledQuery): boolean {
  const kind = query.query.kind
  if (DML_KINDS.has(kind)) return true
  return kind === 'RawNode' && DML_SQL_RE.test(query.sql)
}
