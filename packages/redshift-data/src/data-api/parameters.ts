import { DataApiInputError } from '../errors.js'

/** One entry of the Data API's `Parameters` list. */
export interface SqlParameter {
  readonly name: string
  readonly value: string
}

/**
 * Converts one JavaScript value to the Data API's string form. The service takes every
 * parameter as a non-empty string and lets Redshift cast it, so the conversion must be exact:
 * numbers use the shortest round-trip form, bigints and numeric strings pass through
 * untouched (no float on the way, no lost precision), Dates become UTC timestamps.
 *
 * Values that cannot be parameters (`null`, the empty string) never reach this function: the
 * query compiler renders them as literals. Reaching it with one is a usage error.
 *
 * @example
 * ```ts
 * toParameterValue(12n, 'p1') // '12'
 * toParameterValue(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)), 'p1') // '2024-01-02 03:04:05.006+00'
 * ```
 */
export function toParameterValue(value: unknown, name: string): string {
  if (typeof value === 'string') {
    if (value.length === 0) throw emptyString(name)
    return value
  }
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN'
    if (value === Number.POSITIVE_INFINITY) return 'Infinity'
    if (value === Number.NEGATIVE_INFINITY) return '-Infinity'
    return String(value)
  }
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()))
      throw new DataApiInputError(
        'INVALID_PARAMETER',
        `Parameter :${name} is an invalid Date; pass a valid Date or an ISO string`,
        { field: name, value },
      )
    return formatUtcTimestamp(value)
  }
  if (value === null || value === undefined)
    throw new DataApiInputError(
      'INVALID_PARAMETER',
      `Parameter :${name} is ${value}: the Data API takes no NULL parameters; write NULL in the SQL (Kysely queries built by RedshiftDataQueryCompiler do this for you)`,
      { field: name, value },
    )
  if (value instanceof Uint8Array)
    throw new DataApiInputError(
      'INVALID_PARAMETER',
      `Parameter :${name} is binary: the Data API takes only string parameters; pass hex text and convert it in SQL (e.g. from_hex(:${name}))`,
      { field: name, value },
    )
  if (typeof value === 'object') {
    // Plain objects and arrays go as JSON text, which Redshift reads with JSON_PARSE for SUPER.
    const json = JSON.stringify(value)
    if (json === undefined || json.length === 0) throw emptyString(name)
    return json
  }
  throw new DataApiInputError(
    'INVALID_PARAMETER',
    `Parameter :${name} has unsupported type ${typeof value}; pass a string, number, bigint, boolean, Date or plain object`,
    { field: name, value },
  )
}

/** Converts Kysely's positional parameters to the named `:p1`, `:p2` … form of the Data API. */
export function toSqlParameters(values: readonly unknown[]): SqlParameter[] {
  return values.map((value, index) => {
    const name = `p${index + 1}`
    return { name, value: toParameterValue(value, name) }
  })
}

/** `YYYY-MM-DD HH:MM:SS.mmm+00`, read the same by TIMESTAMP, TIMESTAMPTZ and DATE columns. */
export function formatUtcTimestamp(date: Date): string {
  const iso = date.toISOString() // always UTC; years outside 0..9999 get a sign and 6 digits
  return `${iso.slice(0, -1).replace('T', ' ')}+00`
}

function emptyString(name: string): DataApiInputError {
  return new DataApiInputError(
    'INVALID_PARAMETER',
    `Parameter :${name} is an empty string, which the Data API cannot take as a parameter; write '' in the SQL (Kysely queries built by RedshiftDataQueryCompiler do this for you)`,
    { field: name, value: '' },
  )
}
