import type { RspConfig } from '../config/config-schema.js'
import { plannedWorkgroups } from '../config/validate-config.js'
import {
  HOURS_PER_MONTH,
  KMS_FREE_REQUESTS,
  type Prices,
  priceSource,
  resolvePrices,
} from './prices.js'

/** One line of the estimate. */
export interface CostLine {
  readonly component: string
  readonly kind: 'serverless' | 'storage' | 'provisioned' | 'nlb' | 'kms' | 'secrets' | 'logs'
  /** What the line multiplies, e.g. "32 RPU × 8 h/day × 30 days". */
  readonly basis: string
  /** Monthly USD at base capacity (or the fixed price). */
  readonly monthlyUsd: number
  /** Monthly USD if the component ran at its maximum capacity for the same hours. */
  readonly peakMonthlyUsd: number
}

export interface ModeEstimate {
  readonly mode: 'workload' | 'pool'
  readonly lines: readonly CostLine[]
  readonly totalUsd: number
  readonly peakTotalUsd: number
}

/** The monthly estimate: the selected consumer mode and the other one, side by side. */
export interface CostEstimate {
  readonly selectedMode: 'workload' | 'pool'
  readonly daysPerMonth: number
  readonly modes: { readonly workload: ModeEstimate; readonly pool: ModeEstimate }
  /** The selected mode's total (what budgets compare against). */
  readonly totalUsd: number
  readonly budgetUsd: number | undefined
  readonly prices: Prices
  readonly priceSource: typeof priceSource
}

const round2 = (n: number) => Math.round(n * 100) / 100

/**
 * Serverless compute cost of one use of `seconds` at `rpu`: billed per second with a
 * minimum per use (60 s), so many short bursts cost more than their summed seconds suggest.
 */
export function serverlessUseCost(rpu: number, seconds: number, prices: Prices): number {
  const billed = seconds > 0 ? Math.max(seconds, prices.serverlessMinimumSeconds) : 0
  return (rpu * billed * prices.serverlessRpuHour) / 3600
}

/** What the stacks create besides the warehouses, from the config (infra's layout). */
export function supportResources(config: RspConfig, namespaces: number) {
  const cluster = config.traditionalCluster.enabled
  return {
    /** Customer managed KMS keys: the namespaces' key, the alarm topic's key, the cluster's. */
    kmsKeys: [
      'namespaces',
      'alarm topic',
      ...(cluster ? ['traditional cluster'] : []),
    ] as const satisfies readonly string[],
    /** Secrets Manager secrets: each namespace's managed admin password, the cluster's. */
    secrets: namespaces + (cluster ? 1 : 0),
    /** Warehouses exporting connection, user and user-activity logs to CloudWatch Logs. */
    logExporters: namespaces + (cluster ? 1 : 0),
  }
}

/** KMS keys, Secrets Manager secrets and CloudWatch Logs ingestion of the log exports. */
function supportLines(config: RspConfig, namespaces: number, prices: Prices): CostLine[] {
  const r = supportResources(config, namespaces)
  const kms = r.kmsKeys.length * prices.kmsKeyMonth
  const secrets = r.secrets * prices.secretMonth
  const logGb = config.monitoring.logGbPerMonth ?? r.logExporters * DEFAULT_LOG_GB_PER_WAREHOUSE
  const logs = logGb * prices.logsIngestGb
  const line = (component: string, kind: CostLine['kind'], basis: string, usd: number) => ({
    component,
    kind,
    basis,
    monthlyUsd: round2(usd),
    peakMonthlyUsd: round2(usd),
  })
  return [
    line(
      'KMS keys',
      'kms',
      `${r.kmsKeys.length} customer managed keys (${r.kmsKeys.join(', ')}) × $${prices.kmsKeyMonth}/month; requests beyond ${KMS_FREE_REQUESTS.toLocaleString('en-US')}/month at $${prices.kmsRequests10k} per 10,000 (not estimated); each of a key's first two yearly rotations adds $${prices.kmsKeyMonth}/month`,
      kms,
    ),
    line(
      'Secrets Manager',
      'secrets',
      `${r.secrets} secrets (managed admin password of each namespace${config.traditionalCluster.enabled ? ' and of the cluster' : ''}) × $${prices.secretMonth}/month`,
      secrets,
    ),
    line(
      'CloudWatch Logs',
      'logs',
      `${logGb} GB/month of connection, user and user-activity logs from ${r.logExporters} warehouses × $${prices.logsIngestGb}/GB ingested (monitoring.logGbPerMonth; default ${DEFAULT_LOG_GB_PER_WAREHOUSE} GB per warehouse)`,
      logs,
    ),
  ]
}

/** GB a month each warehouse's log exports send to CloudWatch Logs when the config says nothing. */
export const DEFAULT_LOG_GB_PER_WAREHOUSE = 1

function modeEstimate(config: RspConfig, mode: 'workload' | 'pool', prices: Prices): ModeEstimate {
  const days = config.daysPerMonth
  const lines: CostLine[] = []
  const workgroups = plannedWorkgroups(config, mode)
  const namespaces = workgroups.length
  for (const wg of workgroups) {
    const seconds = wg.hoursPerDay * 3600
    const perDay = serverlessUseCost(wg.baseCapacity, seconds, prices)
    const peakPerDay = serverlessUseCost(wg.maxCapacity, seconds, prices)
    lines.push({
      component: wg.name,
      kind: 'serverless',
      basis: `${wg.baseCapacity} RPU (max ${wg.maxCapacity}) × ${wg.hoursPerDay} h/day × ${days} days × $${prices.serverlessRpuHour}/RPU-h`,
      monthlyUsd: round2(perDay * days),
      peakMonthlyUsd: round2(peakPerDay * days),
    })
  }
  // Shared data is stored once, in the producer's managed storage: consumers add no storage.
  const storage = config.storage.gb * prices.storageGbMonth
  lines.push({
    component: 'managed storage',
    kind: 'storage',
    basis: `${config.storage.gb} GB × $${prices.storageGbMonth}/GB-month (stored once, shared without copies)`,
    monthlyUsd: round2(storage),
    peakMonthlyUsd: round2(storage),
  })
  if (config.loadBalancer.enabled) {
    // Always on: billed every hour of the month, 730 h as AWS counts it.
    const hourly = prices.nlbHour + config.loadBalancer.nlcu * prices.nlcuHour
    const nlb = hourly * HOURS_PER_MONTH
    lines.push({
      component: 'network load balancer',
      kind: 'nlb',
      basis: `($${prices.nlbHour}/h + ${config.loadBalancer.nlcu} NLCU × $${prices.nlcuHour}/h) × ${HOURS_PER_MONTH} h/month`,
      monthlyUsd: round2(nlb),
      peakMonthlyUsd: round2(nlb),
    })
  }
  const cluster = config.traditionalCluster
  if (cluster.enabled) {
    // A provisioned cluster bills every hour it runs, every day: its hours per day out of 24,
    // of a 730-hour month.
    const rate = prices.provisionedNodeHour[cluster.nodeType] ?? 0
    const hours = (cluster.hoursPerDay / 24) * HOURS_PER_MONTH
    const usd = cluster.nodes * rate * hours
    lines.push({
      component: `traditional cluster (${cluster.nodeType})`,
      kind: 'provisioned',
      basis: `${cluster.nodes} × ${cluster.nodeType} × $${rate}/node-h × ${round2(hours)} h/month (${cluster.hoursPerDay} h/day of ${HOURS_PER_MONTH} h)`,
      monthlyUsd: round2(usd),
      peakMonthlyUsd: round2(usd),
    })
  }
  lines.push(...supportLines(config, namespaces, prices))
  return {
    mode,
    lines,
    totalUsd: round2(lines.reduce((s, l) => s + l.monthlyUsd, 0)),
    peakTotalUsd: round2(lines.reduce((s, l) => s + l.peakMonthlyUsd, 0)),
  }
}

/**
 * Monthly cost estimate from a validated config: each workgroup's base RPUs for its hours of
 * use per day on its days of use (peak: at max RPUs), managed storage once, the NLB around the
 * clock and the traditional cluster for its hours per day — both of a 730-hour month, as AWS
 * bills —, the KMS keys, the Secrets Manager secrets and the CloudWatch Logs ingestion of the
 * log exports. Both consumer modes are computed.
 *
 * @example
 * const estimate = estimateCost(config)
 * estimate.modes.workload.totalUsd // 32 RPU × 8 h × 30 d × $0.375 = $2,880 per workgroup
 */
export function estimateCost(config: RspConfig): CostEstimate {
  const prices = resolvePrices(config.prices as Partial<Prices>)
  const workload = modeEstimate(config, 'workload', prices)
  const pool = modeEstimate(config, 'pool', prices)
  const selected = config.consumers.mode === 'workload' ? workload : pool
  return Object.freeze({
    selectedMode: config.consumers.mode,
    daysPerMonth: config.daysPerMonth,
    modes: Object.freeze({ workload, pool }),
    totalUsd: selected.totalUsd,
    budgetUsd: config.budget?.monthlyUsd,
    prices,
    priceSource,
  })
}
