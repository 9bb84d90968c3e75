import type {
  Datashare,
  Plan,
  ShareRenderer,
  ShareState,
  SideScript,
} from '@redshift-playground/sharing'
import type { RspConfig } from '../config/config-schema.js'
import { datashareSpecs, shareConsumers } from './datashare-from-config.js'

/** The Fn::Sub-style placeholder name of a consumer's namespace id. */
export const consumerPlaceholder = (name: string) =>
  `${name.replace(/(^|_)([a-z0-9])/g, (_m, _s, ch: string) => ch.toUpperCase())}NamespaceId`

/** The offline Redshift plans of every datashare, their scripts, and the placeholders used. */
export interface OfflineSharePlans {
  /** One plan per datashare, in config order (reversed for a teardown). */
  readonly plans: readonly Plan[]
  /** The annotated SQL per share and side, in run order. */
  readonly scripts: readonly SideScript[]
  /** Every namespace-id placeholder the plans hold, once. */
  readonly placeholders: readonly string[]
}

/**
 * The Redshift sharing plans for a fresh deployment, computed offline: namespace ids are
 * placeholders (`${ProducerNamespaceId}` …) known only after deploy, and the producer holds
 * the airline model's tables and views. One plan per datashare (on Redshift each share's
 * statements are independent of the others'). No AWS call.
 */
export async function offlineSharePlan(
  config: RspConfig,
  options: { readonly teardown?: boolean } = {},
): Promise<OfflineSharePlans> {
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
  const tables: Record<string, string[]> = {}
  const relations: readonly { schema: string; name: string }[] = [
    ...Object.values(airlineModel.tables),
    ...Object.values((airlineModel as { views?: object }).views ?? {}),
  ]
  for (const t of relations) tables[t.schema] = [...(tables[t.schema] ?? []), t.name]
  const renderer = s.redshiftRenderer()
  const fresh = s.emptyState(tables)
  const plans = datashareSpecs(config, ids).map((spec) => {
    const desired = s.defineDatashare(spec)
    const share = s.planDatashare(desired, fresh, renderer)
    return options.teardown
      ? s.planTeardown(desired, sharedState(share, desired, fresh, renderer, s.tableKey), renderer)
      : share
  })
  if (options.teardown) plans.reverse()
  return {
    plans,
    scripts: plans.flatMap((plan) => s.renderScript(plan)),
    placeholders: [...new Set(plans.flatMap((p) => p.placeholders))],
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
