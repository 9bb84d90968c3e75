import type { Plan, StatementOutcome } from '@redshift-playground/sharing'
import type { RspConfig } from '../config/config-schema.js'
import type { LocalWarehouse } from '../local/local-warehouse.js'
import { datashareSpec, localNamespaceIds } from './datashare-from-config.js'

export interface LocalShareResult {
  readonly plan: Plan
  readonly outcomes: readonly StatementOutcome[]
}

/**
 * Plans the config's datashare against the embedded database's actual state and, unless
 * `dryRun`, applies it with the local renderer (roles and grants). Re-running plans nothing.
 */
export async function shareLocal(
  config: RspConfig,
  w: LocalWarehouse,
  options: { readonly dryRun?: boolean; readonly teardown?: boolean } = {},
): Promise<LocalShareResult> {
  const s = await import('@redshift-playground/sharing')
  const desired = s.defineDatashare(datashareSpec(config, localNamespaceIds(config)))
  const renderer = s.localRenderer()
  const actual = await s.readLocalState(desired, w.producer)
  const plan = options.teardown
    ? s.planTeardown(desired, actual, renderer)
    : s.planDatashare(desired, actual, renderer)
  if (options.dryRun || plan.isEmpty) return { plan, outcomes: [] }
  const result = await s.applyPlan(plan, s.singleDatabase(desired, w.producer))
  return { plan, outcomes: result.outcomes }
}
