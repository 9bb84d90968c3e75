/**
 * What exists, as read back from a target by a state reader. Target-neutral: the Redshift
 * reader fills it from the SVV_* views, the local reader from Postgres catalogs, and the
 * planner compares it with the desired {@link Datashare}.
 */

/** A stable key for a schema-qualified table (safe for names containing dots). */
export const tableKey = (schema: string, table: string): string => JSON.stringify([schema, table])

/** The consumer-side part of the state. */
export interface ConsumerState {
  /** The share is visible on the consumer (INBOUND, or granted locally). */
  readonly visible: boolean
  /** The database created from this share on the consumer, if any. */
  readonly database: string | undefined
  /** Reader grantee keys with read access (`role:name`, `user:name`, `group:name`). */
  readonly readers: ReadonlySet<string>
  /**
   * Masking policies attached for this consumer (by policy name). Local target only: on
   * Redshift nothing is attached on consumers (published views protect the data), so empty.
   */
  readonly masking: ReadonlySet<string>
  /** Row-level-security policies attached for this consumer (by policy name; local target). */
  readonly rowLevelSecurity: ReadonlySet<string>
}

/** The producer- and consumer-side state of one datashare. */
export interface ShareState {
  /** The share, when it exists. */
  readonly share: { readonly publiclyAccessible: boolean } | undefined
  /** Schemas in the share. */
  readonly schemas: ReadonlySet<string>
  /** Tables in the share, as {@link tableKey}s. */
  readonly tables: ReadonlySet<string>
  /** Schemas with INCLUDENEW on. */
  readonly includeNew: ReadonlySet<string>
  /** The producer's existing base tables per schema (resolves `tables: 'all'`). */
  readonly producerTables: ReadonlyMap<string, readonly string[]>
  /**
   * Publication schemas that exist on the producer, among those the reader looked for (the
   * Redshift target shares protected data as views in them; see `ShareSchema.published`).
   */
  readonly producerSchemas: ReadonlySet<string>
  /**
   * Relations found in those schemas, as {@link tableKey}s: the definition hash a published
   * view carries in its comment (`rsp:<hash>`), or `undefined` for anything this package did
   * not make (never dropped).
   */
  readonly publishedViews: ReadonlyMap<string, string | undefined>
  /** Grantee keys the share is granted to (target-specific form, see the renderer). */
  readonly grantees: ReadonlySet<string>
  /** Consumer-side state by consumer name. */
  readonly consumers: ReadonlyMap<string, ConsumerState>
  /** Target-specific facts a renderer needs (e.g. which local roles exist). */
  readonly extra?: Readonly<Record<string, unknown>>
}

/** A consumer with nothing set up. */
export const emptyConsumerState: ConsumerState = Object.freeze({
  visible: false,
  database: undefined,
  readers: new Set<string>(),
  masking: new Set<string>(),
  rowLevelSecurity: new Set<string>(),
})

/**
 * The state of a target where nothing exists yet but the producer's tables: `producerTables`
 * resolves `tables: 'all'` (and the views published for them).
 *
 * @example
 * planDatashare(share, emptyState({ airline_dw: ['dim_date', 'fact_bookings'] }), redshiftRenderer())
 */
export function emptyState(
  producerTables: Readonly<Record<string, readonly string[]>> = {},
): ShareState {
  return Object.freeze({
    share: undefined,
    schemas: new Set<string>(),
    tables: new Set<string>(),
    includeNew: new Set<string>(),
    producerTables: new Map(Object.entries(producerTables)),
    producerSchemas: new Set<string>(),
    publishedViews: new Map<string, string | undefined>(),
    grantees: new Set<string>(),
    consumers: new Map<string, ConsumerState>(),
  })
}
