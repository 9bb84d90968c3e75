import type { Plan, StatementOutcome } from '@redshift-playground/sharing'
import type { RspConfig } from '../config/config-schema.js'
import type { LocalWarehouse } from '../local/local-warehouse.js'
import { datashareSpecs, localNamespaceIds } from './datashare-from-config.js'

export interface LocalShareResult {
  /** One plan per datashare, in the order they run (config order; reversed for a teardown). */
  readonly plans: readonly Plan[]
  readonly outcomes: readonly StatementOutcome[]
  /** The first plan (the only one with the single `datashare`). */
  readonly plan: Plan
}

/**
 * Plans every datashare of the config against the embedded database's actual state and,
 * unless `dryRun`, applies them with the local renderer (roles and grants), one share after
 * the other. Every share is planned (and so validated) before anything is applied, so a share
 * the planner refuses leaves the database as it was; then each share is planned again against
 * the state its predecessors left (a consumer's role is created once) and applied. Re-running
 * plans nothing. A teardown runs the shares in reverse order.
 */
export async function shareLocal(
  config: RspConfig,
  w: LocalWarehouse,
  options: { readonly dryRun?: boolean; readonly teardown?: boolean } = {},
): Promise<LocalShareResult> {
  const s = await import('@redshift-playground/sharing')
  const specs = datashareSpecs(config, localNamespaceIds(config))
  const desired = specs.map((spec) => s.defineDatashare(spec))
  const ordered = options.teardown ? [...desired].reverse() : desired
  const renderer = s.localRenderer()
  const planOne = async (share: (typeof ordered)[number]) => {
    const actual = await s.readLocalState(share, w.producer)
    return options.teardown
      ? s.planTeardown(share, actual, renderer)
      : s.planDatashare(share, actual, renderer)
  }
  const checked: Plan[] = []
  for (const share of ordered) checked.push(await planOne(share))
  if (options.dryRun || checked.every((p) => p.isEmpty))
    return { plans: checked, outcomes: [], plan: checked[0]! }
  const plans: Plan[] = []
  const outcomes: StatementOutcome[] = []
  for (const share of ordered) {
    const plan = plans.length === 0 ? checked[0]! : await planOne(share)
    plans.push(plan)
    if (plan.isEmpty) continue
    const result = await s.applyPlan(plan, s.singleDatabase(share, w.producer))
    outcomes.push(...result.outcomes)
  }
  return { plans, outcomes, plan: plans[0]! }
}
