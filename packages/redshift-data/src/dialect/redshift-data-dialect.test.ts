import { ExecuteStatementCommand } from '@aws-sdk/client-redshift-data'
import { PGlite } from '@electric-sql/pglite'
import { AbortedTransactionError, CompiledQuery, Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { batch } from '../batch.js'
import {
  DataApiInputError,
  DataApiRequestError,
  DataApiStatementError,
  DataApiTimeoutError,
} from '../errors.js'
import { streamQuery } from '../stream-query.js'
import { createFakeDataApi, type FakeDataApi, type FakeDataApiOptions } from '../testing/index.js'
import { RedshiftDataDialect } from './redshift-data-dialect.js'
import type { DataApiLogEvent, RedshiftDataDialectConfig } from './redshift-data-dialect-config.js'

// biome-ignore lint/suspicious/noExplicitAny: ad-hoc test tables.
type AnyDb = Kysely<any>

// One PGlite for the whole file: starting one costs seconds on a busy 2-core machine.
let pglite: PGlite

beforeAll(async () => {
  pglite = new PGlite()
  await pglite.exec(`
    create table numbers (n int4 primary key, label varchar(20));
    create table types_rt (id int4, i4 int4, i8 int8, num numeric(30,10), b bool, d date,
      ts timestamp, tstz timestamptz, f8 float8, s varchar(50), e varchar(10), nul int4);
    insert into numbers select g, 'n' || g from generate_series(1, 10) g;
    create table accounts (id int4 primary key, owner varchar(40) not null, balance numeric(12,2) not null);
  `)
})
afterAll(async () => {
  await pglite.close()
})

const fast = { polling: { initialDelayMs: 1, multiplier: 1.5, maxDelayMs: 20 } } as const

/** A fake plus a Kysely over it, closed after `fn`. */
async function withFake(
  fakeOptions: FakeDataApiOptions,
  fn: (db: AnyDb, fake: FakeDataApi, config: RedshiftDataDialectConfig) => Promise<void>,
  dialectOptions: Partial<RedshiftDataDialectConfig> = {},
): Promise<void> {
  const fake = await createFakeDataApi({ pglite, ...fakeOptions })
  const config: RedshiftDataDialectConfig = {
    client: fake.client,
    workgroupName: 'wg-test',
    database: 'dev',
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...fast,
    ...dialectOptions,
  }
  const db = new Kysely({ dialect: new RedshiftDataDialect(config) })
  try {
    await fn(db, fake, config)
  } finally {
    await db.destroy()
    await fake.close()
  }
}

describe('queries', () => {
  it('returns rows and sends named parameters :p1 …', async () => {
    await withFake({}, async (db, fake) => {
      const rows = await db
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
      const seen = fake.statements.at(-1)!
      expect(seen.sql).toBe('select "n", "label" from "numbers" where "n" > :p1 order by "n"')
      expect(seen.parameters).toEqual({ p1: '7' })
    })
  })

  it('round-trips every parameter type through the warehouse', async () => {
    await withFake(
      {},
      async (db, fake) => {
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
        await db.insertInto('types_rt').values(row).execute()
        const params = fake.statements.at(-1)!.parameters
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
        const back = await db
          .selectFrom('types_rt')
          .selectAll()
          .where('id', '=', 1)
          .executeTakeFirstOrThrow()
        expect(back).toEqual(row)
        // The same values as literals (sql.lit) come back identical too, backslash included.
        const lit = await sql<{
          s: string
          e: string
        }>`select ${sql.lit(row.s)} as s, ${sql.lit('')} as e`.execute(db)
        expect(lit.rows).toEqual([{ s: row.s, e: '' }])
        await db.deleteFrom('types_rt').execute()
      },
      { int8: 'bigint' },
    )
  })

  it('maps int8 by option: string (default), bigint, number', async () => {
    const count = (db: AnyDb) =>
      db
        .selectFrom('numbers')
        .select((eb) => eb.fn.countAll().as('c'))
        .executeTakeFirstOrThrow()
    await withFake({}, async (db) => expect(await count(db)).toEqual({ c: '10' }))
    await withFake({}, async (db) => expect(await count(db)).toEqual({ c: 10n }), {
      int8: 'bigint',
    })
    await withFake({}, async (db) => expect(await count(db)).toEqual({ c: 10 }), { int8: 'number' })
  })

  it('reports affected rows of insert, update and delete', async () => {
    await withFake({}, async (db) => {
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

  it('pages GetStatementResult by NextToken (page size 2 over 10 rows)', async () => {
    await withFake({ pageSize: 2 }, async (db, fake) => {
      const rows = await db.selectFrom('numbers').select('n').orderBy('n').execute()
      expect(rows.map((r) => r.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
      expect(fake.calls.GetStatementResult).toBe(5)
    })
  })

  it('streams page by page through Kysely and streamQuery', async () => {
    await withFake({ pageSize: 4 }, async (db, fake, config) => {
      const chunks: number[][] = []
      for await (const row of db.selectFrom('numbers').select('n').orderBy('n').stream(3)) {
        if (chunks.length === 0 || chunks.at(-1)!.length === 3) chunks.push([])
        chunks.at(-1)!.push(row.n)
      }
      expect(chunks.flat()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
      const before = fake.calls.GetStatementResult
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
      expect(fake.calls.GetStatementResult - before).toBe(2)
    })
  })

  it('logs each statement with its poll count and duration', async () => {
    const events: DataApiLogEvent[] = []
    let describes = 0
    await withFake(
      { latencyMs: 30 },
      async (db, fake) => {
        await sql`select 1 as x`.execute(db)
        describes = fake.calls.DescribeStatement
      },
      { logger: (e) => events.push(e) },
    )
    const event = events.find((e) => e.kind === 'statement')
    expect(event).toMatchObject({
      kind: 'statement',
      status: 'FINISHED',
      sql: 'select 1 as x',
      resultRows: 1,
      polls: describes,
    })
    expect(event && event.kind === 'statement' && event.durationMs).toBeGreaterThanOrEqual(30)
  })
})

describe('failures', () => {
  it('turns a FAILED statement into DataApiStatementError, without retrying it', async () => {
    await withFake({}, async (db, fake) => {
      const error = await db
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
      expect(error.statementId).toBe(fake.statements.at(-1)!.id)
      expect(fake.calls.ExecuteStatement).toBe(1)
    })
  })

  it('retries throttling with the same ClientToken, then succeeds', async () => {
    const events: DataApiLogEvent[] = []
    await withFake(
      { throttle: 2 },
      async (db, fake) => {
        const rows = await sql`select 2 as two`.execute(db)
        expect(rows.rows).toEqual([{ two: 2 }])
        expect(fake.calls.ExecuteStatement).toBe(3)
        const tokens = fake.mock
          .commandCalls(ExecuteStatementCommand)
          .map((c) => c.args[0].input.ClientToken)
        expect(new Set(tokens).size).toBe(1)
      },
      { logger: (e) => events.push(e) },
    )
    expect(events.filter((e) => e.kind === 'retry')).toHaveLength(2)
  })

  it('retries ActiveStatementsExceededException and 5xx on any command', async () => {
    await withFake(
      {
        activeStatementsExceeded: 1,
        serverErrors: { DescribeStatement: 2, GetStatementResult: 1 },
      },
      async (db, fake) => {
        expect((await sql`select 3 as three`.execute(db)).rows).toEqual([{ three: 3 }])
        expect(fake.calls.ExecuteStatement).toBe(2)
        expect(fake.calls.GetStatementResult).toBe(2)
      },
    )
  })

  it('gives up after maxAttempts with DataApiRequestError', async () => {
    await withFake(
      { throttle: 10 },
      async (db, fake) => {
        const error = await sql`select 1`.execute(db).catch((e) => e)
        expect(error).toBeInstanceOf(DataApiRequestError)
        expect(error).toMatchObject({
          code: 'REQUEST_FAILED',
          command: 'ExecuteStatement',
          attempts: 3,
          serviceCode: 'ThrottlingException',
          retryable: true,
        })
        expect(fake.calls.ExecuteStatement).toBe(3)
      },
      { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } },
    )
  })

  it('never retries a ValidationException', async () => {
    await withFake({}, async (db, fake) => {
      fake.inject({ command: 'ExecuteStatement', error: 'ValidationException' })
      const error = await sql`select 1`.execute(db).catch((e) => e)
      expect(error).toMatchObject({
        serviceCode: 'ValidationException',
        attempts: 1,
        retryable: false,
      })
      expect(fake.calls.ExecuteStatement).toBe(1)
    })
  })

  it('cancels a statement that outlives timeoutMs', async () => {
    await withFake(
      { hang: /hang_me/ },
      async (db, fake) => {
        const error = await sql`select 1 as hang_me`.execute(db).catch((e) => e)
        expect(error).toBeInstanceOf(DataApiTimeoutError)
        expect(error).toMatchObject({ code: 'STATEMENT_TIMEOUT', timeoutMs: 80, cancelled: true })
        expect(fake.calls.CancelStatement).toBe(1)
        expect(fake.statements.at(-1)).toMatchObject({ id: error.statementId, status: 'ABORTED' })
      },
      { timeoutMs: 80 },
    )
  })

  it('refuses bad parameters and oversized SQL before sending anything', async () => {
    await withFake({}, async (db, fake) => {
      const empty = await db
        .executeQuery(CompiledQuery.raw('select :p1 as x', ['']))
        .catch((e) => e)
      expect(empty).toBeInstanceOf(DataApiInputError)
      expect(empty).toMatchObject({ code: 'INVALID_PARAMETER', field: 'p1', value: '' })
      const big = await sql`select ${sql.lit('x'.repeat(110_000))} as x`.execute(db).catch((e) => e)
      expect(big).toMatchObject({ code: 'SQL_TOO_LARGE', field: 'sql' })
      expect(fake.calls.ExecuteStatement).toBe(0)
    })
  })
})

describe('transactions (Data API sessions)', () => {
  it('commits all statements of one session', async () => {
    await withFake({}, async (db, fake) => {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('accounts').values({ id: 1, owner: 'ann', balance: '10.00' }).execute()
        await trx.insertInto('accounts').values({ id: 2, owner: 'bob', balance: '20.00' }).execute()
      })
      const rows = await db.selectFrom('accounts').select(['id', 'balance']).orderBy('id').execute()
      expect(rows).toEqual([
        { id: 1, balance: '10.00' },
        { id: 2, balance: '20.00' },
      ])
      const inputs = fake.mock.commandCalls(ExecuteStatementCommand).map((c) => c.args[0].input)
      expect(inputs.slice(0, 4).map((i) => i.Sql)).toEqual([
        'begin',
        'insert into "accounts" ("id", "owner", "balance") values (:p1, :p2, :p3)',
        'insert into "accounts" ("id", "owner", "balance") values (:p1, :p2, :p3)',
        'commit',
      ])
      expect(inputs[0]).toMatchObject({ SessionKeepAliveSeconds: 60, WorkgroupName: 'wg-test' })
      const sessionId = fake.statements[0]!.sessionId
      expect(sessionId).toBeDefined()
      for (const input of inputs.slice(1, 4)) {
        expect(input.SessionId).toBe(sessionId)
        expect(input.WorkgroupName).toBeUndefined()
      }
      await db.deleteFrom('accounts').execute()
    })
  })

  it('rolls back when the callback throws', async () => {
    await withFake({}, async (db, fake) => {
      const error = await db
        .transaction()
        .execute(async (trx) => {
          await trx.insertInto('accounts').values({ id: 3, owner: 'cy', balance: '1.00' }).execute()
          throw new Error('changed my mind')
        })
        .catch((e) => e)
      expect(error.message).toBe('changed my mind')
      expect(await db.selectFrom('accounts').selectAll().execute()).toEqual([])
      expect(fake.statements.map((s) => s.sql).at(-2)).toBe('rollback')
    })
  })

  it('reports a transaction the server aborted instead of committing it', async () => {
    await withFake({}, async (db) => {
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

  it('passes isolation level and access mode to BEGIN', async () => {
    await withFake({}, async (db, fake) => {
      await db
        .transaction()
        .setIsolationLevel('serializable')
        .setAccessMode('read only')
        .execute(async (trx) => {
          await trx.selectFrom('numbers').select('n').limit(1).execute()
        })
      expect(fake.statements[0]!.sql).toBe('begin isolation level serializable read only')
    })
  })
})

describe('batch', () => {
  it('runs up to 40 statements in one transaction, with sub-statement ids <id>:<n>', async () => {
    await withFake({}, async (db, fake, config) => {
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
      expect(fake.calls.BatchExecuteStatement).toBe(1)
    })
  })

  it('rolls the whole batch back when one statement fails', async () => {
    await withFake({}, async (_db, _fake, config) => {
      const error = await batch(config, [
        'insert into numbers values (500, $$x$$)',
        'insert into no_such_table values (1)',
        'insert into numbers values (501, $$y$$)',
      ]).catch((e) => e)
      expect(error).toBeInstanceOf(DataApiStatementError)
      expect(error.subStatementId).toBe(`${error.statementId}:2`)
      expect(error.sql).toBe('insert into no_such_table values (1)')
      const left = await pglite.query('select n from numbers where n >= 500')
      expect(left.rows).toEqual([])
    })
  })

  it('refuses more than 40 statements and statements with parameters', async () => {
    await withFake({}, async (db, fake, config) => {
      const many = Array.from({ length: 41 }, () => 'select 1')
      await expect(batch(config, many)).rejects.toMatchObject({
        code: 'INVALID_BATCH',
        field: 'statements',
      })
      await expect(
        batch(config, ['select 1', db.selectFrom('numbers').selectAll().where('n', '=', 1)]),
      ).rejects.toMatchObject({ code: 'INVALID_BATCH', field: 'statements[1]', value: [1] })
      expect(fake.calls.BatchExecuteStatement).toBe(0)
    })
  })
})

describe('introspection', () => {
  it('falls back to information_schema where SVV views do not exist', async () => {
    await withFake({}, async (db) => {
      const tables = await db.introspection.getTables()
      const numbers = tables.find((t) => t.name === 'numbers')
      expect(numbers).toMatchObject({ schema: 'public', isView: false })
      expect(numbers?.columns.map((c) => [c.name, c.dataType, c.isNullable])).toEqual([
        ['n', 'integer', false],
        ['label', 'character varying', true],
      ])
      expect((await db.introspection.getSchemas()).map((s) => s.name)).toContain('public')
    })
  })

  it('reads SVV_TABLES / SVV_COLUMNS on Redshift (emulated with intercept)', async () => {
    const seen: string[] = []
    await withFake(
      {
        intercept: async (text, _params, ctx) => {
          if (!/from svv_columns/i.test(text)) return undefined
          seen.push(ctx.workgroupName ?? '')
          return {
            rows: [
              {
                table_schema: 'airline_dw',
                table_name: 'dim_airport',
                table_type: 'BASE TABLE',
                column_name: 'airport_key',
                data_type: 'integer',
                is_nullable: 'NO',
                column_default: '"identity"(100000, 0, \'1,1\'::text)',
                remarks: 'surrogate key',
              },
            ],
          }
        },
      },
      async (db) => {
        const tables = await db.introspection.getTables()
        expect(tables).toEqual([
          {
            name: 'dim_airport',
            schema: 'airline_dw',
            isView: false,
            columns: [
              {
                name: 'airport_key',
                dataType: 'integer',
                isNullable: false,
                hasDefaultValue: true,
                isAutoIncrementing: true,
                comment: 'surrogate key',
              },
            ],
          },
        ])
      },
    )
    expect(seen).toEqual(['wg-test'])
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

  it("Kysely's Migrator runs up and down through the dialect (row lock, not LOCK TABLE)", async () => {
    const { Migrator } = await import('kysely')
    await withFake({}, async (db) => {
      const migrator = new Migrator({ db, provider })
      const up = await migrator.migrateToLatest()
      expect(up.error).toBeUndefined()
      expect(up.results?.map((r) => [r.migrationName, r.status])).toEqual([
        ['0001_widgets', 'Success'],
      ])
      const lock = await sql<{
        is_locked: number
      }>`select is_locked from kysely_migration_lock`.execute(db)
      expect(lock.rows).toEqual([{ is_locked: 0 }])
      const down = await migrator.migrateDown()
      expect(down.error).toBeUndefined()
      expect((await pglite.query(`select to_regclass('widgets') as t`)).rows).toEqual([{ t: null }])
    })
  })

  it('waits for a lock held by another migrator, then gives up with a clear error', async () => {
    const { Migrator } = await import('kysely')
    await withFake(
      {},
      async (db) => {
        // The lock table and row exist after a first (empty-to-latest) run.
        await new Migrator({ db, provider: { getMigrations: async () => ({}) } }).migrateToLatest()
        await sql`update kysely_migration_lock set is_locked = 1`.execute(db)
        try {
          const result = await new Migrator({ db, provider }).migrateToLatest()
          expect(result.error).toMatchObject({ code: 'MIGRATION_LOCK_TIMEOUT' })
          expect(String((result.error as Error).message)).toContain(
            'UPDATE kysely_migration_lock SET is_locked = 0',
          )
          expect((await pglite.query(`select to_regclass('widgets') as t`)).rows).toEqual([
            { t: null },
          ])
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
