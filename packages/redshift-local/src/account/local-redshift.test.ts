import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocalRedshift } from './local-redshift.js'
import type { Session } from './session.js'
import type { NamespaceInfo } from './types.js'

describe('LocalRedshift on PGlite', () => {
  let rs: LocalRedshift
  let producer: NamespaceInfo
  let consumer: NamespaceInfo
  let p: Session
  let c: Session
  beforeAll(async () => {
    rs = await LocalRedshift.create()
    producer = await rs.createNamespace({ name: 'producer' })
    consumer = await rs.createNamespace({ name: 'consumer' })
    p = await rs.connect({
      workgroup: 'producer',
      database: 'dev',
      identity: { kind: 'secret', arn: producer.adminSecretArn },
    })
    c = await rs.connect({
      workgroup: 'consumer',
      database: 'dev',
      identity: { kind: 'secret', arn: consumer.adminSecretArn },
    })
  }, 60_000)
  afterAll(async () => {
    await rs?.close()
  })

  it('runs Redshift DDL and DML and reports the Redshift user and namespace', async () => {
    await p.execute(`CREATE SCHEMA airline_dw;
      CREATE TABLE airline_dw.t (id INTEGER ENCODE AZ64 NOT NULL, name VARCHAR(20) ENCODE ZSTD, created TIMESTAMP DEFAULT GETDATE() ENCODE AZ64 NOT NULL, PRIMARY KEY (id))
      DISTSTYLE KEY DISTKEY (id) COMPOUND SORTKEY (id);
      INSERT INTO airline_dw.t (id, name) VALUES (1, 'a'), (1, 'dup')`)
    const r = await p.query(
      'SELECT count(*) AS n, current_user AS u, current_namespace AS ns FROM airline_dw.t',
    )
    expect(r.rows).toEqual([['2', 'admin', producer.id]])
    expect(r.columns.map((x) => x.typeName)).toEqual(['int8', 'varchar', 'varchar'])
  })

  it('shares a schema with a consumer that reads it with three-part names', async () => {
    await p.execute(`CREATE DATASHARE s1; ALTER DATASHARE s1 ADD SCHEMA airline_dw; ALTER DATASHARE s1 ADD ALL TABLES IN SCHEMA airline_dw;
      GRANT USAGE ON DATASHARE s1 TO NAMESPACE '${consumer.id}'`)
    const inbound = await c.query(
      "SELECT share_name, producer_namespace FROM svv_datashares WHERE share_type = 'INBOUND'",
    )
    expect(inbound.rows).toEqual([['s1', producer.id]])
    await c.query(`CREATE DATABASE shared_db FROM DATASHARE s1 OF NAMESPACE '${producer.id}'`)
    const r = await c.query('SELECT count(*) FROM shared_db.airline_dw.t')
    expect(r.rows).toEqual([['2']])
    await expect(c.query('DELETE FROM shared_db.airline_dw.t')).rejects.toThrow(/R-DS-14/)
  })

  it('R-TX-1: CREATE DATABASE cannot run inside a transaction block', async () => {
    await c.query('BEGIN')
    await expect(c.query('CREATE DATABASE x')).rejects.toThrow(/R-TX-1/)
    await c.query('ROLLBACK')
  })
})

describe('SVV_TABLES and SVV_COLUMNS', () => {
  it('report comments as remarks (COMMENT ON TABLE/VIEW/COLUMN)', async () => {
    const rs = await LocalRedshift.create()
    const ns = await rs.createNamespace({ name: 'remarks' })
    const s = await rs.connect({
      workgroup: 'remarks',
      database: 'dev',
      identity: { kind: 'secret', arn: ns.adminSecretArn },
    })
    await s.execute(`CREATE SCHEMA p; CREATE VIEW p.v AS SELECT 1 AS x; COMMENT ON VIEW p.v IS 'rsp:0123456789abcdef';
      CREATE TABLE p.t (a INT); COMMENT ON COLUMN p.t.a IS 'the a'`)
    expect(
      (
        await s.query(
          "SELECT table_name, remarks FROM svv_tables WHERE table_schema = 'p' ORDER BY 1",
        )
      ).rows,
    ).toEqual([
      ['t', null],
      ['v', 'rsp:0123456789abcdef'],
    ])
    expect(
      (
        await s.query(
          "SELECT remarks FROM svv_columns WHERE table_schema = 'p' AND table_name = 't'",
        )
      ).rows,
    ).toEqual([['the a']])
    await rs.close()
  }, 60_000)
})
