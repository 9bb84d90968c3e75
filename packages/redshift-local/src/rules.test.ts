// Every rule the emulator enforces, one test each, named by its id in
// shared/docs/REDSHIFT-RULES.md (R-…) or packages/redshift-local/docs/rule-decisions.md (D-…).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocalRedshift } from './account/local-redshift.js'
import type { Session } from './account/session.js'
import type { NamespaceInfo } from './account/types.js'

let rs: LocalRedshift
let producer: NamespaceInfo
let consumer: NamespaceInfo
let consumer2: NamespaceInfo
let p: Session
let c: Session

const admin = (ns: NamespaceInfo, database = 'dev') =>
  rs.connect({
    workgroup: ns.workgroup,
    database,
    identity: { kind: 'secret', arn: ns.adminSecretArn },
  })
const iam = (ns: NamespaceInfo, role: string, database = 'dev') =>
  rs.connect({
    workgroup: ns.workgroup,
    database,
    identity: { kind: 'iam', dbUser: `IAMR:${role}` },
  })
const rows = async (s: Session, sql: string) => (await s.query(sql)).rows

beforeAll(async () => {
  rs = await LocalRedshift.create()
  producer = await rs.createNamespace({
    name: 'producer',
    defaultIamRole: 'arn:aws:iam::123456789012:role/load',
  })
  consumer = await rs.createNamespace({ name: 'consumer' })
  consumer2 = await rs.createNamespace({ name: 'consumer-two' })
  p = await admin(producer)
  c = await admin(consumer)
  await p.execute(`
    CREATE SCHEMA dw;
    CREATE TABLE dw.customers (id INT NOT NULL, name VARCHAR(40), region VARCHAR(10), PRIMARY KEY (id)) DISTSTYLE KEY DISTKEY (id) COMPOUND SORTKEY (id);
    INSERT INTO dw.customers VALUES (1, 'Ada', 'WEST'), (2, 'Bob', 'EAST'), (3, 'Cy', 'WEST');
    CREATE TABLE dw.events (id INT, day DATE, kind VARCHAR(10)) INTERLEAVED SORTKEY (day, kind);
    CREATE VIEW dw.events_v AS SELECT id, kind FROM dw.events;
    CREATE TABLE dw.plain (id INT) SORTKEY (id);`)
}, 120_000)
afterAll(async () => {
  await rs?.close()
})

describe('transactions (R-TX)', () => {
  it('R-TX-1: CREATE DATABASE, DROP DATABASE and VACUUM cannot run inside a transaction block', async () => {
    await c.query('BEGIN')
    await expect(c.query('CREATE DATABASE tx_db')).rejects.toThrow(
      /cannot run inside a transaction block \[R-TX-1\]/,
    )
    await c.query('ROLLBACK')
    await c.query('BEGIN')
    await expect(c.query('DROP DATABASE whatever')).rejects.toThrow(/R-TX-1/)
    await c.query('ROLLBACK')
    await c.query('BEGIN')
    await expect(c.query('VACUUM')).rejects.toThrow(/R-TX-1/)
    await c.query('ROLLBACK')
  })

  it('R-TX-2: TRUNCATE commits the transaction it runs in, earlier work included', async () => {
    await p.execute('CREATE TABLE dw.tx (id INT); CREATE TABLE dw.tx2 (id INT)')
    await p.query('BEGIN')
    await p.query('INSERT INTO dw.tx VALUES (1)')
    await p.query('TRUNCATE dw.tx2')
    const r = await p.query('ROLLBACK')
    expect(r.notices).toContain('there is no transaction in progress')
    expect(await rows(p, 'SELECT count(*) FROM dw.tx')).toEqual([['1']])
  })

  it('R-TX-5: DROP DATABASE refuses dev and the connected database', async () => {
    await expect(c.query('DROP DATABASE dev')).rejects.toThrow(/R-TX-5/)
    await c.query('CREATE DATABASE scratch')
    const s = await admin(consumer, 'scratch')
    await expect(s.query('DROP DATABASE scratch')).rejects.toThrow(
      /currently open database \[R-TX-5\]/,
    )
    await s.close()
    await c.query('DROP DATABASE scratch')
    expect(
      await rows(
        c,
        "SELECT database_name FROM svv_redshift_databases WHERE database_name = 'scratch'",
      ),
    ).toEqual([])
  })

  it('R-TX-7: a database name is at most 127 bytes', async () => {
    await expect(c.query(`CREATE DATABASE ${'x'.repeat(128)}`)).rejects.toThrow(/R-TX-7/)
  })

  it('D-5: datashare statements cannot run inside a transaction block', async () => {
    await p.query('BEGIN')
    await expect(p.query('CREATE DATASHARE tx_share')).rejects.toThrow(
      /CREATE DATASHARE cannot run inside a transaction block \[D-5\]/,
    )
    await p.query('ROLLBACK')
  })

  it('an error inside a block aborts the block until it ends, as on PostgreSQL', async () => {
    await p.query('BEGIN')
    await expect(p.query('SELECT * FROM dw.nope')).rejects.toThrow(/does not exist/)
    await expect(p.query('SELECT 1')).rejects.toThrow(/current transaction is aborted/)
    expect((await p.query('COMMIT')).command).toBe('ROLLBACK')
  })
})

describe('ALTER TABLE … ADD COLUMN (D-19)', () => {
  it('D-19: ADD COLUMN with DEFAULT, ENCODE and NOT NULL appends the column; existing rows read the default', async () => {
    await p.query(
      'ALTER TABLE dw.plain ADD COLUMN fee DECIMAL(10,2) DEFAULT 0 ENCODE az64 NOT NULL',
    )
    await p.query('INSERT INTO dw.plain (id) VALUES (7)')
    expect(await rows(p, 'SELECT id, fee FROM dw.plain ORDER BY id')).toEqual([['7', '0.00']])
    expect(
      await rows(
        p,
        "SELECT column_name, data_type FROM svv_columns WHERE table_schema = 'dw' AND table_name = 'plain' ORDER BY ordinal_position",
      ),
    ).toEqual([
      ['id', 'integer'],
      ['fee', 'numeric'],
    ])
    await p.query('ALTER TABLE dw.plain ADD note TEXT')
    await expect(p.query('ALTER TABLE dw.plain ADD COLUMN k INT DISTKEY')).rejects.toThrow(
      /ADD COLUMN takes a name, a type/,
    )
    await p.query('ALTER TABLE dw.plain DROP COLUMN note')
    await p.query('ALTER TABLE dw.plain DROP COLUMN fee')
    await p.query('DELETE FROM dw.plain')
  })
})

describe('datashares (R-DS)', () => {
  it('R-DS-1: a datashare name is unique in the namespace', async () => {
    await p.query('CREATE DATASHARE ds_unique')
    await expect(p.query('CREATE DATASHARE ds_unique')).rejects.toThrow(/already exists/)
    await p.query('DROP DATASHARE ds_unique')
  })

  it('R-DS-2: an ordinary user cannot create a datashare; the database owner or a superuser can', async () => {
    const u = await iam(producer, 'reader')
    await expect(u.query('CREATE DATASHARE by_reader')).rejects.toThrow(/\[R-DS-2\]/)
    await u.close()
  })

  it('R-DS-5: a schema joins the share before its tables; removing it waits for its tables', async () => {
    await p.query('CREATE DATASHARE ds5')
    await expect(p.query('ALTER DATASHARE ds5 ADD TABLE dw.customers')).rejects.toThrow(
      /add the schema before its objects \[R-DS-5\]/,
    )
    await p.query('ALTER DATASHARE ds5 ADD SCHEMA dw')
    expect(
      await rows(
        p,
        "SELECT object_type, object_name FROM svv_datashare_objects WHERE share_name = 'ds5'",
      ),
    ).toEqual([['schema', 'dw']])
    await p.query('ALTER DATASHARE ds5 ADD TABLE dw.customers')
    await expect(p.query('ALTER DATASHARE ds5 REMOVE SCHEMA dw')).rejects.toThrow(/R-DS-5/)
    await p.query('DROP DATASHARE ds5')
  })

  it('R-DS-6: a table with an INTERLEAVED sort key, or a view over one, is not shareable', async () => {
    await p.execute('CREATE DATASHARE ds6; ALTER DATASHARE ds6 ADD SCHEMA dw')
    await expect(p.query('ALTER DATASHARE ds6 ADD TABLE dw.events')).rejects.toThrow(
      /INTERLEAVED sort key.*\[R-DS-6\]/,
    )
    await expect(p.query('ALTER DATASHARE ds6 ADD TABLE dw.events_v')).rejects.toThrow(
      /reads table events.*\[R-DS-6\]/,
    )
    await expect(p.query('ALTER DATASHARE ds6 ADD ALL TABLES IN SCHEMA dw')).rejects.toThrow(
      /R-DS-6/,
    )
    // Nothing of the failed ADD ALL TABLES was added: the statement is atomic.
    expect(
      await rows(
        p,
        "SELECT count(*) FROM svv_datashare_objects WHERE share_name = 'ds6' AND object_type <> 'schema'",
      ),
    ).toEqual([['0']])
    await p.query('DROP DATASHARE ds6')
  })

  it('R-DS-8: USAGE goes to namespaces or accounts, not users (D-9); the GUID is a string', async () => {
    await p.query('CREATE DATASHARE ds8')
    await expect(p.query('GRANT USAGE ON DATASHARE ds8 TO alice')).rejects.toThrow(
      /USAGE cannot be granted to users and groups on a datashare\. \[D-9\]/,
    )
    await expect(
      p.query(`GRANT USAGE ON DATASHARE ds8 TO NAMESPACE ${consumer.id}`),
    ).rejects.toThrow(/syntax error/)
    await p.query('DROP DATASHARE ds8')
  })

  it('R-DS-9, R-DS-10, R-DS-11, R-DS-13: grant, mount once, read with three-part names; revoke hides it at once', async () => {
    await p.execute(`CREATE DATASHARE ds9; ALTER DATASHARE ds9 ADD SCHEMA dw; ALTER DATASHARE ds9 ADD TABLE dw.customers;
      GRANT USAGE ON DATASHARE ds9 TO NAMESPACE '${consumer.id}'`)
    await expect(c.query('CREATE DATABASE from_ds9 FROM DATASHARE ds9 OF ACCOUNT')).rejects.toThrow(
      /syntax error/,
    )
    await c.query(`CREATE DATABASE from_ds9 FROM DATASHARE ds9 OF NAMESPACE '${producer.id}'`)
    await expect(
      c.query(`CREATE DATABASE again_ds9 FROM DATASHARE ds9 OF NAMESPACE '${producer.id}'`),
    ).rejects.toThrow(/\[R-DS-11\]/)
    expect(await rows(c, 'SELECT name FROM from_ds9.dw.customers ORDER BY id')).toEqual([
      ['Ada'],
      ['Bob'],
      ['Cy'],
    ])
    expect(
      await rows(
        c,
        "SELECT database_type FROM svv_redshift_databases WHERE database_name = 'from_ds9'",
      ),
    ).toEqual([['shared']])
    await p.query(`REVOKE USAGE ON DATASHARE ds9 FROM NAMESPACE '${consumer.id}'`)
    expect(
      await rows(
        c,
        "SELECT share_name FROM svv_datashares WHERE share_type = 'INBOUND' AND share_name = 'ds9'",
      ),
    ).toEqual([])
    await expect(c.query('SELECT count(*) FROM from_ds9.dw.customers')).rejects.toThrow(
      /no longer available/,
    )
    await c.query('DROP DATABASE from_ds9')
    await p.query('DROP DATASHARE ds9')
  })

  it('R-DS-10: a consumer user without CREATEDB cannot mount a share', async () => {
    await p.execute(
      `CREATE DATASHARE ds10; GRANT USAGE ON DATASHARE ds10 TO NAMESPACE '${consumer.id}'`,
    )
    const u = await iam(consumer, 'analyst')
    await expect(
      u.query(`CREATE DATABASE x10 FROM DATASHARE ds10 OF NAMESPACE '${producer.id}'`),
    ).rejects.toThrow(/\[R-DS-10\]/)
    await u.close()
    await p.query('DROP DATASHARE ds10')
  })

  it('R-DS-12: USAGE on the database lets a user read; WITH PERMISSIONS needs object grants', async () => {
    await p.execute(`CREATE DATASHARE ds12; ALTER DATASHARE ds12 ADD SCHEMA dw; ALTER DATASHARE ds12 ADD TABLE dw.customers;
      GRANT USAGE ON DATASHARE ds12 TO NAMESPACE '${consumer.id}'; GRANT USAGE ON DATASHARE ds12 TO NAMESPACE '${consumer2.id}'`)
    await c.query(`CREATE DATABASE plain12 FROM DATASHARE ds12 OF NAMESPACE '${producer.id}'`)
    const u = await iam(consumer, 'bi')
    await expect(u.query('SELECT count(*) FROM plain12.dw.customers')).rejects.toThrow(
      /permission denied/,
    )
    await c.query('GRANT USAGE ON DATABASE plain12 TO "IAMR:bi"')
    expect(await rows(u, 'SELECT count(*) FROM plain12.dw.customers')).toEqual([['3']])
    await expect(c.query('GRANT SELECT ON plain12.dw.customers TO "IAMR:bi"')).rejects.toThrow(
      /WITH PERMISSIONS.*\[R-DS-12\]/,
    )
    const c2 = await admin(consumer2)
    await c2.query(
      `CREATE DATABASE perm12 WITH PERMISSIONS FROM DATASHARE ds12 OF NAMESPACE '${producer.id}'`,
    )
    const u2 = await iam(consumer2, 'bi')
    await c2.query('GRANT USAGE ON DATABASE perm12 TO "IAMR:bi"')
    await expect(u2.query('SELECT count(*) FROM perm12.dw.customers')).rejects.toThrow(
      /permission denied/,
    )
    await c2.execute(
      'GRANT USAGE ON SCHEMA perm12.dw TO "IAMR:bi"; GRANT SELECT ON perm12.dw.customers TO "IAMR:bi"',
    )
    expect(await rows(u2, 'SELECT count(*) FROM perm12.dw.customers')).toEqual([['3']])
    for (const s of [u, u2, c2]) await s.close()
  })

  it('R-DS-13: three-part names read other local databases but do not write them', async () => {
    await c.execute('CREATE DATABASE local13; ')
    const s = await admin(consumer, 'local13')
    await s.execute('CREATE TABLE public.t (id INT); INSERT INTO public.t VALUES (7)')
    await s.close()
    expect(await rows(c, 'SELECT id FROM local13.public.t')).toEqual([['7']])
    await expect(c.query('INSERT INTO local13.public.t VALUES (8)')).rejects.toThrow(/\[R-DS-13\]/)
  })

  it('R-DS-14: a database made from a datashare is read-only', async () => {
    await p.execute(`CREATE DATASHARE ds14; ALTER DATASHARE ds14 ADD SCHEMA dw; ALTER DATASHARE ds14 ADD TABLE dw.plain;
      GRANT USAGE ON DATASHARE ds14 TO NAMESPACE '${consumer.id}'`)
    await c.query(`CREATE DATABASE ro14 FROM DATASHARE ds14 OF NAMESPACE '${producer.id}'`)
    await expect(c.query('INSERT INTO ro14.dw.plain VALUES (1)')).rejects.toThrow(
      /read-only.*\[R-DS-14\]/,
    )
    await expect(c.query('DELETE FROM ro14.dw.plain')).rejects.toThrow(/\[R-DS-14\]/)
    await expect(c.query("COPY ro14.dw.plain FROM 's3://b/k' IAM_ROLE default")).rejects.toThrow(
      /\[R-DS-14\]/,
    )
  })

  it('D-7: after DROP DATASHARE the consumer database stays and reads fail', async () => {
    await p.execute(`CREATE DATASHARE ds7; ALTER DATASHARE ds7 ADD SCHEMA dw; ALTER DATASHARE ds7 ADD TABLE dw.plain;
      GRANT USAGE ON DATASHARE ds7 TO NAMESPACE '${consumer.id}'`)
    await c.query(`CREATE DATABASE mounted7 FROM DATASHARE ds7 OF NAMESPACE '${producer.id}'`)
    await p.query('DROP DATASHARE ds7')
    expect(
      await rows(
        c,
        "SELECT database_type FROM svv_redshift_databases WHERE database_name = 'mounted7'",
      ),
    ).toEqual([['shared']])
    await expect(c.query('SELECT * FROM mounted7.dw.plain')).rejects.toThrow()
  })
})

describe('row-level security and masking (R-RLS, R-DDM, D-1 … D-4)', () => {
  beforeAll(async () => {
    await p.execute(`
      CREATE TABLE dw.sales (id INT, region VARCHAR(10), amount INT);
      INSERT INTO dw.sales VALUES (1, 'WEST', 10), (2, 'EAST', 20), (3, 'WEST', 30);
      CREATE ROLE west_readers;
      CREATE USER wendy PASSWORD 'Wendy1234';
      GRANT ROLE west_readers TO wendy;
      GRANT USAGE ON SCHEMA dw TO wendy;
      GRANT SELECT ON dw.sales TO wendy;
      GRANT SELECT ON dw.customers TO wendy`)
  })
  const wendy = () =>
    rs.connect({
      workgroup: 'producer',
      database: 'dev',
      identity: { kind: 'password', user: 'wendy', password: 'Wendy1234' },
    })

  it('R-RLS-4: only superusers and sys:secadmin manage RLS policies', async () => {
    const w = await wendy()
    await expect(w.query('CREATE RLS POLICY nope USING (true)')).rejects.toThrow(/\[R-RLS-4\]/)
    await w.close()
  })

  it('R-RLS-1: a predicate names only columns of its WITH list', async () => {
    await expect(
      p.query('CREATE RLS POLICY bad WITH (region VARCHAR(10)) USING (amount > 1)'),
    ).rejects.toThrow(/\[R-RLS-1\]/)
  })

  it('R-RLS-5, R-RLS-6, D-3: RLS ON filters SELECT, not INSERT; no policy means no rows; superusers see all', async () => {
    await p.execute(`CREATE RLS POLICY west WITH (region VARCHAR(10)) AS s USING (s.region = 'WEST');
      ALTER TABLE dw.sales ROW LEVEL SECURITY ON`)
    const w = await wendy()
    expect(await rows(w, 'SELECT count(*) FROM dw.sales')).toEqual([['0']])
    await p.query('ATTACH RLS POLICY west ON dw.sales TO ROLE west_readers')
    expect(await rows(w, 'SELECT id FROM dw.sales ORDER BY id')).toEqual([['1'], ['3']])
    expect(await rows(p, 'SELECT count(*) FROM dw.sales')).toEqual([['3']])
    await p.query('GRANT INSERT ON dw.sales TO wendy')
    await w.query("INSERT INTO dw.sales VALUES (4, 'EAST', 40)")
    expect(await rows(p, 'SELECT count(*) FROM dw.sales')).toEqual([['4']])
    await w.close()
  })

  it('R-RLS-2: the table must have every column of the policy', async () => {
    await expect(p.query('ATTACH RLS POLICY west ON dw.plain TO PUBLIC')).rejects.toThrow(
      /\[R-RLS-2\]/,
    )
  })

  it('R-RLS-3: DROP RLS POLICY refuses an attached policy unless CASCADE', async () => {
    await expect(p.query('DROP RLS POLICY west')).rejects.toThrow(/\[R-RLS-3\]/)
    await p.query('DROP RLS POLICY west CASCADE')
    await p.query('ALTER TABLE dw.sales ROW LEVEL SECURITY OFF')
    expect(await rows(p, "SELECT count(*) FROM svv_rls_policy WHERE polname = 'west'")).toEqual([
      ['0'],
    ])
  })

  it('D-1: a consumer query on a relation RLS-protected for datashares fails; OFF FOR DATASHARES lets it through unfiltered', async () => {
    await p.execute(`CREATE TABLE dw.rls_shared (id INT, region VARCHAR(10)); INSERT INTO dw.rls_shared VALUES (1, 'WEST'), (2, 'EAST');
      CREATE DATASHARE ds_rls; ALTER DATASHARE ds_rls ADD SCHEMA dw; ALTER DATASHARE ds_rls ADD TABLE dw.rls_shared;
      GRANT USAGE ON DATASHARE ds_rls TO NAMESPACE '${consumer.id}';
      CREATE RLS POLICY west_only WITH (region VARCHAR(10)) USING (region = 'WEST');
      ATTACH RLS POLICY west_only ON dw.rls_shared TO PUBLIC;
      ALTER TABLE dw.rls_shared ROW LEVEL SECURITY ON`)
    await c.query(`CREATE DATABASE rls_db FROM DATASHARE ds_rls OF NAMESPACE '${producer.id}'`)
    await expect(c.query('SELECT * FROM rls_db.dw.rls_shared')).rejects.toThrow(
      /RLS-protected relation "rls_shared" cannot be accessed via datasharing query\. \[D-1\]/,
    )
    await p.query('ALTER TABLE dw.rls_shared ROW LEVEL SECURITY OFF FOR DATASHARES')
    expect(await rows(c, 'SELECT count(*) FROM rls_db.dw.rls_shared')).toEqual([['2']])
    expect(
      await rows(
        p,
        "SELECT is_rls_on, is_rls_datashare_on FROM svv_rls_relation WHERE relname = 'rls_shared'",
      ),
    ).toEqual([['t', 'f']])
  })

  it('R-RLS-11: a consumer cannot attach a policy to a datashare object', async () => {
    await c.query("CREATE RLS POLICY c_pol WITH (region VARCHAR(10)) USING (region = 'WEST')")
    await expect(
      c.query('ATTACH RLS POLICY c_pol ON rls_db.dw.rls_shared TO PUBLIC'),
    ).rejects.toThrow(/\[R-RLS-11\]/)
    await c.query("CREATE MASKING POLICY c_mask WITH (region VARCHAR(10)) USING ('x'::varchar(10))")
    await expect(
      c.query('ATTACH MASKING POLICY c_mask ON rls_db.dw.rls_shared (region) TO PUBLIC'),
    ).rejects.toThrow(/\[R-RLS-11\]/)
  })

  it('R-DDM-1: a constant masking expression needs a cast', async () => {
    await expect(
      p.query("CREATE MASKING POLICY const_mask WITH (name VARCHAR(40)) USING ('***')"),
    ).rejects.toThrow(/\[R-DDM-1\]/)
  })

  it('R-DDM-2, D-3: masks apply per grantee with priority; PUBLIC masks apply to superusers too', async () => {
    await p.execute(`CREATE MASKING POLICY redact WITH (name VARCHAR(40)) USING ('***'::varchar(40));
      CREATE MASKING POLICY initial WITH (name VARCHAR(40)) USING (left(name, 1)::varchar(40));
      ATTACH MASKING POLICY redact ON dw.customers (name) TO PUBLIC;
      ATTACH MASKING POLICY initial ON dw.customers (name) TO ROLE west_readers PRIORITY 10`)
    const w = await wendy()
    expect(await rows(w, 'SELECT name FROM dw.customers ORDER BY id')).toEqual([
      ['A'],
      ['B'],
      ['C'],
    ])
    expect(await rows(p, 'SELECT c.name FROM dw.customers AS c WHERE c.id = 1')).toEqual([['***']])
    await expect(
      p.query(
        'ATTACH MASKING POLICY initial ON dw.customers (name) TO ROLE west_readers PRIORITY 5',
      ),
    ).rejects.toThrow(/one policy per grantee and column \[R-DDM-2\]/)
    expect(
      await rows(
        p,
        "SELECT policy_name, grantee, priority FROM svv_attached_masking_policy WHERE table_name = 'customers' ORDER BY priority",
      ),
    ).toEqual([
      ['redact', 'public', '0'],
      ['initial', 'west_readers', '10'],
    ])
    await w.close()
  })

  it('D-2: a masked table cannot be added to a datashare', async () => {
    await p.execute('CREATE DATASHARE ds_mask; ALTER DATASHARE ds_mask ADD SCHEMA dw')
    await expect(p.query('ALTER DATASHARE ds_mask ADD TABLE dw.customers')).rejects.toThrow(
      /protected by a masking policy.*\[D-2\]/,
    )
  })

  it('D-4: DROP MASKING POLICY takes no CASCADE, and fails while attached (R-DDM-3)', async () => {
    await expect(p.query('DROP MASKING POLICY redact CASCADE')).rejects.toThrow(/syntax error/)
    await expect(p.query('DROP MASKING POLICY redact')).rejects.toThrow(/\[R-DDM-3\]/)
    await expect(
      p.query('ATTACH MASKING POLICY redact ON TABLE dw.customers (name) TO PUBLIC'),
    ).rejects.toThrow(/syntax error/)
  })
})

describe('identity (R-IAM) and default privileges (D-8)', () => {
  it('R-IAM-1, R-IAM-2: an IAM role caller is the auto-created database user IAMR:<role>', async () => {
    const u = await iam(producer, 'etl-runner')
    expect(await rows(u, 'SELECT current_user')).toEqual([['IAMR:etl-runner']])
    expect(
      await rows(
        p,
        `SELECT count(*) FROM svv_database_privileges WHERE identity_name = 'IAMR:etl-runner'`,
      ),
    ).toEqual([['0']])
    await u.close()
  })

  it('R-IAM-3: other IAM identities are not superusers; the creator is', async () => {
    const ns = await rs.createNamespace({ name: 'made-by-cfn', creator: 'IAMR:cfn-exec' })
    const creator = await iam(ns, 'cfn-exec')
    await creator.query('CREATE DATASHARE by_creator')
    const other = await iam(ns, 'someone')
    await expect(other.query('CREATE DATASHARE by_other')).rejects.toThrow(/\[R-DS-2\]/)
    await creator.close()
    await other.close()
  })

  it('D-8: a fresh user may create tables in public but not schemas; it owns nothing else', async () => {
    const u = await iam(producer, 'newbie')
    await u.query('CREATE TABLE public.mine (id INT)')
    await expect(u.query('CREATE SCHEMA newbie_schema')).rejects.toThrow(/permission denied/)
    await expect(u.query('SELECT * FROM dw.plain')).rejects.toThrow(/permission denied/)
    await u.close()
  })
})

describe('literals and identifiers (D-10)', () => {
  it('D-10: a doubled backslash is one backslash; other backslash escapes are refused', async () => {
    expect(await rows(p, "SELECT 'a\\\\b' AS v, 'it''s' AS w")).toEqual([['a\\b', "it's"]])
    await expect(p.query("SELECT 'it\\'s'")).rejects.toThrow(/\[D-10\]/)
  })

  it('D-10: quoted identifiers are folded to lower case', async () => {
    expect(await rows(p, 'SELECT count(*) FROM "DW"."PLAIN"')).toEqual([['0']])
  })
})

describe('system views (R-SVV): documented columns only', () => {
  const columns = async (view: string) =>
    (await p.query(`SELECT * FROM ${view} LIMIT 0`)).columns.map((x) => x.name)
  it.each([
    [
      'R-SVV-1',
      'svv_datashares',
      'share_name share_id share_owner source_database consumer_database share_type createdate is_publicaccessible share_acl producer_account producer_namespace managed_by',
    ],
    [
      'R-SVV-2',
      'svv_datashare_objects',
      'share_type share_name object_type object_name producer_account producer_namespace include_new',
    ],
    [
      'R-SVV-3',
      'svv_datashare_consumers',
      'share_name consumer_account consumer_namespace share_date',
    ],
    [
      'R-SVV-4',
      'svv_datashare_privileges',
      'datashare_name privilege_type identity_id identity_name identity_type admin_option',
    ],
    [
      'R-SVV-5',
      'svv_redshift_databases',
      'database_name database_owner database_type database_acl database_options database_isolation_level',
    ],
    [
      'R-SVV-6',
      'svv_database_privileges',
      'database_name privilege_type identity_id identity_name identity_type admin_option privilege_scope',
    ],
    [
      'R-SVV-7',
      'svv_rls_policy',
      'poldb polname polalias polatts polqual polenabled polmodifiedby polmodifiedtime',
    ],
    [
      'R-SVV-8',
      'svv_rls_attached_policy',
      'relschema relname relkind polname grantor grantee granteekind is_pol_on is_rls_on rls_conjunction_type',
    ],
    [
      'R-SVV-9',
      'svv_rls_relation',
      'datname relschema relname relkind is_rls_on is_rls_datashare_on rls_conjunction_type rls_datashare_conjunction_type',
    ],
    [
      'R-SVV-10',
      'svv_masking_policy',
      'policy_database policy_name input_columns policy_expression policy_modified_by policy_modified_time',
    ],
    [
      'R-SVV-11',
      'svv_attached_masking_policy',
      'policy_name schema_name table_name table_type grantor grantee grantee_type priority input_columns output_columns is_masking_datashare_on',
    ],
    [
      'R-SVV-14',
      'stl_load_errors',
      'userid slice tbl starttime session query filename line_number colname type col_length position raw_line raw_field_value err_code err_reason',
    ],
    [
      'D-16',
      'svv_user_info',
      'user_name user_id createdb superuser catalog_update connection_limit syslog_access last_ddl_timestamp session_timeout external_user_id',
    ],
    ['D-15', 'svv_system_privileges', 'system_privilege identity_id identity_name identity_type'],
    ['D-20', 'svv_user_grants', 'user_id user_name role_id role_name admin_option'],
    ['D-20', 'svv_role_grants', 'role_id role_name granted_role_id granted_role_name'],
  ])('%s: %s', async (_rule, view, expected) => {
    expect(await columns(view)).toEqual(expected.split(' '))
  })

  it('R-SVV-8: a reader of undocumented columns fails (policy_name is not a column of SVV_RLS_ATTACHED_POLICY)', async () => {
    await expect(
      p.query('SELECT policy_name, schema_name FROM svv_rls_attached_policy'),
    ).rejects.toThrow(/column "policy_name" does not exist/)
  })

  it('R-SVV-12: SYS_QUERY_HISTORY lists finished statements and the running one', async () => {
    await p.query('SELECT 42 AS answer')
    const r = await p.query(
      "SELECT trim(query_type), trim(status), trim(query_text) FROM sys_query_history WHERE query_text LIKE 'SELECT 42%' OR query_text LIKE 'SELECT trim(query_type)%' ORDER BY query_id",
    )
    expect(r.rows).toEqual([
      ['SELECT', 'success', 'SELECT 42 AS answer'],
      ['SELECT', 'running', expect.stringMatching(/^SELECT trim\(query_type\)/)],
    ])
  })

  it('R-SVV-16: current_namespace is the namespace GUID', async () => {
    expect(await rows(c, 'SELECT current_namespace')).toEqual([[consumer.id]])
  })
})

describe('COPY authorization (R-COPY-4)', () => {
  it('R-COPY-4: IAM_ROLE default needs the namespace default role; another role must be associated', async () => {
    await expect(c.query("COPY dw.x FROM 's3://b/k' IAM_ROLE default")).rejects.toThrow(
      /does not exist|R-COPY-4/,
    )
    await c.execute('CREATE SCHEMA dw; CREATE TABLE dw.x (id INT)')
    await expect(c.query("COPY dw.x FROM 's3://b/k' IAM_ROLE default")).rejects.toThrow(
      /no default IAM role.*\[R-COPY-4\]/,
    )
    await expect(
      p.query("COPY dw.plain FROM 's3://b/k' IAM_ROLE 'arn:aws:iam::123456789012:role/other'"),
    ).rejects.toThrow(/not associated.*\[R-COPY-4\]/)
    await expect(p.query("COPY dw.plain FROM 's3://b/k'")).rejects.toThrow(
      /needs authorization.*\[R-COPY-4\]/,
    )
  })
})

describe('names and CREATE SCHEMA', () => {
  it('current_user, current_database() and current_namespace keep their column names (D-13)', async () => {
    const r = await p.query('SELECT current_user, current_database(), current_namespace')
    expect(r.columns.map((x) => x.name)).toEqual([
      'current_user',
      'current_database',
      'current_namespace',
    ])
    expect(r.rows).toEqual([['admin', 'dev', producer.id]])
  })

  it('D-9: CREATE SCHEMA needs CREATE on the database; granted, the user owns the schema', async () => {
    const u = await iam(producer, 'schema-maker')
    await expect(u.query('CREATE SCHEMA IF NOT EXISTS made')).rejects.toThrow(
      /permission denied for database dev/,
    )
    await p.query('GRANT CREATE ON DATABASE dev TO "IAMR:schema-maker"')
    await u.refreshUser()
    await u.query('CREATE SCHEMA IF NOT EXISTS made')
    await u.query('CREATE TABLE made.t (id INT)')
    expect((await u.query('SELECT count(*) FROM made.t')).rows).toEqual([['0']])
    await u.close()
  })
})

describe('system permissions and privilege views (D-15, D-16, D-17)', () => {
  /** Rows of a query as objects (column name → value as text). */
  const objects = async (s: Session, sql: string) => {
    const r = await s.query(sql)
    return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.name, row[i]])))
  }

  it("R-SVV-6: an ordinary user reads SVV_DATABASE_PRIVILEGES once grants exist: its own, its roles' and PUBLIC rows", async () => {
    const a = await iam(producer, 'dbp-a')
    const b = await iam(producer, 'dbp-b')
    await p.execute(`GRANT CREATE ON DATABASE dev TO "IAMR:dbp-a";
      CREATE ROLE dbp_role; GRANT CREATE ON DATABASE dev TO ROLE dbp_role; GRANT ROLE dbp_role TO "IAMR:dbp-b"`)
    const q =
      "SELECT identity_name, identity_type, privilege_type, privilege_scope FROM svv_database_privileges WHERE database_name = 'dev' ORDER BY identity_name"
    // Before: "permission denied for table principal" (the view's helpers ran as the caller).
    expect(await rows(a, q)).toEqual([['IAMR:dbp-a', 'user', 'CREATE', 'DATABASE']])
    expect(await rows(b, q)).toEqual([['dbp_role', 'role', 'CREATE', 'DATABASE']])
    const all = (await rows(p, q)).map((r) => r[0])
    expect(all).toEqual(expect.arrayContaining(['IAMR:dbp-a', 'dbp_role']))
    await a.close()
    await b.close()
  })

  it('D-16: SVV_USER_INFO shows an ordinary user its own row; a superuser sees every user', async () => {
    const u = await iam(producer, 'info-user')
    const [me] = await objects(u, 'SELECT * FROM svv_user_info')
    expect(me).toMatchObject({
      user_name: 'IAMR:info-user',
      createdb: 'f',
      superuser: 'f',
      catalog_update: 'f',
      connection_limit: 'UNLIMITED',
      syslog_access: 'RESTRICTED',
      session_timeout: '0',
      external_user_id: null,
    })
    expect(await rows(u, 'SELECT count(*) FROM svv_user_info')).toEqual([['1']])
    await p.query('ALTER USER "IAMR:info-user" CREATEDB')
    expect(await rows(u, 'SELECT createdb FROM svv_user_info')).toEqual([['t']])
    const seen = (await rows(p, 'SELECT user_name, superuser FROM svv_user_info')).map((r) =>
      r.join(' '),
    )
    expect(seen).toEqual(expect.arrayContaining(['admin t', 'IAMR:info-user f']))
    // user_id is the id SVV_REDSHIFT_DATABASES.database_owner names.
    expect(
      await rows(
        p,
        "SELECT u.user_name FROM svv_redshift_databases d JOIN svv_user_info u ON u.user_id = d.database_owner WHERE d.database_name = 'dev'",
      ),
    ).toEqual([['admin']])
    await u.close()
  })

  it('D-15, R-DS-2: GRANT CREATE DATASHARE TO ROLE lets its members create datashares; REVOKE takes it back', async () => {
    const u = await iam(producer, 'ds-maker')
    await expect(u.query('CREATE DATASHARE by_role_member')).rejects.toThrow(/\[R-DS-2\]/)
    await p.execute(`CREATE ROLE ds_admin; GRANT CREATE DATASHARE TO ROLE ds_admin;
      GRANT ROLE ds_admin TO "IAMR:ds-maker"`)
    await u.query('CREATE DATASHARE by_role_member')
    expect(
      await rows(u, "SELECT share_name FROM svv_datashares WHERE share_name = 'by_role_member'"),
    ).toEqual([['by_role_member']])
    expect(
      await rows(
        u,
        'SELECT system_privilege, identity_name, identity_type FROM svv_system_privileges',
      ),
    ).toEqual([['CREATE DATASHARE', 'ds_admin', 'role']])
    await p.query('REVOKE CREATE DATASHARE FROM ROLE ds_admin')
    await expect(u.query('CREATE DATASHARE another_by_member')).rejects.toThrow(/\[R-DS-2\]/)
    expect(await rows(u, 'SELECT count(*) FROM svv_system_privileges')).toEqual([['0']])
    await p.query('DROP DATASHARE by_role_member')
    await u.close()
  })

  it('D-15: system permissions go to roles only, granted by superusers; the sys: roles hold fixed ones', async () => {
    const u = await iam(producer, 'not-admin')
    await expect(p.query('GRANT CREATE DATASHARE TO "IAMR:not-admin"')).rejects.toThrow(
      /granted to roles only.*\[D-15\]/,
    )
    await expect(u.query('GRANT CREATE DATASHARE TO ROLE ds_admin')).rejects.toThrow(
      /only a superuser grants system permissions \[D-15\]/,
    )
    await expect(p.query('GRANT CREATE SCHEMA TO ROLE "sys:dba"')).rejects.toThrow(/\[D-15\]/)
    await expect(p.query('GRANT IGNORE RLS TO ROLE ds_admin')).rejects.toThrow(/not emulated/)
    await expect(p.query('GRANT CREATE DATASHARE TO ROLE no_such_role')).rejects.toThrow(
      /role "no_such_role" does not exist/,
    )
    // Several at once, and ALL [PRIVILEGES]; the documented sample row of sys:superuser.
    await p.execute(
      `CREATE ROLE many; GRANT CREATE SCHEMA, ALTER DATASHARE, CREATE OR REPLACE VIEW TO ROLE many`,
    )
    expect(
      await rows(
        p,
        "SELECT system_privilege FROM svv_system_privileges WHERE identity_name = 'many' ORDER BY 1",
      ),
    ).toEqual([['ALTER DATASHARE'], ['CREATE OR REPLACE VIEW'], ['CREATE SCHEMA']])
    await p.query('GRANT ALL PRIVILEGES TO ROLE many')
    expect(
      await rows(p, "SELECT count(*) FROM svv_system_privileges WHERE identity_name = 'many'"),
    ).toEqual([['29']])
    await p.query('REVOKE ALL FROM ROLE many')
    expect(
      await rows(p, "SELECT count(*) FROM svv_system_privileges WHERE identity_name = 'many'"),
    ).toEqual([['0']])
    expect(
      await rows(
        p,
        "SELECT system_privilege, identity_name, identity_type FROM svv_system_privileges WHERE system_privilege = 'ALTER TABLE' AND identity_name = 'sys:superuser'",
      ),
    ).toEqual([['ALTER TABLE', 'sys:superuser', 'role']])
    // An ordinary user sees no identity it is not or does not hold.
    expect(await rows(u, 'SELECT count(*) FROM svv_system_privileges')).toEqual([['0']])
    await u.close()
  })

  it('D-9, D-15: the CREATE SCHEMA permission lets a user create schemas; sys:dba holds it', async () => {
    const u = await iam(producer, 'dba-member')
    await expect(u.query('CREATE SCHEMA by_dba')).rejects.toThrow(
      /permission denied for database dev/,
    )
    await p.query('GRANT ROLE "sys:dba" TO "IAMR:dba-member"')
    await u.query('CREATE SCHEMA by_dba')
    await u.query('CREATE TABLE by_dba.t (id INT)')
    await expect(u.query('CREATE DATASHARE by_dba_share')).rejects.toThrow(/\[R-DS-2\]/)
    await u.close()
  })

  it('R-DS-4, R-DS-7, D-15: the ALTER DATASHARE and DROP DATASHARE permissions reach shares the holder does not own', async () => {
    await p.query('CREATE DATASHARE owned_by_admin')
    const u = await iam(producer, 'share-keeper')
    await expect(
      u.query('ALTER DATASHARE owned_by_admin SET PUBLICACCESSIBLE TRUE'),
    ).rejects.toThrow(/\[R-DS-4\]/)
    await expect(u.query('DROP DATASHARE owned_by_admin')).rejects.toThrow(/\[R-DS-7\]/)
    await p.execute(`CREATE ROLE share_keepers; GRANT ALTER DATASHARE, DROP DATASHARE TO ROLE share_keepers;
      GRANT ROLE share_keepers TO "IAMR:share-keeper"`)
    await u.query('ALTER DATASHARE owned_by_admin SET PUBLICACCESSIBLE TRUE')
    await u.query('DROP DATASHARE owned_by_admin')
    await u.close()
  })

  it("D-17: has_database_privilege answers for the namespace's databases; it is a leader-node function", async () => {
    const u = await iam(producer, 'priv-check')
    const q =
      "SELECT has_database_privilege('dev', 'create') AS c, has_database_privilege('dev', 'temp') AS t"
    expect(await rows(u, q)).toEqual([['f', 't']])
    expect((await u.query(q)).columns.map((c) => [c.name, c.typeName])).toEqual([
      ['c', 'bool'],
      ['t', 'bool'],
    ])
    await p.query('GRANT CREATE ON DATABASE dev TO "IAMR:priv-check"')
    expect(await rows(u, q)).toEqual([['t', 't']])
    expect(await rows(p, "SELECT has_database_privilege('IAMR:dbp-b', 'dev', 'CREATE')")).toEqual([
      ['t'], // through its role dbp_role
    ])
    expect(await rows(p, "SELECT has_database_privilege('IAMR:newbie', 'dev', 'create')")).toEqual([
      ['f'],
    ])
    expect(await rows(p, "SELECT has_database_privilege('dev', 'create')")).toEqual([['t']])
    await expect(u.query("SELECT has_database_privilege('nope', 'create')")).rejects.toThrow(
      /database "nope" does not exist/,
    )
    await expect(u.query("SELECT has_database_privilege('dev', 'usage')")).rejects.toThrow(
      /unrecognized privilege type/,
    )
    await expect(
      u.query("SELECT has_database_privilege('nobody', 'dev', 'create')"),
    ).rejects.toThrow(/user "nobody" does not exist/)
    // With a user table or a system view in the statement it fails, as on Redshift.
    await expect(
      p.query("SELECT has_database_privilege('dev', 'create') FROM dw.plain"),
    ).rejects.toThrow(/not supported on Redshift tables.*\[D-17\]/)
    await expect(
      p.query(
        "SELECT database_name FROM svv_redshift_databases WHERE has_database_privilege(database_name, 'create')",
      ),
    ).rejects.toThrow(/\[D-17\]/)
    await u.close()
  })

  it('D-20: SVV_USER_GRANTS and SVV_ROLE_GRANTS show an ordinary user its own roles, nested ones through the roles it holds', async () => {
    const u = await iam(producer, 'nested-member')
    await (await iam(producer, 'd20-other')).close()
    await p.execute(`CREATE ROLE d20_outer; CREATE ROLE d20_inner; CREATE ROLE d20_other;
      GRANT ROLE d20_inner TO ROLE d20_outer; GRANT ROLE d20_outer TO "IAMR:nested-member";
      GRANT ROLE d20_inner TO ROLE d20_other; GRANT ROLE d20_other TO "IAMR:d20-other"`)
    expect(await rows(u, 'SELECT user_name, role_name, admin_option FROM svv_user_grants')).toEqual(
      [['IAMR:nested-member', 'd20_outer', 'f']],
    )
    expect(await rows(u, 'SELECT role_name, granted_role_name FROM svv_role_grants')).toEqual([
      ['d20_outer', 'd20_inner'],
    ])
    // The documented sample: GRANT ROLE role1 TO ROLE role2 is the row role2 | role1.
    const all = await rows(
      p,
      "SELECT role_name, granted_role_name FROM svv_role_grants WHERE role_name LIKE 'd20%' ORDER BY 1",
    )
    expect(all).toEqual([
      ['d20_other', 'd20_inner'],
      ['d20_outer', 'd20_inner'],
    ])
    await u.close()
  })

  it('D-20: ACCESS SYSTEM TABLE (granted to a role, or held by sys:monitor) shows every row of the privilege views', async () => {
    const u = await iam(producer, 'watcher')
    const m = await iam(producer, 'monitor-member')
    await p.execute(`CREATE ROLE d20_granted; GRANT CREATE ON DATABASE dev TO ROLE d20_granted;
      GRANT CREATE DATASHARE TO ROLE d20_granted; GRANT ROLE d20_granted TO "IAMR:d20-other"`)
    const views = [
      "SELECT count(*) FROM svv_system_privileges WHERE identity_name IN ('d20_granted', 'sys:superuser')",
      "SELECT count(*) FROM svv_database_privileges WHERE identity_name = 'd20_granted'",
      "SELECT count(*) FROM svv_user_grants WHERE user_name = 'IAMR:d20-other'",
      "SELECT count(*) FROM svv_role_grants WHERE role_name = 'd20_other'",
    ]
    const counts = async (s: Session) =>
      (await Promise.all(views.map((q) => rows(s, q)))).map((r) => Number(r[0]?.[0]))
    const everything = await counts(p)
    expect(everything.every((n) => n > 0)).toBe(true)
    expect(await counts(u)).toEqual([0, 0, 0, 0])
    await expect(p.query('GRANT ACCESS SYSTEM TABLE TO "IAMR:watcher"')).rejects.toThrow(
      /granted to roles only.*\[D-15\]/,
    )
    await p.execute(
      'CREATE ROLE d20_readers; GRANT ACCESS SYSTEM TABLE TO ROLE d20_readers; GRANT ROLE d20_readers TO "IAMR:watcher"',
    )
    expect(await counts(u)).toEqual(everything)
    // It shows rows, it grants nothing: the watcher still cannot create a datashare.
    await expect(u.query('CREATE DATASHARE d20_by_watcher')).rejects.toThrow(/\[R-DS-2\]/)
    await p.query('REVOKE ACCESS SYSTEM TABLE FROM ROLE d20_readers')
    expect(await counts(u)).toEqual([0, 0, 0, 0])
    // sys:monitor holds it (DG:r_roles-default), and lists it.
    await p.query('GRANT ROLE "sys:monitor" TO "IAMR:monitor-member"')
    expect(await counts(m)).toEqual(everything)
    expect(
      await rows(
        m,
        "SELECT system_privilege FROM svv_system_privileges WHERE identity_name = 'sys:monitor'",
      ),
    ).toEqual([['ACCESS SYSTEM TABLE']])
    await u.close()
    await m.close()
  })

  it('D-21: scoped permissions are refused, so every SVV_DATABASE_PRIVILEGES row has privilege_scope DATABASE', async () => {
    await expect(
      p.query('GRANT CREATE FOR SCHEMAS IN DATABASE dev TO "IAMR:d20-other"'),
    ).rejects.toThrow(/syntax|expected/i)
    expect(await rows(p, 'SELECT DISTINCT privilege_scope FROM svv_database_privileges')).toEqual([
      ['DATABASE'],
    ])
  })

  it('D-18, R-SVV-1, R-DS-10: a consumer user with CREATEDB sees no INBOUND share until it has made its database', async () => {
    await p.execute(`CREATE DATASHARE d18_share; ALTER DATASHARE d18_share ADD SCHEMA dw;
      ALTER DATASHARE d18_share ADD TABLE dw.plain; GRANT USAGE ON DATASHARE d18_share TO NAMESPACE '${consumer.id}'`)
    const u = await iam(consumer, 'mounter')
    await c.query('ALTER USER "IAMR:mounter" CREATEDB')
    const inbound =
      "SELECT share_name FROM svv_datashares WHERE share_type = 'INBOUND' AND share_name = 'd18_share'"
    expect(await rows(c, inbound)).toEqual([['d18_share']]) // a superuser sees it
    expect(await rows(u, inbound)).toEqual([])
    await u.query(`CREATE DATABASE d18_db FROM DATASHARE d18_share OF NAMESPACE '${producer.id}'`)
    expect(await rows(u, inbound)).toEqual([['d18_share']])
    await u.close()
  })
})
