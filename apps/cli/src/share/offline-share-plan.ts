import type {
  Datashare,
  Plan,
  ShareRenderer,
  ShareState,
  SharesState,
  SideScript,
} from '@redshift-playground/sharing'
import type { RspConfig } from '../config/config-schema.js'
import { datashareSpecs, shareConsumers } from './datashare-from-config.js'
import { type PlanByShare, splitByShare, trackShares } from './share-parts.js'

/** The Fn::Sub-style placeholder name of a consumer's namespace id. */
export const consumerPlaceholder = (name: string) =>
  `${name.replace(/(^|_)([a-z0-9])/g, (_m, _s, ch: string) => ch.toUpperCase())}NamespaceId`

/** The offline Redshift plan of every datashare, its scripts, and the placeholders used. */
export interface OfflineSharePlans extends PlanByShare {
  /** One plan for every datashare of the config (run order across shares). */
  readonly plan: Plan
  /** The annotated SQL per side, in run order. */
  readonly scripts: readonly SideScript[]
  /** Every namespace-id placeholder the plan holds, once. */
  readonly placeholders: readonly string[]
}

/** The producer's relations by schema: the airline model's tables, and its views. */
async function modelRelations(): Promise<{
  readonly tables: Record<string, string[]>
  readonly views: Record<string, string[]>
}> {
  const { airlineModel } = await import('@redshift-playground/schema')
  const bySchema = (relations: readonly { schema: string; name: string }[]) => {
    const out: Record<string, string[]> = {}
    for (const r of relations) out[r.schema] = [...(out[r.schema] ?? []), r.name]
    return out
  }
  return {
    tables: bySchema(Object.values(airlineModel.tables)),
    views: bySchema(Object.values(airlineModel.views ?? {})),
  }
}

/**
 * The Redshift sharing plan for a fresh deployment, computed offline: namespace ids are
 * placeholders (`${ProducerNamespaceId}` …) known only after deploy, and the producer holds
 * the airline model's tables and views (so `'all'` covers the views too). Every datashare is
 * planned as one plan (`planDatashares`, or `planTeardowns` for what that plan creates). No
 * AWS call.
 */
export async function offlineSharePlan(
  config: RspConfig,
  options: { readonly teardown?: boolean } = {},
): Promise<OfflineSharePlans> {
  const s = await import('@redshift-playground/sharing')
  const ids = {
    producer: s.placeholder('ProducerNamespaceId'),
    consumers: Object.fromEntries(
      shareConsumers(config).map((c) => [c.name, s.placeholder(consumerPlaceholder(c.name))]),
    ),
  }
  const { tables, views } = await modelRelations()
  const desired = s.defineDatashares(datashareSpecs(config, ids))
  const fresh = s.emptyState(tables, views)
  const state = (of: (d: Datashare) => ShareState): SharesState => ({
    shares: new Map(desired.map((d) => [d.name, of(d)])),
    others: new Set<string>(),
    marked: new Set<string>(),
    otherConsumers: new Map<string, readonly string[]>(),
  })
  const apply = trackShares(s.redshiftRenderer())
  let plan = s.planDatashares(
    desired,
    state(() => fresh),
    apply.renderer,
  )
  let split = splitByShare(plan, desired, apply.shareOf)
  if (options.teardown) {
    const created = new Map(split.byShare.map((p) => [p.share, p]))
    const down = trackShares(s.redshiftRenderer())
    plan = s.planTeardowns(
      desired,
      state((d) => sharedState(created.get(d.name)!, d, fresh, apply.renderer, s.tableKey)),
      down.renderer,
    )
    split = splitByShare(plan, desired, down.shareOf)
  }
  return {
    plan,
    ...split,
    scripts: s.renderScript(plan),
    placeholders: plan.placeholders,
  }
}

/**
 * The state a fresh deployment is in after the share plan ran: what `rsp unshare --target
 * redshift --dry-run` tears down (every object the plan created), computed offline.
 */
function sharedState(
  plan: Plan,
  desired: Datashare,
  fresh: ShareState,
  renderer: ShareRenderer,
  key: (schema: string, table: string) => string,
): ShareState {
  const views = plan.steps.flatMap((s) => (s.action.kind === 'create-view' ? [s.action.view] : []))
  const shared = plan.steps.flatMap(({ action: a }) =>
    a.kind === 'add-tables' || a.kind === 'add-all-tables'
      ? a.tables.map((t) => key(a.schema, t))
      : [],
  )
  return {
    ...fresh,
    share: { publiclyAccessible: desired.publiclyAccessible },
    schemas: new Set(desired.schemas.map((s) => (s.published ? s.publishAs : s.schema))),
    tables: new Set(shared),
    producerSchemas: new Set(views.map((v) => v.schema)),
    publishedViews: new Map(views.map((v) => [key(v.schema, v.name), v.hash])),
    grantees: new Set(desired.consumers.map((c) => renderer.granteeKey(c))),
    consumers: new Map(
      desired.consumers.map((c) => [
        c.name,
        {
          visible: true,
          database: c.database,
          readers: new Set(c.readers.map((r) => renderer.readerKey(r))),
          masking: new Set<string>(),
          rowLevelSecurity: new Set<string>(),
        },
      ]),
    ),
  }
}
