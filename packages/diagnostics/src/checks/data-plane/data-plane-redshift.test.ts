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
