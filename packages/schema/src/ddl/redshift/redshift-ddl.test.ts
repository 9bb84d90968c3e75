import { describe, expect, it } from 'vitest'
import { airlineModel } from '../../model/airline-model.js'
import { col } from '../../model/column.js'
import { RedshiftDdlRenderer, renderRedshiftDdl } from './redshift-ddl.js'

const renderer = new RedshiftDdlRenderer()
const tables = Object.values(airlineModel.tables)

describe('Redshift DDL, golden per table', () => {
  for (const t of tables) {
    it(`${t.schema}.${t.name}`, async () => {
      const sql = `${renderer.createTable(t, {}).join(';\n\n')};\n`
      // Reviewed by hand against the CREATE TABLE and COMMENT syntax of the Redshift docs.
      await expect(sql).toMatchFileSnapshot(`./__golden__/${t.schema}.${t.name}.sql`)
    })
  }

  it('the whole script', async () => {
    const ddl = renderRedshiftDdl(airlineModel, { ifNotExists: true, comments: false })
    expect(ddl.statements.slice(0, 3)).toEqual([
      'CREATE SCHEMA IF NOT EXISTS "airline_dw"',
      'CREATE SCHEMA IF NOT EXISTS "staging"',
      'CREATE SCHEMA IF NOT EXISTS "rsp_meta"',
    ])
    const views = Object.values(airlineModel.views)
    expect(ddl.statements).toHaveLength(3 + tables.length + views.length)
    // Views come last, as CREATE OR REPLACE (neither target has CREATE VIEW IF NOT EXISTS).
    expect(ddl.statements.slice(-2).map((s) => s.split(' AS ')[0])).toEqual([
      'CREATE OR REPLACE VIEW "airline_dw"."v_route_performance"',
      'CREATE OR REPLACE VIEW "airline_dw"."v_customer_360"',
    ])
    expect(ddl.script.match(/;\n/g)).toHaveLength(ddl.statements.length)
    expect(ddl.dropStatements.at(-1)).toBe('DROP SCHEMA IF EXISTS "airline_dw"')
    expect(ddl.dropStatements.slice(0, 2)).toEqual([
      'DROP VIEW IF EXISTS "airline_dw"."v_customer_360"',
      'DROP VIEW IF EXISTS "airline_dw"."v_route_performance"',
    ])
    expect(renderRedshiftDdl(airlineModel, { cascade: true }).dropStatements.at(-1)).toBe(
      'DROP SCHEMA IF EXISTS "airline_dw" CASCADE',
    )
    expect(renderRedshiftDdl(airlineModel, { dropSchemas: false }).dropStatements).toHaveLength(
      tables.length + views.length,
    )
  })
})

describe('Redshift DDL, structure', () => {
  const ddl = renderRedshiftDdl(airlineModel)
  const createOf = (name: string) =>
    ddl.statements.find((s) => s.startsWith('CREATE TABLE') && s.includes(`."${name}" (`)) ?? ''

  it('gives every table a primary key', () => {
    for (const t of tables) {
      expect(t.primaryKey.length).toBeGreaterThan(0)
      expect(createOf(t.name)).toMatch(/\n {2}PRIMARY KEY \("[a-z_]+"(, "[a-z_]+")*\)/)
    }
  })

  it('distributes each fact on a column the fact has', () => {
    for (const t of tables.filter((x) => x.name.startsWith('fact_'))) {
      expect(t.distribution.style).toBe('KEY')
      if (t.distribution.style !== 'KEY') continue
      expect(Object.keys(t.columns)).toContain(t.distribution.key)
      expect(createOf(t.name)).toContain(`DISTSTYLE KEY DISTKEY ("${t.distribution.key}")`)
    }
  })

  it('gives every airline table a COMPOUND sort key: Redshift shares no INTERLEAVED table (R-DS-6)', () => {
    for (const t of tables) {
      expect(t.sortKey.style).toBe('COMPOUND')
      expect(createOf(t.name)).not.toContain('INTERLEAVED')
    }
    expect(createOf('fact_flight_operations')).toContain(
      'COMPOUND SORTKEY ("date_key", "origin_airport_key", "destination_airport_key")',
    )
  })

  it('puts dimensions on every node and staging rows evenly', () => {
    for (const t of tables) {
      if (t.name.startsWith('dim_') && t.name !== 'dim_customer')
        expect(createOf(t.name)).toContain('DISTSTYLE ALL')
      if (t.schema === 'staging') expect(createOf(t.name)).toContain('DISTSTYLE EVEN')
    }
  })

  it('declares every foreign key', () => {
    const fkCount = tables.reduce((n, t) => n + t.foreignKeys.length, 0)
    expect(ddl.script.match(/FOREIGN KEY/g)).toHaveLength(fkCount)
    expect(renderRedshiftDdl(airlineModel, { foreignKeys: false }).script).not.toContain(
      'FOREIGN KEY',
    )
  })

  it('gives every column an encoding', () => {
    for (const t of tables) {
      const lines = createOf(t.name)
        .split('\n')
        .filter((l) => /^ {2}"/.test(l))
      expect(lines).toHaveLength(Object.keys(t.columns).length)
      for (const l of lines) expect(l).toMatch(/ ENCODE [A-Z0-9]+( NOT NULL)?,?$/)
    }
  })
})

describe('Redshift ALTER TABLE … ADD COLUMN', () => {
  const bookings = airlineModel.tables.fact_bookings
  it('takes the CREATE TABLE column definition (DEFAULT, ENCODE, NOT NULL in that order, DG:r_ALTER_TABLE), then its comment', () => {
    expect(renderer.addColumn(bookings, 'x', col.decimal(10, 2).defaultTo(0), {})).toEqual([
      'ALTER TABLE "airline_dw"."fact_bookings" ADD COLUMN "x" DECIMAL(10,2) DEFAULT 0 ENCODE AZ64 NOT NULL',
    ])
    expect(
      renderer.addColumn(bookings, 'y', col.varchar(20).nullable_().describe("it's"), {}),
    ).toEqual([
      'ALTER TABLE "airline_dw"."fact_bookings" ADD COLUMN "y" VARCHAR(20) ENCODE ZSTD',
      `COMMENT ON COLUMN "airline_dw"."fact_bookings"."y" IS 'it''s'`,
    ])
    expect(
      renderer.addColumn(bookings, 'z', col.varchar(20).describe('not rendered'), {
        comments: false,
      }),
    ).toEqual([
      'ALTER TABLE "airline_dw"."fact_bookings" ADD COLUMN "z" VARCHAR(20) ENCODE ZSTD NOT NULL',
    ])
    expect(renderer.dropColumn(bookings, 'x')).toBe(
      'ALTER TABLE "airline_dw"."fact_bookings" DROP COLUMN "x"',
    )
  })
})
