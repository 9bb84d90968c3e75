import { PGlite } from '@electric-sql/pglite'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  POSTGRES_MAX_IDENTIFIER_BYTES,
  quoteIdent,
  quoteLiteral,
  validateIdentifier,
} from './identifiers.js'

const bytes = (s: string) => new TextEncoder().encode(s).length
// Printable characters of any script (no controls, no lone surrogates), quotes included.
const isControl = (c: string) => {
  const cp = c.codePointAt(0) ?? 0
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)
}
const printable = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
  .filter((s) => ![...s].some(isControl) && bytes(s) <= POSTGRES_MAX_IDENTIFIER_BYTES)

describe('quoting round-trips through PGlite', () => {
  let pg: PGlite
  beforeAll(async () => {
    pg = await PGlite.create()
    await pg.exec('CREATE SCHEMA prop')
  })
  afterAll(async () => {
    await pg.close()
  })

  it('quoteIdent: the server stores exactly the name that was quoted', async () => {
    await fc.assert(
      fc.asyncProperty(printable, printable, async (table, column) => {
        const t = `prop.${quoteIdent(table)}`
        await pg.exec(`CREATE TABLE ${t} (${quoteIdent(column)} integer)`)
        try {
          const r = await pg.query<{ relname: string; attname: string }>(
            `SELECT c.relname, a.attname FROM pg_class c
               JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'prop'
               JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = 1`,
          )
          expect(r.rows).toEqual([{ relname: table, attname: column }])
        } finally {
          await pg.exec(`DROP TABLE ${t}`)
        }
      }),
      { numRuns: 60 },
    )
  })

  it('quoteLiteral: the server reads back the same string', async () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !s.includes('\u0000'))
    await fc.assert(
      fc.asyncProperty(text, async (s) => {
        const r = await pg.query<{ v: string }>(
          `SELECT ${quoteLiteral(s, { target: 'postgres' })}::text AS v`,
        )
        expect(r.rows[0]?.v).toBe(s)
      }),
      { numRuns: 100 },
    )
  })

  it('names validateIdentifier accepts come back unchanged (reserved words too, quoted)', async () => {
    const standard = fc.stringMatching(/^[a-z_][a-z0-9_$]{0,40}$/)
    await fc.assert(
      fc.asyncProperty(standard, async (name) => {
        validateIdentifier(name, 'name')
        const r = await pg.query<{ v: string }>(`SELECT 1 AS ${quoteIdent(name)}`)
        expect(r.fields[0]?.name).toBe(name)
      }),
      { numRuns: 50 },
    )
  })
})
