import type { CompiledQuery } from 'kysely'
import { loadCommands } from './data-api/commands.js'
import { type SqlParameter, toParameterValue, toSqlParameters } from './data-api/parameters.js'
import { StatementRunner } from './data-api/statement-runner.js'
import {
  type RedshiftDataDialectConfig,
  resolveDialectConfig,
} from './dialect/redshift-data-dialect-config.js'
import { DataApiInputError } from './errors.js'
import { DATA_API_LIMITS } from './limits.js'

/** A query to stream: SQL text with `:name` parameters, a CompiledQuery, or a Kysely builder. */
export type StreamableQuery = string | CompiledQuery | { compile(): CompiledQuery }

export interface StreamQueryOptions {
  /** Named parameters for SQL text (`:airport` → `{ airport: 'ORD' }`). */
  readonly parameters?: Readonly<Record<string, unknown>>
  /**
   * Aborting it cancels the running statement (CancelStatement, best effort) and rejects with
   * `DataApiAbortError`, also between pages. Combined with the config's `signal`.
   */
  readonly signal?: AbortSignal
}

/**
 * Runs one query and yields its rows one GetStatementResult page at a time, so memory holds a
 * single page however large the result (the service keeps results for 24 h and pages them).
 * Within Kysely, `query.stream()` does the same through the dialect.
 *
 * @example
 * ```ts
 * for await (const rows of streamQuery(config, 'select * from airline_dw.fact_bookings where fare > :min', {
 *   parameters: { min: 500 },
 * })) {
 *   console.log(rows.length)
 * }
 * ```
 */
export async function* streamQuery(
  config: RedshiftDataDialectConfig,
  query: StreamableQuery,
  options: StreamQueryOptions = {},
): AsyncGenerator<Record<string, unknown>[]> {
  const resolved = resolveDialectConfig(config)
  let sql: string
  let parameters: SqlParameter[]
  if (typeof query === 'string') {
    sql = query
    parameters = Object.entries(options.parameters ?? {}).map(([name, value]) => {
      if (!DATA_API_LIMITS.parameterName.test(name))
        throw new DataApiInputError(
          'INVALID_PARAMETER',
          `Parameter name "${name}" is not allowed; use letters, digits and _ only`,
          { field: `parameters.${name}`, value: name },
        )
      return { name, value: toParameterValue(value, name) }
    })
  } else {
    const compiled =
      'compile' in query && typeof query.compile === 'function'
        ? query.compile()
        : (query as CompiledQuery)
    if (options.parameters)
      throw new DataApiInputError(
        'INVALID_PARAMETER',
        'A compiled Kysely query carries its own parameters; pass options.parameters only with SQL text',
        { field: 'parameters', value: options.parameters },
      )
    sql = compiled.sql
    parameters = toSqlParameters(compiled.parameters)
  }
  const runner = new StatementRunner(resolved, await loadCommands(resolved.commands))
  const { signal } = options
  const outcome = await runner.execute({ sql, parameters, rowCount: false }, runner.scope(signal))
  if (!outcome.hasResultSet) return
  for await (const page of runner.pages(outcome.statementId, { signal, sql })) yield page.rows
}
