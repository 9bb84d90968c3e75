import { IdentifierError, SchemaError } from './errors.js'

/**
 * Identifier rules and the ONE quoting function of the toolkit.
 *
 * Policy (why it is stricter than Redshift strictly requires):
 * - Every identifier this toolkit emits is quoted by {@link quoteIdent}, so reserved words are
 *   harmless in generated SQL. {@link validateIdentifier} therefore accepts reserved words by
 *   default; pass `{ reserved: 'reject' }` where a name may end up unquoted (e.g. typed by a
 *   user into psql), and it will be refused.
 * - Names that come from users and config must be *standard* Redshift identifiers: 1–127
 *   bytes of UTF-8, starting with an ASCII letter, `_` or a multibyte character, followed by
 *   ASCII letters, digits, `_`, `$` or multibyte characters — but no invisible, space or
 *   text-direction characters (zero-width, bidirectional overrides …) nor lone surrogates,
 *   which would make a name read as another one.
 * - ASCII upper-case letters are refused: Redshift folds identifiers to lower case even when
 *   quoted (unless `enable_case_sensitive_identifier` is on) while PostgreSQL keeps them, so
 *   `"Sales"` would name different objects on the two targets.
 * - {@link quoteIdent} itself accepts any *delimited* identifier (printable UTF-8, embedded
 *   double quotes doubled), because quoting must be total over valid names.
 */

/** Redshift's identifier limit in bytes of UTF-8 (PostgreSQL's is 63; longer names are truncated there). */
export const REDSHIFT_MAX_IDENTIFIER_BYTES = 127
/** PostgreSQL's identifier limit (NAMEDATALEN − 1); longer names are silently truncated. */
export const POSTGRES_MAX_IDENTIFIER_BYTES = 63

/**
 * Amazon Redshift reserved words, from
 * https://docs.aws.amazon.com/redshift/latest/dg/r_pg_keywords.html (read 2025).
 */
export const REDSHIFT_RESERVED_WORDS: ReadonlySet<string> = Object.freeze(
  new Set(
    `AES128 AES256 ALL ALLOWOVERWRITE ANALYSE ANALYZE AND ANY ARRAY AS ASC AUTHORIZATION AZ64
BACKUP BETWEEN BINARY BLANKSASNULL BOTH BYTEDICT BZIP2 CASE CAST CHECK COLLATE COLUMN
CONSTRAINT CREATE CREDENTIALS CROSS CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER
CURRENT_USER_ID DEFAULT DEFERRABLE DEFLATE DEFRAG DELTA DELTA32K DESC DISABLE DISTINCT DO ELSE
EMPTYASNULL ENABLE ENCODE ENCRYPT ENCRYPTION END EXCEPT EXPLICIT FALSE FOR FOREIGN FREEZE FROM
FULL GLOBALDICT256 GLOBALDICT64K GRANT GROUP GZIP HAVING IDENTITY IGNORE ILIKE IN INITIALLY
INNER INTERSECT INTERVAL INTO IS ISNULL JOIN LEADING LEFT LIKE LIMIT LOCALTIME LOCALTIMESTAMP
LUN LUNS LZO LZOP MINUS MOSTLY16 MOSTLY32 MOSTLY8 NATURAL NEW NOT NOTNULL NULL NULLS OFF
OFFLINE OFFSET OID OLD ON ONLY OPEN OR ORDER OUTER OVERLAPS PARALLEL PARTITION PERCENT
PERMISSIONS PIVOT PLACING PRIMARY RAW READRATIO RECOVER REFERENCES REJECTLOG RESORT RESPECT
RESTORE RIGHT SELECT SESSION_USER SIMILAR SNAPSHOT SOME SYSDATE SYSTEM TABLE TAG TDES TEXT255
TEXT32K THEN TIMESTAMP TO TOP TRAILING TRUE TRUNCATECOLUMNS UNION UNIQUE UNNEST UNPIVOT USER
USING VERBOSE WALLET WHEN WHERE WITH WITHOUT`
      .split(/\s+/)
      .map((w) => w.toLowerCase()),
  ),
)

/** Options of {@link validateIdentifier}. */
export interface ValidateIdentifierOptions {
  /**
   * `'allow'` (default): reserved words pass, because generated SQL always quotes them.
   * `'reject'`: refuse them, for names that may be used unquoted.
   */
  readonly reserved?: 'allow' | 'reject'
  /** Byte limit; default {@link REDSHIFT_MAX_IDENTIFIER_BYTES}. Use 63 for names that must also be exact on PostgreSQL. */
  readonly maxBytes?: number
}

const encoder = new TextEncoder()
const utf8Length = (s: string): number => encoder.encode(s).length

/** True when `name` is one of Redshift's reserved words (case-insensitive). */
export function isReservedWord(name: string): boolean {
  return REDSHIFT_RESERVED_WORDS.has(name.toLowerCase())
}

const describe = (value: unknown): string =>
  typeof value === 'string' ? JSON.stringify(value) : String(value)

function checkLength(name: string, field: string, maxBytes: number): void {
  if (name.length === 0) {
    throw new IdentifierError(
      'IDENTIFIER_EMPTY',
      `${field}: the name is empty; give a name of 1 to ${maxBytes} bytes, e.g. "airline_dw".`,
      { field, value: name },
    )
  }
  const bytes = utf8Length(name)
  if (bytes > maxBytes) {
    throw new IdentifierError(
      'IDENTIFIER_TOO_LONG',
      `${field}: ${describe(name)} is ${bytes} bytes of UTF-8; names are limited to ${maxBytes} bytes. Shorten it.`,
      { field, value: name },
    )
  }
}

/**
 * Checks that `name` is a standard Redshift identifier (see the policy above) and returns it.
 *
 * @param field where the name came from (config path or option), named in the error.
 * @throws {IdentifierError} with `code`, `field`, `value` and a message saying how to fix it.
 * @example
 * validateIdentifier('consumer_analytics', 'consumers[0].database') // → 'consumer_analytics'
 * validateIdentifier('Sales', 'share.name') // throws IDENTIFIER_UPPERCASE
 */
export function validateIdentifier(
  name: unknown,
  field: string,
  options: ValidateIdentifierOptions = {},
): string {
  if (typeof name !== 'string') {
    throw new IdentifierError(
      'IDENTIFIER_NOT_A_STRING',
      `${field}: expected a name (string), got ${name === null ? 'null' : typeof name}.`,
      { field, value: name },
    )
  }
  checkLength(name, field, options.maxBytes ?? REDSHIFT_MAX_IDENTIFIER_BYTES)
  const hidden = HIDDEN.exec(name)
  if (hidden) {
    const ch = hidden[0]
    const cp = `U+${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0').toUpperCase()}`
    throw new IdentifierError(
      'IDENTIFIER_INVALID_CHARACTER',
      /\p{Cs}/u.test(ch)
        ? `${field}: ${describe(name)} contains a lone UTF-16 surrogate (${cp}), which is not valid UTF-8 (it would arrive as U+FFFD). Fix the string's encoding.`
        : `${field}: ${describe(name)} contains ${cp}, an invisible, space or text-direction character, so the name would not read as it is; remove it (names may contain letters, digits, "_" and "$").`,
      { field, value: name },
    )
  }
  const chars = [...name]
  const first = chars[0] as string
  if (!/^[a-zA-Z_]$/.test(first) && utf8Length(first) < 2) {
    throw new IdentifierError(
      'IDENTIFIER_INVALID_START',
      `${field}: ${describe(name)} must start with a letter or an underscore (Redshift identifier rules), e.g. "_${name}" or "t_${name}".`,
      { field, value: name },
    )
  }
  for (const ch of chars) {
    if (/^[A-Z]$/.test(ch)) {
      throw new IdentifierError(
        'IDENTIFIER_UPPERCASE',
        `${field}: ${describe(name)} contains upper-case letters; Redshift folds names to lower case while PostgreSQL keeps them, so use ${describe(name.toLowerCase())}.`,
        { field, value: name },
      )
    }
    if (!/^[a-z0-9_$]$/.test(ch) && utf8Length(ch) < 2) {
      throw new IdentifierError(
        'IDENTIFIER_INVALID_CHARACTER',
        `${field}: ${describe(name)} contains ${JSON.stringify(ch)}; names may contain only letters, digits, "_" and "$" (Redshift identifier rules). Replace it, e.g. with "_".`,
        { field, value: name },
      )
    }
  }
  if (options.reserved === 'reject' && isReservedWord(name)) {
    throw new IdentifierError(
      'IDENTIFIER_RESERVED_WORD',
      `${field}: ${describe(name)} is a Redshift reserved word and cannot be used unquoted; pick another name, e.g. ${describe(`${name}_`)}.`,
      { field, value: name },
    )
  }
  return name
}

// Characters that make a name read as something it is not, refused in standard identifiers:
// format characters (zero-width space and joiners, bidirectional embeddings, overrides and
// isolates, the BOM, the soft hyphen), other default-ignorable code points (Hangul fillers,
// variation selectors), spaces and separators, control and private-use characters, and lone
// UTF-16 surrogates (not UTF-8 at all: TextEncoder turns them into U+FFFD).
// (The ASCII space and controls get the plain invalid-character message below.)
// biome-ignore lint/suspicious/noControlCharactersInRegex: excluding ASCII (controls included) is the point
const HIDDEN = /(?![\u0000-\u007f])[\p{Cf}\p{Z}\p{Cc}\p{Co}\p{Cs}\p{Default_Ignorable_Code_Point}]/u

// C0 and C1 control characters and DEL: not "printable", refused inside delimited identifiers.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

/**
 * Quotes one identifier for Redshift and PostgreSQL: wraps it in double quotes and doubles
 * embedded double quotes. The ONLY quoting function of the toolkit: every identifier in
 * generated SQL passes through it.
 *
 * It validates the rules of *delimited* identifiers (1–127 bytes of UTF-8, printable
 * characters only), so it never emits something the server would misread.
 *
 * @throws {IdentifierError} for empty, too long, non-string or control-character names.
 * @example
 * quoteIdent('fact_bookings') // → '"fact_bookings"'
 * quoteIdent('say "hi"')      // → '"say ""hi"""'
 */
export function quoteIdent(name: string, field = 'identifier'): string {
  if (typeof name !== 'string') {
    throw new IdentifierError(
      'IDENTIFIER_NOT_A_STRING',
      `${field}: expected a name (string), got ${name === null ? 'null' : typeof name}.`,
      { field, value: name },
    )
  }
  checkLength(name, field, REDSHIFT_MAX_IDENTIFIER_BYTES)
  const bad = CONTROL.exec(name)
  if (bad) {
    throw new IdentifierError(
      'IDENTIFIER_INVALID_CHARACTER',
      `${field}: ${describe(name)} contains the control character U+${(bad[0].codePointAt(0) ?? 0).toString(16).padStart(4, '0').toUpperCase()}; identifiers may contain only printable characters. Remove it.`,
      { field, value: name },
    )
  }
  if (/[\ud800-\udfff]/u.test(name.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) {
    throw new IdentifierError(
      'IDENTIFIER_INVALID_CHARACTER',
      `${field}: ${describe(name)} contains a lone UTF-16 surrogate, which is not valid UTF-8. Fix the string's encoding.`,
      { field, value: name },
    )
  }
  return `"${name.replaceAll('"', '""')}"`
}

/**
 * Quotes a dotted name part by part: `quoteQualified('consumer_db', 'airline_dw', 'dim_date')`
 * → `"consumer_db"."airline_dw"."dim_date"`. Empty or missing parts are refused.
 */
export function quoteQualified(...parts: readonly string[]): string {
  if (parts.length === 0) {
    throw new IdentifierError(
      'IDENTIFIER_EMPTY',
      'quoteQualified: give at least one name part, e.g. quoteQualified("airline_dw", "dim_date").',
      { field: 'identifier', value: parts },
    )
  }
  return parts.map((p, i) => quoteIdent(p, `identifier part ${i + 1}`)).join('.')
}

/** Options of {@link quoteLiteral}. */
export interface QuoteLiteralOptions {
  /**
   * How backslashes are read by the server that will run the SQL. Redshift treats `\` in a
   * string literal as an escape character; PostgreSQL (standard_conforming_strings = on, the
   * default since 9.1) does not. Without a target, a backslash is refused, because the same
   * literal would mean different strings on the two.
   */
  readonly target?: 'redshift' | 'postgres'
  /** Field named in errors. */
  readonly field?: string
}

/**
 * Quotes a string literal: single quotes around, embedded single quotes doubled. NUL bytes
 * are refused (neither engine stores them), and so are lone UTF-16 surrogates (not UTF-8:
 * they would arrive as U+FFFD, a different string).
 *
 * @example
 * quoteLiteral("O'Hare")                                   // → "'O''Hare'"
 * quoteLiteral('a\\b', { target: 'redshift' })             // → "'a\\\\b'"
 */
export function quoteLiteral(value: string, options: QuoteLiteralOptions = {}): string {
  const field = options.field ?? 'literal'
  if (typeof value !== 'string') {
    throw new SchemaError(
      'LITERAL_NOT_A_STRING',
      `${field}: expected a string, got ${value === null ? 'null' : typeof value}.`,
      { field, value },
    )
  }
  if (value.includes('\u0000')) {
    throw new SchemaError(
      'LITERAL_NUL',
      `${field}: the value contains a NUL character (U+0000), which SQL strings cannot hold. Remove it.`,
      { field, value },
    )
  }
  const lone = /\p{Cs}/u.exec(value)
  if (lone) {
    throw new SchemaError(
      'LITERAL_LONE_SURROGATE',
      `${field}: the value contains a lone UTF-16 surrogate (U+${(lone[0].codePointAt(0) ?? 0).toString(16).toUpperCase()}), which is not valid UTF-8: the server would store U+FFFD instead. Fix the string's encoding.`,
      { field, value },
    )
  }
  let body = value.replaceAll("'", "''")
  if (body.includes('\\')) {
    if (options.target === undefined) {
      throw new SchemaError(
        'LITERAL_BACKSLASH',
        `${field}: the value contains a backslash, which Redshift reads as an escape and PostgreSQL does not; pass { target: 'redshift' } or { target: 'postgres' } to quoteLiteral.`,
        { field, value },
      )
    }
    if (options.target === 'redshift') body = body.replaceAll('\\', '\\\\')
  }
  return `'${body}'`
}
