import { PGlite } from '@electric-sql/pglite'
import { airlineModel, DW, renderPostgresDdl } from '@redshift-playground/schema'
import { Kysely, sql } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Finding } from '../../check/check.js'
import { runChecks } from '../../runner/run-checks.js'
import { RoleSessions } from '../../session/role-sessions.js'
import { findingsOf, severities } from '../../test-fixtures.js'
import type { DataPlaneInput, ExpectedDatashare } from './data-plane-input.js'
import {
  consumerDatabaseCheck,
  consumerReadCheck,
  consumerReadOnlyCheck,
  dataPlaneChecks,
  datashareCheck,
  nlbSpreadCheck,
  rowParityCheck,
} from './index.js'

// The local target: one PGlite database; the producer owns airline_dw; each consumer is a
// role with read-only grants (what the sharing package's local renderer builds); each
// consumer's Kysely runs as its role through RoleSessions.
const TABLES = Object.values(airlineModel.tables)
  .filter((t) => t.schema === DW)
  .map((t) => t.name)

const datashare: ExpectedDatashare = {
  name: 'airline_share',
  schema: DW,
  tables: TABLES,
  consumers: [
    { name: 'analytics', role: 'consumer_analytics' },
    { name: 'reporting', role: 'consumer_reporting' },
  ],
}

let pglite: PGlite
let sessions: RoleSessions
// biome-ignore lint/suspicious/noExplicitAny: any database
let producer: Kysely<any>
let input: DataPlaneInput

beforeAll(async () => {
  pglite = new PGlite()
  await pglite.exec(renderPostgresDdl(airlineModel).script)
  await pglite.exec(`
    insert into airline_dw.dim_date (date_key, full_date, year, quarter, month, month_name, day_of_month,
      day_of_week, day_name, week_of_year, is_weekend, is_holiday, holiday_name, fiscal_year, fiscal_quarter)
    values (20250704, '2025-07-04', 2025, 3, 7, 'July', 4, 5, 'Friday', 27, false, true, 'Independence Day', 2025, 4),
           (20250705, '2025-07-05', 2025, 3, 7, 'July', 5, 6, 'Saturday', 27, true, false, null, 2025, 4);
    create role consumer_analytics nologin;
    create role consumer_reporting nologin;
    grant usage on schema airline_dw to consumer_analytics, consumer_reporting;
    grant select on all tables in schema airline_dw to consumer_analytics, consumer_reporting;
    create schema if not exists rsp_meta;
    create table if not exists rsp_meta.freshness_marker (marker_id varchar(64) not null, written_at timestamp not null);
    grant usage on schema rsp_meta to consumer_analytics, consumer_reporting;
    grant select on rsp_meta.freshness_marker to consumer_analytics, consumer_reporting;
  `)
  sessions = new RoleSessions(new PGliteDialect(pglite))
  producer = new Kysely({ dialect: sessions.dialect() })
  input = {
    target: 'postgres',
    producer,
    consumers: {
      analytics: new Kysely({ dialect: sessions.dialect('consumer_analytics') }),
      reporting: new Kysely({ dialect: sessions.dialect('consumer_reporting') }),
    },
    datashare,
  }
})

afterAll(async () => {
  await sessions.destroy()
})

const failing = (list: readonly Finding[]) => list.filter((f) => f.severity === 'fail')

describe('data-plane checks on the local PGlite target', () => {
  it('report ok with sharing applied (the NLB spread is skipped: no NLB locally)', async () => {
    // The one-schema form may list qualified names too: the freshness marker of rsp_meta.
    const withMarker = {
      ...input,
      datashare: { ...datashare, tables: [...TABLES, 'rsp_meta.freshness_marker'] },
    }
    const report = await runChecks(dataPlaneChecks, { dataPlane: withMarker })
    const statuses = Object.fromEntries(report.results.map((r) => [r.id, r.status]))
    expect(statuses).toEqual({
      'data-plane/datashare': 'ok',
      'data-plane/consumer-database': 'ok',
      'data-plane/consumer-read': 'ok',
      'data-plane/consumer-read-only': 'ok',
      'data-plane/row-parity': 'ok',
      'data-plane/freshness': 'ok',
      'data-plane/nlb-spread': 'skip',
    })
    const parity = report.results.find((r) => r.id === 'data-plane/row-parity')
    // The marker table is left out of the counts (see the next test).
    expect(parity?.findings[0]?.evidence).toMatchObject({
      tables: TABLES.length,
      mismatches: [],
    })
  })

  it('row-parity leaves out the freshness marker table, whose rows the freshness probe writes while the checks run', async () => {
    const withMarker = {
      ...input,
      datashare: { ...datashare, tables: [...TABLES, 'rsp_meta.freshness_marker'] },
    }
    // A marker in flight: the producer sees it, the consumers (row security, no policy) do not.
    await pglite.exec(`
      insert into rsp_meta.freshness_marker values ('in-flight', now());
      alter table rsp_meta.freshness_marker enable row level security;
    `)
    try {
      const parity = await findingsOf(rowParityCheck, { dataPlane: withMarker })
      expect(severities(parity)).toEqual(['ok', 'ok'])
      expect(parity[0]?.evidence).toMatchObject({ tables: TABLES.length, mismatches: [] })
      // Another marker table, named in the freshness options, is the one left out.
      const other = await findingsOf(rowParityCheck, {
        dataPlane: { ...withMarker, freshness: { table: 'rsp_meta.other_marker' } },
      })
      expect(severities(other)).toEqual(['fail', 'fail'])
      expect(other[0]?.message).toContain('rsp_meta.freshness_marker 0 vs 1')
    } finally {
      await pglite.exec(`
        alter table rsp_meta.freshness_marker disable row level security;
        delete from rsp_meta.freshness_marker;
      `)
    }
  })

  it('a revoked grant is reported by consumer-read (and the datashare check), with the seed remediation', async () => {
    await producer.executeQuery(
      sql`revoke select on airline_dw.fact_bookings from consumer_analytics`.compile(producer),
    )
    try {
      const read = await findingsOf(consumerReadCheck, { dataPlane: input })
      expect(severities(read)).toEqual(['fail', 'ok'])
      expect(read[0]?.message).toMatch(
        /^consumer analytics cannot read airline_dw\.fact_bookings of datashare airline_share: permission denied/,
      )
      expect(read[0]?.remediation).toContain('wait 2–3 minutes after a grant')
      expect(read[0]?.remediation).toContain("TO NAMESPACE '<guid>'")
      const share = await findingsOf(datashareCheck, { dataPlane: input })
      expect(failing(share).map((f) => f.message)).toEqual([
        'role consumer_analytics lacks SELECT on airline_dw.fact_bookings (datashare airline_share)',
      ])
      // Row parity does not double-report what consumer-read found.
      const parity = await findingsOf(rowParityCheck, { dataPlane: input })
      expect(parity[0]?.severity).toBe('ok')
      expect(parity[0]?.evidence).toMatchObject({ unreadable: ['airline_dw.fact_bookings'] })
    } finally {
      await sql`grant select on airline_dw.fact_bookings to consumer_analytics`.execute(producer)
    }
    expect(severities(await findingsOf(consumerReadCheck, { dataPlane: input }))).toEqual([
      'ok',
      'ok',
    ])
  })

  it('a revoked schema USAGE is reported by the datashare and consumer-database checks', async () => {
    await sql`revoke usage on schema airline_dw from consumer_reporting`.execute(producer)
    try {
      const db = await findingsOf(consumerDatabaseCheck, { dataPlane: input })
      expect(severities(db)).toEqual(['ok', 'fail'])
      expect(db[1]?.message).toBe(
        'consumer reporting (role consumer_reporting) cannot use schema airline_dw of datashare airline_share',
      )
      const share = await findingsOf(datashareCheck, { dataPlane: input })
      expect(failing(share)[0]?.message).toBe(
        'role consumer_reporting lacks USAGE on schema airline_dw (datashare airline_share)',
      )
    } finally {
      await sql`grant usage on schema airline_dw to consumer_reporting`.execute(producer)
    }
  })

  it('a consumer given write access is reported by consumer-read-only, and nothing was written', async () => {
    await sql`grant insert, delete on airline_dw.dim_date to consumer_reporting`.execute(producer)
    try {
      const found = await findingsOf(consumerReadOnlyCheck, { dataPlane: input })
      expect(severities(found)).toEqual(['ok', 'fail'])
      expect(found[1]?.message).toBe(
        'consumer reporting can write to airline_dw.dim_date (INSERT), airline_dw.dim_date (DELETE) of datashare airline_share',
      )
      expect(found[1]?.remediation).toContain('REVOKE INSERT, UPDATE, DELETE')
      const rows = await sql<{
        n: number
      }>`select count(*)::int as n from airline_dw.dim_date`.execute(producer)
      expect(rows.rows[0]?.n).toBe(2)
    } finally {
      await sql`revoke insert, delete on airline_dw.dim_date from consumer_reporting`.execute(
        producer,
      )
    }
  })

  it('an INSERT grant on a table whose insert succeeds is caught too (rolled back)', async () => {
    await sql`create table airline_dw.scratch (note text)`.execute(producer)
    await sql`grant select, insert on airline_dw.scratch to consumer_analytics`.execute(producer)
    try {
      const withScratch = {
        ...input,
        datashare: { ...datashare, tables: ['scratch'], consumers: [datashare.consumers[0]!] },
      }
      const found = await findingsOf(consumerReadOnlyCheck, { dataPlane: withScratch })
      expect(found[0]?.message).toBe(
        'consumer analytics can write to airline_dw.scratch (INSERT) of datashare airline_share',
      )
      const rows = await sql<{
        n: number
      }>`select count(*)::int as n from airline_dw.scratch`.execute(producer)
      expect(rows.rows[0]?.n).toBe(0)
    } finally {
      await sql`drop table airline_dw.scratch`.execute(producer)
    }
  })

  it('row-level security filtering rows is a parity failure unless declared', async () => {
    await sql`alter table airline_dw.dim_date enable row level security`.execute(producer)
    await sql`create policy weekdays on airline_dw.dim_date for select to consumer_analytics using (not is_weekend)`.execute(
      producer,
    )
    await sql`create policy everything on airline_dw.dim_date for select to consumer_reporting using (true)`.execute(
      producer,
    )
    try {
      const found = await findingsOf(rowParityCheck, { dataPlane: input })
      expect(severities(found)).toEqual(['fail', 'ok'])
      expect(found[0]?.message).toBe(
        'consumer analytics sees different row counts in datashare airline_share: airline_dw.dim_date 1 vs 2',
      )
      const declared = {
        ...input,
        datashare: {
          ...datashare,
          consumers: [
            { ...datashare.consumers[0]!, filteredTables: ['dim_date'] },
            datashare.consumers[1]!,
          ],
        },
      }
      const ok = await findingsOf(rowParityCheck, { dataPlane: declared })
      expect(severities(ok)).toEqual(['ok', 'ok'])
      expect(ok[0]?.evidence).toMatchObject({ filtered: ['airline_dw.dim_date'] })
    } finally {
      await sql`drop policy weekdays on airline_dw.dim_date`.execute(producer)
      await sql`drop policy everything on airline_dw.dim_date`.execute(producer)
      await sql`alter table airline_dw.dim_date disable row level security`.execute(producer)
    }
  })

  it('a session that does not run as the consumer role fails consumer-database', async () => {
    const wrong = { ...input, consumers: { ...input.consumers, analytics: producer } }
    const found = await findingsOf(consumerDatabaseCheck, { dataPlane: wrong })
    expect(found[0]?.severity).toBe('fail')
    expect(found[0]?.message).toMatch(/runs as postgres, not as role consumer_analytics/)
  })

  it('a missing role and a consumer without a session are reported', async () => {
    const ghost = {
      ...input,
      datashare: {
        ...datashare,
        consumers: [...datashare.consumers, { name: 'ghost', role: 'consumer_ghost' }],
      },
    }
    const share = await findingsOf(datashareCheck, { dataPlane: ghost })
    expect(failing(share).map((f) => f.message)).toEqual([
      'role consumer_ghost of consumer ghost does not exist',
    ])
    const read = await findingsOf(consumerReadCheck, { dataPlane: ghost })
    expect(severities(read)).toEqual(['skip', 'ok', 'ok'])
  })

  // Last: it drops a table for good.
  it('a missing table is reported by the datashare check and by consumer-read', async () => {
    await sql`drop table airline_dw.fact_daily_revenue`.execute(producer)
    const share = await findingsOf(datashareCheck, { dataPlane: input })
    expect(failing(share).map((f) => f.message)).toEqual([
      'datashare airline_share: shared object airline_dw.fact_daily_revenue does not exist',
    ])
    const read = await findingsOf(consumerReadCheck, { dataPlane: input })
    expect(severities(read)).toEqual(['fail', 'fail'])
    expect(read[0]?.message).toContain('cannot read airline_dw.fact_daily_revenue')
    const readOnly = await findingsOf(consumerReadOnlyCheck, { dataPlane: input })
    expect(severities(readOnly)).toEqual(['warn', 'warn'])
  })
})

describe('data-plane/nlb-spread', () => {
  // Each "namespace" is a role of the same database and the probe asks `current_user`, so a
  // connection's answer says which target it reached; connect() plays the NLB's choice.
  beforeAll(async () => {
    await pglite.exec(
      'create role ns_a nologin; create role ns_b nologin; create role ns_c nologin; create role ns_producer nologin',
    )
  })
  const share: ExpectedDatashare = {
    ...datashare,
    consumers: [
      { name: 'a', namespaceId: 'ns_a' },
      { name: 'b', namespaceId: 'ns_b' },
      { name: 'c', namespaceId: 'ns_c' },
    ],
  }
  const through = (targets: readonly string[]) => {
    let i = 0
    return {
      probeSql: 'select current_user',
      samples: 9,
      connect: () => new Kysely({ dialect: sessions.dialect(targets[i++ % targets.length]) }),
    }
  }
  const run = (nlb: DataPlaneInput['nlb']) =>
    findingsOf(nlbSpreadCheck, {
      dataPlane: { target: 'redshift', producer, consumers: {}, datashare: share, nlb },
    })

  it('is ok when connections reach every consumer', async () => {
    const found = await run(through(['ns_a', 'ns_b', 'ns_c']))
    expect(found[0]).toMatchObject({ severity: 'ok', evidence: { counts: { a: 3, b: 3, c: 3 } } })
  })

  it('warns when a consumer is never reached and fails on a non-consumer namespace', async () => {
    const two = await run(through(['ns_a', 'ns_b']))
    expect(two[0]).toMatchObject({
      severity: 'warn',
      message: '9 connections through the NLB never reached c',
    })
    const producerHit = await run(through(['ns_a', 'ns_b', 'ns_c', 'ns_producer']))
    expect(producerHit[0]).toMatchObject({
      severity: 'fail',
      message: 'the NLB reached namespace(s) that are not consumers: ns_producer',
    })
    expect(producerHit[0]?.remediation).toContain('Check that the target group')
  })

  it('fails when connecting through the NLB fails', async () => {
    const found = await run({
      samples: 2,
      connect: () => {
        throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:5439'), {
          code: 'ECONNREFUSED',
        })
      },
    })
    expect(found[0]).toMatchObject({
      severity: 'fail',
      message: 'connection 1 through the NLB failed: connect ECONNREFUSED 10.0.0.1:5439',
    })
  })
})
