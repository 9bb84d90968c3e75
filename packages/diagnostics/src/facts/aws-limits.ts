import {
  BASE_CAPACITY_LADDERS,
  BASE_CAPACITY_VALUES,
  DEFAULT_PORT,
  FREE_IPS_BY_BASE_CAPACITY,
  FREE_IPS_WITHOUT_ENHANCED_ROUTING,
  isRegionalBaseCapacity,
  LARGE_BASE_CAPACITY_REGIONS,
  LIMITS_SOURCE,
  LOG_EXPORTS,
  MAX_CAPACITY_CEILING,
  MIN_AVAILABILITY_ZONES,
  RESOURCE_NAME,
  SUBNET_RESERVED_IPS,
  WORKGROUP_PORT_RANGES,
} from '@redshift-playground/schema/aws-limits'

/**
 * Every AWS limit the checks compare against, as one overridable object: the defaults come from
 * `@redshift-playground/schema/aws-limits` (the one home the CLI and infra share); the caller
 * may override any value (AWS changes them; a region or account may differ) through
 * `DiagnosticsInput.limits`.
 *
 * Sources (read 2025, collected in the project's FACTS.md):
 * - Capacity: https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-capacity.html
 * - Subnets and free IPs: https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-usage-considerations.html
 * - Workgroup properties: AWS::RedshiftServerless::Workgroup (CloudFormation reference)
 * - MODIFYING/conflicts: terraform-provider-aws#28108, #39249, #31048
 * - Reserved subnet addresses: https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html
 */
export interface AwsLimits {
  /** Where and when these values were read. */
  readonly source: string
  readonly retrieved: string
  /** Smallest base capacity (RPU). */
  readonly minBaseCapacity: number
  /** Base capacity steps: `[from, to, step]`; a value is allowed when it lies on one of the ladders. */
  readonly baseCapacityLadders: readonly (readonly [number, number, number])[]
  /** Base capacities only some regions offer, and those regions. */
  readonly regionalBaseCapacities: readonly number[]
  readonly regionalBaseCapacityRegions: readonly string[]
  /** Maximum capacity ceiling (FACTS.md marks it unconfirmed). */
  readonly maxCapacityCeiling: number
  /** Free IPs a workgroup needs in each subnet with enhanced VPC routing, by base RPU (`[rpu, ips]`, ascending). */
  readonly freeIpsByBaseCapacity: readonly (readonly [number, number])[]
  /** Free IPs a workgroup needs in each subnet without enhanced VPC routing. */
  readonly freeIpsWithoutEvr: number
  /** Availability zones the workgroup's subnets must span. */
  readonly minAzWithEvr: number
  readonly minAzWithoutEvr: number
  /** Addresses AWS reserves in every subnet (network, router, DNS, future, broadcast). */
  readonly reservedIpsPerSubnet: number
  /** Time in CREATING/MODIFYING after which a workgroup or namespace counts as stuck (ms). */
  readonly stuckAfterMs: number
  /** Ports a workgroup may listen on (inclusive ranges), and the default. */
  readonly portRanges: readonly (readonly [number, number])[]
  readonly defaultPort: number
  /** Workgroup name rule. */
  readonly workgroupNamePattern: RegExp
  readonly workgroupNameLength: readonly [number, number]
  /** Log exports a namespace can have. */
  readonly logExports: readonly string[]
}

/** The defaults, frozen: the values of `@redshift-playground/schema/aws-limits`. */
export const AWS_LIMITS: AwsLimits = Object.freeze({
  source: LIMITS_SOURCE.urls.join(' '),
  retrieved: LIMITS_SOURCE.retrieved,
  minBaseCapacity: BASE_CAPACITY_VALUES[0]!,
  baseCapacityLadders: BASE_CAPACITY_LADDERS,
  regionalBaseCapacities: Object.freeze(BASE_CAPACITY_VALUES.filter(isRegionalBaseCapacity)),
  regionalBaseCapacityRegions: LARGE_BASE_CAPACITY_REGIONS,
  maxCapacityCeiling: MAX_CAPACITY_CEILING,
  freeIpsByBaseCapacity: FREE_IPS_BY_BASE_CAPACITY,
  freeIpsWithoutEvr: FREE_IPS_WITHOUT_ENHANCED_ROUTING,
  minAzWithEvr: MIN_AVAILABILITY_ZONES.enhancedVpcRouting,
  minAzWithoutEvr: MIN_AVAILABILITY_ZONES.standard,
  reservedIpsPerSubnet: SUBNET_RESERVED_IPS,
  // Not an AWS limit: how long this project lets a CREATING/MODIFYING status last before the
  // check fails (terraform-provider-aws#28108, #39249, #31048 report hour-long ones).
  stuckAfterMs: 10 * 60 * 1000,
  portRanges: WORKGROUP_PORT_RANGES,
  defaultPort: DEFAULT_PORT,
  workgroupNamePattern: /^[a-z0-9-]+$/,
  workgroupNameLength: Object.freeze([RESOURCE_NAME.min, RESOURCE_NAME.max] as const),
  logExports: LOG_EXPORTS,
})

/** Returns the defaults with the caller's overrides applied, frozen. */
export function resolveLimits(overrides: Partial<AwsLimits> = {}): AwsLimits {
  return Object.freeze({ ...AWS_LIMITS, ...overrides })
}

/** True when `rpu` is an allowed base capacity (in `region`, when given, for regional values). */
export function isAllowedBaseCapacity(rpu: number, limits: AwsLimits, region?: string): boolean {
  if (!Number.isInteger(rpu)) return false
  const onLadder = limits.baseCapacityLadders.some(
    ([from, to, step]) => rpu >= from && rpu <= to && (rpu - from) % step === 0,
  )
  if (!onLadder) return false
  if (limits.regionalBaseCapacities.includes(rpu) && region !== undefined) {
    return limits.regionalBaseCapacityRegions.includes(region)
  }
  return true
}

/** The allowed base capacities nearest to `rpu` (below and above), for remediation text. */
export function nearestBaseCapacity(rpu: number, limits: AwsLimits): readonly number[] {
  const all: number[] = []
  for (const [from, to, step] of limits.baseCapacityLadders) {
    for (let v = from; v <= to; v += step) all.push(v)
  }
  const below = all.filter((v) => v < rpu).at(-1)
  const above = all.find((v) => v > rpu)
  return [below, above].filter((v): v is number => v !== undefined)
}

/**
 * Free IPs one workgroup needs in each of its subnets. With enhanced VPC routing the need
 * grows with base RPU (a base between two table rows takes the higher row); without it, a
 * flat few addresses.
 */
export function freeIpsNeeded(
  baseCapacity: number,
  enhancedVpcRouting: boolean,
  limits: AwsLimits,
) {
  if (!enhancedVpcRouting) return limits.freeIpsWithoutEvr
  const table = limits.freeIpsByBaseCapacity
  const row = table.find(([rpu]) => baseCapacity <= rpu) ?? table.at(-1)
  return row ? row[1] : limits.freeIpsWithoutEvr
}

/** Availability zones a workgroup's subnets must span. */
export function minAzCount(enhancedVpcRouting: boolean, limits: AwsLimits): number {
  return enhancedVpcRouting ? limits.minAzWithEvr : limits.minAzWithoutEvr
}
