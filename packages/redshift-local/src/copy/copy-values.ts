import {
  type DateTimeFormat,
  type DateTimeParts,
  isIsoDate,
  isIsoTimestamp,
  isoDate,
  isoTime,
  isoTimestamp,
  newParts,
  readDateTime,
  readTime,
} from './copy-datetime.js'
import { type LoadErrorRow, rawFieldOf, rawLineOf, truncateUtf8 } from './copy-errors.js'
import type { CopyTargetColumn } from './copy-from-s3.js'

/** How a column's values are checked and written. */
export type ValueKind =
  | 'int2'
  | 'int4'
  | 'int8'
  | 'numeric'
  | 'float4'
  | 'float8'
  | 'bool'
  | 'date'
  | 'timestamp'
  | 'timestamptz'
  | 'time'
  | 'timetz'
  | 'char'
  | 'varchar'
  | 'bytea'
  | 'other'

const KINDS: Readonly<Record<string, ValueKind>> = {
  int2: 'int2',
  smallint: 'int2',
  int4: 'int4',
  int: 'int4',
  integer: 'int4',
  int8: 'int8',
  bigint: 'int8',
  numeric: 'numeric',
  decimal: 'numeric',
  float4: 'float4',
  real: 'float4',
  float8: 'float8',
  float: 'float8',
  'double precision': 'float8',
  bool: 'bool',
  boolean: 'bool',
  date: 'date',
  timestamp: 'timestamp',
  'timestamp without time zone': 'timestamp',
  timestamptz: 'timestamptz',
  'timestamp with time zone': 'timestamptz',
  time: 'time',
  'time without time zone': 'time',
  timetz: 'timetz',
  'time with time zone': 'timetz',
  bpchar: 'char',
  char: 'char',
  character: 'char',
  nchar: 'char',
  varchar: 'varchar',
  'character varying': 'varchar',
  nvarchar: 'varchar',
  text: 'varchar',
  bytea: 'bytea',
  varbyte: 'bytea',
  varbinary: 'bytea',
  'binary varying': 'bytea',
}

/** The value kind of a PostgreSQL type name ('other' for types passed through unchecked). */
export function kindOf(pgType: string): ValueKind {
  const base = pgType
    .toLowerCase()
    .replace(/\(.*\)/, '')
    .replace(/\s+/g, ' ')
    .trim()
  return KINDS[base] ?? 'other'
}

/** A field's state as the reader saw it. */
export const FIELD_PLAIN = 0
/** A quoted CSV field: never NULL AS, an empty one is '' for text columns. */
export const FIELD_QUOTED = 1
/** The field matched NULL AS. */
export const FIELD_NULL = 2

/** The settings value conversion needs (a subset of CopySettings). */
export interface ValueSettings {
  readonly emptyAsNull: boolean
  readonly blanksAsNull: boolean
  readonly dateFormat: DateTimeFormat
  readonly timeFormat: DateTimeFormat
  readonly acceptAnyDate: boolean
  readonly truncateColumns: boolean
  readonly trimBlanks: boolean
  readonly acceptInvChars: string | undefined
  readonly fillRecord: boolean
  readonly roundDecimals: boolean
}

/** Why a field was rejected; one instance reused per converter. */
interface FieldError {
  code: number
  message: string
  position: number
}

const CHUNK_BYTES = 4 << 20
/** Room kept after a chunk's last row, so most rows never need the buffer to grow. */
const ROW_RESERVE = 256 << 10
const LF = 10
const CR = 13
const COMMA = 44
const QUOTE = 34
const BACKSLASH = 92
const MUST_QUOTE = /[",\n\r]/

/**
 * PostgreSQL COPY CSV being built: `,` delimiter, `"` quote, NULL an unquoted empty field, an
 * empty string `""`. Fields are written straight into a byte buffer (no string per row, which
 * costs more in garbage collection than the parsing itself); a row being written can be taken
 * back when it turns out bad. Leaves as chunks of about 4 MiB, each ending on a row.
 */
export class CsvOutput {
  #buf: Buffer = Buffer.allocUnsafe(CHUNK_BYTES + ROW_RESERVE)
  #pos = 0
  #rowStart = 0
  #rows = 0
  #chunks: { data: Uint8Array; rows: number }[] = []

  /** Starts a row. */
  beginRow(): void {
    if (this.#pos >= CHUNK_BYTES) this.flush()
    this.#rowStart = this.#pos
  }

  /** Takes back the row begun last. */
  abortRow(): void {
    this.#pos = this.#rowStart
  }

  /** Ends the row begun last. */
  endRow(): void {
    this.#ensure(1)
    this.#buf[this.#pos++] = LF
    this.#rows++
  }

  /** The delimiter between two fields. */
  comma(): void {
    this.#ensure(1)
    this.#buf[this.#pos++] = COMMA
  }

  /** A value known to be ASCII without delimiters, quotes or line breaks (numbers, dates, …). */
  plain(v: string): void {
    const n = v.length
    this.#ensure(n)
    const buf = this.#buf
    let p = this.#pos
    for (let i = 0; i < n; i++) buf[p++] = v.charCodeAt(i)
    this.#pos = p
  }

  /** `s[a, b)`, known to be ASCII without delimiters, quotes or line breaks. */
  plainRange(s: string, a: number, b: number): void {
    this.#ensure(b - a)
    const buf = this.#buf
    let p = this.#pos
    for (let i = a; i < b; i++) buf[p++] = s.charCodeAt(i)
    this.#pos = p
  }

  /** A text value: quoted when it holds `,` `"` CR LF or starts with a backslash; '' as `""`. */
  text(v: string): void {
    const n = v.length
    // Worst case: every character 3 bytes, plus quotes.
    this.#ensure(n * 3 + 2)
    const buf = this.#buf
    const start = this.#pos
    let p = start
    if (n === 0 || v.charCodeAt(0) === BACKSLASH) {
      this.#quoted(v)
      return
    }
    for (let i = 0; i < n; i++) {
      const c = v.charCodeAt(i)
      if (c === QUOTE || c === COMMA || c === LF || c === CR) {
        this.#pos = start
        this.#quoted(v)
        return
      }
      if (c >= 0x80) {
        // Non-ASCII: let Buffer encode the whole value (rare enough not to matter).
        if (MUST_QUOTE.test(v)) {
          this.#pos = start
          this.#quoted(v)
        } else this.#pos = start + buf.write(v, start, 'utf8')
        return
      }
      buf[p++] = c
    }
    this.#pos = p
  }

  #quoted(v: string): void {
    const text = `"${v.replaceAll('"', '""')}"`
    this.#ensure(text.length * 3)
    this.#pos += this.#buf.write(text, this.#pos, 'utf8')
  }

  #ensure(bytes: number): void {
    if (this.#pos + bytes <= this.#buf.length) return
    // A very long row: grow, keeping the row being written.
    const next = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#pos + bytes))
    this.#buf.copy(next, 0, 0, this.#pos)
    this.#buf = next
  }

  /** Closes the chunk being built (rows written so far). */
  flush(): void {
    if (this.#rows === 0) return
    // Called between rows only: the buffer ends on a complete row.
    this.#chunks.push({ data: this.#buf.subarray(0, this.#pos), rows: this.#rows })
    // The chunk keeps its memory until written; new rows go to a new buffer.
    this.#buf = Buffer.allocUnsafe(CHUNK_BYTES + ROW_RESERVE)
    this.#pos = 0
    this.#rowStart = 0
    this.#rows = 0
  }

  /** The finished chunks, removed from the output. */
  take(): { data: Uint8Array; rows: number }[] {
    const out = this.#chunks
    this.#chunks = []
    return out
  }
}

/** A field written to the output. */
const WROTE = 1
/** A field rejected (the reason is in the converter's error). */
const FAILED = 0
/** A field that loads as NULL (ACCEPTANYDATE on an unreadable date). */
const BECAME_NULL = 2

const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13)

/**
 * Converts records (field texts from a CSV/text file, or Parquet values made text) for the target
 * columns: NULL rules (NULL AS, EMPTYASNULL, BLANKSASNULL; R-COPY-6, D-12), type checks and
 * conversion to PostgreSQL input, NOT NULL, byte lengths (TRUNCATECOLUMNS). Good rows go to the
 * output; bad rows go to `onError` as STL_LOAD_ERRORS rows (which may throw to stop the load).
 *
 * A field is a range `[starts[c], ends[c])` of the string `src[c]`: the reader points into the
 * decoded file text instead of slicing a string per field, and the common types (integers,
 * default-format dates and timestamps, decimals, booleans, ASCII text) are checked in place and
 * copied to the output byte by byte. Other values are sliced and take the general path.
 */
export class RowConverter {
  /** The string holding each field of the record (the file text, or a string of its own). */
  src: string[] = []
  /** Where each field starts and ends in its `src`. */
  starts: Int32Array = new Int32Array(64)
  ends: Int32Array = new Int32Array(64)
  /** FIELD_PLAIN, FIELD_QUOTED or FIELD_NULL per field. */
  flags: Uint8Array = new Uint8Array(64)
  /** Fields in the record; the reader sets it. */
  count = 0
  /** The file being read (STL_LOAD_ERRORS.filename). */
  fileName = ''
  /** Where the current record's raw text is, for error rows. */
  rawText = ''
  rawStart = 0
  rawEnd = 0
  /** Rows converted into the output for the current file. */
  rows = 0
  /** Describes the current record for error rows when there is no raw text (Parquet). */
  describeRaw: (() => string) | undefined = undefined
  /** A decoded chunk of the current file held invalid UTF-8 (replaced by U+FFFD). */
  invalidUtf8 = false

  readonly #columns: readonly CopyTargetColumn[]
  readonly #kinds: readonly ValueKind[]
  readonly #s: ValueSettings
  readonly #out: CsvOutput
  readonly #onError: (row: LoadErrorRow) => void
  readonly #err: FieldError = { code: 0, message: '', position: 0 }
  readonly #parts: DateTimeParts = newParts()

  constructor(
    columns: readonly CopyTargetColumn[],
    settings: ValueSettings,
    out: CsvOutput,
    onError: (row: LoadErrorRow) => void,
  ) {
    this.#columns = columns
    this.#kinds = columns.map((c) => kindOf(c.pgType))
    this.#s = settings
    this.#out = out
    this.#onError = onError
  }

  /** Makes room for field number `i` (the arrays grow for very wide records). */
  ensureField(i: number): void {
    if (i < this.starts.length) return
    const size = Math.max(i + 1, this.starts.length * 2)
    const grow = <T extends Int32Array | Uint8Array>(a: T, b: T): T => {
      b.set(a)
      return b
    }
    this.starts = grow(this.starts, new Int32Array(size))
    this.ends = grow(this.ends, new Int32Array(size))
    this.flags = grow(this.flags, new Uint8Array(size))
  }

  /** Sets field `i` to a whole string (Parquet values, unescaped or unquoted text). */
  setField(i: number, value: string, flag: number): void {
    this.ensureField(i)
    this.src[i] = value
    this.starts[i] = 0
    this.ends[i] = value.length
    this.flags[i] = flag
  }

  /** The text of field `i` as read. */
  fieldText(i: number): string {
    return i < this.count ? (this.src[i] as string).slice(this.starts[i], this.ends[i]) : ''
  }

  /** Converts the record in `src`/`starts`/`ends`; returns false when it was rejected. */
  record(line: number): boolean {
    const cols = this.#columns
    const n = cols.length
    const count = this.count
    if (count > n) {
      const col = cols[n - 1] as CopyTargetColumn
      return this.reject(line, 1202, 'Extra column(s) found', n - 1, col, this.fieldText(n))
    }
    if (count < n && !this.#s.fillRecord) {
      const col = cols[count] as CopyTargetColumn
      return this.reject(line, 1214, 'Delimiter not found', count, col, '')
    }
    const out = this.#out
    const { src, starts, ends, flags } = this
    const emptyAsNull = this.#s.emptyAsNull
    const blanksAsNull = this.#s.blanksAsNull
    out.beginRow()
    for (let c = 0; c < n; c++) {
      const col = cols[c] as CopyTargetColumn
      const kind = this.#kinds[c] as ValueKind
      // FILLRECORD: missing trailing fields read as empty ones (NULL, or '' for text without
      // EMPTYASNULL).
      let s = ''
      let a = 0
      let b = 0
      let flag = FIELD_PLAIN
      if (c < count) {
        s = src[c] as string
        a = starts[c] as number
        b = ends[c] as number
        flag = flags[c] as number
      }
      if (c > 0) out.comma()
      const text = kind === 'char' || kind === 'varchar'
      let isNull: boolean
      if (flag === FIELD_NULL) isNull = true
      else if (a === b) {
        // R-COPY-6: empty CHAR/VARCHAR is '' unless EMPTYASNULL; other types' empty fields are
        // NULL. A quoted empty CSV field is an explicit empty string.
        isNull = !(text && (flag === FIELD_QUOTED || !emptyAsNull))
      } else if (isSpace(s.charCodeAt(a)) && blank(s, a, b)) {
        // D-12: BLANKSASNULL for text; blank fields of other types are always NULL.
        isNull = text ? blanksAsNull && flag !== FIELD_QUOTED : true
      } else isNull = false
      if (!isNull) {
        const r = this.#convert(kind, col, s, a, b)
        if (r === FAILED) {
          out.abortRow()
          const e = this.#err
          return this.reject(line, e.code, e.message, c, col, s.slice(a, b), e.position)
        }
        isNull = r === BECAME_NULL
      }
      if (isNull && col.notNull) {
        out.abortRow()
        return this.reject(line, 1213, 'Missing data for not-null field', c, col, s.slice(a, b))
      }
    }
    out.endRow()
    this.rows++
    return true
  }

  /**
   * Records a rejected row. `column` -1 means the row failed as a whole (a blank line, an
   * unterminated quote).
   */
  reject(
    line: number,
    code: number,
    message: string,
    column: number,
    col: CopyTargetColumn | undefined,
    rawField: string,
    position = 0,
  ): false {
    void column
    this.#onError({
      fileName: this.fileName,
      lineNumber: line,
      columnName: col?.name ?? '',
      columnType: col ? typeName(col.pgType) : '',
      columnLength: col?.maxLength !== undefined ? String(col.maxLength) : '',
      position,
      errorCode: code,
      errorMessage: message,
      rawLine: rawLineOf(
        this.describeRaw
          ? this.describeRaw()
          : this.rawText.slice(this.rawStart, this.rawEnd).replace(/\r?\n$/, ''),
      ),
      rawFieldValue: rawFieldOf(rawField),
    })
    return false
  }

  #fail(code: number, message: string, position = 0): typeof FAILED {
    const e = this.#err
    e.code = code
    e.message = message
    e.position = position
    return FAILED
  }

  /** Checks field `s[a, b)` (not NULL, not empty) for the column and writes it. */
  #convert(kind: ValueKind, col: CopyTargetColumn, s: string, a: number, b: number): number {
    const out = this.#out
    switch (kind) {
      case 'int2':
        return this.#integer(s, a, b, -32768, 32767, 'Short')
      case 'int4':
        return this.#integer(s, a, b, -2147483648, 2147483647, 'Integer')
      case 'int8':
        return this.#bigint(s, a, b)
      case 'numeric':
        return this.#numeric(s, a, b, col)
      case 'float4':
      case 'float8':
        return this.#float(s, a, b, kind === 'float4')
      case 'bool':
        return this.#bool(s, a, b)
      case 'date': {
        const f = this.#s.dateFormat
        if (f.isDefault && b - a === 10 && isIsoDate(s, a)) {
          out.plainRange(s, a, b)
          return WROTE
        }
        const v = s.slice(a, b)
        if (!readDateTime(f, v, this.#parts, false)) {
          if (this.#s.acceptAnyDate) return BECAME_NULL
          return this.#fail(1205, `Invalid Date Format - value '${v}' does not match '${f.source}'`)
        }
        out.plain(isoDate(this.#parts))
        return WROTE
      }
      case 'timestamp':
      case 'timestamptz': {
        const tz = kind === 'timestamptz'
        const f = this.#s.timeFormat
        if (f.isDefault && !tz && b - a === 19 && isIsoTimestamp(s, a)) {
          out.plainRange(s, a, b)
          return WROTE
        }
        const v = s.slice(a, b)
        if (!readDateTime(f, v, this.#parts, tz)) {
          if (this.#s.acceptAnyDate) return BECAME_NULL
          return this.#fail(1206, `Invalid timestamp format or value [${f.source}], Value '${v}'`)
        }
        out.plain(isoTimestamp(this.#parts, tz))
        return WROTE
      }
      case 'time':
      case 'timetz': {
        const v = s.slice(a, b)
        if (!readTime(v, this.#parts, kind === 'timetz'))
          return this.#fail(1206, `Invalid time format or value: '${v}'`)
        out.plain(isoTime(this.#parts) + (kind === 'timetz' ? this.#parts.offset || '+00' : ''))
        return WROTE
      }
      case 'char':
      case 'varchar':
        return this.#text(s, a, b, col, kind)
      case 'bytea': {
        // VARBYTE loads from hexadecimal text.
        const v = s.slice(a, b)
        if (v.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(v))
          return this.#fail(1207, `Invalid hexadecimal value '${v}'`)
        out.plain(`\\x${v}`)
        return WROTE
      }
      case 'other': {
        const v = s.slice(a, b)
        if (v.includes('\u0000')) return this.#fail(1220, 'NUL (0x00) in a field is not emulated')
        out.text(v)
        return WROTE
      }
    }
  }

  #integer(s: string, a: number, b: number, min: number, max: number, type: string): number {
    let i = a
    const c0 = s.charCodeAt(a)
    if (c0 === 45 || c0 === 43) i++
    if (i === b)
      return this.#fail(
        1207,
        `Invalid digit, Value '${s.slice(a, b)}', Pos ${i - a}, Type: ${type}`,
        i - a,
      )
    let x = 0
    for (; i < b; i++) {
      const d = s.charCodeAt(i) - 48
      if (d < 0 || d > 9)
        return this.#fail(
          1207,
          `Invalid digit, Value '${s[i]}', Pos ${i - a}, Type: ${type}`,
          i - a,
        )
      x = x * 10 + d
    }
    if (c0 === 45) x = -x
    if (x < min || x > max)
      return this.#fail(
        1204,
        `Overflow (${type} valid range ${min} to ${max}), Value '${s.slice(a, b)}'`,
      )
    this.#out.plainRange(s, a, b)
    return WROTE
  }

  #bigint(s: string, a: number, b: number): number {
    let i = a
    const c0 = s.charCodeAt(a)
    if (c0 === 45 || c0 === 43) i++
    if (i === b)
      return this.#fail(
        1207,
        `Invalid digit, Value '${s.slice(a, b)}', Pos ${i - a}, Type: Long`,
        i - a,
      )
    for (let j = i; j < b; j++) {
      const d = s.charCodeAt(j) - 48
      if (d < 0 || d > 9)
        return this.#fail(1207, `Invalid digit, Value '${s[j]}', Pos ${j - a}, Type: Long`, j - a)
    }
    // Beyond 15 digits a value can leave the int8 range: compare exactly.
    if (b - i > 15) {
      const big = BigInt(s.slice(a, b))
      if (big < -9223372036854775808n || big > 9223372036854775807n)
        return this.#fail(
          1204,
          `Overflow (Long valid range -9223372036854775808 to 9223372036854775807), Value '${s.slice(a, b)}'`,
        )
    }
    this.#out.plainRange(s, a, b)
    return WROTE
  }

  #numeric(s: string, a: number, b: number, col: CopyTargetColumn): number {
    let i = a
    const c0 = s.charCodeAt(a)
    if (c0 === 45 || c0 === 43) i++
    let dot = -1
    let digits = 0
    for (let j = i; j < b; j++) {
      const c = s.charCodeAt(j)
      if (c === 46 && dot < 0) dot = j
      else if (c < 48 || c > 57)
        return this.#fail(
          1207,
          `Invalid digit, Value '${s[j]}', Pos ${j - a}, Type: Decimal`,
          j - a,
        )
      else digits++
    }
    if (digits === 0) return this.#fail(1209, `Invalid decimal value '${s.slice(a, b)}'`)
    const scale = col.scale
    const fracDigits = dot < 0 ? 0 : b - dot - 1
    if (scale === undefined) {
      this.#out.plainRange(s, a, b)
      return WROTE
    }
    // Integer digits, leading zeros aside.
    let lead = i
    const intEnd = dot < 0 ? b : dot
    while (lead < intEnd - 1 && s.charCodeAt(lead) === 48) lead++
    const intDigits = intEnd - lead
    if (fracDigits <= scale) {
      if (
        col.precision !== undefined &&
        intDigits > col.precision - scale &&
        !(intDigits === 1 && s.charCodeAt(lead) === 48)
      )
        return this.#fail(
          1204,
          `Numeric data overflow (result precision), Value '${s.slice(a, b)}'`,
        )
      this.#out.plainRange(s, a, b)
      return WROTE
    }
    // DG:copy-parameters-data-conversion (ROUNDEC): COPY truncates extra decimals to the column's
    // scale; with ROUNDEC it rounds them.
    const sign = c0 === 45 ? '-' : ''
    let whole = s.slice(lead, intEnd) || '0'
    let frac = s.slice((dot as number) + 1, (dot as number) + 1 + scale)
    if (this.#s.roundDecimals && s.charCodeAt((dot as number) + 1 + scale) >= 53) {
      const scaled = (BigInt(whole + frac) + 1n).toString().padStart(whole.length + scale, '0')
      whole = scaled.slice(0, scaled.length - scale) || '0'
      frac = scaled.slice(scaled.length - scale)
    }
    if (col.precision !== undefined && whole.replace(/^0+/, '').length > col.precision - scale)
      return this.#fail(1204, `Numeric data overflow (result precision), Value '${s.slice(a, b)}'`)
    this.#out.plain(`${sign}${whole}${frac ? `.${frac}` : ''}`)
    return WROTE
  }

  #float(s: string, a: number, b: number, single: boolean): number {
    const type = single ? 'Real' : 'Double'
    // [+-] digits [. digits] [e [+-] digits], checked in place.
    let i = a
    let c = s.charCodeAt(i)
    if (c === 45 || c === 43) c = s.charCodeAt(++i)
    let mantissa = 0
    let intDigits = 0
    let seenDot = false
    for (; i < b; c = s.charCodeAt(++i)) {
      if (c >= 48 && c <= 57) {
        mantissa++
        if (!seenDot) intDigits++
      } else if (c === 46 && !seenDot) seenDot = true
      else break
    }
    let exponent = false
    if (i < b && (c === 101 || c === 69) && mantissa > 0) {
      exponent = true
      c = s.charCodeAt(++i)
      if (c === 45 || c === 43) c = s.charCodeAt(++i)
      const start = i
      while (i < b && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++
      if (i === start) mantissa = 0
    }
    if (i !== b || mantissa === 0) {
      const v = s.slice(a, b)
      if (/^[+-]?(?:nan|inf|infinity)$/i.test(v)) {
        this.#out.plain(v)
        return WROTE
      }
      return this.#fail(1208, `Invalid ${type.toLowerCase()} value '${v}', Type: ${type}`)
    }
    // Only an exponent or very many digits can leave the type's range.
    if (exponent || intDigits > 38) {
      const x = Number(s.slice(a, b))
      if (!Number.isFinite(x) || (single && Math.abs(x) > 3.4028234663852886e38))
        return this.#fail(1204, `Overflow for ${type}, Value '${s.slice(a, b)}'`)
    }
    this.#out.plainRange(s, a, b)
    return WROTE
  }

  #bool(s: string, a: number, b: number): number {
    let v: string
    if (b - a === 1) {
      switch (s.charCodeAt(a)) {
        case 116: // t
        case 84:
        case 49: // 1
        case 121: // y
        case 89:
          this.#out.plain('t')
          return WROTE
        case 102: // f
        case 70:
        case 48: // 0
        case 110: // n
        case 78:
          this.#out.plain('f')
          return WROTE
      }
      v = s.slice(a, b)
    } else {
      v = s.slice(a, b)
      switch (v.toLowerCase()) {
        case 'true':
        case 'yes':
          this.#out.plain('t')
          return WROTE
        case 'false':
        case 'no':
          this.#out.plain('f')
          return WROTE
      }
    }
    return this.#fail(1210, `Invalid boolean value '${v}'`)
  }

  #text(s: string, a: number, b: number, col: CopyTargetColumn, kind: ValueKind): number {
    const max = col.maxLength
    // Fast path: printable ASCII without characters CSV must quote, read in place.
    let simple = a < b && s.charCodeAt(a) !== BACKSLASH
    for (let i = a; simple && i < b; i++) {
      const c = s.charCodeAt(i)
      if (c >= 0x80 || c === 0 || c === QUOTE || c === COMMA || c === LF || c === CR) simple = false
    }
    if (simple && !(this.#s.trimBlanks && kind === 'varchar' && isSpace(s.charCodeAt(b - 1)))) {
      let end = b
      if (max !== undefined && b - a > max) {
        if (!this.#s.truncateColumns)
          return this.#fail(1204, `String length exceeds DDL length (${b - a} > ${max} bytes)`)
        end = a + max
      }
      this.#out.plainRange(s, a, end)
      return WROTE
    }
    let v = s.slice(a, b)
    if (this.invalidUtf8 && v.includes('\uFFFD')) {
      const r = this.#s.acceptInvChars
      if (r === undefined || kind !== 'varchar')
        return this.#fail(
          1220,
          'String contains invalid or unsupported UTF8 codepoints',
          v.indexOf('\uFFFD'),
        )
      v = v.replaceAll('\uFFFD', r)
    }
    if (v.includes('\u0000'))
      return this.#fail(1220, 'NUL (0x00) in a field is not emulated', v.indexOf('\u0000'))
    // TRIMBLANKS: trailing white space off VARCHAR values.
    if (this.#s.trimBlanks && kind === 'varchar') v = v.replace(/[ \t\r\n\v\f]+$/, '')
    if (kind === 'char') {
      // DG:r_Character_types: CHAR holds single-byte characters only.
      for (let i = 0; i < v.length; i++)
        if (v.charCodeAt(i) > 0x7f)
          return this.#fail(
            1215,
            'Multibyte character not supported for CHAR (Hint: try using VARCHAR)',
            i,
          )
    }
    // Redshift lengths are bytes (3 bytes per UTF-16 unit is the most UTF-8 can need).
    if (max !== undefined && v.length * 3 > max) {
      const bytes = Buffer.byteLength(v, 'utf8')
      if (bytes > max) {
        if (!this.#s.truncateColumns)
          return this.#fail(1204, `String length exceeds DDL length (${bytes} > ${max} bytes)`)
        v = truncateUtf8(v, max)
      }
    }
    this.#out.text(v)
    return WROTE
  }
}

/** Whether `s[a, b)` is only white space. */
function blank(s: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (!isSpace(s.charCodeAt(i))) return false
  return true
}

/** STL_LOAD_ERRORS.type: the type name without its modifiers (10 characters). */
function typeName(pgType: string): string {
  return pgType
    .replace(/\(.*\)/, '')
    .trim()
    .slice(0, 10)
}
