import {
  BatchExecuteStatementCommand,
  CancelStatementCommand,
  DescribeStatementCommand,
  type DescribeStatementCommandOutput,
  ExecuteStatementCommand,
  type ExecuteStatementCommandInput,
  GetStatementResultCommand,
  RedshiftDataClient,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-redshift-data'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocalRedshift } from '../account/local-redshift.js'
import type { NamespaceInfo } from '../account/types.js'
import { type DataApiServer, startDataApiServer } from './data-api-server.js'

const HANG = /\/\* hang \*\//
const TERMINAL = new Set(['FINISHED', 'FAILED', 'ABORTED'])
/** A syntactically valid SigV4 header for raw requests: an unknown key maps to the default principal. */
const RAW_AUTH =
  'AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20240101/us-east-1/redshift-data/aws4_request, SignedHeaders=host;x-amz-date, Signature=00'

describe('Data API conformance (real SDK client → server → emulator)', () => {
  let rs: LocalRedshift
  let ns: NamespaceInfo
  let server: DataApiServer
  let client: RedshiftDataClient

  beforeAll(async () => {
    rs = await LocalRedshift.create()
    ns = await rs.createNamespace({ name: 'producer' })
    server = await startDataApiServer({ redshift: rs, pageSize: 10, faults: { hang: HANG } })
    client = new RedshiftDataClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'x' },
    })
    await run('CREATE TABLE public.conf_t (id INTEGER, name VARCHAR(20))')
  }, 120_000)

  afterAll(async () => {
    client?.destroy()
    await server?.close()
    await rs?.close()
  })

  /** Submits one statement as the admin (its secret) unless the input says otherwise. */
  async function submit(
    sql: string,
    input: Partial<ExecuteStatementCommandInput> = {},
  ): Promise<string> {
    const base = input.SessionId
      ? {}
      : { WorkgroupName: 'producer', Database: 'dev', SecretArn: ns.adminSecretArn }
    const out = await client.send(new ExecuteStatementCommand({ ...base, Sql: sql, ...input }))
    return out.Id!
  }

  async function waitFor(
    id: string,
    done = (s: string) => TERMINAL.has(s),
  ): Promise<DescribeStatementCommandOutput> {
    const deadline = Date.now() + 15_000
    for (;;) {
      const d = await client.send(new DescribeStatementCommand({ Id: id }))
      if (done(d.Status!)) return d
      if (Date.now() > deadline) throw new Error(`statement ${id} still ${d.Status}`)
      await new Promise((r) => setTimeout(r, 5))
    }
  }

  async function run(sql: string, input: Partial<ExecuteStatementCommandInput> = {}) {
    return waitFor(await submit(sql, input))
  }

  it('R-API-12: GetStatementResult pages 25 rows by 10: 3 pages, TotalNumRows 25, no NextToken on the last page', async () => {
    const d = await run(
      "SELECT g AS n, 'row ' || g AS label FROM generate_series(1, 25) g ORDER BY g",
    )
    expect(d.Status).toBe('FINISHED')
    expect(d.HasResultSet).toBe(true)
    expect(d.ResultRows).toBe(25)
    const pages = []
    let token: string | undefined
    do {
      const page = await client.send(new GetStatementResultCommand({ Id: d.Id!, NextToken: token }))
      pages.push(page)
      token = page.NextToken
    } while (token)
    expect(pages.map((p) => p.Records!.length)).toEqual([10, 10, 5])
    expect(pages.every((p) => p.TotalNumRows === 25)).toBe(true)
    expect(pages[2]!.NextToken).toBeUndefined()
    const rows = pages.flatMap((p) => p.Records!)
    expect(rows[0]).toEqual([{ longValue: 1 }, { stringValue: 'row 1' }])
    expect(rows[24]).toEqual([{ longValue: 25 }, { stringValue: 'row 25' }])
    expect(pages[0]!.ColumnMetadata!.map((c) => [c.name, c.typeName])).toEqual([
      ['n', 'int4'],
      ['label', 'varchar'],
    ])
  })

  it('R-API-10: Field union per type (long, double, string for DECIMAL and dates, boolean, isNull)', async () => {
    const d = await run(
      "SELECT 1::int2 a, 2::int4 b, 9007199254740993::int8 c, 2.5::float8 e, 1.50::numeric(5,2) f, true g, NULL::int h, 'x'::varchar(5) i, DATE '2024-01-02' j, 'NaN'::float8 k",
    )
    const r = await client.send(new GetStatementResultCommand({ Id: d.Id! }))
    const [a, b, c, e, f, g, h, i, j, k] = r.Records![0]!
    expect(a).toEqual({ longValue: 1 })
    expect(b).toEqual({ longValue: 2 })
    // The wire carries every digit; JavaScript's number rounds it.
    expect(c).toEqual({ longValue: 9007199254740992 })
    expect(e).toEqual({ doubleValue: 2.5 })
    expect(f).toEqual({ stringValue: '1.50' })
    expect(g).toEqual({ booleanValue: true })
    expect(h).toEqual({ isNull: true })
    expect(i).toEqual({ stringValue: 'x' })
    expect(j).toEqual({ stringValue: '2024-01-02' })
    expect(k).toEqual({ doubleValue: Number.NaN })
    const meta = r.ColumnMetadata!
    expect(meta[0]).toMatchObject({
      name: 'a',
      label: 'a',
      typeName: 'int2',
      isSigned: true,
      nullable: 1,
    })
    expect(meta[7]).toMatchObject({ typeName: 'varchar', isCaseSensitive: true, isSigned: false })
  })

  it('R-API-3: a SQL error does not raise: the statement ends FAILED with the error text in DescribeStatement.Error', async () => {
    const d = await run('SELECT * FROM public.no_such_table')
    expect(d.Status).toBe('FAILED')
    expect(d.Error).toMatch(/^ERROR: .*no_such_table.* does not exist/)
    expect(d.HasResultSet).toBe(false)
    expect(d.ResultRows).toBe(-1)
  })

  it('D-11a: ExecuteStatement with two statements ends FAILED', async () => {
    const d = await run('SELECT 1; SELECT 2')
    expect(d.Status).toBe('FAILED')
    expect(d.Error).toMatch(/multiple commands/)
  })

  it('R-API-15: CancelStatement on a running (hung) statement ends it ABORTED; cancelling it again is a ValidationException', async () => {
    const id = await submit('SELECT 1 /* hang */')
    await waitFor(id, (s) => s === 'STARTED')
    const out = await client.send(new CancelStatementCommand({ Id: id }))
    expect(out.Status).toBe(true)
    const d = await waitFor(id)
    expect(d.Status).toBe('ABORTED')
    expect(d.Error).toMatch(/cancelled/)
    await expect(client.send(new CancelStatementCommand({ Id: id }))).rejects.toBeInstanceOf(
      ValidationException,
    )
  })

  it('R-API-6: a batch runs serially in one transaction; sub-statements <id>:<n> can be described and read', async () => {
    const { Id } = await client.send(
      new BatchExecuteStatementCommand({
        WorkgroupName: 'producer',
        Database: 'dev',
        SecretArn: ns.adminSecretArn,
        Sqls: [
          "INSERT INTO public.conf_t VALUES (1, 'a'), (2, 'b')",
          'SELECT id, name FROM public.conf_t ORDER BY id',
        ],
      }),
    )
    const d = await waitFor(Id!)
    expect(d.Status).toBe('FINISHED')
    expect(d.HasResultSet).toBe(true)
    expect(d.SubStatements!.map((s) => [s.Id, s.Status, s.HasResultSet])).toEqual([
      [`${Id}:1`, 'FINISHED', false],
      [`${Id}:2`, 'FINISHED', true],
    ])
    expect(d.SubStatements![0]!.ResultRows).toBe(2)
    const sub = await client.send(new DescribeStatementCommand({ Id: `${Id}:2` }))
    expect(sub).toMatchObject({
      Id: `${Id}:2`,
      Status: 'FINISHED',
      QueryString: 'SELECT id, name FROM public.conf_t ORDER BY id',
    })
    const r = await client.send(new GetStatementResultCommand({ Id: `${Id}:2` }))
    expect(r.Records).toEqual([
      [{ longValue: 1 }, { stringValue: 'a' }],
      [{ longValue: 2 }, { stringValue: 'b' }],
    ])
  })

  it('R-API-6: the first failure of a batch rolls everything back: that sub FAILED, later ones ABORTED, the batch FAILED', async () => {
    const { Id } = await client.send(
      new BatchExecuteStatementCommand({
        WorkgroupName: 'producer',
        Database: 'dev',
        SecretArn: ns.adminSecretArn,
        Sqls: [
          "INSERT INTO public.conf_t VALUES (3, 'c')",
          'SELECT * FROM public.no_such_table',
          "INSERT INTO public.conf_t VALUES (4, 'd')",
        ],
      }),
    )
    const d = await waitFor(Id!)
    expect(d.Status).toBe('FAILED')
    expect(d.Error).toMatch(/no_such_table/)
    expect(d.SubStatements!.map((s) => s.Status)).toEqual(['FINISHED', 'FAILED', 'ABORTED'])
    const check = await run('SELECT count(*) FROM public.conf_t WHERE id IN (3, 4)')
    const r = await client.send(new GetStatementResultCommand({ Id: check.Id! }))
    expect(r.Records).toEqual([[{ longValue: 0 }]])
  })

  it('R-API-14: a session keeps its transaction and temp tables across calls; other sessions see the row after COMMIT', async () => {
    const first = await client.send(
      new ExecuteStatementCommand({
        WorkgroupName: 'producer',
        Database: 'dev',
        SecretArn: ns.adminSecretArn,
        Sql: 'CREATE TEMP TABLE conf_tmp (x INTEGER)',
        SessionKeepAliveSeconds: 60,
      }),
    )
    const sessionId = first.SessionId!
    expect(sessionId).toMatch(/^[a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}$/)
    expect((await waitFor(first.Id!)).Status).toBe('FINISHED')
    for (const sql of [
      'INSERT INTO conf_tmp VALUES (7)',
      'BEGIN',
      "INSERT INTO public.conf_t VALUES (10, 'session')",
    ]) {
      const d = await run(sql, { SessionId: sessionId })
      expect([sql, d.Status, d.SessionId]).toEqual([sql, 'FINISHED', sessionId])
    }
    const inTx = await run('SELECT count(*) FROM public.conf_t WHERE id = 10', {
      SessionId: sessionId,
    })
    expect((await client.send(new GetStatementResultCommand({ Id: inTx.Id! }))).Records).toEqual([
      [{ longValue: 1 }],
    ])
    const tmp = await run('SELECT x FROM conf_tmp', { SessionId: sessionId })
    expect((await client.send(new GetStatementResultCommand({ Id: tmp.Id! }))).Records).toEqual([
      [{ longValue: 7 }],
    ])
    // On PGlite another session would wait for this open transaction: look after COMMIT.
    expect((await run('COMMIT', { SessionId: sessionId })).Status).toBe('FINISHED')
    const outside = await run('SELECT name FROM public.conf_t WHERE id = 10')
    expect((await client.send(new GetStatementResultCommand({ Id: outside.Id! }))).Records).toEqual(
      [[{ stringValue: 'session' }]],
    )
  })

  it('D-11d: a session runs one statement at a time: a call while it is busy is a ValidationException at once', async () => {
    const first = await client.send(
      new ExecuteStatementCommand({
        WorkgroupName: 'producer',
        Database: 'dev',
        SecretArn: ns.adminSecretArn,
        Sql: 'SELECT 1 /* hang */',
        SessionKeepAliveSeconds: 60,
      }),
    )
    await waitFor(first.Id!, (s) => s === 'STARTED')
    const busy = client.send(
      new ExecuteStatementCommand({ Sql: 'SELECT 2', SessionId: first.SessionId! }),
    )
    await expect(busy).rejects.toBeInstanceOf(ValidationException)
    await expect(busy).rejects.toThrow(/busy/)
    await client.send(new CancelStatementCommand({ Id: first.Id! }))
    expect((await waitFor(first.Id!)).Status).toBe('ABORTED')
    expect((await run('SELECT 3', { SessionId: first.SessionId! })).Status).toBe('FINISHED')
  })

  it('R-IAM-1: without SecretArn the caller is its IAM identity (IAMR:rsp-local); with the secret it is the admin', async () => {
    const iam = await client.send(
      new ExecuteStatementCommand({
        WorkgroupName: 'producer',
        Database: 'dev',
        Sql: 'SELECT current_user',
      }),
    )
    expect(iam.DbUser).toBe('IAMR:rsp-local')
    const d = await waitFor(iam.Id!)
    expect(d.DbUser).toBe('IAMR:rsp-local')
    expect((await client.send(new GetStatementResultCommand({ Id: iam.Id! }))).Records).toEqual([
      [{ stringValue: 'IAMR:rsp-local' }],
    ])
    const admin = await run('SELECT current_user')
    expect((await client.send(new GetStatementResultCommand({ Id: admin.Id! }))).Records).toEqual([
      [{ stringValue: 'admin' }],
    ])
  })

  it('R-IAM-1: DbUser with WorkgroupName is a ValidationException', async () => {
    const send = client.send(
      new ExecuteStatementCommand({
        WorkgroupName: 'producer',
        Database: 'dev',
        DbUser: 'admin',
        Sql: 'SELECT 1',
      }),
    )
    await expect(send).rejects.toBeInstanceOf(ValidationException)
    await expect(send).rejects.toThrow(/R-IAM-1/)
  })

  it('D-11b: GetStatementResult of a statement without a result set is a ResourceNotFoundException', async () => {
    const d = await run("INSERT INTO public.conf_t VALUES (20, 'x')")
    expect(d).toMatchObject({ Status: 'FINISHED', HasResultSet: false, ResultRows: 1 })
    const e = await client
      .send(new GetStatementResultCommand({ Id: d.Id! }))
      .catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ResourceNotFoundException)
    expect((e as ResourceNotFoundException).ResourceId).toBe(d.Id)
    expect((e as ResourceNotFoundException).$metadata.httpStatusCode).toBe(404)
  })

  it('R-API-1: an unknown operation is an UnknownOperationException (raw request)', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'RedshiftData.DropEverything',
        authorization: RAW_AUTH,
      },
      body: '{}',
    })
    expect(res.status).toBe(400)
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException')
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1')
    expect(await res.json()).toMatchObject({ __type: 'UnknownOperationException' })
  })

  it('R-API-1: a malformed JSON body is a SerializationException (raw request)', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'RedshiftData.ExecuteStatement',
        authorization: RAW_AUTH,
      },
      body: '{"Sql": ',
    })
    expect(res.status).toBe(400)
    expect(res.headers.get('x-amzn-errortype')).toBe('SerializationException')
    const body = (await res.json()) as { __type: string; message: string }
    expect(body.__type).toBe('SerializationException')
    expect(body.message).toMatch(/not valid JSON/)
  })
})
