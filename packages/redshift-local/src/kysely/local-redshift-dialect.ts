// A Kysely dialect over sessions of the emulated account, in-process: the statements run
// through the same pipeline as the Data API's (Redshift rules, physical names), without HTTP.
//
// Kysely's PostgreSQL compiler writes `$1…` parameters, which the emulator binds; values go
// over as text and come back as PostgreSQL text (or null), as they do through the Data API's
// string fields.

import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
} from 'kysely'
import type { LocalRedshift } from '../account/local-redshift.js'
import type { Session } from '../account/session.js'
import type { Identity } from '../account/types.js'

class LocalRedshiftConnection implements DatabaseConnection {
  readonly #session: Session

  constructor(session: Session) {
    this.#session = session
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const r = await this.#session.query(compiled.sql, {
      parameters: compiled.parameters.map(String),
    })
    const rows = r.rows.map(
      (row) => Object.fromEntries(r.columns.map((c, i) => [c.name, row[i] ?? null])) as R,
    )
    return r.hasResultSet || r.rowCount < 0
      ? { rows }
      : { rows, numAffectedRows: BigInt(r.rowCount) }
  }

  /** The whole result, then handed out `chunkSize` rows at a time. */
  async *streamQuery<R>(
    compiled: CompiledQuery,
    chunkSize = 1000,
  ): AsyncIterableIterator<QueryResult<R>> {
    const { rows } = await this.executeQuery<R>(compiled)
    for (let i = 0; i < rows.length; i += chunkSize) yield { rows: rows.slice(i, i + chunkSize) }
  }
}

/** One session, one statement at a time (like one Data API session). */
class LocalRedshiftDriver implements Driver {
  readonly #open: () => Promise<Session>
  #session: Session | undefined
  #connection: LocalRedshiftConnection | undefined
  #queue: Promise<void> = Promise.resolve()
  #release: (() => void) | undefined

  constructor(open: () => Promise<Session>) {
    this.#open = open
  }

  async init(): Promise<void> {
    this.#session = await this.#open()
    this.#connection = new LocalRedshiftConnection(this.#session)
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#queue
    let release!: () => void
    this.#queue = new Promise<void>((resolve) => {
      release = resolve
    })
    await previous
    this.#release = release
    return this.#connection!
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery({ sql: 'BEGIN', parameters: [] } as unknown as CompiledQuery)
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery({ sql: 'COMMIT', parameters: [] } as unknown as CompiledQuery)
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery({ sql: 'ROLLBACK', parameters: [] } as unknown as CompiledQuery)
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release
    this.#release = undefined
    release?.()
  }

  async destroy(): Promise<void> {
    await this.#session?.close()
  }
}

/** Kysely's dialect shape over one emulator session: PostgreSQL's adapter and compiler. */
export class LocalRedshiftDialect implements Dialect {
  readonly #open: () => Promise<Session>

  /** `open` makes the session, e.g. `() => rs.connect({ workgroup, database, identity })`. */
  constructor(open: () => Promise<Session>) {
    this.#open = open
  }

  createDriver(): Driver {
    return new LocalRedshiftDriver(this.#open)
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler()
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter()
  }

  // biome-ignore lint/suspicious/noExplicitAny: Kysely's own Dialect signature
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new PostgresIntrospector(db)
  }
}

/**
 * A Kysely on a workgroup's database of the emulated account.
 *
 * @example
 * const producer = localRedshiftKysely(rs, 'producer', { kind: 'secret', arn: ns.adminSecretArn })
 */
export function localRedshiftKysely(
  rs: LocalRedshift,
  workgroup: string,
  identity: Identity,
  database = 'dev',
  // biome-ignore lint/suspicious/noExplicitAny: system views are not part of any typed schema
): Kysely<any> {
  return new Kysely({
    dialect: new LocalRedshiftDialect(() => rs.connect({ workgroup, database, identity })),
  })
}
