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
const OP_CHARS = '+-*/<>=~!@#%^&|`?'

/**
 * Splits Redshift SQL into tokens. Unlike PostgreSQL with `standard_conforming_strings`,
 * Redshift reads a backslash in a string literal as an escape (`'it\'s'`, `'a\\b'`), so the
 * string tokens carry the decoded value and {@link toPostgresText} re-emits them as standard
 * literals before the PostgreSQL parser sees the text. Comments are dropped.
 */
export function tokenize(sql: string): Token[] {
  const out: Token[] = []
  const n = sql.length
  let i = 0
  const fail = (message: string, at: number): never => {
    throw new RedshiftLocalError('SYNTAX', `syntax error: ${message} at position ${at + 1}`, {
      sqlstate: '42601',
      statement: sql,
    })
  }
  while (i < n) {
    const c = sql[i]!
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      i++
      continue
    }
    if (c === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++
      continue
    }
    if (c === '/' && sql[i + 1] === '*') {
      let depth = 1
      const start = i
      i += 2
      while (i < n && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') {
          depth++
          i += 2
        } else if (sql[i] === '*' && sql[i + 1] === '/') {
          depth--
          i += 2
        } else i++
      }
      if (depth > 0) fail('unterminated /* comment', start)
      continue
    }
    const start = i
    if (c === "'" || ((c === 'E' || c === 'e') && sql[i + 1] === "'")) {
      if (c !== "'") i++
      i++
      let value = ''
      let escapes: number | undefined
      for (;;) {
        if (i >= n) fail('unterminated quoted string', start)
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
          if (i + 1 >= n) fail('unterminated quoted string', start)
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
      out.push(
        escapes === undefined
          ? { kind: 'string', value, start, end: i }
          : { kind: 'string', value, start, end: i, escapeAt: escapes },
      )
      continue
    }
    if (c === '"') {
      i++
      let value = ''
      for (;;) {
        if (i >= n) fail('unterminated quoted identifier', start)
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
      if (value.length === 0) fail('zero-length delimited identifier', start)
      out.push({ kind: 'ident', value, start, end: i })
      continue
    }
    if (c === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 66))
      if (m) {
        const tag = m[0]
        const close = sql.indexOf(tag, i + tag.length)
        if (close < 0) fail('unterminated dollar-quoted string', start)
        out.push({
          kind: 'dollar',
          value: sql.slice(i + tag.length, close),
          start,
          end: close + tag.length,
        })
        i = close + tag.length
        continue
      }
      const p = /^\$(\d+)/.exec(sql.slice(i, i + 12))
      if (p) {
        i += p[0].length
        out.push({ kind: 'param', value: p[1]!, start, end: i })
        continue
      }
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(sql.slice(i))!
      i += m[0].length
      out.push({ kind: 'number', value: m[0], start, end: i })
      continue
    }
    if (WORD_START.test(c)) {
      while (i < n && WORD_PART.test(sql[i]!)) i++
      out.push({ kind: 'word', value: sql.slice(start, i).toLowerCase(), start, end: i })
      continue
    }
    if (c === ':' && sql[i + 1] === ':') {
      i += 2
      out.push({ kind: 'op', value: '::', start, end: i })
      continue
    }
    if (c === ':' && WORD_START.test(sql[i + 1] ?? '')) {
      i++
      while (i < n && /[0-9a-zA-Z_]/.test(sql[i]!)) i++
      out.push({ kind: 'named', value: sql.slice(start + 1, i), start, end: i })
      continue
    }
    if ('(),;[].:'.includes(c)) {
      i++
      out.push({ kind: 'op', value: c, start, end: i })
      continue
    }
    if (OP_CHARS.includes(c)) {
      while (i < n && OP_CHARS.includes(sql[i]!)) {
        // `--` and `/*` start comments even inside an operator run.
        if ((sql[i] === '-' && sql[i + 1] === '-') || (sql[i] === '/' && sql[i + 1] === '*')) break
        i++
      }
      if (i === start) i++
      out.push({ kind: 'op', value: sql.slice(start, i), start, end: i })
      continue
    }
    fail(`unexpected character ${JSON.stringify(c)}`, start)
  }
  return out
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
