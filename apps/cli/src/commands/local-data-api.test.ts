// Conformance: the real @aws-sdk/client-redshift-data against `rsp local serve --data-api`,
// the endpoint users point their own code at. Rule ids: shared/docs/REDSHIFT-RULES.md.
import {
  BatchExecuteStatementCommand,
  CancelStatementCommand,
  DescribeStatementCommand,
  type DescribeStatementCommandOutput,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../cli.js'
import { tempProject } from '../test-cli.js'

describe('rsp local serve --data-api, driven by the real SDK client', () => {
  const stop = new AbortController()
  let output = ''
  let served: Promise<number>
  let client: RedshiftDataClient
  let secretArn: string
  const target = () => ({
    WorkgroupName: 'airline-producer',
    Database: 'dev',
    SecretArn: secretArn,
  })

  beforeAll(async () => {
    const ready = new Promise<void>((resolve) => {
      served = run(['local', 'serve', '--data-api', '--port', '0'], {
        out: (s) => {
          output += s
          if (/workgroup airline-reporting/.test(output)) resolve()
        },
        err: (s) => {
          output += s
        },
        isTTY: false,
        env: { NO_COLOR: '1' },
        cwd: tempProject(),
        signal: stop.signal,
      })
    })
    await ready
    const url = /Redshift Data API of a new emulated account at (http:\/\/127\.0\.0\.1:\d+)/.exec(
      output,
    )?.[1]
    secretArn = /workgroup airline-producer .* admin secret (\S+)/.exec(output)?.[1] ?? ''
    expect(url).toBeDefined()
    client = new RedshiftDataClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDANYONE', secretAccessKey: 'whatever' },
    })
  }, 120_000)
  afterAll(async () => {
    client?.destroy()
    stop.abort()
    expect(await served).toBe(0)
    expect(output).toContain('stopped')
  })

  const finish = async (Id: string | undefined): Promise<DescribeStatementCommandOutput> => {
    for (;;) {
      const d = await client.send(new DescribeStatementCommand({ Id }))
      if (['FINISHED', 'FAILED', 'ABORTED'].includes(String(d.Status))) return d
      await new Promise((r) => setTimeout(r, 5))
    }
  }

  it('prints the endpoint, the namespaces of the config with their admin secrets, and an example', () => {
    expect(output).toMatch(/export AWS_ENDPOINT_URL_REDSHIFT_DATA=http:\/\/127\.0\.0\.1:\d+/)
    expect(output).toMatch(
      /workgroup airline-producer +namespace [0-9a-f-]{36} +database dev +admin secret arn:aws:secretsmanager:/,
    )
    expect(output).toContain(
      'aws redshift-data execute-statement --workgroup-name airline-producer',
    )
  })

  it('R-API-9, R-API-12: pages a large result by NextToken', async () => {
    const { Id } = await client.send(
      new ExecuteStatementCommand({
        ...target(),
        Sql: 'select g from generate_series(1, 2500) as g order by g',
      }),
    )
    expect((await finish(Id)).Status).toBe('FINISHED')
    const pages: number[] = []
    let token: string | undefined
    let total = 0
    do {
      const r = await client.send(
        new GetStatementResultCommand({ Id, ...(token ? { NextToken: token } : {}) }),
      )
      pages.push(r.Records?.length ?? 0)
      total = r.TotalNumRows ?? 0
      token = r.NextToken
    } while (token)
    expect(pages.length).toBeGreaterThan(2)
    expect(pages.reduce((a, b) => a + b, 0)).toBe(2500)
    expect(total).toBe(2500)
  })

  it('R-API-3: a failing statement ends FAILED with the error text', async () => {
    const { Id } = await client.send(
      new ExecuteStatementCommand({ ...target(), Sql: 'select * from nope' }),
    )
    const d = await finish(Id)
    expect(d.Status).toBe('FAILED')
    expect(d.Error).toContain('relation "nope" does not exist')
  })

  it('R-API-15: CancelStatement aborts a statement that is still waiting', async () => {
    // A transaction open in a session holds the (PGlite) account: the next statement waits.
    const begin = await client.send(
      new ExecuteStatementCommand({ ...target(), Sql: 'begin', SessionKeepAliveSeconds: 60 }),
    )
    await finish(begin.Id)
    const waiting = await client.send(
      new ExecuteStatementCommand({ ...target(), Sql: 'select count(*) from svv_tables' }),
    )
    const cancel = await client.send(new CancelStatementCommand({ Id: waiting.Id }))
    expect(cancel.Status).toBe(true)
    const d = await finish(waiting.Id)
    expect(d.Status).toBe('ABORTED')
    const end = await client.send(
      new ExecuteStatementCommand({ Sql: 'commit', SessionId: begin.SessionId }),
    )
    expect((await finish(end.Id)).Status).toBe('FINISHED')
  })

  it('R-API-6: a batch runs in one transaction with sub-statement ids', async () => {
    const { Id } = await client.send(
      new BatchExecuteStatementCommand({
        ...target(),
        Sqls: [
          'create table public.batch_t (id int)',
          'insert into public.batch_t values (1), (2)',
          'select count(*) from public.batch_t',
        ],
      }),
    )
    const d = await finish(Id)
    expect(d.Status).toBe('FINISHED')
    expect(d.SubStatements?.map((s) => s.Id)).toEqual([`${Id}:1`, `${Id}:2`, `${Id}:3`])
    const r = await client.send(new GetStatementResultCommand({ Id: `${Id}:3` }))
    expect(r.Records?.[0]?.[0]?.longValue).toBe(2)
  })

  it('R-API-14: a session keeps its transaction across calls', async () => {
    const first = await client.send(
      new ExecuteStatementCommand({ ...target(), Sql: 'begin', SessionKeepAliveSeconds: 30 }),
    )
    await finish(first.Id)
    const insert = await client.send(
      new ExecuteStatementCommand({
        Sql: 'create table public.session_t as select 42 as answer',
        SessionId: first.SessionId,
      }),
    )
    expect((await finish(insert.Id)).Status).toBe('FINISHED')
    const read = await client.send(
      new ExecuteStatementCommand({
        Sql: 'select answer from public.session_t',
        SessionId: first.SessionId,
      }),
    )
    expect((await finish(read.Id)).Status).toBe('FINISHED')
    const r = await client.send(new GetStatementResultCommand({ Id: read.Id }))
    expect(r.Records?.[0]?.[0]?.longValue).toBe(42)
    const commit = await client.send(
      new ExecuteStatementCommand({ Sql: 'commit', SessionId: first.SessionId }),
    )
    expect((await finish(commit.Id)).Status).toBe('FINISHED')
  })

  it('R-IAM-1: without a secret the caller runs as its IAM role, an ordinary user', async () => {
    const { Id } = await client.send(
      new ExecuteStatementCommand({
        WorkgroupName: 'airline-producer',
        Database: 'dev',
        Sql: 'select current_user',
      }),
    )
    await finish(Id)
    const r = await client.send(new GetStatementResultCommand({ Id }))
    expect(r.Records?.[0]?.[0]?.stringValue).toBe('IAMR:rsp-local')
  })
})
