import { PGlite } from '@electric-sql/pglite'
import { Kysely, sql } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Finding } from '../../check/check.js'
import { runChecks } from '../../runner/run-checks.js'
import { RoleSessions } from '../../session/role-sessions.js'
import { findingsOf } from '../../test-fixtures.js'
import type { DataPlaneInput, ExpectedDatashare } from './data-plane-input.js'
import {
  consumerDatabaseCheck,
  consumerReadCheck,
  consumerReadOnlyCheck,
  dataPlaneChecks,
  datashareCheck,
  freshnessCheck,
  rowParityCheck,
} from './index.js'

// Domain sharing on the local target: `core` goes to every consumer, `sales` and `operations`
// to one consumer each; each share holds objects of two schemas, views among them, and the
// freshness marker. A consumer role is granted exactly its shares' objects (what the sharing
// package's local renderer builds).
const MARKER = 'rsp_meta.freshness_marker'
const shares: ExpectedDatashare[] = [
  {
    name: 'core',
    tables: ['airline_dw.dim_date', MARKER],
    consumers: [
      { name: 'sales', role: 'c_sales' },
      { name: 'operations', role: 'c_operations' },
    ],
  },
  {
    name: 'sales',
    tables: ['airline_dw.v_route_performance', MARKER],
    consumers: [{ name: 'sales', role: 'c_sales' }],
  },
  {
    name: 'operations',
    tables: ['airline_dw.v_customer_360', MARKER],
    consumers: [{ name: 'operations', role: 'c_operations' }],
  },
]

let pglite: PGlite
let sessions: RoleSessions
// biome-ignore lint/suspicious/noExplicitAny: any database
let producer: Kysely<any>
let input: DataPlaneInput

beforeAll(async () => {
  pglite = new PGlite()
  await pglite.exec(`
    create schema airline_dw;
    create table airline_dw.dim_date (date_key int not null);
    create table airline_dw.fact_bookings (booking_key int not null, date_key int, route text, customer int);
    insert into airline_dw.dim_date values (20250704), (20250705);
    insert into airline_dw.fact_bookings values (1, 20250704, 'JFK-LAX', 7), (2, 20250704, 'JFK-LAX', 8), (3, 20250705, 'SFO-SEA', 7);
    create view airline_dw.v_route_performance as select route, count(*) as bookings from airline_dw.fact_bookings group by route;
    create view airline_dw.v_customer_360 as select customer, count(*) as bookings from airline_dw.fact_bookings group by customer;
    create schema rsp_meta;
    create table rsp_meta.freshness_marker (marker_id varchar(64) not null, written_at timestamp not null);
    create role c_sales nologin;
    create role c_operations nologin;
    grant usage on schema airline_dw, rsp_meta to c_sales, c_operations;
    grant select on airline_dw.dim_date, rsp_meta.freshness_marker to c_sales, c_operations;
    grant select on airline_dw.v_route_performance to c_sales;
    grant select on airline_dw.v_customer_360 to c_operations;
  `)
  sessions = new RoleSessions(new PGliteDialect(pglite))
  producer = new Kysely({ dialect: sessions.dialect() })
  input = {
    target: 'postgres',
    producer,
    consumers: {
      sales: new Kysely({ dialect: sessions.dialect('c_sales') }),
      operations: new Kysely({ dialect: sessions.dialect('c_operations') }),
    },
    datashares: shares,
  }
})

afterAll(async () => {
  await sessions.destroy()
})

const byResource = (list: readonly Finding[]) =>
  Object.fromEntries(list.map((f) => [f.resource, f.severity]))

describe('data-plane checks over several datashares (local target)', () => {
  it('report per share (and per share × consumer), all ok with the domain grants', async () => {
    const report = await runChecks(dataPlaneChecks, { dataPlane: input }, { concurrency: 1 })
    expect(report.results.map((r) => [r.id, r.status])).toEqual([
      ['data-plane/datashare', 'ok'],
      ['data-plane/consumer-database', 'ok'],
      ['data-plane/consumer-read', 'ok'],
      ['data-plane/consumer-read-only', 'ok'],
      ['data-plane/row-parity', 'ok'],
      ['data-plane/freshness', 'ok'],
      ['data-plane/nlb-spread', 'skip'],
    ])
    const found = (id: string) => report.results.find((r) => r.id === id)?.findings ?? []
    expect(byResource(found('data-plane/datashare'))).toEqual({
      core: 'ok',
      sales: 'ok',
      operations: 'ok',
    })
    const perConsumer = {
      'core/sales': 'ok',
      'core/operations': 'ok',
      'sales/sales': 'ok',
      'operations/operations': 'ok',
    }
    for (const id of [
      'data-plane/consumer-database',
      'data-plane/consumer-read-only',
      'data-plane/row-parity',
    ])
      expect(byResource(found(id)), id).toEqual(perConsumer)
    // consumer-read adds the entitlement: each consumer is refused the other domain's share.
    expect(byResource(found('data-plane/consumer-read'))).toEqual({
      ...perConsumer,
      'operations/sales': 'ok',
      'sales/operations': 'ok',
    })
    expect(found('data-plane/consumer-read').map((f) => f.message)).toContain(
      'consumer sales is refused the 1 object(s) of datashare operations, which it is not a consumer of',
    )
    expect(found('data-plane/datashare')[1]?.message).toBe(
      'datashare sales: 2 object(s) in airline_dw, rsp_meta granted to 1 consumer role(s)',
    )
  })

  it('entitlement: a consumer that can read another domain’s view fails consumer-read for that share only', async () => {
    await sql`grant select on airline_dw.v_customer_360 to c_sales`.execute(producer)
    try {
      const read = await findingsOf(consumerReadCheck, { dataPlane: input })
      const fails = read.filter((f) => f.severity === 'fail')
      expect(fails.map((f) => [f.resource, f.message])).toEqual([
        [
          'operations/sales',
          'consumer sales can read airline_dw.v_customer_360 of datashare operations, which it is not a consumer of',
        ],
      ])
      expect(fails[0]?.remediation).toContain(
        'REVOKE SELECT ON airline_dw.v_customer_360 FROM sales',
      )
    } finally {
      await sql`revoke select on airline_dw.v_customer_360 from c_sales`.execute(producer)
    }
  })

  it('a view missing from one consumer’s grants fails that share × consumer only', async () => {
    await sql`revoke select on airline_dw.v_route_performance from c_sales`.execute(producer)
    try {
      const share = await findingsOf(datashareCheck, { dataPlane: input })
      expect(byResource(share)).toEqual({ core: 'ok', 'sales/sales': 'fail', operations: 'ok' })
      expect(share.find((f) => f.severity === 'fail')?.message).toBe(
        'role c_sales lacks SELECT on airline_dw.v_route_performance (datashare sales)',
      )
      const read = await findingsOf(consumerReadCheck, { dataPlane: input })
      expect(read.find((f) => f.resource === 'sales/sales')?.message).toMatch(
        /^consumer sales cannot read airline_dw\.v_route_performance of datashare sales: permission denied/,
      )
      expect(read.find((f) => f.resource === 'core/sales')?.severity).toBe('ok')
    } finally {
      await sql`grant select on airline_dw.v_route_performance to c_sales`.execute(producer)
    }
  })

  it('a schema of one share without USAGE fails consumer-database for each share using it', async () => {
    await sql`revoke usage on schema rsp_meta from c_operations`.execute(producer)
    try {
      const found = await findingsOf(consumerDatabaseCheck, { dataPlane: input })
      expect(byResource(found)).toEqual({
        'core/sales': 'ok',
        'core/operations': 'fail',
        'sales/sales': 'ok',
        'operations/operations': 'fail',
      })
      expect(found[1]?.message).toBe(
        'consumer operations (role c_operations) cannot use schema rsp_meta of datashare core',
      )
    } finally {
      await sql`grant usage on schema rsp_meta to c_operations`.execute(producer)
    }
  })

  it('views are counted for parity and probed for writes like tables', async () => {
    const parity = await findingsOf(rowParityCheck, { dataPlane: input })
    // The view is counted; the freshness marker is left out (its rows come and go).
    expect(parity.find((f) => f.resource === 'sales/sales')?.evidence).toMatchObject({
      tables: 1,
      mismatches: [],
    })
    const ro = await findingsOf(consumerReadOnlyCheck, { dataPlane: input })
    expect(ro.every((f) => f.severity === 'ok')).toBe(true)
  })

  it('the one-share form (schema + unqualified names) still works; a name without a schema is refused', async () => {
    const single = {
      ...input,
      datashares: undefined,
      datashare: {
        name: 'core',
        schema: 'airline_dw',
        tables: ['dim_date'],
        consumers: [{ name: 'sales', role: 'c_sales' }],
      },
    }
    expect((await findingsOf(consumerReadCheck, { dataPlane: single }))[0]?.message).toBe(
      'consumer sales reads all 1 object(s) of datashare core',
    )
    const bad = { ...input, datashares: [{ name: 'x', tables: ['dim_date'], consumers: [] }] }
    const found = await findingsOf(datashareCheck, { dataPlane: bad })
    expect(found.map((f) => [f.severity, f.message])).toEqual([
      [
        'fail',
        'datashare x: "dim_date" has no schema (write schema.name, or give the share a schema)',
      ],
    ])
  })
})

describe('data-plane/freshness on the local target', () => {
  const count = async (where = sql`true`) =>
    Number(
      (
        await sql<{
          n: number
        }>`select count(*)::int as n from rsp_meta.freshness_marker where ${where}`.execute(
          producer,
        )
      ).rows[0]?.n,
    )

  it('is ok per consumer, says the local lag is only the probe’s round trips, and removes its markers only', async () => {
    await sql`insert into rsp_meta.freshness_marker values ('someone-else', now())`.execute(
      producer,
    )
    try {
      const found = await findingsOf(freshnessCheck, { dataPlane: input })
      expect(found.map((f) => [f.resource, f.severity])).toEqual([
        ['sales', 'ok'],
        ['operations', 'ok'],
      ])
      expect(found[0]?.message).toMatch(
        /^consumer sales sees a committed row after p50 [\d.]+ s, p95 [\d.]+ s, max [\d.]+ s over 3 marker\(s\), polled every 20 ms \(local target: one database, so a committed row is visible at COMMIT; the lag measures only the probe’s own round trips\)$/,
      )
      expect(found[0]?.evidence).toMatchObject({
        table: '"rsp_meta"."freshness_marker"',
        markers: 3,
        visible: 3,
        missed: 0,
        markersRemoved: 3,
        resolutionMs: 20,
      })
      expect(await count(sql`marker_id like 'rsp-fresh-%'`)).toBe(0)
      expect(await count(sql`marker_id = 'someone-else'`)).toBe(1)
    } finally {
      await sql`delete from rsp_meta.freshness_marker where marker_id = 'someone-else'`.execute(
        producer,
      )
    }
  })

  it('fails a consumer that never sees the marker within the threshold (a row filter hides it), and one that cannot read the table', async () => {
    await pglite.exec(`
      alter table rsp_meta.freshness_marker enable row level security;
      create policy hide on rsp_meta.freshness_marker for select to c_sales using (false);
      create policy show on rsp_meta.freshness_marker for select to c_operations using (true);`)
    try {
      const found = await findingsOf(freshnessCheck, {
        dataPlane: { ...input, freshness: { maxLagSeconds: 0.2, samples: 2 } },
      })
      expect(found.map((f) => f.severity)).toEqual(['fail', 'ok'])
      expect(found[0]?.message).toMatch(
        /^consumer sales: 2 of 2 marker\(s\) not visible within 0\.2 s \(no marker seen\)/,
      )
      expect(await count()).toBe(0)
    } finally {
      await pglite.exec(`
        drop policy hide on rsp_meta.freshness_marker;
        drop policy show on rsp_meta.freshness_marker;
        alter table rsp_meta.freshness_marker disable row level security;`)
    }
    await sql`revoke select on rsp_meta.freshness_marker from c_operations`.execute(producer)
    try {
      const found = await findingsOf(freshnessCheck, { dataPlane: input })
      expect(found[1]).toMatchObject({ severity: 'fail', resource: 'operations' })
      expect(found[1]?.message).toMatch(
        /^consumer operations cannot read "rsp_meta"\."freshness_marker": permission denied/,
      )
    } finally {
      await sql`grant select on rsp_meta.freshness_marker to c_operations`.execute(producer)
    }
  })

  it('warns when the p95 lag is above the warn threshold', async () => {
    const found = await findingsOf(freshnessCheck, {
      dataPlane: { ...input, freshness: { samples: 1, warnLagSeconds: 0 } },
    })
    expect(found.map((f) => f.severity)).toEqual(['warn', 'warn'])
    expect(found[0]?.message).toContain('p95 above 0 s')
  })

  it('skips a consumer none of whose shares includes the marker table', async () => {
    const withoutMarker = {
      ...input,
      datashares: shares.map((s) =>
        s.name === 'operations' ? s : { ...s, tables: s.tables.filter((t) => t !== MARKER) },
      ),
    }
    const found = await findingsOf(freshnessCheck, { dataPlane: withoutMarker })
    expect(found.map((f) => [f.resource, f.severity, f.message])).toEqual([
      ['operations', 'ok', expect.stringContaining('consumer operations sees a committed row')],
      ['sales', 'skip', "none of consumer sales's datashares includes rsp_meta.freshness_marker"],
    ])
  })

  it('skips with the fix when the marker table does not exist', async () => {
    const found = await findingsOf(freshnessCheck, {
      dataPlane: {
        ...input,
        datashares: [{ ...(shares[0] as ExpectedDatashare), tables: ['rsp_meta.no_such_marker'] }],
        freshness: { table: 'rsp_meta.no_such_marker' },
      },
    })
    expect(found.map((f) => [f.severity, f.message])).toEqual([
      ['skip', 'marker table rsp_meta.no_such_marker does not exist on the producer'],
    ])
    expect(found[0]?.remediation).toContain('"rsp load"')
  })
})
