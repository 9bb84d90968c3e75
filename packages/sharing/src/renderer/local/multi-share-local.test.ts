// N datashares on the local target (one PGlite database: shares are roles, a consumer database
// is a schema named like it, the consumer role's search_path lists them): a consumer in two
// shares (seller) gets both databases on its path and reads only the objects of its shares.
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyPlan } from '../../apply/apply-plan.js'
import { singleDatabase } from '../../connections.js'
import type { DatashareSpec } from '../../desired-state.js'
import { defineDatashares, planDatashares, planTeardowns } from '../../plan/multi-planner.js'
import { airlineDatabase, CONSUMER_NS, PRODUCER_NS } from '../../test-fixtures.js'
import { localRenderer } from './local-renderer.js'
import { readLocalShares } from './local-state-reader.js'

// biome-ignore lint/suspicious/noExplicitAny: catalogs
type Db = Kysely<any>
const producer = { namespace: PRODUCER_NS, database: 'dev' }
const core: DatashareSpec = {
  name: 'core',
  producer,
  objects: [{ schema: 'airline_dw', tables: ['dim_airport', 'dim_date', 'v_route_performance'] }],
  consumers: [
    { name: 'analytics', namespace: CONSUMER_NS[0], database: 'core_analytics' },
    { name: 'seller', namespace: CONSUMER_NS[1], database: 'core_sales' },
  ],
}
const sales: DatashareSpec = {
  name: 'sales',
  producer,
  objects: [{ schema: 'airline_dw', tables: ['dim_customer', 'v_customer_360'] }],
  consumers: [{ name: 'seller', namespace: CONSUMER_NS[1], database: 'sales_sales' }],
}

async function asRole<T>(db: Db, role: string, fn: () => Promise<T>): Promise<T> {
  const setting = await sql<{ setconfig: string[] | null }>`
    SELECT setconfig FROM pg_db_role_setting WHERE setrole = (SELECT oid FROM pg_roles WHERE rolname = ${role})`.execute(
    db,
  )
  const path = setting.rows[0]?.setconfig?.find((c) => c.startsWith('search_path='))
  await sql.raw(`SET ROLE "${role}"`).execute(db)
  if (path) await sql.raw(`SET search_path = ${path.slice('search_path='.length)}`).execute(db)
  try {
    return await fn()
  } finally {
    await sql`RESET ROLE`.execute(db)
    await sql`RESET search_path`.execute(db)
  }
}
const count = (db: Db, role: string, relation: string) =>
  asRole(
    db,
    role,
    async () => (await sql.raw(`SELECT count(*)::int AS n FROM ${relation}`).execute(db)).rows,
  )

describe('local target: N datashares on PGlite', () => {
  const renderer = localRenderer()
  let db: Db
  let close: () => Promise<void>
  beforeAll(async () => {
    const a = await airlineDatabase()
    db = a.db
    close = async () => {
      await a.db.destroy()
    }
    await sql`INSERT INTO airline_dw.dim_customer (customer_key, customer_id, first_name, last_name, email, phone, birth_date, city, country_code, loyalty_tier, join_date) VALUES (1, 'C1', 'Ada', 'L', 'a@x', '+1', '1815-12-10', 'London', 'GB', 'GOLD', '2020-01-01')`.execute(
      db,
    )
  })
  afterAll(async () => {
    await close?.()
  })
  const plan = async (specs: readonly DatashareSpec[]) => {
    const shares = defineDatashares(specs)
    return { shares, plan: planDatashares(shares, await readLocalShares(shares, db), renderer) }
  }

  it('applies two shares; the consumer in both gets both databases on its search_path; re-plan is empty', async () => {
    const { shares, plan: p } = await plan([core, sales])
    // One role per consumer, created once although sales is in both shares.
    expect(p.statements.filter((s) => s.sql === 'CREATE ROLE "seller" NOLOGIN')).toHaveLength(1)
    await applyPlan(p, singleDatabase(shares, db))
    expect((await plan([core, sales])).plan.isEmpty).toBe(true)
    const path = await sql<{ setconfig: string[] }>`
      SELECT setconfig FROM pg_db_role_setting WHERE setrole = (SELECT oid FROM pg_roles WHERE rolname = 'seller')`.execute(
      db,
    )
    expect(path.rows[0]?.setconfig).toEqual(['search_path=core_sales, sales_sales, airline_dw'])
  })

  it('each consumer reads the objects of its shares, views included, and is refused the rest', async () => {
    expect(await count(db, 'seller', 'v_customer_360')).toEqual([{ n: 1 }])
    expect(await count(db, 'seller', 'dim_airport')).toEqual([{ n: 0 }])
    expect(await count(db, 'analytics', 'v_route_performance')).toEqual([{ n: 0 }])
    await expect(count(db, 'analytics', 'airline_dw.dim_customer')).rejects.toThrow(
      /permission denied/,
    )
    await expect(count(db, 'analytics', 'airline_dw.v_customer_360')).rejects.toThrow(
      /permission denied/,
    )
    // v_route_performance reads fact_flight_operations, which no share holds.
    await expect(count(db, 'analytics', 'airline_dw.fact_flight_operations')).rejects.toThrow(
      /permission denied/,
    )
    await expect(count(db, 'seller', 'airline_dw.fact_bookings')).rejects.toThrow(
      /permission denied/,
    )
  })

  it('moving the consumer out of a share drops that database and keeps the other on its path', async () => {
    const moved = [{ ...core, consumers: [core.consumers[0]!] }, sales]
    const { shares, plan: p } = await plan(moved)
    expect(p.statements.map((s) => `${s.side} ${s.sql}`)).toEqual([
      'producer REVOKE "core" FROM "seller"',
      'producer REVOKE SELECT ON ALL TABLES IN SCHEMA "airline_dw" FROM "seller"',
      'consumer:seller DROP SCHEMA "core_sales" CASCADE',
      'consumer:seller ALTER ROLE "seller" SET search_path = "sales_sales", "airline_dw"',
    ])
    await applyPlan(p, singleDatabase(shares, db))
    expect((await plan(moved)).plan.isEmpty).toBe(true)
    await expect(count(db, 'seller', 'airline_dw.dim_airport')).rejects.toThrow(/permission denied/)
    expect(await count(db, 'seller', 'v_customer_360')).toEqual([{ n: 1 }])
  })

  it('a share role with the marker that is no longer desired is torn down; teardown of the set leaves nothing', async () => {
    const { shares, plan: p } = await plan([sales])
    expect(p.statements.map((s) => s.sql)).toEqual([
      'REVOKE "core" FROM "analytics"',
      'DROP OWNED BY "core"',
      'DROP ROLE "core"',
      'DROP SCHEMA "core_analytics" CASCADE',
      'ALTER ROLE "analytics" RESET search_path',
    ])
    await applyPlan(p, singleDatabase(shares, db))
    const down = planTeardowns(shares, await readLocalShares(shares, db), renderer)
    await applyPlan(down, singleDatabase(shares, db))
    const left = await readLocalShares(shares, db)
    expect([...left.marked]).toEqual([])
    expect(planTeardowns(shares, left, renderer).isEmpty).toBe(true)
  })

  it('refuses a view that would read around a policy, and a consumer database used twice by one consumer', async () => {
    const leaky: DatashareSpec = {
      ...sales,
      policies: {
        rowLevelSecurity: [
          {
            name: 'gb',
            table: 'airline_dw.dim_customer',
            column: 'country_code',
            values: ['GB'],
            consumers: ['seller'],
          },
        ],
      },
      consumers: [{ ...sales.consumers[0]!, withPermissions: true }],
    }
    const shares = defineDatashares([leaky])
    const actual = await readLocalShares(shares, db)
    expect(() => planDatashares(shares, actual, renderer)).toThrow(
      expect.objectContaining({
        code: 'NOT_SHAREABLE',
        field: '[0].objects[0].tables[1]',
        value: 'v_customer_360',
      }),
    )
    expect(() =>
      defineDatashares([
        core,
        { ...sales, consumers: [{ ...sales.consumers[0]!, database: 'core_sales' }] },
      ]),
    ).toThrow(
      expect.objectContaining({
        code: 'DUPLICATE',
        field: '[1].consumers[0].database',
        value: 'core_sales',
      }),
    )
    expect(() =>
      defineDatashares([
        core,
        { ...sales, consumers: [{ ...sales.consumers[0]!, namespace: CONSUMER_NS[2] }] },
      ]),
    ).toThrow(expect.objectContaining({ code: 'DUPLICATE', field: '[1].consumers[0].namespace' }))
  })
})
