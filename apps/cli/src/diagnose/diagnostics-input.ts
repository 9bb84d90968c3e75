import type {
  DiagnosticsConfig,
  ExpectedDatashare,
  WarehouseConfig,
} from '@redshift-playground/diagnostics'
import { type DatashareSpec, defineDatashare, viewRisk } from '@redshift-playground/sharing'
import { configDatashares } from '../config/config-datashares.js'
import type { RspConfig } from '../config/config-schema.js'
import { plannedWorkgroups } from '../config/validate-config.js'
import type { CostEstimate } from '../cost/estimate-cost.js'
import {
  datashareSpecs,
  localNamespaceIds,
  type NamespaceIds,
  shareConsumers,
} from '../share/datashare-from-config.js'

/** Maps the config file (and the CLI's cost estimate) onto the diagnostics' config input. */
export function diagnosticsConfig(config: RspConfig, estimate: CostEstimate): DiagnosticsConfig {
  const [producer, ...consumers] = plannedWorkgroups(config).map(
    (w): WarehouseConfig => ({
      name: w.role === 'producer' ? 'producer' : w.name.slice(config.project.length + 1),
      namespace: w.name,
      workgroup: w.name,
      baseCapacity: w.baseCapacity,
      maxCapacity: w.maxCapacity,
      publiclyAccessible: w.public,
    }),
  )
  const n = config.network
  const imported = n.subnetIds !== undefined
  const newAzCount = n.availabilityZoneIds?.length ?? n.availabilityZones
  return {
    ...(config.region ? { region: config.region } : {}),
    producer: producer as WarehouseConfig,
    consumers,
    consumerMode: config.consumers.mode,
    nlb: { enabled: config.loadBalancer.enabled },
    network: {
      azCount: imported ? new Set(n.subnetAvailabilityZones ?? []).size : newAzCount,
      // Imported subnets' sizes are unknown offline; the control-plane check reads their free IPs.
      subnets: imported
        ? []
        : Array.from({ length: newAzCount }, (_, i) => ({
            prefixLength: n.subnetPrefix,
            id: `subnet-${n.availabilityZoneIds?.[i] ?? i + 1} (/${n.subnetPrefix})`,
          })),
      enhancedVpcRouting: n.enhancedVpcRouting,
    },
    // Every datashare with its own consumers ('auto': public when one of them is).
    datashares: configDatashares(config).map((share) => ({
      name: share.name,
      publicAccessible:
        share.publiclyAccessible === 'auto'
          ? share.consumers.some((c) => c.public)
          : share.publiclyAccessible,
      consumers: share.consumers.map((c) => c.configName),
    })),
    ...(config.budget
      ? { budget: { monthlyUsd: config.budget.monthlyUsd, estimatedMonthlyUsd: estimate.totalUsd } }
      : {}),
  }
}

/**
 * The datashare the data-plane checks expect on the local target: consumers are roles, the
 * shared schema is airline_dw, and a row-filtered table may hold fewer rows on every consumer.
 */
export function expectedLocalDatashare(
  config: RspConfig,
  tables: readonly string[],
  filtered: Readonly<Record<string, readonly string[]>>,
): ExpectedDatashare {
  return {
    name: config.datashare.name,
    schema: 'airline_dw',
    tables,
    consumers: shareConsumers(config).map((c) => ({
      name: c.name,
      role: c.name,
      ...(filtered[c.name] ? { filteredTables: filtered[c.name] } : {}),
    })),
  }
}

/** Tables whose rows are filtered per consumer by the config's row-level-security policy. */
export function rlsFilteredTables(config: RspConfig): Record<string, string[]> {
  const filtered: Record<string, string[]> = {}
  for (const spec of datashareSpecs(config, localNamespaceIds(config)))
    for (const p of spec.policies?.rowLevelSecurity ?? [])
      for (const c of p.consumers)
        filtered[c] = [...new Set([...(filtered[c] ?? []), p.table.split('.')[1] as string])]
  return filtered
}

/**
 * The datashare specs of a config. The ONE place the diagnostics learn which shares exist:
 * every share of `datashares` (or the single `datashare`), each with the freshness marker.
 */
export function configShareSpecs(config: RspConfig, ids: NamespaceIds): DatashareSpec[] {
  return datashareSpecs(config, ids)
}

/** A table or view of the model, for expanding a share's `tables: 'all'`; a view also says what it reads. */
export interface ModelRelation {
  readonly schema: string
  readonly name: string
  readonly reads?: readonly {
    readonly schema: string
    readonly table: string
    readonly columns: readonly string[]
  }[]
}

/** The tables and views of a schema model, for expanding a share's `tables: 'all'`. */
export function relationsOf(model: {
  readonly tables: Readonly<Record<string, { readonly schema: string; readonly name: string }>>
  readonly views?: Readonly<Record<string, ModelRelation>>
}): ModelRelation[] {
  return [
    ...Object.values(model.tables).map((t) => ({ schema: t.schema, name: t.name })),
    ...Object.values(model.views ?? {}).map((v) => ({
      schema: v.schema,
      name: v.name,
      reads: v.reads ?? [],
    })),
  ]
}

/** The airline model's tables and views, for {@link expectedDatashares}. */
export async function modelRelations(): Promise<ModelRelation[]> {
  const { airlineModel } = await import('@redshift-playground/schema')
  return relationsOf(airlineModel)
}

/**
 * The relations a whole-schema entry of this share holds: the views that would read around
 * one of its policies (a row-filtered table, a masked column) left out, as sharing leaves them.
 */
export function shareableRelations(
  spec: DatashareSpec,
  relations: readonly ModelRelation[],
): ModelRelation[] {
  // The sharing package's own rule (viewRisk: a view runs with its owner's rights,
  // DG:r_CREATE_VIEW), over the share as it defines it — not a copy of the rule here.
  const share = defineDatashare(spec)
  return relations.filter((r) => !(r.reads && viewRisk(share, r.schema, r.name) !== undefined))
}

/**
 * The freshness options of the data-plane checks: `--freshness-threshold` (seconds) when
 * given, else the config's `diagnostics.freshnessMaxLagSeconds`, else the check's default.
 */
export function freshnessOptions(
  config: RspConfig,
  flag: number | undefined,
): { readonly maxLagSeconds?: number } {
  const seconds = flag ?? config.diagnostics.freshnessMaxLagSeconds
  return seconds === undefined ? {} : { maxLagSeconds: seconds }
}

/**
 * The datashares the data-plane checks expect, from the specs: objects as `schema.name`
 * (`tables: 'all'` expands to the model's relations of that schema), consumers with their
 * database of each share (R-DS-11), namespace and — on the local target — role (the consumer
 * name), and the row-filtered objects per consumer. On Redshift a schema whose tables carry
 * policies is shared as views in a publication schema: `publishedSchema` names it
 * (sharing's `consumerSchema`).
 */
export function expectedDatashares(
  specs: readonly DatashareSpec[],
  relations: readonly ModelRelation[],
  target: 'postgres' | 'redshift',
  publishedSchema: (spec: DatashareSpec, schema: string) => string = (_, schema) => schema,
): ExpectedDatashare[] {
  return specs.map((spec) => {
    const qualify = (schema: string, name: string) => `${publishedSchema(spec, schema)}.${name}`
    // Once per share, for every whole-schema entry.
    const shareable = spec.objects.some((o) => o.tables === 'all')
      ? shareableRelations(spec, relations)
      : []
    const tables = spec.objects.flatMap((o) =>
      (o.tables === 'all'
        ? shareable.filter((r) => r.schema === o.schema).map((r) => r.name)
        : o.tables
      ).map((t) => qualify(o.schema, t)),
    )
    const filtered = (consumer: string) =>
      (spec.policies?.rowLevelSecurity ?? [])
        .filter((p) => p.consumers.includes(consumer))
        .map((p) => {
          const [schema, name] = p.table.split('.') as [string, string]
          return qualify(schema, name)
        })
    return {
      name: spec.name,
      tables: [...new Set(tables)],
      ...(spec.publiclyAccessible === undefined
        ? {}
        : { publicAccessible: spec.publiclyAccessible }),
      consumers: spec.consumers.map((c) => {
        const rows = filtered(c.name)
        return {
          name: c.name,
          database: c.database,
          ...(target === 'postgres' ? { role: c.name } : {}),
          ...(target === 'redshift' && typeof c.namespace === 'string'
            ? { namespaceId: c.namespace }
            : {}),
          ...(rows.length > 0 ? { filteredTables: rows } : {}),
        }
      }),
    }
  })
}
