/**
 * Every AWS limit and allowed value this package validates against, in one place, with its
 * source and the date it was read. Constructs import from here; nothing else hard-codes a limit.
 *
 * Sources (read 2025-11, as collected in the project's FACTS.md):
 * - Serverless capacity: https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-capacity.html
 * - Subnets and free IPs: https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-usage-considerations.html
 * - Workgroup properties: CloudFormation `AWS::RedshiftServerless::Workgroup` reference.
 * - Usage limits: Redshift Serverless API `CreateUsageLimit`.
 * - Subnet reserved addresses: https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html
 *
 * @example
 * import { limits } from '@redshift-playground/infra'
 * limits.isAllowedBaseCapacity(33) // false
 * limits.freeIpsPerSubnet(128, true) // 37
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

function range(from: number, to: number, step: number): number[] {
  const out: number[] = []
  for (let v = from; v <= to; v += step) out.push(v)
  return out
}

/** Allowed base capacities (RPU): 4, then 8–512 in steps of 8, then 512–1024 in steps of 32. */
export const BASE_CAPACITY_VALUES: readonly number[] = Object.freeze([
  4,
  ...range(8, 512, 8),
  ...range(544, 1024, 32),
])

/** Base capacities above 512 RPU are only offered in these regions (1024 RPU ones). */
export const LARGE_BASE_CAPACITY_REGIONS: readonly string[] = Object.freeze([
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
])

/** The AWS default base capacity (RPU). */
export const DEFAULT_BASE_CAPACITY = 128

/** Maximum capacity ceiling (RPU). Unconfirmed in FACTS.md; max must also be a multiple of 8. */
export const MAX_CAPACITY_CEILING = 5632
/** Maximum capacity must be a multiple of this (RPU). */
export const MAX_CAPACITY_STEP = 8

/**
 * Free IP addresses each subnet needs per workgroup with enhanced VPC routing, by base RPU:
 * a base capacity uses the row of the smallest listed RPU at or above it.
 */
export const FREE_IPS_BY_BASE_CAPACITY: ReadonlyArray<readonly [rpu: number, freeIps: number]> =
  Object.freeze([
    [8, 9],
    [32, 13],
    [64, 21],
    [128, 37],
    [256, 69],
    [512, 133],
    [1024, 261],
  ] as const)

/** Free IPs per subnet a workgroup needs without enhanced VPC routing. */
export const FREE_IPS_WITHOUT_ENHANCED_ROUTING = 3

/** Availability Zones a workgroup's subnets must span. */
export const MIN_AVAILABILITY_ZONES = Object.freeze({ enhancedVpcRouting: 3, standard: 2 })

/** Subnets and security groups per workgroup. */
export const WORKGROUP_SUBNETS = Object.freeze({ min: 1, max: 32 })
export const WORKGROUP_SECURITY_GROUPS = Object.freeze({ min: 1, max: 32 })

/** Ports a workgroup may listen on (inclusive ranges); 5439 is the default. */
export const WORKGROUP_PORT_RANGES: ReadonlyArray<readonly [number, number]> = Object.freeze([
  [5431, 5455],
  [8191, 8215],
] as const)
export const DEFAULT_PORT = 5439

/** Workgroup and namespace names: lower-case letters, digits and hyphens, 3–64 characters. */
export const RESOURCE_NAME = Object.freeze({ pattern: /^[a-z0-9-]{3,64}$/, min: 3, max: 64 })

/** Addresses AWS reserves in every VPC subnet (network, router, DNS, future, broadcast). */
export const SUBNET_RESERVED_IPS = 5

/** Usage limit enumerations of `CreateUsageLimit`. */
export const USAGE_LIMIT_TYPES = Object.freeze(['serverless-compute', 'cross-region-datasharing'])
export const USAGE_LIMIT_PERIODS = Object.freeze(['daily', 'weekly', 'monthly'])
export const USAGE_LIMIT_BREACH_ACTIONS = Object.freeze(['log', 'emit-metric', 'deactivate'])

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

/** Whether `rpu` is an allowed base capacity (region-specific 1024 tiers checked separately). */
export function isAllowedBaseCapacity(rpu: number): boolean {
  return BASE_CAPACITY_VALUES.includes(rpu)
}

/** Free IPs each subnet needs for one workgroup of this base capacity. */
export function freeIpsPerSubnet(baseCapacity: number, enhancedVpcRouting: boolean): number {
  if (!enhancedVpcRouting) return FREE_IPS_WITHOUT_ENHANCED_ROUTING
  for (const [rpu, ips] of FREE_IPS_BY_BASE_CAPACITY) if (baseCapacity <= rpu) return ips
  return FREE_IPS_BY_BASE_CAPACITY[FREE_IPS_BY_BASE_CAPACITY.length - 1]![1]
}

/** Usable addresses in a subnet of this prefix length. */
export function usableIpsForMask(cidrMask: number): number {
  return 2 ** (32 - cidrMask) - SUBNET_RESERVED_IPS
}

/** The two allowed base capacities nearest to `rpu` (for error messages). */
export function nearestBaseCapacities(rpu: number): readonly number[] {
  const below = [...BASE_CAPACITY_VALUES].reverse().find((v) => v < rpu)
  const above = BASE_CAPACITY_VALUES.find((v) => v > rpu)
  return [below, above].filter((v): v is number => v !== undefined)
}

/** Whether `port` is a port a workgroup may use. */
export function isAllowedPort(port: number): boolean {
  return WORKGROUP_PORT_RANGES.some(([lo, hi]) => port >= lo && port <= hi)
}
