import {
  CancelStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
} from '@aws-sdk/client-redshift-data'
import { PGlite } from '@electric-sql/pglite'
import { type Generated, Kysely, sql } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RedshiftDataDialect } from '../dialect/redshift-data-dialect.js'
import { createFakeDataApi } from './fake-data-api.js'

interface Database {
  airport: { code: string; city: string; state: string | null }
  flight: {
    id: Generated<number>
    flight_date: Date
    origin: string
    destination: string
    scheduled_departure: Date
    delay_minutes: number | null
    distance_miles: number
    fare: string
    passengers: number
    cancelled: boolean
  }
}

// One PGlite for the whole file (starting one costs seconds on a busy 2-core machine).
let pglite: PGlite
let direct: Kysely<Database>

beforeAll(async () => {
  pglite = new PGlite()
  direct = new Kysely<Database>({ dialect: new PGliteDialect(pglite) })
  await pglite.exec(`
    create table airport (code char(3) primary key, city varchar(40) not null, state char(2));
    create table flight (
      id int4 generated always as identity primary key,
      flight_date date not null,
      origin char(3) not null references airport,
      destination char(3) not null references airport,
      scheduled_departure timestamp not null,
      delay_minutes int4,
      distance_miles int4 not null,
      fare numeric(10,2) not null,
      passengers int2 not null,
      cancelled bool not null
    );
    insert into airport values ('ORD','Chicago','IL'),('DFW','Dallas','TX'),('DEN','Denver','CO'),
      ('ATL','Atlanta','GA'),('LHR','London',null);
  `)
  // A deterministic spread of flights: every route, three months, some cancellations and nulls.
  const codes = ['ORD', 'DFW', 'DEN', 'ATL', 'LHR']
  const rows = []
  for (let i = 0; i < 240; i++) {
    const origin = codes[i % 5]!
    const destination = codes[(i * 3 + 1) % 5]!
    if (origin === destination) continue
    const day = new Date(Date.UTC(2024, i % 3, 1 + (i % 28)))
    rows.push({
      flight_date: day,
      origin,
      destination,
      scheduled_departure: new Date(day.getTime() + ((i * 37) % 1440) * 60_000),
      delay_minutes: i % 7 === 0 ? null : ((i * 13) % 95) - 10,
      distance_miles: 300 + ((i * 97) % 3700),
      fare: (((i * 7919) % 90000) / 100 + 49.99).toFixed(2),
      passengers: 50 + ((i * 31) % 130),
      cancelled: i % 23 === 0,
    })
  }
  await direct.insertInto('flight').values(rows).execute()
})

afterAll(async () => {
  await direct.destroy() // closes the PGlite too
})

describe('dialect on the fake returns what PGlite returns directly', () => {
  const queries: Record<string, (db: Kysely<Database>) => { execute(): Promise<unknown[]> }> = {
    'join + aggregates per origin': (db) =>
      db
        .selectFrom('flight as f')
        .innerJoin('airport as a', 'a.code', 'f.origin')
        .select((eb) => [
          'a.city',
          eb.fn.countAll().as('flights'),
          eb.fn.sum('f.fare').as('revenue'),
          sql<string>`round(avg(f.delay_minutes), 2)`.as('avg_delay'),
          eb.fn.max('f.distance_miles').as('longest'),
        ])
        .where('f.cancelled', '=', false)
        .groupBy('a.city')
        .orderBy('a.city'),
    'window functions: rank and running totals by month': (db) =>
      db
        .selectFrom('flight')
        .select([
          'origin',
          'destination',
          sql<Date>`date_trunc('month', flight_date)::date`.as('month'),
          sql<string>`sum(fare)`.as('revenue'),
          sql<number>`rank() over (partition by date_trunc('month', flight_date) order by sum(fare) desc)`.as(
            'rnk',
          ),
          sql<string>`sum(sum(fare)) over (partition by origin order by date_trunc('month', flight_date), destination rows unbounded preceding)`.as(
            'running',
          ),
          sql<
            string | null
          >`lag(sum(fare)) over (partition by origin, destination order by date_trunc('month', flight_date))`.as(
            'previous',
          ),
        ])
        .groupBy(['origin', 'destination', sql`date_trunc('month', flight_date)`])
        .orderBy('month')
        .orderBy('rnk')
        .orderBy('origin')
        .orderBy('destination'),
    'dates, timestamps and Date parameters': (db) =>
      db
        .selectFrom('flight')
        .select([
          'id',
          'flight_date',
          'scheduled_departure',
          sql<number>`extract(dow from flight_date)::int`.as('dow'),
          sql<Date>`flight_date + 7`.as('week_later'),
          sql<Date>`scheduled_departure + interval '90 minutes'`.as('eta'),
        ])
        .where('flight_date', '>=', new Date(Date.UTC(2024, 1, 10)))
        .where('scheduled_departure', '<', new Date(Date.UTC(2024, 1, 20, 12)))
        .orderBy('id'),
    'numerics without precision loss': (db) =>
      db
        .selectFrom('flight')
        .select((eb) => [
          'origin',
          eb.fn.sum('fare').as('total'),
          sql<string>`sum(fare * passengers)`.as('gross'),
          sql<string>`round(100.0 * sum(case when cancelled then 1 else 0 end) / count(*), 3)`.as(
            'cancel_pct',
          ),
          sql<number>`avg(distance_miles)::float8`.as('avg_distance'),
          sql<string>`${'123456789012345678.123456789'}::numeric(30,9) + sum(fare)`.as('big'),
        ])
        .groupBy('origin')
        .orderBy('origin'),
    'nulls: left join, coalesce, count(col) vs count(*)': (db) =>
      db
        .selectFrom('airport as a')
        .leftJoin('flight as f', (join) =>
          join.onRef('f.destination', '=', 'a.code').on('f.cancelled', '=', true),
        )
        .select((eb) => [
          'a.code',
          'a.state',
          sql<string>`coalesce(a.state, ${'n/a'})`.as('state_or'),
          eb.fn.countAll().as('rows'),
          eb.fn.count('f.id').as('cancelled_flights'),
          eb.fn.count('f.delay_minutes').as('with_delay'),
          sql<number | null>`min(f.delay_minutes)`.as('min_delay'),
        ])
        .groupBy(['a.code', 'a.state'])
        .orderBy('a.code'),
    'case, having, in-lists, like and booleans': (db) =>
      db
        .selectFrom('flight')
        .select([
          'destination',
          sql<string>`case when delay_minutes is null then 'unknown' when delay_minutes > 15 then 'late' else 'on time' end`.as(
            'punctuality',
          ),
          sql<number>`count(*)`.as('n'),
          sql<boolean>`bool_or(cancelled)`.as('any_cancelled'),
        ])
        .where('origin', 'in', ['ORD', 'ATL', 'DEN'])
        .where('destination', 'like', '%')
        .where('cancelled', '=', false)
        .groupBy(['destination', sql`2`])
        .having(sql`count(*)`, '>', 1)
        .orderBy('destination')
        .orderBy('punctuality'),
  }

  for (const [name, query] of Object.entries(queries)) {
    it(name, async () => {
      const fake = await createFakeDataApi({ pglite, pageSize: 7 })
      const db = new Kysely<Database>({
        dialect: new RedshiftDataDialect({
          client: fake.client,
          workgroupName: 'wg-test',
          database: 'dev',
          int8: 'number', // PGlite returns int8 as number; the default would be an exact string.
          polling: { initialDelayMs: 1, maxDelayMs: 10 },
        }),
      })
      try {
        const expected = await query(direct).execute()
        expect(expected.length).toBeGreaterThan(0)
        const actual = await query(db).execute()
        expect(actual).toEqual(expected)
      } finally {
        await fake.close()
      }
    })
  }
})

describe('the fake behaves like the service', () => {
  const target = { WorkgroupName: 'wg-test', Database: 'dev' }

  it('reports realistic ColumnMetadata type names', async () => {
    const fake = await createFakeDataApi({ pglite })
    try {
      const { Id } = await fake.client.send(
        new ExecuteStatementCommand({
          ...target,
          Sql: `select 1::int4 a, 2::int8 b, 1.5::numeric(4,2) c, 'x'::varchar(3) d, true e, date '2024-01-01' f,
                timestamp '2024-01-01 00:00:00' g, 1.5::float8 h, 'txt' i, 'y'::char(2) j, null::int4 k`,
        }),
      )
      await until(
        async () =>
          (await fake.client.send(new DescribeStatementCommand({ Id }))).Status === 'FINISHED',
      )
      const result = await fake.client.send(new GetStatementResultCommand({ Id }))
      expect(result.ColumnMetadata?.map((c) => c.typeName)).toEqual([
        'int4',
        'int8',
        'numeric',
        'varchar',
        'bool',
        'date',
        'timestamp',
        'float8',
        'varchar',
        'bpchar',
        'int4',
      ])
      expect(result.Records?.[0]).toEqual([
        { longValue: 1 },
        { longValue: 2 },
        { stringValue: '1.50' },
        { stringValue: 'x' },
        { booleanValue: true },
        { stringValue: '2024-01-01' },
        { stringValue: '2024-01-01 00:00:00' },
        { doubleValue: 1.5 },
        { stringValue: 'txt' },
        { stringValue: 'y ' },
        { isNull: true },
      ])
    } finally {
      await fake.close()
    }
  })

  it('stays STARTED for the service time, and refuses results before FINISHED', async () => {
    // A long service time keeps the check independent of how busy the machine is.
    const fake = await createFakeDataApi({ pglite, latencyMs: 1000 })
    try {
      const { Id } = await fake.client.send(
        new ExecuteStatementCommand({ ...target, Sql: 'select 1' }),
      )
      expect(['SUBMITTED', 'PICKED', 'STARTED']).toContain(
        (await fake.client.send(new DescribeStatementCommand({ Id }))).Status,
      )
      await expect(fake.client.send(new GetStatementResultCommand({ Id }))).rejects.toMatchObject({
        name: 'ValidationException',
      })
      await until(
        async () =>
          (await fake.client.send(new DescribeStatementCommand({ Id }))).Status === 'FINISHED',
        5000,
      )
      const done = await fake.client.send(new DescribeStatementCommand({ Id }))
      expect(done).toMatchObject({ Status: 'FINISHED', HasResultSet: true, ResultRows: 1 })
      expect(done.Duration).toBeGreaterThanOrEqual(1_000_000_000)
      await expect(fake.client.send(new CancelStatementCommand({ Id }))).rejects.toMatchObject({
        name: 'ValidationException',
      })
    } finally {
      await fake.close()
    }
  })

  it('validates requests like the service', async () => {
    const fake = await createFakeDataApi({ pglite })
    try {
      const send = (input: object) =>
        fake.client.send(new ExecuteStatementCommand({ Sql: 'select 1', ...input }))
      await expect(send({ Database: 'dev' })).rejects.toMatchObject({ name: 'ValidationException' })
      await expect(send({ ...target, ClusterIdentifier: 'c' })).rejects.toMatchObject({
        name: 'ValidationException',
      })
      await expect(send({ ...target, DbUser: 'u' })).rejects.toMatchObject({
        name: 'ValidationException',
      })
      await expect(
        send({ ...target, Parameters: [{ name: 'p1', value: '' }] }),
      ).rejects.toMatchObject({
        name: 'ValidationException',
      })
      await expect(send({ SessionId: 'nope' })).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
      })
      expect(fake.statements).toEqual([])
    } finally {
      await fake.close()
    }
  })

  it('answers a repeated ClientToken with the same statement', async () => {
    const fake = await createFakeDataApi({ pglite })
    try {
      const input = { ...target, Sql: 'select 1', ClientToken: 'token-1' }
      const a = await fake.client.send(new ExecuteStatementCommand(input))
      const b = await fake.client.send(new ExecuteStatementCommand(input))
      expect(b.Id).toBe(a.Id)
      expect(fake.statements).toHaveLength(1)
    } finally {
      await fake.close()
    }
  })

  it('turns an intercept error into a FAILED statement and passes the caller context', async () => {
    const fake = await createFakeDataApi({
      pglite,
      intercept: (text, _params, ctx) => {
        if (text.startsWith('create datashare'))
          throw new Error(`datashare ${text.split(' ')[2]} exists on ${ctx.workgroupName}`)
        if (text === 'select current_namespace') return { rows: [{ current_namespace: 'ns-guid' }] }
        return undefined
      },
    })
    try {
      const db = new Kysely<Database>({
        dialect: new RedshiftDataDialect({
          client: fake.client,
          workgroupName: 'producer',
          database: 'dev',
        }),
      })
      expect((await sql`select current_namespace`.execute(db)).rows).toEqual([
        { current_namespace: 'ns-guid' },
      ])
      const error = await sql`create datashare ${sql.raw('sales')}`.execute(db).catch((e) => e)
      expect(error.serverMessage).toBe('ERROR: datashare sales exists on producer')
    } finally {
      await fake.close()
    }
  })

  it('rolls back an open transaction when its session expires', async () => {
    const fake = await createFakeDataApi({ pglite })
    try {
      const begin = await fake.client.send(
        new ExecuteStatementCommand({ ...target, Sql: 'begin', SessionKeepAliveSeconds: 2 }),
      )
      await until(
        async () =>
          (await fake.client.send(new DescribeStatementCommand({ Id: begin.Id }))).Status ===
          'FINISHED',
      )
      const insert = await fake.client.send(
        new ExecuteStatementCommand({
          SessionId: begin.SessionId,
          Sql: "insert into airport values ('SFO', 'San Francisco', 'CA')",
        }),
      )
      await until(
        async () =>
          (await fake.client.send(new DescribeStatementCommand({ Id: insert.Id }))).Status ===
          'FINISHED',
      )
      expect(fake.openSessions).toEqual([begin.SessionId])
      await until(async () => fake.openSessions.length === 0, 8000)
      // Work outside the session waited for the rollback, then saw no SFO.
      const check = await fake.client.send(
        new ExecuteStatementCommand({
          ...target,
          Sql: "select count(*) as n from airport where code = 'SFO'",
        }),
      )
      await until(
        async () =>
          (await fake.client.send(new DescribeStatementCommand({ Id: check.Id }))).Status ===
          'FINISHED',
      )
      const result = await fake.client.send(new GetStatementResultCommand({ Id: check.Id }))
      expect(result.Records).toEqual([[{ longValue: 0 }]])
    } finally {
      await fake.close()
    }
  })
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function until(check: () => Promise<boolean>, limitMs = 2000): Promise<void> {
  const end = Date.now() + limitMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await sleep(5)
  }
}
