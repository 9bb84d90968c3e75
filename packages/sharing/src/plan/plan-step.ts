import type { Consumer, MaskingPolicy, PolicyColumn, Reader, RlsPolicy } from '../desired-state.js'

/** Which session a statement runs in: the producer, or one consumer by name. */
export type Side = 'producer' | `consumer:${string}`

/**
 * A poll the applier runs (on the statement's side) before the statement, until it returns
 * at least one row or the timeout passes: e.g. "is the granted share visible here yet?".
 */
export interface Readiness {
  readonly description: string
  readonly sql: string
}

/** One SQL statement, as data. */
export interface Statement {
  readonly side: Side
  readonly sql: string
  /** What it does, in words (printed as a comment by `renderScript`). */
  readonly purpose: string
  /** Wait for this before running the statement (consumer side: share visibility). */
  readonly readiness?: Readiness
}

/**
 * A view the producer publishes in place of a shared table (Redshift target): every column of
 * the source table, masked ones replaced by their mask, and only the rows the row filters
 * allow. The share holds the view, never the table, so consumers cannot read around it.
 */
export interface PublishedView {
  /** The publication schema (`ShareSchema.publishAs`). */
  readonly schema: string
  /** The view's name: the source table's. */
  readonly name: string
  readonly source: { readonly schema: string; readonly table: string }
  /**
   * The source table's (or view's) columns, in order, from its definition (or its masking
   * policy); undefined selects `*` — expanded when the view is created, so later columns
   * would not show: give `defineDatashare` the table definitions.
   */
  readonly columns: readonly PolicyColumn[] | undefined
  /** Masking policies of the source table (they apply to every consumer). */
  readonly masking: readonly MaskingPolicy[]
  /** Row filters of the source table, combined with AND. */
  readonly rowLevelSecurity: readonly RlsPolicy[]
  /** A short hash of the view's query, kept in its comment: a changed hash means replace. */
  readonly hash: string
  /**
   * A short hash of the listed columns (names and types), kept in its comment too: when it
   * changes the view is rebuilt (Redshift replaces a view only with identical columns).
   */
  readonly columnsHash?: string
}

/** One target-neutral change; renderers turn each into statements. */
export type PlanAction =
  | { readonly kind: 'create-share'; readonly publiclyAccessible: boolean }
  | { readonly kind: 'set-publicly-accessible'; readonly value: boolean }
  | { readonly kind: 'add-schema'; readonly schema: string }
  | { readonly kind: 'add-all-tables'; readonly schema: string; readonly tables: readonly string[] }
  | { readonly kind: 'add-tables'; readonly schema: string; readonly tables: readonly string[] }
  | { readonly kind: 'remove-tables'; readonly schema: string; readonly tables: readonly string[] }
  | { readonly kind: 'remove-schema'; readonly schema: string }
  | { readonly kind: 'set-include-new'; readonly schema: string; readonly value: boolean }
  | { readonly kind: 'grant-usage'; readonly consumer: Consumer }
  | { readonly kind: 'revoke-usage'; readonly grantee: string; readonly consumer?: Consumer }
  | { readonly kind: 'drop-share' }
  | { readonly kind: 'create-database'; readonly consumer: Consumer }
  | { readonly kind: 'drop-database'; readonly consumer: Consumer; readonly database: string }
  | {
      readonly kind: 'grant-reader'
      readonly consumer: Consumer
      readonly reader: Reader
      /**
       * Only the object-level grants on these schemas of a WITH PERMISSIONS database, for a
       * reader that already has the database (a schema new to the share). Default: everything.
       */
      readonly schemas?: readonly string[]
    }
  | { readonly kind: 'revoke-reader'; readonly consumer: Consumer; readonly reader: Reader }
  | { readonly kind: 'attach-masking'; readonly consumer: Consumer; readonly policy: MaskingPolicy }
  | { readonly kind: 'detach-masking'; readonly consumer: Consumer; readonly policy: string }
  | { readonly kind: 'attach-rls'; readonly consumer: Consumer; readonly policy: RlsPolicy }
  | { readonly kind: 'detach-rls'; readonly consumer: Consumer; readonly policy: string }
  | { readonly kind: 'create-publication-schema'; readonly schema: string }
  | { readonly kind: 'create-view'; readonly view: PublishedView }
  | { readonly kind: 'replace-view'; readonly view: PublishedView }
  | { readonly kind: 'drop-view'; readonly schema: string; readonly view: string }
  | { readonly kind: 'drop-publication-schema'; readonly schema: string }

/** A planned change with the statements that make it. */
export interface PlanStep {
  readonly side: Side
  readonly action: PlanAction
  readonly statements: readonly Statement[]
}

/** An ordered, minimal plan: producer steps first, then each consumer's. */
export interface Plan {
  /** `'redshift'`, `'local'`, … (the renderer's target). */
  readonly target: string
  readonly share: string
  /** `'apply'` (desired vs actual) or `'teardown'`. */
  readonly kind: 'apply' | 'teardown'
  readonly steps: readonly PlanStep[]
  /** All statements in order (the steps' statements, flattened). */
  readonly statements: readonly Statement[]
  /** True when nothing needs to change. */
  readonly isEmpty: boolean
  /** True when some value is a placeholder: render it, do not apply it. */
  readonly hasPlaceholders: boolean
  /** The placeholder names used (e.g. `ProducerNamespaceId`), for `Fn::Sub`. */
  readonly placeholders: readonly string[]
}
