// The data-plane checks in Redshift mode, against the emulated Redshift Serverless account
// (@redshift-playground/redshift-local, rules from AWS's documentation): the SQL they send —
// SVV_DATASHARES, SVV_DATASHARE_OBJECTS, SVV_DATASHARE_CONSUMERS, three-part names — runs
// there, healthy and in each broken state a real account can be in.
import {
  LocalRedshift,
  type NamespaceInfo,
  type Session,
} from '@redshift-playground/redshift-local'
import { localRedshiftKysely } from '@redshift-playground/redshift-local/kysely'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Finding } from '../../check/check.js'
import { findingsOf } from '../../test-fixtures.js'
import type { DataPlaneInput } from './data-plane-input.js'
import {
  consumerDatabaseCheck,
  consumerReadCheck,
  consumerReadOnlyCheck,
  datashareCheck,
  freshnessCheck,
  rowParityCheck,
} from './index.js'

let rs: LocalRedshift
let producer: NamespaceInfo
let analytics: NamespaceInfo
let reporting: NamespaceInfo
let admin: Session
// biome-ignore lint/suspicious/noExplicitAny: any database
const dbs: Kysely<any>[] = []
let input: DataPlaneInput

const secret = (ns: NamespaceInfo) => ({ kind: 'secret' as const, arn: ns.adminSecretArn })
const failing = (list: readonly Finding[]) => list.filter((f) => f.severity === 'fail')
const kysely = (ns: NamespaceInfo) => {
  const k = localRedshiftKysely(rs, ns.workgroup, secret(ns))
  dbs.push(k)
  return k
}

beforeAll(async () => {
  rs = await LocalRedshift.create()
  producer = await rs.createNamespace({ name: 'producer' })
  analytics = await rs.createNamespace({ name: 'analytics' })
  reporting = await rs.createNamespace({ name: 'reporting' })
  admin = await rs.connect({ workgroup: 'producer', database: 'dev', identity: secret(producer) })
  await admin.execute(`
    CREATE SCHEMA airline_dw;
    CREATE TABLE airline_dw.dim_date (date_key INT NOT NULL, full_date DATE) DISTSTYLE ALL COMPOUND SORTKEY (date_key);
    CREATE TABLE airline_dw.fact_bookings (booking_key INT NOT NULL, date_key INT) DISTSTYLE KEY DISTKEY (booking_key) COMPOUND SORTKEY (date_key);
    INSERT INTO airline_dw.dim_date VALUES (20250704, '2025-07-04'), (20250705, '2025-07-05');
    INSERT INTO airline_dw.fact_bookings VALUES (1, 20250704), (2, 20250704), (3, 20250705)`)
  await admin.execute(`CREATE DATASHARE airline_share`)
  await admin.execute('ALTER DATASHARE airline_share ADD SCHEMA airline_dw')
  await admin.execute('ALTER DATASHARE airline_share ADD ALL TABLES IN SCHEMA airline_dw')
  for (const c of [analytics, reporting]) {
    await admin.query(`GRANT USAGE ON DATASHARE airline_share TO NAMESPACE '${c.id}'`)
    await rs.run(
      c.workgroup,
      'dev',
      secret(c),
      `CREATE DATABASE airline_${c.name} FROM DATASHARE airline_share OF NAMESPACE '${producer.id}'`,
    )
  }
  input = {
    target: 'redshift',
    producer: kysely(producer),
    consumers: { analytics: kysely(analytics), reporting: kysely(reporting) },
    datashare: {
      name: 'airline_share',
      schema: 'airline_dw',
      tables: ['dim_date', 'fact_bookings'],
      consumers: [
        { name: 'analytics', namespaceId: analytics.id, database: 'airline_analytics' },
        { name: 'reporting', namespaceId: reporting.id, database: 'airline_reporting' },
      ],
    },
  }
}, 120_000)

afterAll(async () => {
  for (const k of dbs) await k.destroy()
  await admin?.close()
  await rs?.close()
})

describe('data-plane checks on the emulated Redshift account', () => {
  it('are all ok when the share, the grants and the consumer databases are in place', async () => {
    for (const check of [
      datashareCheck,
      consumerDatabaseCheck,
      consumerReadCheck,
      consumerReadOnlyCheck,
      rowParityCheck,
    ]) {
      const found = await findingsOf(check, { dataPlane: input })
      expect(failing(found), check.id).toEqual([])
      expect(found.length).toBeGreaterThan(0)
    }
  })

  it('consumer-read-only: the emulator refuses the writes (R-DS-14), so the check passes', async () => {
    const found = await findingsOf(consumerReadOnlyCheck, { dataPlane: input })
    expect(found.every((f) => f.severity === 'ok')).toBe(true)
  })

  it('R-DS-9: a revoked consumer loses the share at once: datashare and consumer-database fail for it', async () => {
    await admin.query(`REVOKE USAGE ON DATASHARE airline_share FROM NAMESPACE '${reporting.id}'`)
    try {
      const share = await findingsOf(datashareCheck, { dataPlane: input })
      expect(failing(share).map((f) => f.message)).toEqual([
        `datashare airline_share is not granted to consumer reporting (${reporting.id})`,
      ])
      const db = await findingsOf(consumerDatabaseCheck, { dataPlane: input })
      expect(failing(db).map((f) => f.message)).toEqual([
        'consumer reporting does not see datashare airline_share',
      ])
      const read = await findingsOf(consumerReadCheck, { dataPlane: input })
      expect(failing(read).length).toBeGreaterThan(0)
    } finally {
      await admin.query(`GRANT USAGE ON DATASHARE airline_share TO NAMESPACE '${reporting.id}'`)
    }
  })

  it('a table removed from the share: datashare lacks it, consumers cannot read it (D-7)', async () => {
    await admin.query('ALTER DATASHARE airline_share REMOVE TABLE airline_dw.fact_bookings')
    try {
      const share = await findingsOf(datashareCheck, { dataPlane: input })
      expect(failing(share).map((f) => f.message)).toEqual([
        'datashare airline_share lacks table airline_dw.fact_bookings',
      ])
      const read = await findingsOf(consumerReadCheck, { dataPlane: input })
      const readFailures = failing(read).map((f) => f.message)
      for (const consumer of ['analytics', 'reporting']) {
        expect(readFailures.some((m) => m.includes(consumer) && m.includes('fact_bookings'))).toBe(
          true,
        )
      }
    } finally {
      await admin.query('ALTER DATASHARE airline_share ADD TABLE airline_dw.fact_bookings')
    }
  })

  it('a consumer without a database from the share fails consumer-database with the CREATE DATABASE fix', async () => {
    await rs.run(analytics.workgroup, 'dev', secret(analytics), 'DROP DATABASE airline_analytics')
    try {
      const found = await findingsOf(consumerDatabaseCheck, { dataPlane: input })
      const fail = failing(found)
      expect(fail.map((f) => f.message)).toEqual([
        'consumer analytics sees datashare airline_share but has no database from it',
      ])
      expect(fail[0]?.remediation).toContain(
        'CREATE DATABASE airline_analytics FROM DATASHARE airline_share',
      )
    } finally {
      await rs.run(
        analytics.workgroup,
        'dev',
        secret(analytics),
        `CREATE DATABASE airline_analytics FROM DATASHARE airline_share OF NAMESPACE '${producer.id}'`,
      )
    }
  })

  it('row-parity: consumers read the producer’s rows live, new rows included', async () => {
    await admin.query('INSERT INTO airline_dw.fact_bookings VALUES (4, 20250705)')
    const found = await findingsOf(rowParityCheck, { dataPlane: input })
    expect(failing(found)).toEqual([])
  })
})

// Domain sharing (R-DS-1: many shares per database): `core` to both consumers, `sales` to
// analytics only, `ops` to reporting only; views and the freshness marker in every share; one
// consumer database per share per consumer (R-DS-11), read with three-part names (R-DS-13).
describe('several datashares on the emulated Redshift account', () => {
  let multi: DataPlaneInput
  const MARKER = 'rsp_meta.freshness_marker'
  const mount = (c: NamespaceInfo, share: string) =>
    rs.run(
      c.workgroup,
      'dev',
      secret(c),
      `CREATE DATABASE ${share}_${c.name} FROM DATASHARE ${share} OF NAMESPACE '${producer.id}'`,
    )

  beforeAll(async () => {
    await admin.execute(`
      CREATE VIEW airline_dw.v_route_performance AS SELECT date_key, count(*) AS bookings FROM airline_dw.fact_bookings GROUP BY date_key;
      CREATE VIEW airline_dw.v_customer_360 AS SELECT booking_key, date_key FROM airline_dw.fact_bookings;
      CREATE SCHEMA rsp_meta;
      CREATE TABLE rsp_meta.freshness_marker (marker_id VARCHAR(64) NOT NULL, written_at TIMESTAMP NOT NULL)`)
    const objects = {
      core: ['airline_dw.dim_date'],
      sales: ['airline_dw.v_route_performance'],
      ops: ['airline_dw.v_customer_360'],
    }
    for (const [share, tables] of Object.entries(objects)) {
      await admin.execute(`CREATE DATASHARE ${share}`)
      await admin.execute(`ALTER DATASHARE ${share} ADD SCHEMA airline_dw`)
      await admin.execute(`ALTER DATASHARE ${share} ADD SCHEMA rsp_meta`)
      await admin.execute(`ALTER DATASHARE ${share} ADD TABLE ${[...tables, MARKER].join(', ')}`)
    }
    const to = { core: [analytics, reporting], sales: [analytics], ops: [reporting] }
    for (const [share, consumers] of Object.entries(to))
      for (const c of consumers) {
        await admin.query(`GRANT USAGE ON DATASHARE ${share} TO NAMESPACE '${c.id}'`)
        await mount(c, share)
      }
    const consumer = (c: NamespaceInfo, share: string) => ({
      name: c.name,
      namespaceId: c.id,
      database: `${share}_${c.name}`,
    })
    multi = {
      ...input,
      datashare: undefined,
      datashares: Object.entries(objects).map(([share, tables]) => ({
        name: share,
        tables: [...tables, MARKER],
        consumers: to[share as keyof typeof to].map((c) => consumer(c, share)),
      })),
      freshness: { pollIntervalMs: 20, maxLagSeconds: 10 },
    }
  }, 120_000)

  it('every check reports per share (or share × consumer) and all are ok', async () => {
    const perConsumer = ['core/analytics', 'core/reporting', 'sales/analytics', 'ops/reporting']
    for (const check of [consumerDatabaseCheck, consumerReadOnlyCheck, rowParityCheck]) {
      const found = await findingsOf(check, { dataPlane: multi })
      expect(
        found.map((f) => [f.resource, f.severity]),
        check.id,
      ).toEqual(perConsumer.map((r) => [r, 'ok']))
    }
    const shares = await findingsOf(datashareCheck, { dataPlane: multi })
    expect(shares.map((f) => [f.resource, f.severity])).toEqual([
      ['core', 'ok'],
      ['sales', 'ok'],
      ['ops', 'ok'],
    ])
    const read = await findingsOf(consumerReadCheck, { dataPlane: multi })
    expect(read.map((f) => [f.resource, f.severity])).toEqual([
      ...perConsumer.map((r) => [r, 'ok']),
      ['ops/analytics', 'ok'],
      ['sales/reporting', 'ok'],
    ])
    // The refusal names why: the other domain's database does not exist on this consumer.
    expect(read[4]?.message).toBe(
      'consumer analytics is refused the 1 object(s) of datashare ops, which it is not a consumer of',
    )
    expect(read[4]?.evidence).toMatchObject({ granted: false, readable: [] })
  })

  it('entitlement (R-DS-8, R-SVV-1): a share granted to the wrong consumer fails consumer-read for that share', async () => {
    await admin.query(`GRANT USAGE ON DATASHARE ops TO NAMESPACE '${analytics.id}'`)
    await mount(analytics, 'ops')
    try {
      const read = await findingsOf(consumerReadCheck, { dataPlane: multi })
      expect(failing(read).map((f) => [f.resource, f.message])).toEqual([
        [
          'ops/analytics',
          'consumer analytics is granted datashare ops, which it is not a consumer of',
        ],
      ])
      expect(failing(read)[0]?.remediation).toContain('REVOKE USAGE ON DATASHARE ops')
    } finally {
      await rs.run(analytics.workgroup, 'dev', secret(analytics), 'DROP DATABASE ops_analytics')
      await admin.query(`REVOKE USAGE ON DATASHARE ops FROM NAMESPACE '${analytics.id}'`)
    }
  })

  it('a view removed from one share fails that share only (datashare and consumer-read)', async () => {
    await admin.query('ALTER DATASHARE sales REMOVE TABLE airline_dw.v_route_performance')
    try {
      const shares = await findingsOf(datashareCheck, { dataPlane: multi })
      expect(failing(shares).map((f) => f.message)).toEqual([
        'datashare sales lacks table airline_dw.v_route_performance',
      ])
      const read = await findingsOf(consumerReadCheck, { dataPlane: multi })
      expect(failing(read).map((f) => f.resource)).toEqual(['sales/analytics'])
    } finally {
      await admin.query('ALTER DATASHARE sales ADD TABLE airline_dw.v_route_performance')
    }
  })

  it('freshness: each consumer reads the marker through its consumer database, and the markers are removed', async () => {
    const found = await findingsOf(freshnessCheck, { dataPlane: multi })
    expect(found.map((f) => [f.resource, f.severity])).toEqual([
      ['analytics', 'ok'],
      ['reporting', 'ok'],
    ])
    // The share listing the marker first is core: read as core_<consumer>.rsp_meta.freshness_marker.
    expect(found[0]?.evidence).toMatchObject({
      table: '"core_analytics"."rsp_meta"."freshness_marker"',
      markers: 3,
      visible: 3,
      markersRemoved: 3,
    })
    expect(found[0]?.message).not.toContain('local target')
    const left = await admin.query('SELECT count(*) AS n FROM rsp_meta.freshness_marker')
    expect(Number(left.rows[0]?.[0])).toBe(0)
  })

  it('freshness fails a consumer whose share lost the marker table', async () => {
    await admin.query(`ALTER DATASHARE core REMOVE TABLE ${MARKER}`)
    try {
      const found = await findingsOf(freshnessCheck, { dataPlane: multi })
      expect(found.map((f) => f.severity)).toEqual(['fail', 'fail'])
      expect(found[0]?.message).toMatch(
        /^consumer analytics cannot read "core_analytics"\."rsp_meta"\."freshness_marker": /,
      )
    } finally {
      await admin.query(`ALTER DATASHARE core ADD TABLE ${MARKER}`)
    }
  })
})
