import { describe, expect, it } from 'vitest'
import type { ResultColumn } from '../account/types.js'
import { DataApiError } from './data-api-errors.js'
import {
  columnMetadata,
  csvLine,
  csvPage,
  decodeToken,
  encodeToken,
  JsonLong,
  jsonPage,
  resultSize,
  serializeJson,
  toField,
} from './data-api-results.js'

const col = (name: string, typeName: string, precision = 0, scale = 0): ResultColumn => ({
  name,
  typeName,
  precision,
  scale,
})

describe('toField', () => {
  it('R-API-10: integers are longValue, REAL/DOUBLE doubleValue, DECIMAL stringValue, BOOLEAN booleanValue, NULL isNull', () => {
    expect(toField('int2', '-3')).toEqual({ longValue: -3 })
    expect(toField('int4', '42')).toEqual({ longValue: 42 })
    expect(toField('int8', '9007199254740991')).toEqual({ longValue: 9007199254740991 })
    expect(toField('float4', '1.5')).toEqual({ doubleValue: 1.5 })
    expect(toField('float8', '-2.5e-10')).toEqual({ doubleValue: -2.5e-10 })
    expect(toField('numeric', '12345678901234567890.12')).toEqual({
      stringValue: '12345678901234567890.12',
    })
    expect(toField('bool', 't')).toEqual({ booleanValue: true })
    expect(toField('bool', 'f')).toEqual({ booleanValue: false })
    expect(toField('int4', null)).toEqual({ isNull: true })
    expect(toField('timestamp', '2024-01-02 03:04:05')).toEqual({
      stringValue: '2024-01-02 03:04:05',
    })
    expect(toField('super', '{"a":1}')).toEqual({ stringValue: '{"a":1}' })
  })

  it('R-API-10: VARBYTE is a base64 blobValue', () => {
    expect(toField('varbyte', '\\x616263')).toEqual({ blobValue: 'YWJj' })
  })

  it('R-API-10: NaN and infinities are the strings Smithy JSON protocols use', () => {
    expect(toField('float8', 'NaN')).toEqual({ doubleValue: 'NaN' })
    expect(toField('float8', 'Infinity')).toEqual({ doubleValue: 'Infinity' })
    expect(toField('float4', '-Infinity')).toEqual({ doubleValue: '-Infinity' })
  })

  it('R-API-10: a 64-bit integer beyond 2^53 keeps every digit on the wire', () => {
    const f = toField('int8', '9223372036854775807')
    expect(f).toEqual({ longValue: new JsonLong('9223372036854775807') })
    expect(serializeJson({ Records: [[f, { stringValue: 'x' }]] })).toBe(
      '{"Records":[[{"longValue":9223372036854775807},{"stringValue":"x"}]]}',
    )
    expect(serializeJson({ a: '\u0000not-a-mark:1' })).toBe('{"a":"\\u0000not-a-mark:1"}')
  })
})

describe('columnMetadata', () => {
  it('R-API-11: every member, with signedness, case sensitivity and precision', () => {
    expect(columnMetadata(col('n', 'int4'))).toEqual({
      isCaseSensitive: false,
      isCurrency: false,
      isSigned: true,
      label: 'n',
      name: 'n',
      nullable: 1,
      precision: 10,
      scale: 0,
      schemaName: '',
      tableName: '',
      typeName: 'int4',
      length: 0,
    })
    expect(columnMetadata(col('s', 'varchar', 20))).toMatchObject({
      isCaseSensitive: true,
      isSigned: false,
      precision: 20,
    })
    expect(columnMetadata(col('d', 'numeric', 10, 2))).toMatchObject({
      isSigned: true,
      precision: 10,
      scale: 2,
    })
  })
})

describe('paging', () => {
  const result = {
    columns: [col('id', 'int4'), col('name', 'varchar')],
    rows: Array.from({ length: 5 }, (_, i) => [String(i + 1), i === 2 ? null : `n${i + 1}`]),
  }

  it('R-API-12: pages of pageSize rows; the last page has no NextToken', () => {
    const first = jsonPage('id-1', result, undefined, 2)
    expect(first.Records).toEqual([
      [{ longValue: 1 }, { stringValue: 'n1' }],
      [{ longValue: 2 }, { stringValue: 'n2' }],
    ])
    expect(first.TotalNumRows).toBe(5)
    const second = jsonPage('id-1', result, first.NextToken, 2)
    expect(second.Records[0]).toEqual([{ longValue: 3 }, { isNull: true }])
    const third = jsonPage('id-1', result, second.NextToken, 2)
    expect(third.Records).toHaveLength(1)
    expect(third.NextToken).toBeUndefined()
    expect(jsonPage('id-1', { columns: result.columns, rows: [] }, undefined, 2)).toMatchObject({
      Records: [],
      TotalNumRows: 0,
    })
  })

  it('R-API-12: a token of another statement, or garbage, is a ValidationException', () => {
    expect(() => decodeToken(encodeToken('other', 2), 'id-1', 5)).toThrow(DataApiError)
    expect(() => decodeToken('%%%', 'id-1', 5)).toThrow(/NextToken/)
    expect(() => decodeToken(encodeToken('id-1', 6), 'id-1', 5)).toThrow(/NextToken/)
    expect(decodeToken(encodeToken('id-1', 4), 'id-1', 5)).toBe(4)
  })

  it('R-API-9: CSV pages: one CSVRecords string per page, RFC 4180 quoting, NULL as an empty field', () => {
    expect(csvLine(['1', 'a,b', 'say "hi"', null, 'two\nlines'])).toBe(
      '1,"a,b","say ""hi""",,"two\nlines"\n',
    )
    const page = csvPage('id-1', result, undefined, 3)
    expect(page.Records).toEqual([{ CSVRecords: '1,n1\n2,n2\n3,\n' }])
    expect(page.ResultFormat).toBe('CSV')
    expect(csvPage('id-1', result, page.NextToken, 3).Records).toEqual([
      { CSVRecords: '4,n4\n5,n5\n' },
    ])
  })

  it('R-API-8: ResultSize counts the bytes of the values', () => {
    expect(
      resultSize({
        rows: [
          ['ab', null],
          ['é', 'x'],
        ],
      }),
    ).toBe(2 + 2 + 1)
  })
})
