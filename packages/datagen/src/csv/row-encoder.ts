import type { Column, SqlType, TableDef } from '@redshift-playground/schema/model'

/**
 * A row being generated: one property per model column, holding the raw value — integers,
 * decimals as integers in units of their scale (cents for DECIMAL(10,2)), DATE as days since
 * 1970-01-01, TIMESTAMP as seconds since the epoch, TIME as seconds of the day, booleans and
 * strings — or `null` for NULL.
 */
export type RowOf<C> = {
  [K in keyof C & string]: string | Uint8Array | number | boolean | null
}

/** Growable output buffer (a standalone ArrayBuffer, transferable between threads). */
export class ByteBuffer {
  buf: Buffer
  /**
   * The same memory as a plain Uint8Array: hand-written writers use it so that every array
   * they touch has one map and V8 keeps their element accesses monomorphic.
   */
  bytes: Uint8Array
  pos = 0

  constructor(capacity = 1 << 20) {
    this.buf = Buffer.allocUnsafeSlow(capacity)
    this.bytes = new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.buf.length)
  }

  ensure(extra: number): Buffer {
    if (this.pos + extra > this.buf.length) this.#grow(extra)
    return this.buf
  }

  /** `ensure`, returning the plain Uint8Array view. */
  ensureBytes(extra: number): Uint8Array {
    if (this.pos + extra > this.buf.length) this.#grow(extra)
    return this.bytes
  }

  #grow(extra: number): void {
    const next = Buffer.allocUnsafeSlow(Math.max(this.pos + extra, this.buf.length * 2))
    this.buf.copy(next, 0, 0, this.pos)
    this.buf = next
    this.bytes = new Uint8Array(next.buffer, next.byteOffset, next.length)
  }

  /**
   * `reuse` emptied for a new chunk, or a new buffer of `capacity` bytes. Reusing a buffer
   * whose pages are already mapped saves a page fault per 4 KiB of output, which costs more
   * than encoding those bytes.
   */
  static into(reuse: ByteBuffer | undefined, capacity: number): ByteBuffer {
    if (!reuse) return new ByteBuffer(capacity)
    reuse.pos = 0
    return reuse
  }

  /**
   * The bytes written, as a view. The buffer must not be written again while the view is in
   * use (callers that reuse buffers wait until the consumer is done with it).
   */
  finish(): Uint8Array {
    return new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.pos)
  }
}

// ── field writers: (buffer, position, value) → new position. Plain functions so V8 inlines them.

/** '00' … '99' as ASCII byte pairs: digits are written two at a time. */
const D2 = new Uint8Array(200)
for (let i = 0; i < 100; i++) {
  D2[2 * i] = 48 + Math.floor(i / 10)
  D2[2 * i + 1] = 48 + (i % 10)
}

/** '0000' … '9999' as ASCII: integers are written four digits per lookup. */
const D4 = new Uint8Array(40_000)
for (let i = 0; i < 10_000; i++) {
  D4[4 * i] = 48 + ((i / 1000) | 0)
  D4[4 * i + 1] = 48 + (((i / 100) | 0) % 10)
  D4[4 * i + 2] = 48 + (((i / 10) | 0) % 10)
  D4[4 * i + 3] = 48 + (i % 10)
}

/** 0 ≤ n < 10,000 without leading zeros. */
function upTo4(b: Uint8Array, p: number, n: number): number {
  const at = n << 2
  if (n < 100) {
    if (n < 10) {
      b[p] = D4[at + 3] as number
      return p + 1
    }
    b[p] = D4[at + 2] as number
    b[p + 1] = D4[at + 3] as number
    return p + 2
  }
  if (n < 1000) {
    b[p] = D4[at + 1] as number
    b[p + 1] = D4[at + 2] as number
    b[p + 2] = D4[at + 3] as number
    return p + 3
  }
  b[p] = D4[at] as number
  b[p + 1] = D4[at + 1] as number
  b[p + 2] = D4[at + 2] as number
  b[p + 3] = D4[at + 3] as number
  return p + 4
}

/** 0 ≤ n < 10,000 as exactly four digits. */
function four(b: Uint8Array, p: number, n: number): number {
  const at = n << 2
  b[p] = D4[at] as number
  b[p + 1] = D4[at + 1] as number
  b[p + 2] = D4[at + 2] as number
  b[p + 3] = D4[at + 3] as number
  return p + 4
}

/**
 * A whole number in decimal. Values up to 2^31 − 1 are truncated to int32 first, so the
 * divisions by 10,000 compile to integer multiply-shifts instead of float divisions.
 */
export function int(b: Uint8Array, p: number, v: number): number {
  if (v < 0) {
    b[p++] = 45
    v = -v
  }
  if (v > 0x7fffffff) return bigInt(b, p, v)
  const n = v | 0
  if (n < 10_000) return upTo4(b, p, n)
  const hi = (n / 10_000) | 0
  const lo = n - hi * 10_000
  if (hi < 10_000) return four(b, upTo4(b, p, hi), lo)
  const top = (hi / 10_000) | 0
  return four(b, four(b, upTo4(b, p, top), hi - top * 10_000), lo)
}

function bigInt(b: Uint8Array, p: number, n: number): number {
  let len = 1
  for (let x = n; x >= 10; x = Math.floor(x / 10)) len++
  let q = p + len
  while (n >= 10) {
    const d = Math.floor(n / 10)
    b[--q] = 48 + (n - d * 10)
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
  let i = scale
  for (; i >= 2; i -= 2) {
    const d = Math.floor(frac / 100)
    const r = (frac - d * 100) << 1
    b[p + i - 1] = D2[r + 1] as number
    b[p + i - 2] = D2[r] as number
    frac = d
  }
  if (i === 1) b[p] = 48 + frac
  return p + scale
}

/** Money (DECIMAL(_, 2)) from integer cents: the commonest decimal, kept short to inline. */
export function cents(b: Uint8Array, p: number, v: number): number {
  if (v < 0) {
    b[p++] = 45
    v = -v
  }
  if (v > 0x7fffffff) return scaled(b, p, v, 2, 100)
  const n = v | 0
  const whole = (n / 100) | 0
  p = int(b, p, whole)
  const r = (n - whole * 100) << 1
  b[p] = 46
  b[p + 1] = D2[r] as number
  b[p + 2] = D2[r + 1] as number
  return p + 3
}

/** 'YYYY-MM-DD' bytes per epoch day, filled on first use (days 0 … DATE_CACHE_DAYS - 1). */
const DATE_CACHE_DAYS = 95_000
let dateCache: Uint8Array | undefined
let dateFilled: Uint8Array | undefined

function dateSlow(b: Uint8Array, p: number, days: number): number {
  // Howard Hinnant's civil_from_days, integer only.
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

function two(b: Uint8Array, p: number, n: number): number {
  b[p] = D2[2 * n] as number
  b[p + 1] = D2[2 * n + 1] as number
  return p + 2
}

/** Days since 1970-01-01 → YYYY-MM-DD, from the per-day cache. */
function date(b: Uint8Array, p: number, days: number): number {
  if (days < 0 || days >= DATE_CACHE_DAYS) return dateSlow(b, p, days)
  if (dateCache === undefined || dateFilled === undefined) {
    dateCache = new Uint8Array(DATE_CACHE_DAYS * 10)
    dateFilled = new Uint8Array(DATE_CACHE_DAYS)
  }
  const c = dateCache
  const at = days * 10
  if (dateFilled[days] === 0) {
    dateSlow(c, at, days)
    dateFilled[days] = 1
  }
  for (let i = 0; i < 10; i++) b[p + i] = c[at + i] as number
  return p + 10
}

function time(b: Uint8Array, p: number, seconds: number): number {
  const s = seconds | 0
  const h = (s / 3600) | 0
  const rest = s - h * 3600
  const m = (rest / 60) | 0
  p = two(b, p, h)
  b[p++] = 58
  p = two(b, p, m)
  b[p++] = 58
  return two(b, p, rest - m * 60)
}

export function timestamp(b: Uint8Array, p: number, epochSeconds: number): number {
  const days = Math.floor(epochSeconds / 86400)
  p = date(b, p, days)
  b[p++] = 32
  return time(b, p, epochSeconds - days * 86400)
}

function bool(b: Uint8Array, p: number, v: boolean): number {
  b[p] = v ? 116 : 102
  return p + 1
}

/**
 * Text: printable ASCII is copied byte by byte; anything else goes through CSV quoting +
 * UTF-8. A `Uint8Array` value is taken as already-encoded CSV bytes (pre-encoded constants).
 */
function text(b: Buffer, p: number, s: string | Uint8Array): number {
  if (typeof s !== 'string') {
    // A byte loop beats TypedArray#set for the short constants this is used for.
    const n = s.length
    for (let i = 0; i < n; i++) b[p + i] = s[i] as number
    return p + n
  }
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

const WRITERS = { int, scaled, cents, date, time, timestamp, bool, text }

function writerFor(type: SqlType, value: string): string {
  switch (type.kind) {
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'double':
      return `p = W.int(b, p, ${value})`
    case 'decimal':
      return type.scale === 2
        ? `p = W.cents(b, p, ${value})`
        : `p = W.scaled(b, p, ${value}, ${type.scale}, ${10 ** type.scale})`
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
