import type { Column, SqlType, TableDef } from '@redshift-playground/schema'

/**
 * A row being generated: one property per model column, holding the raw value — integers,
 * decimals as integers in units of their scale (cents for DECIMAL(10,2)), DATE as days since
 * 1970-01-01, TIMESTAMP as seconds since the epoch, TIME as seconds of the day, booleans and
 * strings — or `null` for NULL.
 */
export type RowOf<C> = {
  [K in keyof C & string]: string | number | boolean | null
}

/** Growable output buffer (a standalone ArrayBuffer, transferable between threads). */
export class ByteBuffer {
  buf: Buffer
  pos = 0

  constructor(capacity = 1 << 20) {
    this.buf = Buffer.allocUnsafeSlow(capacity)
  }

  ensure(extra: number): Buffer {
    if (this.pos + extra > this.buf.length) {
      const next = Buffer.allocUnsafeSlow(Math.max(this.pos + extra, this.buf.length * 2))
      this.buf.copy(next, 0, 0, this.pos)
      this.buf = next
    }
    return this.buf
  }

  /** The bytes written; the buffer must not be used afterwards. */
  finish(): Uint8Array {
    return new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.pos)
  }
}

// ── field writers: (buffer, position, value) → new position. Plain functions so V8 inlines them.

function int(b: Uint8Array, p: number, n: number): number {
  if (n < 0) {
    b[p++] = 45
    n = -n
  }
  if (n < 10) {
    b[p] = 48 + n
    return p + 1
  }
  let len = 1
  for (let x = n; x >= 10; x = Math.floor(x / 10)) len++
  let q = p + len
  while (n >= 10) {
    const d = Math.floor(n / 10)
    b[--q] = 48 + n - d * 10
    n = d
  }
  b[--q] = 48 + n
  return p + len
}

function scaled(b: Uint8Array, p: number, v: number, scale: number, unit: number): number {
  if (v < 0) {
    b[p++] = 45
    v = -v
  }
  const whole = Math.floor(v / unit)
  p = int(b, p, whole)
  b[p++] = 46
  let frac = v - whole * unit
  for (let i = scale - 1; i >= 0; i--) {
    const d = Math.floor(frac / 10)
    b[p + i] = 48 + frac - d * 10
    frac = d
  }
  return p + scale
}

function two(b: Uint8Array, p: number, n: number): number {
  const t = Math.floor(n / 10)
  b[p] = 48 + t
  b[p + 1] = 48 + n - t * 10
  return p + 2
}

/** Days since 1970-01-01 → YYYY-MM-DD (Howard Hinnant's civil_from_days, integer only). */
function date(b: Uint8Array, p: number, days: number): number {
  const z = days + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  p = two(b, p, Math.floor(y / 100))
  p = two(b, p, y % 100)
  b[p++] = 45
  p = two(b, p, m)
  b[p++] = 45
  return two(b, p, d)
}

function time(b: Uint8Array, p: number, seconds: number): number {
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds - h * 3600) / 60)
  p = two(b, p, h)
  b[p++] = 58
  p = two(b, p, m)
  b[p++] = 58
  return two(b, p, seconds - h * 3600 - m * 60)
}

function timestamp(b: Uint8Array, p: number, epochSeconds: number): number {
  const days = Math.floor(epochSeconds / 86400)
  p = date(b, p, days)
  b[p++] = 32
  return time(b, p, epochSeconds - days * 86400)
}

function bool(b: Uint8Array, p: number, v: boolean): number {
  b[p] = v ? 116 : 102
  return p + 1
}

/** Text: printable ASCII is copied byte by byte; anything else goes through CSV quoting + UTF-8. */
function text(b: Buffer, p: number, s: string): number {
  const n = s.length
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i)
    if (c < 32 || c > 126 || c === 34 || c === 44) return textSlow(b, p, s)
    b[p + i] = c
  }
  return p + n
}

function textSlow(b: Buffer, p: number, s: string): number {
  const quoted = /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  return p + b.write(quoted, p, 'utf8')
}

const WRITERS = { int, scaled, date, time, timestamp, bool, text }

function writerFor(type: SqlType, value: string): string {
  switch (type.kind) {
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'double':
      return `p = W.int(b, p, ${value})`
    case 'decimal':
      return `p = W.scaled(b, p, ${value}, ${type.scale}, ${10 ** type.scale})`
    case 'date':
      return `p = W.date(b, p, ${value})`
    case 'time':
      return `p = W.time(b, p, ${value})`
    case 'timestamp':
      return `p = W.timestamp(b, p, ${value})`
    case 'boolean':
      return `p = W.bool(b, p, ${value})`
    case 'varchar':
    case 'char':
      return `p = W.text(b, p, ${value})`
  }
}

const IDENT = /^[a-z_][a-z0-9_]*$/

/** Upper bound of one encoded row, from the model's column types. */
function maxRowBytes(table: { readonly columns: Record<string, Column> }): number {
  let n = 1
  for (const c of Object.values(table.columns)) {
    const t = c.type
    n += 1 + (t.kind === 'varchar' || t.kind === 'char' ? 6 * t.length + 2 : 48)
  }
  return n
}

/**
 * Compiles a CSV row encoder for a table from the model: column order is
 * `Object.keys(table.columns)` and each column's SQL type picks its byte writer, so there is
 * no second hand-written column list. The encoder writes bytes straight into the buffer (no
 * intermediate strings), which is what makes millions of rows a second possible in JS.
 * NULL (`null`) is an empty unquoted field, which COPY … CSV reads as NULL.
 */
export function compileRowEncoder<C extends Record<string, Column>>(
  table: Pick<TableDef<C>, 'name' | 'columns'>,
): { readonly row: RowOf<C>; readonly encode: (out: ByteBuffer, row: RowOf<C>) => void } {
  const columns = Object.entries(table.columns as Record<string, Column>)
  const lines: string[] = [
    `const b = out.ensure(${maxRowBytes(table)})`,
    'let p = out.pos',
    'let v',
  ]
  columns.forEach(([name, column], i) => {
    if (!IDENT.test(name))
      throw new Error(`column ${name} of ${table.name} is not a plain identifier`)
    if (i > 0) lines.push('b[p++] = 44')
    lines.push(`v = r.${name}`)
    if (column.nullable) lines.push(`if (v !== null) ${writerFor(column.type, 'v')}`)
    else lines.push(writerFor(column.type, 'v'))
  })
  lines.push('b[p++] = 10', 'out.pos = p')
  const factory = new Function(
    'W',
    `return function encode_${table.name}(out, r) {\n${lines.join('\n')}\n}`,
  )
  const encode = factory(WRITERS) as (out: ByteBuffer, row: RowOf<C>) => void
  const row = Object.fromEntries(columns.map(([c]) => [c, null])) as RowOf<C>
  return { row, encode }
}
