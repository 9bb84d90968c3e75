import { describe, expect, it } from 'vitest'
import { SchemaError } from '../errors.js'
import { airlineModel } from './airline-model.js'
import { col } from './column.js'
import { defineTable, fk, type TableShape } from './table.js'
import { orderedTables, type SchemaModel } from './validate-model.js'

const base = (over: Partial<TableShape> = {}): TableShape => ({
  ...defineTable({
    schema: 's',
    name: 't',
    comment: 'c',
    columns: { id: col.integer(), other_id: col.integer().nullable_(), at: col.time() },
    primaryKey: ['id'],
    foreignKeys: [],
    distribution: { style: 'EVEN' },
    sortKey: { style: 'AUTO' },
  }),
  ...over,
})
const model = (...tables: TableShape[]): SchemaModel => ({
  schemas: ['s'],
  tables: Object.fromEntries(tables.map((t) => [t.name, t])),
})
const failure = (m: SchemaModel) => {
  try {
    orderedTables(m)
  } catch (e) {
    if (e instanceof SchemaError) return { code: e.code, field: e.field, message: e.message }
    throw e
  }
  return undefined
}

describe('orderedTables', () => {
  it('orders the airline model so references come first', () => {
    const order = orderedTables(airlineModel).map((t) => t.name)
    for (const t of Object.values(airlineModel.tables)) {
      for (const f of t.foreignKeys) {
        expect(order.indexOf(f.references.table)).toBeLessThan(order.indexOf(t.name))
      }
    }
  })

  it('reorders tables declared before what they reference', () => {
    const parent = base({ name: 'parent' })
    const child = base({ name: 'child', foreignKeys: [fk('other_id', 's', 'parent', 'id')] })
    expect(orderedTables(model(child, parent)).map((t) => t.name)).toEqual(['parent', 'child'])
  })

  it('names the bad path and the fix', () => {
    expect(failure(model(base({ distribution: { style: 'KEY', key: 'nope' } })))).toMatchObject({
      code: 'MODEL_INVALID',
      field: 'tables.t.distribution.key',
    })
    expect(failure(model(base({ primaryKey: [] })))?.field).toBe('tables.t.primaryKey')
    expect(failure(model(base({ primaryKey: ['other_id'] })))?.message).toContain('NOT NULL')
    expect(
      failure(model(base({ sortKey: { style: 'INTERLEAVED', columns: Array(9).fill('id') } })))
        ?.message,
    ).toContain('1 to 8')
    expect(failure(model(base({ schema: 'other' })))?.field).toBe('tables.t.schema')
    expect(
      failure(model(base({ foreignKeys: [fk('other_id', 's', 'missing', 'id')] })))?.message,
    ).toContain('not in the model')
    expect(
      failure(model(base({ foreignKeys: [fk('other_id', 's', 't', 'other_id')] })))?.message,
    ).toContain('primary key')
    expect(
      failure(model(base({ columns: { ...base().columns, at: col.time().encoding('AZ64') } }))),
    ).toMatchObject({ field: 'tables.t.columns.at.encode' })
    expect(
      failure(model(base({ columns: { id: col.integer(), name: col.varchar(70000) } }))),
    ).toMatchObject({ field: 'tables.t.columns.name.type' })
  })

  it('refuses cycles', () => {
    const a = base({ name: 'a', foreignKeys: [fk('other_id', 's', 'b', 'id')] })
    const b = base({ name: 'b', foreignKeys: [fk('other_id', 's', 'a', 'id')] })
    expect(failure(model(a, b))?.message).toContain('a → b → a')
  })

  it('refuses names that break the identifier rules', () => {
    const e = (() => {
      try {
        orderedTables(model(base({ name: 'Bad Name' })))
      } catch (err) {
        return err
      }
    })()
    expect(e).toMatchObject({ code: 'IDENTIFIER_UPPERCASE', field: 'tables.Bad Name.name' })
  })
})
