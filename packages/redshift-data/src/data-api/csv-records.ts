import type { ColumnInfo, DataApiField } from './field-mapping.js'

/** One field of a CSV record: its text, and whether it was written in quotes. */
export interface CsvField {
  readonly text: string
  readonly quoted: boolean
}

/**
 * Parses RFC 4180 text: fields separated by `,`, records ended by LF or CRLF, a quoted field
 * may hold `,`, line breaks and `""` (one quote). A final line break ends the last record.
 *
 * @example
 * parseCsv('1,"a, ""b"""\n2,\n') // → [[1, 'a, "b"'], [2, '']] (as CsvFields)
 */
export function parseCsv(text: string): CsvField[][] {
  const records: CsvField[][] = []
  let record: CsvField[] = []
  let i = 0
  const n = text.length
  if (n === 0) return records
  for (;;) {
    let value = ''
    let quoted = false
    if (text[i] === '"') {
      quoted = true
      i++
      for (;;) {
        const q = text.indexOf('"', i)
        if (q === -1) {
          // An unterminated quote: keep the rest as the field's text.
          value += text.slice(i)
          i = n
          break
        }
        value += text.slice(i, q)
        if (text[q + 1] === '"') {
          value += '"'
          i = q + 2
        } else {
          i = q + 1
          break
        }
      }
    }
    // Unquoted text (or anything after a closing quote) up to the next separator.
    let end = i
    while (end < n && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') end++
    value += text.slice(i, end)
    i = end
    record.push({ text: value, quoted })
    if (i >= n) {
      records.push(record)
      return records
    }
    if (text[i] === ',') {
      i++
      continue
    }
    // A line break (LF or CRLF) ends the record.
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1
    records.push(record)
    record = []
    if (i >= n) return records
  }
}

/**
 * The `Field`s of CSV records, to map like JSON results: every value as `stringValue` (its
 * text, typed later by the column's `typeName`), an empty unquoted field as NULL, `""` as the
 * empty string (the convention of PostgreSQL's CSV; the Data API reference does not document
 * how CSVRecords writes NULL).
 */
export function csvFields(records: readonly (readonly CsvField[])[]): DataApiField[][] {
  return records.map((record) =>
    record.map((f) =>
      !f.quoted && f.text.length === 0 ? { isNull: true } : { stringValue: f.text },
    ),
  )
}

/**
 * Whether the first record of a CSV page is a header (the column labels) rather than data.
 * The Data API reference does not say whether CSVRecords starts with one, so a record equal
 * to the labels counts as a header unless the row counts say it is data: on the last page,
 * `readBefore` earlier rows plus this page's records add up to exactly `totalRows`.
 */
export function isHeader(
  records: readonly (readonly CsvField[])[],
  columns: readonly ColumnInfo[],
  page: { readonly readBefore: number; readonly totalRows: number | undefined; last: boolean },
): boolean {
  const first = records[0]
  if (!first || columns.length === 0 || first.length !== columns.length) return false
  const labels = columns.map((c) => c.label ?? c.name ?? '')
  if (!first.every((f, i) => f.text === labels[i])) return false
  if (page.last && page.totalRows !== undefined)
    return page.readBefore + records.length !== page.totalRows
  return true
}
