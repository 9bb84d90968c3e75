import { PostgresQueryCompiler } from 'kysely'

const LITERAL_ESCAPE_RE = /['\\]/g

/**
 * Postgres SQL with the Data API's named parameters (`:p1`, `:p2` …). Values the Data API
 * cannot take as parameters are written into the SQL as literals instead: NULL (parameters
 * must be strings) and the empty string (parameters must be at least one character).
 *
 * String literals double both quotes and backslashes: Redshift treats a backslash in an
 * ordinary string literal as an escape, so a lone one could end the literal early.
 *
 * @example
 * ```ts
 * db.selectFrom('t').selectAll().where('a', '=', 1).where('b', '=', '').compile().sql
 * // select * from "t" where "a" = :p1 and "b" = ''
 * ```
 */
export class RedshiftDataQueryCompiler extends PostgresQueryCompiler {
  protected override getCurrentParameterPlaceholder(): string {
    return `:p${this.numParameters}`
  }

  protected override appendValue(value: unknown): void {
    if (value === null || value === undefined) {
      this.append('null')
      return
    }
    if (value === '') {
      this.append("''")
      return
    }
    super.appendValue(value)
  }

  protected override sanitizeStringLiteral(value: string): string {
    return value.replace(LITERAL_ESCAPE_RE, (c) => c + c)
  }
}
