import { DataApiResultError } from '../errors.js'

/** How int8 (BIGINT) values come back: exact string (default), bigint, or a plain number. */
export type Int8Mode = 'string' | 'bigint' | 'number'

/** The subset of the SDK's `ColumnMetadata` this mapping reads. */
export interface ColumnInfo {
  readonly name?: string | undefined
  readonly label?: string | undefined
  readonly typeName?: string | undefined
}

/** The SDK's `Field` union, typed structurally. */
export interface DataApiField {
  readonly isNull?: boolean | undefined
  readonly booleanValue?: boolean | undefined
  readonly longValue?: number | undefined
  readonly doubleValue?: number | undefined
  readonly stringValue?: string | undefined
  readonly blobValue?: Uint8Array | undefined
}

export interface FieldMappingOptions {
  readonly int8: Int8Mode
  /** Named in a {@link DataApiResultError} when an int8 arrived rounded. */
  readonly statementId?: string | undefined
}

const INTEGER_TYPES = new Set(['int2', 'int4', 'smallint', 'integer', 'oid', 'xid', 'cid'])
const INT8_TYPES = new Set(['int8', 'bigint'])
const FLOAT_TYPES = new Set(['float4', 'float8', 'real', 'double precision', 'float'])
const NUMERIC_TYPES = new Set(['numeric', 'decimal'])
const BOOL_TYPES = new Set(['bool', 'boolean'])
const TIMESTAMP_TYPES = new Set([
  'timestamp',
  'timestamptz',
  'timestamp without time zone',
  'timestamp with time zone',
])
const JSON_TYPES = new Set(['json', 'jsonb', 'super'])

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIMESTAMP_RE =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/

/**
 * Maps one `Field` of GetStatementResult to a JavaScript value by the column's `typeName`:
 * int2/int4 → number, int8 → string | bigint | number (option), numeric → string (exact),
 * float → number, bool → boolean, date/timestamp/timestamptz → Date (UTC), json/super → parsed
 * JSON, anything else → the string the service sent. NULL → null.
 */
export function mapField(
  field: DataApiField,
  column: ColumnInfo | undefined,
  options: FieldMappingOptions,
): unknown {
  if (field.isNull) return null
  const type = column?.typeName?.toLowerCase() ?? ''
  if (field.longValue !== undefined) return mapInteger(field.longValue, type, column, options)
  if (field.doubleValue !== undefined) return field.doubleValue
  if (field.booleanValue !== undefined) return field.booleanValue
  if (field.blobValue !== undefined) return field.blobValue
  if (field.stringValue !== undefined) return mapString(field.stringValue, type, options)
  // An empty union member (or one the SDK version does not know) carries no value.
  return null
}

function mapInteger(
  value: number,
  type: string,
  column: ColumnInfo | undefined,
  options: FieldMappingOptions,
): unknown {
  if (!INT8_TYPES.has(type) || options.int8 === 'number') return value
  // JSON.parse has already rounded a longValue beyond ±2^53: an exact mode must not pass the
  // rounded digits off as exact (R-API-10: BIGINT comes as longValue, a JSON number).
  if (!Number.isSafeInteger(value))
    throw new DataApiResultError('INT8_PRECISION_LOST', {
      statementId: options.statementId ?? '',
      column: column?.label ?? column?.name ?? '?',
      value,
    })
  return options.int8 === 'bigint' ? BigInt(value) : String(value)
}

function mapString(value: string, type: string, options: FieldMappingOptions): unknown {
  if (INT8_TYPES.has(type)) {
    if (options.int8 === 'bigint') return BigInt(value)
    if (options.int8 === 'number') return Number(value)
    return value
  }
  if (INTEGER_TYPES.has(type) || FLOAT_TYPES.has(type)) return Number(value)
  if (NUMERIC_TYPES.has(type)) return value
  if (BOOL_TYPES.has(type)) return value === 't' || value === 'true' || value === '1'
  if (type === 'date') return parseDate(value) ?? value
  if (TIMESTAMP_TYPES.has(type)) return parseTimestamp(value) ?? value
  if (JSON_TYPES.has(type)) {
    try {
      return JSON.parse(value)
    } catch {
      // SUPER may hold a bare scalar that is not JSON text; keep what the server sent.
      return value
    }
  }
  return value
}

/** `YYYY-MM-DD` → a Date at UTC midnight; undefined for `infinity`, BC dates and the like. */
export function parseDate(value: string): Date | undefined {
  const m = DATE_RE.exec(value)
  if (!m) return undefined
  const date = new Date(0)
  date.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  date.setUTCHours(0, 0, 0, 0)
  return date
}

/** `YYYY-MM-DD HH:MM:SS[.ffffff][±HH[:MM]]` → a Date; no offset means UTC. */
export function parseTimestamp(value: string): Date | undefined {
  const m = TIMESTAMP_RE.exec(value)
  if (!m) return undefined
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0
  const date = new Date(0)
  date.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  date.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6]), ms)
  const zone = m[8]
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0')
    date.setTime(date.getTime() - sign * offsetMinutes * 60_000)
  }
  return date
}

/** Maps a page of records to row objects keyed by column label (falling back to name). */
export function mapRecords(
  records: readonly (readonly DataApiField[])[],
  columns: readonly ColumnInfo[],
  options: FieldMappingOptions,
): Record<string, unknown>[] {
  const keys = columns.map((c, i) => c.label ?? c.name ?? `column${i + 1}`)
  return records.map((record) => {
    const row: Record<string, unknown> = {}
    for (let i = 0; i < keys.length; i++) {
      row[keys[i]!] = mapField(record[i] ?? { isNull: true }, columns[i], options)
    }
    return row
  })
}
