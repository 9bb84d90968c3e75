import { FIELD_NULL, FIELD_PLAIN, FIELD_QUOTED, type RowConverter } from './copy-values.js'

/** What the reader needs of a COPY's settings (a subset of CopySettings). */
export interface DelimitedSettings {
  readonly format: 'csv' | 'text' | 'parquet'
  readonly delimiter: string
  readonly quote: string
  readonly escape: boolean
  readonly removeQuotes: boolean
  readonly nullAs: string
  readonly ignoreHeader: number
  readonly ignoreBlankLines: boolean
}

/** Redshift's row limit (4 MB): a record still open after this many characters is rejected. */
const MAX_RECORD_CHARS = 4 << 20
/** Bytes decoded and parsed at a time (cut after a line feed). */
const SEGMENT_BYTES = 8 << 20
const LF = 10
const CR = 13
const BACKSLASH = 92

/**
 * Reads Redshift's delimited input, one file at a time, into a {@link RowConverter}:
 * - CSV (DG:copy-parameters-data-format): fields quoted with QUOTE (default `"`) may hold the
 *   delimiter, line breaks and doubled quotes; white space between a delimiter and a quote is
 *   ignored; CRLF ends a line.
 * - text (the default format): `|`-separated lines; with ESCAPE a backslash makes the next
 *   character (delimiter, line feed, backslash, quote) part of the value; with REMOVEQUOTES a
 *   field's surrounding quotes are removed and delimiters inside them kept. Without ESCAPE a
 *   backslash is an ordinary character (DG:copy-parameters-data-conversion).
 * IGNOREHEADER n skips the first n lines of each file (D-12); IGNOREBLANKLINES skips empty lines,
 * which otherwise are rejected rows (load error 1211).
 *
 * A hand-written state machine over the decoded text, no regular expressions: a field is passed
 * on as a range of that text (a string is built only for doubled quotes and escapes), in arrays
 * the converter reuses from record to record.
 */
export class DelimitedParser {
  readonly #csv: boolean
  readonly #delim: number
  readonly #quote: number
  readonly #quoteChar: string
  readonly #escape: boolean
  readonly #removeQuotes: boolean
  readonly #nullAs: string
  readonly #ignoreBlankLines: boolean
  readonly #skipSpaceBeforeQuote: boolean
  readonly #rows: RowConverter
  #headerLeft: number
  /** Line number of the next record's first line. */
  #line = 1

  constructor(settings: DelimitedSettings, rows: RowConverter) {
    this.#csv = settings.format === 'csv'
    this.#delim = settings.delimiter.charCodeAt(0)
    this.#quote = settings.quote.charCodeAt(0)
    this.#quoteChar = settings.quote
    this.#escape = settings.escape
    this.#removeQuotes = settings.removeQuotes
    this.#nullAs = settings.nullAs
    this.#ignoreBlankLines = settings.ignoreBlankLines
    // "If the delimiter is a white space character, such as a tab, the delimiter isn't treated
    // as white space."
    this.#skipSpaceBeforeQuote = this.#delim !== 32 && this.#delim !== 9
    this.#headerLeft = settings.ignoreHeader
    this.#rows = rows
  }

  /**
   * Reads the complete records of `text`. Returns where the unread rest starts: a record cut
   * by the end of `text` is left for the next call (with that rest prepended), unless `final`.
   */
  feed(text: string, final: boolean): number {
    const n = text.length
    let pos = 0
    while (pos < n) {
      if (this.#headerLeft > 0) {
        const nl = text.indexOf('\n', pos)
        if (nl < 0 && !final) return pos
        this.#headerLeft--
        this.#line++
        pos = nl < 0 ? n : nl + 1
        continue
      }
      const c = text.charCodeAt(pos)
      if (c === LF || (c === CR && this.#csv && text.charCodeAt(pos + 1) === LF)) {
        const end = c === LF ? pos + 1 : pos + 2
        if (!this.#ignoreBlankLines)
          this.#broken(text, pos, end, 1211, 'Input line contained no data', 0)
        else this.#line++
        pos = end
        continue
      }
      if (c === CR && this.#csv && pos + 1 === n && !final) return pos
      const end = this.#csv ? this.#csvRecord(text, pos, final) : this.#textRecord(text, pos, final)
      if (end < 0) {
        if (n - pos <= MAX_RECORD_CHARS) return pos
        // A record that never ends (an unmatched quote): reject its first line and go on.
        const nl = text.indexOf('\n', pos)
        pos = this.#broken(text, pos, nl < 0 ? n : nl + 1, 1216, 'Input line exceeds 4 MB', 0)
        continue
      }
      pos = end
    }
    return pos
  }

  /** The line number the next record would start on. */
  get line(): number {
    return this.#line
  }

  #csvRecord(text: string, start: number, final: boolean): number {
    const n = text.length
    const D = this.#delim
    const Q = this.#quote
    const skip = this.#skipSpaceBeforeQuote
    let count = 0
    let i = start
    let extraLines = 0
    let end: number
    for (;;) {
      let j = i
      if (skip)
        for (; j < n; j++) {
          const c = text.charCodeAt(j)
          if (c !== 32 && c !== 9) break
        }
      if (j < n && text.charCodeAt(j) === Q) {
        let k = j + 1
        let seg = k
        // Built only when the field holds doubled quotes; otherwise it is a range of `text`.
        let value: string | undefined
        for (;;) {
          const q = text.indexOf(this.#quoteChar, k)
          if (q < 0) {
            if (!final) return -1
            return this.#broken(
              text,
              start,
              n,
              1216,
              'Unterminated quoted field',
              countLf(text, start, n),
            )
          }
          if (q + 1 >= n && !final) return -1
          if (text.charCodeAt(q + 1) === Q) {
            value = (value ?? '') + text.slice(seg, q + 1)
            k = q + 2
            seg = k
            continue
          }
          if (value === undefined) this.#range(count, text, j + 1, q, FIELD_QUOTED)
          else this.#rows.setField(count, value + text.slice(seg, q), FIELD_QUOTED)
          k = q + 1
          break
        }
        extraLines += countLf(text, j, k)
        if (skip)
          for (; k < n; k++) {
            const c = text.charCodeAt(k)
            if (c !== 32 && c !== 9) break
          }
        count++
        if (k >= n) {
          if (!final) return -1
          end = n
          break
        }
        const c = text.charCodeAt(k)
        if (c === D) {
          i = k + 1
          continue
        }
        if (c === LF) {
          end = k + 1
          break
        }
        if (c === CR && (k + 1 >= n || text.charCodeAt(k + 1) === LF)) {
          if (k + 1 >= n && !final) return -1
          end = Math.min(k + 2, n)
          break
        }
        // Characters after a closing quote, before the delimiter.
        const nl = text.indexOf('\n', k)
        if (nl < 0 && !final) return -1
        const stop = nl < 0 ? n : nl + 1
        return this.#broken(text, start, stop, 1214, 'Delimiter not found', extraLines)
      }
      let k = i
      for (; k < n; k++) {
        const c = text.charCodeAt(k)
        if (c === D || c === LF) break
      }
      if (k >= n && !final) return -1
      let e = k
      // CRLF line ends: the CR is not data.
      if (e > i && text.charCodeAt(e - 1) === CR && (k >= n || text.charCodeAt(k) === LF)) e--
      this.#range(count, text, i, e, this.#isNullAs(text, i, e) ? FIELD_NULL : FIELD_PLAIN)
      count++
      if (k < n && text.charCodeAt(k) === D) {
        i = k + 1
        continue
      }
      end = k < n ? k + 1 : n
      break
    }
    this.#emit(text, start, end, count, extraLines)
    return end
  }

  #textRecord(text: string, start: number, final: boolean): number {
    const n = text.length
    const D = this.#delim
    const escaping = this.#escape
    const removeQuotes = this.#removeQuotes
    const nullAs = this.#nullAs
    let count = 0
    let i = start
    let extraLines = 0
    let end: number
    for (;;) {
      let k = i
      let seg = i
      let value = ''
      let quote = 0
      if (removeQuotes && k < n) {
        const c = text.charCodeAt(k)
        if (c === 34 || c === 39) {
          quote = c
          k++
          seg = k
        }
      }
      let closed = false
      for (; k < n; ) {
        const c = text.charCodeAt(k)
        if (escaping && c === BACKSLASH) {
          if (k + 1 >= n) {
            if (!final) return -1
            k++
            break
          }
          value += text.slice(seg, k)
          if (text.charCodeAt(k + 1) === LF) extraLines++
          // The escaped character starts the next slice, so it is kept as data.
          seg = k + 1
          k += 2
          continue
        }
        if (quote !== 0) {
          if (c === quote) {
            value += text.slice(seg, k)
            k++
            seg = k
            quote = 0
            closed = true
            continue
          }
          if (c === LF) break
          k++
          continue
        }
        if (c === D || c === LF) break
        k++
      }
      if (quote !== 0) {
        // REMOVEQUOTES: an opening quote without its closing one fails the row.
        if (k >= n && !final) return -1
        const stop = k < n ? k + 1 : n
        return this.#broken(text, start, stop, 1214, 'Unmatched quotation mark', extraLines)
      }
      if (k >= n && !final) return -1
      // NULL AS matches the field as written; with ESCAPE the default '\N' may also be written
      // escaped as '\\N' (DG:copy-parameters-data-conversion).
      const isNull = this.#isNullAs(text, i, k)
      if (seg === i && !closed) this.#range(count, text, i, k, isNull ? FIELD_NULL : FIELD_PLAIN)
      else {
        value += text.slice(seg, k)
        const escapedNull = escaping && nullAs === '\\N' && value === '\\N'
        this.#rows.setField(count, value, isNull || escapedNull ? FIELD_NULL : FIELD_PLAIN)
      }
      count++
      if (k < n && text.charCodeAt(k) === D) {
        i = k + 1
        continue
      }
      end = k < n ? k + 1 : n
      break
    }
    this.#emit(text, start, end, count, extraLines)
    return end
  }

  /** Field `i` is `text[a, b)`. */
  #range(i: number, text: string, a: number, b: number, flag: number): void {
    const rows = this.#rows
    if (i >= rows.starts.length) rows.ensureField(i)
    rows.src[i] = text
    rows.starts[i] = a
    rows.ends[i] = b
    rows.flags[i] = flag
  }

  /** Whether `text[a, b)` is the NULL AS string. */
  #isNullAs(text: string, a: number, b: number): boolean {
    const nullAs = this.#nullAs
    return b - a === nullAs.length && text.startsWith(nullAs, a)
  }

  #emit(text: string, start: number, end: number, count: number, extraLines: number): void {
    const rows = this.#rows
    rows.count = count
    rows.rawText = text
    rows.rawStart = start
    rows.rawEnd = end
    rows.record(this.#line)
    this.#line += 1 + extraLines
  }

  /** Rejects the text from `start` to `end` as one bad record; returns `end`. */
  #broken(
    text: string,
    start: number,
    end: number,
    code: number,
    message: string,
    extraLines: number,
  ): number {
    const rows = this.#rows
    rows.rawText = text
    rows.rawStart = start
    rows.rawEnd = end
    rows.reject(
      this.#line,
      code,
      message,
      -1,
      undefined,
      text.slice(start, end).replace(/\r?\n$/, ''),
    )
    this.#line += 1 + extraLines
    return end
  }
}

function countLf(text: string, from: number, to: number): number {
  let lines = 0
  for (let p = text.indexOf('\n', from); p >= 0 && p < to; p = text.indexOf('\n', p + 1)) lines++
  return lines
}

/**
 * Feeds a file's bytes to `parser`: decoded as UTF-8 in segments of about 8 MiB cut after a line
 * feed (so no character is split), with a record left open at a segment's end carried into the
 * next. Invalid UTF-8 marks the file for the converter (load error 1220 unless ACCEPTINVCHARS).
 * `afterSegment` runs after each segment (to write finished output, to check cancellation).
 */
export async function readDelimited(
  source: AsyncIterable<Uint8Array>,
  parser: DelimitedParser,
  rows: RowConverter,
  afterSegment: () => Promise<void>,
): Promise<void> {
  // A byte order mark is dropped at the start of the file only.
  const first = new TextDecoder('utf-8')
  const later = new TextDecoder('utf-8', { ignoreBOM: true })
  let decoder = first
  let pending: Uint8Array[] = []
  let pendingBytes = 0
  let carry = ''
  const parse = async (bytes: Uint8Array, final: boolean) => {
    let text = decoder.decode(bytes)
    decoder = later
    if (text.includes('\uFFFD') && !validUtf8(bytes)) rows.invalidUtf8 = true
    if (carry) text = carry + text
    const used = parser.feed(text, final)
    carry = used < text.length ? text.slice(used) : ''
    await afterSegment()
  }
  for await (const chunk of source) {
    pending.push(chunk)
    pendingBytes += chunk.length
    if (pendingBytes < SEGMENT_BYTES) continue
    const buf = pending.length === 1 ? (pending[0] as Uint8Array) : Buffer.concat(pending)
    const nl = buf.lastIndexOf(LF)
    if (nl < 0) {
      pending = [buf]
      continue
    }
    const tail = buf.subarray(nl + 1)
    pending = tail.length > 0 ? [tail] : []
    pendingBytes = tail.length
    await parse(buf.subarray(0, nl + 1), false)
  }
  const rest = pending.length === 1 ? (pending[0] as Uint8Array) : Buffer.concat(pending)
  await parse(rest, true)
}

function validUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}
