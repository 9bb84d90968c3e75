import type { Consumer, Datashare, Reader } from '../desired-state.js'
import type { Plan, PlanAction, PublishedView, Side, Statement } from '../plan/plan-step.js'
import type { ShareState } from '../state.js'

/** What a renderer sees besides the action: the desired share, the actual state, a memo. */
export interface RenderContext {
  readonly desired: Datashare
  readonly actual: ShareState
  /** Scratch space shared by the steps of one plan (e.g. "RLS already enabled on t"). */
  readonly memo: Set<string>
  /**
   * Every desired share, when the plan covers a set of them (`planDatashares`): a consumer
   * in several shares gets what all of them give it (locally, one `search_path`).
   */
  readonly shares?: readonly Datashare[]
}

/**
 * A target's SQL dialect for datashares, in Kysely's dialect shape: one interface, one
 * folder per implementation (`redshift/redshift-renderer.ts`, `local/local-renderer.ts`).
 */
export interface ShareRenderer {
  /** The target's name, e.g. `'redshift'` or `'local'`. */
  readonly target: string
  /** How this target identifies a grantee in {@link ShareState.grantees}. */
  granteeKey(consumer: Consumer): string
  /** How this target identifies a reader in {@link ConsumerState.readers}. */
  readerKey(reader: Reader): string
  /**
   * Checks target-specific limits (e.g. PostgreSQL's 63-byte names, what Redshift can share);
   * throws DesiredStateError. `kind` is the plan being made: rules about what may be created
   * need not hold to tear a share down.
   */
  validate(desired: Datashare, kind?: Plan['kind']): void
  /** The statements that perform one action. */
  render(action: PlanAction, side: Side, context: RenderContext): readonly Statement[]
  /**
   * Present when the target protects data by publishing views on the producer (Redshift):
   * the query of one published view. The planner then shares published entries as views
   * (`create-view`, `replace-view` … instead of consumer-side `attach-masking`/`attach-rls`),
   * and hashes this text to detect a changed definition.
   */
  viewQuery?(view: Omit<PublishedView, 'hash'>): string
}

/** The plan action of one kind. */
export type ActionOf<K extends PlanAction['kind']> = Extract<PlanAction, { kind: K }>

/** A target's statements for each plan action kind, given that target's per-step context. */
export type ActionRenderers<Step> = {
  readonly [K in PlanAction['kind']]: (action: ActionOf<K>, step: Step) => readonly Statement[]
}

/** The statements `renderers` give for `action` (undefined for a kind PlanAction lacks). */
export function renderAction<Step>(
  renderers: ActionRenderers<Step>,
  action: PlanAction,
  step: Step,
): readonly Statement[] {
  // Own keys only: a kind such as 'toString' must not reach Object.prototype.
  const render = Object.hasOwn(renderers, action.kind)
    ? (renderers[action.kind] as (a: PlanAction, st: Step) => readonly Statement[])
    : undefined
  return render?.(action, step) as readonly Statement[]
}
