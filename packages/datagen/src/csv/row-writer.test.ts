import { col, defineTable } from '@redshift-playground/schema/model'
import { describe, expect, it } from 'vitest'
import { ByteBuffer, int } from './row-encoder.js'
import { type ColumnSources, compileRowWriter, type FieldRun } from './row-writer.js'

const table = defineTable({
  schema: 's',
  name: 't',
  comment: '',
  columns: {
    a: col.integer(),
    b: col.decimal(10, 2),
    c: col.date(),
    d: col.timestamp(),
    e: col.varchar(20).nullable_(),
    f: col.boolean(),
    g: col.time(),
  },
  primaryKey: ['a'],
  foreignKeys: [],
  distribution: { style: 'AUTO' },
  sortKey: { style: 'AUTO' },
})
type Columns = (typeof table)['columns']
interface Row {
  a: number
  b: number
  c: number
  d: number
  e: string | null
  f: boolean
  g: number
}
const sources: ColumnSources<Columns, Row, undefined> = {
  a: (r) => r.a,
  b: (r) => r.b,
  c: (r) => r.c,
  d: (r) => r.d,
  e: (r) => r.e,
  f: (r) => r.f,
  g: (r) => r.g,
}
const rows: Row[] = [
  { a: -42, b: -5, c: 19723, d: 19723 * 86400 + 3661, e: 'O"Neil, Jr', f: true, g: 45296 },
  { a: 0, b: 123456, c: -1, d: 0, e: null, f: false, g: 0 },
]
const text = (write: (out: ByteBuffer, r: Row, x: undefined) => void) => {
  const out = new ByteBuffer(16)
  for (const r of rows) write(out, r, undefined)
  return Buffer.from(out.finish()).toString()
}

describe('compileRowWriter', () => {
  it('writes in the model column order with the writer of each column type, quoting text only when needed', () => {
    expect(text(compileRowWriter(table, sources))).toBe(
      '-42,-0.05,2024-01-01,2024-01-01 01:01:01,"O""Neil, Jr",t,12:34:56\n0,1234.56,1969-12-31,1970-01-01 00:00:00,,f,00:00:00\n',
    )
  })

  it('refuses, naming the column, a model column without a source and a source without a model column', () => {
    // What a worker handed a newer model than its generator would see (tsc catches it in the build).
    const newer = { ...table, columns: { ...table.columns, h: col.smallint() } }
    expect(() => compileRowWriter(newer, sources as never)).toThrow(
      /^t\.h: the model has this column but the generator has no source for it/,
    )
    const { g: _, ...older } = table.columns
    expect(() => compileRowWriter({ ...table, columns: older }, sources as never)).toThrow(
      /^t\.g: the generator has a source for this column but the model has no such column/,
    )
  })

  it('refuses a custom writer or a run of another type than the model column, naming it', () => {
    const asText = {
      ...table,
      columns: { ...table.columns, a: col.varchar(10) },
    } as unknown as typeof table
    const custom: ColumnSources<Columns, Row, undefined> = {
      ...sources,
      a: { custom: 'integer', maxBytes: 12, write: (d, p, r) => int(d, p, r.a) },
    }
    expect(() => compileRowWriter<Columns, Row, undefined>(asText, custom)).toThrow(
      /^t\.a: the generator writes it as integer but the model says varchar/,
    )
    const run: FieldRun<Columns, Row, undefined> = {
      columns: ['a', 'b'],
      types: [{ kind: 'integer' }, { kind: 'decimal', scale: 3 }],
      maxBytes: 40,
      write: (_d, p) => p,
    }
    expect(() => compileRowWriter(table, sources, { runs: [run] })).toThrow(
      /^t\.b: the generator writes 3 decimal places but the model's scale is 2/,
    )
  })

  it('uses a fused run only where the model keeps its columns adjacent, else the columns’ own sources', () => {
    // A run that writes `a,b` as constants, to see where it was used.
    const run: FieldRun<Columns, Row, undefined> = {
      columns: ['a', 'b'],
      types: [{ kind: 'integer' }, { kind: 'decimal', scale: 2 }],
      maxBytes: 8,
      write(d, p) {
        for (const c of [55, 44, 55]) d.setUint8(p++, c)
        return p
      },
    }
    expect(text(compileRowWriter(table, sources, { runs: [run] }))).toMatch(/^7,7,2024-01-01/)
    // A column inserted between them (a model change): the run no longer applies.
    const { a, b, ...rest } = table.columns
    const apart = { ...table, columns: { a, x: col.smallint(), b, ...rest } }
    const moreSources = { ...sources, x: () => 1 }
    expect(text(compileRowWriter(apart, moreSources as never, { runs: [run] as never }))).toMatch(
      /^-42,1,-0\.05,2024-01-01/,
    )
  })
})
