// The same account on a real PostgreSQL server (RSP_TEST_PG_URL; .ci/run starts one): sessions
// are server connections of their own, so they run concurrently.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocalRedshift } from '../../account/local-redshift.js'
import type { NamespaceInfo } from '../../account/types.js'
import { PostgresEngine } from './postgres-engine.js'

const url = process.env.RSP_TEST_PG_URL
if (!url)
  console.warn(
    'postgres-engine.test.ts: RSP_TEST_PG_URL is not set; the PostgreSQL server tests are skipped',
  )

describe.skipIf(!url)('LocalRedshift on a PostgreSQL server', () => {
  let rs: LocalRedshift
  let producer: NamespaceInfo
  let consumer: NamespaceInfo
  const admin = (ns: NamespaceInfo) =>
    rs.connect({
      workgroup: ns.workgroup,
      database: 'dev',
      identity: { kind: 'secret', arn: ns.adminSecretArn },
    })
  beforeAll(async () => {
    const engine = await PostgresEngine.create({
      url: url!,
      pool: (connectionString, max) => new pg.Pool({ connectionString, max }),
    })
    rs = await LocalRedshift.create({ engine })
    producer = await rs.createNamespace({ name: 'producer' })
    consumer = await rs.createNamespace({ name: 'consumer' })
  }, 60_000)
  afterAll(async () => {
    await rs?.close()
  })

  it('shares data with a consumer and enforces read-only access (R-DS-13, R-DS-14)', async () => {
    const p = await admin(producer)
    await p.execute(`CREATE SCHEMA dw; CREATE TABLE dw.t (id INT ENCODE AZ64, v VARCHAR(10)) DISTSTYLE EVEN COMPOUND SORTKEY (id);
      INSERT INTO dw.t VALUES (1, 'a'), (2, 'b');
      CREATE DATASHARE s; ALTER DATASHARE s ADD SCHEMA dw; ALTER DATASHARE s ADD ALL TABLES IN SCHEMA dw;
      GRANT USAGE ON DATASHARE s TO NAMESPACE '${consumer.id}'`)
    const c = await admin(consumer)
    await c.query(`CREATE DATABASE from_s FROM DATASHARE s OF NAMESPACE '${producer.id}'`)
    expect((await c.query('SELECT v FROM from_s.dw.t ORDER BY id')).rows).toEqual([['a'], ['b']])
    await expect(c.query('UPDATE from_s.dw.t SET v = 1')).rejects.toThrow(/R-DS-14/)
    await p.close()
    await c.close()
  })

  it('runs sessions concurrently: an open transaction does not block another session', async () => {
    const a = await admin(producer)
    const b = await admin(producer)
    await a.query('BEGIN')
    await a.query("INSERT INTO dw.t VALUES (3, 'c')")
    // b does not wait for a, and does not see its uncommitted row.
    expect((await b.query('SELECT count(*) FROM dw.t')).rows).toEqual([['2']])
    await a.query('COMMIT')
    expect((await b.query('SELECT count(*) FROM dw.t')).rows).toEqual([['3']])
    await a.close()
    await b.close()
  })

  it('cancels a running statement', async () => {
    const a = await admin(producer)
    const running = a.query('SELECT pg_sleep(30)').then(
      () => undefined,
      (error: Error) => error,
    )
    await new Promise((r) => setTimeout(r, 200))
    expect(await a.cancel()).toBe(true)
    expect((await running)?.message).toMatch(/Query cancelled on user's request/)
    expect((await a.query('SELECT 1 AS one')).rows).toEqual([['1']])
    await a.close()
  })

  it('an IAM user reads the privilege views and creates a datashare through a role (R-SVV-6, D-15, D-16, D-17)', async () => {
    const p = await admin(producer)
    const u = await rs.connect({
      workgroup: producer.workgroup,
      database: 'dev',
      identity: { kind: 'iam', dbUser: 'IAMR:deployer' },
    })
    await p.execute(`GRANT CREATE ON DATABASE dev TO "IAMR:deployer"; CREATE ROLE share_admin;
      GRANT CREATE DATASHARE TO ROLE share_admin; GRANT ROLE share_admin TO "IAMR:deployer"`)
    // The views' catalog helpers run as the engine's role, not as the user's (no "permission
    // denied for table principal" on a server either).
    expect(
      (
        await u.query(
          "SELECT identity_name, privilege_type FROM svv_database_privileges WHERE database_name = 'dev'",
        )
      ).rows,
    ).toEqual([['IAMR:deployer', 'CREATE']])
    expect((await u.query('SELECT user_name, superuser FROM svv_user_info')).rows).toEqual([
      ['IAMR:deployer', 'f'],
    ])
    expect(
      (await u.query('SELECT system_privilege, identity_name FROM svv_system_privileges')).rows,
    ).toEqual([['CREATE DATASHARE', 'share_admin']])
    expect((await u.query("SELECT has_database_privilege('dev', 'create')")).rows).toEqual([['t']])
    await u.query('CREATE SCHEMA deployed')
    await u.query('CREATE DATASHARE deployed_share')
    await p.close()
    await u.close()
  })
})
