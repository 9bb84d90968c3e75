import {
  ActiveStatementsExceededException,
  BatchExecuteStatementCommand,
  CancelStatementCommand,
  DescribeStatementCommand,
  type DescribeStatementCommandOutput,
  DescribeTableCommand,
  ExecuteStatementCommand,
  type ExecuteStatementCommandInput,
  GetStatementResultCommand,
  GetStatementResultV2Command,
  InternalServerException,
  ListDatabasesCommand,
  ListSchemasCommand,
  ListSessionsCommand,
  ListStatementsCommand,
  ListTablesCommand,
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
const ACCOUNT = '123456789012'
const OTHER_ROLE = `arn:aws:sts::${ACCOUNT}:assumed-role/analyst/s1`
const OTHER_ROLE_2 = `arn:aws:sts::${ACCOUNT}:assumed-role/analyst/s2`
const USER = `arn:aws:iam::${ACCOUNT}:user/alice`

function clientFor(
  server: DataApiServer,
  accessKeyId = 'AKIDLOCAL',
  secretAccessKey = 'x',
  maxAttempts?: number,
) {
  return new RedshiftDataClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey },
    ...(maxAttempts !== undefined ? { maxAttempts } : {}),
  })
}

async function raw(
  server: DataApiServer,
  init: { method?: string; headers?: Record<string, string>; body?: string },
) {
  const res = await fetch(server.url, init)
  return {
    status: res.status,
    type: res.headers.get('x-amzn-errortype'),
    body: (await res.json()) as Record<string, string>,
  }
}

const RAW_AUTH =
  'AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20240101/us-east-1/redshift-data/aws4_request, SignedHeaders=host;x-amz-date, Signature=00'

describe('Data API server', () => {
  let rs: LocalRedshift
  let ns: NamespaceInfo
  let server: DataApiServer
  let client: RedshiftDataClient
  const clients: RedshiftDataClient[] = []
  const servers: DataApiServer[] = []

  beforeAll(async () => {
    rs = await LocalRedshift.create()
    ns = await rs.createNamespace({ name: 'producer' })
    server = await startDataApiServer({
      redshift: rs,
      pageSize: 2,
      faults: { hang: HANG },
      principals: [
        { accessKeyId: 'AKIDANALYST', secretAccessKey: 'analyst-secret', arn: OTHER_ROLE },
        { accessKeyId: 'AKIDANALYST2', secretAccessKey: 'analyst-secret', arn: OTHER_ROLE_2 },
        { accessKeyId: 'AKIDALICE', secretAccessKey: 'alice-secret', arn: USER },
      ],
    })
    client = clientFor(server)
    clients.push(client)
    await run('CREATE TABLE public.srv_t (id INTEGER, name VARCHAR(20))')
    await run("INSERT INTO public.srv_t VALUES (1, 'a'), (2, 'b, \"quoted\"'), (3, NULL)")
  }, 120_000)

  afterAll(async () => {
    for (const c of clients) c.destroy()
    for (const s of servers) await s.close()
    await server?.close()
    await rs?.close()
  })

  async function submit(
    sql: string,
    input: Partial<ExecuteStatementCommandInput> = {},
    c = client,
  ): Promise<string> {
    const base = input.SessionId
      ? {}
      : { WorkgroupName: 'producer', Database: 'dev', SecretArn: ns.adminSecretArn }
    return (await c.send(new ExecuteStatementCommand({ ...base, Sql: sql, ...input }))).Id!
  }

  async function waitFor(
    id: string,
    done = (s: string) => TERMINAL.has(s),
    c = client,
  ): Promise<DescribeStatementCommandOutput> {
    const deadline = Date.now() + 15_000
    for (;;) {
      const d = await c.send(new DescribeStatementCommand({ Id: id }))
      if (done(d.Status!)) return d
      if (Date.now() > deadline) throw new Error(`statement ${id} still ${d.Status}`)
      await new Promise((r) => setTimeout(r, 5))
    }
  }

  async function run(sql: string, input: Partial<ExecuteStatementCommandInput> = {}, c = client) {
    return waitFor(await submit(sql, input, c), undefined, c)
  }

  async function rows(id: string) {
    const out = []
    let token: string | undefined
    do {
      const page = await client.send(new GetStatementResultCommand({ Id: id, NextToken: token }))
      out.push(...page.Records!)
      token = page.NextToken
    } while (token)
    return out
  }

  it('R-API-5: named parameters bind :name values (any order, repeatable) and are echoed as QueryParameters', async () => {
    const d = await run('SELECT :a::int + :b::int + :a::int AS s', {
      Parameters: [
        { name: 'b', value: '40' },
        { name: 'a', value: '1' },
      ],
    })
    expect(d.Status).toBe('FINISHED')
    expect(d.QueryParameters).toEqual([
      { name: 'b', value: '40' },
      { name: 'a', value: '1' },
    ])
    expect(await rows(d.Id!)).toEqual([[{ longValue: 42 }]])
  })

  it('R-API-5: an empty value or a bad parameter name is a ValidationException', async () => {
    const empty = client.send(
      new ExecuteStatementCommand({
        WorkgroupName: 'producer',
        Database: 'dev',
        Sql: 'SELECT :a',
        Parameters: [{ name: 'a', value: '' }],
      }),
    )
    await expect(empty).rejects.toBeInstanceOf(ValidationException)
    await expect(empty).rejects.toThrow(/parameters\.1\.member\.value/)
    const badName = client.send(
      new ExecuteStatementCommand({
        WorkgroupName: 'producer',
        Database: 'dev',
        Sql: 'SELECT 1',
        Parameters: [{ name: 'a-b', value: 'x' }],
      }),
    )
    await expect(badName).rejects.toThrow(/must satisfy regular expression pattern/)
  })

  it('R-API-5: every parameter of a batch must be used by at least one of its statements', async () => {
    const input = {
      WorkgroupName: 'producer',
      Database: 'dev',
      SecretArn: ns.adminSecretArn,
      Sqls: ['SELECT :a::int AS x', 'SELECT 2'],
    }
    await expect(
      client.send(
        new BatchExecuteStatementCommand({
          ...input,
          Parameters: [
            { name: 'a', value: '1' },
            { name: 'unused', value: '2' },
          ],
        }),
      ),
    ).rejects.toThrow(/unused.*R-API-5/)
    const { Id } = await client.send(
      new BatchExecuteStatementCommand({ ...input, Parameters: [{ name: 'a', value: '5' }] }),
    )
    expect((await waitFor(Id!)).Status).toBe('FINISHED')
    expect(await rows(`${Id}:1`)).toEqual([[{ longValue: 5 }]])
  })

  it('R-API-9: CSV results come from GetStatementResultV2, paged; GetStatementResult on them is a ValidationException', async () => {
    const d = await run('SELECT id, name FROM public.srv_t ORDER BY id', { ResultFormat: 'CSV' })
    expect(d.ResultFormat).toBe('CSV')
    const first = await client.send(new GetStatementResultV2Command({ Id: d.Id! }))
    expect(first.ResultFormat).toBe('CSV')
    expect(first.TotalNumRows).toBe(3)
    expect(first.Records).toEqual([{ CSVRecords: '1,a\n2,"b, ""quoted"""\n' }])
    const last = await client.send(
      new GetStatementResultV2Command({ Id: d.Id!, NextToken: first.NextToken! }),
    )
    expect(last.Records).toEqual([{ CSVRecords: '3,\n' }])
    expect(last.NextToken).toBeUndefined()
    await expect(client.send(new GetStatementResultCommand({ Id: d.Id! }))).rejects.toThrow(
      /GetStatementResultV2/,
    )
    const json = await run('SELECT 1')
    await expect(
      client.send(new GetStatementResultV2Command({ Id: json.Id! })),
    ).rejects.toBeInstanceOf(ValidationException)
  })

  it('R-API-12: a NextToken from another statement is a ValidationException', async () => {
    const a = await run('SELECT id FROM public.srv_t')
    const b = await run('SELECT id FROM public.srv_t')
    const page = await client.send(new GetStatementResultCommand({ Id: a.Id! }))
    await expect(
      client.send(new GetStatementResultCommand({ Id: b.Id!, NextToken: page.NextToken! })),
    ).rejects.toThrow(/NextToken/)
  })

  it('D-11c: DescribeStatement of an unknown id is a ResourceNotFoundException naming it; a malformed id a ValidationException', async () => {
    const id = '00000000-0000-0000-0000-000000000000'
    const e = await client.send(new DescribeStatementCommand({ Id: id })).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ResourceNotFoundException)
    expect((e as ResourceNotFoundException).ResourceId).toBe(id)
    await expect(
      client.send(new DescribeStatementCommand({ Id: 'not-an-id' })),
    ).rejects.toBeInstanceOf(ValidationException)
  })

  it('R-API-8: DescribeStatement reports duration (ns), pid, query id, rows, size and timestamps', async () => {
    const d = await run('SELECT id, name FROM public.srv_t ORDER BY id', {
      StatementName: 'describe-me',
    })
    expect(d).toMatchObject({
      Status: 'FINISHED',
      HasResultSet: true,
      ResultRows: 3,
      ResultSize: 1 + 1 + 1 + 'b, "quoted"'.length + 1,
      Database: 'dev',
      WorkgroupName: 'producer',
      SecretArn: ns.adminSecretArn,
      DbUser: 'admin',
      QueryString: 'SELECT id, name FROM public.srv_t ORDER BY id',
      ResultFormat: 'JSON',
    })
    expect(d.Duration).toBeGreaterThan(0)
    expect(d.RedshiftPid).toBeGreaterThan(0)
    expect(d.RedshiftQueryId).toBeGreaterThan(0)
    expect(d.CreatedAt).toBeInstanceOf(Date)
    expect(Math.abs(d.CreatedAt!.getTime() - Date.now())).toBeLessThan(60_000)
    expect(d.UpdatedAt!.getTime()).toBeGreaterThanOrEqual(d.CreatedAt!.getTime())
  })

  it('R-API-4: WaitTimeSeconds answers with the status once the statement ends', async () => {
    const out = await client.send(
      new ExecuteStatementCommand({
        WorkgroupName: 'producer',
        Database: 'dev',
        SecretArn: ns.adminSecretArn,
        Sql: 'SELECT 1',
        WaitTimeSeconds: 10,
      }),
    )
    expect(out).toMatchObject({ Status: 'FINISHED', HasResultSet: true })
    expect(out.RedshiftPid).toBeGreaterThan(0)
  })

  it('R-API-4: the workgroup ARN works; an unknown workgroup or a ClusterIdentifier is a ResourceNotFoundException', async () => {
    const arn = `arn:aws:redshift-serverless:us-east-1:${ACCOUNT}:workgroup/${ns.id}`
    const d = await run('SELECT 1', { WorkgroupName: arn })
    expect(d.Status).toBe('FINISHED')
    await expect(submit('SELECT 1', { WorkgroupName: 'nope' })).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    )
    await expect(
      client.send(
        new ExecuteStatementCommand({
          ClusterIdentifier: 'my-cluster',
          Database: 'dev',
          Sql: 'SELECT 1',
        }),
      ),
    ).rejects.toThrow(/Serverless/)
    await expect(submit('SELECT 1', { WorkgroupName: 'Bad_Name' })).rejects.toThrow(
      /Value 'Bad_Name' at 'workgroupName' failed to satisfy constraint/,
    )
    await expect(
      client.send(new ExecuteStatementCommand({ WorkgroupName: 'producer', Sql: 'SELECT 1' })),
    ).rejects.toThrow(/Database is required/)
  })

  it('R-IAM-5: a secret that does not exist, or a missing database, ends the statement FAILED', async () => {
    const secret = await run('SELECT 1', { SecretArn: `${ns.adminSecretArn}-nope` })
    expect(secret.Status).toBe('FAILED')
    expect(secret.Error).toMatch(/secret .* does not exist/)
    const db = await run('SELECT 1', { Database: 'nodb' })
    expect(db.Status).toBe('FAILED')
    expect(db.Error).toMatch(/database "nodb" does not exist/)
  })

  it('R-API-13: the same ClientToken returns the same statement', async () => {
    const a = await submit('SELECT 1', { ClientToken: 'token-1' })
    const b = await submit('SELECT 1', { ClientToken: 'token-1' })
    expect(b).toBe(a)
    expect(await submit('SELECT 1', { ClientToken: 'token-2' })).not.toBe(a)
  })

  it('R-API-13: a statement larger than 100 KB is a ValidationException', async () => {
    const sql = `SELECT '${'x'.repeat(100 * 1024)}'`
    await expect(submit(sql)).rejects.toThrow(/R-API-13/)
  })

  it('R-API-12: ListStatements lists finished statements by default; Status ALL, name prefix (case-sensitive) and paging', async () => {
    await run('SELECT 1', { StatementName: 'listme-1' })
    await run('SELECT 2', { StatementName: 'listme-2' })
    await run('SELECT 3', { StatementName: 'Listme-3' })
    const failed = await run('SELECT * FROM nope', { StatementName: 'listme-failed' })
    expect(failed.Status).toBe('FAILED')
    const hung = await submit('SELECT 4 /* hang */', { StatementName: 'listme-hung' })
    await waitFor(hung, (s) => s === 'STARTED')
    const finished = await client.send(new ListStatementsCommand({ StatementName: 'listme' }))
    expect(finished.Statements!.map((s) => s.StatementName).sort()).toEqual([
      'listme-1',
      'listme-2',
    ])
    expect(finished.Statements![0]).toMatchObject({
      Status: 'FINISHED',
      IsBatchStatement: false,
      ResultFormat: 'JSON',
    })
    const all = await client.send(
      new ListStatementsCommand({ StatementName: 'listme', Status: 'ALL' }),
    )
    expect(all.Statements!.map((s) => s.StatementName).sort()).toEqual([
      'listme-1',
      'listme-2',
      'listme-failed',
      'listme-hung',
    ])
    const started = await client.send(
      new ListStatementsCommand({ StatementName: 'listme', Status: 'STARTED' }),
    )
    expect(started.Statements!.map((s) => s.Id)).toEqual([hung])
    const first = await client.send(
      new ListStatementsCommand({ StatementName: 'listme', Status: 'ALL', MaxResults: 3 }),
    )
    expect(first.Statements).toHaveLength(3)
    const second = await client.send(
      new ListStatementsCommand({
        StatementName: 'listme',
        Status: 'ALL',
        MaxResults: 3,
        NextToken: first.NextToken!,
      }),
    )
    expect(second.Statements).toHaveLength(1)
    expect(second.NextToken).toBeUndefined()
    await client.send(new CancelStatementCommand({ Id: hung }))
    await expect(
      client.send(new ListStatementsCommand({ MaxResults: 101 })),
    ).rejects.toBeInstanceOf(ValidationException)
  })

  it('R-IAM-7: statements are reachable by callers of the same IAM role only; RoleLevel false narrows to the IAM session', async () => {
    const analyst = clientFor(server, 'AKIDANALYST', 'analyst-secret')
    clients.push(analyst)
    const mine = await run('SELECT 1', { StatementName: 'owner-check' })
    await expect(
      analyst.send(new DescribeStatementCommand({ Id: mine.Id! })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
    const analyst2 = clientFor(server, 'AKIDANALYST2', 'analyst-secret')
    clients.push(analyst2)
    const theirs = await run(
      'SELECT current_user',
      { StatementName: 'owner-check', SecretArn: undefined },
      analyst,
    )
    expect(theirs.Status).toBe('FINISHED')
    expect((await analyst.send(new GetStatementResultCommand({ Id: theirs.Id! }))).Records).toEqual(
      [[{ stringValue: 'IAMR:analyst' }]],
    )
    // Same role, another IAM session: reachable, and listed at role level only.
    expect((await analyst2.send(new DescribeStatementCommand({ Id: theirs.Id! }))).Status).toBe(
      'FINISHED',
    )
    const roleLevel = await analyst2.send(
      new ListStatementsCommand({ StatementName: 'owner-check' }),
    )
    expect(roleLevel.Statements!.map((s) => s.Id)).toEqual([theirs.Id])
    const sessionLevel = await analyst2.send(
      new ListStatementsCommand({ StatementName: 'owner-check', RoleLevel: false }),
    )
    expect(sessionLevel.Statements).toEqual([])
  })

  it('R-IAM-1: a configured principal is checked by its SigV4 signature; an IAM user is IAM:<name>', async () => {
    const alice = clientFor(server, 'AKIDALICE', 'alice-secret')
    const forged = clientFor(server, 'AKIDALICE', 'wrong-secret', 1)
    clients.push(alice, forged)
    const d = await run('SELECT current_user', { SecretArn: undefined }, alice)
    expect(d.DbUser).toBe('IAM:alice')
    const r = await alice.send(new GetStatementResultCommand({ Id: d.Id! }))
    expect(r.Records).toEqual([[{ stringValue: 'IAM:alice' }]])
    const e = await forged
      .send(
        new ExecuteStatementCommand({
          WorkgroupName: 'producer',
          Database: 'dev',
          Sql: 'SELECT 1',
        }),
      )
      .catch((x: unknown) => x as { name: string; $metadata: { httpStatusCode: number } })
    expect(e).toMatchObject({
      name: 'InvalidSignatureException',
      $metadata: { httpStatusCode: 403 },
    })
  })

  it('R-API-1: with defaultPrincipal null an unknown access key is an UnrecognizedClientException (403)', async () => {
    const strict = await startDataApiServer({ redshift: rs, defaultPrincipal: null })
    servers.push(strict)
    const c = clientFor(strict, 'AKIDUNKNOWN', 'x', 1)
    clients.push(c)
    const e = await c.send(new ListStatementsCommand({})).catch((x: unknown) => x)
    expect(e).toMatchObject({
      name: 'UnrecognizedClientException',
      $metadata: { httpStatusCode: 403 },
    })
  })

  it('R-API-1: raw protocol errors: GET, a wrong Content-Type, no Authorization header', async () => {
    const get = await raw(server, { method: 'GET', headers: { authorization: RAW_AUTH } })
    expect([get.status, get.type]).toEqual([400, 'UnknownOperationException'])
    const type = await raw(server, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-amz-target': 'RedshiftData.ListStatements',
        authorization: RAW_AUTH,
      },
      body: '{}',
    })
    expect([type.status, type.type]).toEqual([400, 'SerializationException'])
    const noAuth = await raw(server, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'RedshiftData.ListStatements',
      },
      body: '{}',
    })
    expect([noAuth.status, noAuth.type]).toEqual([403, 'MissingAuthenticationTokenException'])
    const wrongType = await raw(server, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'RedshiftData.ExecuteStatement',
        authorization: RAW_AUTH,
      },
      body: '{"Sql": 1, "WorkgroupName": "producer", "Database": "dev"}',
    })
    expect([wrongType.status, wrongType.type]).toEqual([400, 'SerializationException'])
  })

  it('R-API-2: injected faults: the SDK retries ThrottlingException; InternalServerException is a 500; calls are counted', async () => {
    const before = server.calls.ListStatements ?? 0
    server.injectFault({ operation: 'ListStatements', error: 'ThrottlingException', times: 2 })
    const out = await client.send(new ListStatementsCommand({ MaxResults: 1 }))
    expect(out.Statements).toBeDefined()
    expect(server.calls.ListStatements).toBe(before + 3)
    server.injectFault({ operation: 'ListStatements', error: 'InternalServerException' })
    const once = clientFor(server, 'AKIDLOCAL', 'x', 1)
    clients.push(once)
    const e = await once.send(new ListStatementsCommand({})).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(InternalServerException)
    expect((e as InternalServerException).$metadata.httpStatusCode).toBe(500)
  })

  it('R-API-2: faults given as options fail the next calls with the error shape of the model; delayMs delays requests', async () => {
    const faulty = await startDataApiServer({
      redshift: rs,
      faults: {
        fail: [{ operation: 'DescribeStatement', error: 'ResourceNotFoundException', times: 1 }],
        delayMs: 30,
      },
    })
    servers.push(faulty)
    const c = clientFor(faulty)
    clients.push(c)
    const id = '11111111-1111-1111-1111-111111111111'
    const started = Date.now()
    const e = await c.send(new DescribeStatementCommand({ Id: id })).catch((x: unknown) => x)
    expect(Date.now() - started).toBeGreaterThanOrEqual(25)
    expect(e).toBeInstanceOf(ResourceNotFoundException)
    expect((e as ResourceNotFoundException).message).toMatch(/Injected/)
    // The fault is used up: the next call reaches the store (which does not know the id either).
    await expect(c.send(new DescribeStatementCommand({ Id: id }))).rejects.toThrow(
      'Query does not exist.',
    )
    expect(faulty.calls.DescribeStatement).toBe(2)
  })

  it('delayMs per operation (test hook) delays only the operations named; repeatNextToken answers a NextToken with itself', async () => {
    const faulty = await startDataApiServer({
      redshift: rs,
      pageSize: 1,
      faults: { delayMs: { DescribeStatement: 300 }, repeatNextToken: true },
    })
    servers.push(faulty)
    const c = clientFor(faulty)
    clients.push(c)
    let started = Date.now()
    const { Id } = await c.send(
      new ExecuteStatementCommand({
        WorkgroupName: 'producer',
        Database: 'dev',
        SecretArn: ns.adminSecretArn,
        Sql: 'SELECT id FROM public.srv_t ORDER BY id',
      }),
    )
    expect(Date.now() - started).toBeLessThan(250)
    started = Date.now()
    expect((await waitFor(Id!, undefined, c)).Status).toBe('FINISHED')
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    const first = await c.send(new GetStatementResultCommand({ Id }))
    expect(first.Records).toEqual([[{ longValue: 1 }]])
    const second = await c.send(new GetStatementResultCommand({ Id, NextToken: first.NextToken }))
    expect(second.Records).toEqual([[{ longValue: 2 }]])
    expect(second.NextToken).toBe(first.NextToken)
    await expect(
      startDataApiServer({ redshift: rs, faults: { delayMs: { Nope: 1 } as never } }),
    ).rejects.toThrow('faults.delayMs.Nope is not a Data API operation')
    await expect(
      startDataApiServer({ redshift: rs, faults: { delayMs: { '*': -1 } } }),
    ).rejects.toThrow('faults.delayMs.* must be a non-negative number, got -1')
  })

  it('R-API-7, D-11b: serviceTimeMs (test hook) keeps a statement STARTED for its service time without blocking other statements; Duration counts it', async () => {
    const slow = await startDataApiServer({
      redshift: rs,
      faults: { serviceTimeMs: (sql) => (sql.includes('/* slow */') ? 400 : 0) },
    })
    servers.push(slow)
    const c = clientFor(slow)
    clients.push(c)
    const target = { WorkgroupName: 'producer', Database: 'dev', SecretArn: ns.adminSecretArn }
    const { Id } = await c.send(
      new ExecuteStatementCommand({ ...target, Sql: 'SELECT 7 /* slow */' }),
    )
    const started = await waitFor(Id!, (s) => s === 'STARTED', c)
    expect(started.Status).toBe('STARTED')
    // D-11b: no result before FINISHED.
    await expect(c.send(new GetStatementResultCommand({ Id: Id! }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    )
    // The event loop is free: another statement runs to the end meanwhile.
    const quick = await c.send(new ExecuteStatementCommand({ ...target, Sql: 'SELECT 8' }))
    expect((await waitFor(quick.Id!, undefined, c)).Status).toBe('FINISHED')
    expect((await c.send(new DescribeStatementCommand({ Id: Id! }))).Status).toBe('STARTED')
    const done = await waitFor(Id!, undefined, c)
    expect(done).toMatchObject({ Status: 'FINISHED', HasResultSet: true, ResultRows: 1 })
    expect(done.Duration).toBeGreaterThanOrEqual(400_000_000)
    expect((await c.send(new GetStatementResultCommand({ Id: Id! }))).Records).toEqual([
      [{ longValue: 7 }],
    ])
  })

  it('R-API-15: a statement cancelled during its service time (test hook) ends ABORTED and its SQL never runs', async () => {
    const slow = await startDataApiServer({ redshift: rs, faults: { serviceTimeMs: 300 } })
    servers.push(slow)
    const c = clientFor(slow)
    clients.push(c)
    const { Id } = await c.send(
      new ExecuteStatementCommand({
        WorkgroupName: 'producer',
        Database: 'dev',
        SecretArn: ns.adminSecretArn,
        Sql: "INSERT INTO public.srv_t VALUES (60, 'slow')",
      }),
    )
    await waitFor(Id!, (s) => s === 'STARTED', c)
    expect((await c.send(new CancelStatementCommand({ Id: Id! }))).Status).toBe(true)
    expect((await waitFor(Id!, undefined, c)).Status).toBe('ABORTED')
    await new Promise((r) => setTimeout(r, 400))
    const check = await run('SELECT count(*) FROM public.srv_t WHERE id = 60')
    expect(await rows(check.Id!)).toEqual([[{ longValue: 0 }]])
    await expect(
      startDataApiServer({ redshift: rs, faults: { serviceTimeMs: -1 } }),
    ).rejects.toThrow('faults.serviceTimeMs must be a non-negative number, got -1')
  })

  it('R-API-13: at most 200 active statements per workgroup (ActiveStatementsExceededException)', async () => {
    const busy = await startDataApiServer({ redshift: rs, faults: { hang: HANG } })
    servers.push(busy)
    const c = clientFor(busy, 'AKIDLOCAL', 'x', 1)
    clients.push(c)
    const input = { WorkgroupName: 'producer', Database: 'dev', Sql: 'SELECT 1 /* hang */' }
    const ids = await Promise.all(
      Array.from(
        { length: 200 },
        async () => (await c.send(new ExecuteStatementCommand(input))).Id!,
      ),
    )
    await expect(c.send(new ExecuteStatementCommand(input))).rejects.toBeInstanceOf(
      ActiveStatementsExceededException,
    )
    await c.send(new CancelStatementCommand({ Id: ids[0]! }))
    await waitFor(ids[0]!, undefined, c)
    expect(
      (await c.send(new ExecuteStatementCommand({ ...input, Sql: 'SELECT 1' }))).Id,
    ).toBeDefined()
    await busy.close()
  })

  it('R-API-14: an idle session closes when its keep-alive runs out, rolling back its open transaction', async () => {
    const first = await client.send(
      new ExecuteStatementCommand({
        WorkgroupName: 'producer',
        Database: 'dev',
        SecretArn: ns.adminSecretArn,
        Sql: 'BEGIN',
        SessionKeepAliveSeconds: 1,
      }),
    )
    const sessionId = first.SessionId!
    await waitFor(first.Id!)
    expect(
      (await run("INSERT INTO public.srv_t VALUES (99, 'lost')", { SessionId: sessionId })).Status,
    ).toBe('FINISHED')
    const listed = await client.send(new ListSessionsCommand({ SessionId: sessionId }))
    expect(listed.Sessions).toMatchObject([
      { SessionId: sessionId, Status: 'AVAILABLE', SessionAliveSeconds: 1, DbUser: 'admin' },
    ])
    // Waits for the session to expire (this statement waits for the engine until then).
    const after = await run('SELECT count(*) FROM public.srv_t WHERE id = 99')
    expect(await rows(after.Id!)).toEqual([[{ longValue: 0 }]])
    await expect(submit('SELECT 1', { SessionId: sessionId })).rejects.toThrow(/closed/)
    const closed = await client.send(new ListSessionsCommand({ Status: 'CLOSED' }))
    expect(closed.Sessions!.map((s) => s.SessionId)).toContain(sessionId)
  })

  it('R-API-14: an unknown SessionId is a ResourceNotFoundException; SessionId with WorkgroupName a ValidationException', async () => {
    await expect(
      submit('SELECT 1', { SessionId: '00000000-0000-0000-0000-000000000000' }),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
    const first = await client.send(
      new ExecuteStatementCommand({
        WorkgroupName: 'producer',
        Database: 'dev',
        SecretArn: ns.adminSecretArn,
        Sql: 'SELECT 1',
        SessionKeepAliveSeconds: 30,
      }),
    )
    await waitFor(first.Id!)
    await expect(
      client.send(
        new ExecuteStatementCommand({
          Sql: 'SELECT 1',
          SessionId: first.SessionId!,
          WorkgroupName: 'producer',
        }),
      ),
    ).rejects.toBeInstanceOf(ValidationException)
    const { Id } = await client.send(
      new BatchExecuteStatementCommand({
        Sqls: ['SELECT 1', 'SELECT 2'],
        SessionId: first.SessionId!,
      }),
    )
    const d = await waitFor(Id!)
    expect([d.Status, d.SessionId]).toEqual(['FINISHED', first.SessionId])
  })

  it('R-API-15: cancelling a batch aborts it and its sub-statements', async () => {
    const { Id } = await client.send(
      new BatchExecuteStatementCommand({
        WorkgroupName: 'producer',
        Database: 'dev',
        Sqls: ['SELECT 1', 'SELECT 2 /* hang */'],
      }),
    )
    await waitFor(Id!, (s) => s === 'STARTED')
    await client.send(new CancelStatementCommand({ Id: `${Id}:2` }))
    const d = await waitFor(Id!)
    expect(d.Status).toBe('ABORTED')
    expect(d.SubStatements!.map((s) => s.Status)).toEqual(['ABORTED', 'ABORTED'])
  })

  it("R-API-15: a statement waiting for its turn behind another session's open transaction can be cancelled", async () => {
    const holder = await client.send(
      new ExecuteStatementCommand({
        WorkgroupName: 'producer',
        Database: 'dev',
        SecretArn: ns.adminSecretArn,
        Sql: 'BEGIN',
        SessionKeepAliveSeconds: 30,
      }),
    )
    await waitFor(holder.Id!)
    expect(
      (await run("INSERT INTO public.srv_t VALUES (50, 'held')", { SessionId: holder.SessionId! }))
        .Status,
    ).toBe('FINISHED')
    // On PGlite this statement waits until the holder's transaction ends: it has a pooled
    // connection and is running (STARTED), or is still connecting (PICKED).
    const waiting = await submit('SELECT count(*) FROM public.srv_t')
    await new Promise((r) => setTimeout(r, 50))
    expect((await client.send(new DescribeStatementCommand({ Id: waiting }))).Status).toMatch(
      /^(PICKED|STARTED)$/,
    )
    await client.send(new CancelStatementCommand({ Id: waiting }))
    expect((await waitFor(waiting)).Status).toBe('ABORTED')
    expect((await run('ROLLBACK', { SessionId: holder.SessionId! })).Status).toBe('FINISHED')
    const after = await run('SELECT count(*) FROM public.srv_t WHERE id = 50')
    expect(await rows(after.Id!)).toEqual([[{ longValue: 0 }]])
    expect((await client.send(new DescribeStatementCommand({ Id: waiting }))).Status).toBe(
      'ABORTED',
    )
  })

  it('ListDatabases, ListSchemas, ListTables and DescribeTable read the system views', async () => {
    const target = { WorkgroupName: 'producer', Database: 'dev', SecretArn: ns.adminSecretArn }
    expect((await client.send(new ListDatabasesCommand(target))).Databases).toContain('dev')
    expect(
      (await client.send(new ListSchemasCommand({ ...target, SchemaPattern: 'pub%' }))).Schemas,
    ).toEqual(['public'])
    const tables = await client.send(
      new ListTablesCommand({ ...target, SchemaPattern: 'public', TablePattern: 'srv%' }),
    )
    expect(tables.Tables).toEqual([{ schema: 'public', name: 'srv_t', type: 'TABLE' }])
    const t = await client.send(
      new DescribeTableCommand({ ...target, Schema: 'public', Table: 'srv_t' }),
    )
    expect(t.TableName).toBe('srv_t')
    expect(t.ColumnList!.map((c) => [c.name, c.typeName, c.length])).toEqual([
      ['id', 'int4', 0],
      ['name', 'varchar', 20],
    ])
  })

  it('closes while a statement still runs', async () => {
    const s = await startDataApiServer({ redshift: rs, faults: { hang: HANG } })
    const c = clientFor(s)
    const { Id } = await c.send(
      new ExecuteStatementCommand({
        WorkgroupName: 'producer',
        Database: 'dev',
        Sql: 'SELECT 1 /* hang */',
      }),
    )
    expect(Id).toBeDefined()
    c.destroy()
    await s.close()
  })
})
