// The deploy-breaking defects a review against the AWS documentation found in the product as
// of commit c41aff4 (before the emulator existed), replayed here with the exact SQL that code
// sent — from its golden files and its state reader — so each is shown to fail under the
// documented rule that breaks it. The product no longer sends any of it; these tests keep the
// emulator honest about the rules that caught them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocalRedshift } from './account/local-redshift.js'
import type { Session } from './account/session.js'
import type { NamespaceInfo } from './account/types.js'

let rs: LocalRedshift
let producer: NamespaceInfo
let consumer: NamespaceInfo
let p: Session
let c: Session

beforeAll(async () => {
  rs = await LocalRedshift.create()
  producer = await rs.createNamespace({ name: 'airline-producer', adminUser: 'rsp_admin' })
  consumer = await rs.createNamespace({ name: 'airline-analytics', adminUser: 'rsp_admin' })
  p = await rs.connect({
    workgroup: producer.workgroup,
    database: 'dev',
    identity: { kind: 'secret', arn: producer.adminSecretArn },
  })
  c = await rs.connect({
    workgroup: consumer.workgroup,
    database: 'dev',
    identity: { kind: 'secret', arn: consumer.adminSecretArn },
  })
  await p.execute(`CREATE SCHEMA IF NOT EXISTS "airline_dw";
    CREATE TABLE "airline_dw"."dim_customer" ("customer_key" INTEGER ENCODE AZ64 NOT NULL, "first_name" VARCHAR(50) ENCODE ZSTD NOT NULL,
      "last_name" VARCHAR(50) ENCODE ZSTD NOT NULL, "email" VARCHAR(120) ENCODE ZSTD NOT NULL, "phone" VARCHAR(30) ENCODE ZSTD NOT NULL,
      "birth_date" DATE ENCODE AZ64 NOT NULL, PRIMARY KEY ("customer_key"))
    DISTSTYLE KEY DISTKEY ("customer_key") COMPOUND SORTKEY ("customer_key")`)
}, 120_000)
afterAll(async () => {
  await rs?.close()
})

describe('defects of c41aff4, replayed', () => {
  it('R-DS-6: fact_flight_operations had an INTERLEAVED sort key, so ADD ALL TABLES IN SCHEMA airline_dw failed', async () => {
    // The DDL 0001_airline_star_schema rendered at c41aff4 (columns abridged).
    await p.query(`CREATE TABLE "airline_dw"."fact_flight_operations" ("operation_key" INTEGER ENCODE AZ64 NOT NULL,
      "date_key" INTEGER ENCODE AZ64 NOT NULL, "origin_airport_key" INTEGER ENCODE AZ64 NOT NULL,
      "destination_airport_key" INTEGER ENCODE AZ64 NOT NULL, "flight_key" INTEGER ENCODE AZ64 NOT NULL, PRIMARY KEY ("operation_key"))
      DISTSTYLE KEY DISTKEY ("flight_key") INTERLEAVED SORTKEY ("date_key", "origin_airport_key", "destination_airport_key")`)
    await p.execute(
      'CREATE DATASHARE "airline_share" SET PUBLICACCESSIBLE = TRUE; ALTER DATASHARE "airline_share" ADD SCHEMA "airline_dw"',
    )
    await expect(
      p.query('ALTER DATASHARE "airline_share" ADD ALL TABLES IN SCHEMA "airline_dw"'),
    ).rejects.toThrow(
      /fact_flight_operations cannot be added to a datashare: it has an INTERLEAVED sort key.*\[R-DS-6\]/,
    )
    await p.query('DROP TABLE "airline_dw"."fact_flight_operations"')
    await p.query('ALTER DATASHARE "airline_share" ADD ALL TABLES IN SCHEMA "airline_dw"')
    await p.query(`GRANT USAGE ON DATASHARE "airline_share" TO NAMESPACE '${consumer.id}'`)
  })

  it('R-DS-2, R-IAM-3: rsp share ran as the caller’s IAM identity, which may not create a datashare', async () => {
    const caller = await rs.connect({
      workgroup: producer.workgroup,
      database: 'dev',
      identity: { kind: 'iam', dbUser: 'IAMR:rsp-operator' },
    })
    await expect(caller.query('CREATE DATASHARE "airline_share_2"')).rejects.toThrow(/\[R-DS-2\]/)
    // …nor create the load's schema (D-9).
    await expect(caller.query('CREATE SCHEMA IF NOT EXISTS "airline_dw_2"')).rejects.toThrow(
      /permission denied for database dev/,
    )
    await caller.close()
  })

  it('R-RLS-11: masking was attached on the consumer, to an object of the database made from the share', async () => {
    await c.query(
      `CREATE DATABASE "airline_analytics" WITH PERMISSIONS FROM DATASHARE "airline_share" OF NAMESPACE '${producer.id}'`,
    )
    // The consumer-side statements of __golden__/pii.redshift.sql at c41aff4.
    await c.query(
      `CREATE MASKING POLICY "mask_customer_pii" WITH ("first_name" VARCHAR(50), "last_name" VARCHAR(50), "email" VARCHAR(120), "phone" VARCHAR(30), "birth_date" DATE) USING (CAST('****' AS VARCHAR(50)), CAST('****' AS VARCHAR(50)), CAST('****' AS VARCHAR(120)), CAST('****' AS VARCHAR(30)), CAST(NULL AS DATE))`,
    )
    await expect(
      c.query(
        'ATTACH MASKING POLICY "mask_customer_pii" ON "airline_analytics"."airline_dw"."dim_customer" ("first_name", "last_name", "email", "phone", "birth_date") TO PUBLIC',
      ),
    ).rejects.toThrow(/\[R-RLS-11\]/)
  })

  it('R-SVV-8: the state reader read policy_name and schema_name from SVV_RLS_ATTACHED_POLICY', async () => {
    // redshift-state-reader.ts at c41aff4, on every share after the first.
    await expect(
      c.query(
        `SELECT DISTINCT policy_name FROM svv_rls_attached_policy WHERE schema_name IN ('airline_dw')`,
      ),
    ).rejects.toThrow(/column "policy_name" does not exist/)
    expect(
      (
        await c.query(
          "SELECT DISTINCT polname FROM svv_rls_attached_policy WHERE relschema IN ('airline_dw')",
        )
      ).rows,
    ).toEqual([])
  })
})
