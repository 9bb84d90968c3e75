import type { Check } from '../../check/check.js'
import { budgetCheck } from './config-budget.js'
import { networkCapacityCheck } from './config-network-capacity.js'
import { nlbPoolCheck } from './config-nlb-pool.js'
import { publicDatashareCheck } from './config-public-datashare.js'
import { rpuValuesCheck } from './config-rpu-values.js'
import { workgroupSettingsCheck } from './config-workgroup-settings.js'

/** The offline `config` group. */
export const configChecks: readonly Check[] = Object.freeze([
  rpuValuesCheck,
  workgroupSettingsCheck,
  networkCapacityCheck,
  nlbPoolCheck,
  publicDatashareCheck,
  budgetCheck,
])

export {
  budgetCheck,
  networkCapacityCheck,
  nlbPoolCheck,
  publicDatashareCheck,
  rpuValuesCheck,
  workgroupSettingsCheck,
}
