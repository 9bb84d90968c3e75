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
