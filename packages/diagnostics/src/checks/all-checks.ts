import type { Check, CheckGroup } from '../check/check.js'
import { configChecks } from './config/index.js'
import { controlPlaneChecks } from './control-plane/index.js'
import { dataPlaneChecks } from './data-plane/index.js'
import { loadBalancerChecks } from './load-balancer/index.js'

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

/** One check by its id (`data-plane/datashare`); undefined when there is none. */
export function checkById(id: string): Check | undefined {
  return allChecks.find((c) => c.id === id)
}
