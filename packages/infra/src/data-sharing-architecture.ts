import type { ClientAccessProps } from './client-access.js'
import { invalidProp } from './errors.js'
import { RESOURCE_NAME } from './limits.js'
import { CfnOutput, Construct, kms, type RemovalPolicy } from './private/cdk.js'
import {
  renderSharingScripts,
  type SharingOptions,
  type SharingScript,
} from './private/sharing-script.js'
import { validateResourceName, who } from './private/validate.js'
import {
  type CopySource,
  ServerlessWarehouse,
  type UsageLimitOptions,
} from './serverless-warehouse.js'
import type { IWarehouseNetwork } from './warehouse-network.js'

/** Capacity and options of one warehouse. */
export interface WarehouseSizing {
  /** @default 128 for the producer, 32 for consumers */
  readonly baseCapacity?: number
  /** @default - no maximum */
  readonly maxCapacity?: number
  /** @default false */
  readonly publiclyAccessible?: boolean
  /** @default - none */
  readonly usageLimit?: UsageLimitOptions
}

/** A named, workload-specific consumer (e.g. `analytics`, `reporting`). */
export interface WorkloadConsumer extends WarehouseSizing {
  /** Lower-case letters, digits and hyphens; becomes `<namePrefix>-<name>`. */
  readonly name: string
}

/** Named consumers, each sized for its workload. */
export interface WorkloadConsumers {
  readonly mode: 'workload'
  readonly workloads: readonly WorkloadConsumer[]
}

/** An identical pool of N consumers (for the NLB). */
export interface PoolConsumers extends WarehouseSizing {
  readonly mode: 'pool'
  readonly count: number
}

export type ConsumersSpec = WorkloadConsumers | PoolConsumers

/** The workload consumers the seed suggested: analytics 32–128 RPU, reporting 32–64 RPU. */
export const DEFAULT_WORKLOADS: readonly WorkloadConsumer[] = Object.freeze([
  Object.freeze({ name: 'analytics', baseCapacity: 32, maxCapacity: 128 }),
  Object.freeze({ name: 'reporting', baseCapacity: 32, maxCapacity: 64 }),
])

/** Pool size ceiling: each consumer is a workgroup with its own ENIs and bill. */
export const MAX_POOL_CONSUMERS = 20

/** The architecture's props; its client access applies to every warehouse's port. */
export interface DataSharingArchitectureProps extends ClientAccessProps {
  readonly network: IWarehouseNetwork
  /**
   * Prefix of every namespace and workgroup name (`<prefix>-producer`, `<prefix>-analytics`).
   * @default 'rsp'
   */
  readonly namePrefix?: string
  /** @default baseCapacity 128, no maximum */
  readonly producer?: WarehouseSizing
  readonly consumers: ConsumersSpec
  /**
   * The producer's COPY source (its default IAM role reads it).
   * @default - no COPY role
   */
  readonly copySource?: CopySource
  /** @default true */
  readonly enhancedVpcRouting?: boolean
  /** @default - none */
  readonly tags?: Readonly<Record<string, string>>
  /** @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy
  /**
   * The datashare whose SQL is rendered into the outputs, or false for none.
   * @default share `airline_share` of schema `airline_dw` (all tables, new ones included)
   */
  readonly sharing?: SharingOptions | false
}

function pascal(name: string): string {
  return name
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('')
}

/**
 * One producer and its consumers — named workload consumers or an identical pool — created
 * strictly one after another (producer, then each consumer: namespaces and workgroups cannot
 * take concurrent changes), sharing one rotating KMS key. Outputs every namespace id and
 * endpoint, and the datashare SQL per side rendered by `@redshift-playground/sharing` (namespace
 * ids are tokens at synth time: rendered as placeholders and filled in with `Fn::Sub`).
 *
 * @example
 * const arch = new DataSharingArchitecture(stack, 'Warehouses', {
 *   network,
 *   producer: { baseCapacity: 32, maxCapacity: 256 },
 *   consumers: { mode: 'workload', workloads: DEFAULT_WORKLOADS },
 *   allowedCidrs: ['10.0.0.0/8'],
 * })
 */
export class DataSharingArchitecture extends Construct {
  readonly producer: ServerlessWarehouse
  readonly consumers: readonly ServerlessWarehouse[]
  readonly encryptionKey: kms.Key
  /** Datashare SQL per side (`Fn::Sub` tokens until deployed). */
  readonly sharingScripts: readonly SharingScript[]

  constructor(scope: Construct, id: string, props: DataSharingArchitectureProps) {
    super(scope, id)
    const owner = who('DataSharingArchitecture', id)
    const prefix = props.namePrefix ?? 'rsp'
    if (!/^[a-z0-9][a-z0-9-]*$/.test(prefix) || `${prefix}-producer`.length > RESOURCE_NAME.max) {
      invalidProp(
        'namePrefix',
        prefix,
        `${owner}: namePrefix '${prefix}' is invalid; use lower-case letters, digits and hyphens, short enough that '${prefix}-producer' has at most ${RESOURCE_NAME.max} characters.`,
      )
    }
    const consumerSpecs = resolveConsumers(owner, props.consumers)
    for (const c of consumerSpecs) {
      // Checked here, with the config's field name, before any resource exists.
      validateResourceName(owner, c.field, c.name)
      validateResourceName(owner, `${c.field} (with namePrefix)`, `${prefix}-${c.name}`)
    }

    this.encryptionKey = new kms.Key(this, 'Key', {
      description: `Redshift Serverless namespaces ${prefix}-*: data and admin secrets`,
      enableKeyRotation: true,
      ...(props.removalPolicy ? { removalPolicy: props.removalPolicy } : {}),
    })
    const common = {
      network: props.network,
      encryptionKey: this.encryptionKey,
      ...(props.allowedCidrs ? { allowedCidrs: props.allowedCidrs } : {}),
      ...(props.allowPublicIngress !== undefined
        ? { allowPublicIngress: props.allowPublicIngress }
        : {}),
      ...(props.allowedSecurityGroups
        ? { allowedSecurityGroups: props.allowedSecurityGroups }
        : {}),
      ...(props.enhancedVpcRouting !== undefined
        ? { enhancedVpcRouting: props.enhancedVpcRouting }
        : {}),
      ...(props.tags ? { tags: props.tags } : {}),
      ...(props.removalPolicy ? { removalPolicy: props.removalPolicy } : {}),
    }
    const sized = (s: WarehouseSizing, defaultBase: number) => ({
      baseCapacity: s.baseCapacity ?? defaultBase,
      ...(s.maxCapacity !== undefined ? { maxCapacity: s.maxCapacity } : {}),
      ...(s.publiclyAccessible !== undefined ? { publiclyAccessible: s.publiclyAccessible } : {}),
      ...(s.usageLimit ? { usageLimit: s.usageLimit } : {}),
    })

    this.producer = new ServerlessWarehouse(this, 'Producer', {
      ...common,
      ...sized(props.producer ?? {}, 128),
      namespaceName: `${prefix}-producer`,
      workgroupName: `${prefix}-producer`,
      ...(props.copySource ? { copySource: props.copySource } : {}),
      tags: { ...props.tags, 'rsp:role': 'producer' },
    })
    const consumers: ServerlessWarehouse[] = []
    let previous: Construct = this.producer
    for (const spec of consumerSpecs) {
      const consumer = new ServerlessWarehouse(this, pascal(spec.name), {
        ...common,
        ...sized(spec.sizing, 32),
        namespaceName: `${prefix}-${spec.name}`,
        workgroupName: `${prefix}-${spec.name}`,
        tags: { ...props.tags, 'rsp:role': 'consumer' },
      })
      // Strictly sequential: every resource of this consumer waits for all of the previous one.
      consumer.node.addDependency(previous)
      previous = consumer
      consumers.push(consumer)
    }
    this.consumers = consumers

    for (const w of [this.producer, ...consumers]) {
      const key = pascal(w.workgroupName.slice(prefix.length + 1))
      new CfnOutput(this, `${key}NamespaceId`, {
        value: w.namespaceId,
        description: `Namespace id of ${w.namespaceName}`,
      })
      new CfnOutput(this, `${key}Endpoint`, {
        value: w.endpointAddress,
        description: `Endpoint of workgroup ${w.workgroupName}`,
      })
      new CfnOutput(this, `${key}WorkgroupName`, { value: w.workgroupName })
    }

    this.sharingScripts =
      props.sharing === false || consumers.length === 0
        ? []
        : renderSharingScripts(
            owner,
            this.producer,
            consumerSpecs.map((spec, i) => ({
              name: spec.name,
              warehouse: consumers[i]!,
              publiclyAccessible: spec.sizing.publiclyAccessible ?? false,
            })),
            props.sharing ?? {},
          )
    for (const script of this.sharingScripts) {
      new CfnOutput(this, `SharingSql${pascal(script.side)}`, {
        value: script.sql,
        description: `Datashare ${script.share}: SQL for the ${script.side} side`,
      })
    }
  }
}

interface ResolvedConsumer {
  readonly name: string
  readonly field: string
  readonly sizing: WarehouseSizing
}

function resolveConsumers(owner: string, spec: ConsumersSpec): ResolvedConsumer[] {
  if (spec.mode === 'pool') {
    if (!Number.isInteger(spec.count) || spec.count < 0 || spec.count > MAX_POOL_CONSUMERS) {
      invalidProp(
        'consumers.count',
        spec.count,
        `${owner}: consumers.count ${spec.count} is out of range; use a whole number from 0 to ${MAX_POOL_CONSUMERS}.`,
      )
    }
    const { mode: _mode, count: _count, ...sizing } = spec
    return Array.from({ length: spec.count }, (_, i) => ({
      name: `consumer-${i + 1}`,
      field: 'consumers.count',
      sizing,
    }))
  }
  if (spec.mode !== 'workload') {
    invalidProp(
      'consumers.mode',
      (spec as { mode: unknown }).mode,
      `${owner}: consumers.mode must be 'workload' or 'pool'.`,
    )
  }
  const seen = new Set<string>()
  return spec.workloads.map((w, i) => {
    const field = `consumers.workloads[${i}].name`
    if (w.name === 'producer' || seen.has(w.name)) {
      invalidProp(
        field,
        w.name,
        `${owner}: ${field} '${w.name}' is used twice (or is 'producer'); give each consumer its own name.`,
      )
    }
    seen.add(w.name)
    const { name, ...sizing } = w
    return { name, field, sizing }
  })
}
