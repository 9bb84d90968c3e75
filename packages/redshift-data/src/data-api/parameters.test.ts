import { describe, expect, it } from 'vitest'
import { DataApiInputError } from '../errors.js'
import { formatUtcTimestamp, toParameterValue, toSqlParameters } from './parameters.js'

describe('toParameterValue', () => {
  it.each([
    ['an integer', 42, '42'],
    ['a negative float', -1.5, '-1.5'],
    ['the shortest round-trip form', 0.1 + 0.2, '0.30000000000000004'],
    ['NaN', Number.NaN, 'NaN'],
    ['Infinity', Number.POSITIVE_INFINITY, 'Infinity'],
    ['a bigint beyond 2^53', 9007199254740993n, '9007199254740993'],
    [
      'a numeric string, untouched',
      '12345678901234567890.1234567890',
      '12345678901234567890.1234567890',
    ],
    ['true', true, 'true'],
    ['false', false, 'false'],
    ['a Date, in UTC', new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)), '2024-01-02 03:04:05.006+00'],
    ['an object, as JSON', { a: [1, 'x'] }, '{"a":[1,"x"]}'],
  ])('converts %s', (_label, value, expected) => {
    expect(toParameterValue(value, 'p1')).toBe(expected)
  })

  it.each([
    ['the empty string', '', /empty string/],
    ['null', null, /no NULL parameters/],
    ['undefined', undefined, /no NULL parameters/],
    ['an invalid Date', new Date(Number.NaN), /invalid Date/],
    ['binary', new Uint8Array([1]), /binary/],
    ['a function', () => 1, /unsupported type function/],
  ])('refuses %s, naming the parameter', (_label, value, message) => {
    const error = (() => {
      try {
        toParameterValue(value, 'p7')
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(DataApiInputError)
    expect(error).toMatchObject({ code: 'INVALID_PARAMETER', field: 'p7' })
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message).toContain(':p7')
  })

  it('names positional parameters p1, p2 …', () => {
    expect(toSqlParameters([1, 'a', true])).toEqual([
      { name: 'p1', value: '1' },
      { name: 'p2', value: 'a' },
      { name: 'p3', value: 'true' },
    ])
  })

  it('formats timestamps from any zone as UTC', () => {
    expect(formatUtcTimestamp(new Date('2024-06-30T23:30:00.250-02:00'))).toBe(
      '2024-07-01 01:30:00.250+00',
    )
  })
})
