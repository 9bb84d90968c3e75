import { PGlite } from '@electric-sql/pglite'
import { Kysely, sql } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RoleSessions } from './role-sessions.js'

let sessions: RoleSessions
// biome-ignore lint/suspicious/noExplicitAny: any database
let producer: Kysely<any>
// biome-ignore lint/suspicious/noExplicitAny: any database
let consumer: Kysely<any>
// biome-ignore lint/suspicious/noExplicitAny: any database
const whoami = async (db: Kysely<any>) =>
  (await sql<{ u: string }>`select current_user as u`.execute(db)).rows[0]?.u

beforeAll(async () => {
  const pg = new PGlite()
  await pg.exec(
    `create role "consumer a" nologin; create table t (x int); insert into t values (1); grant select on t to "consumer a"`,
  )
  sessions = new RoleSessions(new PGliteDialect(pg))
  producer = new Kysely({ dialect: sessions.dialect() })
  consumer = new Kysely({ dialect: sessions.dialect('consumer a') })
})
afterAll(() => sessions.destroy())

describe('RoleSessions', () => {
  it('runs each Kysely as its role, and interleaved work never leaks a role', async () => {
    const slowTx = consumer.transaction().execute(async (trx) => {
      const first = await whoami(trx)
      await new Promise((r) => setTimeout(r, 30))
      return [first, await whoami(trx)]
    })
    const mixed = await Promise.all(
      Array.from({ length: 12 }, (_, i) => whoami(i % 2 ? consumer : producer)),
    )
    expect(mixed).toEqual(Array.from({ length: 12 }, (_, i) => (i % 2 ? 'consumer a' : 'postgres')))
    expect(await slowTx).toEqual(['consumer a', 'consumer a'])
  })

  it('enforces the role’s privileges and rolls back', async () => {
    await expect(sql`insert into t values (2)`.execute(consumer)).rejects.toThrow(
      /permission denied/,
    )
    expect(
      (await sql<{ n: number }>`select count(*)::int as n from t`.execute(consumer)).rows[0]?.n,
    ).toBe(1)
  })

  it('releases the session when SET ROLE fails', async () => {
    const ghost = new Kysely({ dialect: sessions.dialect('ghost') })
    await expect(whoami(ghost)).rejects.toThrow(/role "ghost" does not exist/)
    expect(await whoami(producer)).toBe('postgres')
  })

  it('a Kysely destroy() leaves the shared session open', async () => {
    const short = new Kysely({ dialect: sessions.dialect('consumer a') })
    expect(await whoami(short)).toBe('consumer a')
    await short.destroy()
    expect(await whoami(producer)).toBe('postgres')
  })
})
