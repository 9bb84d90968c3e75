import type { Check } from '../../check/check.js'
import { consumerDatabaseCheck } from './data-plane-consumer-database.js'
import { consumerReadCheck } from './data-plane-consumer-read.js'
import { consumerReadOnlyCheck } from './data-plane-consumer-read-only.js'
import { datashareCheck } from './data-plane-datashare.js'
import { freshnessCheck } from './data-plane-freshness.js'
import { nlbSpreadCheck } from './data-plane-nlb-spread.js'
import { rowParityCheck } from './data-plane-row-parity.js'

/** The `data-plane` group. */
export const dataPlaneChecks: readonly Check[] = Object.freeze([
  datashareCheck,
  consumerDatabaseCheck,
  consumerReadCheck,
  consumerReadOnlyCheck,
  rowParityCheck,
  freshnessCheck,
  nlbSpreadCheck,
])

export {
  consumerDatabaseCheck,
  consumerReadCheck,
  consumerReadOnlyCheck,
  datashareCheck,
  freshnessCheck,
  nlbSpreadCheck,
  rowParityCheck,
}
