import type { Datashare, Plan, StatementOutcome } from '@redshift-playground/sharing'
import type { RspConfig } from '../config/config-schema.js'
import type { LocalWarehouse } from '../local/local-warehouse.js'
import { datashareSpecs, localNamespaceIds } from './datashare-from-config.js'
import { type PlanByShare, splitByShare, trackShares } from './share-parts.js'

/** What `shareLocal` planned and did (the shape of `shareOnRedshift`'s result). */
export interface LocalShareResult extends PlanByShare {
  /** One plan for every datashare of the config (and the removal of those no longer in it). */
  readonly plan: Plan
  /** The config's datashares, validated as a set, in config order. */
  readonly desired: readonly Datashare[]
  /** The statements applied, in order (none for a dry run or an empty plan). */
  readonly outcomes: readonly StatementOutcome[]
}

/**
 * Plans every datashare of the config against the embedded database's actual state as one
 * plan (`readLocalShares` + `planDatashares`, or `planTeardowns`) and, unless `dryRun`,
 * applies it with the local renderer (roles and grants) in one transaction: a statement that
 * fails rolls every other back, so nothing is applied half-way. The plan covers the set, so a
 * consumer leaving a share loses that share's database, a consumer in several shares has all
 * their databases on its `search_path`, and a share the package made (its role carries the
 * marker comment) that is no longer in the config is torn down. Re-running plans nothing.
 */
export async function shareLocal(
  config: RspConfig,
  w: LocalWarehouse,
  options: { readonly dryRun?: boolean; readonly teardown?: boolean } = {},
): Promise<LocalShareResult> {
  const s = await import('@redshift-playground/sharing')
  const desired = s.defineDatashares(datashareSpecs(config, localNamespaceIds(config)))
  const tracked = trackShares(s.localRenderer())
  const actual = await s.readLocalShares(desired, w.producer)
  const plan = options.teardown
    ? s.planTeardowns(desired, actual, tracked.renderer)
    : s.planDatashares(desired, actual, tracked.renderer)
  const result = { plan, desired, ...splitByShare(plan, desired, tracked.shareOf) }
  if (options.dryRun || plan.isEmpty) return { ...result, outcomes: [] }
  const applied = await w.producer
    .transaction()
    .execute((trx) => s.applyPlan(plan, s.singleDatabase(desired, trx)))
  return { ...result, outcomes: applied.outcomes }
}
