import { randomBytes } from 'node:crypto'
import { RedshiftLocalError } from '../../errors.js'
import type { Engine, EngineConnection, EngineResult } from '../engine.js'

/** The subset of a `pg` client the engine uses (typed structurally). */
export interface PgClientLike {
  readonly processID?: number | null
  /** 'I' idle, 'T' in a transaction, 'E' in a failed transaction (pg ≥ 8.16). */
  getTransactionStatus?(): string | null
  query(config: {
    text: string
    values?: unknown[]
    rowMode?: 'array'
    types?: { getTypeParser: () => (value: string) => unknown }
  }): Promise<{
    rows: unknown[][]
    rowCount: number | null
    command: string
    fields: { name: string; dataTypeID: number; dataTypeModifier: number }[]
  }>
  // biome-ignore lint/suspicious/noExplicitAny: pg-copy-streams' stream type
  query(stream: any): any
  release(destroy?: boolean | Error): void
  on?(event: 'error', listener: (error: Error) => void): unknown
}

/** The subset of a `pg` Pool the engine uses. */
export interface PgPoolLike {
  connect(): Promise<PgClientLike>
  end(): Promise<void>
  on?(event: 'error', listener: (error: Error) => void): unknown
}

/** Makes a pool for a database URL (the `pg` package's `Pool`). */
export type PgPoolFactory = (connectionString: string, max: number) => PgPoolLike

const RAW = { getTypeParser: () => (value: string) => value }

/**
 * The emulated account in one database of a real PostgreSQL server: each logical connection
 * is a server connection of its own, so sessions run concurrently and cancel for real. The
 * engine creates a database of its own (`rsl_<tag>`) and drops it on close, unless told to
 * use an existing one. Roles are cluster-wide in PostgreSQL, so the emulator prefixes them
 * with the engine's `rolePrefix`.
 */
export class PostgresEngine implements Engine {
  readonly kind = 'postgres' as const
  readonly rolePrefix: string
  readonly #pool: PgPoolLike
  readonly #drop: (() => Promise<void>) | undefined
  readonly #typeNames = new Map<number, string>()

  private constructor(
    pool: PgPoolLike,
    rolePrefix: string,
    drop: (() => Promise<void>) | undefined,
  ) {
    this.#pool = pool
    // pg-pool re-emits an idle client's error (the server ending it: a restart, closing's
    // DROP DATABASE … WITH (FORCE)) on the pool, where an unheard 'error' would crash the
    // process; the next checkout gets a fresh client instead.
    pool.on?.('error', () => undefined)
    this.rolePrefix = rolePrefix
    this.#drop = drop
  }

  /**
   * Connects to the server at `url` (as a superuser: the emulator creates roles) and creates
   * a fresh database for the account, dropped again by `close()`.
   */
  static async create(options: {
    readonly url: string
    readonly pool: PgPoolFactory
    readonly maxConnections?: number
    /** Use this database as it is instead of creating one (it is not dropped). */
    readonly database?: string
  }): Promise<PostgresEngine> {
    const tag = randomBytes(4).toString('hex')
    const admin = options.pool(options.url, 1)
    admin.on?.('error', () => undefined)
    let dbName = options.database
    try {
      if (!dbName) {
        dbName = `rsl_${tag}`
        const c = await admin.connect()
        try {
          await c.query({ text: `CREATE DATABASE "${dbName}"` })
        } finally {
          c.release()
        }
      }
    } catch (cause) {
      await admin.end()
      throw new RedshiftLocalError(
        'CONFIG',
        `redshift-local: could not create a database on ${redactUrl(options.url)}: ${(cause as Error).message}. The emulator needs a superuser connection.`,
        { field: 'url', cause },
      )
    }
    const url = new URL(options.url)
    url.pathname = `/${dbName}`
    const pool = options.pool(url.toString(), options.maxConnections ?? 20)
    const created = options.database === undefined
    const rolePrefix = `rsl_${tag}_`
    const engine = new PostgresEngine(
      pool,
      rolePrefix,
      created
        ? async () => {
            const c = await admin.connect()
            try {
              await c.query({ text: `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)` })
              const roles = await c.query({
                text: 'SELECT rolname FROM pg_roles WHERE starts_with(rolname, $1)',
                values: [rolePrefix],
                rowMode: 'array',
              })
              for (const [role] of roles.rows)
                await c.query({
                  text: `DROP ROLE IF EXISTS "${String(role).replaceAll('"', '""')}"`,
                })
            } finally {
              c.release()
              await admin.end()
            }
          }
        : () => admin.end(),
    )
    await engine.#loadTypes()
    return engine
  }

  async #loadTypes(): Promise<void> {
    const c = await this.#pool.connect()
    try {
      const r = await c.query({
        text: 'SELECT oid::int4, typname::text FROM pg_catalog.pg_type',
        rowMode: 'array',
        types: RAW,
      })
      for (const [oid, name] of r.rows) this.#typeNames.set(Number(oid), String(name))
    } finally {
      c.release()
    }
  }

  typeName(oid: number): string {
    return this.#typeNames.get(oid) ?? 'unknown'
  }

  async connect(): Promise<EngineConnection> {
    return new PostgresConnection(this, await this.#checkedOut(), () => this.#checkedOut())
  }

  /**
   * A pool client kept by a connection (its main one, or a side one for COPY). A failure while
   * it is checked out surfaces on its next query; the listener keeps the 'error' event of a
   * client the server ends between queries (closing drops the database WITH (FORCE)) from
   * being unhandled.
   */
  async #checkedOut(): Promise<PgClientLike> {
    const client = await this.#pool.connect()
    client.on?.('error', () => undefined)
    return client
  }

  async refreshTypes(oids: readonly number[]): Promise<void> {
    if (oids.some((o) => !this.#typeNames.has(o))) await this.#loadTypes()
  }

  async close(): Promise<void> {
    await this.#pool.end()
    await this.#drop?.()
  }
}

class PostgresConnection implements EngineConnection {
  readonly #engine: PostgresEngine
  readonly #client: PgClientLike
  readonly #side: () => Promise<PgClientLike>
  #preamble = ''
  #applied: string | undefined
  #inTransaction = false
  #released = false

  constructor(engine: PostgresEngine, client: PgClientLike, side: () => Promise<PgClientLike>) {
    this.#engine = engine
    this.#client = client
    this.#side = side
  }

  get inTransaction(): boolean {
    return this.#inTransaction
  }

  setPreamble(sql: string): void {
    this.#preamble = sql
  }

  async #ready(): Promise<void> {
    if (this.#released) throw new Error('PostgreSQL engine connection used after release')
    if (this.#applied !== this.#preamble) {
      if (this.#preamble) await this.#client.query({ text: this.#preamble })
      this.#applied = this.#preamble
    }
  }

  async #track<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn()
    } finally {
      const status = this.#client.getTransactionStatus?.() ?? 'I'
      const inTx = status === 'T' || status === 'E'
      // A rolled-back transaction also rolled back the SETs made in it.
      if (this.#inTransaction && !inTx) this.#applied = undefined
      this.#inTransaction = inTx
    }
  }

  async query(
    sql: string,
    params?: readonly (string | null)[],
    signal?: AbortSignal,
  ): Promise<EngineResult> {
    await this.#ready()
    const onAbort = () => void this.cancel()
    signal?.addEventListener('abort', onAbort, { once: true })
    try {
      return await this.#track(async () => {
        const r = await this.#client.query({
          text: sql,
          values: params ? [...params] : [],
          rowMode: 'array',
          types: RAW,
        })
        await this.#engine.refreshTypes(r.fields.map((f) => f.dataTypeID))
        return {
          fields: r.fields.map((f) => ({
            name: f.name,
            typeOid: f.dataTypeID,
            typeMod: f.dataTypeModifier,
          })),
          rows: r.rows as (string | null)[][],
          affectedRows: ['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE'].includes(r.command)
            ? (r.rowCount ?? 0)
            : undefined,
        }
      })
    } finally {
      signal?.removeEventListener('abort', onAbort)
    }
  }

  async exec(sql: string, signal?: AbortSignal): Promise<void> {
    await this.#ready()
    const onAbort = () => void this.cancel()
    signal?.addEventListener('abort', onAbort, { once: true })
    try {
      await this.#track(() => this.#client.query({ text: sql }))
    } finally {
      signal?.removeEventListener('abort', onAbort)
    }
  }

  async copyFrom(sql: string, data: Uint8Array): Promise<number> {
    await this.#ready()
    const { from } = await import('pg-copy-streams')
    return this.#track(
      () =>
        new Promise<number>((resolve, reject) => {
          const stream = this.#client.query(from(sql))
          stream.on('error', reject)
          stream.on('finish', () => resolve(Number(stream.rowCount ?? 0)))
          stream.end(Buffer.from(data.buffer, data.byteOffset, data.byteLength))
        }),
    )
  }

  async cancel(): Promise<boolean> {
    const pid = this.#client.processID
    if (!pid) return false
    const side = await this.#side()
    try {
      const r = await side.query({
        text: 'SELECT pg_cancel_backend($1)',
        values: [pid],
        rowMode: 'array',
        types: RAW,
      })
      return r.rows[0]?.[0] === 't'
    } finally {
      side.release()
    }
  }

  async release(): Promise<void> {
    if (this.#released) return
    this.#released = true
    try {
      if (this.#inTransaction) await this.#client.query({ text: 'ROLLBACK' })
      await this.#client.query({ text: 'RESET ALL; RESET ROLE' })
      this.#client.release()
    } catch (error) {
      this.#client.release(error instanceof Error ? error : true)
    }
  }
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return '<invalid url>'
  }
}
