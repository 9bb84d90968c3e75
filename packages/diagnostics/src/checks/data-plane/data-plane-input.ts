import type { Kysely } from 'kysely'

/** One consumer of the datashare, as plain data (built by the CLI from the sharing plan). */
export interface ExpectedConsumer {
  /** Logical name; keys {@link DataPlaneInput.consumers}. */
  readonly name: string
  /** Redshift: the consumer namespace GUID the share is granted to (also what `current_namespace` returns). */
  readonly namespaceId?: string
  /** Local target: the role that stands for the consumer namespace. */
  readonly role?: string
  /** Redshift: the database the consumer created `FROM DATASHARE`; tables are read as `database.schema.table`. */
  readonly database?: string
  /**
   * Objects whose rows are filtered for this consumer (row-level security): row counts may
   * differ. `table` (in the share's `schema`) or `schema.table`.
   */
  readonly filteredTables?: readonly string[]
}

/**
 * A datashare the plan says should exist, as plain data. Its objects may come from several
 * schemas and may be views (`ALTER DATASHARE … ADD TABLE` covers views too, R-DS-3).
 *
 * @example
 * const core: ExpectedDatashare = {
 *   name: 'core',
 *   tables: ['airline_dw.dim_date', 'rsp_meta.freshness_marker'],
 *   consumers: [{ name: 'sales', role: 'consumer_sales', database: 'core_sales' }],
 * }
 */
export interface ExpectedDatashare {
  readonly name: string
  /** The schema of the unqualified names in {@link tables} (the one-schema form). */
  readonly schema?: string
  /**
   * The shared tables and views: `schema.name`, or `name` when {@link schema} is given.
   * Consumers read them as `database.schema.name` on Redshift (R-DS-13).
   */
  readonly tables: readonly string[]
  /** The consumers of this share; a consumer has one database per share (R-DS-11). */
  readonly consumers: readonly ExpectedConsumer[]
  /** Whether the share must be publicly accessible (a consumer workgroup is public). */
  readonly publicAccessible?: boolean
}

/**
 * Options of the `data-plane/freshness` check (see {@link probeFreshness} for the probe).
 * Defaults differ per target: the local target is one database, where a COMMIT is visible at
 * once and the lag measures only the probe's own round trips.
 */
export interface FreshnessCheckOptions {
  /** The marker table, `schema.table`, in every share. @default 'rsp_meta.freshness_marker' */
  readonly table?: string
  /** Markers written, one after the other. @default 3 */
  readonly samples?: number
  /** Pause between a consumer's reads of one marker: the lag's resolution. @default 1000 on Redshift, 20 locally */
  readonly pollIntervalMs?: number
  /** Fail above this lag; a marker not visible by then is a miss (a fail). @default 60 on Redshift, 5 locally */
  readonly maxLagSeconds?: number
  /** Warn when a consumer's p95 lag is above this. @default half of maxLagSeconds */
  readonly warnLagSeconds?: number
}

/** The NLB path for the spread check: every `connect()` must open a NEW connection through the NLB. */
export interface NlbProbe {
  // biome-ignore lint/suspicious/noExplicitAny: any database
  connect(): Kysely<any> | Promise<Kysely<any>>
  /** Connections to open. @default max(8, 4 × consumers) */
  readonly samples?: number
  /** SQL returning the namespace as its first column. @default 'select current_namespace' */
  readonly probeSql?: string
}

/**
 * What the data-plane checks need. Every database arrives as a `Kysely` so the checks run the
 * same on both targets:
 * - `redshift`: Kysely instances over the Redshift Data API (or the wire protocol) on the
 *   producer workgroup and on each consumer workgroup; the datashares are read from the
 *   `SVV_DATASHARE*` views and each consumer reads through its database of each share.
 * - `postgres` (the local PGlite target): a datashare is the consumer roles' read-only grants
 *   on its objects; each consumer's Kysely must run its queries *as that role* (see
 *   {@link RoleSessions}).
 */
export interface DataPlaneInput {
  readonly target: 'redshift' | 'postgres'
  // biome-ignore lint/suspicious/noExplicitAny: any database
  readonly producer: Kysely<any>
  /** A session per consumer name; a consumer without one is skipped by the consumer checks. */
  // biome-ignore lint/suspicious/noExplicitAny: any database
  readonly consumers: { readonly [name: string]: Kysely<any> }
  /** The datashares the plan says should exist (several: one per domain). */
  readonly datashares?: readonly ExpectedDatashare[]
  /** The one-share form, kept for callers that have a single datashare; ignored when `datashares` is given. */
  readonly datashare?: ExpectedDatashare
  readonly nlb?: NlbProbe
  /** Options of the `data-plane/freshness` check. */
  readonly freshness?: FreshnessCheckOptions
}
