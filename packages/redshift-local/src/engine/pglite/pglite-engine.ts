import { RedshiftLocalError } from '../../errors.js'
import type { Engine, EngineConnection, EngineField, EngineResult } from '../engine.js'

/** The subset of PGlite the engine uses (typed structurally, as Kysely types `pg`). */
export interface PGliteLike {
  readonly waitReady: Promise<void>
  readonly closed: boolean
  query<T>(
    sql: string,
    params?: unknown[],
    options?: {
      rowMode?: 'array' | 'object'
      parsers?: Record<number, (value: string, typeId: number) => unknown>
      serializers?: Record<number, (value: unknown) => string>
      blob?: Blob
    },
  ): Promise<{
    rows: T[]
    affectedRows?: number
    fields: { name: string; dataTypeID: number }[]
  }>
  exec(sql: string): Promise<unknown>
  isInTransaction(): boolean
  close(): Promise<void>
}

/** The session state of a connection that installs none (what a new connection has). */
const DEFAULT_STATE = 'RESET ALL; RESET ROLE'

interface Waiter {
  readonly owner: PGliteConnection
  readonly resolve: () => void
  readonly reject: (error: unknown) => void
}

/**
 * The emulated account on one in-process PGlite database. PGlite has a single connection, so
 * logical connections take turns: a statement waits while another connection has a
 * transaction open, and each connection's session state (role, search_path, settings) is put
 * back before its statements run.
 */
export class PGliteEngine implements Engine {
  readonly kind = 'pglite' as const
  readonly #db: PGliteLike
  readonly #ownsDb: boolean
  readonly #typeNames = new Map<number, string>()
  readonly #parsers: Record<number, (value: string) => string> = {}
  readonly #serializers: Record<number, (value: unknown) => string> = {}
  #holder: PGliteConnection | undefined
  #busy = false
  readonly #waiters: Waiter[] = []
  /** The connection whose session state is installed on the PGlite session now. */
  stateOwner: PGliteConnection | undefined
  stateVersion = -1
  /** Whether the state was installed inside a transaction (a rollback would undo it). */
  stateInTransaction = false

  private constructor(db: PGliteLike, ownsDb: boolean) {
    this.#db = db
    this.#ownsDb = ownsDb
  }

  /** Wraps an open PGlite; `owns` closes it with the engine. */
  static async create(db: PGliteLike, owns = false): Promise<PGliteEngine> {
    await db.waitReady
    const engine = new PGliteEngine(db, owns)
    await engine.loadTypes()
    return engine
  }

  get db(): PGliteLike {
    return this.#db
  }

  async loadTypes(): Promise<void> {
    const types = await this.#db.query<[number, string]>(
      'SELECT oid::int4, typname::text FROM pg_catalog.pg_type',
      [],
      { rowMode: 'array' },
    )
    for (const [oid, name] of types.rows) {
      this.#typeNames.set(oid, name)
      this.#parsers[oid] = (value: string) => value
      this.#serializers[oid] = (value: unknown) => String(value)
    }
  }

  typeName(oid: number): string {
    return this.#typeNames.get(oid) ?? 'unknown'
  }

  async connect(): Promise<EngineConnection> {
    return new PGliteConnection(this)
  }

  /** Waits for the turn of `owner` (immediately if it holds the open transaction). */
  async acquire(owner: PGliteConnection, signal?: AbortSignal): Promise<void> {
    if (this.#holder === owner && !this.#busy) {
      this.#busy = true
      return
    }
    if (!this.#busy && this.#holder === undefined && this.#waiters.length === 0) {
      this.#busy = true
      this.#holder = owner
      return
    }
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { owner, resolve, reject }
      this.#waiters.push(waiter)
      signal?.addEventListener(
        'abort',
        () => {
          const i = this.#waiters.indexOf(waiter)
          if (i >= 0) {
            this.#waiters.splice(i, 1)
            reject(
              new RedshiftLocalError('CANCELLED', "Query cancelled on user's request", {
                sqlstate: '57014',
              }),
            )
          }
        },
        { once: true },
      )
    })
  }

  /** Ends a turn: the holder keeps the engine while its transaction is open. */
  release(owner: PGliteConnection): void {
    this.#busy = false
    if (!this.#db.isInTransaction() && this.#holder === owner) this.#holder = undefined
    this.#wake()
  }

  #wake(): void {
    if (this.#busy) return
    const i = this.#waiters.findIndex((w) => this.#holder === undefined || w.owner === this.#holder)
    if (i < 0) return
    const [w] = this.#waiters.splice(i, 1)
    this.#busy = true
    this.#holder = w!.owner
    w!.resolve()
  }

  /** Drops the turn of a connection that goes away; its open transaction is rolled back. */
  async abandon(owner: PGliteConnection): Promise<void> {
    if (this.#holder !== owner) return
    await this.acquire(owner)
    try {
      if (this.#db.isInTransaction()) await this.#db.exec('ROLLBACK')
    } finally {
      this.#holder = undefined
      this.#busy = false
      this.#wake()
    }
  }

  holds(owner: PGliteConnection): boolean {
    return this.#holder === owner
  }

  async run(sql: string, params: readonly (string | null)[] | undefined, blob?: Blob) {
    const result = await this.#db.query<(string | null)[]>(sql, params ? [...params] : [], {
      rowMode: 'array',
      parsers: this.#parsers,
      serializers: this.#serializers,
      ...(blob ? { blob } : {}),
    })
    if (result.fields.some((f) => !this.#typeNames.has(f.dataTypeID))) await this.loadTypes()
    return result
  }

  async close(): Promise<void> {
    for (const w of this.#waiters.splice(0))
      w.reject(
        new RedshiftLocalError('CANCELLED', 'the emulator is closing', { sqlstate: '57P01' }),
      )
    if (this.#ownsDb && !this.#db.closed) await this.#db.close()
  }
}

class PGliteConnection implements EngineConnection {
  readonly #engine: PGliteEngine
  #preamble = ''
  #preambleVersion = 0
  #released = false

  constructor(engine: PGliteEngine) {
    this.#engine = engine
  }

  get inTransaction(): boolean {
    return this.#engine.holds(this) && this.#engine.db.isInTransaction()
  }

  setPreamble(sql: string): void {
    if (sql !== this.#preamble) {
      this.#preamble = sql
      this.#preambleVersion++
    }
  }

  async #turn<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.#released) throw new Error('PGlite engine connection used after release')
    await this.#engine.acquire(this, signal)
    try {
      const e = this.#engine
      if (e.stateOwner !== this || e.stateVersion !== this.#preambleVersion) {
        // A connection without a preamble (a session being opened, the emulator's own catalog
        // connections) runs as a new connection would: as the engine, with default settings,
        // never with the role and settings the previous connection left on the shared session.
        await e.db.exec(this.#preamble || DEFAULT_STATE)
        e.stateOwner = this
        e.stateVersion = this.#preambleVersion
        e.stateInTransaction = e.db.isInTransaction()
      }
      return await fn()
    } finally {
      // A rolled-back transaction also rolls back the SETs made in it: when the state was
      // installed inside a transaction that has ended, install it again next time.
      const e = this.#engine
      if (!e.db.isInTransaction() && e.stateInTransaction) e.stateOwner = undefined
      e.release(this)
    }
  }

  query(
    sql: string,
    params?: readonly (string | null)[],
    signal?: AbortSignal,
  ): Promise<EngineResult> {
    return this.#turn(
      async () => toResult(this.#engine, await this.#engine.run(sql, params)),
      signal,
    )
  }

  exec(sql: string, signal?: AbortSignal): Promise<void> {
    return this.#turn(async () => {
      await this.#engine.db.exec(sql)
    }, signal)
  }

  copyFrom(sql: string, data: Uint8Array): Promise<number> {
    // PGlite reads COPY input from the virtual file /dev/blob.
    const text = sql.replace(/\bFROM\s+STDIN\b/i, "FROM '/dev/blob'")
    return this.#turn(async () => {
      const r = await this.#engine.run(text, [], new Blob([data]))
      return r.affectedRows ?? 0
    })
  }

  async cancel(): Promise<boolean> {
    // PGlite runs on this thread: a statement in progress cannot be interrupted, only one
    // still waiting for its turn (the caller's AbortSignal does that).
    return false
  }

  async release(): Promise<void> {
    if (this.#released) return
    this.#released = true
    await this.#engine.abandon(this)
    if (this.#engine.stateOwner === this) this.#engine.stateOwner = undefined
  }
}

function toResult(engine: PGliteEngine, r: Awaited<ReturnType<PGliteEngine['run']>>): EngineResult {
  const fields: EngineField[] = r.fields.map((f) => ({
    name: f.name,
    typeOid: f.dataTypeID,
    typeMod: -1,
  }))
  void engine
  return { fields, rows: r.rows, affectedRows: r.affectedRows }
}
