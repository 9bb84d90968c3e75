/**
 * The AWS limits and allowed values the constructs validate against. They live in one home
 * shared with the CLI's config validation and the diagnostics,
 * `@redshift-playground/schema/aws-limits`, and are re-exported here as `limits`.
 *
 * @example
 * import { limits } from '@redshift-playground/infra'
 * limits.isAllowedBaseCapacity(33) // false
 * limits.freeIpsPerSubnet(128, true) // 37
 */
export * from '@redshift-playground/schema/aws-limits'
