import type { CompiledQuery } from 'kysely'
import { loadCommands } from './data-api/commands.js'
import { assertSqlSize, StatementRunner } from './data-api/statement-runner.js'
import {
  type RedshiftDataDialectConfig,
  resolveDialectConfig,
} from './dialect/redshift-data-dialect-config.js'
import { DataApiInputError } from './errors.js'
import { DATA_API_LIMITS } from './limits.js'

/** A statement of a batch: SQL text, a compiled Kysely query, or a Kysely builder. */
export type BatchStatement = string | CompiledQuery | { compile(): CompiledQuery }

/** One sub-statement of a finished batch (`id` is `<batch id>:<n>`, n from 1). */
export interface BatchSubStatement {
  readonly id: string
  readonly sql: string
  readonly status: string
  readonly hasResultSet: boolean
  /** Rows returned or affected; -1 when the service does not say. */
  readonly resultRows: number
}

export interface BatchResult {
  readonly statementId: string
  readonly subStatements: readonly BatchSubStatement[]
  /** Reads all rows of sub-statement `index` (0-based) that returned a result set. */
  readRows(index: number): Promise<Record<string, unknown>[]>
}

export interface BatchOptions {
  /** Keep a session open after the batch (its id is not exposed; for parity with the API). */
  readonly sessionKeepAliveSeconds?: number
  /**
   * Aborting it cancels the running batch (CancelStatement, best effort) and rejects with
   * `DataApiAbortError`; it also bounds `readRows`. Combined with the config's `signal`.
   */
  readonly signal?: AbortSignal
}

/**
 * Runs 1–40 statements as ONE transaction with BatchExecuteStatement: all of them commit, or
 * none. The Data API takes no parameters in a batch, so statements must carry their values as
 * literals (Kysely: `sql.lit(...)`, or DDL, which has none); a statement with parameters is
 * refused before anything is sent.
 *
 * @example
 * ```ts
 * await batch(config, [
 *   'create table airline_dw.t (id int)',
 *   db.insertInto('airline_dw.t').values({ id: sql.lit(1) }),
 * ])
 * ```
 */
export async function batch(
  config: RedshiftDataDialectConfig,
  statements: readonly BatchStatement[],
  options: BatchOptions = {},
): Promise<BatchResult> {
  const resolved = resolveDialectConfig(config)
  const sqls = toBatchSql(statements)
  const runner = new StatementRunner(resolved, await loadCommands(resolved.commands))
  const { signal } = options
  const outcome = await runner.batch(
    sqls,
    undefined,
    options.sessionKeepAliveSeconds,
    runner.scope(signal),
  )
  const subStatements = Object.freeze(
    outcome.subStatements.map((s, i) => Object.freeze({ ...s, sql: s.sql || sqls[i]! })),
  )
  return Object.freeze({
    statementId: outcome.statementId,
    subStatements,
    async readRows(index: number): Promise<Record<string, unknown>[]> {
      const sub = subStatements[index]
      if (!sub)
        throw new DataApiInputError(
          'INVALID_BATCH',
          `The batch has ${subStatements.length} sub-statements; pass an index from 0 to ${subStatements.length - 1}`,
          { field: 'index', value: index },
        )
      return sub.hasResultSet
        ? runner.rows(sub.id, { scope: runner.scope(signal), sql: sub.sql })
        : []
    },
  })
}

/** Validates a batch and returns its SQL texts; nothing is sent when one is wrong. */
export function toBatchSql(statements: readonly BatchStatement[]): string[] {
  if (!Array.isArray(statements) || statements.length === 0)
    throw new DataApiInputError(
      'INVALID_BATCH',
      'A batch needs 1 to 40 statements; pass a non-empty array',
      { field: 'statements', value: statements },
    )
  if (statements.length > DATA_API_LIMITS.maxBatchStatements)
    throw new DataApiInputError(
      'INVALID_BATCH',
      `A batch takes at most ${DATA_API_LIMITS.maxBatchStatements} statements, got ${statements.length}; split it into several batches (each is its own transaction) or use a Kysely transaction`,
      { field: 'statements', value: statements.length },
    )
  return statements.map((statement, i) => {
    const field = `statements[${i}]`
    const compiled =
      typeof statement === 'string'
        ? undefined
        : 'compile' in statement && typeof statement.compile === 'function'
          ? statement.compile()
          : (statement as CompiledQuery)
    const sql = compiled ? compiled.sql : statement
    if (compiled && compiled.parameters.length > 0)
      throw new DataApiInputError(
        'INVALID_BATCH',
        `${field} has ${compiled.parameters.length} parameter(s), but BatchExecuteStatement takes none; write the values with sql.lit(...) or run the statement with execute()`,
        { field, value: compiled.parameters },
      )
    if (typeof sql !== 'string')
      throw new DataApiInputError(
        'INVALID_BATCH',
        `${field} must be SQL text, a CompiledQuery or a Kysely query builder`,
        { field, value: statement },
      )
    assertSqlSize(sql, field)
    return sql
  })
}
