import type {
  DiagnosticsConfig,
  ExpectedDatashare,
  WarehouseConfig,
} from '@redshift-playground/diagnostics'
import type { RspConfig } from '../config/config-schema.js'
import { plannedWorkgroups } from '../config/validate-config.js'
import type { CostEstimate } from '../cost/estimate-cost.js'
import { datashareSpec, localNamespaceIds, shareConsumers } from '../share/datashare-from-config.js'

/** Maps the config file (and the CLI's cost estimate) onto the diagnostics' config input. */
export function diagnosticsConfig(config: RspConfig, estimate: CostEstimate): DiagnosticsConfig {
  const [producer, ...consumers] = plannedWorkgroups(config).map(
    (w): WarehouseConfig => ({
      name: w.role === 'producer' ? 'producer' : w.name.slice(config.project.length + 1),
      namespace: w.name,
      workgroup: w.name,
      baseRpu: w.baseRpu,
      maxRpu: w.maxRpu,
      publiclyAccessible: w.public,
    }),
  )
  const n = config.network
  const imported = n.subnetIds !== undefined
  const anyPublic = consumers.some((c) => c.publiclyAccessible)
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
    datashare: {
      name: config.datashare.name,
      publicAccessible:
        config.datashare.publiclyAccessible === 'auto'
          ? anyPublic
          : config.datashare.publiclyAccessible,
    },
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
  for (const p of datashareSpec(config, localNamespaceIds(config)).policies?.rowLevelSecurity ?? [])
    for (const c of p.consumers)
      filtered[c] = [...(filtered[c] ?? []), p.table.split('.')[1] as string]
  return filtered
}
