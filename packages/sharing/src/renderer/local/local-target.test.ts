import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyPlan } from '../../apply/apply-plan.js'
import { singleDatabase } from '../../connections.js'
import { defineDatashare } from '../../desired-state.js'
import { planDatashare, planTeardown } from '../../plan/planner.js'
import { airlineDatabase, piiScenario, seedScenario } from '../../test-fixtures.js'
import { localRenderer } from './local-renderer.js'
import { readLocalState } from './local-state-reader.js'

// biome-ignore lint/suspicious/noExplicitAny: catalogs
type Db = Kysely<any>

/** Runs `fn` as `role`, with the role's own search_path, as a login session would. */
async function asRole<T>(db: Db, role: string, fn: () => Promise<T>): Promise<T> {
  const setting = await sql<{
    setconfig: string[] | null
  }>`SELECT setconfig FROM pg_db_role_setting WHERE setrole = (SELECT oid FROM pg_roles WHERE rolname = ${role})`.execute(
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

const refused = async (db: Db, statement: string) => {
  await expect(sql.raw(statement).execute(db)).rejects.toThrow(/permission denied|must be owner/)
}

async function insertAirport(db: Db, key: number, code: string, region: string) {
  await sql`INSERT INTO airline_dw.dim_airport (airport_key, airport_code, airport_name, city, state, country, country_code, region, latitude, longitude, timezone, is_hub, valid_from, valid_to, is_current)
    VALUES (${key}, ${code}, ${`${code} airport`}, 'City', NULL, 'Country', 'XX', ${region}, 1.5, 2.5, 'UTC', false, DATE '2024-01-01', NULL, true)`.execute(
    db,
  )
}

async function insertCustomer(db: Db, key: number) {
  await sql`INSERT INTO airline_dw.dim_customer (customer_key, customer_id, first_name, last_name, email, phone, birth_date, gender, city, state, country_code, loyalty_tier, loyalty_number, lifetime_miles, join_date)
    VALUES (${key}, ${`C${key}`}, 'Ada', 'Lovelace', 'ada@example.com', '+1 555 0100', DATE '1990-12-10', 'F', 'London', NULL, 'GB', 'GOLD', NULL, 100, DATE '2020-01-01')`.execute(
    db,
  )
}

describe('local target: the seed scenario on PGlite', () => {
  const share = defineDatashare(seedScenario)
  const renderer = localRenderer()
  let db: Db
  beforeAll(async () => {
    ;({ db } = await airlineDatabase())
  })
  afterAll(async () => {
    await db.destroy()
  })

  it('applies the plan, and planning again gives an empty plan', async () => {
    const plan = planDatashare(share, await readLocalState(share, db), renderer)
    expect(plan.isEmpty).toBe(false)
    const result = await applyPlan(plan, singleDatabase(share, db))
    expect(result.outcomes.every((o) => o.status === 'applied')).toBe(true)
    expect(result.outcomes).toHaveLength(plan.statements.length)
    const again = planDatashare(share, await readLocalState(share, db), renderer)
    expect(again.steps.map((s) => s.action.kind)).toEqual([])
    expect(again.isEmpty).toBe(true)
  })

  it('a consumer sees a row the producer just wrote (no copy)', async () => {
    expect(
      await asRole(
        db,
        'consumer_1',
        async () =>
          (await sql`SELECT count(*)::int AS n FROM airline_dw.dim_airport`.execute(db)).rows,
      ),
    ).toEqual([{ n: 0 }])
    await insertAirport(db, 1, 'SEA', 'North America')
    const rows = await asRole(
      db,
      'consumer_2',
      async () => (await sql`SELECT airport_code FROM dim_airport`.execute(db)).rows,
    )
    expect(rows).toEqual([{ airport_code: 'SEA' }])
  })

  it("refuses a consumer's INSERT, UPDATE, DELETE and DDL on shared tables", async () => {
    await asRole(db, 'consumer_1', async () => {
      await refused(
        db,
        `INSERT INTO airline_dw.dim_date (date_key, full_date, year, quarter, month, month_name, day_of_month, day_of_week, day_name, week_of_year, is_weekend, is_holiday, fiscal_year, fiscal_quarter) VALUES (20240101, DATE '2024-01-01', 2024, 1, 1, 'January', 1, 1, 'Monday', 1, false, true, 2024, 2)`,
      )
      await refused(db, `UPDATE airline_dw.dim_airport SET city = 'x'`)
      await refused(db, 'DELETE FROM airline_dw.dim_airport')
      await refused(db, 'TRUNCATE airline_dw.dim_airport')
      await refused(db, 'ALTER TABLE airline_dw.dim_airport ADD COLUMN x int')
      await refused(db, 'DROP TABLE airline_dw.fact_bookings')
      await refused(db, 'CREATE TABLE airline_dw.sneaky (x int)')
    })
    expect(
      (await sql`SELECT count(*)::int AS n FROM airline_dw.dim_airport`.execute(db)).rows,
    ).toEqual([{ n: 1 }])
  })

  it('after a consumer is removed (revoke) it can read nothing', async () => {
    const fewer = defineDatashare({
      ...seedScenario,
      consumers: seedScenario.consumers.slice(0, 2),
    })
    const plan = planDatashare(fewer, await readLocalState(fewer, db), renderer)
    expect(plan.steps.map((s) => [s.side, s.action.kind])).toEqual([['producer', 'revoke-usage']])
    await applyPlan(plan, singleDatabase(fewer, db))
    await asRole(db, 'consumer_3', async () => {
      await refused(db, 'SELECT * FROM airline_dw.dim_airport')
      await refused(db, 'SELECT * FROM airline_dw.fact_bookings')
    })
    expect(
      await asRole(
        db,
        'consumer_1',
        async () =>
          (await sql`SELECT count(*)::int AS n FROM airline_dw.dim_airport`.execute(db)).rows,
      ),
    ).toEqual([{ n: 1 }])
  })

  it('tears down in order and leaves nothing behind', async () => {
    const actual = await readLocalState(share, db)
    const plan = planTeardown(share, actual, renderer)
    const kinds = plan.steps.map((s) => s.action.kind)
    expect(kinds.lastIndexOf('drop-database')).toBeLessThan(kinds.indexOf('revoke-usage'))
    expect(kinds.at(-1)).toBe('drop-share')
    await applyPlan(plan, singleDatabase(share, db))
    const after = await readLocalState(share, db)
    expect(after.share).toBeUndefined()
    expect(planTeardown(share, after, renderer).isEmpty).toBe(true)
    await asRole(db, 'consumer_1', async () => refused(db, 'SELECT * FROM airline_dw.dim_airport'))
    // The producer's data is untouched.
    expect(
      (await sql`SELECT count(*)::int AS n FROM airline_dw.dim_airport`.execute(db)).rows,
    ).toEqual([{ n: 1 }])
  })
})

describe('local target: masking and row-level security on PGlite', () => {
  const share = defineDatashare(piiScenario)
  const renderer = localRenderer()
  let db: Db
  beforeAll(async () => {
    ;({ db } = await airlineDatabase())
    await insertCustomer(db, 1)
    await insertAirport(db, 1, 'SEA', 'North America')
    await insertAirport(db, 2, 'LHR', 'Europe')
    const plan = planDatashare(share, await readLocalState(share, db), renderer)
    await applyPlan(plan, singleDatabase(share, db))
  })
  afterAll(async () => {
    await db.destroy()
  })

  it('re-planning after apply is empty', async () => {
    expect(planDatashare(share, await readLocalState(share, db), renderer).isEmpty).toBe(true)
  })

  it('masks PII for consumers and keeps it clear for the producer', async () => {
    const masked = await asRole(
      db,
      'analytics',
      async () =>
        (
          await sql`SELECT customer_id, first_name, last_name, email, phone, birth_date, city FROM dim_customer`.execute(
            db,
          )
        ).rows,
    )
    expect(masked).toEqual([
      {
        customer_id: 'C1',
        first_name: '****',
        last_name: '****',
        email: '****',
        phone: '****',
        birth_date: null,
        city: 'London',
      },
    ])
    // Through the shared schema, PII columns are refused, clear columns are readable.
    await asRole(db, 'analytics', async () => {
      await refused(db, 'SELECT first_name FROM airline_dw.dim_customer')
      await refused(db, 'SELECT * FROM airline_dw.dim_customer')
      expect((await sql`SELECT city FROM airline_dw.dim_customer`.execute(db)).rows).toEqual([
        { city: 'London' },
      ])
    })
    // A reader granted on the consumer gets the same masked view.
    const reader = await asRole(
      db,
      'bi_analysts',
      async () => (await sql`SELECT email FROM airline_analytics.dim_customer`.execute(db)).rows,
    )
    expect(reader).toEqual([{ email: '****' }])
    const clear = (await sql`SELECT first_name, email FROM airline_dw.dim_customer`.execute(db))
      .rows
    expect(clear).toEqual([{ first_name: 'Ada', email: 'ada@example.com' }])
  })

  it("restricts the reporting consumer to its region's airports, not the others", async () => {
    const reporting = await asRole(
      db,
      'reporting',
      async () => (await sql`SELECT airport_code FROM dim_airport ORDER BY 1`.execute(db)).rows,
    )
    expect(reporting).toEqual([{ airport_code: 'SEA' }])
    const analytics = await asRole(
      db,
      'analytics',
      async () => (await sql`SELECT airport_code FROM dim_airport ORDER BY 1`.execute(db)).rows,
    )
    expect(analytics).toEqual([{ airport_code: 'LHR' }, { airport_code: 'SEA' }])
    expect(
      (await sql`SELECT count(*)::int AS n FROM airline_dw.dim_airport`.execute(db)).rows,
    ).toEqual([{ n: 2 }])
  })

  it('no include-new under policies (R-DS-5): a view created later over a protected table reaches no consumer; a new table joins at the next plan', async () => {
    // The view runs with its owner's rights: through it, a consumer would read the masked
    // columns in clear and every airport row. Default privileges on TABLES would grant it.
    await sql`CREATE VIEW airline_dw.v_contacts AS SELECT c.first_name, c.email, (SELECT count(*) FROM airline_dw.dim_airport)::int AS airports FROM airline_dw.dim_customer c`.execute(
      db,
    )
    await sql`CREATE TABLE airline_dw.fact_new (x int)`.execute(db)
    await sql`INSERT INTO airline_dw.fact_new VALUES (7)`.execute(db)
    for (const consumer of ['analytics', 'reporting'])
      await asRole(db, consumer, async () => {
        await refused(db, 'SELECT * FROM airline_dw.v_contacts')
        await refused(db, 'SELECT x FROM airline_dw.fact_new')
      })
    // 'all': the next plan adds the table, and leaves the view out (its definition is unknown,
    // so it cannot be checked against the policies).
    const plan = planDatashare(share, await readLocalState(share, db), renderer)
    expect(plan.statements.map((st) => st.sql)).toEqual([
      'GRANT SELECT ON "airline_dw"."fact_new" TO "airline_share"',
    ])
    await applyPlan(plan, singleDatabase(share, db))
    await asRole(db, 'analytics', async () => {
      expect((await sql`SELECT x FROM fact_new`.execute(db)).rows).toEqual([{ x: 7 }])
      await refused(db, 'SELECT * FROM airline_dw.v_contacts')
    })
    expect(planDatashare(share, await readLocalState(share, db), renderer).isEmpty).toBe(true)
    await sql`DROP VIEW airline_dw.v_contacts`.execute(db)
  })

  it('a share applied with include-new on (an earlier release) has it turned off by the next plan', async () => {
    await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA airline_dw GRANT SELECT ON TABLES TO airline_share`.execute(
      db,
    )
    const plan = planDatashare(share, await readLocalState(share, db), renderer)
    expect(plan.statements.map((st) => st.sql)).toEqual([
      'ALTER DEFAULT PRIVILEGES IN SCHEMA "airline_dw" REVOKE SELECT ON TABLES FROM "airline_share"',
    ])
    await applyPlan(plan, singleDatabase(share, db))
    await sql`CREATE VIEW airline_dw.v_emails AS SELECT email FROM airline_dw.dim_customer`.execute(
      db,
    )
    await asRole(db, 'analytics', () => refused(db, 'SELECT email FROM airline_dw.v_emails'))
    await sql`DROP VIEW airline_dw.v_emails`.execute(db)
    expect(planDatashare(share, await readLocalState(share, db), renderer).isEmpty).toBe(true)
  })

  it('dropping a policy from the desired state detaches it, and re-plan is empty', async () => {
    const without = defineDatashare({
      ...piiScenario,
      policies: { masking: piiScenario.policies!.masking! },
    })
    const plan = planDatashare(without, await readLocalState(without, db), renderer)
    // v_route_performance reads dim_airport: left out of 'all' while a row filter applied to
    // dim_airport (the view would return every row), it joins the share once the filter goes.
    expect(plan.steps.map((s) => s.action.kind)).toEqual(['add-tables', 'detach-rls'])
    expect(plan.statements[0]?.sql).toBe(
      'GRANT SELECT ON "airline_dw"."v_route_performance" TO "airline_share"',
    )
    await applyPlan(plan, singleDatabase(without, db))
    expect(
      await asRole(
        db,
        'reporting',
        async () => (await sql`SELECT count(*)::int AS n FROM dim_airport`.execute(db)).rows,
      ),
    ).toEqual([{ n: 2 }])
    expect(planDatashare(without, await readLocalState(without, db), renderer).isEmpty).toBe(true)
  })

  it('teardown removes views, policies, grants and the share role', async () => {
    const plan = planTeardown(share, await readLocalState(share, db), renderer)
    await applyPlan(plan, singleDatabase(share, db))
    const after = await readLocalState(share, db)
    expect(after.share).toBeUndefined()
    expect(
      [...after.consumers.values()].every((c) => c.database === undefined && c.masking.size === 0),
    ).toBe(true)
    expect((await sql`SELECT count(*)::int AS n FROM pg_policies`.execute(db)).rows).toEqual([
      { n: 0 },
    ])
    expect(
      (await sql`SELECT relrowsecurity FROM pg_class WHERE relname = 'dim_airport'`.execute(db))
        .rows,
    ).toEqual([{ relrowsecurity: false }])
  })
})
