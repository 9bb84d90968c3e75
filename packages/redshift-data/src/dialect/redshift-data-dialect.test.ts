// The dialect end to end: the real RedshiftDataClient over HTTP against the Data API of
// @redshift-playground/redshift-local (an emulated Redshift Serverless account whose rules
// come from AWS's documentation, each with an id: R-… in REDSHIFT-RULES.md, D-… in
// redshift-local's docs/rule-decisions.md). One account for the whole file (creating one costs
// seconds); a Data API server per test (cheap), so its page size, faults and call counts are
// the test's own.
import {
  DescribeStatementCommand,
  type DescribeStatementCommandOutput,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data'
import {
  type DataApiServer,
  type DataApiServerOptions,
  LocalRedshift,
  type NamespaceInfo,
  startDataApiServer,
} from '@redshift-playground/redshift-local'
import { AbortedTransactionError, CompiledQuery, Kysely, Migrator, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { batch } from '../batch.js'
import {
  DataApiInputError,
  DataApiRequestError,
  DataApiStatementError,
  DataApiTimeoutError,
} from '../errors.js'
import { streamQuery } from '../stream-query.js'
import { RedshiftDataDialect } from './redshift-data-dialect.js'
import type { DataApiLogEvent, RedshiftDataDialectConfig } from './redshift-data-dialect-config.js'

// biome-ignore lint/suspicious/noExplicitAny: ad-hoc test tables.
type AnyDb = Kysely<any>

const WORKGROUP = 'wg-test'
let rs: LocalRedshift
let ns: NamespaceInfo

/** Runs SQL as the namespace's admin, behind the Data API's back (setup and checks). */
async function adminQuery(text: string): Promise<(string | null)[][]> {
  const s = await rs.connect({
    workgroup: WORKGROUP,
    database: 'dev',
    identity: { kind: 'secret', arn: ns.adminSecretArn },
  })
  try {
    const results = await s.execute(text)
    return (results.at(-1)?.rows ?? []).map((r) => [...r])
  } finally {
    await s.close()
  }
}

beforeAll(async () => {
  rs = await LocalRedshift.create()
  ns = await rs.createNamespace({ name: WORKGROUP })
  await adminQuery(`
    create table numbers (n int4 not null primary key, label varchar(20));
    create table types_rt (id int4, i4 int4, i8 int8, num numeric(30,10), b bool, d date,
      ts timestamp, tstz timestamptz, f8 float8, s varchar(50), e varchar(10), nul int4);
    insert into numbers values (1, 'n1'), (2, 'n2'), (3, 'n3'), (4, 'n4'), (5, 'n5'), (6, 'n6'),
      (7, 'n7'), (8, 'n8'), (9, 'n9'), (10, 'n10');
    create table accounts (id int4 not null primary key, owner varchar(40) not null, balance numeric(12,2) not null);
  `)
}, 120_000)
afterAll(async () => {
  await rs?.close()
})

const fast = { polling: { initialDelayMs: 1, multiplier: 1.5, maxDelayMs: 20 } } as const

/** What one test sees: the Kysely, the server, the dialect config, and what was sent. */
interface Harness {
  readonly db: AnyDb
  readonly server: DataApiServer
  readonly client: RedshiftDataClient
  readonly config: RedshiftDataDialectConfig
  /** Every request the client sent (recorded by an SDK middleware), in order. */
  readonly sent: { readonly command: string; readonly input: Record<string, unknown> }[]
  /** The dialect's log events (also passed to a logger given in the dialect options). */
  readonly events: DataApiLogEvent[]
  /** DescribeStatement of a statement, as the service reports it. */
  describe(id: string): Promise<DescribeStatementCommandOutput>
  /** The id of the last statement the dialect logged. */
  lastStatementId(): string
}

/**
 * A Data API server on the account, the real SDK client pointed at it, and a Kysely over the
 * dialect, all closed after `fn`. The client makes one attempt per request unless told
 * otherwise (`sdkMaxAttempts`), so retries seen here are the dialect's own, not the SDK's
 * (they stack in production).
 * Statements run with the namespace's admin secret unless `secretArn: undefined` is given.
 */
async function withServer(
  serverOptions: Omit<DataApiServerOptions, 'redshift'>,
  fn: (h: Harness) => Promise<void>,
  dialectOptions: Partial<RedshiftDataDialectConfig> = {},
  sdkMaxAttempts = 1,
): Promise<void> {
  const server = await startDataApiServer({ redshift: rs, ...serverOptions })
  const client = new RedshiftDataClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
    maxAttempts: sdkMaxAttempts,
  })
  const sent: Harness['sent'] = []
  client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push({ command: String(context.commandName), input: { ...(args.input as object) } })
      return next(args)
    },
    { step: 'initialize', name: 'recordRequests' },
  )
  const events: DataApiLogEvent[] = []
  const logger = dialectOptions.logger
  const config: RedshiftDataDialectConfig = {
    client,
    workgroupName: WORKGROUP,
    database: 'dev',
    secretArn: ns.adminSecretArn,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...fast,
    ...dialectOptions,
    logger: (e) => {
      events.push(e)
      logger?.(e)
    },
  }
  const db = new Kysely({ dialect: new RedshiftDataDialect(config) })
  try {
    await fn({
      db,
      server,
      client,
      config,
      sent,
      events,
      describe: (id) => client.send(new DescribeStatementCommand({ Id: id })),
      lastStatementId() {
        const last = events.findLast((e) => e.kind === 'statement')
        if (last?.kind !== 'statement') throw new Error('no statement was logged')
        return last.statementId
      },
    })
  } finally {
    await db.destroy()
    client.destroy()
    await server.close()
  }
}

const parametersOf = (d: DescribeStatementCommandOutput) =>
  Object.fromEntries((d.QueryParameters ?? []).map((p) => [p.name, p.value]))

describe('queries', () => {
  it('R-API-4, R-API-5: returns rows and sends named parameters :p1 …', async () => {
    await withServer({}, async (h) => {
      const rows = await h.db
        .selectFrom('numbers')
        .select(['n', 'label'])
        .where('n', '>', 7)
        .orderBy('n')
        .execute()
      expect(rows).toEqual([
        { n: 8, label: 'n8' },
        { n: 9, label: 'n9' },
        { n: 10, label: 'n10' },
      ])
      // As the service recorded it (DescribeStatement echoes QueryString and QueryParameters).
      const seen = await h.describe(h.lastStatementId())
      expect(seen.QueryString).toBe(
        'select "n", "label" from "numbers" where "n" > :p1 order by "n"',
      )
      expect(seen.QueryParameters).toEqual([{ name: 'p1', value: '7' }])
    })
  })

  it('R-API-5, R-API-10: round-trips every parameter type through the warehouse', async () => {
    await withServer(
      {},
      async (h) => {
        const row = {
          id: 1,
          i4: -42,
          i8: 1234567890123n,
          num: '12345678901234567890.1234567890',
          b: true,
          d: new Date(Date.UTC(2024, 1, 29)),
          ts: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)),
          tstz: new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 1)),
          f8: 0.1,
          s: "O'Brien \\ :p9 -- not a comment",
          e: '',
          nul: null,
        }
        await h.db.insertInto('types_rt').values(row).execute()
        const params = parametersOf(await h.describe(h.lastStatementId()))
        expect(params).toMatchObject({
          p2: '-42',
          p3: '1234567890123',
          p4: '12345678901234567890.1234567890',
          p5: 'true',
          p6: '2024-02-29 00:00:00.000+00',
          p7: '2024-01-02 03:04:05.678+00',
          p9: '0.1',
        })
        // '' and NULL cannot be Data API parameters: they went into the SQL as literals.
        expect(Object.keys(params)).toHaveLength(10)
        const back = await h.db
          .selectFrom('types_rt')
          .selectAll()
          .where('id', '=', 1)
          .executeTakeFirstOrThrow()
        expect(back).toEqual(row)
        // The same values as literals (sql.lit) come back identical too, backslash included
        // (D-10: a backslash in a Redshift literal is written as two).
        const lit = await sql<{
          s: string
          e: string
        }>`select ${sql.lit(row.s)} as s, ${sql.lit('')} as e`.execute(h.db)
        expect(lit.rows).toEqual([{ s: row.s, e: '' }])
        await h.db.deleteFrom('types_rt').execute()
      },
      { int8: 'bigint' },
    )
  })

  it('R-API-10: maps int8 (longValue) by option: string (default), bigint, number', async () => {
    const count = (db: AnyDb) =>
      db
        .selectFrom('numbers')
        .select((eb) => eb.fn.countAll().as('c'))
        .executeTakeFirstOrThrow()
    await withServer({}, async (h) => expect(await count(h.db)).toEqual({ c: '10' }))
    await withServer({}, async (h) => expect(await count(h.db)).toEqual({ c: 10n }), {
      int8: 'bigint',
    })
    await withServer({}, async (h) => expect(await count(h.db)).toEqual({ c: 10 }), {
      int8: 'number',
    })
  })

  it('R-API-8: reports affected rows (ResultRows) of insert, update and delete', async () => {
    await withServer({}, async ({ db }) => {
      const inserted = await db
        .insertInto('accounts')
        .values([
          { id: 100, owner: 'a', balance: '1.00' },
          { id: 101, owner: 'b', balance: '2.00' },
        ])
        .executeTakeFirst()
      expect(inserted.numInsertedOrUpdatedRows).toBe(2n)
      const updated = await db
        .updateTable('accounts')
        .set({ balance: '3.00' })
        .where('id', '>=', 100)
        .executeTakeFirst()
      expect(updated.numUpdatedRows).toBe(2n)
      const deleted = await db.deleteFrom('accounts').where('id', '>=', 100).executeTakeFirst()
      expect(deleted.numDeletedRows).toBe(2n)
    })
  })

  it('R-API-12: pages GetStatementResult by NextToken (page size 2 over 10 rows)', async () => {
    await withServer({ pageSize: 2 }, async ({ db, server }) => {
      const rows = await db.selectFrom('numbers').select('n').orderBy('n').execute()
      expect(rows.map((r) => r.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
      expect(server.calls.GetStatementResult).toBe(5)
    })
  })

  it('R-API-12: streams page by page through Kysely and streamQuery', async () => {
    await withServer({ pageSize: 4 }, async ({ db, server, config }) => {
      const chunks: number[][] = []
      for await (const row of db.selectFrom('numbers').select('n').orderBy('n').stream(3)) {
        if (chunks.length === 0 || chunks.at(-1)!.length === 3) chunks.push([])
        chunks.at(-1)!.push(row.n)
      }
      expect(chunks.flat()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
      const before = server.calls.GetStatementResult ?? 0
      const pages: number[][] = []
      for await (const page of streamQuery(
        config,
        'select n from numbers where n > :min order by n',
        {
          parameters: { min: 2 },
        },
      ))
        pages.push(page.map((r) => r.n as number))
      expect(pages).toEqual([
        [3, 4, 5, 6],
        [7, 8, 9, 10],
      ])
      expect((server.calls.GetStatementResult ?? 0) - before).toBe(2)
    })
  })

  it('R-API-7: polls DescribeStatement while the statement runs, and logs it with its poll count and duration', async () => {
    // The statement stays STARTED for a 60 ms service time (a timer in the server, so the
    // event loop stays free), then runs.
    await withServer({ faults: { serviceTimeMs: 60 } }, async ({ db, server, events }) => {
      await sql`select 1 as x`.execute(db)
      const event = events.find((e) => e.kind === 'statement')
      expect(event).toMatchObject({
        kind: 'statement',
        status: 'FINISHED',
        sql: 'select 1 as x',
        resultRows: 1,
        polls: server.calls.DescribeStatement,
      })
      expect(event && event.kind === 'statement' && event.polls).toBeGreaterThan(1)
      expect(event && event.kind === 'statement' && event.durationMs).toBeGreaterThanOrEqual(60)
    })
  })

  it('R-IAM-1: without a secret, statements run as the caller’s IAM identity (IAMR:<role>)', async () => {
    await withServer(
      {},
      async ({ db }) => {
        const me = await sql<{ u: string }>`select current_user as u`.execute(db)
        expect(me.rows).toEqual([{ u: 'IAMR:rsp-local' }])
      },
      { secretArn: undefined },
    )
  })
})

describe('failures', () => {
  it('R-API-3: turns a FAILED statement into DataApiStatementError, without retrying it', async () => {
    await withServer({}, async (h) => {
      const error = await h.db
        .selectFrom('missing_table')
        .selectAll()
        .execute()
        .catch((e) => e)
      expect(error).toBeInstanceOf(DataApiStatementError)
      expect(error).toMatchObject({
        code: 'STATEMENT_FAILED',
        status: 'FAILED',
        sql: 'select * from "missing_table"',
        serverMessage: 'ERROR: relation "missing_table" does not exist',
      })
      expect(error.statementId).toBe(h.lastStatementId())
      expect((await h.describe(error.statementId)).Status).toBe('FAILED')
      expect(h.server.calls.ExecuteStatement).toBe(1)
    })
  })

  it('R-API-2, R-API-13: retries throttling with the same ClientToken, then succeeds', async () => {
    const events: DataApiLogEvent[] = []
    await withServer(
      {
        faults: {
          fail: [{ operation: 'ExecuteStatement', error: 'ThrottlingException', times: 2 }],
        },
      },
      async ({ db, server, sent }) => {
        const rows = await sql`select 2 as two`.execute(db)
        expect(rows.rows).toEqual([{ two: 2 }])
        expect(server.calls.ExecuteStatement).toBe(3)
        const tokens = sent
          .filter((s) => s.command === 'ExecuteStatementCommand')
          .map((s) => s.input.ClientToken)
        expect(tokens).toHaveLength(3)
        expect(new Set(tokens).size).toBe(1)
      },
      { logger: (e) => events.push(e) },
    )
    expect(events.filter((e) => e.kind === 'retry')).toHaveLength(2)
  })

  it("R-API-2: the dialect's retries stack on the SDK client's own: throttling the SDK absorbs never reaches the dialect", async () => {
    await withServer(
      {
        faults: {
          fail: [{ operation: 'ExecuteStatement', error: 'ThrottlingException', times: 2 }],
        },
      },
      async ({ db, server, events }) => {
        expect((await sql`select 4 as four`.execute(db)).rows).toEqual([{ four: 4 }])
        expect(server.calls.ExecuteStatement).toBe(3)
        expect(events.filter((e) => e.kind === 'retry')).toEqual([])
      },
      {},
      3,
    )
  })

  it('R-API-2: retries ActiveStatementsExceededException and 5xx (InternalServerException) on any command', async () => {
    await withServer(
      {
        faults: {
          fail: [
            { operation: 'ExecuteStatement', error: 'ActiveStatementsExceededException' },
            { operation: 'DescribeStatement', error: 'InternalServerException', times: 2 },
            { operation: 'GetStatementResult', error: 'InternalServerException' },
          ],
        },
      },
      async ({ db, server }) => {
        expect((await sql`select 3 as three`.execute(db)).rows).toEqual([{ three: 3 }])
        expect(server.calls.ExecuteStatement).toBe(2)
        expect(server.calls.GetStatementResult).toBe(2)
      },
    )
  })

  it('R-API-2: gives up after maxAttempts with DataApiRequestError', async () => {
    await withServer(
      {
        faults: {
          fail: [{ operation: 'ExecuteStatement', error: 'ThrottlingException', times: 10 }],
        },
      },
      async ({ db, server }) => {
        const error = await sql`select 1`.execute(db).catch((e) => e)
        expect(error).toBeInstanceOf(DataApiRequestError)
        expect(error).toMatchObject({
          code: 'REQUEST_FAILED',
          command: 'ExecuteStatement',
          attempts: 3,
          serviceCode: 'ThrottlingException',
          retryable: true,
        })
        expect(server.calls.ExecuteStatement).toBe(3)
      },
      { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } },
    )
  })

  it('R-API-2: never retries a ValidationException', async () => {
    await withServer({}, async ({ db, server }) => {
      server.injectFault({ operation: 'ExecuteStatement', error: 'ValidationException' })
      const error = await sql`select 1`.execute(db).catch((e) => e)
      expect(error).toMatchObject({
        serviceCode: 'ValidationException',
        attempts: 1,
        retryable: false,
      })
      expect(server.calls.ExecuteStatement).toBe(1)
    })
  })

  it('R-API-15: cancels a statement that outlives timeoutMs (CancelStatement → ABORTED)', async () => {
    await withServer(
      { faults: { hang: /hang_me/ } },
      async (h) => {
        const error = await sql`select 1 as hang_me`.execute(h.db).catch((e) => e)
        expect(error).toBeInstanceOf(DataApiTimeoutError)
        expect(error).toMatchObject({ code: 'STATEMENT_TIMEOUT', timeoutMs: 80, cancelled: true })
        expect(h.server.calls.CancelStatement).toBe(1)
        expect(await h.describe(error.statementId)).toMatchObject({
          Id: error.statementId,
          Status: 'ABORTED',
        })
      },
      { timeoutMs: 80 },
    )
  })

  it('R-API-5, R-API-13: refuses bad parameters and oversized SQL before sending anything', async () => {
    await withServer({}, async ({ db, server }) => {
      const empty = await db
        .executeQuery(CompiledQuery.raw('select :p1 as x', ['']))
        .catch((e) => e)
      expect(empty).toBeInstanceOf(DataApiInputError)
      expect(empty).toMatchObject({ code: 'INVALID_PARAMETER', field: 'p1', value: '' })
      const big = await sql`select ${sql.lit('x'.repeat(110_000))} as x`.execute(db).catch((e) => e)
      expect(big).toMatchObject({ code: 'SQL_TOO_LARGE', field: 'sql' })
      expect(server.calls.ExecuteStatement).toBeUndefined()
    })
  })
})

describe('transactions (Data API sessions, R-API-14)', () => {
  it('R-API-14: commits all statements of one session', async () => {
    await withServer({}, async (h) => {
      await h.db.transaction().execute(async (trx) => {
        await trx.insertInto('accounts').values({ id: 1, owner: 'ann', balance: '10.00' }).execute()
        await trx.insertInto('accounts').values({ id: 2, owner: 'bob', balance: '20.00' }).execute()
      })
      const rows = await h.db
        .selectFrom('accounts')
        .select(['id', 'balance'])
        .orderBy('id')
        .execute()
      expect(rows).toEqual([
        { id: 1, balance: '10.00' },
        { id: 2, balance: '20.00' },
      ])
      const inputs = h.sent
        .filter((s) => s.command === 'ExecuteStatementCommand')
        .map((s) => s.input)
      expect(inputs.slice(0, 4).map((i) => i.Sql)).toEqual([
        'begin',
        'insert into "accounts" ("id", "owner", "balance") values (:p1, :p2, :p3)',
        'insert into "accounts" ("id", "owner", "balance") values (:p1, :p2, :p3)',
        'commit',
      ])
      expect(inputs[0]).toMatchObject({ SessionKeepAliveSeconds: 60, WorkgroupName: WORKGROUP })
      const begin = h.events.find((e) => e.kind === 'statement' && e.sql === 'begin')
      const sessionId = begin?.kind === 'statement' ? begin.sessionId : undefined
      expect(sessionId).toBeDefined()
      for (const input of inputs.slice(1, 4)) {
        expect(input.SessionId).toBe(sessionId)
        expect(input.WorkgroupName).toBeUndefined()
      }
      // The service ran all four in that session.
      const ids = h.events.flatMap((e) => (e.kind === 'statement' ? [e.statementId] : []))
      for (const id of ids.slice(0, 4)) expect((await h.describe(id)).SessionId).toBe(sessionId)
      await h.db.deleteFrom('accounts').execute()
    })
  })

  it('R-API-14: rolls back when the callback throws', async () => {
    await withServer({}, async ({ db, sent }) => {
      const error = await db
        .transaction()
        .execute(async (trx) => {
          await trx.insertInto('accounts').values({ id: 3, owner: 'cy', balance: '1.00' }).execute()
          throw new Error('changed my mind')
        })
        .catch((e) => e)
      expect(error.message).toBe('changed my mind')
      expect(await db.selectFrom('accounts').selectAll().execute()).toEqual([])
      const sqls = sent.filter((s) => s.command === 'ExecuteStatementCommand').map((s) => s.input)
      expect(sqls.at(-2)).toMatchObject({ Sql: 'rollback', SessionId: expect.any(String) })
    })
  })

  it('R-API-14: reports a transaction the server aborted instead of committing it', async () => {
    await withServer({}, async ({ db }) => {
      const error = await db
        .transaction()
        .execute(async (trx) => {
          await trx.insertInto('accounts').values({ id: 4, owner: 'di', balance: '1.00' }).execute()
          await trx
            .selectFrom('missing_table')
            .selectAll()
            .execute()
            .catch(() => undefined)
        })
        .catch((e) => e)
      expect(error).toBeInstanceOf(AbortedTransactionError)
      expect(await db.selectFrom('accounts').selectAll().execute()).toEqual([])
    })
  })

  it('R-API-14: passes isolation level and access mode to BEGIN', async () => {
    await withServer({}, async ({ db, sent }) => {
      await db
        .transaction()
        .setIsolationLevel('serializable')
        .setAccessMode('read only')
        .execute(async (trx) => {
          await trx.selectFrom('numbers').select('n').limit(1).execute()
        })
      const sqls = sent
        .filter((s) => s.command === 'ExecuteStatementCommand')
        .map((s) => s.input.Sql)
      expect(sqls).toEqual([
        'begin isolation level serializable read only',
        'select "n" from "numbers" limit :p1',
        'commit',
      ])
    })
  })
})

describe('batch (R-API-6)', () => {
  it('R-API-6: runs up to 40 statements in one transaction, with sub-statement ids <id>:<n>', async () => {
    await withServer({}, async ({ db, server, config }) => {
      const result = await batch(config, [
        'create table batch_t (id int4, v varchar(10))',
        db.insertInto('batch_t').values({ id: sql.lit(1), v: sql.lit('one') }),
        CompiledQuery.raw('select id, v from batch_t'),
      ])
      expect(result.subStatements.map((s) => s.id)).toEqual(
        [1, 2, 3].map((n) => `${result.statementId}:${n}`),
      )
      expect(result.subStatements.map((s) => s.status)).toEqual([
        'FINISHED',
        'FINISHED',
        'FINISHED',
      ])
      expect(await result.readRows(2)).toEqual([{ id: 1, v: 'one' }])
      expect(server.calls.BatchExecuteStatement).toBe(1)
      await adminQuery('drop table batch_t')
    })
  })

  it('R-API-6: rolls the whole batch back when one statement fails', async () => {
    await withServer({}, async ({ config }) => {
      const error = await batch(config, [
        "insert into numbers values (500, 'x')",
        'insert into no_such_table values (1)',
        "insert into numbers values (501, 'y')",
      ]).catch((e) => e)
      expect(error).toBeInstanceOf(DataApiStatementError)
      expect(error.subStatementId).toBe(`${error.statementId}:2`)
      expect(error.sql).toBe('insert into no_such_table values (1)')
      expect(await adminQuery('select n from numbers where n >= 500')).toEqual([])
    })
  })

  it('R-API-6: refuses more than 40 statements and statements with parameters', async () => {
    await withServer({}, async ({ db, server, config }) => {
      const many = Array.from({ length: 41 }, () => 'select 1')
      await expect(batch(config, many)).rejects.toMatchObject({
        code: 'INVALID_BATCH',
        field: 'statements',
      })
      await expect(
        batch(config, ['select 1', db.selectFrom('numbers').selectAll().where('n', '=', 1)]),
      ).rejects.toMatchObject({ code: 'INVALID_BATCH', field: 'statements[1]', value: [1] })
      expect(server.calls.BatchExecuteStatement).toBeUndefined()
    })
  })
})

describe('introspection (SVV_TABLES / SVV_COLUMNS, R-SVV)', () => {
  it('reads tables, columns, defaults and comments from SVV_COLUMNS joined to SVV_TABLES', async () => {
    await adminQuery(`
      create schema intro;
      create table intro.dim_airport (airport_key int4 not null, code char(3) default 'XXX', city varchar(40));
      comment on column intro.dim_airport.airport_key is 'surrogate key';
      create view intro.airports as select airport_key, code from intro.dim_airport;
    `)
    try {
      await withServer({}, async ({ db, sent }) => {
        const tables = (await db.introspection.getTables()).filter((t) => t.schema === 'intro')
        expect(tables).toEqual([
          {
            name: 'airports',
            schema: 'intro',
            isView: true,
            columns: [
              expect.objectContaining({ name: 'airport_key', dataType: 'integer' }),
              expect.objectContaining({ name: 'code', dataType: 'character' }),
            ],
          },
          {
            name: 'dim_airport',
            schema: 'intro',
            isView: false,
            columns: [
              {
                name: 'airport_key',
                dataType: 'integer',
                isNullable: false,
                hasDefaultValue: false,
                isAutoIncrementing: false,
                comment: 'surrogate key',
              },
              {
                name: 'code',
                dataType: 'character',
                isNullable: true,
                hasDefaultValue: true,
                isAutoIncrementing: false,
              },
              {
                name: 'city',
                dataType: 'character varying',
                isNullable: true,
                hasDefaultValue: false,
                isAutoIncrementing: false,
              },
            ],
          },
        ])
        // Straight from the SVV views: no fallback to information_schema was needed.
        const sqls = sent
          .filter((s) => s.command === 'ExecuteStatementCommand')
          .map((s) => String(s.input.Sql))
        expect(sqls).toHaveLength(1)
        expect(sqls[0]).toContain('from svv_columns c join svv_tables t')
        const schemas = (await db.introspection.getSchemas()).map((s) => s.name)
        expect(schemas).toEqual(expect.arrayContaining(['intro', 'public']))
      })
    } finally {
      await adminQuery('drop schema intro cascade')
    }
  })
})

describe('migrations', () => {
  const provider = {
    async getMigrations() {
      return {
        '0001_widgets': {
          async up(db: AnyDb) {
            await db.schema.createTable('widgets').addColumn('id', 'integer').execute()
          },
          async down(db: AnyDb) {
            await db.schema.dropTable('widgets').execute()
          },
        },
      }
    },
  }
  const widgets = () =>
    adminQuery(
      "select count(*) from svv_tables where table_schema = 'public' and table_name = 'widgets'",
    )

  it("Kysely's Migrator runs up and down through the dialect (row lock, not LOCK TABLE)", async () => {
    await withServer({}, async ({ db }) => {
      const migrator = new Migrator({ db, provider })
      const up = await migrator.migrateToLatest()
      expect(up.error).toBeUndefined()
      expect(up.results?.map((r) => [r.migrationName, r.status])).toEqual([
        ['0001_widgets', 'Success'],
      ])
      expect(await widgets()).toEqual([['1']])
      const lock = await sql<{
        is_locked: number
      }>`select is_locked from kysely_migration_lock`.execute(db)
      expect(lock.rows).toEqual([{ is_locked: 0 }])
      const down = await migrator.migrateDown()
      expect(down.error).toBeUndefined()
      expect(await widgets()).toEqual([['0']])
    })
  })

  it('waits for a lock held by another migrator, then gives up with a clear error', async () => {
    await withServer(
      {},
      async ({ db }) => {
        // The lock table and row exist after a first (empty-to-latest) run.
        await new Migrator({ db, provider: { getMigrations: async () => ({}) } }).migrateToLatest()
        await sql`update kysely_migration_lock set is_locked = 1`.execute(db)
        try {
          const result = await new Migrator({ db, provider }).migrateToLatest()
          expect(result.error).toMatchObject({ code: 'MIGRATION_LOCK_TIMEOUT' })
          expect(String((result.error as Error).message)).toContain(
            'UPDATE kysely_migration_lock SET is_locked = 0',
          )
          expect(await widgets()).toEqual([['0']])
        } finally {
          await sql`update kysely_migration_lock set is_locked = 0`.execute(db)
          await sql`drop table kysely_migration`.execute(db)
          await sql`drop table kysely_migration_lock`.execute(db)
        }
      },
      { migrationLock: { timeoutMs: 60, pollMs: 20 } },
    )
  })
})
