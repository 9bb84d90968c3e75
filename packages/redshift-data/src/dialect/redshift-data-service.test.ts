// What the dialect relies on from the Redshift Data API, checked against the emulated service
// of @redshift-playground/redshift-local (rules from AWS's documentation, each with an id) with
// the real SDK client over HTTP: the same queries return the same rows through the dialect as
// through PostgreSQL directly, and the service behaves as documented where the dialect depends
// on it (statuses, result types, validation, idempotency, sessions).
import {
  CancelStatementCommand,
  DescribeStatementCommand,
  type DescribeStatementCommandOutput,
  ExecuteStatementCommand,
  type ExecuteStatementCommandInput,
  GetStatementResultCommand,
  ListSessionsCommand,
  ListStatementsCommand,
  RedshiftDataClient,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-redshift-data'
import { PGlite } from '@electric-sql/pglite'
import {
  type DataApiServer,
  type DataApiServerOptions,
  LocalRedshift,
  type NamespaceInfo,
  startDataApiServer,
} from '@redshift-playground/redshift-local'
import { Kysely, sql } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DataApiStatementError } from '../errors.js'
import { RedshiftDataDialect } from './redshift-data-dialect.js'
import type { RedshiftDataDialectConfig } from './redshift-data-dialect-config.js'

interface Database {
  airport: { code: string; city: string; state: string | null }
  flight: {
    id: number
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

// Valid on Redshift and on PostgreSQL (Redshift declares keys but does not enforce them).
const DDL = `
  create table airport (code char(3) not null primary key, city varchar(40) not null, state char(2));
  create table flight (
    id int4 not null primary key,
    flight_date date not null,
    origin char(3) not null references airport (code),
    destination char(3) not null references airport (code),
    scheduled_departure timestamp not null,
    delay_minutes int4,
    distance_miles int4 not null,
    fare numeric(10,2) not null,
    passengers int2 not null,
    cancelled bool not null
  )`
const AIRPORTS = [
  { code: 'ORD', city: 'Chicago', state: 'IL' },
  { code: 'DFW', city: 'Dallas', state: 'TX' },
  { code: 'DEN', city: 'Denver', state: 'CO' },
  { code: 'ATL', city: 'Atlanta', state: 'GA' },
  { code: 'LHR', city: 'London', state: null },
]

/** A deterministic spread of flights: every route, three months, some cancellations and nulls. */
function flights(): Database['flight'][] {
  const codes = AIRPORTS.map((a) => a.code)
  const rows: Database['flight'][] = []
  for (let i = 0; i < 240; i++) {
    const origin = codes[i % 5]!
    const destination = codes[(i * 3 + 1) % 5]!
    if (origin === destination) continue
    const day = new Date(Date.UTC(2024, i % 3, 1 + (i % 28)))
    rows.push({
      id: rows.length + 1,
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
  return rows
}

const WORKGROUP = 'producer'
const TERMINAL = new Set(['FINISHED', 'FAILED', 'ABORTED'])
let rs: LocalRedshift
let ns: NamespaceInfo
let pglite: PGlite
let direct: Kysely<Database>

beforeAll(async () => {
  rs = await LocalRedshift.create()
  ns = await rs.createNamespace({ name: WORKGROUP })
  pglite = new PGlite()
  direct = new Kysely<Database>({ dialect: new PGliteDialect(pglite) })
  await pglite.exec(DDL)
  await rs.run(WORKGROUP, 'dev', { kind: 'secret', arn: ns.adminSecretArn }, DDL)
  const rows = flights()
  await direct.insertInto('airport').values(AIRPORTS).execute()
  await direct.insertInto('flight').values(rows).execute()
  // Into the warehouse through the dialect itself (parameters of every type).
  await withServer({}, async ({ db }) => {
    await db.insertInto('airport').values(AIRPORTS).execute()
    for (let i = 0; i < rows.length; i += 60)
      await db
        .insertInto('flight')
        .values(rows.slice(i, i + 60))
        .execute()
  })
}, 120_000)

afterAll(async () => {
  await direct?.destroy() // closes the PGlite too
  await rs?.close()
})

interface Harness {
  readonly db: Kysely<Database>
  readonly client: RedshiftDataClient
  readonly server: DataApiServer
}

/** A Data API server on the account, the real SDK client and a Kysely over the dialect. */
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
  })
  const db = new Kysely<Database>({
    dialect: new RedshiftDataDialect({
      client,
      workgroupName: WORKGROUP,
      database: 'dev',
      secretArn: ns.adminSecretArn,
      polling: { initialDelayMs: 1, maxDelayMs: 10 },
      ...dialectOptions,
    }),
  })
  try {
    await fn({ db, client, server })
  } finally {
    await db.destroy()
    client.destroy()
    await server.close()
  }
}

describe('the dialect on the emulated Data API returns what PostgreSQL returns directly', () => {
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
    it(`R-API-9, R-API-10, R-API-12: ${name} (pages of 7 rows)`, async () => {
      // PGlite returns int8 as number; the dialect's default would be an exact string.
      await withServer(
        { pageSize: 7 },
        async ({ db }) => {
          const expected = await query(direct).execute()
          expect(expected.length).toBeGreaterThan(0)
          const actual = await query(db).execute()
          expect(actual).toEqual(expected)
        },
        { int8: 'number' },
      )
    })
  }
})

describe('the service as the dialect relies on it', () => {
  const target = { WorkgroupName: WORKGROUP, Database: 'dev' }
  const admin = () => ({ ...target, SecretArn: ns.adminSecretArn })

  async function waitFor(
    client: RedshiftDataClient,
    id: string,
    done = (status: string) => TERMINAL.has(status),
    limitMs = 5000,
  ): Promise<DescribeStatementCommandOutput> {
    const end = Date.now() + limitMs
    for (;;) {
      const d = await client.send(new DescribeStatementCommand({ Id: id }))
      if (done(d.Status ?? '')) return d
      if (Date.now() > end) throw new Error(`statement ${id} is still ${d.Status}`)
      await sleep(5)
    }
  }

  async function run(client: RedshiftDataClient, input: ExecuteStatementCommandInput) {
    const { Id, SessionId } = await client.send(new ExecuteStatementCommand(input))
    return { ...(await waitFor(client, Id!)), SessionId }
  }

  it('R-API-10, R-API-11: ColumnMetadata carries Redshift type names; values come as typed Fields', async () => {
    await withServer({}, async ({ client }) => {
      const done = await run(client, {
        ...admin(),
        Sql: `select 1::int4 a, 2::int8 b, 1.5::numeric(4,2) c, 'x'::varchar(3) d, true e, date '2024-01-01' f,
                timestamp '2024-01-01 00:00:00' g, 1.5::float8 h, 'txt' i, 'y'::char(2) j, null::int4 k`,
      })
      expect(done.Status).toBe('FINISHED')
      const result = await client.send(new GetStatementResultCommand({ Id: done.Id }))
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
    })
  })

  it('R-API-7, R-API-15, D-11b: stays STARTED for its service time, has no result before FINISHED, and cannot be cancelled after', async () => {
    // A long service time keeps the check independent of how busy the machine is.
    await withServer({ faults: { serviceTimeMs: 1000 } }, async ({ client }) => {
      const { Id } = await client.send(new ExecuteStatementCommand({ ...admin(), Sql: 'select 1' }))
      expect(['SUBMITTED', 'PICKED', 'STARTED']).toContain(
        (await client.send(new DescribeStatementCommand({ Id }))).Status,
      )
      // D-11b: GetStatementResult before FINISHED is a ResourceNotFoundException.
      await expect(client.send(new GetStatementResultCommand({ Id }))).rejects.toBeInstanceOf(
        ResourceNotFoundException,
      )
      const done = await waitFor(client, Id!)
      expect(done).toMatchObject({ Status: 'FINISHED', HasResultSet: true, ResultRows: 1 })
      expect(done.Duration).toBeGreaterThanOrEqual(1_000_000_000)
      // R-API-15: only running statements can be cancelled.
      await expect(client.send(new CancelStatementCommand({ Id }))).rejects.toBeInstanceOf(
        ValidationException,
      )
    })
  })

  it('R-API-4, R-API-5, R-IAM-1, R-API-14: refuses invalid requests before creating a statement', async () => {
    await withServer({}, async ({ client }) => {
      const send = (input: object) =>
        client.send(new ExecuteStatementCommand({ Sql: 'select 1', ...input }))
      const invalid = [
        { Database: 'dev' }, // R-API-4: no workgroup, cluster or session
        { ...target, ClusterIdentifier: 'c' }, // R-API-4: both
        { ...target, DbUser: 'u' }, // R-IAM-1: no DbUser on Serverless
        { ...target, Parameters: [{ name: 'p1', value: '' }] }, // R-API-5: empty value
        { SessionId: 'nope' }, // R-API-6's id pattern
      ]
      for (const input of invalid)
        await expect(send(input)).rejects.toBeInstanceOf(ValidationException)
      await expect(
        send({ SessionId: '00000000-0000-4000-8000-000000000000' }),
      ).rejects.toBeInstanceOf(ResourceNotFoundException)
      const listed = await client.send(new ListStatementsCommand({ Status: 'ALL' }))
      expect(listed.Statements).toEqual([])
    })
  })

  it('R-API-13: answers a repeated ClientToken with the same statement', async () => {
    await withServer({}, async ({ client }) => {
      const input = { ...admin(), Sql: 'select 1', ClientToken: 'token-1' }
      const a = await client.send(new ExecuteStatementCommand(input))
      const b = await client.send(new ExecuteStatementCommand(input))
      expect(b.Id).toBe(a.Id)
      await waitFor(client, a.Id!)
      const listed = await client.send(new ListStatementsCommand({ Status: 'ALL' }))
      expect(listed.Statements?.map((s) => s.Id)).toEqual([a.Id])
    })
  })

  it('R-SVV-16, R-DS-2, R-API-3: Redshift-only SQL runs for real; a refused statement is a FAILED one', async () => {
    await withServer(
      {},
      async ({ db }) => {
        expect((await sql`select current_namespace as ns`.execute(db)).rows).toEqual([
          { ns: ns.id },
        ])
        // The IAM caller is an ordinary user (R-IAM-2): no CREATE DATASHARE (R-DS-2).
        const error = await sql`create datashare ${sql.raw('sales')}`.execute(db).catch((e) => e)
        expect(error).toBeInstanceOf(DataApiStatementError)
        expect(error.serverMessage).toBe(
          'ERROR: permission denied: CREATE DATASHARE needs a superuser or the database owner [R-DS-2] (statement: create datashare sales)',
        )
      },
      { secretArn: undefined },
    )
  })

  it('R-API-14: an open transaction rolls back when its session expires', async () => {
    await withServer({}, async ({ client }) => {
      const begin = await run(client, { ...admin(), Sql: 'begin', SessionKeepAliveSeconds: 2 })
      expect(begin.Status).toBe('FINISHED')
      const insert = await run(client, {
        SessionId: begin.SessionId,
        Sql: "insert into airport values ('SFO', 'San Francisco', 'CA')",
      })
      expect(insert.Status).toBe('FINISHED')
      const session = async () =>
        (await client.send(new ListSessionsCommand({ SessionId: begin.SessionId }))).Sessions?.[0]
      expect((await session())?.Status).toBe('AVAILABLE')
      const end = Date.now() + 8000
      while ((await session())?.Status !== 'CLOSED') {
        if (Date.now() > end) throw new Error('the session did not expire')
        await sleep(50)
      }
      // Work outside the session (which waited for the rollback on PGlite) sees no SFO.
      const check = await run(client, {
        ...admin(),
        Sql: "select count(*) as n from airport where code = 'SFO'",
      })
      const result = await client.send(new GetStatementResultCommand({ Id: check.Id }))
      expect(result.Records).toEqual([[{ longValue: 0 }]])
    })
  })
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
