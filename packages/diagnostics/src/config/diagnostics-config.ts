import { IdentifierError, validateIdentifier } from '@redshift-playground/schema'
import { DiagnosticsError } from '../errors/diagnostics-error.js'

/** One warehouse (namespace + workgroup) as configured. */
export interface WarehouseConfig {
  /** Logical name (e.g. `producer`, `analytics`); used in messages. */
  readonly name: string
  readonly namespace: string
  readonly workgroup: string
  readonly baseCapacity: number
  readonly maxCapacity: number
  readonly publiclyAccessible: boolean
  /** @default 5439 */
  readonly port?: number
}

/** One subnet the workgroups use. */
export interface SubnetConfig {
  /** Prefix length of its CIDR block, e.g. 23 for a /23. */
  readonly prefixLength: number
  readonly availabilityZone?: string
  /** Subnet id or name, for messages. */
  readonly id?: string
}

/** One datashare as configured. */
export interface DatashareConfig {
  readonly name: string
  /** Whether it is publicly accessible (needed by publicly accessible consumers). */
  readonly publicAccessible: boolean
  /**
   * Its consumers, by {@link WarehouseConfig.name}. @default every consumer (the one-share
   * form: one datashare granted to all of them)
   */
  readonly consumers?: readonly string[]
}

/**
 * The subset of the deployment configuration the checks read. Structural on purpose: the CLI
 * maps its own config file onto it, and supplies the cost estimate it computed.
 */
export interface DiagnosticsConfig {
  /** AWS region; some base capacities exist only in some regions. */
  readonly region?: string
  readonly producer: WarehouseConfig
  readonly consumers: readonly WarehouseConfig[]
  /** `workload`: consumers sized per workload; `pool`: identical consumers behind an NLB. */
  readonly consumerMode: 'workload' | 'pool'
  readonly nlb: { readonly enabled: boolean; readonly port?: number }
  readonly network: {
    /** Availability zones the subnets span. */
    readonly azCount: number
    /** The subnets every workgroup is placed in. */
    readonly subnets: readonly SubnetConfig[]
    readonly enhancedVpcRouting: boolean
  }
  /** Every datashare (one per domain with datashares by domain). */
  readonly datashares?: readonly DatashareConfig[]
  /**
   * The one-share form, kept for callers with a single datashare: ignored when
   * {@link datashares} is given. One of the two is required.
   */
  readonly datashare?: DatashareConfig
  /** Log exports each namespace should have. @default all three */
  readonly logExports?: readonly string[]
  /** Monthly budget and the CLI's estimate, in USD. */
  readonly budget?: { readonly monthlyUsd: number; readonly estimatedMonthlyUsd: number }
}

const fail = (field: string, value: unknown, message: string): never => {
  throw new DiagnosticsError('INPUT_INVALID', `${field}: ${message}`, { field, value })
}
const describe = (v: unknown) =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'an array'
      : typeof v === 'string'
        ? JSON.stringify(v)
        : String(v)

function object(v: unknown, field: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    fail(field, v, `expected an object, got ${describe(v)}.`)
  return v as Record<string, unknown>
}
function number(v: unknown, field: string, min = 0): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min)
    fail(field, v, `expected a number ≥ ${min}, got ${describe(v)}.`)
  return v as number
}
function boolean(v: unknown, field: string): boolean {
  if (typeof v !== 'boolean') fail(field, v, `expected true or false, got ${describe(v)}.`)
  return v as boolean
}
function string(v: unknown, field: string): string {
  if (typeof v !== 'string' || v.length === 0)
    fail(field, v, `expected a non-empty string, got ${describe(v)}.`)
  return v as string
}

/** The capacity keys before 0.x's rename to AWS's names (CreateWorkgroup's `baseCapacity`). */
const RENAMED_KEYS = [
  ['baseRpu', 'baseCapacity'],
  ['maxRpu', 'maxCapacity'],
] as const

function warehouse(v: unknown, field: string): void {
  const w = object(v, field)
  string(w.name, `${field}.name`)
  string(w.namespace, `${field}.namespace`)
  string(w.workgroup, `${field}.workgroup`)
  for (const [old, now] of RENAMED_KEYS)
    if (w[old] !== undefined && w[now] === undefined)
      fail(
        `${field}.${old}`,
        w[old],
        `renamed to ${now}, the name of CreateWorkgroup and CloudFormation; write ${now}: ${describe(w[old])}.`,
      )
  number(w.baseCapacity, `${field}.baseCapacity`)
  number(w.maxCapacity, `${field}.maxCapacity`)
  boolean(w.publiclyAccessible, `${field}.publiclyAccessible`)
  if (w.port !== undefined) number(w.port, `${field}.port`)
}

/**
 * Checks the *shape* of a config (types and required fields) and throws a
 * {@link DiagnosticsError} naming the field, the value and the fix. Values that are the wrong
 * size (RPU 33, a /28 subnet) are not errors: the `config` checks report them as findings.
 *
 * @example
 * validateDiagnosticsConfig(JSON.parse(text)) // throws INPUT_INVALID with field 'config.producer.baseCapacity'
 */
export function validateDiagnosticsConfig(
  value: unknown,
  field = 'config',
): asserts value is DiagnosticsConfig {
  const c = object(value, field)
  warehouse(c.producer, `${field}.producer`)
  if (!Array.isArray(c.consumers))
    fail(
      `${field}.consumers`,
      c.consumers,
      `expected an array of warehouses, got ${describe(c.consumers)}.`,
    )
  for (const [i, w] of (c.consumers as unknown[]).entries())
    warehouse(w, `${field}.consumers[${i}]`)
  if (c.consumerMode !== 'workload' && c.consumerMode !== 'pool')
    fail(
      `${field}.consumerMode`,
      c.consumerMode,
      `expected "workload" or "pool", got ${describe(c.consumerMode)}.`,
    )
  const nlb = object(c.nlb, `${field}.nlb`)
  boolean(nlb.enabled, `${field}.nlb.enabled`)
  if (nlb.port !== undefined) number(nlb.port, `${field}.nlb.port`)
  const net = object(c.network, `${field}.network`)
  number(net.azCount, `${field}.network.azCount`)
  boolean(net.enhancedVpcRouting, `${field}.network.enhancedVpcRouting`)
  if (!Array.isArray(net.subnets))
    fail(
      `${field}.network.subnets`,
      net.subnets,
      `expected an array of { prefixLength }, got ${describe(net.subnets)}.`,
    )
  ;(net.subnets as unknown[]).forEach((s, i) => {
    const subnet = object(s, `${field}.network.subnets[${i}]`)
    const p = number(subnet.prefixLength, `${field}.network.subnets[${i}].prefixLength`)
    if (!Number.isInteger(p) || p > 32)
      fail(
        `${field}.network.subnets[${i}].prefixLength`,
        p,
        `expected an integer 0–32 (e.g. 23 for a /23), got ${p}.`,
      )
  })
  datashareShapes(c, field)
  if (c.logExports !== undefined && !Array.isArray(c.logExports))
    fail(
      `${field}.logExports`,
      c.logExports,
      `expected an array such as ["userlog", "connectionlog"], got ${describe(c.logExports)}.`,
    )
  if (c.budget !== undefined) {
    const b = object(c.budget, `${field}.budget`)
    number(b.monthlyUsd, `${field}.budget.monthlyUsd`)
    number(b.estimatedMonthlyUsd, `${field}.budget.estimatedMonthlyUsd`)
  }
}

/** `datashares` (or the one-share `datashare`): each a named share of known consumers. */
function datashareShapes(c: Record<string, unknown>, field: string): void {
  const entries: [unknown, string][] =
    c.datashares !== undefined
      ? Array.isArray(c.datashares) && c.datashares.length > 0
        ? c.datashares.map((s, i): [unknown, string] => [s, `${field}.datashares[${i}]`])
        : fail(
            `${field}.datashares`,
            c.datashares,
            `expected a non-empty array of { name, publicAccessible }, got ${describe(c.datashares)}.`,
          )
      : [[c.datashare, `${field}.datashare`]]
  const consumers = new Set((c.consumers as { name: string }[]).map((w) => w.name))
  const names = new Set<string>()
  for (const [v, at] of entries) {
    if (v === undefined)
      fail(
        `${field}.datashares`,
        v,
        'give the datashares ([{ name, publicAccessible, consumers }]), or the one-share datashare ({ name, publicAccessible }).',
      )
    const share = object(v, at)
    try {
      validateIdentifier(share.name, `${at}.name`)
    } catch (e) {
      if (e instanceof IdentifierError)
        throw new DiagnosticsError('INPUT_INVALID', e.message, {
          field: e.field,
          value: e.value,
          cause: e,
        })
      throw e
    }
    if (names.has(share.name as string))
      fail(
        `${at}.name`,
        share.name,
        `datashare ${share.name} is listed twice; give each share once.`,
      )
    names.add(share.name as string)
    boolean(share.publicAccessible, `${at}.publicAccessible`)
    if (share.consumers === undefined) continue
    if (!Array.isArray(share.consumers))
      fail(
        `${at}.consumers`,
        share.consumers,
        `expected an array of consumer names, got ${describe(share.consumers)}.`,
      )
    for (const [i, name] of (share.consumers as unknown[]).entries())
      if (typeof name !== 'string' || !consumers.has(name))
        fail(
          `${at}.consumers[${i}]`,
          name,
          `expected the name of one of the consumers (${[...consumers].join(', ') || 'none'}), got ${describe(name)}.`,
        )
  }
}

/** A datashare with its consumers' warehouses. */
export interface ResolvedDatashare {
  readonly name: string
  readonly publicAccessible: boolean
  readonly consumers: readonly WarehouseConfig[]
}

/**
 * The datashares of a config: `datashares`, else the one-share `datashare`; each with its
 * consumers resolved (every consumer when it names none).
 */
export function datasharesOf(config: DiagnosticsConfig): readonly ResolvedDatashare[] {
  const list = config.datashares ?? (config.datashare ? [config.datashare] : [])
  return list.map((s) => ({
    ...s,
    consumers: s.consumers
      ? config.consumers.filter((w) => s.consumers?.includes(w.name))
      : config.consumers,
  }))
}

/** Producer first, then consumers, each with its role. */
export function warehousesOf(
  config: DiagnosticsConfig,
): readonly { readonly role: 'producer' | 'consumer'; readonly warehouse: WarehouseConfig }[] {
  return [
    { role: 'producer' as const, warehouse: config.producer },
    ...config.consumers.map((warehouse) => ({ role: 'consumer' as const, warehouse })),
  ]
}
