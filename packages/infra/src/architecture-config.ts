import type { ConsumersSpec, WarehouseSizing } from './data-sharing-architecture.js'
import type { SharingOptions } from './private/sharing-script.js'
import type { CopySource, UsageLimitOptions } from './serverless-warehouse.js'
import type {
  WarehouseInterfaceEndpoints,
  WarehouseNetworkAttributes,
} from './warehouse-network.js'

/**
 * The whole architecture as plain data: what `buildApp` turns into stacks. Region- and
 * account-agnostic (the CLI deploys it where its credentials point). The CLI maps its
 * validated config file onto this shape; every field is optional except `consumers`.
 *
 * @example
 * const config: ArchitectureConfig = {
 *   name: 'rsp',
 *   producer: { baseCapacity: 32, maxCapacity: 256 },
 *   consumers: { mode: 'pool', count: 3, baseCapacity: 32, maxCapacity: 64 },
 *   nlb: { enabled: true, stickiness: true, syncMinutes: 5 },
 *   access: { allowedCidrs: ['10.0.0.0/8'] },
 * }
 */
export interface ArchitectureConfig {
  /**
   * Prefix of stack, namespace and workgroup names.
   * @default 'rsp'
   */
  readonly name?: string
  /** A new VPC (default), or `existing` subnets. */
  readonly network?: {
    /** @default '10.20.0.0/16' */
    readonly cidr?: string
    /** @default 3 (or the number of `availabilityZoneIds`) */
    readonly availabilityZones?: number
    /**
     * Place one subnet in each of these Availability Zone IDs (e.g. `use1-az1`), instead of
     * the region's first `availabilityZones` AZ names. Use AZ IDs Redshift Serverless supports
     * in the target region: at least 3 with enhanced VPC routing, 2 without.
     * @default - the first `availabilityZones` AZs of the region (`Fn::GetAZs`)
     */
    readonly availabilityZoneIds?: readonly string[]
    /** @default 23 */
    readonly subnetCidrMask?: number
    /** @default - none */
    readonly interfaceEndpoints?: WarehouseInterfaceEndpoints
    /** Use an existing VPC and subnets instead of creating one. */
    readonly existing?: WarehouseNetworkAttributes
  }
  /** @default true */
  readonly enhancedVpcRouting?: boolean
  /** @default base 128 RPU, no maximum */
  readonly producer?: WarehouseSizing
  readonly consumers: ConsumersSpec
  /** The consumer NLB (pool mode only). @default disabled */
  readonly nlb?: {
    readonly enabled: boolean
    /** @default false */
    readonly stickiness?: boolean
    /** @default 5 */
    readonly syncMinutes?: number
    /** @default 60 */
    readonly deregistrationDelaySeconds?: number
  }
  /** A provisioned cluster for the first load. @default disabled */
  readonly traditionalCluster?: {
    readonly enabled: boolean
    /** @default 'ra3.xlplus' */
    readonly nodeType?: string
    /** @default 2 */
    readonly nodes?: number
    /** @default 7 */
    readonly snapshotRetentionDays?: number
  }
  /** Usage limits applied to warehouses that do not set their own. @default none */
  readonly usageLimits?: {
    readonly producer?: UsageLimitOptions
    readonly consumers?: UsageLimitOptions
  }
  /** @default enabled, no email */
  readonly monitoring?: {
    /** @default true */
    readonly enabled?: boolean
    readonly email?: string
    /** @default 0.9 */
    readonly rpuAlarmFraction?: number
  }
  /** @default disabled */
  readonly loadTestHost?: {
    readonly enabled: boolean
    /** e.g. 't3.small' @default 't3.small' */
    readonly instanceType?: string
  }
  /** Tags on every resource. @default none */
  readonly tags?: Readonly<Record<string, string>>
  /** Who may connect on the warehouse port (never 0.0.0.0/0). @default nobody */
  readonly access?: {
    /** IPv4 or IPv6 CIDRs; private ones only unless `allowPublicIngress`. */
    readonly allowedCidrs?: readonly string[]
    readonly allowedSecurityGroupIds?: readonly string[]
    /**
     * Admit CIDRs that contain public addresses (warehouses, NLB and cluster).
     * @default false
     */
    readonly allowPublicIngress?: boolean
  }
  /** Bucket/prefix the producer's COPY role may read. @default none */
  readonly copySource?: CopySource
  /** The datashare rendered into the outputs, or false. @default airline_share of airline_dw */
  readonly sharing?: SharingOptions | false
  /**
   * What deleting a stack does to warehouses, keys and logs.
   * @default 'destroy'
   */
  readonly removalPolicy?: 'destroy' | 'retain' | 'snapshot'
}
