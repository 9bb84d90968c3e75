import type { Writable } from 'node:stream'
import { DatagenError } from '../../errors.js'
import type { GeneratedChunk } from '../../generate.js'
import type { DatagenPlan, TablePlan } from '../../plan.js'
import type { DatagenSink, TableSink } from '../sink.js'
import { PgAtomicLoad } from '../sql/pg-atomic-load.js'

/** The subset of a `pg` Client this sink uses (the CLI passes a real one). */
export interface PgClientLike {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>
  query<T extends Writable>(stream: T): T
}

/** The subset of a `pg` Pool: a client is checked out for the whole load and released. */
export interface PgPoolLike {
  connect(): Promise<PgClientLike & { release(error?: Error | boolean): void }>
}

export interface PostgresSinkOptions {
  /** A connected `pg` Client, or a Pool (one client is checked out for the load). */
  readonly client: PgClientLike | PgPoolLike
  /** Load into this schema instead of the model's (`airline_dw`). */
  readonly schema?: string
}

const isPool = (c: PgClientLike | PgPoolLike): c is PgPoolLike =>
  typeof (c as PgPoolLike).connect === 'function' &&
  typeof (c as { release?: unknown }).release !== 'function' &&
  !('connection' in c)

/**
 * Streams CSV chunks into PostgreSQL with `COPY … FROM STDIN` (pg-copy-streams), respecting
 * the socket's backpressure, inside the atomic replace of {@link PgAtomicLoad}.
 *
 * @example
 * const client = new pg.Client(url); await client.connect()
 * await loadAirlineData({ scale: 0.1, sink: new PostgresSink({ client }) })
 */
export class PostgresSink implements DatagenSink {
  readonly encoding = 'csv' as const
  readonly #options: PostgresSinkOptions
  #client: PgClientLike | undefined
  #release: ((error?: Error | boolean) => void) | undefined
  #load: PgAtomicLoad | undefined
  /** pg-copy-streams' `from`, loaded by `begin` (so importing the package does not load it). */
  #copyFrom: typeof import('pg-copy-streams').from | undefined

  constructor(options: PostgresSinkOptions) {
    this.#options = Object.freeze({ ...options })
  }

  async begin(plan: DatagenPlan): Promise<void> {
    const copyStreams = import('pg-copy-streams')
    copyStreams.catch(() => {})
    const c = this.#options.client
    if (isPool(c)) {
      const client = await c.connect()
      this.#client = client
      this.#release = (e) => client.release(e)
    } else this.#client = c
    this.#load = new PgAtomicLoad(this.#client, this.#options.schema)
    await this.#load.begin(plan)
    this.#copyFrom = (await copyStreams).from
  }

  async openTable(table: TablePlan): Promise<TableSink> {
    const client = this.#client as PgClientLike
    const copyFrom = this.#copyFrom as typeof import('pg-copy-streams').from
    const stream = client.query(copyFrom((this.#load as PgAtomicLoad).copySql(table, 'STDIN')))
    let failure: Error | undefined
    stream.on('error', (e: Error) => {
      failure = e
    })
    const finished = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve)
      stream.on('error', reject)
    })
    finished.catch(() => {})
    return {
      async write(chunk: GeneratedChunk) {
        if (failure) throw failure
        if (chunk.data.length === 0) return
        if (!stream.write(chunk.data))
          await new Promise<void>((resolve, reject) => {
            const done = (e?: Error) => {
              stream.off('drain', done)
              stream.off('error', done)
              e ? reject(e) : resolve()
            }
            stream.on('drain', done)
            stream.on('error', done)
          })
      },
      async close() {
        stream.end()
        try {
          await finished
        } catch (e) {
          throw new DatagenError(
            'LOAD_FAILED',
            `COPY into ${table.name} failed: ${(e as Error).message}`,
            { field: 'table', value: table.name, cause: e },
          )
        }
      },
    }
  }

  async commit(): Promise<void> {
    try {
      await (this.#load as PgAtomicLoad).commit()
    } finally {
      this.#release?.()
    }
  }

  async abort(_error?: unknown): Promise<void> {
    try {
      await this.#load?.abort()
    } finally {
      this.#release?.()
    }
  }
}
