import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { describe, expect, it } from 'vitest'
import { DOMAIN_LAYOUT } from '../config/domain-layout.js'
import { runCli, tempProject } from '../test-cli.js'

/** What a consumer role may read: each relation → true (read) or the refusal. */
async function reads(dir: string, role: string, relations: readonly string[]) {
  const pg = await PGlite.create(dir)
  try {
    const out: Record<string, true | string> = {}
    for (const r of relations) {
      await pg.exec(`SET ROLE ${role}`)
      try {
        await pg.query(`SELECT count(*) FROM ${r}`)
        out[r] = true
      } catch (e) {
        out[r] = (e as Error).message
      } finally {
        await pg.exec('RESET ROLE')
      }
    }
    return out
  } finally {
    await pg.close()
  }
}

const RELATIONS = [
  'airline_dw.dim_date',
  'airline_dw.v_route_performance',
  'airline_dw.fact_bookings',
  'airline_dw.v_customer_360',
  'airline_dw.fact_flight_operations',
  'rsp_meta.freshness_marker',
] as const
const denied = (t: string) =>
  `permission denied for ${t.startsWith('airline_dw.v_') ? 'view' : 'table'} ${t.split('.')[1]}`
const access = (allowed: readonly string[]) =>
  Object.fromEntries(RELATIONS.map((r) => [r, allowed.includes(r) ? true : denied(r)]))

describe('rsp share / unshare: datashares by domain on the local target', () => {
  it('3 shares × 3 consumers: each reads only its domain; moving consumers plans only the moves; a removed share is dropped', {
    timeout: 300_000,
  }, async () => {
    const config = JSON.parse(JSON.stringify({ project: 'airline', ...DOMAIN_LAYOUT })) as {
      datashares: { consumers: string[] | 'all' }[]
    }
    const dir = tempProject(config)
    const db = join(dir, 'db')
    await (await PGlite.create(db)).close()

    const first = await runCli(['share', '--dir', db, '--json'], { cwd: dir })
    expect(first.stderr).toBe('')
    const applied = JSON.parse(first.stdout)
    expect(applied.shares.map((s: { name: string }) => s.name)).toEqual([
      'core',
      'sales_domain',
      'operations_domain',
    ])
    expect(applied.applied).toBe(applied.statements.length)

    const core = [
      'airline_dw.dim_date',
      'airline_dw.v_route_performance',
      'rsp_meta.freshness_marker',
    ]
    expect(await reads(db, 'analytics', RELATIONS)).toEqual(access(core))
    expect(await reads(db, 'sales', RELATIONS)).toEqual(
      access([...core, 'airline_dw.fact_bookings', 'airline_dw.v_customer_360']),
    )
    expect(await reads(db, 'operations', RELATIONS)).toEqual(
      access([...core, 'airline_dw.fact_flight_operations']),
    )

    // rsp query: a flagship query needing a share the consumer is not in is refused with the
    // share named (exit 2), not PostgreSQL's permission error; its consumer runs it.
    const refused = await runCli(
      ['query', 'on-time-performance', '--dir', db, '--consumer', 'sales'],
      { cwd: dir },
    )
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain(
      'airline_dw.fact_flight_operations (in operations_domain, consumers operations)',
    )
    expect(refused.stderr).not.toContain('permission denied')
    const ran = await runCli(
      ['query', 'on-time-performance', '--dir', db, '--consumer', 'operations', '--json'],
      { cwd: dir },
    )
    expect(ran.stderr).toBe('')
    expect(ran.code).toBe(0)

    const again = await runCli(['share', '--dir', db, '--json'], { cwd: dir })
    expect(JSON.parse(again.stdout)).toMatchObject({ isEmpty: true, applied: 0 })

    // Swap the domain shares' consumers: sales ⇄ operations.
    config.datashares[1]!.consumers = ['operations']
    config.datashares[2]!.consumers = ['sales']
    writeFileSync(join(dir, 'rsp.config.json'), JSON.stringify(config))
    const moved = JSON.parse(
      (await runCli(['share', '--dir', db, '--json'], { cwd: dir })).stdout,
    ) as {
      shares: { name: string; isEmpty: boolean }[]
      statements: { share: string; sql: string }[]
    }
    expect(moved.shares.map((s) => s.isEmpty)).toEqual([true, false, false])
    const sqlOf = (share: string) =>
      moved.statements.filter((s) => s.share === share).map((s) => s.sql)
    // Only memberships and consumer databases change: no table is granted or revoked again.
    // Only memberships, consumer databases and the masking view of the new sales_domain
    // consumer change: no shared table is granted to a share again.
    expect(
      moved.statements.filter((s) => /^GRANT SELECT ON "(airline_dw|rsp_meta)"\./.test(s.sql)),
    ).toEqual([])
    expect(sqlOf('sales_domain')).toEqual(
      expect.arrayContaining([
        'REVOKE "sales_domain" FROM "sales"',
        'GRANT "sales_domain" TO "operations"',
        'CREATE SCHEMA "sales_domain_operations"',
      ]),
    )
    expect(sqlOf('operations_domain')).toEqual(
      expect.arrayContaining([
        'REVOKE "operations_domain" FROM "operations"',
        'GRANT "operations_domain" TO "sales"',
        'CREATE SCHEMA "operations_domain_sales"',
      ]),
    )
    expect(await reads(db, 'operations', RELATIONS)).toEqual(
      access([...core, 'airline_dw.fact_bookings', 'airline_dw.v_customer_360']),
    )
    expect(await reads(db, 'sales', RELATIONS)).toEqual(
      access([...core, 'airline_dw.fact_flight_operations']),
    )
    expect(
      JSON.parse((await runCli(['share', '--dir', db, '--json'], { cwd: dir })).stdout),
    ).toMatchObject({ isEmpty: true })
    // The shares are planned as one set: a consumer that left a share lost its database from
    // it, and a consumer's search_path lists the databases of every share it is in.
    expect(await schemasLike(db, '%_domain_%')).toEqual([
      'operations_domain_sales',
      'sales_domain_operations',
    ])
    expect(await searchPath(db, 'sales')).toEqual(
      'search_path=core_sales, operations_domain_sales, airline_dw, rsp_meta',
    )
    expect(await searchPath(db, 'operations')).toEqual(
      'search_path=core_operations, sales_domain_operations, airline_dw, rsp_meta',
    )

    // A share removed from the config is dropped (its role carries the package's marker).
    config.datashares.pop()
    writeFileSync(join(dir, 'rsp.config.json'), JSON.stringify(config))
    const removed = JSON.parse(
      (await runCli(['share', '--dir', db, '--json'], { cwd: dir })).stdout,
    ) as { shares: { name: string; isEmpty: boolean; removed?: boolean }[] }
    expect(removed.shares).toEqual([
      { name: 'core', isEmpty: true, statements: 0 },
      { name: 'sales_domain', isEmpty: true, statements: 0 },
      expect.objectContaining({ name: 'operations_domain', isEmpty: false, removed: true }),
    ])
    expect(await schemasLike(db, 'operations_domain%')).toEqual([])
    expect(await reads(db, 'sales', RELATIONS)).toEqual(access(core))
    expect(await searchPath(db, 'sales')).toEqual('search_path=core_sales, airline_dw, rsp_meta')
    expect(
      JSON.parse((await runCli(['share', '--dir', db, '--json'], { cwd: dir })).stdout),
    ).toMatchObject({ isEmpty: true })

    const down = await runCli(['unshare', '--dir', db, '--json'], { cwd: dir })
    expect(down.code).toBe(0)
    const teardown = JSON.parse(down.stdout)
    expect(teardown.shares.map((s: { name: string }) => s.name)).toEqual(['sales_domain', 'core'])
    const pg = await PGlite.create(db)
    const left = await pg.query<{ rolname: string }>(
      `SELECT rolname FROM pg_roles WHERE rolname IN ('core', 'sales_domain', 'operations_domain')`,
    )
    await pg.close()
    expect(left.rows).toEqual([])
    expect(await schemasLike(db, 'core_%')).toEqual([])
  })
})

async function schemasLike(dir: string, pattern: string): Promise<string[]> {
  const pg = await PGlite.create(dir)
  try {
    const r = await pg.query<{ nspname: string }>(
      'SELECT nspname FROM pg_namespace WHERE nspname LIKE $1 ORDER BY 1',
      [pattern],
    )
    return r.rows.map((x) => x.nspname)
  } finally {
    await pg.close()
  }
}

/** A role's search_path setting (`ALTER ROLE … SET search_path`), as PostgreSQL keeps it. */
async function searchPath(dir: string, role: string): Promise<string | undefined> {
  const pg = await PGlite.create(dir)
  try {
    const r = await pg.query<{ rolconfig: string[] | null }>(
      'SELECT rolconfig FROM pg_roles WHERE rolname = $1',
      [role],
    )
    return r.rows[0]?.rolconfig?.find((c) => c.startsWith('search_path='))
  } finally {
    await pg.close()
  }
}
