// Robustness of the dialect against the Data API of @redshift-playground/redshift-local (the
// real RedshiftDataClient over HTTP, faults injected by the server): one deadline per
// statement, cancel when the caller gives up or polling fails, abortable requests, a
// repeating NextToken, DatabaseConnectionException, and exact int8 through CSV results.
import {
  ExecuteStatementCommand,
  GetStatementResultCommand,
  ListStatementsCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data'
import {
  type DataApiServer,
  type DataApiServerOptions,
  LocalRedshift,
  type NamespaceInfo,
  startDataApiServer,
} from '@redshift-playground/redshift-local'
import { Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { batch } from '../batch.js'
import type { DataApiClient } from '../data-api/commands.js'
import {
  DataApiAbortError,
  DataApiRequestError,
  DataApiResultError,
  DataApiTimeoutError,
} from '../errors.js'
import { streamQuery } from '../stream-query.js'
import { RedshiftDataDialect } from './redshift-data-dialect.js'
import type { DataApiLogEvent, RedshiftDataDialectConfig } from './redshift-data-dialect-config.js'

// biome-ignore lint/suspicious/noExplicitAny: ad-hoc test tables.
type AnyDb = Kysely<any>

const WORKGROUP = 'wg-robust'
/** 2^53 + 1: the first integer a JSON number (an IEEE double) cannot hold. */
const BIG = '9007199254740993'
let rs: LocalRedshift
let ns: NamespaceInfo

beforeAll(async () => {
  rs = await LocalRedshift.create()
  ns = await rs.createNamespace({ name: WORKGROUP })
  const s = await rs.connect({
    workgroup: WORKGROUP,
    database: 'dev',
    identity: { kind: 'secret', arn: ns.adminSecretArn },
  })
  try {
    await s.execute(`
      create table numbers (n int4 not null, label varchar(20));
      insert into numbers values (1, 'n1'), (2, 'n2'), (3, 'n3'), (4, 'n4'), (5, 'n5'), (6, 'n6');
      create table wide (id int4, i8 int8, num numeric(30,10), b bool, d date, ts timestamp,
        f8 float8, s varchar(50), nul varchar(5));
      insert into wide values
        (1, ${BIG}, 12345678901234567890.1234567890, true, '2024-02-29', '2024-01-02 03:04:05.678',
          0.1, 'a, "quoted"' || chr(10) || 'line', null),
        (2, -9223372036854775808, -1.5, false, '1999-12-31', '1999-12-31 23:59:59', -2.5e10, 'plain', null),
        (3, 9223372036854775807, 0, null, null, null, null, null, null);
    `)
  } finally {
    await s.close()
  }
}, 120_000)
afterAll(async () => {
  await rs?.close()
})

interface Harness {
  readonly db: AnyDb
  readonly server: DataApiServer
  readonly client: RedshiftDataClient
  readonly config: RedshiftDataDialectConfig
  readonly events: DataApiLogEvent[]
  /** The `options` of every `client.send`, in order. */
  readonly sendOptions: { command: string; abortSignal: unknown }[]
  /** Status of every statement, as ListStatements reports it (DescribeStatement may be faulty). */
  statuses(): Promise<Record<string, string>>
}

/** A server with `serverOptions`, the real SDK client (one attempt) and a Kysely over the dialect. */
async function withServer(
  serverOptions: Omit<DataApiServerOptions, 'redshift'>,
  fn: (h: Harness) => Promise<void>,
  dialectOptions: Partial<RedshiftDataDialectConfig> = {},
): Promise<void> {
  const server = await startDataApiServer({ redshift: rs, ...serverOptions })
  const client = new RedshiftDataClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
    maxAttempts: 1,
  })
  const sendOptions: Harness['sendOptions'] = []
  // The dialect sees this wrapper; it records the options of each send.
  const recording: DataApiClient = {
    send(command, options) {
      sendOptions.push({ command: command.constructor.name, abortSignal: options?.abortSignal })
      return client.send(command, options)
    },
  }
  const events: DataApiLogEvent[] = []
  const config: RedshiftDataDialectConfig = {
    client: recording,
    workgroupName: WORKGROUP,
    database: 'dev',
    secretArn: ns.adminSecretArn,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    polling: { initialDelayMs: 1, multiplier: 1.5, maxDelayMs: 20 },
    ...dialectOptions,
    logger: (e) => events.push(e),
  }
  const db = new Kysely({ dialect: new RedshiftDataDialect(config) })
  try {
    await fn({
      db,
      server,
      client,
      config,
      events,
      sendOptions,
      async statuses() {
        const listed = await client.send(new ListStatementsCommand({ Status: 'ALL' }))
        return Object.fromEntries((listed.Statements ?? []).map((s) => [s.Id, s.Status]))
      },
    })
  } finally {
    await db.destroy()
    client.destroy()
    await server.close()
  }
}

/** Milliseconds `promise` takes to settle, and how. */
async function timed<T>(promise: Promise<T>): Promise<{ ms: number; error: unknown }> {
  const started = performance.now()
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  return { ms: performance.now() - started, error }
}

/** Reads an async iterable to its end. */
async function drain(iterable: AsyncIterable<unknown>): Promise<number> {
  let n = 0
  for await (const _ of iterable) n++
  return n
}

describe('one deadline per statement (timeoutMs)', () => {
  it('R-API-2, R-API-15: bounds the retries of a failing DescribeStatement, then cancels the statement', async () => {
    await withServer(
      {
        faults: {
          hang: /hang_me/,
          fail: [{ operation: 'DescribeStatement', error: 'InternalServerException', times: 1000 }],
        },
      },
      async (h) => {
        const { ms, error } = await timed(sql`select 1 as hang_me`.execute(h.db))
        expect(error).toBeInstanceOf(DataApiTimeoutError)
        expect(error).toMatchObject({
          code: 'STATEMENT_TIMEOUT',
          phase: 'run',
          timeoutMs: 1500,
          cancelled: true,
        })
        // 200 attempts × up to 100 ms of backoff would take about 10 s: the deadline cut them
        // short. (1.5 s, not less: on a loaded machine the first ExecuteStatement alone took
        // over 300 ms, and the timeout then came in the 'submit' phase.)
        expect(ms).toBeLessThan(5000)
        expect((error as DataApiTimeoutError).cause).toMatchObject({
          name: 'InternalServerException',
        })
        expect(h.server.calls.CancelStatement).toBe(1)
        const id = (error as DataApiTimeoutError).statementId as string
        expect((await h.statuses())[id]).toBe('ABORTED')
        expect(h.events.find((e) => e.kind === 'cancel')).toMatchObject({
          statementId: id,
          cancelled: true,
          reason: 'timeout',
        })
      },
      { timeoutMs: 1500, retry: { maxAttempts: 200, baseDelayMs: 100, maxDelayMs: 100 } },
    )
  })

  it('covers the submission: an ExecuteStatement that does not answer in time is a timeout with no statement id', async () => {
    await withServer(
      { faults: { delayMs: { ExecuteStatement: 4000 } } },
      async (h) => {
        const { ms, error } = await timed(sql`select 1`.execute(h.db))
        expect(error).toBeInstanceOf(DataApiTimeoutError)
        expect(error).toMatchObject({ phase: 'submit', statementId: undefined, cancelled: false })
        expect(ms).toBeLessThan(2000)
        expect(h.server.calls.DescribeStatement).toBeUndefined()
      },
      { timeoutMs: 200 },
    )
  })
})

describe('abortable requests (every client.send gets an abortSignal)', () => {
  it('R-API-15: a DescribeStatement held past the deadline is aborted, and the statement cancelled', async () => {
    await withServer(
      { faults: { hang: /hang_me/, delayMs: { DescribeStatement: 6000 } } },
      async (h) => {
        const { ms, error } = await timed(sql`select 2 as hang_me`.execute(h.db))
        expect(error).toBeInstanceOf(DataApiTimeoutError)
        expect(error).toMatchObject({ phase: 'run', cancelled: true })
        expect(ms).toBeLessThan(5000) // the held DescribeStatement alone: 6 s
        // Every request carried a signal; the hanging DescribeStatement's fired.
        expect(h.sendOptions.map((o) => o.command)).toEqual([
          'ExecuteStatementCommand',
          'DescribeStatementCommand',
          'CancelStatementCommand',
        ])
        const signals = h.sendOptions.map((o) => o.abortSignal as AbortSignal)
        for (const signal of signals) expect(signal).toBeInstanceOf(AbortSignal)
        expect(signals.map((signal) => signal.aborted)).toEqual([false, true, false])
        const id = (error as DataApiTimeoutError).statementId as string
        expect((await h.statuses())[id]).toBe('ABORTED')
      },
      { timeoutMs: 1500 },
    )
  })
})

describe('cancel when polling fails for good or the caller aborts', () => {
  it('R-API-2, R-API-15: DescribeStatement failing past its retries cancels the running statement', async () => {
    await withServer(
      {
        faults: {
          hang: /hang_me/,
          fail: [{ operation: 'DescribeStatement', error: 'InternalServerException', times: 50 }],
        },
      },
      async (h) => {
        const error = await sql`select 3 as hang_me`.execute(h.db).catch((e) => e)
        expect(error).toBeInstanceOf(DataApiRequestError)
        expect(error).toMatchObject({
          command: 'DescribeStatement',
          serviceCode: 'InternalServerException',
          attempts: 3,
          cancelled: true,
        })
        const id = error.statementId as string
        expect(id).toMatch(/^[0-9a-f-]{36}$/)
        expect(error.message).toContain(`for statement ${id}`)
        expect(h.server.calls.CancelStatement).toBe(1)
        expect((await h.statuses())[id]).toBe('ABORTED')
        expect(h.events.find((e) => e.kind === 'cancel')).toMatchObject({ reason: 'error' })
      },
      { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } },
    )
  })

  it("R-API-15: streamQuery's signal cancels the running statement before rejecting", async () => {
    await withServer(
      { faults: { hang: /hang_me/ } },
      async (h) => {
        const controller = new AbortController()
        const reason = new Error('user navigated away')
        setTimeout(() => controller.abort(reason), 150)
        const { ms, error } = await timed(
          drain(streamQuery(h.config, 'select 4 as hang_me', { signal: controller.signal })),
        )
        expect(error).toBeInstanceOf(DataApiAbortError)
        expect(error).toMatchObject({ code: 'CALLER_ABORTED', phase: 'run', cancelled: true })
        expect((error as DataApiAbortError).cause).toBe(reason)
        expect(ms).toBeLessThan(2000)
        const id = (error as DataApiAbortError).statementId as string
        expect((await h.statuses())[id]).toBe('ABORTED')
        expect(h.events.find((e) => e.kind === 'cancel')).toMatchObject({ reason: 'abort' })
      },
      // Without the signal the statement would run into this deadline instead.
      { timeoutMs: 3000 },
    )
  })

  it("the dialect's signal cancels its running query and refuses later ones without sending them", async () => {
    const controller = new AbortController()
    await withServer(
      { faults: { hang: /hang_me/ } },
      async (h) => {
        setTimeout(() => controller.abort(), 150)
        const error = await sql`select 5 as hang_me`.execute(h.db).catch((e) => e)
        expect(error).toBeInstanceOf(DataApiAbortError)
        expect(error).toMatchObject({ phase: 'run', cancelled: true })
        expect((await h.statuses())[error.statementId]).toBe('ABORTED')
        const later = await sql`select 1`.execute(h.db).catch((e) => e)
        expect(later).toBeInstanceOf(DataApiAbortError)
        expect(later).toMatchObject({ phase: 'submit', statementId: undefined, cancelled: false })
        expect(h.server.calls.ExecuteStatement).toBe(1)
      },
      { timeoutMs: 3000, signal: controller.signal },
    )
  })

  it("R-API-6, R-API-15: batch's signal cancels the running batch; an aborted signal sends nothing", async () => {
    await withServer(
      { faults: { hang: /hang_me/ } },
      async (h) => {
        const controller = new AbortController()
        setTimeout(() => controller.abort(), 150)
        const error = await batch(h.config, ['select 1', 'select 6 as hang_me'], {
          signal: controller.signal,
        }).catch((e) => e)
        expect(error).toBeInstanceOf(DataApiAbortError)
        expect(error).toMatchObject({ phase: 'run', cancelled: true })
        expect((await h.statuses())[error.statementId]).toBe('ABORTED')
        const before = h.server.calls.BatchExecuteStatement
        const early = await batch(h.config, ['select 1'], { signal: AbortSignal.abort() }).catch(
          (e) => e,
        )
        expect(early).toMatchObject({ code: 'CALLER_ABORTED', phase: 'submit' })
        expect(h.server.calls.BatchExecuteStatement).toBe(before)
      },
      { timeoutMs: 3000 },
    )
  })
})

describe('a repeating NextToken (R-API-12)', () => {
  it('R-API-12: is a DataApiResultError naming the statement and the token, not an endless loop', async () => {
    await withServer({ pageSize: 2, faults: { repeatNextToken: true } }, async (h) => {
      const pages: number[][] = []
      const { error } = await timed(
        (async () => {
          for await (const page of streamQuery(h.config, 'select n from numbers order by n')) {
            pages.push(page.map((r) => r.n as number))
            if (pages.length >= 10) break
          }
        })(),
      )
      expect(error).toBeInstanceOf(DataApiResultError)
      expect(error).toMatchObject({ code: 'NEXT_TOKEN_REPEATED', nextToken: expect.any(String) })
      const e = error as DataApiResultError
      expect(e.message).toContain(e.statementId)
      expect(e.message).toContain(e.nextToken)
      expect(pages).toEqual([[1, 2]])
      expect(h.server.calls.GetStatementResult).toBe(2)
      // Kysely's .stream() and .execute() stop the same way.
      let streamed = 0
      const viaStream = await (async () => {
        for await (const _ of h.db.selectFrom('numbers').select('n').stream()) {
          if (++streamed >= 20) break
        }
      })().catch((x) => x)
      expect(viaStream).toBeInstanceOf(DataApiResultError)
      expect(streamed).toBe(2)
    })
  })
})

describe('DatabaseConnectionException (R-API-2, R-API-3)', () => {
  it('R-API-3: CancelStatement answering DatabaseConnectionException is retried within cancelTimeoutMs', async () => {
    await withServer(
      {
        faults: {
          hang: /hang_me/,
          fail: [{ operation: 'CancelStatement', error: 'DatabaseConnectionException' }],
        },
      },
      async (h) => {
        const error = await sql`select 7 as hang_me`.execute(h.db).catch((e) => e)
        expect(error).toMatchObject({ code: 'STATEMENT_TIMEOUT', cancelled: true })
        expect(h.server.calls.CancelStatement).toBe(2)
        expect(h.events.filter((e) => e.kind === 'retry')).toEqual([
          expect.objectContaining({
            command: 'CancelStatement',
            error: expect.objectContaining({
              name: 'DatabaseConnectionException',
              $fault: 'server',
              $metadata: expect.objectContaining({ httpStatusCode: 500 }),
            }),
          }),
        ])
      },
      { timeoutMs: 1500 },
    )
  })

  it('R-API-3: when it persists, the timeout says cancelled: false and carries the cancel failure', async () => {
    await withServer(
      {
        faults: {
          hang: /hang_me/,
          fail: [{ operation: 'CancelStatement', error: 'DatabaseConnectionException', times: 99 }],
        },
      },
      async (h) => {
        const error = await sql`select 8 as hang_me`.execute(h.db).catch((e) => e)
        expect(error).toBeInstanceOf(DataApiTimeoutError)
        expect(error).toMatchObject({ phase: 'run', cancelled: false })
        expect(error.message).toContain('not cancelled')
        expect(error.cause).toBeInstanceOf(DataApiRequestError)
        expect(error.cause).toMatchObject({
          command: 'CancelStatement',
          serviceCode: 'DatabaseConnectionException',
          retryable: true,
          attempts: 4,
        })
        expect((await h.statuses())[error.statementId]).toBe('STARTED')
      },
      { timeoutMs: 1500, retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2 } },
    )
  })
})

describe('int8 beyond 2^53 (R-API-9, R-API-10)', () => {
  const big = (db: AnyDb) =>
    sql<{ big: unknown }>`select ${sql.lit(BIG)}::int8 as big`.execute(db).then((r) => r.rows)

  it('R-API-10: JSON results carry int8 as a JSON number, which loses the last digit', async () => {
    await withServer({}, async (h) => {
      // What the SDK itself makes of the wire (where redshift-local keeps every digit).
      const { Id } = await h.client.send(
        new ExecuteStatementCommand({
          WorkgroupName: WORKGROUP,
          Database: 'dev',
          SecretArn: ns.adminSecretArn,
          Sql: `select ${BIG}::int8 as big`,
          WaitTimeSeconds: 5,
        }),
      )
      const result = await h.client.send(new GetStatementResultCommand({ Id }))
      expect(result.Records?.[0]?.[0]?.longValue).toBe(9007199254740992)
      // The dialect refuses to pass the rounded value off as exact.
      const error = await big(h.db).catch((e) => e)
      expect(error).toBeInstanceOf(DataApiResultError)
      expect(error).toMatchObject({
        code: 'INT8_PRECISION_LOST',
        column: 'big',
        value: 9007199254740992,
      })
      expect(error.message).toContain("resultFormat: 'CSV'")
    })
    // int8: 'number' accepts the rounded value, as documented.
    await withServer(
      {},
      async (h) => expect(await big(h.db)).toEqual([{ big: 9007199254740992 }]),
      {
        int8: 'number',
      },
    )
  })

  it("R-API-9: resultFormat 'CSV' (GetStatementResultV2) keeps every digit, as string or bigint", async () => {
    await withServer(
      {},
      async (h) => {
        expect(await big(h.db)).toEqual([{ big: BIG }])
        expect(h.sendOptions.map((o) => o.command)).toContain('GetStatementResultV2Command')
        expect(h.server.calls.GetStatementResult).toBeUndefined()
      },
      { resultFormat: 'CSV' },
    )
    await withServer({}, async (h) => expect(await big(h.db)).toEqual([{ big: BigInt(BIG) }]), {
      resultFormat: 'CSV',
      int8: 'bigint',
    })
  })

  it('R-API-9, R-API-12: CSV results map every type like JSON ones, over several pages, in batches too', async () => {
    const query = (db: AnyDb) => db.selectFrom('wide').selectAll().orderBy('id').execute()
    let fromJson: unknown[] = []
    await withServer(
      {},
      async (h) => {
        fromJson = await query(h.db)
      },
      { int8: 'number' },
    )
    await withServer(
      { pageSize: 2 },
      async (h) => {
        const rows = await query(h.db)
        expect(rows).toEqual([
          {
            id: 1,
            i8: BigInt(BIG),
            num: '12345678901234567890.1234567890',
            b: true,
            d: new Date(Date.UTC(2024, 1, 29)),
            ts: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)),
            f8: 0.1,
            s: 'a, "quoted"\nline',
            nul: null,
          },
          {
            id: 2,
            i8: -9223372036854775808n,
            num: '-1.5000000000',
            b: false,
            d: new Date(Date.UTC(1999, 11, 31)),
            ts: new Date(Date.UTC(1999, 11, 31, 23, 59, 59)),
            f8: -2.5e10,
            s: 'plain',
            nul: null,
          },
          {
            id: 3,
            i8: 9223372036854775807n,
            num: '0.0000000000',
            b: null,
            d: null,
            ts: null,
            f8: null,
            s: null,
            nul: null,
          },
        ])
        // Apart from int8 (exact here, rounded there), the same values as JSON results.
        const strip = (r: Record<string, unknown>) => ({ ...r, i8: undefined })
        expect(rows.map(strip)).toEqual((fromJson as Record<string, unknown>[]).map(strip))
        expect(h.server.calls.GetStatementResultV2).toBe(2)
        const result = await batch(h.config, ['select 1', `select i8 from wide where id = 1`])
        expect(await result.readRows(1)).toEqual([{ i8: BigInt(BIG) }])
      },
      { resultFormat: 'CSV', int8: 'bigint' },
    )
  })
})
