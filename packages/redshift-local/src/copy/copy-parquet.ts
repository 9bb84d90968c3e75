import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import type { AsyncBuffer, FileMetaData, SchemaElement } from 'hyparquet'
import { notEmulated, ruleError } from '../errors.js'
import { civil, isoDate } from './copy-datetime.js'
import { copyFailed } from './copy-errors.js'
import type { CopyTargetColumn } from './copy-from-s3.js'
import {
  FIELD_NULL,
  FIELD_QUOTED,
  kindOf,
  type RowConverter,
  type ValueKind,
} from './copy-values.js'

const gunzipAsync = promisify(gunzip)

/** The broad type of a Parquet leaf column, as Redshift matches it to a table column. */
type ParquetCategory =
  | 'bool'
  | 'int'
  | 'decimal'
  | 'float'
  | 'string'
  | 'binary'
  | 'date'
  | 'timestamp'
  | 'time'

interface ParquetColumn {
  readonly name: string
  readonly category: ParquetCategory
  /** DECIMAL scale. */
  readonly scale: number
  /** TIME unit: divisor of the raw value to get seconds' fraction digits. */
  readonly timeUnit: 'MILLIS' | 'MICROS' | 'NANOS'
}

/** Which Parquet types load into which table types. UNCONFIRMED: Redshift's exact matrix. */
const COMPATIBLE: Readonly<Record<ValueKind, readonly ParquetCategory[]>> = {
  int2: ['int', 'bool'],
  int4: ['int', 'bool'],
  int8: ['int', 'bool'],
  numeric: ['decimal', 'int'],
  float4: ['float', 'int', 'decimal'],
  float8: ['float', 'int', 'decimal'],
  bool: ['bool'],
  date: ['date', 'timestamp'],
  timestamp: ['timestamp', 'date'],
  timestamptz: ['timestamp', 'date'],
  time: ['time'],
  timetz: ['time'],
  char: ['string', 'binary'],
  varchar: ['string', 'binary'],
  bytea: ['binary', 'string'],
  other: ['bool', 'int', 'decimal', 'float', 'string', 'binary', 'date', 'timestamp', 'time'],
}

/** A string read from bytes that were not valid UTF-8 (kept lossy for ACCEPTINVCHARS). */
class InvalidUtf8 {
  constructor(readonly text: string) {}
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const lossy = new TextDecoder('utf-8', { ignoreBOM: true })

function utf8(bytes: Uint8Array): string | InvalidUtf8 {
  try {
    return strict.decode(bytes)
  } catch {
    return new InvalidUtf8(lossy.decode(bytes))
  }
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n))
const dateParts = { year: 0, month: 1, day: 1 }

/** 'YYYY-MM-DD HH:MM:SS[.ffffff]' of a count of `perSecond` units since the epoch. */
function timestampText(units: bigint, perSecond: bigint): string {
  let seconds = units / perSecond
  let rest = units % perSecond
  if (rest < 0n) {
    rest += perSecond
    seconds -= 1n
  }
  const s = Number(seconds)
  const days = Math.floor(s / 86_400)
  const secs = s - days * 86_400
  civil(days, dateParts)
  const micros =
    perSecond >= 1_000_000n ? rest / (perSecond / 1_000_000n) : rest * (1_000_000n / perSecond)
  const fraction = micros === 0n ? '' : `.${String(micros).padStart(6, '0').replace(/0+$/, '')}`
  const date = isoDate(dateParts)
  const bc = date.endsWith(' BC')
  const time = `${pad2(Math.floor(secs / 3600))}:${pad2(Math.floor((secs % 3600) / 60))}:${pad2(secs % 60)}${fraction}`
  return bc ? `${date.slice(0, -3)} ${time} BC` : `${date} ${time}`
}

/** hyparquet parsers that give this loader PostgreSQL text straight away. */
const PARSERS = {
  timestampFromMilliseconds: (v: bigint) => timestampText(v, 1000n),
  timestampFromMicroseconds: (v: bigint) => timestampText(v, 1_000_000n),
  timestampFromNanoseconds: (v: bigint) => timestampText(v, 1_000_000_000n),
  dateFromDays: (days: number) => {
    civil(days, dateParts)
    return isoDate(dateParts)
  },
  stringFromBytes: (b: Uint8Array) => (b === undefined ? b : utf8(b)),
  jsonFromBytes: (b: Uint8Array) => (b === undefined ? b : utf8(b)),
}

/** A leaf's category; undefined for types this loader does not read (nested, INTERVAL, …). */
function categoryOf(e: SchemaElement): ParquetCategory | undefined {
  const ct = e.converted_type
  const lt = e.logical_type?.type
  if (ct === 'DECIMAL' || lt === 'DECIMAL') return 'decimal'
  if (ct === 'DATE' || lt === 'DATE') return 'date'
  if (
    ct === 'TIMESTAMP_MILLIS' ||
    ct === 'TIMESTAMP_MICROS' ||
    lt === 'TIMESTAMP' ||
    e.type === 'INT96'
  )
    return 'timestamp'
  if (ct === 'TIME_MILLIS' || ct === 'TIME_MICROS' || lt === 'TIME') return 'time'
  if (
    ct === 'UTF8' ||
    ct === 'ENUM' ||
    ct === 'JSON' ||
    lt === 'STRING' ||
    lt === 'ENUM' ||
    lt === 'JSON' ||
    lt === 'UUID'
  )
    return 'string'
  if (
    ct === 'INTERVAL' ||
    ct === 'BSON' ||
    lt === 'BSON' ||
    lt === 'INTERVAL' ||
    lt === 'GEOMETRY' ||
    lt === 'GEOGRAPHY' ||
    lt === 'VARIANT'
  )
    return undefined
  switch (e.type) {
    case 'BOOLEAN':
      return 'bool'
    case 'INT32':
    case 'INT64':
      return 'int'
    case 'FLOAT':
    case 'DOUBLE':
      return 'float'
    case 'BYTE_ARRAY':
    case 'FIXED_LEN_BYTE_ARRAY':
      // FLOAT16 arrives as a number (hyparquet converts it).
      return lt === 'FLOAT16' ? 'float' : 'binary'
    default:
      return undefined
  }
}

/** Two's complement big-endian bytes as a bigint (FIXED_LEN_BYTE_ARRAY / BYTE_ARRAY decimals). */
function bigintOf(bytes: Uint8Array): bigint {
  let v = 0n
  for (const b of bytes) v = (v << 8n) | BigInt(b)
  const bits = BigInt(bytes.length * 8)
  if (bytes.length > 0 && (bytes[0] as number) & 0x80) v -= 1n << bits
  return v
}

/** An unscaled decimal as text with `scale` digits after the point. */
function decimalText(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n
  const digits = (negative ? -unscaled : unscaled).toString()
  if (scale === 0) return negative ? `-${digits}` : digits
  const padded = digits.padStart(scale + 1, '0')
  const text = `${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`
  return negative ? `-${text}` : text
}

function timeText(raw: number | bigint, unit: ParquetColumn['timeUnit']): string {
  const perSecond = unit === 'MILLIS' ? 1000n : unit === 'MICROS' ? 1_000_000n : 1_000_000_000n
  const v = BigInt(raw)
  const secs = Number(v / perSecond)
  const rest = v % perSecond
  const micros =
    perSecond >= 1_000_000n ? rest / (perSecond / 1_000_000n) : rest * (1_000_000n / perSecond)
  const fraction = micros === 0n ? '' : `.${String(micros).padStart(6, '0').replace(/0+$/, '')}`
  return `${pad2(Math.floor(secs / 3600))}:${pad2(Math.floor((secs % 3600) / 60))}:${pad2(secs % 60)}${fraction}`
}

const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex')

/** The file's bytes (gunzipped when `.gz`) as hyparquet's buffer, and its metadata. */
async function openParquet(
  o: { readonly bytes: Uint8Array; readonly url: string },
  statement: string,
  hyparquet: typeof import('hyparquet'),
): Promise<{ file: AsyncBuffer; metadata: FileMetaData }> {
  const { url } = o
  let bytes = o.bytes
  if (/\.gz$/i.test(url)) {
    try {
      bytes = await gunzipAsync(bytes)
    } catch (e) {
      throw copyFailed(`gzip: ${(e as Error).message} in ${url}`, statement, e)
    }
  } else if (/\.(snappy|bz2)$/i.test(url))
    throw notEmulated(`COPY of a whole-file compressed Parquet file (${url})`, statement)
  const file: AsyncBuffer = {
    byteLength: bytes.byteLength,
    slice: (start, end) =>
      bytes.buffer.slice(
        bytes.byteOffset + start,
        bytes.byteOffset + (end ?? bytes.byteLength),
      ) as ArrayBuffer,
  }
  try {
    return { file, metadata: await hyparquet.parquetMetadataAsync(file) }
  } catch (e) {
    throw copyFailed(
      `File ${url} is not a valid Parquet file: ${(e as Error).message}`,
      statement,
      e,
    )
  }
}

/**
 * The file's top-level columns, and the schema to read them with (DECIMAL as raw unscaled
 * integers: hyparquet would make them floats and lose digits). Nested groups (Redshift loads
 * them into SUPER) are not emulated.
 */
function parquetColumns(
  metadata: FileMetaData,
  statement: string,
): { fileColumns: ParquetColumn[]; leafSchema: SchemaElement[] } {
  const schema = metadata.schema
  const root = schema[0]
  const fileColumns: ParquetColumn[] = []
  const leafSchema: SchemaElement[] = [root as SchemaElement]
  for (let i = 1, left = root?.num_children ?? 0; left > 0 && i < schema.length; left--) {
    const e = schema[i] as SchemaElement
    const category = e.num_children ? undefined : categoryOf(e)
    if (category === undefined || e.repetition_type === 'REPEATED')
      throw notEmulated(
        `COPY of the Parquet column ${e.name} (nested or of an unsupported type)`,
        statement,
      )
    const lt = e.logical_type
    fileColumns.push({
      name: e.name,
      category,
      scale: e.scale ?? (lt?.type === 'DECIMAL' ? lt.scale : 0),
      timeUnit:
        lt?.type === 'TIME' ? lt.unit : e.converted_type === 'TIME_MILLIS' ? 'MILLIS' : 'MICROS',
    })
    leafSchema.push(
      category === 'decimal' ? { ...e, converted_type: undefined, logical_type: undefined } : e,
    )
    i++
  }
  return { fileColumns, leafSchema }
}

/** Column count by position (FILLRECORD may leave the last ones out) and type compatibility. */
function checkParquetColumns(
  fileColumns: readonly ParquetColumn[],
  columns: readonly CopyTargetColumn[],
  o: { readonly fillRecord: boolean; readonly url: string; readonly statement: string },
): void {
  const { url, statement } = o
  if (
    fileColumns.length !== columns.length &&
    !(o.fillRecord && fileColumns.length < columns.length)
  )
    throw ruleError(
      'R-COPY-5',
      `Unmatched number of columns between table and file. Table columns: ${columns.length}, Data columns: ${fileColumns.length}, File: ${url}`,
      statement,
      'XX000',
    )
  fileColumns.forEach((fc, i) => {
    const col = columns[i] as CopyTargetColumn
    const kind = kindOf(col.pgType)
    if (!COMPATIBLE[kind].includes(fc.category))
      throw copyFailed(
        `Spectrum Scan Error: incompatible Parquet schema for column '${col.name}'. Column type: ${col.pgType}, Parquet column ${fc.name} of ${fc.category} type (File: ${url})`,
        statement,
      )
  })
}

/**
 * Loads one Parquet file (R-COPY-5): the file's columns map to `columns` by position and their
 * counts must be equal (FILLRECORD: the file may have fewer, the rest load as NULL). Values become
 * PostgreSQL text: DATE → ISO date, TIMESTAMP → ISO timestamp (microseconds kept), DECIMAL → the
 * exact digits as written, INT64 → integer text, binary → hex (`\x…`) or UTF-8 text for character
 * columns. Reads one row group at a time; `afterBatch` runs after each.
 * A `.gz` file is gunzipped first; `.snappy` and `.bz2` whole-file compression is not emulated.
 */
export async function readParquetFile(o: {
  readonly bytes: Uint8Array
  readonly url: string
  readonly columns: readonly CopyTargetColumn[]
  readonly fillRecord: boolean
  readonly rows: RowConverter
  readonly statement: string
  readonly afterBatch: () => Promise<void>
}): Promise<void> {
  const { columns, rows, statement } = o
  const hyparquet = await import('hyparquet')
  const { file, metadata } = await openParquet(o, statement, hyparquet)
  const { fileColumns, leafSchema } = parquetColumns(metadata, statement)
  checkParquetColumns(fileColumns, columns, o)
  const readMetadata: FileMetaData = { ...metadata, schema: leafSchema }

  const n = columns.length
  const kinds = columns.map((c) => kindOf(c.pgType))
  let current: unknown[] = []
  rows.describeRaw = () =>
    current.map((v) => (v === null || v === undefined ? '' : String(v))).join('|')
  let rowNumber = 0
  let start = 0
  for (const group of metadata.row_groups) {
    const end = start + Number(group.num_rows)
    let data: unknown[][] = []
    await hyparquet.parquetRead({
      file,
      metadata: readMetadata,
      rowStart: start,
      rowEnd: end,
      rowFormat: 'array',
      utf8: false,
      parsers: PARSERS,
      onComplete: (r: unknown[][]) => {
        data = r
      },
    })
    start = end
    for (const values of data) {
      rowNumber++
      current = values
      for (let c = 0; c < n; c++) {
        const v = c < fileColumns.length ? values[c] : null
        if (v === null || v === undefined) rows.setField(c, '', FIELD_NULL)
        else
          rows.setField(
            c,
            textOf(v, fileColumns[c] as ParquetColumn, kinds[c] as ValueKind, rows),
            FIELD_QUOTED,
          )
      }
      rows.count = n
      // Columnar loads take no MAXERROR: the converter's error handler fails the COPY.
      rows.record(rowNumber)
    }
    await o.afterBatch()
  }
}

function textOf(v: unknown, fc: ParquetColumn, kind: ValueKind, rows: RowConverter): string {
  switch (fc.category) {
    case 'bool':
      return v
        ? kind === 'bool' || kind === 'other'
          ? 't'
          : '1'
        : kind === 'bool' || kind === 'other'
          ? 'f'
          : '0'
    case 'int':
      return String(v)
    case 'float': {
      const x = v as number
      return Number.isNaN(x)
        ? 'NaN'
        : x === Number.POSITIVE_INFINITY
          ? 'Infinity'
          : x === Number.NEGATIVE_INFINITY
            ? '-Infinity'
            : String(x)
    }
    case 'decimal': {
      const unscaled = v instanceof Uint8Array ? bigintOf(v) : BigInt(v as number | bigint)
      return decimalText(unscaled, fc.scale)
    }
    case 'time':
      return timeText(v as number | bigint, fc.timeUnit)
    case 'date': {
      // DATE into a TIMESTAMP column: midnight.
      const d = String(v)
      if (kind !== 'timestamp' && kind !== 'timestamptz') return d
      return d.endsWith(' BC') ? `${d.slice(0, -3)} 00:00:00 BC` : `${d} 00:00:00`
    }
    case 'timestamp': {
      // TIMESTAMP into a DATE column: the date part.
      const t = String(v)
      if (kind !== 'date') return t
      return t.endsWith(' BC') ? `${t.slice(0, t.indexOf(' '))} BC` : t.slice(0, t.indexOf(' '))
    }
    case 'string':
    case 'binary': {
      let s: string | InvalidUtf8
      if (v instanceof Uint8Array) {
        if (kind === 'bytea') return hex(v)
        s = utf8(v)
      } else s = v as string | InvalidUtf8
      if (s instanceof InvalidUtf8) {
        rows.invalidUtf8 = true
        return s.text
      }
      // A string into VARBYTE: its UTF-8 bytes.
      return kind === 'bytea' ? Buffer.from(s, 'utf8').toString('hex') : s
    }
  }
}
