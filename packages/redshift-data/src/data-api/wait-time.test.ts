// `waitTimeSeconds` against the answers AWS documents for ExecuteStatement /
// BatchExecuteStatement with WaitTimeSeconds (newer API, R-API-4): the status after the wait
// (R-API-7), RedshiftPid and HasResultSet. The real SDK client, its `send` replaced by
// aws-sdk-client-mock; the abort test uses a structural client, which sees the abortSignal.
import {
  BatchExecuteStatementCommand,
  CancelStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data'
import { mockClient } from 'aws-sdk-client-mock'
import { Kysely, sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { batch } from '../batch.js'
import { RedshiftDataDialect } from '../dialect/redshift-data-dialect.js'
import {
  type RedshiftDataDialectConfig,
  resolveDialectConfig,
} from '../dialect/redshift-data-dialect-config.js'
import { DataApiAbortError, DataApiStatementError } from '../errors.js'
import { StatementRunner, waitTimeFor } from './statement-runner.js'

const ID = '0f3a2b1c-aaaa-bbbb-cccc-111122223333'
const commands = {
  ExecuteStatementCommand,
  BatchExecuteStatementCommand,
  DescribeStatementCommand,
  GetStatementResultCommand,
  CancelStatementCommand,
}
const page = {
  ColumnMetadata: [{ name: 'n', label: 'n', typeName: 'int4' }],
  Records: [[{ longValue: 1 }]],
  TotalNumRows: 1,
}

let client: RedshiftDataClient
let mock: ReturnType<typeof mockClient>

beforeEach(() => {
  client = new RedshiftDataClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
  })
  mock = mockClient(client)
})
afterEach(() => {
  mock.restore()
  client.destroy()
})

function config(extra: Partial<RedshiftDataDialectConfig> = {}): RedshiftDataDialectConfig {
  return {
    client,
    workgroupName: 'wg-wait',
    database: 'dev',
    commands,
    polling: { initialDelayMs: 0, maxDelayMs: 1 },
    retry: { baseDelayMs: 0, maxDelayMs: 1 },
    waitTimeSeconds: 5,
    ...extra,
  }
}

function kysely(extra: Partial<RedshiftDataDialectConfig> = {}) {
  // biome-ignore lint/suspicious/noExplicitAny: raw SQL only
  return new Kysely<any>({ dialect: new RedshiftDataDialect(config(extra)) })
}

const calls = (command: unknown) =>
  // biome-ignore lint/suspicious/noExplicitAny: the mock's command classes
  mock.commandCalls(command as any).map((c) => c.args[0].input as Record<string, unknown>)

describe('waitTimeSeconds (R-API-4)', () => {
  it('sends WaitTimeSeconds and, on FINISHED with a result set, reads the result without DescribeStatement', async () => {
    mock
      .on(ExecuteStatementCommand)
      .resolves({ Id: ID, Status: 'FINISHED', HasResultSet: true, RedshiftPid: 1073 })
    mock.on(GetStatementResultCommand).resolves(page)
    const db = kysely()
    const { rows } = await sql`select 1 as n`.execute(db)
    expect(rows).toEqual([{ n: 1 }])
    expect(calls(ExecuteStatementCommand)[0]).toMatchObject({ WaitTimeSeconds: 5 })
    expect(calls(DescribeStatementCommand)).toHaveLength(0)
    expect(calls(GetStatementResultCommand)).toEqual([{ Id: ID }])
    await db.destroy()
  })

  it('polls DescribeStatement as before when the wait ends with the statement STARTED', async () => {
    mock
      .on(ExecuteStatementCommand)
      .resolves({ Id: ID, Status: 'STARTED', HasResultSet: false, RedshiftPid: 1073 })
    mock
      .on(DescribeStatementCommand)
      .resolvesOnce({ Id: ID, Status: 'STARTED' })
      .resolves({ Id: ID, Status: 'FINISHED', HasResultSet: true, ResultRows: 1 })
    mock.on(GetStatementResultCommand).resolves(page)
    const db = kysely()
    expect((await sql`select 1 as n`.execute(db)).rows).toEqual([{ n: 1 }])
    expect(calls(DescribeStatementCommand)).toEqual([{ Id: ID }, { Id: ID }])
    await db.destroy()
  })

  it('polls as before when the answer carries no Status (older service)', async () => {
    mock.on(ExecuteStatementCommand).resolves({ Id: ID })
    mock.on(DescribeStatementCommand).resolves({ Id: ID, Status: 'FINISHED', HasResultSet: true })
    mock.on(GetStatementResultCommand).resolves(page)
    const db = kysely()
    expect((await sql`select 1 as n`.execute(db)).rows).toEqual([{ n: 1 }])
    expect(calls(DescribeStatementCommand)).toHaveLength(1)
    await db.destroy()
  })

  it('FAILED after the wait: the error text still comes from DescribeStatement, the error is the same as without a wait', async () => {
    const failed = {
      Id: ID,
      Status: 'FAILED',
      Error: 'ERROR: relation "nope" does not exist',
      HasResultSet: false,
    } as const
    mock.on(DescribeStatementCommand).resolves(failed)
    mock.on(ExecuteStatementCommand).resolves({ Id: ID })
    const before = await sql`select * from nope`
      .execute(kysely({ waitTimeSeconds: undefined }))
      .then(
        () => undefined,
        (e: unknown) => e,
      )
    expect(calls(ExecuteStatementCommand)[0]).not.toHaveProperty('WaitTimeSeconds')
    mock.reset()
    mock.on(DescribeStatementCommand).resolves(failed)
    mock.on(ExecuteStatementCommand).resolves({ Id: ID, Status: 'FAILED', HasResultSet: false })
    const after = await sql`select * from nope`.execute(kysely()).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(before).toBeInstanceOf(DataApiStatementError)
    expect(after).toBeInstanceOf(DataApiStatementError)
    const fields = (e: unknown) => {
      const s = e as DataApiStatementError
      return [s.message, s.code, s.status, s.serverMessage, s.statementId, s.sql]
    }
    expect(fields(after)).toEqual(fields(before))
    expect((after as Error).message).toBe(
      `Redshift Data API statement ${ID} ended FAILED: ERROR: relation "nope" does not exist`,
    )
    expect(calls(DescribeStatementCommand)).toEqual([{ Id: ID }])
  })

  it('ABORTED after the wait is read the same way', async () => {
    mock.on(ExecuteStatementCommand).resolves({ Id: ID, Status: 'ABORTED', HasResultSet: false })
    mock
      .on(DescribeStatementCommand)
      .resolves({ Id: ID, Status: 'ABORTED', Error: 'Query cancelled.' })
    const error = await sql`select 1`.execute(kysely()).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'STATEMENT_ABORTED', serverMessage: 'Query cancelled.' })
    expect(calls(DescribeStatementCommand)).toHaveLength(1)
  })

  it('a FINISHED DML without a result set is described for its row count; BEGIN and COMMIT are not', async () => {
    mock.on(ExecuteStatementCommand).callsFake(async (input: { Sql: string }) => ({
      Id: ID,
      Status: 'FINISHED',
      HasResultSet: false,
      ...(/^begin/i.test(input.Sql) ? { SessionId: 'sess-1' } : {}),
    }))
    mock.on(DescribeStatementCommand).resolves({ Id: ID, Status: 'FINISHED', ResultRows: 3 })
    const db = kysely()
    const result = await db
      .transaction()
      .execute((tx) => tx.updateTable('t').set({ a: 1 }).where('b', '=', 2).executeTakeFirst())
    expect(result.numUpdatedRows).toBe(3n)
    expect(calls(ExecuteStatementCommand).map((i) => String(i.Sql).split(' ')[0])).toEqual([
      'begin',
      'update',
      'commit',
    ])
    expect(calls(DescribeStatementCommand)).toHaveLength(1)
    await db.destroy()
  })

  it('a FINISHED batch is described once at once, for its sub-statements', async () => {
    mock
      .on(BatchExecuteStatementCommand)
      .resolves({ Id: ID, Status: 'FINISHED', HasResultSet: true })
    mock.on(DescribeStatementCommand).resolves({
      Id: ID,
      Status: 'FINISHED',
      HasResultSet: true,
      SubStatements: [
        { Id: `${ID}:1`, Status: 'FINISHED', HasResultSet: false, ResultRows: 0 },
        { Id: `${ID}:2`, Status: 'FINISHED', HasResultSet: true, ResultRows: 1 },
      ],
    })
    mock.on(GetStatementResultCommand).resolves(page)
    const result = await batch(config(), ['create table t (n int)', 'select 1 as n'])
    expect(calls(BatchExecuteStatementCommand)[0]).toMatchObject({ WaitTimeSeconds: 5 })
    expect(result.subStatements.map((s) => s.hasResultSet)).toEqual([false, true])
    expect(await result.readRows(1)).toEqual([{ n: 1 }])
    expect(calls(DescribeStatementCommand)).toHaveLength(1)
  })

  it('never asks to wait past the deadline: whole seconds ending 1 s before it, none under 1 s', async () => {
    expect(waitTimeFor(undefined, 900_000)).toBeUndefined()
    expect(waitTimeFor(30, 900_000)).toBe(30)
    expect(waitTimeFor(30, 3_500)).toBe(2)
    expect(waitTimeFor(2, 3_000)).toBe(2)
    expect(waitTimeFor(30, 2_999)).toBe(1)
    expect(waitTimeFor(30, 1_999)).toBeUndefined()
    expect(waitTimeFor(30, 0)).toBeUndefined()
    mock.on(ExecuteStatementCommand).resolves({ Id: ID, Status: 'FINISHED', HasResultSet: true })
    mock.on(GetStatementResultCommand).resolves(page)
    await sql`select 1 as n`.execute(kysely({ waitTimeSeconds: 30, timeoutMs: 4_500 }))
    expect(calls(ExecuteStatementCommand)[0]?.WaitTimeSeconds).toBe(3)
    mock.resetHistory()
    await sql`select 1 as n`.execute(kysely({ waitTimeSeconds: 30, timeoutMs: 1_500 }))
    expect(calls(ExecuteStatementCommand)[0]).not.toHaveProperty('WaitTimeSeconds')
  })

  it('an abort during the wait aborts the ExecuteStatement request at once', async () => {
    const seen: AbortSignal[] = []
    const waiting = {
      send(_command: unknown, options: { abortSignal: AbortSignal }) {
        seen.push(options.abortSignal)
        // Answers only when its request is aborted, as an HTTP request held by WaitTimeSeconds.
        return new Promise((_, reject) =>
          options.abortSignal.addEventListener('abort', () => reject(new Error('aborted'))),
        )
      },
    }
    const controller = new AbortController()
    const resolved = resolveDialectConfig({ ...config(), client: waiting, waitTimeSeconds: 30 })
    const r = new StatementRunner(resolved, commands)
    const pending = r.execute({ sql: 'select 1' }, r.scope(controller.signal))
    await new Promise((resolve) => setTimeout(resolve, 0))
    controller.abort(new Error('user'))
    const error = await pending.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DataApiAbortError)
    expect(error).toMatchObject({ phase: 'submit', cancelled: false })
    expect(seen).toHaveLength(1)
    expect(seen[0]?.aborted).toBe(true)
  })
})
