import type { RspConfig } from '../config/config-schema.js'
import { plannedWorkgroups } from '../config/validate-config.js'
import { type Prices, priceSource, resolvePrices } from './prices.js'

/** One line of the estimate. */
export interface CostLine {
  readonly component: string
  readonly kind: 'serverless' | 'storage' | 'provisioned' | 'nlb'
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

function modeEstimate(config: RspConfig, mode: 'workload' | 'pool', prices: Prices): ModeEstimate {
  const days = config.daysPerMonth
  const lines: CostLine[] = []
  for (const wg of plannedWorkgroups(config, mode)) {
    const seconds = wg.hoursPerDay * 3600
    const perDay = serverlessUseCost(wg.baseRpu, seconds, prices)
    const peakPerDay = serverlessUseCost(wg.maxRpu, seconds, prices)
    lines.push({
      component: wg.name,
      kind: 'serverless',
      basis: `${wg.baseRpu} RPU (max ${wg.maxRpu}) × ${wg.hoursPerDay} h/day × ${days} days × $${prices.serverlessRpuHour}/RPU-h`,
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
    const hourly = prices.nlbHour + config.loadBalancer.nlcu * prices.nlcuHour
    const nlb = hourly * 24 * days
    lines.push({
      component: 'network load balancer',
      kind: 'nlb',
      basis: `($${prices.nlbHour}/h + ${config.loadBalancer.nlcu} NLCU × $${prices.nlcuHour}/h) × 24 h × ${days} days`,
      monthlyUsd: round2(nlb),
      peakMonthlyUsd: round2(nlb),
    })
  }
  const cluster = config.traditionalCluster
  if (cluster.enabled) {
    const rate = prices.provisionedNodeHour[cluster.nodeType] ?? 0
    const usd = cluster.nodes * rate * cluster.hoursPerDay * days
    lines.push({
      component: `traditional cluster (${cluster.nodeType})`,
      kind: 'provisioned',
      basis: `${cluster.nodes} × ${cluster.nodeType} × $${rate}/node-h × ${cluster.hoursPerDay} h/day × ${days} days`,
      monthlyUsd: round2(usd),
      peakMonthlyUsd: round2(usd),
    })
  }
  return {
    mode,
    lines,
    totalUsd: round2(lines.reduce((s, l) => s + l.monthlyUsd, 0)),
    peakTotalUsd: round2(lines.reduce((s, l) => s + l.peakMonthlyUsd, 0)),
  }
}

/**
 * Monthly cost estimate from a validated config: each workgroup's base RPUs for its hours of
 * use per day (peak: at max RPUs), managed storage once, the NLB around the clock, the
 * traditional cluster for its hours. Both consumer modes are computed.
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
