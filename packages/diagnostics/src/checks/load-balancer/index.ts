import type { Check } from '../../check/check.js'
import { listenerCheck } from './load-balancer-listener.js'
import { securityGroupsCheck } from './load-balancer-security-groups.js'
import { targetDriftCheck } from './load-balancer-target-drift.js'
import { targetHealthCheck } from './load-balancer-target-health.js'

/** The `load-balancer` group. */
export const loadBalancerChecks: readonly Check[] = Object.freeze([
  targetHealthCheck,
  targetDriftCheck,
  listenerCheck,
  securityGroupsCheck,
])

export { listenerCheck, securityGroupsCheck, targetDriftCheck, targetHealthCheck }
