import type { Plan, SideScript } from '@redshift-playground/sharing'
import type { RspConfig } from '../config/config-schema.js'
import { datashareSpec, shareConsumers } from './datashare-from-config.js'

/** The Fn::Sub-style placeholder name of a consumer's namespace id. */
export const consumerPlaceholder = (name: string) =>
  `${name.replace(/(^|_)([a-z0-9])/g, (_m, _s, ch: string) => ch.toUpperCase())}NamespaceId`

/**
 * The Redshift sharing plan for a fresh deployment, computed offline: namespace ids are
 * placeholders (`${ProducerNamespaceId}` …) known only after deploy, and the producer holds
 * the airline model's tables. No AWS call.
 */
export async function offlineSharePlan(
  config: RspConfig,
): Promise<{ plan: Plan; scripts: readonly SideScript[] }> {
  const [s, { airlineModel }] = await Promise.all([
    import('@redshift-playground/sharing'),
    import('@redshift-playground/schema'),
  ])
  const ids = {
    producer: s.placeholder('ProducerNamespaceId'),
    consumers: Object.fromEntries(
      shareConsumers(config).map((c) => [c.name, s.placeholder(consumerPlaceholder(c.name))]),
    ),
  }
  const desired = s.defineDatashare(datashareSpec(config, ids))
  const tables: Record<string, string[]> = {}
  for (const t of Object.values(airlineModel.tables))
    tables[t.schema] = [...(tables[t.schema] ?? []), t.name]
  const plan = s.planDatashare(desired, s.emptyState(tables), s.redshiftRenderer())
  return { plan, scripts: s.renderScript(plan) }
}
