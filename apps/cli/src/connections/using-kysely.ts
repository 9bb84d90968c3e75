import {
  type Dialect,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely'
import type { Pool, PoolConfig } from 'pg'

// Every Kysely the CLI makes is made here: one that lives for one scope through usingKysely
// (or usingPostgres), one that outlives it (a server, a probe, a reader kept for a demo) through
// createKysely. Command modules import this module lazily, inside their `run`, so `rsp --help`
// never loads Kysely; pg loads only when a pool is made.

/** A dialect, or how to make one. */
export type DialectSource = Dialect | (() => Dialect | Promise<Dialect>)

/** A Kysely the caller destroys: one that outlives a single scope. */
export function createKysely<DB>(dialect: Dialect): Kysely<DB> {
  return new Kysely<DB>({ dialect })
}

/** {@link createKysely}, from a dialect or a factory of one. */
export async function openKysely<DB>(dialect: DialectSource): Promise<Kysely<DB>> {
  return createKysely<DB>(typeof dialect === 'function' ? await dialect() : dialect)
}

/**
 * Runs `fn` on a Kysely and always destroys it afterwards, also when `fn` throws. When `fn`
 * throws and destroying fails too, `fn`'s error is the one thrown: a failed close never hides
 * what went wrong. When only the close fails, that error is thrown.
 *
 * @example
 * await usingKysely(new RedshiftDataDialect({ client, workgroupName, database }), (db) =>
 *   db.selectFrom('dw.dim_airport').selectAll().execute(),
 * )
 */
export async function usingKysely<DB, T>(
  dialect: DialectSource | Kysely<DB>,
  fn: (db: Kysely<DB>) => Promise<T>,
): Promise<T> {
  const db = dialect instanceof Kysely ? (dialect as Kysely<DB>) : await openKysely<DB>(dialect)
  let result: T
  try {
    result = await fn(db)
  } catch (error) {
    await db.destroy().catch(() => undefined)
    throw error
  }
  await db.destroy()
  return result
}

/** A Kysely over a `pg` pool the caller destroys (destroying it ends the pool). */
export async function openPostgres<DB>(pool: string | PoolConfig | Pool): Promise<Kysely<DB>> {
  if (typeof pool === 'object' && 'connect' in pool && typeof pool.connect === 'function')
    return createKysely<DB>(new PostgresDialect({ pool: pool as Pool }))
  const pg = (await import('pg')).default
  const config = typeof pool === 'string' ? { connectionString: pool } : (pool as PoolConfig)
  return createKysely<DB>(new PostgresDialect({ pool: new pg.Pool(config) }))
}

/**
 * Runs `fn` on a Kysely over a `pg` pool (a URL, the pool's config: `max`, TLS, …, or a pool
 * already made) and always ends the pool afterwards, as {@link usingKysely}.
 */
export async function usingPostgres<DB, T>(
  pool: string | PoolConfig | Pool,
  fn: (db: Kysely<DB>) => Promise<T>,
): Promise<T> {
  return usingKysely(await openPostgres<DB>(pool), fn)
}

/** A Kysely that compiles PostgreSQL and never connects: for printing or inspecting queries. */
export function compileOnlyKysely<DB>(): Kysely<DB> {
  return createKysely<DB>({
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  })
}
