import { csvText } from './csv-format.js'

/**
 * Growable output buffer (a standalone ArrayBuffer, transferable between threads). Writers
 * use `view`, a DataView of the same memory: a 2- or 4-byte `setUint16`/`setUint32` of
 * precomputed ASCII stores several characters at once, at any offset.
 */
export class ByteBuffer {
  buf: Buffer
  view: DataView
  pos = 0

  constructor(capacity = 1 << 20) {
    this.buf = Buffer.allocUnsafeSlow(capacity)
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length)
  }

  /**
   * Room for `extra` more bytes after `pos`. Writers may store up to 3 bytes past the end of
   * what they write (word stores of shorter runs), so callers reserve a bound, not an exact
   * size.
   */
  ensure(extra: number): DataView {
    if (this.pos + extra > this.buf.length) this.#grow(extra)
    return this.view
  }

  #grow(extra: number): void {
    const next = Buffer.allocUnsafeSlow(Math.max(this.pos + extra, this.buf.length * 2))
    this.buf.copy(next, 0, 0, this.pos)
    this.buf = next
    this.view = new DataView(next.buffer, next.byteOffset, next.length)
  }

  /**
   * `reuse` emptied for a new chunk, or a new buffer of `capacity` bytes. Reusing a buffer
   * whose pages are already mapped saves a page fault per 4 KiB of output, which costs more
   * than encoding those bytes.
   */
  static into(reuse: ByteBuffer | undefined, capacity: number): ByteBuffer {
    if (!reuse) return new ByteBuffer(capacity)
    reuse.pos = 0
    // Too small for this chunk: take new memory of the size asked for at once, instead of
    // doubling (and copying) as rows arrive. Nothing of the old contents is kept.
    if (reuse.buf.length < capacity) {
      reuse.buf = Buffer.allocUnsafeSlow(capacity)
      reuse.view = new DataView(reuse.buf.buffer, reuse.buf.byteOffset, reuse.buf.length)
    }
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

// ── field writers: (view, position, value) → new position. Plain functions so V8 inlines them.

/** The bytes of an ASCII string (constants written by copying). */
export function asciiBytes(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0))
}

/**
 * Little-endian word of up to four ASCII characters of `s` from index `at` (the first
 * character in the low byte).
 */
export function asciiWord(s: string, at = 0): number {
  let w = 0
  const end = Math.min(s.length, at + 4)
  for (let i = at; i < end; i++) w |= (s.charCodeAt(i) & 0xff) << (8 * (i - at))
  return w >>> 0
}

/** '0000' … '9999' as little-endian words: four digits per store. */
const PAD4 = new Uint32Array(10_000)
/** 0 … 9999 without leading zeros (stored as a word; only LEN4[n] bytes count). */
const WORD4 = new Uint32Array(10_000)
const LEN4 = new Uint8Array(10_000)
// Built from the digits (no strings: this runs at every import).
for (let n = 0; n < 10_000; n++) {
  const d = [(n / 1000) | 0, ((n / 100) | 0) % 10, ((n / 10) | 0) % 10, n % 10]
  const len = n >= 1000 ? 4 : n >= 100 ? 3 : n >= 10 ? 2 : 1
  let pad = 0
  let word = 0
  for (let k = 0; k < 4; k++) pad |= (48 + (d[k] as number)) << (8 * k)
  for (let k = 0; k < len; k++) word |= (48 + (d[4 - len + k] as number)) << (8 * k)
  PAD4[n] = pad >>> 0
  WORD4[n] = word >>> 0
  LEN4[n] = len
}
/** '00' … '99' as little-endian 16-bit words. */
const PAD2 = Uint16Array.from({ length: 100 }, (_, i) => asciiWord(String(i).padStart(2, '0')))
/** '.00' … '.99' as little-endian words (three bytes used). */
const DOT2 = Uint32Array.from({ length: 100 }, (_, i) =>
  asciiWord(`.${String(i).padStart(2, '0')}`),
)

/** Copies `src` (plain bytes) to `d` at `p`; returns the new position. */
export function putBytes(d: DataView, p: number, src: Uint8Array): number {
  const n = src.length
  for (let i = 0; i < n; i++) d.setUint8(p + i, src[i] as number)
  return p + n
}

/**
 * A whole number in decimal. The common case, 0 … 9999, is one word store (a short number
 * stores a full word and advances by its length — the extra bytes are overwritten by what
 * follows); the function is kept that small so V8 inlines it into the row writers.
 */
export function int(d: DataView, p: number, v: number): number {
  if (v >= 0 && v < 10_000) {
    const n = v | 0
    d.setUint32(p, WORD4[n] as number, true)
    return p + (LEN4[n] as number)
  }
  return intWide(d, p, v)
}

/**
 * `int` of any other value. Values up to 2^31 − 1 are truncated to int32 first, so the
 * divisions by 10,000 compile to integer multiply-shifts; each group of four digits is one
 * word store.
 */
function intWide(d: DataView, p: number, v: number): number {
  if (v < 0) {
    d.setUint8(p++, 45)
    v = -v
  }
  if (v > 0x7fffffff) return bigInt(d, p, v)
  const n = v | 0
  if (n < 10_000) {
    d.setUint32(p, WORD4[n] as number, true)
    return p + (LEN4[n] as number)
  }
  const hi = (n / 10_000) | 0
  const lo = n - hi * 10_000
  if (hi < 10_000) {
    d.setUint32(p, WORD4[hi] as number, true)
    p += LEN4[hi] as number
  } else {
    const top = (hi / 10_000) | 0
    d.setUint32(p, WORD4[top] as number, true)
    p += LEN4[top] as number
    d.setUint32(p, PAD4[hi - top * 10_000] as number, true)
    p += 4
  }
  d.setUint32(p, PAD4[lo] as number, true)
  return p + 4
}

function bigInt(d: DataView, p: number, n: number): number {
  let len = 1
  for (let x = n; x >= 10; x = Math.floor(x / 10)) len++
  let q = p + len
  while (n >= 10) {
    const t = Math.floor(n / 10)
    d.setUint8(--q, 48 + (n - t * 10))
    n = t
  }
  d.setUint8(--q, 48 + n)
  return p + len
}

function scaled(d: DataView, p: number, v: number, scale: number, unit: number): number {
  if (v < 0) {
    d.setUint8(p++, 45)
    v = -v
  }
  const whole = Math.floor(v / unit)
  p = int(d, p, whole)
  d.setUint8(p++, 46)
  let frac = v - whole * unit
  for (let i = scale - 1; i >= 0; i--) {
    const t = Math.floor(frac / 10)
    d.setUint8(p + i, 48 + (frac - t * 10))
    frac = t
  }
  return p + scale
}

/**
 * Money (DECIMAL(_, 2)) from integer cents, the commonest decimal. Below 10,000.00 it is two
 * word stores (whole part, then '.' and the two digits), small enough for V8 to inline.
 */
export function cents(d: DataView, p: number, v: number): number {
  if (v >= 0 && v < 1_000_000) {
    const whole = (v / 100) | 0
    d.setUint32(p, WORD4[whole] as number, true)
    p += LEN4[whole] as number
    d.setUint32(p, DOT2[(v | 0) - whole * 100] as number, true)
    return p + 3
  }
  return centsWide(d, p, v)
}

function centsWide(d: DataView, p: number, v: number): number {
  if (v < 0) {
    d.setUint8(p++, 45)
    v = -v
  }
  if (v > 0x7fffffff) return scaled(d, p, v, 2, 100)
  const n = v | 0
  const whole = (n / 100) | 0
  p = int(d, p, whole)
  d.setUint8(p, 46)
  d.setUint16(p + 1, PAD2[n - whole * 100] as number, true)
  return p + 3
}

// Take each writer's wide path a few times now. V8 optimises the row writers (which inline
// `int` and `cents`) after the first few thousand rows; if no wide value had come by then, the
// call to the wide path has no type feedback, and the first one to come deoptimises the whole
// writer, which is then compiled again. Likewise a value held as a double (sums of cents are)
// arriving after only small integers. (V8 records feedback only once a function has run a few
// times, hence the loop.)
{
  const scratch = new DataView(new ArrayBuffer(64))
  for (let i = 0; i < 32; i++) {
    int(scratch, 0, 123_456_789 + i)
    int(scratch, 0, 2 ** 40 + i)
    cents(scratch, 0, 123_456_789 + i)
    cents(scratch, 0, 2 ** 40 + i)
  }
}

/**
 * 'YYYY-MM-DD' per epoch day as words (3 per day: YYYY, -MM-, DD), filled on first use, for
 * days DATE_MIN … DATE_MAX − 1 (1833 to 2229: birth dates before 1970 are negative days).
 */
const DATE_MIN = -50_000
const DATE_MAX = 95_000
let dateWords: Uint32Array | undefined

function civil(days: number): { y: number; m: number; d: number } {
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
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d }
}

function dateSlow(d: DataView, p: number, days: number): number {
  const c = civil(days)
  const text = `${String(c.y).padStart(4, '0')}-${String(c.m).padStart(2, '0')}-${String(c.d).padStart(2, '0')}`
  return putBytes(d, p, asciiBytes(text))
}

/** Days since 1970-01-01 → YYYY-MM-DD, from the per-day cache. */
export function date(d: DataView, p: number, days: number): number {
  if (days < DATE_MIN || days >= DATE_MAX) return dateSlow(d, p, days)
  dateWords ??= new Uint32Array((DATE_MAX - DATE_MIN) * 3)
  const w = dateWords
  const at = (days - DATE_MIN) * 3
  if (w[at] === 0) {
    const c = civil(days)
    w[at] = PAD4[c.y] as number
    w[at + 1] = (45 | ((PAD2[c.m] as number) << 8) | (45 << 24)) >>> 0
    w[at + 2] = PAD2[c.d] as number
  }
  d.setUint32(p, w[at] as number, true)
  d.setUint32(p + 4, w[at + 1] as number, true)
  d.setUint16(p + 8, w[at + 2] as number, true)
  return p + 10
}

/** Seconds of the day → HH:MM:SS. */
export function time(d: DataView, p: number, seconds: number): number {
  const s = seconds | 0
  const h = (s / 3600) | 0
  const rest = s - h * 3600
  const m = (rest / 60) | 0
  d.setUint16(p, PAD2[h] as number, true)
  d.setUint8(p + 2, 58)
  d.setUint16(p + 3, PAD2[m] as number, true)
  d.setUint8(p + 5, 58)
  d.setUint16(p + 6, PAD2[rest - m * 60] as number, true)
  return p + 8
}

export function timestamp(d: DataView, p: number, epochSeconds: number): number {
  const days = Math.floor(epochSeconds / 86400)
  p = date(d, p, days)
  d.setUint8(p, 32)
  return time(d, p + 1, epochSeconds - days * 86400)
}

function bool(d: DataView, p: number, v: boolean): number {
  d.setUint8(p, v ? 116 : 102)
  return p + 1
}

/**
 * Text: printable ASCII is copied byte by byte; anything else goes through CSV quoting +
 * UTF-8. A `Uint8Array` value is taken as already-encoded CSV bytes (pre-encoded constants).
 */
function text(d: DataView, out: Buffer, p: number, s: string | Uint8Array): number {
  if (typeof s !== 'string') return putBytes(d, p, s)
  const n = s.length
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i)
    if (c < 32 || c > 126 || c === 34 || c === 44) return textSlow(out, p, s)
    d.setUint8(p + i, c)
  }
  return p + n
}

function textSlow(out: Buffer, p: number, s: string): number {
  return p + out.write(csvText(s), p, 'utf8')
}

/**
 * What compiled row writers use, by name (see `compileRowWriter`): the byte writers, and the
 * digit tables and slow paths of `int` and `cents`, whose fast paths the compiled writers
 * spell out inline (a row of two dozen calls would exceed what V8 inlines into one function).
 */
export const FIELD_WRITERS = Object.freeze({
  int,
  intWide,
  scaled,
  cents,
  centsWide,
  date,
  time,
  timestamp,
  bool,
  text,
  WORD4,
  LEN4,
  DOT2,
})
