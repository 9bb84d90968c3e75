import { Kysely, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { RedshiftDataDialect } from './redshift-data-dialect.js'

// Compiling needs no connection: the client is never called.
// biome-ignore lint/suspicious/noExplicitAny: ad-hoc tables.
const db = new Kysely<any>({
  dialect: new RedshiftDataDialect({
    client: { send: () => Promise.reject(new Error('not called')) },
    workgroupName: 'wg-test',
    database: 'dev',
  }),
})

describe('RedshiftDataQueryCompiler', () => {
  it('emits :p1, :p2 … in order', () => {
    const q = db
      .selectFrom('t')
      .selectAll()
      .where('a', '=', 1)
      .where('b', 'in', ['x', 'y'])
      .compile()
    expect(q.sql).toBe('select * from "t" where "a" = :p1 and "b" in (:p2, :p3)')
    expect(q.parameters).toEqual([1, 'x', 'y'])
  })

  it('writes NULL and the empty string as literals, keeping numbering dense', () => {
    const q = db.insertInto('t').values({ a: null, b: '', c: 'z', d: 0 }).compile()
    expect(q.sql).toBe('insert into "t" ("a", "b", "c", "d") values (null, \'\', :p1, :p2)')
    expect(q.parameters).toEqual(['z', 0])
  })

  it('doubles quotes and backslashes in literals (Redshift escapes with backslash)', () => {
    const q = sql`select ${sql.lit("it's \\'; drop table x; --")} as v`.compile(db)
    expect(q.sql).toBe("select 'it''s \\\\''; drop table x; --' as v")
  })

  it('quotes identifiers, doubling embedded double quotes', () => {
    const q = db.selectFrom('we"ird').select('co"l').compile()
    expect(q.sql).toBe('select "co""l" from "we""ird"')
  })
})
