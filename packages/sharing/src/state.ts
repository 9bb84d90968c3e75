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
   * The producer's existing views per shared schema (`'all'` covers them too: `ALL TABLES`
   * includes views, R-DS-3). Filled by the state readers.
   */
  readonly producerViews?: ReadonlyMap<string, readonly string[]>
  /**
   * The shared schemas that exist on the producer, when the reader looked (the state readers
   * do; {@link emptyState} does not). When known, the planner refuses a schema, table or view
   * of the share that does not exist, before any statement.
   */
  readonly sourceSchemas?: ReadonlySet<string>
  /**
   * Publication schemas that exist on the producer, among those the reader looked for (the
   * Redshift target shares protected data as views in them; see `ShareSchema.published`).
   */
  readonly producerSchemas: ReadonlySet<string>
  /**
   * Relations found in those schemas, as {@link tableKey}s: the definition a published view
   * carries in its comment (`rsp:<hash>` or `rsp:<hash>:<columns hash>`, as `<hash>` or
   * `<hash>:<columns hash>`), or `undefined` for anything this package did not make (never
   * dropped).
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
 * The state of a target where nothing exists yet but the producer's tables (and views):
 * they resolve `tables: 'all'` (and the views published for them).
 *
 * @example
 * planDatashare(share, emptyState({ airline_dw: ['dim_date', 'fact_bookings'] }), redshiftRenderer())
 */
export function emptyState(
  producerTables: Readonly<Record<string, readonly string[]>> = {},
  producerViews: Readonly<Record<string, readonly string[]>> = {},
): ShareState {
  return Object.freeze({
    share: undefined,
    schemas: new Set<string>(),
    tables: new Set<string>(),
    includeNew: new Set<string>(),
    producerTables: new Map(Object.entries(producerTables)),
    producerViews: new Map(Object.entries(producerViews)),
    producerSchemas: new Set<string>(),
    publishedViews: new Map<string, string | undefined>(),
    grantees: new Set<string>(),
    consumers: new Map<string, ConsumerState>(),
  })
}

/**
 * What exists for a set of datashares (read by `readLocalShares` / `readRedshiftShares`): the
 * state of each desired share, and of every other outbound share the reader found on the
 * producer, so the planner can tear down those this package manages.
 */
export interface SharesState {
  /** Each share's state by name: the desired ones (existing or not) and the others found. */
  readonly shares: ReadonlyMap<string, ShareState>
  /**
   * Outbound shares found that are not desired, by name: candidates for teardown when
   * managed (the caller's `managed` list, or on the local target the package's marker).
   */
  readonly others: ReadonlySet<string>
  /** Local target: share roles carrying this package's marker comment (made by it). */
  readonly marked: ReadonlySet<string>
  /** Consumer names found in each other share (local: members of its role; Redshift: sides holding a database from it). */
  readonly otherConsumers: ReadonlyMap<string, readonly string[]>
}
