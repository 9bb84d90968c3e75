// N datashares of one producer on @redshift-playground/redshift-local (rules from AWS's docs,
// rule ids R-…): three shares × three consumers, views shared without their base tables
// (DG:datashare-views), objects and consumers moving between shares, a managed share removed,
// and published views rebuilt when a table gains a column (issue 20).
import {
  LocalRedshift,
  type NamespaceInfo,
  type Session,
} from '@redshift-playground/redshift-local'
import { localRedshiftKysely } from '@redshift-playground/redshift-local/kysely'
import { airlineModel, renderRedshiftDdl, type TableShape } from '@redshift-playground/schema'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyPlan } from '../../apply/apply-plan.js'
import type { ShareConnections } from '../../connections.js'
import { type DatashareSpec, defineDatashare } from '../../desired-state.js'
import { DesiredStateError } from '../../errors.js'
import { defineDatashares, planDatashares } from '../../plan/multi-planner.js'
import { planDatashare } from '../../plan/planner.js'
import { airlineDefs, CONSUMER_NS, PRODUCER_NS } from '../../test-fixtures.js'
import { redshiftRenderer } from './redshift-renderer.js'
import { readRedshiftShares, readRedshiftState } from './redshift-state-reader.js'

const ROWS = [
  `INSERT INTO airline_dw.dim_customer (customer_key, customer_id, first_name, last_name, email, phone, birth_date, city, country_code, loyalty_tier, join_date) VALUES
   (1, 'C0001', 'Ada', 'Lovelace', 'ada@example.com', '+44 20 7946 0001', '1815-12-10', 'London', 'GB', 'GOLD', '2020-01-01')`,
  `INSERT INTO airline_dw.dim_airport (airport_key, airport_code, airport_name, city, country, country_code, region, latitude, longitude, timezone, valid_from) VALUES
   (1, 'JFK', 'John F. Kennedy International', 'New York', 'United States', 'US', 'North America', 40.6413, -73.7781, 'America/New_York', '2020-01-01'),
   (2, 'LHR', 'Heathrow', 'London', 'United Kingdom', 'GB', 'Europe', 51.47, -0.4543, 'Europe/London', '2020-01-01')`,
  `INSERT INTO airline_dw.fact_flight_operations (operation_key, flight_key, date_key, origin_airport_key, destination_airport_key, aircraft_key, scheduled_departure, scheduled_arrival, arrival_delay_minutes, passengers_first, passengers_business, passengers_premium_economy, passengers_economy, total_passengers, cargo_weight_kg, mail_weight_kg, flight_status) VALUES
   (1, 1, 20240101, 1, 2, 1, '2024-01-01 13:00', '2024-01-01 20:00', 5, 0, 0, 0, 100, 100, 0, 0, 'ON_TIME'),
   (2, 1, 20240102, 1, 2, 1, '2024-01-02 13:00', '2024-01-02 20:00', 40, 0, 0, 0, 90, 90, 0, 0, 'DELAYED')`,
]

/** The producer with the whole airline model (tables and views, migration 0003) and a few rows. */
async function account(defs: readonly TableShape[] = airlineDefs) {
  const rs = await LocalRedshift.create({ inboundShareDelayMs: 100 })
  const producer = await rs.createNamespace({ name: 'producer', id: PRODUCER_NS })
  const consumers: NamespaceInfo[] = []
  for (const [i, id] of CONSUMER_NS.entries())
    consumers.push(await rs.createNamespace({ name: `consumer-${i + 1}`, id }))
  const open = (ns: NamespaceInfo) =>
    rs.connect({
      workgroup: ns.workgroup,
      database: 'dev',
      identity: { kind: 'secret', arn: ns.adminSecretArn },
    })
  const p = await open(producer)
  const model = {
    schemas: airlineModel.schemas,
    tables: Object.fromEntries(defs.map((t) => [t.name, t])),
    views: airlineModel.views,
  }
  // The schema package's Redshift DDL, views included: the emulator accepts them.
  const ddl = renderRedshiftDdl(model, { foreignKeys: false })
  for (const st of [...ddl.statements, ...ROWS]) await p.query(st)
  const c = await Promise.all(consumers.map(open))
  // biome-ignore lint/suspicious/noExplicitAny: system views
  const kyselys: Kysely<any>[] = [producer, ...consumers].map((ns) =>
    localRedshiftKysely(rs, ns.workgroup, { kind: 'secret', arn: ns.adminSecretArn }),
  )
  const connections: ShareConnections = {
    producer: kyselys[0]!,
    consumers: { analytics: kyselys[1]!, sales: kyselys[2]!, operations: kyselys[3]! },
  }
  return {
    rs,
    p,
    c,
    connections,
    async close() {
      await Promise.all(kyselys.map((k) => k.destroy()))
      for (const s of [p, ...c]) await s.close()
      await rs.close()
    },
  }
}
type Account = Awaited<ReturnType<typeof account>>
const rowsOf = async (s: Session, sql: string) => (await s.query(sql)).rows

const producer = { namespace: PRODUCER_NS, database: 'dev' }
const analytics = (database: string) => ({ name: 'analytics', namespace: CONSUMER_NS[0], database })
const sales = (database: string) => ({ name: 'sales', namespace: CONSUMER_NS[1], database })
const operations = (database: string) => ({
  name: 'operations',
  namespace: CONSUMER_NS[2],
  database,
})

const core: DatashareSpec = {
  name: 'core',
  producer,
  objects: [
    {
      schema: 'airline_dw',
      tables: ['dim_date', 'dim_airport', 'dim_aircraft', 'dim_flight', 'v_route_performance'],
    },
  ],
  consumers: [analytics('core_db'), sales('core_db'), operations('core_db')],
}
const salesShare: DatashareSpec = {
  name: 'sales',
  producer,
  objects: [
    {
      schema: 'airline_dw',
      tables: ['dim_customer', 'fact_bookings', 'fact_daily_revenue', 'v_customer_360'],
    },
  ],
  consumers: [sales('sales_db')],
}
const opsShare: DatashareSpec = {
  name: 'operations',
  producer,
  objects: [{ schema: 'airline_dw', tables: ['fact_flight_operations'] }],
  consumers: [operations('operations_db')],
}
const options = { tables: airlineDefs }

describe('three datashares × three consumers on redshift-local', () => {
  const renderer = redshiftRenderer()
  let acct: Account
  beforeAll(async () => {
    acct = await account()
  })
  afterAll(async () => {
    await acct?.close()
  })
  const plan = async (specs: readonly DatashareSpec[], managed?: readonly string[]) => {
    const shares = defineDatashares(specs, options)
    return planDatashares(
      shares,
      await readRedshiftShares(shares, acct.connections),
      renderer,
      managed ? { managed } : {},
    )
  }
  const apply = async (specs: readonly DatashareSpec[], managed?: readonly string[]) => {
    const p = await plan(specs, managed)
    await applyPlan(p, acct.connections, { pollIntervalMs: 50 })
    expect((await plan(specs, managed)).statements).toEqual([])
    return p
  }

  it('applies three shares producer first (R-DS-1, R-DS-3, R-DS-8, R-DS-10); re-plan is empty', async () => {
    const p = await apply([core, salesShare, opsShare])
    const sides = p.statements.map((s) => s.side)
    expect(sides.indexOf('consumer:analytics')).toBeGreaterThan(sides.lastIndexOf('producer'))
    expect(
      p.statements.filter((s) => s.sql.startsWith('CREATE DATASHARE')).map((s) => s.sql),
    ).toEqual([
      'CREATE DATASHARE "core"',
      'CREATE DATASHARE "sales"',
      'CREATE DATASHARE "operations"',
    ])
    // R-DS-11: one database per datashare per consumer, so sales and operations get two each.
    expect(
      p.statements
        .filter((s) => s.sql.startsWith('CREATE DATABASE'))
        .map((s) => `${s.side} ${s.sql.split(' FROM ')[0]}`),
    ).toEqual([
      'consumer:analytics CREATE DATABASE "core_db"',
      'consumer:sales CREATE DATABASE "core_db"',
      'consumer:sales CREATE DATABASE "sales_db"',
      'consumer:operations CREATE DATABASE "core_db"',
      'consumer:operations CREATE DATABASE "operations_db"',
    ])
  })

  it('each consumer reads its shares’ objects with three-part names (R-DS-13), views without their base tables (DG:datashare-views)', async () => {
    const [a, s, o] = acct.c as [Session, Session, Session]
    // v_route_performance reads fact_flight_operations, which core does not share.
    expect(
      await rowsOf(
        a,
        'SELECT origin_airport_code, destination_airport_code, flights, on_time_flights FROM core_db.airline_dw.v_route_performance',
      ),
    ).toEqual([['JFK', 'LHR', '2', '1']])
    expect(
      await rowsOf(s, 'SELECT customer_id, bookings FROM sales_db.airline_dw.v_customer_360'),
    ).toEqual([['C0001', '0']])
    expect(
      await rowsOf(o, 'SELECT count(*) FROM operations_db.airline_dw.fact_flight_operations'),
    ).toEqual([['2']])
    expect(await rowsOf(s, 'SELECT count(*) FROM core_db.airline_dw.dim_airport')).toEqual([['2']])
  })

  it('…and is refused the rest', async () => {
    const [a, s, o] = acct.c as [Session, Session, Session]
    await expect(
      a.query('SELECT * FROM core_db.airline_dw.fact_flight_operations'),
    ).rejects.toThrow(/does not exist/)
    await expect(a.query('SELECT * FROM core_db.airline_dw.dim_customer')).rejects.toThrow(
      /does not exist/,
    )
    await expect(a.query('SELECT * FROM sales_db.airline_dw.dim_customer')).rejects.toThrow(
      /database "sales_db" does not exist/,
    )
    await expect(o.query('SELECT * FROM sales_db.airline_dw.v_customer_360')).rejects.toThrow(
      /does not exist/,
    )
    await expect(
      s.query('SELECT * FROM operations_db.airline_dw.fact_flight_operations'),
    ).rejects.toThrow(/does not exist/)
  })

  it('moving an object between shares is one REMOVE and one ADD (R-DS-3)', async () => {
    const moved = [
      core,
      {
        ...salesShare,
        objects: [
          { schema: 'airline_dw', tables: ['dim_customer', 'fact_bookings', 'v_customer_360'] },
        ],
      },
      {
        ...opsShare,
        objects: [
          { schema: 'airline_dw', tables: ['fact_flight_operations', 'fact_daily_revenue'] },
        ],
      },
    ]
    expect((await plan(moved)).statements.map((s) => `${s.side} ${s.sql}`)).toEqual([
      'producer ALTER DATASHARE "sales" REMOVE TABLE "airline_dw"."fact_daily_revenue"',
      'producer ALTER DATASHARE "operations" ADD TABLE "airline_dw"."fact_daily_revenue"',
    ])
    await apply(moved)
    await expect(
      acct.c[1]!.query('SELECT * FROM sales_db.airline_dw.fact_daily_revenue'),
    ).rejects.toThrow(/does not exist/)
    expect(
      await rowsOf(acct.c[2]!, 'SELECT count(*) FROM operations_db.airline_dw.fact_daily_revenue'),
    ).toEqual([['0']])
  })

  it('moving a consumer between shares: revoke + drop its database, grant + create the other (R-DS-8, R-DS-9, R-DS-10)', async () => {
    const moved = [
      { ...core, consumers: [sales('core_db'), operations('core_db')] },
      {
        ...salesShare,
        objects: [
          { schema: 'airline_dw', tables: ['dim_customer', 'fact_bookings', 'v_customer_360'] },
        ],
      },
      {
        ...opsShare,
        objects: [
          { schema: 'airline_dw', tables: ['fact_flight_operations', 'fact_daily_revenue'] },
        ],
        consumers: [operations('operations_db'), analytics('operations_db')],
      },
    ]
    expect((await plan(moved)).statements.map((s) => `${s.side} ${s.sql}`)).toEqual([
      `producer REVOKE USAGE ON DATASHARE "core" FROM NAMESPACE '${CONSUMER_NS[0]}'`,
      `producer GRANT USAGE ON DATASHARE "operations" TO NAMESPACE '${CONSUMER_NS[0]}'`,
      'consumer:analytics DROP DATABASE "core_db"',
      `consumer:analytics CREATE DATABASE "operations_db" FROM DATASHARE "operations" OF NAMESPACE '${PRODUCER_NS}'`,
    ])
    await apply(moved)
    expect(
      await rowsOf(
        acct.c[0]!,
        'SELECT count(*) FROM operations_db.airline_dw.fact_flight_operations',
      ),
    ).toEqual([['2']])
    await expect(acct.c[0]!.query('SELECT * FROM core_db.airline_dw.dim_date')).rejects.toThrow(
      /does not exist/,
    )
  })

  it('a share no longer desired is left alone unless managed; managed, it is torn down (R-DS-7, R-DS-9)', async () => {
    const left = [
      { ...core, consumers: [sales('core_db'), operations('core_db')] },
      {
        ...salesShare,
        objects: [
          { schema: 'airline_dw', tables: ['dim_customer', 'fact_bookings', 'v_customer_360'] },
        ],
      },
    ]
    expect((await plan(left)).isEmpty).toBe(true)
    const p = await plan(left, ['operations'])
    expect(p.statements.map((s) => `${s.side} ${s.sql}`)).toEqual([
      `producer REVOKE USAGE ON DATASHARE "operations" FROM NAMESPACE '${CONSUMER_NS[0]}'`,
      `producer REVOKE USAGE ON DATASHARE "operations" FROM NAMESPACE '${CONSUMER_NS[2]}'`,
      'producer DROP DATASHARE "operations"',
      'consumer:analytics DROP DATABASE "operations_db"',
      'consumer:operations DROP DATABASE "operations_db"',
    ])
    await apply(left, ['operations'])
    expect(
      await rowsOf(
        acct.p,
        "SELECT share_name FROM svv_datashares WHERE share_type = 'OUTBOUND' ORDER BY 1",
      ),
    ).toEqual([['core'], ['sales']])
  })

  it('refuses a share naming an object the producer lacks, and two shares of one name, before any statement', async () => {
    const before = acct.rs.queryLog.length
    const missing = [
      core,
      { ...salesShare, objects: [{ schema: 'airline_dw', tables: ['dim_customer', 'v_nope'] }] },
    ]
    const shares = defineDatashares(missing, options)
    const actual = await readRedshiftShares(shares, acct.connections)
    const reads = acct.rs.queryLog.length
    expect(() => planDatashares(shares, actual, renderer)).toThrow(
      expect.objectContaining({
        code: 'UNKNOWN_TABLE',
        field: '[1].objects[0].tables[1]',
        value: 'v_nope',
      }),
    )
    expect(acct.rs.queryLog.length).toBe(reads)
    expect(reads).toBeGreaterThan(before)
    expect(() => defineDatashares([core, { ...salesShare, name: 'core' }], options)).toThrow(
      expect.objectContaining({ code: 'DUPLICATE', field: '[1].name', value: 'core' }),
    )
  })
})

describe('published views on redshift-local: views in a protected schema, and columns added later (issue 20)', () => {
  const renderer = redshiftRenderer()
  const withExtra = airlineDefs.map((t) =>
    t.name === 'dim_airport'
      ? { ...t, columns: { ...t.columns, lounge: { ...t.columns.city!, nullable: true } } }
      : t,
  )
  let acct: Account
  beforeAll(async () => {
    acct = await account()
  })
  afterAll(async () => {
    await acct?.close()
  })
  const spec: DatashareSpec = {
    name: 'protected',
    producer,
    objects: [{ schema: 'airline_dw', tables: ['dim_airport', 'dim_customer', 'v_customer_360'] }],
    consumers: [{ ...analytics('protected_db'), withPermissions: true }],
    policies: {
      masking: [
        { name: 'mask_pii', table: 'airline_dw.dim_customer', columns: ['first_name', 'email'] },
      ],
    },
  }
  const connections = () => ({
    producer: acct.connections.producer,
    consumers: { analytics: acct.connections.consumers.analytics! },
  })
  const planFor = async (share: ReturnType<typeof defineDatashare>) =>
    planDatashare(share, await readRedshiftState(share, connections()), renderer)

  it('a view reading a masked column or a filtered table is refused before any statement', async () => {
    const before = acct.rs.queryLog.length
    const leaky = defineDatashare(
      {
        ...spec,
        objects: [{ schema: 'airline_dw', tables: ['dim_airport', 'v_route_performance'] }],
        policies: {
          rowLevelSecurity: [
            {
              name: 'na_only',
              table: 'airline_dw.dim_airport',
              column: 'region',
              values: ['North America'],
              consumers: ['analytics'],
            },
          ],
        },
      },
      options,
    )
    const e = await planFor(leaky).catch((x: unknown) => x as DesiredStateError)
    expect(e).toBeInstanceOf(DesiredStateError)
    expect(e).toMatchObject({
      code: 'NOT_SHAREABLE',
      field: 'objects[0].tables[1]',
      value: 'v_route_performance',
    })
    expect((e as Error).message).toMatch(
      /reads airline_dw\.dim_airport, whose rows policy "na_only" filters/,
    )
    // Only the state was read: every query since is a SELECT.
    expect(acct.rs.queryLog.slice(before).map((q) => q.query_type)).not.toContain('DDL')
    expect(new Set(acct.rs.queryLog.slice(before).map((q) => q.query_type))).toEqual(
      new Set(['SELECT']),
    )
  })

  it('v_customer_360 (no masked column) is published next to the masked table; the consumer reads it', async () => {
    const share = defineDatashare(spec, options)
    const plan = await planFor(share)
    expect(
      plan.statements
        .filter((s) => s.sql.startsWith('CREATE VIEW'))
        .map((s) => s.sql.split(' AS ')[0]),
    ).toEqual([
      'CREATE VIEW "protected_airline_dw"."dim_airport"',
      'CREATE VIEW "protected_airline_dw"."dim_customer"',
      'CREATE VIEW "protected_airline_dw"."v_customer_360"',
    ])
    await applyPlan(plan, connections(), { pollIntervalMs: 50 })
    expect((await planFor(share)).isEmpty).toBe(true)
    expect(
      await rowsOf(
        acct.c[0]!,
        'SELECT customer_id, loyalty_tier, bookings FROM protected_db.protected_airline_dw.v_customer_360',
      ),
    ).toEqual([['C0001', 'GOLD', '0']])
    expect(
      await rowsOf(
        acct.c[0]!,
        'SELECT first_name, email, city FROM protected_db.protected_airline_dw.dim_customer',
      ),
    ).toEqual([['****', '****', 'London']])
  })

  it('after ALTER TABLE … ADD COLUMN the view is rebuilt (out of the share, dropped, created, added again); the consumer sees the column; re-plan is empty', async () => {
    await acct.p.query(
      "ALTER TABLE airline_dw.dim_airport ADD COLUMN lounge VARCHAR(50) DEFAULT 'Sky Club'",
    )
    // With the old definitions nothing changes: the view lists its columns, never `*`.
    expect((await planFor(defineDatashare(spec, options))).isEmpty).toBe(true)
    const share = defineDatashare(spec, { tables: withExtra })
    const plan = await planFor(share)
    const pub = '"protected_airline_dw"."dim_airport"'
    expect(plan.statements.map((s) => `${s.side} ${s.sql.split(' AS SELECT ')[0]}`)).toEqual([
      `producer ALTER DATASHARE "protected" REMOVE TABLE ${pub}`,
      `producer DROP VIEW ${pub}`,
      `producer CREATE VIEW ${pub}`,
      expect.stringMatching(
        /^producer COMMENT ON VIEW "protected_airline_dw"\."dim_airport" IS 'rsp:[0-9a-f]{16}:[0-9a-f]{16}'$/,
      ),
      `producer ALTER DATASHARE "protected" ADD TABLE ${pub}`,
    ])
    expect(plan.statements[2]!.sql).toMatch(
      /"is_current", "lounge" FROM "airline_dw"\."dim_airport"$/,
    )
    await applyPlan(plan, connections(), { pollIntervalMs: 50 })
    expect(
      await rowsOf(
        acct.c[0]!,
        'SELECT airport_code, lounge FROM protected_db.protected_airline_dw.dim_airport ORDER BY 1',
      ),
    ).toEqual([
      ['JFK', 'Sky Club'],
      ['LHR', 'Sky Club'],
    ])
    expect((await planFor(share)).isEmpty).toBe(true)
  })

  it('a view published by an earlier release (SELECT *, comment without columns) is rebuilt with its columns', async () => {
    const pub = 'protected_airline_dw.dim_airport'
    await acct.p.query(`ALTER DATASHARE "protected" REMOVE TABLE ${pub}`)
    await acct.p.query(`DROP VIEW ${pub}`)
    await acct.p.query(`CREATE VIEW ${pub} AS SELECT * FROM airline_dw.dim_airport`)
    await acct.p.query(`COMMENT ON VIEW ${pub} IS 'rsp:0123456789abcdef'`)
    await acct.p.query(`ALTER DATASHARE "protected" ADD TABLE ${pub}`)
    const share = defineDatashare(spec, { tables: withExtra })
    const plan = await planFor(share)
    expect(plan.steps.map((s) => s.action.kind)).toEqual([
      'remove-tables',
      'drop-view',
      'create-view',
      'add-tables',
    ])
    await applyPlan(plan, connections(), { pollIntervalMs: 50 })
    expect((await planFor(share)).isEmpty).toBe(true)
  })
})
