import { RedshiftLocalError } from '../errors.js'

/** Kinds of token the Redshift lexer produces. */
export type TokenKind =
  | 'word' // unquoted identifier or keyword (value folded to lower case)
  | 'ident' // "quoted identifier" (value unquoted, case kept)
  | 'string' // 'literal' (value decoded with Redshift's backslash escapes)
  | 'dollar' // $tag$ … $tag$ body (value: the body)
  | 'number'
  | 'param' // $1
  | 'named' // :name (a Data API parameter)
  | 'op' // operators and punctuation: ( ) , . ; = :: etc.

export interface Token {
  readonly kind: TokenKind
  /** Decoded value: lower-cased word, unquoted identifier, decoded string, operator text. */
  readonly value: string
  /** Offsets into the original text. */
  readonly start: number
  readonly end: number
  /** A string literal with a backslash escape other than `\\\\`: its offset (D-10). */
  readonly escapeAt?: number
}

/** Refuses a string literal whose backslash escape has no documented meaning in SQL (D-10). */
export function refuseUndocumentedEscape(sql: string, t: Token): void {
  if (t.escapeAt === undefined) return
  throw new RedshiftLocalError(
    'SYNTAX',
    `syntax error: backslash escape ${JSON.stringify(sql.slice(t.escapeAt, t.escapeAt + 2))} in a string literal at position ${t.escapeAt + 1}: only \\\\ (one backslash) is documented; write a quote as '' [D-10]`,
    { sqlstate: '42601', statement: sql },
  )
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/
const NAMED_PART = /[0-9a-zA-Z_]/
const DIGIT = /[0-9]/
const DOLLAR_TAG = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/
const PARAM = /^\$(\d+)/
const NUMBER = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/
const OP_CHARS = '+-*/<>=~!@#%^&|`?'
const PUNCTUATION = '(),;[].:'

/** The lexer's state: the text, the offset of the next character, the tokens so far. */
interface Scanner {
  readonly sql: string
  readonly n: number
  i: number
  readonly out: Token[]
}

/**
 * Splits Redshift SQL into tokens. Unlike PostgreSQL with `standard_conforming_strings`,
 * Redshift reads a backslash in a string literal as an escape (`'it\'s'`, `'a\\b'`), so the
 * string tokens carry the decoded value and {@link toPostgresText} re-emits them as standard
 * literals before the PostgreSQL parser sees the text. Comments are dropped.
 */
export function tokenize(sql: string): Token[] {
  const s: Scanner = { sql, n: sql.length, i: 0, out: [] }
  while (s.i < s.n) {
    const c = sql[s.i]!
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') s.i++
    else scanToken(s, c)
  }
  return s.out
}

function fail(s: Scanner, message: string, at: number): never {
  throw new RedshiftLocalError('SYNTAX', `syntax error: ${message} at position ${at + 1}`, {
    sqlstate: '42601',
    statement: s.sql,
  })
}

/** Scans the comment or token that starts with `c`, the character at `s.i`. */
function scanToken(s: Scanner, c: string): void {
  const next = s.sql[s.i + 1]
  if (c === '-' && next === '-') skipLineComment(s)
  else if (c === '/' && next === '*') skipBlockComment(s)
  else if (c === "'" || ((c === 'E' || c === 'e') && next === "'")) scanString(s, c)
  else if (c === '"') scanQuotedIdentifier(s)
  else if (c === '$' && scanDollar(s)) return
  else if (DIGIT.test(c) || (c === '.' && DIGIT.test(next ?? ''))) scanNumber(s)
  else if (WORD_START.test(c)) scanWord(s)
  else if (c === ':' && scanColon(s, next)) return
  else if (PUNCTUATION.includes(c)) push(s, 'op', c, s.i, s.i + 1)
  else if (OP_CHARS.includes(c)) scanOperator(s)
  else fail(s, `unexpected character ${JSON.stringify(c)}`, s.i)
}

/** Appends a token ending at `end` and moves past it. */
function push(s: Scanner, kind: TokenKind, value: string, start: number, end: number): void {
  s.i = end
  s.out.push({ kind, value, start, end })
}

function skipLineComment(s: Scanner): void {
  while (s.i < s.n && s.sql[s.i] !== '\n') s.i++
}

/** `/* … *\/`, nested. */
function skipBlockComment(s: Scanner): void {
  const { sql, n } = s
  let depth = 1
  const start = s.i
  let i = start + 2
  while (i < n && depth > 0) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth++
      i += 2
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--
      i += 2
    } else i++
  }
  s.i = i
  if (depth > 0) fail(s, 'unterminated /* comment', start)
}

/** `'…'` or `E'…'`, with Redshift's backslash escapes (D-10). */
function scanString(s: Scanner, c: string): void {
  const { sql, n } = s
  const start = s.i
  let i = c === "'" ? start + 1 : start + 2
  let value = ''
  let escapes: number | undefined
  for (;;) {
    if (i >= n) fail(s, 'unterminated quoted string', start)
    const ch = sql[i]!
    if (ch === "'") {
      if (sql[i + 1] === "'") {
        value += "'"
        i += 2
        continue
      }
      i++
      break
    }
    if (ch === '\\') {
      // D-10: Redshift documents `\\` (one backslash) in literals. Other escapes are kept
      // as written and marked: their meaning in SQL is undocumented, so SQL refuses them
      // (see `undocumentedEscape`), while COPY options read them as COPY documents
      // (DELIMITER '\t', NULL AS '\N').
      if (i + 1 >= n) fail(s, 'unterminated quoted string', start)
      if (sql[i + 1] === '\\') value += '\\'
      else {
        value += sql.slice(i, i + 2)
        escapes ??= i
      }
      i += 2
      continue
    }
    value += ch
    i++
  }
  s.i = i
  s.out.push(
    escapes === undefined
      ? { kind: 'string', value, start, end: i }
      : { kind: 'string', value, start, end: i, escapeAt: escapes },
  )
}

/** `"…"`, with `""` for a quote. */
function scanQuotedIdentifier(s: Scanner): void {
  const { sql, n } = s
  const start = s.i
  let i = start + 1
  let value = ''
  for (;;) {
    if (i >= n) fail(s, 'unterminated quoted identifier', start)
    if (sql[i] === '"') {
      if (sql[i + 1] === '"') {
        value += '"'
        i += 2
        continue
      }
      i++
      break
    }
    value += sql[i]
    i++
  }
  if (value.length === 0) fail(s, 'zero-length delimited identifier', start)
  push(s, 'ident', value, start, i)
}

/** `$tag$ … $tag$` or `$1`; false (nothing consumed) for any other `$`. */
function scanDollar(s: Scanner): boolean {
  const { sql } = s
  const start = s.i
  const m = DOLLAR_TAG.exec(sql.slice(start, start + 66))
  if (m) {
    const tag = m[0]
    const close = sql.indexOf(tag, start + tag.length)
    if (close < 0) fail(s, 'unterminated dollar-quoted string', start)
    push(s, 'dollar', sql.slice(start + tag.length, close), start, close + tag.length)
    return true
  }
  const p = PARAM.exec(sql.slice(start, start + 12))
  if (!p) return false
  push(s, 'param', p[1]!, start, start + p[0].length)
  return true
}

function scanNumber(s: Scanner): void {
  const start = s.i
  const m = NUMBER.exec(s.sql.slice(start))!
  push(s, 'number', m[0], start, start + m[0].length)
}

/** An unquoted identifier or keyword, folded to lower case. */
function scanWord(s: Scanner): void {
  const { sql, n } = s
  const start = s.i
  let i = start
  while (i < n && WORD_PART.test(sql[i]!)) i++
  push(s, 'word', sql.slice(start, i).toLowerCase(), start, i)
}

/** `::` or a `:name` parameter; false (nothing consumed) for a lone `:`. */
function scanColon(s: Scanner, next: string | undefined): boolean {
  const { sql, n } = s
  const start = s.i
  if (next === ':') {
    push(s, 'op', '::', start, start + 2)
    return true
  }
  if (!WORD_START.test(next ?? '')) return false
  let i = start + 1
  while (i < n && NAMED_PART.test(sql[i]!)) i++
  push(s, 'named', sql.slice(start + 1, i), start, i)
  return true
}

/** A run of operator characters, up to a comment start. */
function scanOperator(s: Scanner): void {
  const { sql, n } = s
  const start = s.i
  let i = start
  while (i < n && OP_CHARS.includes(sql[i]!)) {
    // `--` and `/*` start comments even inside an operator run.
    if ((sql[i] === '-' && sql[i + 1] === '-') || (sql[i] === '/' && sql[i + 1] === '*')) break
    i++
  }
  if (i === start) i++
  push(s, 'op', sql.slice(start, i), start, i)
}

/** A standard-conforming PostgreSQL literal for a decoded string value. */
export function pgLiteral(value: string): string {
  if (value.includes('\0'))
    throw new RedshiftLocalError('SYNTAX', 'invalid byte sequence: string literal contains NUL', {
      sqlstate: '22021',
    })
  return `'${value.replaceAll("'", "''")}'`
}

/**
 * Redshift folds ASCII letters of identifiers to lower case, quoted ones included, unless the
 * session sets enable_case_sensitive_identifier (D-10).
 */
export function foldIdentifier(name: string): string {
  return name.replace(/[A-Z]+/g, (s) => s.toLowerCase())
}

/** A PostgreSQL identifier, always quoted. */
export function pgIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/**
 * Re-emits a token range as text PostgreSQL's parser reads with the meaning Redshift gave
 * it: string literals standard-quoted, `:name` Data API parameters replaced by `$n` from
 * `named` (created on first use), everything else copied from the original text.
 */
export function toPostgresText(
  sql: string,
  tokens: readonly Token[],
  named?: Map<string, number>,
): string {
  let out = ''
  let last: Token | undefined
  for (const t of tokens) {
    if (last) out += sql.slice(last.end, t.start).trim() === '' ? sql.slice(last.end, t.start) : ' '
    if (t.kind === 'string') {
      refuseUndocumentedEscape(sql, t)
      out += pgLiteral(t.value)
    } else if (t.kind === 'ident') out += pgIdent(foldIdentifier(t.value))
    else if (t.kind === 'named' && named) {
      let n = named.get(t.value)
      if (n === undefined) {
        n = named.size + 1
        named.set(t.value, n)
      }
      out += `$${n}`
    } else out += sql.slice(t.start, t.end)
    last = t
  }
  return out
}

/** Splits tokens into statements at top-level semicolons; empty statements are dropped. */
export function splitStatements(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = []
  let current: Token[] = []
  for (const t of tokens) {
    if (t.kind === 'op' && t.value === ';') {
      if (current.length > 0) out.push(current)
      current = []
    } else current.push(t)
  }
  if (current.length > 0) out.push(current)
  return out
}
