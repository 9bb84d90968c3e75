import type { Consumer, MaskingPolicy, Reader, RlsPolicy } from '../desired-state.js'

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
  | { readonly kind: 'grant-reader'; readonly consumer: Consumer; readonly reader: Reader }
  | { readonly kind: 'revoke-reader'; readonly consumer: Consumer; readonly reader: Reader }
  | { readonly kind: 'attach-masking'; readonly consumer: Consumer; readonly policy: MaskingPolicy }
  | { readonly kind: 'detach-masking'; readonly consumer: Consumer; readonly policy: string }
  | { readonly kind: 'attach-rls'; readonly consumer: Consumer; readonly policy: RlsPolicy }
  | { readonly kind: 'detach-rls'; readonly consumer: Consumer; readonly policy: string }

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
