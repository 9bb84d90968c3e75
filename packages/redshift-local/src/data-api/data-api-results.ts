/**
 * Statement results as the Data API returns them: JSON `Field`s typed per column (R-API-9,
 * R-API-10), `ColumnMetadata` (R-API-11), CSV records for GetStatementResultV2, and paging with
 * an opaque `NextToken` that is absent on the last page (R-API-12).
 */
import { randomBytes } from 'node:crypto'
import type { QueryResult, ResultColumn } from '../account/types.js'
import { validationError } from './data-api-errors.js'

/** A JSON number written with all its digits (an INT8 beyond 2^53 must not be rounded on the wire). */
export class JsonLong {
  readonly digits: string
  constructor(digits: string) {
    this.digits = digits
  }
}

/** One value of a record: exactly one member of the `Field` union (R-API-9). */
export type Field =
  | { readonly isNull: true }
  | { readonly booleanValue: boolean }
  | { readonly longValue: number | JsonLong }
  | { readonly doubleValue: number | 'NaN' | 'Infinity' | '-Infinity' }
  | { readonly stringValue: string }
  | { readonly blobValue: string }

/** `ColumnMetadata` (R-API-11). */
export interface ColumnMetadata {
  readonly isCaseSensitive: boolean
  readonly isCurrency: boolean
  readonly isSigned: boolean
  readonly label: string
  readonly name: string
  readonly nullable: number
  readonly precision: number
  readonly scale: number
  readonly schemaName: string
  readonly tableName: string
  readonly typeName: string
  readonly length: number
}

const LONG_TYPES = new Set(['int2', 'int4', 'int8'])
const DOUBLE_TYPES = new Set(['float4', 'float8'])
const SIGNED_TYPES = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric'])
const CASE_SENSITIVE_TYPES = new Set(['varchar', 'bpchar', 'char', 'text', 'super'])
/**
 * Precision of fixed-width types when the engine reports none: the values Redshift's JDBC
 * driver reports (the Data API's exact numbers are UNCONFIRMED).
 */
const FIXED_PRECISION: Readonly<Record<string, number>> = {
  int2: 5,
  int4: 10,
  int8: 19,
  float4: 8,
  float8: 17,
  bool: 1,
  date: 13,
  time: 15,
  timetz: 21,
  timestamp: 29,
  timestamptz: 35,
}

/**
 * The `Field` of one text value of a column typed `typeName` (R-API-10): integers as
 * `longValue`, REAL/DOUBLE as `doubleValue`, BOOLEAN as `booleanValue`, VARBYTE as base64
 * `blobValue`, DECIMAL and everything else as `stringValue`, NULL as `isNull`.
 *
 * @example
 * toField('int4', '42') // → { longValue: 42 }
 * toField('numeric', '1.50') // → { stringValue: '1.50' }
 */
export function toField(typeName: string, value: string | null): Field {
  if (value === null) return { isNull: true }
  if (LONG_TYPES.has(typeName)) {
    const n = Number(value)
    return { longValue: Number.isSafeInteger(n) ? n : new JsonLong(value.trim()) }
  }
  if (DOUBLE_TYPES.has(typeName)) {
    // JSON has no NaN or infinities: Smithy's JSON protocols send them as these strings.
    if (/^nan$/i.test(value)) return { doubleValue: 'NaN' }
    if (/^\+?inf(inity)?$/i.test(value)) return { doubleValue: 'Infinity' }
    if (/^-inf(inity)?$/i.test(value)) return { doubleValue: '-Infinity' }
    return { doubleValue: Number(value) }
  }
  if (typeName === 'bool') return { booleanValue: value === 't' || value === 'true' }
  if (typeName === 'varbyte') return { blobValue: blobBase64(value) }
  return { stringValue: value }
}

/** PostgreSQL's `\x…` hex text of a binary value, as base64 (the wire form of a blob). */
function blobBase64(text: string): string {
  if (/^\\x([0-9a-fA-F]{2})*$/.test(text))
    return Buffer.from(text.slice(2), 'hex').toString('base64')
  return Buffer.from(text, 'utf8').toString('base64')
}

/**
 * `ColumnMetadata` of a result column. The emulator does not trace columns back to their
 * tables, so `schemaName` and `tableName` are empty; `nullable` is 1 (nullable).
 */
export function columnMetadata(column: ResultColumn): ColumnMetadata {
  return {
    isCaseSensitive: CASE_SENSITIVE_TYPES.has(column.typeName),
    isCurrency: false,
    isSigned: SIGNED_TYPES.has(column.typeName),
    label: column.name,
    name: column.name,
    nullable: 1,
    precision: column.precision > 0 ? column.precision : (FIXED_PRECISION[column.typeName] ?? 0),
    scale: column.scale,
    schemaName: '',
    tableName: '',
    typeName: column.typeName,
    length: 0,
  }
}

/** Bytes of a result's values (DescribeStatement `ResultSize`, R-API-8). */
export function resultSize(result: Pick<QueryResult, 'rows'>): number {
  let n = 0
  for (const row of result.rows)
    for (const v of row) if (v !== null) n += Buffer.byteLength(v, 'utf8')
  return n
}

/** One page of a result (R-API-9, R-API-12). */
export interface ResultPage<R> {
  readonly Records: readonly R[]
  readonly ColumnMetadata: readonly ColumnMetadata[]
  readonly TotalNumRows: number
  readonly NextToken?: string
}

/**
 * A page of a JSON result: `pageSize` rows from the position `token` names (the first page
 * without a token). The last page has no NextToken (R-API-12).
 *
 * @example
 * const page = jsonPage(id, result, undefined, 1000)
 * page.Records[0] // → [{ longValue: 1 }, { stringValue: 'a' }]
 */
export function jsonPage(
  id: string,
  result: Pick<QueryResult, 'columns' | 'rows'>,
  token: string | undefined,
  pageSize: number,
): ResultPage<readonly Field[]> {
  const { start, end, next } = pageBounds(id, result.rows.length, token, pageSize)
  const types = result.columns.map((c) => c.typeName)
  return {
    Records: result.rows
      .slice(start, end)
      .map((row) => row.map((v, i) => toField(types[i] ?? 'varchar', v))),
    ColumnMetadata: result.columns.map(columnMetadata),
    TotalNumRows: result.rows.length,
    ...(next !== undefined ? { NextToken: next } : {}),
  }
}

/** A page of a CSV result (GetStatementResultV2): one `CSVRecords` string of `pageSize` rows. */
export function csvPage(
  id: string,
  result: Pick<QueryResult, 'columns' | 'rows'>,
  token: string | undefined,
  pageSize: number,
): ResultPage<{ readonly CSVRecords: string }> & { readonly ResultFormat: 'CSV' } {
  const { start, end, next } = pageBounds(id, result.rows.length, token, pageSize)
  const rows = result.rows.slice(start, end)
  return {
    Records: rows.length === 0 ? [] : [{ CSVRecords: rows.map(csvLine).join('') }],
    ColumnMetadata: result.columns.map(columnMetadata),
    TotalNumRows: result.rows.length,
    ResultFormat: 'CSV',
    ...(next !== undefined ? { NextToken: next } : {}),
  }
}

/** One RFC 4180 line: NULL is an empty field; fields with `,` `"` CR or LF are quoted. */
export function csvLine(row: readonly (string | null)[]): string {
  return `${row.map((v) => (v === null ? '' : /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(',')}\n`
}

function pageBounds(id: string, total: number, token: string | undefined, pageSize: number) {
  const start = token === undefined ? 0 : decodeToken(token, id, total)
  const end = Math.min(start + pageSize, total)
  return { start, end, next: end < total ? encodeToken(id, end) : undefined }
}

/** An opaque token naming a position in a list or result (`id` ties it to its statement or listing). */
export function encodeToken(id: string, offset: number): string {
  return Buffer.from(JSON.stringify({ id, offset }), 'utf8').toString('base64url')
}

/** The position a token names; a ValidationException for a token not made for `id`. */
export function decodeToken(token: string, id: string, max: number): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      id?: unknown
      offset?: unknown
    }
    if (
      parsed.id === id &&
      Number.isInteger(parsed.offset) &&
      (parsed.offset as number) >= 0 &&
      (parsed.offset as number) <= max
    )
      return parsed.offset as number
  } catch {
    // Falls through to the error below.
  }
  throw validationError(
    'Invalid NextToken: the token does not belong to this request or has expired.',
  )
}

const LONG_MARK = `\u0000${randomBytes(6).toString('hex')}:`
const LONG_MARK_JSON = JSON.stringify(LONG_MARK).slice(1, -1)
const LONG_RE = new RegExp(`"${LONG_MARK_JSON.replaceAll('\\', '\\\\')}(-?\\d+)"`, 'g')

/**
 * JSON text of a response, with `JsonLong`s written as bare numbers of all their digits.
 *
 * @example
 * serializeJson({ longValue: new JsonLong('9223372036854775807') }) // → '{"longValue":9223372036854775807}'
 */
export function serializeJson(value: unknown): string {
  let longs = false
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof JsonLong) {
      longs = true
      return `${LONG_MARK}${v.digits}`
    }
    return v
  })
  return longs ? text.replace(LONG_RE, '$1') : text
}
