import { describe, expect, it } from 'vitest'
import { SchemaError } from './errors.js'
import { quoteLiteral, validateIdentifier } from './identifiers.js'

const failure = (fn: () => unknown) => {
  try {
    fn()
  } catch (e) {
    return e instanceof SchemaError ? { code: e.code, field: e.field, message: e.message } : e
  }
  return undefined
}

describe('names that would not read as they are', () => {
  it.each([
    ['zero-width space', 'sales\u200b'],
    ['zero-width joiner', 'sa\u200dles'],
    ['right-to-left override', 'sales\u202e_x'],
    ['left-to-right isolate', '\u2066sales'],
    ['right-to-left mark', 'sales\u200f'],
    ['byte order mark', '\ufeffsales'],
    ['soft hyphen', 'sa\u00adles'],
    ['no-break space', 'sa\u00a0les'],
    ['ideographic space', 'sa\u3000les'],
    ['Hangul filler', 'sa\u3164les'],
    ['variation selector', 'sa\ufe0fles'],
    ['C1 control', 'sa\u0085les'],
    ['private use', 'sa\ue000les'],
  ])('validateIdentifier refuses a %s', (_what, name) => {
    expect(failure(() => validateIdentifier(name, 'share.name'))).toMatchObject({
      code: 'IDENTIFIER_INVALID_CHARACTER',
      field: 'share.name',
      message: expect.stringContaining('an invisible, space or text-direction character'),
    })
  })

  it('validateIdentifier refuses lone surrogates (they would arrive as U+FFFD)', () => {
    for (const name of ['sales\ud800', '\udc00sales', 'a\udbffb'])
      expect(failure(() => validateIdentifier(name, 'f'))).toMatchObject({
        code: 'IDENTIFIER_INVALID_CHARACTER',
        message: expect.stringContaining('lone UTF-16 surrogate'),
      })
  })

  it('still accepts letters of any script, combining accents and emoji pairs', () => {
    for (const name of ['tëst', 'te\u0301st', '表', 'ünïcødé_名前', 'données', 'x😀'])
      expect(validateIdentifier(name, 'f')).toBe(name)
  })

  it('quoteLiteral refuses lone surrogates and keeps surrogate pairs', () => {
    expect(failure(() => quoteLiteral('a\ud800b', { field: 'rls.values[0]' }))).toMatchObject({
      code: 'LITERAL_LONE_SURROGATE',
      field: 'rls.values[0]',
    })
    expect(failure(() => quoteLiteral('\udfff'))).toMatchObject({ code: 'LITERAL_LONE_SURROGATE' })
    expect(quoteLiteral('x😀')).toBe("'x😀'")
  })
})
