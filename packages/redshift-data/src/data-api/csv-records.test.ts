import { describe, expect, it } from 'vitest'
import { csvFields, isHeader, parseCsv } from './csv-records.js'
import { mapRecords } from './field-mapping.js'

const texts = (csv: string) => parseCsv(csv).map((r) => r.map((f) => f.text))

describe('CSV records (GetStatementResultV2, R-API-9)', () => {
  it('parses RFC 4180: quotes, doubled quotes, separators and line breaks in quotes, CRLF', () => {
    expect(texts('1,"a, ""b"""\r\n2,"x\ny"\n3,\n')).toEqual([
      ['1', 'a, "b"'],
      ['2', 'x\ny'],
      ['3', ''],
    ])
    expect(texts('')).toEqual([])
    expect(texts('no-final-newline')).toEqual([['no-final-newline']])
  })

  it('reads an unquoted empty field as NULL and "" as the empty string', () => {
    expect(csvFields(parseCsv(',""\n'))).toEqual([[{ isNull: true }, { stringValue: '' }]])
  })

  it('maps text by typeName, keeping every int8 digit', () => {
    const columns = [
      { name: 'i8', typeName: 'int8' },
      { name: 'n', typeName: 'numeric' },
      { name: 'b', typeName: 'bool' },
      { name: 'i4', typeName: 'int4' },
    ]
    const records = csvFields(parseCsv('-9223372036854775808,1.50,t,7\n9007199254740993,,f,\n'))
    expect(mapRecords(records, columns, { int8: 'bigint' })).toEqual([
      { i8: -9223372036854775808n, n: '1.50', b: true, i4: 7 },
      { i8: 9007199254740993n, n: null, b: false, i4: null },
    ])
    expect(mapRecords(records, columns, { int8: 'string' })[1]?.i8).toBe('9007199254740993')
  })

  it('drops a header line of column labels, unless the row count says it is data', () => {
    const columns = [{ label: 'n', typeName: 'varchar' }]
    const page = (csv: string, totalRows: number | undefined, last: boolean) =>
      isHeader(parseCsv(csv), columns, { readBefore: 0, totalRows, last })
    expect(page('n\na\nb\n', 2, true)).toBe(true)
    expect(page('n\na\n', 2, true)).toBe(false) // `select 'n' as n union all select 'a'`
    expect(page('n\na\n', undefined, true)).toBe(true)
    expect(page('n\na\n', 100, false)).toBe(true)
    expect(page('a\nn\n', 2, true)).toBe(false)
    expect(isHeader([], columns, { readBefore: 0, totalRows: 0, last: true })).toBe(false)
  })
})
