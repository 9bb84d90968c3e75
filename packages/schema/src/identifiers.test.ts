import { describe, expect, it } from 'vitest'
import { IdentifierError, SchemaError } from './errors.js'
import {
  isReservedWord,
  quoteIdent,
  quoteLiteral,
  quoteQualified,
  REDSHIFT_RESERVED_WORDS,
  validateIdentifier,
} from './identifiers.js'

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn()
  } catch (e) {
    return e instanceof SchemaError ? e.code : `not a SchemaError: ${String(e)}`
  }
  return undefined
}

describe('validateIdentifier', () => {
  it('accepts standard identifiers and returns them', () => {
    for (const ok of ['airline_dw', '_x', 'a$1', 'dim_date', 'tëst', '表', 'a'.repeat(127)]) {
      expect(validateIdentifier(ok, 'f')).toBe(ok)
    }
  })

  it('refuses bad names with a code, the field and the value', () => {
    const cases: [unknown, string][] = [
      ['', 'IDENTIFIER_EMPTY'],
      ['a'.repeat(128), 'IDENTIFIER_TOO_LONG'],
      ['é'.repeat(64), 'IDENTIFIER_TOO_LONG'], // 128 bytes
      ['1abc', 'IDENTIFIER_INVALID_START'],
      ['$abc', 'IDENTIFIER_INVALID_START'],
      ['a b', 'IDENTIFIER_INVALID_CHARACTER'],
      ['a-b', 'IDENTIFIER_INVALID_CHARACTER'],
      ['a"b', 'IDENTIFIER_INVALID_CHARACTER'],
      ['a;drop', 'IDENTIFIER_INVALID_CHARACTER'],
      ['Sales', 'IDENTIFIER_UPPERCASE'],
      [42, 'IDENTIFIER_NOT_A_STRING'],
      [undefined, 'IDENTIFIER_NOT_A_STRING'],
    ]
    for (const [value, code] of cases)
      expect(codeOf(() => validateIdentifier(value, 'f'))).toBe(code)
    const err = (() => {
      try {
        validateIdentifier('My Share', 'sharing.datashare')
      } catch (e) {
        return e
      }
    })()
    expect(err).toBeInstanceOf(IdentifierError)
    expect(err).toMatchObject({ field: 'sharing.datashare', value: 'My Share' })
    expect((err as Error).message).toContain('sharing.datashare')
    expect((err as Error).message).toContain('"my share"')
  })

  it('allows reserved words unless asked to reject them', () => {
    expect(validateIdentifier('table', 'f')).toBe('table')
    expect(codeOf(() => validateIdentifier('table', 'f', { reserved: 'reject' }))).toBe(
      'IDENTIFIER_RESERVED_WORD',
    )
    expect(validateIdentifier('tables', 'f', { reserved: 'reject' })).toBe('tables')
  })

  it('honours a PostgreSQL byte limit when asked', () => {
    expect(codeOf(() => validateIdentifier('a'.repeat(64), 'f', { maxBytes: 63 }))).toBe(
      'IDENTIFIER_TOO_LONG',
    )
  })
})

describe('reserved words', () => {
  it('holds the documented list, case-insensitively', () => {
    expect(REDSHIFT_RESERVED_WORDS.size).toBe(156)
    for (const w of ['select', 'SELECT', 'aes128', 'without', 'wallet', 'luns', 'top']) {
      expect(isReservedWord(w)).toBe(true)
    }
    for (const w of ['start', 'connect', 'dim_date', 'name']) expect(isReservedWord(w)).toBe(false)
  })
})

describe('quoteIdent', () => {
  it('wraps in double quotes and doubles embedded ones', () => {
    expect(quoteIdent('fact_bookings')).toBe('"fact_bookings"')
    expect(quoteIdent('say "hi"')).toBe('"say ""hi"""')
    expect(quoteIdent('select')).toBe('"select"')
    expect(quoteIdent('Mixed Case')).toBe('"Mixed Case"')
  })

  it('refuses what no server would accept', () => {
    expect(codeOf(() => quoteIdent(''))).toBe('IDENTIFIER_EMPTY')
    expect(codeOf(() => quoteIdent('a\u0000b'))).toBe('IDENTIFIER_INVALID_CHARACTER')
    expect(codeOf(() => quoteIdent('a\nb'))).toBe('IDENTIFIER_INVALID_CHARACTER')
    expect(codeOf(() => quoteIdent('\ud800'))).toBe('IDENTIFIER_INVALID_CHARACTER')
    expect(codeOf(() => quoteIdent('x'.repeat(128)))).toBe('IDENTIFIER_TOO_LONG')
    expect(quoteIdent('😀')).toBe('"😀"')
  })

  it('quotes qualified names part by part', () => {
    expect(quoteQualified('consumer_db', 'airline_dw', 'dim_date')).toBe(
      '"consumer_db"."airline_dw"."dim_date"',
    )
    expect(quoteQualified('a.b')).toBe('"a.b"')
    expect(codeOf(() => quoteQualified())).toBe('IDENTIFIER_EMPTY')
    expect(codeOf(() => quoteQualified('a', ''))).toBe('IDENTIFIER_EMPTY')
  })
})

describe('quoteLiteral', () => {
  it('doubles single quotes', () => {
    expect(quoteLiteral("O'Hare")).toBe("'O''Hare'")
    expect(quoteLiteral('')).toBe("''")
  })

  it('refuses NUL and, without a target, backslashes', () => {
    expect(codeOf(() => quoteLiteral('a\u0000'))).toBe('LITERAL_NUL')
    expect(codeOf(() => quoteLiteral('a\\b'))).toBe('LITERAL_BACKSLASH')
    expect(quoteLiteral('a\\b', { target: 'postgres' })).toBe("'a\\b'")
    expect(quoteLiteral("a\\'b", { target: 'redshift' })).toBe("'a\\\\''b'")
  })
})
