import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely'
import { describe, expect, it } from 'vitest'
import type { AirlineDatabase } from '../model/database.js'
import { flagshipQueries } from './flagship-queries.js'
import { RelationRoutingPlugin, TableLocationPlugin } from './table-location.js'

const db = new Kysely<AirlineDatabase>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
})

describe('RelationRoutingPlugin', () => {
  it('records every relation a query names and moves each to the database of its share', () => {
    const routed = new RelationRoutingPlugin((r) =>
      r.name === 'fact_bookings' ? { database: 'sales_domain_sales' } : { database: 'core_sales' },
    )
    const { sql } = db
      .withPlugin(routed)
      .selectFrom('airline_dw.fact_bookings as b')
      .innerJoin('airline_dw.dim_flight as f', 'f.flight_key', 'b.flight_key')
      .select('b.booking_key')
      .compile()
    expect(sql).toBe(
      'select "b"."booking_key" from "sales_domain_sales"."airline_dw"."fact_bookings" as "b" inner join "core_sales"."airline_dw"."dim_flight" as "f" on "f"."flight_key" = "b"."flight_key"',
    )
    expect(routed.reads).toEqual(['airline_dw.dim_flight', 'airline_dw.fact_bookings'])
  })

  it('without a locator it only records; a flagship query reads what it says', () => {
    const recorder = new RelationRoutingPlugin()
    const compiled = Object.values(flagshipQueries)[0]!.build(db.withPlugin(recorder)).compile()
    expect(compiled.sql).not.toContain('"core_')
    expect(recorder.reads.length).toBeGreaterThan(1)
    expect(recorder.reads.every((r) => r.startsWith('airline_dw.'))).toBe(true)
  })

  it('quotes a hostile location as one identifier: no statement can be injected', () => {
    const odd = new RelationRoutingPlugin(() => ({ database: 'a"; drop table x; --' }))
    const { sql } = db.withPlugin(odd).selectFrom('airline_dw.dim_date').selectAll().compile()
    expect(sql).toBe('select * from "a""; drop table x; --"."airline_dw"."dim_date"')
  })

  it('TableLocationPlugin still moves only airline_dw', () => {
    const { sql } = db
      .withPlugin(new TableLocationPlugin({ database: 'shared' }))
      .selectFrom('airline_dw.dim_date')
      .selectAll()
      .compile()
    expect(sql).toBe('select * from "shared"."airline_dw"."dim_date"')
  })
})
