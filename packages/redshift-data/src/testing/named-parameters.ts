/**
 * Rewrites the Data API's named parameters (`:name`) to Postgres positional ones (`$1`), the
 * way the service binds them: string literals, quoted identifiers, comments and `::` casts are
 * left alone. Each distinct name gets one position, in order of first use.
 *
 * @example
 * ```ts
 * translateNamedParameters("select :a::int, ':b', :a", { a: '1' })
 * // { sql: "select $1::int, ':b', $1", values: ['1'] }
 * ```
 */
export function translateNamedParameters(
  sql: string,
  parameters: Readonly<Record<string, string>>,
): { sql: string; values: string[]; missing: string[] } {
  const positions = new Map<string, number>()
  const values: string[] = []
  const missing: string[] = []
  let out = ''
  let i = 0
  const n = sql.length
  while (i < n) {
    const c = sql[i]!
    const next = sql[i + 1]
    if (c === "'" || c === '"') {
      const end = closing(sql, i, c)
      out += sql.slice(i, end)
      i = end
    } else if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i)
      const stop = end === -1 ? n : end
      out += sql.slice(i, stop)
      i = stop
    } else if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2)
      const stop = end === -1 ? n : end + 2
      out += sql.slice(i, stop)
      i = stop
    } else if (c === ':' && next === ':') {
      out += '::'
      i += 2
    } else if (c === ':' && next !== undefined && /[0-9A-Za-z_]/.test(next)) {
      let j = i + 1
      while (j < n && /[0-9A-Za-z_]/.test(sql[j]!)) j++
      const name = sql.slice(i + 1, j)
      let position = positions.get(name)
      if (position === undefined) {
        if (!(name in parameters)) missing.push(name)
        values.push(parameters[name] ?? '')
        position = values.length
        positions.set(name, position)
      }
      out += `$${position}`
      i = j
    } else {
      out += c
      i++
    }
  }
  return { sql: out, values, missing }
}

/** Index just past the literal or identifier opened at `start` (quotes doubled inside). */
function closing(sql: string, start: number, quote: string): number {
  let i = start + 1
  while (i < sql.length) {
    const c = sql[i]!
    // Redshift reads a backslash in a string literal as an escape (standard_conforming_strings off).
    if (c === '\\' && quote === "'") {
      i += 2
      continue
    }
    if (c === quote) {
      if (sql[i + 1] === quote) {
        i += 2
        continue
      }
      return i + 1
    }
    i++
  }
  return sql.length
}
