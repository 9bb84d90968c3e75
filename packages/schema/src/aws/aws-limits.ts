/**
 * The AWS limits and allowed values of Redshift Serverless and its network that the CLI's
 * config validation, infra's constructs and the diagnostics check against: one home, with its
 * sources, no aws-cdk-lib (entry `@redshift-playground/schema/aws-limits`). Capacities are
 * in RPU and named as AWS names them (`baseCapacity`, `maxCapacity`).
 *
 * Sources (read 2025-11; FACTS.md of the project collects them):
 * - Capacity: https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-capacity.html
 *   ("the extended maximum base RPU capacity of 1024 is available in the following Regions; in
 *   other Regions the maximum base capacity is 512 RPU"; 512–1024 in steps of 32)
 * - Subnets and free IPs: https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-usage-considerations.html
 * - Workgroup properties: CloudFormation `AWS::RedshiftServerless::Workgroup` reference.
 * - Usage limits: Redshift Serverless API `CreateUsageLimit`.
 * - Reserved subnet addresses: https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html
 *
 * @example
 * import { isAllowedBaseCapacity, freeIpsPerSubnet } from '@redshift-playground/schema/aws-limits'
 * isAllowedBaseCapacity(33) // false
 * isAllowedBaseCapacity(768, 'ap-south-1') // false: above 512 only in five Regions
 * freeIpsPerSubnet(128, true) // 37
 */

/** Where and when the values below were read. */
export const LIMITS_SOURCE = Object.freeze({
  retrieved: '2025-11',
  urls: Object.freeze([
    'https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-capacity.html',
    'https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-usage-considerations.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-redshiftserverless-workgroup.html',
    'https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_CreateUsageLimit.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html',
  ]),
})

/** Base capacity ladders `[from, to, step]` (RPU): 4; 8–512 by 8; 544–1024 by 32. */
export const BASE_CAPACITY_LADDERS: readonly (readonly [number, number, number])[] = Object.freeze([
  Object.freeze([4, 4, 1] as const),
  Object.freeze([8, 512, 8] as const),
  Object.freeze([544, 1024, 32] as const),
])

/** Every allowed base capacity (RPU), ascending. */
export const BASE_CAPACITY_VALUES: readonly number[] = Object.freeze(
  BASE_CAPACITY_LADDERS.flatMap(([from, to, step]) => {
    const out: number[] = []
    for (let v = from; v <= to; v += step) out.push(v)
    return out
  }),
)

/** Base capacities above this (RPU) are offered only in {@link LARGE_BASE_CAPACITY_REGIONS}. */
export const REGIONAL_BASE_CAPACITY_ABOVE = 512

/** The Regions that offer base capacities above 512 RPU (up to 1024). */
export const LARGE_BASE_CAPACITY_REGIONS: readonly string[] = Object.freeze([
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
])

/** The AWS default base capacity (RPU). */
export const DEFAULT_BASE_CAPACITY = 128

/** Maximum capacity ceiling (RPU; FACTS.md marks it unconfirmed) and its step. */
export const MAX_CAPACITY_CEILING = 5632
export const MAX_CAPACITY_STEP = 8

/**
 * Free IP addresses each subnet needs per workgroup with enhanced VPC routing, by base
 * capacity: a base capacity uses the row of the smallest listed RPU at or above it.
 */
export const FREE_IPS_BY_BASE_CAPACITY: readonly (readonly [rpu: number, freeIps: number])[] =
  Object.freeze([
    Object.freeze([8, 9] as const),
    Object.freeze([32, 13] as const),
    Object.freeze([64, 21] as const),
    Object.freeze([128, 37] as const),
    Object.freeze([256, 69] as const),
    Object.freeze([512, 133] as const),
    Object.freeze([1024, 261] as const),
  ])

/** Free IPs per subnet a workgroup needs without enhanced VPC routing. */
export const FREE_IPS_WITHOUT_ENHANCED_ROUTING = 3

/** Availability Zones a workgroup's subnets must span. */
export const MIN_AVAILABILITY_ZONES = Object.freeze({ enhancedVpcRouting: 3, standard: 2 })

/** Subnets and security groups per workgroup. */
export const WORKGROUP_SUBNETS = Object.freeze({ min: 1, max: 32 })
export const WORKGROUP_SECURITY_GROUPS = Object.freeze({ min: 1, max: 32 })

/** Ports a workgroup may listen on (inclusive ranges); 5439 is the default. */
export const WORKGROUP_PORT_RANGES: readonly (readonly [number, number])[] = Object.freeze([
  Object.freeze([5431, 5455] as const),
  Object.freeze([8191, 8215] as const),
])
export const DEFAULT_PORT = 5439

/** Workgroup and namespace names: lower-case letters, digits and hyphens, 3–64 characters. */
export const RESOURCE_NAME = Object.freeze({ pattern: /^[a-z0-9-]{3,64}$/, min: 3, max: 64 })

/** Addresses AWS reserves in every VPC subnet (network, router, DNS, future, broadcast). */
export const SUBNET_RESERVED_IPS = 5

/** Usage limit enumerations of `CreateUsageLimit`. */
export const USAGE_LIMIT_TYPES = Object.freeze(['serverless-compute', 'cross-region-datasharing'])
export const USAGE_LIMIT_PERIODS = Object.freeze(['daily', 'weekly', 'monthly'])
export const USAGE_LIMIT_BREACH_ACTIONS = Object.freeze(['log', 'emit-metric', 'deactivate'])

/** Log exports a namespace can have. */
export const LOG_EXPORTS: readonly string[] = Object.freeze([
  'userlog',
  'useractivitylog',
  'connectionlog',
])

/** Provisioned node types offered for the traditional cluster, with their node-count ranges. */
export const CLUSTER_NODE_TYPES: Readonly<
  Record<string, { readonly min: number; readonly max: number }>
> = Object.freeze({
  'ra3.large': { min: 1, max: 16 },
  'ra3.xlplus': { min: 1, max: 32 },
  'ra3.4xlarge': { min: 2, max: 128 },
  'ra3.16xlarge': { min: 2, max: 128 },
})
export const DEFAULT_CLUSTER_NODE_TYPE = 'ra3.xlplus'

/** NLB target group deregistration delay (seconds) allowed by ELBv2. */
export const DEREGISTRATION_DELAY_SECONDS = Object.freeze({ min: 0, max: 3600 })

/**
 * Whether `rpu` is an allowed base capacity; with a `region`, also whether that Region offers
 * it (above 512 RPU only in {@link LARGE_BASE_CAPACITY_REGIONS}).
 */
export function isAllowedBaseCapacity(rpu: number, region?: string): boolean {
  if (!BASE_CAPACITY_VALUES.includes(rpu)) return false
  return (
    region === undefined ||
    !isRegionalBaseCapacity(rpu) ||
    LARGE_BASE_CAPACITY_REGIONS.includes(region)
  )
}

/** Whether only some Regions offer this base capacity. */
export function isRegionalBaseCapacity(rpu: number): boolean {
  return rpu > REGIONAL_BASE_CAPACITY_ABOVE
}

/** Whether `rpu` is an allowed maximum capacity: 4, or a multiple of 8 up to the ceiling. */
export function isAllowedMaxCapacity(rpu: number): boolean {
  return (
    Number.isInteger(rpu) &&
    rpu >= 4 &&
    rpu <= MAX_CAPACITY_CEILING &&
    (rpu === 4 || rpu % MAX_CAPACITY_STEP === 0)
  )
}

/** The allowed base capacities nearest to `rpu` (below and above), for error messages. */
export function nearestBaseCapacities(rpu: number): readonly number[] {
  const below = BASE_CAPACITY_VALUES.filter((v) => v < rpu).at(-1)
  const above = BASE_CAPACITY_VALUES.find((v) => v > rpu)
  return [below, above].filter((v): v is number => v !== undefined)
}

/** Free IPs each subnet needs for one workgroup of this base capacity. */
export function freeIpsPerSubnet(baseCapacity: number, enhancedVpcRouting: boolean): number {
  if (!enhancedVpcRouting) return FREE_IPS_WITHOUT_ENHANCED_ROUTING
  const row =
    FREE_IPS_BY_BASE_CAPACITY.find(([rpu]) => baseCapacity <= rpu) ??
    FREE_IPS_BY_BASE_CAPACITY[FREE_IPS_BY_BASE_CAPACITY.length - 1]!
  return row[1]
}

/** Availability Zones a workgroup's subnets must span. */
export function minAvailabilityZones(enhancedVpcRouting: boolean): number {
  return enhancedVpcRouting
    ? MIN_AVAILABILITY_ZONES.enhancedVpcRouting
    : MIN_AVAILABILITY_ZONES.standard
}

/** Usable addresses in a subnet of this prefix length. */
export function usableIpsForMask(cidrMask: number): number {
  return 2 ** (32 - cidrMask) - SUBNET_RESERVED_IPS
}

/** Whether `port` is a port a workgroup may use. */
export function isAllowedPort(port: number): boolean {
  return WORKGROUP_PORT_RANGES.some(([lo, hi]) => port >= lo && port <= hi)
}
