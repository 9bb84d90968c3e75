import {
  type Dialect,
  DummyDriver,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely'
import { describe, expect, it } from 'vitest'
import { compileOnlyKysely, openKysely, usingKysely, usingPostgres } from './using-kysely.js'

/** A dialect that never connects and counts how often it is destroyed. */
function countingDialect(o: { destroyError?: Error } = {}) {
  const state = { destroyed: 0 }
  class Driver extends DummyDriver {
    override async destroy(): Promise<void> {
      state.destroyed++
      if (o.destroyError) throw o.destroyError
    }
  }
  const dialect: Dialect = {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new Driver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  }
  return { dialect, state }
}

describe('usingKysely', () => {
  it('returns what fn returns and destroys the instance', async () => {
    const { dialect, state } = countingDialect()
    const result = await usingKysely(dialect, async (db) => {
      await sql`select 1`.execute(db)
      return 42
    })
    expect(result).toBe(42)
    expect(state.destroyed).toBe(1)
  })

  it('takes a dialect factory, called once', async () => {
    const { dialect, state } = countingDialect()
    let made = 0
    await usingKysely(
      async () => {
        made++
        return dialect
      },
      async (db) => sql`select 1`.execute(db),
    )
    expect(made).toBe(1)
    expect(state.destroyed).toBe(1)
  })

  it('destroys the instance when fn throws, and rethrows that error', async () => {
    const { dialect, state } = countingDialect()
    const boom = new Error('boom')
    await expect(
      usingKysely(dialect, async (db) => {
        await sql`select 1`.execute(db)
        throw boom
      }),
    ).rejects.toBe(boom)
    expect(state.destroyed).toBe(1)
  })

  it('does not hide fn’s error behind an error from destroy', async () => {
    const { dialect, state } = countingDialect({ destroyError: new Error('close failed') })
    const boom = new Error('boom')
    await expect(
      usingKysely(dialect, async (db) => {
        await sql`select 1`.execute(db)
        throw boom
      }),
    ).rejects.toBe(boom)
    expect(state.destroyed).toBe(1)
  })

  it('throws destroy’s error when fn succeeded', async () => {
    const closeFailed = new Error('close failed')
    const { dialect } = countingDialect({ destroyError: closeFailed })
    await expect(
      usingKysely(dialect, async (db) => {
        await sql`select 1`.execute(db)
        return 1
      }),
    ).rejects.toBe(closeFailed)
  })

  it('destroys an instance made by openKysely', async () => {
    const { dialect, state } = countingDialect()
    const db = await openKysely(dialect)
    await usingKysely(db, async (d) => sql`select 1`.execute(d))
    expect(state.destroyed).toBe(1)
  })
})

describe('compileOnlyKysely', () => {
  it('compiles PostgreSQL without a connection', async () => {
    const db = compileOnlyKysely<{ t: { a: number } }>()
    const q = db.selectFrom('t').select('a').where('a', '=', 1).compile()
    expect(q.sql).toBe('select "a" from "t" where "a" = $1')
    expect(q.parameters).toEqual([1])
  })
})

describe('usingPostgres', () => {
  it('ends the pool also when the connection fails', async () => {
    // Nothing listens on port 1: the query fails, and the pool is ended anyway.
    await expect(
      usingPostgres(
        { host: '127.0.0.1', port: 1, connectionTimeoutMillis: 2000, max: 1 },
        async (db) => sql`select 1`.execute(db),
      ),
    ).rejects.toThrow()
  })
})
