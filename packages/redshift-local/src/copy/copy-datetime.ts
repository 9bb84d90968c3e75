/**
 * DATEFORMAT / TIMEFORMAT (DG:r_DATEFORMAT_and_TIMEFORMAT_strings, DG:automatic-recognition,
 * D-12): compiling a format string and reading values with it into PostgreSQL's ISO input form.
 */

/** A compiled DATEFORMAT or TIMEFORMAT. */
export interface DateTimeFormat {
  readonly kind: 'pattern' | 'auto' | 'epochsecs' | 'epochmillisecs'
  /** The format as written ('YYYY-MM-DD' etc.), for error messages. */
  readonly source: string
  /** The pattern's parts (kind 'pattern'). */
  readonly tokens: readonly FormatToken[]
  /** The default format, read by a fast path. */
  readonly isDefault: boolean
}

type TokenKind =
  | 'YYYY'
  | 'YY'
  | 'MM'
  | 'MON'
  | 'DD'
  | 'HH24'
  | 'HH12'
  | 'MI'
  | 'SS'
  | 'AMPM'
  | 'LIT'

/** One part of a format string: a datepart/timepart, or a literal character. */
export interface FormatToken {
  readonly kind: TokenKind
  readonly ch: number
}

/** The parts of a value as read; reused between calls to avoid an object per field. */
export interface DateTimeParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  /** Fraction of a second as digits ('' when none), at most 6. */
  fraction: string
  /** UTC offset as written in PostgreSQL form ('+05:30', '+00'); '' when none. */
  offset: string
}

export const DEFAULT_DATE_FORMAT = 'YYYY-MM-DD'
export const DEFAULT_TIME_FORMAT = 'YYYY-MM-DD HH:MI:SS'

// Longest first, so 'YYYY' wins over 'YY', 'HH24' over 'HH', 'MON' over 'MM'.
const PARTS: readonly [string, TokenKind | 'TZ'][] = [
  ['YYYY', 'YYYY'],
  ['MONTH', 'MON'],
  ['HH24', 'HH24'],
  ['HH12', 'HH12'],
  ['MON', 'MON'],
  ['YY', 'YY'],
  ['MM', 'MM'],
  ['MI', 'MI'],
  ['DD', 'DD'],
  // In COPY format strings HH is the 24-hour clock (D-12).
  ['HH', 'HH24'],
  ['SS', 'SS'],
  ['AM', 'AMPM'],
  ['PM', 'AMPM'],
  ['TZ', 'TZ'],
  ['OF', 'TZ'],
]

/**
 * Compiles a DATEFORMAT (`kind` 'date') or TIMEFORMAT (`kind` 'time') argument; undefined gives
 * the default. 'auto', 'epochsecs' and 'epochmillisecs' are case-sensitive keywords; the epoch
 * forms are TIMEFORMAT only. A time zone part (TZ, OF) is refused in a format string.
 * @throws Error with the reason when the string is not a valid format
 */
export function compileDateTimeFormat(
  value: string | undefined,
  kind: 'date' | 'time',
): DateTimeFormat {
  const source = value ?? (kind === 'date' ? DEFAULT_DATE_FORMAT : DEFAULT_TIME_FORMAT)
  const what = kind === 'date' ? 'DATEFORMAT' : 'TIMEFORMAT'
  if (source === 'auto') return { kind: 'auto', source, tokens: [], isDefault: false }
  if (source === 'epochsecs' || source === 'epochmillisecs') {
    if (kind === 'date') throw new Error(`${what} '${source}' is valid only for TIMEFORMAT`)
    return { kind: source, source, tokens: [], isDefault: false }
  }
  const tokens: FormatToken[] = []
  const upper = source.toUpperCase()
  let dateParts = 0
  for (let i = 0; i < upper.length; ) {
    const part = PARTS.find(([p]) => upper.startsWith(p, i))
    if (!part) {
      tokens.push({ kind: 'LIT', ch: source.charCodeAt(i) })
      i++
      continue
    }
    const [text, tk] = part
    if (tk === 'TZ') throw new Error(`a time zone specifier (TZ, OF) can't be used in ${what}`)
    if (tk === 'YYYY' || tk === 'YY' || tk === 'MM' || tk === 'MON' || tk === 'DD') dateParts++
    tokens.push({ kind: tk, ch: 0 })
    i += text.length
  }
  if (dateParts === 0) throw new Error(`${what} ${JSON.stringify(source)} has no date part`)
  const isDefault =
    source === (kind === 'date' ? DEFAULT_DATE_FORMAT : DEFAULT_TIME_FORMAT) && value !== 'auto'
  return { kind: 'pattern', source, tokens, isDefault }
}

/** A fresh parts object for {@link readDateTime}. */
export function newParts(): DateTimeParts {
  return { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, fraction: '', offset: '' }
}

function reset(p: DateTimeParts): void {
  p.year = 0
  p.month = 1
  p.day = 1
  p.hour = 0
  p.minute = 0
  p.second = 0
  p.fraction = ''
  p.offset = ''
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]

/** Month 1–12 of a full or three-letter English month name (any case), 0 when none. */
function monthOf(name: string): number {
  const n = name.toLowerCase()
  if (n.length < 3) return 0
  for (let m = 0; m < 12; m++) {
    const full = MONTHS[m] as string
    if (n === full || n === full.slice(0, 3) || (n === 'sept' && m === 8)) return m + 1
  }
  return 0
}

const isDigit = (c: number) => c >= 48 && c <= 57

/**
 * Reads `text` with `format` into `out`. `withOffset` accepts a trailing UTC offset (TIMESTAMPTZ
 * and TIMETZ columns). Returns false when the text does not match or is not a real date/time.
 */
export function readDateTime(
  format: DateTimeFormat,
  text: string,
  out: DateTimeParts,
  withOffset: boolean,
): boolean {
  reset(out)
  switch (format.kind) {
    case 'pattern':
      return readPattern(format.tokens, text, out, withOffset) && valid(out)
    case 'auto':
      return readAuto(text, out) && valid(out)
    case 'epochsecs':
    case 'epochmillisecs':
      return readEpoch(text, format.kind === 'epochmillisecs', out)
  }
}

function readPattern(
  tokens: readonly FormatToken[],
  text: string,
  out: DateTimeParts,
  withOffset: boolean,
): boolean {
  const n = text.length
  let p = 0
  let pm = -1
  let twelve = false
  const digits = (max: number): number => {
    let v = 0
    const start = p
    while (p < n && p - start < max && isDigit(text.charCodeAt(p)))
      v = v * 10 + text.charCodeAt(p++) - 48
    return p === start ? -1 : v
  }
  for (const t of tokens) {
    switch (t.kind) {
      case 'LIT':
        if (text.charCodeAt(p) !== t.ch) return false
        p++
        break
      case 'YYYY': {
        const v = digits(4)
        if (v < 0) return false
        out.year = v
        break
      }
      case 'YY': {
        const v = digits(2)
        if (v < 0) return false
        // UNCONFIRMED pivot (PostgreSQL's): 00–69 → 2000s, 70–99 → 1900s.
        out.year = v < 70 ? 2000 + v : 1900 + v
        break
      }
      case 'MM': {
        const v = digits(2)
        if (v < 0) return false
        out.month = v
        break
      }
      case 'MON': {
        const start = p
        while (p < n && /[A-Za-z]/.test(text[p] as string)) p++
        const m = monthOf(text.slice(start, p))
        if (m === 0) return false
        out.month = m
        break
      }
      case 'DD': {
        const v = digits(2)
        if (v < 0) return false
        out.day = v
        break
      }
      case 'HH24':
      case 'HH12': {
        const v = digits(2)
        if (v < 0) return false
        out.hour = v
        if (t.kind === 'HH12') twelve = true
        break
      }
      case 'MI': {
        const v = digits(2)
        if (v < 0) return false
        out.minute = v
        break
      }
      case 'SS': {
        const v = digits(2)
        if (v < 0) return false
        out.second = v
        // SS takes a fraction down to microseconds (D-12).
        if (text.charCodeAt(p) === 46 && isDigit(text.charCodeAt(p + 1))) {
          const start = ++p
          while (p < n && isDigit(text.charCodeAt(p))) p++
          if (p - start > 6) return false
          out.fraction = text.slice(start, p)
        }
        break
      }
      case 'AMPM': {
        const w = text.slice(p, p + 2).toUpperCase()
        if (w !== 'AM' && w !== 'PM') return false
        pm = w === 'PM' ? 1 : 0
        p += 2
        break
      }
    }
  }
  if (twelve || pm >= 0) {
    if (out.hour < 1 || out.hour > 12) return false
    if (pm === 1 && out.hour < 12) out.hour += 12
    else if (pm === 0 && out.hour === 12) out.hour = 0
  }
  if (p < n && withOffset) {
    const off = readOffset(text, p)
    if (off === undefined) return false
    out.offset = off.offset
    p = off.end
  }
  return p === n
}

/** A UTC offset at `p`: Z, ±HH, ±HHMM, ±HH:MM (optionally after a space). */
function readOffset(text: string, p: number): { offset: string; end: number } | undefined {
  const m = /^ ?(?:(Z|UTC|GMT)|([+-])(\d{1,2})(?::?(\d{2}))?)$/i.exec(text.slice(p))
  if (!m) return undefined
  if (m[1]) return { offset: '+00', end: text.length }
  const h = Number(m[3])
  const mi = m[4] === undefined ? 0 : Number(m[4])
  if (h > 15 || mi > 59) return undefined
  return {
    offset: `${m[2]}${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`,
    end: text.length,
  }
}

const TIME_PART =
  /^(?:[ T]+)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(?: ?([AaPp][Mm]))?(?: ?(Z|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?))?(?: (BC|AD))?$/
const COMPACT_TIME = /^ (\d{2})(\d{2})(\d{2})(?:\.(\d{1,6}))?(?: ?(Z|[+-]\d{1,2}(?::?\d{2})?))?$/

type DateReader = (m: RegExpExecArray, out: DateTimeParts) => boolean

function ymd(out: DateTimeParts, y: number, m: number, d: number): boolean {
  out.year = y
  out.month = m
  out.day = d
  return m !== 0
}

/** The date forms 'auto' reads, tried in order; each reads the start of the value. */
const AUTO_DATES: readonly (readonly [RegExp, DateReader])[] = [
  [
    /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})/,
    (m, o) => ymd(o, Number(m[1]), Number(m[2]), Number(m[3])),
  ],
  [
    /^(\d{4})-([A-Za-z]{3,9})-(\d{1,2})/,
    (m, o) => ymd(o, Number(m[1]), monthOf(m[2] as string), Number(m[3])),
  ],
  [
    // Julian day number: J2440588 is 1970-01-01.
    /^J(\d{1,7})/,
    (m, o) => {
      civil(Number(m[1]) - 2440588, o)
      return true
    },
  ],
  [
    /^(\d{4})\.(\d{3})(?!\d)/,
    (m, o) => {
      const doy = Number(m[2])
      if (doy < 1 || doy > (isLeap(Number(m[1])) ? 366 : 365)) return false
      civil(daysFromCivil(Number(m[1]), 1, 1) + doy - 1, o)
      return true
    },
  ],
  [/^(\d{4})(\d{2})(\d{2})(?=$|[ T])/, (m, o) => ymd(o, Number(m[1]), Number(m[2]), Number(m[3]))],
  [
    /^(\d{2})(\d{2})(\d{2})(?= \d{6})/,
    (m, o) => ymd(o, twoOrFour(m[1] as string), Number(m[2]), Number(m[3])),
  ],
  // Month first, as PostgreSQL's default DateStyle (MDY) reads it.
  [
    /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?!\d)/,
    (m, o) => ymd(o, twoOrFour(m[3] as string), Number(m[1]), Number(m[2])),
  ],
  [
    /^([A-Za-z]{3,9})[-/ ](\d{1,2}),?[-/ ](\d{2}|\d{4})(?!\d)/,
    (m, o) => ymd(o, twoOrFour(m[3] as string), monthOf(m[1] as string), Number(m[2])),
  ],
  [
    /^(\d{1,2})[-/ ]([A-Za-z]{3,9})[-/ ](\d{2}|\d{4})(?!\d)/,
    (m, o) => ymd(o, twoOrFour(m[3] as string), monthOf(m[2] as string), Number(m[1])),
  ],
]

/**
 * 'auto' (DG:automatic-recognition): the format strings' forms plus ISO 8601, Julian days,
 * YYYYMMDD[ HHMISS], YYMMDD HHMISS, YYYY.DDD, MM/DD/YYYY and month-name dates, an optional
 * time, UTC offset and BC. Named time zones (PST …) are not recognised (NOT EMULATED: the value
 * is rejected).
 */
function readAuto(raw: string, out: DateTimeParts): boolean {
  const text = raw.trim()
  let rest: string | undefined
  for (const [re, read] of AUTO_DATES) {
    const m = re.exec(text)
    if (!m) continue
    if (!read(m, out)) return false
    rest = text.slice(m[0].length)
    break
  }
  if (rest === undefined) return false
  if (rest === '') return true
  if (/^ BC$/i.test(rest)) {
    out.year = 1 - out.year
    return true
  }
  if (/^ AD$/i.test(rest)) return true
  let meridian: string | undefined
  let zone: string | undefined
  let era: string | undefined
  const t = TIME_PART.exec(rest)
  const compact = t ? null : COMPACT_TIME.exec(rest)
  if (t) {
    out.hour = Number(t[1])
    out.minute = Number(t[2])
    out.second = t[3] === undefined ? 0 : Number(t[3])
    out.fraction = t[4] ?? ''
    meridian = t[5]
    zone = t[6]
    era = t[7]
  } else if (compact) {
    out.hour = Number(compact[1])
    out.minute = Number(compact[2])
    out.second = Number(compact[3])
    out.fraction = compact[4] ?? ''
    zone = compact[5]
  } else return false
  if (meridian) {
    if (out.hour < 1 || out.hour > 12) return false
    const pm = meridian.toUpperCase() === 'PM'
    if (pm && out.hour < 12) out.hour += 12
    else if (!pm && out.hour === 12) out.hour = 0
  }
  if (zone) {
    const off = readOffset(zone, 0)
    if (!off) return false
    out.offset = off.offset
  }
  if (era?.toUpperCase() === 'BC') out.year = 1 - out.year
  return true
}

function twoOrFour(y: string): number {
  const v = Number(y)
  if (y.length === 4) return v
  return v < 70 ? 2000 + v : 1900 + v
}

function readEpoch(text: string, millis: boolean, out: DateTimeParts): boolean {
  const m = (millis ? /^(-?\d{1,16})$/ : /^(-?\d{1,13})(?:\.(\d{1,6}))?$/).exec(text)
  if (!m) return false
  const whole = Number(m[1])
  let seconds = millis ? Math.floor(whole / 1000) : whole
  let fraction = millis ? String(((whole % 1000) + 1000) % 1000).padStart(3, '0') : (m[2] ?? '')
  if (!millis && whole < 0 && fraction !== '') {
    // -1.25 s is 0.75 s after -2 s.
    const f = Number(`0.${fraction}`)
    seconds -= 1
    fraction = (1 - f).toFixed(fraction.length).slice(2)
  }
  const days = Math.floor(seconds / 86_400)
  const secs = seconds - days * 86_400
  civil(days, out)
  out.hour = Math.floor(secs / 3600)
  out.minute = Math.floor((secs % 3600) / 60)
  out.second = secs % 60
  out.fraction = fraction.replace(/0+$/, '')
  out.offset = ''
  return true
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** Day count of a month (proleptic Gregorian; year 0 = 1 BC). */
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : (MONTH_DAYS[m - 1] ?? 0)
}

function valid(p: DateTimeParts): boolean {
  return (
    p.month >= 1 &&
    p.month <= 12 &&
    p.day >= 1 &&
    p.day <= daysInMonth(p.year, p.month) &&
    p.hour <= 23 &&
    p.minute <= 59 &&
    p.second <= 59 &&
    // Redshift's DATE range starts at 4713 BC.
    p.year >= -4712 &&
    p.year <= 294_276
  )
}

/** Days since 1970-01-01 of a civil date (H. Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146_097 + doe - 719_468
}

/** Sets year/month/day of `out` from days since 1970-01-01. */
export function civil(days: number, out: { year: number; month: number; day: number }): void {
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  out.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
  out.month = m
  out.day = d
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n))

/** PostgreSQL date input: 'YYYY-MM-DD', or 'YYYY-MM-DD BC' before year 1. */
export function isoDate(p: { year: number; month: number; day: number }): string {
  const bc = p.year <= 0
  const y = bc ? 1 - p.year : p.year
  return `${String(y).padStart(4, '0')}-${pad2(p.month)}-${pad2(p.day)}${bc ? ' BC' : ''}`
}

/** PostgreSQL time input 'HH:MM:SS[.ffffff]'. */
export function isoTime(p: DateTimeParts): string {
  return `${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}${p.fraction ? `.${p.fraction}` : ''}`
}

/**
 * PostgreSQL timestamp input. With `tz` (TIMESTAMPTZ) a value without an offset is UTC, as
 * Redshift reads it.
 */
export function isoTimestamp(p: DateTimeParts, tz: boolean): string {
  const bc = p.year <= 0
  const date = isoDate({ year: p.year, month: p.month, day: p.day })
  const base = bc ? date.slice(0, -3) : date
  return `${base} ${isoTime(p)}${tz ? p.offset || '+00' : ''}${bc ? ' BC' : ''}`
}

/**
 * Fast check of the default forms ('YYYY-MM-DD', 'YYYY-MM-DD HH:MI:SS'): true when `text` is
 * exactly that shape and a real date/time, so it can be written as it is.
 */
export function isIsoDate(text: string, start = 0): boolean {
  if (text.length - start < 10) return false
  for (let i = 0; i < 10; i++) {
    const c = text.charCodeAt(start + i)
    if (i === 4 || i === 7 ? c !== 45 : !isDigit(c)) return false
  }
  const y = num4(text, start)
  const m = num2(text, start + 5)
  const d = num2(text, start + 8)
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)
}

/** 'YYYY-MM-DD HH:MI:SS' (19 characters from `start`), a real date and time. */
export function isIsoTimestamp(text: string, start = 0): boolean {
  if (text.length - start < 19 || !isIsoDate(text, start) || text.charCodeAt(start + 10) !== 32)
    return false
  for (let i = 11; i < 19; i++) {
    const c = text.charCodeAt(start + i)
    if (i === 13 || i === 16 ? c !== 58 : !isDigit(c)) return false
  }
  return (
    num2(text, start + 11) <= 23 && num2(text, start + 14) <= 59 && num2(text, start + 17) <= 59
  )
}

const num2 = (t: string, i: number) => (t.charCodeAt(i) - 48) * 10 + t.charCodeAt(i + 1) - 48
const num4 = (t: string, i: number) => num2(t, i) * 100 + num2(t, i + 2)

/**
 * Reads a TIME value 'HH:MI[:SS[.ffffff]]' (TIMEFORMAT applies to timestamps, not to TIME
 * columns), with AM/PM, and an offset when `withOffset` (TIMETZ).
 */
export function readTime(text: string, out: DateTimeParts, withOffset: boolean): boolean {
  reset(out)
  const m =
    /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(?: ?([AaPp][Mm]))?(?: ?(Z|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?))?$/.exec(
      text,
    )
  if (!m) return false
  out.hour = Number(m[1])
  out.minute = Number(m[2])
  out.second = m[3] === undefined ? 0 : Number(m[3])
  out.fraction = m[4] ?? ''
  if (m[5]) {
    if (out.hour < 1 || out.hour > 12) return false
    const pm = m[5].toUpperCase() === 'PM'
    if (pm && out.hour < 12) out.hour += 12
    else if (!pm && out.hour === 12) out.hour = 0
  }
  if (m[6]) {
    if (!withOffset) return false
    const off = readOffset(m[6], 0)
    if (!off) return false
    out.offset = off.offset
  }
  return out.hour <= 23 && out.minute <= 59 && out.second <= 59
}
