/**
 * The PostgreSQL the emulated account lives in, in Kysely's dialect shape: a small interface,
 * one folder per implementation (`pglite/pglite-engine.ts`, `postgres/postgres-engine.ts`).
 * Values come back as PostgreSQL's text form, so the emulator types them the way Redshift
 * reports them (the Data API's `Field`s) whatever the engine.
 */
export interface Engine {
  /** `'pglite'` (in-process) or `'postgres'` (a server over the wire protocol). */
  readonly kind: 'pglite' | 'postgres'
  /** A connection of its own (PostgreSQL) or a turn on the one connection (PGlite). */
  connect(): Promise<EngineConnection>
  /** The name of a type OID (`int4`, `varchar`, …). */
  typeName(oid: number): string
  /** Closes the engine (and the database it created, if any). */
  close(): Promise<void>
}

export interface EngineField {
  readonly name: string
  readonly typeOid: number
  /** Type modifier (varchar length + 4, numeric precision/scale), -1 when none. */
  readonly typeMod: number
}

export interface EngineResult {
  readonly fields: readonly EngineField[]
  /** Rows as arrays of PostgreSQL text values (null for NULL). */
  readonly rows: readonly (readonly (string | null)[])[]
  /** Rows inserted, updated, deleted or copied; undefined for other statements. */
  readonly affectedRows: number | undefined
}

export interface EngineConnection {
  /** Runs one statement with `$n` parameters (sent as text). */
  query(
    sql: string,
    params?: readonly (string | null)[],
    signal?: AbortSignal,
  ): Promise<EngineResult>
  /** Runs a script of statements with no parameters and no results. */
  exec(sql: string, signal?: AbortSignal): Promise<void>
  /**
   * SQL that puts this connection's session state in place (role, search_path, settings);
   * the engine runs it before the next statement whenever it is not in place.
   */
  setPreamble(sql: string): void
  /** `COPY … FROM STDIN` with `data` as its input; returns the rows copied. */
  copyFrom(sql: string, data: Uint8Array): Promise<number>
  /** Whether this connection is inside a transaction block. */
  readonly inTransaction: boolean
  /** Cancels the statement running on this connection, where the engine can. */
  cancel(): Promise<boolean>
  /** Gives the connection back (rolling back an open transaction). */
  release(): Promise<void>
}
