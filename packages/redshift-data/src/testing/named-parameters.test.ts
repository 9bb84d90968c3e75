import { describe, expect, it } from 'vitest'
import { translateNamedParameters } from './named-parameters.js'

describe('translateNamedParameters', () => {
  it('binds each name once, in order of first use, leaving casts alone', () => {
    expect(translateNamedParameters('select :b::int, :a, :b', { a: '1', b: '2' })).toEqual({
      sql: 'select $1::int, $2, $1',
      values: ['2', '1'],
      missing: [],
    })
  })

  it('skips literals, quoted identifiers and comments', () => {
    const sql = `select ':x', "col:y", 'it''s :z', 'a\\' :w' -- :c\n/* :d */ from t where a = :real`
    expect(translateNamedParameters(sql, { real: '5' })).toEqual({
      sql: `select ':x', "col:y", 'it''s :z', 'a\\' :w' -- :c\n/* :d */ from t where a = $1`,
      values: ['5'],
      missing: [],
    })
  })

  it('reports names without a value', () => {
    expect(translateNamedParameters('select :nope', {}).missing).toEqual(['nope'])
  })
})
