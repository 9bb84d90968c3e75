import { DatagenError } from '../../errors.js'
import type { GeneratedChunk } from '../../generate.js'
import type { DatagenPlan, TablePlan } from '../../plan.js'
import type { DatagenSink, TableSink } from '../sink.js'
import { PgAtomicLoad } from '../sql/pg-atomic-load.js'

/** The subset of `PGlite` this sink uses (the CLI passes the instance it opened). */
export interface PGliteLike {
  query(
    sql: string,
    params?: unknown[],
    options?: { blob?: Blob },
  ): Promise<{ rows: Record<string, unknown>[] }>
}

export interface PGliteSinkOptions {
  readonly db: PGliteLike
  /** Load into this schema instead of the model's (`airline_dw`). */
  readonly schema?: string
}

/**
 * Loads into an embedded PGlite database with `COPY … FROM '/dev/blob'`: each table's CSV
 * chunks are gathered into one Blob (PGlite holds the data in memory anyway) and copied in,
 * inside the atomic replace of {@link PgAtomicLoad}.
 *
 * @example
 * const db = new PGlite()
 * await loadAirlineData({ scale: 0.01, sink: new PGliteSink({ db }) })
 */
export class PGliteSink implements DatagenSink {
  readonly encoding = 'csv' as const
  readonly #options: PGliteSinkOptions
  #load: PgAtomicLoad | undefined

  constructor(options: PGliteSinkOptions) {
    this.#options = Object.freeze({ ...options })
  }

  async begin(plan: DatagenPlan): Promise<void> {
    this.#load = new PgAtomicLoad(this.#options.db, this.#options.schema)
    await this.#load.begin(plan)
  }

  async openTable(table: TablePlan): Promise<TableSink> {
    const parts: Uint8Array[] = []
    const db = this.#options.db
    const sql = (this.#load as PgAtomicLoad).copySql(table, "'/dev/blob'")
    return {
      async write(chunk: GeneratedChunk) {
        if (chunk.data.length > 0) parts.push(chunk.data)
      },
      async close() {
        try {
          await db.query(sql, [], {
            blob: new Blob(parts as unknown as ConstructorParameters<typeof Blob>[0]),
          })
        } catch (e) {
          throw new DatagenError(
            'LOAD_FAILED',
            `COPY into ${table.name} failed: ${(e as Error).message}`,
            { field: 'table', value: table.name, cause: e },
          )
        } finally {
          parts.length = 0
        }
      },
    }
  }

  async commit(): Promise<void> {
    await (this.#load as PgAtomicLoad).commit()
  }

  async abort(_error?: unknown): Promise<void> {
    await this.#load?.abort()
  }
}
