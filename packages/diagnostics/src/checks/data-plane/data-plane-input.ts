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
  /** Tables whose rows are filtered for this consumer (row-level security): row counts may differ. */
  readonly filteredTables?: readonly string[]
}

/** The datashare the plan says should exist, as plain data. */
export interface ExpectedDatashare {
  readonly name: string
  readonly schema: string
  readonly tables: readonly string[]
  readonly consumers: readonly ExpectedConsumer[]
  /** Whether the share must be publicly accessible (a consumer workgroup is public). */
  readonly publicAccessible?: boolean
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
 *   producer workgroup and on each consumer workgroup; the datashare is read from the
 *   `SVV_DATASHARE*` views.
 * - `postgres` (the local PGlite target): the datashare is the consumer roles' read-only grants
 *   on the shared schema; each consumer's Kysely must run its queries *as that role* (see
 *   {@link RoleSessions}).
 */
export interface DataPlaneInput {
  readonly target: 'redshift' | 'postgres'
  // biome-ignore lint/suspicious/noExplicitAny: any database
  readonly producer: Kysely<any>
  /** A session per consumer name; a consumer without one is skipped by the consumer checks. */
  // biome-ignore lint/suspicious/noExplicitAny: any database
  readonly consumers: { readonly [name: string]: Kysely<any> }
  readonly datashare: ExpectedDatashare
  readonly nlb?: NlbProbe
}
