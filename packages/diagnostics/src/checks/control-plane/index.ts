import type { Check } from '../../check/check.js'
import { endpointStatusCheck } from './control-plane-endpoint-status.js'
import { logExportsCheck } from './control-plane-log-exports.js'
import { namespaceStatusCheck } from './control-plane-namespace-status.js'
import { publicWorkgroupsCheck } from './control-plane-public-workgroups.js'
import { rpuQuotaCheck } from './control-plane-rpu-quota.js'
import { subnetFreeIpsCheck } from './control-plane-subnet-free-ips.js'
import { workgroupStatusCheck } from './control-plane-workgroup-status.js'

/** The `control-plane` group. */
export const controlPlaneChecks: readonly Check[] = Object.freeze([
  workgroupStatusCheck,
  namespaceStatusCheck,
  endpointStatusCheck,
  subnetFreeIpsCheck,
  rpuQuotaCheck,
  logExportsCheck,
  publicWorkgroupsCheck,
])

export {
  endpointStatusCheck,
  logExportsCheck,
  namespaceStatusCheck,
  publicWorkgroupsCheck,
  rpuQuotaCheck,
  subnetFreeIpsCheck,
  workgroupStatusCheck,
}
