import type { Check, CheckGroup } from '../check/check.js'
import { configChecks } from './config/config-checks.js'
import { controlPlaneChecks } from './control-plane/control-plane-checks.js'
import { dataPlaneChecks } from './data-plane/data-plane-checks.js'
import { loadBalancerChecks } from './load-balancer/load-balancer-checks.js'

/** Every check, grouped in run order: config, control plane, load balancer, data plane. */
export const allChecks: readonly Check[] = Object.freeze([
  ...configChecks,
  ...controlPlaneChecks,
  ...loadBalancerChecks,
  ...dataPlaneChecks,
])

/** The checks of one group. */
export function checksOf(group: CheckGroup): readonly Check[] {
  return allChecks.filter((c) => c.group === group)
}
