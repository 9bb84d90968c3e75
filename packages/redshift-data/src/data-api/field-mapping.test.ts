import { describe, expect, it } from 'vitest'
import { mapField, mapRecords, parseDate, parseTimestamp } from './field-mapping.js'

const opts = { int8: 'string' } as const

describe('mapField', () => {
  it.each([
    ['NULL', { isNull: true }, 'int4', null],
    ['int4 longValue', { longValue: 7 }, 'int4', 7],
    ['int2 longValue', { longValue: -3 }, 'int2', -3],
    ['int8 longValue, as string by default', { longValue: 12 }, 'int8', '12'],
    ['float8 doubleValue', { doubleValue: 1.25 }, 'float8', 1.25],
    ['float8 NaN sent as string', { stringValue: 'NaN' }, 'float8', Number.NaN],
    [
      'numeric stringValue, exact',
      { stringValue: '123456789012345678.90' },
      'numeric',
      '123456789012345678.90',
    ],
    ['bool booleanValue', { booleanValue: false }, 'bool', false],
    ['bool as text', { stringValue: 't' }, 'bool', true],
    ['date', { stringValue: '2024-02-29' }, 'date', new Date(Date.UTC(2024, 1, 29))],
    [
      'timestamp',
      { stringValue: '2024-01-02 03:04:05.123456' },
      'timestamp',
      new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 123)),
    ],
    [
      'timestamptz',
      { stringValue: '2024-01-02 03:04:05+05:30' },
      'timestamptz',
      new Date(Date.UTC(2024, 0, 1, 21, 34, 5)),
    ],
    ['varchar', { stringValue: 'ORD' }, 'varchar', 'ORD'],
    ['super as JSON', { stringValue: '{"a":1}' }, 'super', { a: 1 }],
    ['super holding a non-JSON scalar', { stringValue: 'abc' }, 'super', 'abc'],
    ['infinity date kept as text', { stringValue: 'infinity' }, 'date', 'infinity'],
    ['blob', { blobValue: new Uint8Array([1, 2]) }, 'varbyte', new Uint8Array([1, 2])],
  ])('maps %s', (_label, field, typeName, expected) => {
    expect(mapField(field, { typeName }, opts)).toEqual(expected)
  })

  it('maps int8 to bigint or number by option', () => {
    expect(mapField({ longValue: 5 }, { typeName: 'int8' }, { int8: 'bigint' })).toBe(5n)
    expect(
      mapField({ stringValue: '9007199254740993' }, { typeName: 'int8' }, { int8: 'bigint' }),
    ).toBe(9007199254740993n)
    expect(mapField({ longValue: 5 }, { typeName: 'int8' }, { int8: 'number' })).toBe(5)
  })

  it('R-API-10: refuses an int8 longValue beyond 2^53 in the exact modes (JSON has rounded it)', () => {
    const column = { label: 'big', typeName: 'int8' }
    for (const int8 of ['string', 'bigint'] as const)
      expect(() => mapField({ longValue: 2 ** 53 }, column, { int8, statementId: 'st-1' })).toThrow(
        expect.objectContaining({
          name: 'DataApiResultError',
          code: 'INT8_PRECISION_LOST',
          statementId: 'st-1',
          column: 'big',
          value: 2 ** 53,
        }),
      )
    expect(mapField({ longValue: 2 ** 53 - 1 }, column, opts)).toBe('9007199254740991')
    expect(mapField({ longValue: -(2 ** 53) + 1 }, column, { int8: 'bigint' })).toBe(
      -9007199254740991n,
    )
    expect(mapField({ longValue: 2 ** 53 }, column, { int8: 'number' })).toBe(2 ** 53)
    // int4 never reaches that range; a stringValue int8 (CSV) is exact.
    expect(mapField({ stringValue: '9007199254740993' }, column, opts)).toBe('9007199254740993')
  })

  it('keys rows by label, then name', () => {
    const rows = mapRecords(
      [[{ longValue: 1 }, { isNull: true }]],
      [
        { label: 'a', name: 'x', typeName: 'int4' },
        { name: 'b', typeName: 'varchar' },
      ],
      opts,
    )
    expect(rows).toEqual([{ a: 1, b: null }])
  })

  it('parses dates before year 100 and rejects garbage', () => {
    expect(parseDate('0042-01-01')?.getUTCFullYear()).toBe(42)
    expect(parseTimestamp('not a timestamp')).toBeUndefined()
    expect(parseTimestamp('2024-01-02T03:04:05Z')).toEqual(new Date(Date.UTC(2024, 0, 2, 3, 4, 5)))
  })
})
