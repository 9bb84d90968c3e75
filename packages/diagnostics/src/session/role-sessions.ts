import { quoteIdent } from '@redshift-playground/schema'
import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type TransactionSettings,
} from 'kysely'

/**
 * One database session shared by several roles — the local target's stand-in for "each
 * consumer namespace queries through its own session".
 *
 * PGlite is a single in-process session. Two Kysely instances over it would interleave their
 * statements, so a `SET ROLE` issued for a consumer could leak into a producer query. This
 * class owns the one underlying driver and a FIFO lock: every connection a Kysely acquires
 * holds the lock, runs `SET ROLE <role>` first (quoted with `quoteIdent`) and `RESET ROLE`
 * on release. A transaction holds one connection from BEGIN to COMMIT/ROLLBACK, so it runs
 * entirely as its role. Kysely instances made here share the session; `destroy()` on them
 * does not close it — call {@link RoleSessions.destroy} once at the end.
 *
 * `SET ROLE` is a privilege switch for our own queries, not a sandbox: SQL run through it
 * could `RESET ROLE`. The checks use it to test the consumer's grants, which is what it does
 * faithfully.
 *
 * @example
 * const sessions = new RoleSessions(new PGliteDialect(new PGlite()))
 * const producer = new Kysely<AirlineDatabase>({ dialect: sessions.dialect() })
 * const analytics = new Kysely<AirlineDatabase>({ dialect: sessions.dialect('consumer_analytics') })
 * // … run checks with dataPlane: { target: 'postgres', producer, consumers: { analytics }, datashare }
 * await sessions.destroy()
 */
export class RoleSessions {
  readonly #dialect: Dialect
  readonly #driver: Driver
  #init: Promise<void> | undefined
  #tail: Promise<void> = Promise.resolve()
  #destroyed = false

  constructor(dialect: Dialect) {
    this.#dialect = dialect
    this.#driver = dialect.createDriver()
  }

  /** A dialect whose connections run as `role` (or as the session user when omitted). */
  dialect(role?: string): Dialect {
    const setRole =
      role === undefined ? undefined : CompiledQuery.raw(`set role ${quoteIdent(role, 'role')}`)
    const inner = this.#dialect
    return {
      createAdapter: (): DialectAdapter => inner.createAdapter(),
      createQueryCompiler: (): QueryCompiler => inner.createQueryCompiler(),
      // biome-ignore lint/suspicious/noExplicitAny: Kysely's own signature
      createIntrospector: (db: Kysely<any>): DatabaseIntrospector => inner.createIntrospector(db),
      createDriver: (): Driver => new RoleDriver(this, setRole),
    }
  }

  /** Closes the underlying driver (and with it the database). */
  async destroy(): Promise<void> {
    if (this.#destroyed) return
    this.#destroyed = true
    await this.#driver.destroy()
  }

  /** @internal */
  get driver(): Driver {
    return this.#driver
  }

  /** @internal Initializes the shared driver once. */
  init(): Promise<void> {
    this.#init ??= this.#driver.init()
    return this.#init
  }

  /** @internal Waits for the session; resolves to the function that hands it on. */
  async lock(): Promise<() => void> {
    if (this.#destroyed) throw new Error('RoleSessions: the session was destroyed')
    let release!: () => void
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const previous = this.#tail
    this.#tail = previous.then(() => held)
    await previous
    return release
  }
}

const RESET = CompiledQuery.raw('reset role')

class RoleDriver implements Driver {
  readonly #sessions: RoleSessions
  readonly #setRole: CompiledQuery | undefined
  readonly #held = new Map<DatabaseConnection, () => void>()

  constructor(sessions: RoleSessions, setRole: CompiledQuery | undefined) {
    this.#sessions = sessions
    this.#setRole = setRole
  }

  init(): Promise<void> {
    return this.#sessions.init()
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const unlock = await this.#sessions.lock()
    const driver = this.#sessions.driver
    let conn: DatabaseConnection | undefined
    try {
      conn = await driver.acquireConnection()
      if (this.#setRole) await conn.executeQuery(this.#setRole)
      this.#held.set(conn, unlock)
      return conn
    } catch (e) {
      if (conn) await driver.releaseConnection(conn)
      unlock()
      throw e
    }
  }

  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    const unlock = this.#held.get(conn)
    this.#held.delete(conn)
    try {
      if (this.#setRole) await conn.executeQuery(RESET)
    } finally {
      await this.#sessions.driver.releaseConnection(conn)
      unlock?.()
    }
  }

  beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.#sessions.driver.beginTransaction(conn, settings)
  }

  commitTransaction(conn: DatabaseConnection): Promise<void> {
    return this.#sessions.driver.commitTransaction(conn)
  }

  rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    return this.#sessions.driver.rollbackTransaction(conn)
  }

  // The shared session outlives each Kysely made from it: RoleSessions.destroy() closes it.
  async destroy(): Promise<void> {}
}
