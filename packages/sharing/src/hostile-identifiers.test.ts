import { PGlite } from '@electric-sql/pglite'
import { SchemaError } from '@redshift-playground/schema'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DatashareSpec, defineDatashare } from './desired-state.js'
import { SharingError } from './errors.js'
import { planDatashare } from './plan/planner.js'
import { localRenderer } from './renderer/local/local-renderer.js'
import { redshiftRenderer } from './renderer/redshift/redshift-renderer.js'
import type { ShareRenderer } from './renderer/share-renderer.js'
import { emptyState } from './state.js'
import { CONSUMER_NS, PRODUCER_NS } from './test-fixtures.js'

// Names that try to break out: quotes, semicolons, comment markers, unicode, over-long.
const hostile = fc.oneof(
  fc.constantFrom(
    'a"b',
    "a'b",
    'x;drop table t',
    'x--',
    'x/*',
    '*/x',
    'ünïcødé_名前',
    '_$x',
    'select',
    'x\\',
    'a b',
    '',
    'é'.repeat(64),
    'a'.repeat(128),
    'a\u0000b',
    '\u202eevil',
  ),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.stringMatching(/^[a-z_][a-z0-9_$]{0,140}$/),
)
// Names the rules accept, including unicode, `$`, reserved words and 127-byte names.
const acceptable = fc.oneof(
  fc.stringMatching(/^[a-z_][a-z0-9_$]{0,62}$/),
  fc.constantFrom('select', 'table', 'ünïcødé_名前', '_$x', `_${'é'.repeat(63)}`, 'a'.repeat(127)),
)
const name = fc.oneof({ weight: 4, arbitrary: acceptable }, { weight: 1, arbitrary: hostile })
const value = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom("'; DROP TABLE x; --", "\\'", '${X}', 'a\u0000'),
)

const spec = (n: {
  share: string
  consumer: string
  database: string
  reader: string
  policy: string
  publish: string
  v: string
}): DatashareSpec => ({
  name: n.share,
  producer: { namespace: PRODUCER_NS, database: 'dev' },
  objects: [
    {
      schema: 'airline_dw',
      tables: ['dim_airport', 'dim_customer'],
      includeNew: true,
      // The Redshift target publishes views in this schema (masks and row filters).
      publishAs: n.publish,
    },
  ],
  consumers: [
    {
      name: n.consumer,
      namespace: CONSUMER_NS[0],
      database: n.database,
      withPermissions: true,
      readers: [{ role: n.reader }],
    },
  ],
  policies: {
    masking: [{ name: n.policy, table: 'airline_dw.dim_customer', columns: ['email'] }],
    rowLevelSecurity: [
      {
        name: `${n.policy}_r`,
        table: 'airline_dw.dim_airport',
        column: 'region',
        values: [n.v],
        consumers: [n.consumer],
      },
    ],
  },
})

/** Splits SQL outside quoted identifiers and string literals; returns the unquoted text. */
function outsideQuotes(sql: string, backslashEscapes: boolean): string {
  let out = ''
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!
    if (ch === '"' || ch === "'") {
      out += ch
      for (i++; i < sql.length; i++) {
        if (backslashEscapes && ch === "'" && sql[i] === '\\') {
          i++
          continue
        }
        if (sql[i] === ch) {
          if (sql[i + 1] === ch) i++
          else break
        }
      }
      if (i >= sql.length) throw new Error(`unterminated quote in ${sql}`)
      out += ch
    } else out += ch
  }
  return out
}

const names = fc.record({
  share: name,
  consumer: name,
  database: name,
  reader: name,
  policy: name,
  publish: name,
  v: value,
})
const rendered = { redshift: 0, local: 0 }

function renderOrReject(renderer: ShareRenderer, n: Parameters<typeof spec>[0]) {
  try {
    return planDatashare(
      defineDatashare(spec(n)),
      emptyState({ airline_dw: ['dim_airport', 'dim_customer'] }),
      renderer,
    )
  } catch (e) {
    // Rejected: it must be one of ours, naming the field.
    expect(e instanceof SharingError || e instanceof SchemaError).toBe(true)
    expect((e as SharingError).field).toBeTruthy()
    return undefined
  }
}

describe('hostile identifiers (fast-check)', () => {
  it('Redshift: every statement is exactly one statement with identifiers quoted, or the input is rejected', () => {
    fc.assert(
      fc.property(names, (n) => {
        const plan = renderOrReject(redshiftRenderer(), n)
        if (!plan) return
        for (const st of plan.statements) {
          const bare = outsideQuotes(st.sql, true)
          expect(bare).not.toMatch(/;|--|\/\*/)
          expect(st.sql.includes('\u0000')).toBe(false)
        }
        const all = plan.statements.map((s) => s.sql).join('\n')
        for (const x of [n.share, n.database, n.reader, n.publish])
          expect(all).toContain(`"${x.replaceAll('"', '""')}"`)
        rendered.redshift++
      }),
      { numRuns: 300 },
    )
    // The property must exercise rendering, not only rejection.
    expect(rendered.redshift).toBeGreaterThan(30)
  })

  describe('local target: the PostgreSQL parser accepts each statement as one command', () => {
    let pg: PGlite
    beforeAll(async () => {
      pg = new PGlite()
      await pg.exec(
        'CREATE SCHEMA airline_dw; CREATE TABLE airline_dw.dim_airport (region varchar(20)); CREATE TABLE airline_dw.dim_customer (customer_key int, email varchar(120))',
      )
    })
    afterAll(async () => {
      await pg.close()
    })

    it('never a syntax error or a second command (SQLSTATE 42601)', async () => {
      await fc.assert(
        fc.asyncProperty(names, async (n) => {
          const plan = renderOrReject(localRenderer(), n)
          if (!plan) return
          rendered.local++
          await pg.exec('BEGIN')
          try {
            for (const st of plan.statements) {
              expect(outsideQuotes(st.sql, false)).not.toMatch(/;|--|\/\*/)
              try {
                await pg.query(st.sql)
              } catch (e) {
                // Semantic failures are fine here (e.g. a role named like the share); the
                // parser must never see a broken or a second statement.
                expect((e as { code?: string }).code).not.toBe('42601')
                break
              }
            }
          } finally {
            await pg.exec('ROLLBACK')
          }
        }),
        { numRuns: 60 },
      )
      expect(rendered.local).toBeGreaterThan(5)
    })
  })
})
