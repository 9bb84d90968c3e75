import {
  availabilityZoneIdRegion,
  containsPublicAddress,
  parseAnyCidr,
} from '@redshift-playground/infra/network-rules'
import {
  freeIpsPerSubnet,
  isAllowedBaseCapacity,
  LARGE_BASE_CAPACITY_REGIONS,
  REGIONAL_BASE_CAPACITY_ABOVE,
} from '@redshift-playground/schema/aws-limits'
import * as v from 'valibot'
import { ConfigError, type ConfigIssue } from '../errors/cli-errors.js'
import { configSchema, MESSAGE_SEPARATOR, type RspConfig } from './config-schema.js'

/** Regions offering base capacities above 512 RPU (schema's aws-limits, the one home of AWS facts). */
export const REGIONS_WITH_1024_RPU = LARGE_BASE_CAPACITY_REGIONS

/** Free IPs one workgroup needs in each of its subnets (schema's aws-limits). */
export function ipsPerSubnet(baseCapacity: number, enhancedVpcRouting: boolean): number {
  return freeIpsPerSubnet(baseCapacity, enhancedVpcRouting)
}

import { type PlannedWorkgroup, plannedWorkgroups } from './planned-workgroups.js'
import { renamedKeyIssues } from './renamed-keys.js'
import { bothSharesIssue, datashareIssues } from './validate-datashares.js'

export type { PlannedWorkgroup } from './planned-workgroups.js'
export { plannedWorkgroups } from './planned-workgroups.js'

function pathOf(issue: v.BaseIssue<unknown>): string {
  const parts: string[] = []
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key
    if (typeof key === 'number') parts.push(`[${key}]`)
    else parts.push(parts.length === 0 ? String(key) : `.${String(key)}`)
  }
  return parts.join('') || '(root)'
}

function toIssue(issue: v.BaseIssue<unknown>): ConfigIssue {
  const field = pathOf(issue)
  if (issue.type === 'strict_object' && issue.input === undefined) {
    return {
      field,
      value: undefined,
      message: 'required key is missing',
      fix:
        field === 'project'
          ? 'add "project": a name like "airline"'
          : field === 'load.bucket'
            ? 'add "bucket": the name of an S3 bucket you own (rsp does not create it), or remove "load"'
            : `add ${field}`,
    }
  }
  const [problem, fix] = issue.message.split(MESSAGE_SEPARATOR)
  if (fix !== undefined) return { field, value: issue.input, message: problem ?? '', fix }
  // valibot's own type messages ("Invalid type: Expected number but received "32"").
  if (issue.input === undefined) {
    return {
      field,
      value: undefined,
      message: 'required',
      fix: `add ${field} (${issue.expected ?? 'a value'})`,
    }
  }
  return {
    field,
    value: issue.input,
    message: `expected ${issue.expected ?? 'another value'} but got ${issue.received ?? typeof issue.input}`,
    fix: `use ${describeExpected(issue.expected)}`,
  }
}

function describeExpected(expected: string | null | undefined): string {
  switch (expected) {
    case 'number':
      return 'a number without quotes'
    case 'string':
      return 'a string in double quotes'
    case 'boolean':
      return 'true or false without quotes'
    case 'Object':
      return 'an object { … }'
    case 'Array':
      return 'an array [ … ]'
    default:
      return expected ? `a value of type ${expected}` : 'a valid value'
  }
}

function ipv4Prefix(cidr: string): number {
  return Number(cidr.split('/')[1])
}

type AddIssue = (field: string, value: unknown, message: string, fix: string) => void

/** Rules across fields; each issue names its field, value and fix. */
export function crossCheck(config: RspConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = []
  const add: AddIssue = (field, value, message, fix) => issues.push({ field, value, message, fix })
  checkCapacity(config, add)
  checkConsumers(config, add)
  checkNetwork(config, add)
  checkAccess(config, add)
  for (const issue of datashareIssues(config)) issues.push(issue)
  return issues
}

/** Capacity ranges and the regional 1024 RPU limit. */
function checkCapacity(config: RspConfig, add: AddIssue): void {
  const components: { field: string; baseCapacity: number; maxCapacity: number }[] = [
    { field: 'producer', ...config.producer },
    ...config.consumers.workloads.map((w, i) => ({ field: `consumers.workloads[${i}]`, ...w })),
    { field: 'consumers.pool', ...config.consumers.pool },
  ]
  for (const c of components) {
    if (c.maxCapacity < c.baseCapacity)
      add(
        `${c.field}.maxCapacity`,
        c.maxCapacity,
        `below baseCapacity (${c.baseCapacity} RPUs)`,
        `set maxCapacity to ${c.baseCapacity} or more, or lower baseCapacity`,
      )
    if (config.region && !isAllowedBaseCapacity(c.baseCapacity, config.region))
      add(
        `${c.field}.baseCapacity`,
        c.baseCapacity,
        `base capacities above ${REGIONAL_BASE_CAPACITY_ABOVE} RPUs are not offered in ${config.region}`,
        `use ${REGIONAL_BASE_CAPACITY_ABOVE} or less, or one of ${LARGE_BASE_CAPACITY_REGIONS.join(', ')}`,
      )
  }
}

/** The consumers of the selected mode and their workgroup names. */
function checkConsumers(config: RspConfig, add: AddIssue): void {
  const seen = new Set<string>()
  config.consumers.workloads.forEach((w, i) => {
    if (seen.has(w.name))
      add(
        `consumers.workloads[${i}].name`,
        w.name,
        'duplicate consumer name',
        'give every consumer a different name',
      )
    seen.add(w.name)
  })
  if (config.consumers.mode === 'workload' && config.consumers.workloads.length === 0)
    add(
      'consumers.workloads',
      [],
      'workload mode needs at least one consumer',
      'add a consumer like { "name": "analytics", "baseCapacity": 32, "maxCapacity": 128 }, or use mode "pool"',
    )
  if (config.consumers.workloads.length > 20)
    add(
      'consumers.workloads',
      config.consumers.workloads.length,
      'more than 20 consumers per project is not supported',
      'keep at most 20 consumers',
    )

  const workgroups = plannedWorkgroups(config)
  for (const wg of workgroups) {
    if (wg.name.length > 64)
      add(
        wg.field === 'producer' ? 'project' : `${wg.field}.name`,
        wg.name,
        `the workgroup name is ${wg.name.length} characters, over the limit of 64`,
        'shorten the project or consumer name',
      )
  }
}

/** Network: a new VPC’s arithmetic, or an imported VPC. */
function checkNetwork(config: RspConfig, add: AddIssue): void {
  const { network } = config
  if (network.vpcId !== undefined || network.subnetIds !== undefined)
    checkImportedNetwork(network, add)
  else checkNewNetwork(network, plannedWorkgroups(config), add)
}

/** An imported VPC: its subnets, their AZs, no AZ IDs. */
function checkImportedNetwork(network: RspConfig['network'], add: AddIssue): void {
  if (network.availabilityZoneIds !== undefined)
    add(
      'network.availabilityZoneIds',
      network.availabilityZoneIds,
      'AZ IDs place the subnets of a new VPC; an imported VPC brings its own subnets',
      'remove network.availabilityZoneIds, or remove vpcId and subnetIds to create a new VPC',
    )
  if (network.vpcId === undefined)
    add(
      'network.vpcId',
      undefined,
      'subnetIds are given without the VPC they belong to',
      'add network.vpcId, or remove network.subnetIds to create a new VPC',
    )
  if (network.subnetIds === undefined)
    add(
      'network.subnetIds',
      undefined,
      'an imported VPC needs its subnets',
      'list 3 private subnet ids in different availability zones',
    )
  else {
    const need = network.enhancedVpcRouting ? 3 : 2
    if (network.subnetIds.length < need)
      add(
        'network.subnetIds',
        network.subnetIds,
        `${network.subnetIds.length} subnet(s); Redshift Serverless needs ${need}${network.enhancedVpcRouting ? ' with enhanced VPC routing' : ''}`,
        `list ${need} subnets in different availability zones`,
      )
    const azs = network.subnetAvailabilityZones
    if (azs === undefined || azs.length !== network.subnetIds.length)
      add(
        'network.subnetAvailabilityZones',
        azs,
        `${network.subnetIds.length} subnets need their ${network.subnetIds.length} availability zones`,
        'list the availability zone of each subnet, in the same order, like ["us-east-1a", "us-east-1b", "us-east-1c"]',
      )
    if (new Set(network.subnetIds).size !== network.subnetIds.length)
      add(
        'network.subnetIds',
        network.subnetIds,
        'a subnet is listed twice',
        'list each subnet once',
      )
  }
}

/** A new VPC: AZs, CIDR sizes and the free IPs every workgroup needs in each subnet. */
function checkNewNetwork(
  network: RspConfig['network'],
  workgroups: readonly PlannedWorkgroup[],
  add: AddIssue,
): void {
  const azIds = network.availabilityZoneIds
  const azCount = azIds?.length ?? network.availabilityZones
  if (azIds !== undefined) {
    const need = network.enhancedVpcRouting ? 3 : 2
    if (azIds.length < need)
      add(
        'network.availabilityZoneIds',
        azIds,
        `${azIds.length} AZ ID(s); Redshift Serverless needs subnets in ${need} Availability Zones${network.enhancedVpcRouting ? ' with enhanced VPC routing' : ''}`,
        `list ${need} or more AZ IDs${network.enhancedVpcRouting ? ', or set network.enhancedVpcRouting to false' : ''}`,
      )
    const twice = azIds.find((id, i) => azIds.indexOf(id) !== i)
    if (twice !== undefined)
      add(
        'network.availabilityZoneIds',
        azIds,
        `${twice} is listed twice`,
        'list each AZ ID once (one subnet per Availability Zone)',
      )
    const regions = [...new Set(azIds.map((id) => availabilityZoneIdRegion(id)))]
    if (regions.length > 1)
      add(
        'network.availabilityZoneIds',
        azIds,
        `the AZ IDs belong to different Regions (${regions.join(', ')})`,
        'list AZ IDs of the Region you deploy to only',
      )
  } else if (network.enhancedVpcRouting && network.availabilityZones < 3)
    add(
      'network.availabilityZones',
      network.availabilityZones,
      'enhanced VPC routing needs 3 availability zones',
      'use 3, or set network.enhancedVpcRouting to false',
    )
  const vpcPrefix = ipv4Prefix(network.vpcCidr)
  if (vpcPrefix < 16 || vpcPrefix > 24)
    add(
      'network.vpcCidr',
      network.vpcCidr,
      'a VPC CIDR must be between /16 and /24',
      'use a block like 10.20.0.0/16',
    )
  else {
    const room = 2 ** Math.max(0, network.subnetPrefix - vpcPrefix)
    if (network.subnetPrefix <= vpcPrefix || room < azCount)
      add(
        'network.subnetPrefix',
        network.subnetPrefix,
        `${azCount} subnets of /${network.subnetPrefix} do not fit in ${network.vpcCidr}`,
        `use a prefix of at least /${vpcPrefix + Math.ceil(Math.log2(azCount))}, or a larger VPC`,
      )
    else {
      // AWS reserves 5 addresses in every subnet.
      const free = 2 ** (32 - network.subnetPrefix) - 5
      const needed = workgroups.reduce(
        (sum, w) => sum + ipsPerSubnet(w.baseCapacity, network.enhancedVpcRouting),
        0,
      )
      if (free < needed) {
        let prefix = network.subnetPrefix
        while (prefix > 16 && 2 ** (32 - prefix) - 5 < needed) prefix--
        add(
          'network.subnetPrefix',
          network.subnetPrefix,
          `a /${network.subnetPrefix} subnet has ${free} free IPs but the ${workgroups.length} workgroups need ${needed} in each subnet${network.enhancedVpcRouting ? ' with enhanced VPC routing' : ''}`,
          `use /${prefix} or larger (the seed's lesson: /23)`,
        )
      }
    }
  }
}

/** The NLB over identical consumers, and network access to 5439. */
function checkAccess(config: RspConfig, add: AddIssue): void {
  // The NLB round-robins connections: it needs identical consumers.
  if (config.loadBalancer.enabled && config.consumers.mode !== 'pool')
    add(
      'loadBalancer.enabled',
      true,
      'the load balancer needs identical consumers',
      'set consumers.mode to "pool", or loadBalancer.enabled to false',
    )

  // Network access to 5439.
  config.security.allowedCidrs.forEach((cidr, i) => {
    const parsed = parseAnyCidr(cidr)
    if (parsed === undefined) return
    if (parsed.prefix === 0)
      add(
        `security.allowedCidrs[${i}]`,
        cidr,
        'opens port 5439 to the whole internet',
        'list the CIDRs of your clients or VPN, like 10.0.0.0/8',
      )
    else if (!config.security.allowPublicIngress && containsPublicAddress(parsed))
      add(
        `security.allowedCidrs[${i}]`,
        cidr,
        `includes public IPv${parsed.family} addresses, so port 5439 would be reachable from outside private networks`,
        parsed.family === 4
          ? 'list private networks only (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10), or set security.allowPublicIngress to true to admit public addresses on purpose'
          : 'list unique-local (fc00::/7) or link-local (fe80::/10) networks only, or set security.allowPublicIngress to true to admit public addresses on purpose',
      )
  })
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const item of Object.values(value)) deepFreeze(item)
  }
  return value
}

type Key = string | number

const keysOf = (issue: v.BaseIssue<unknown>): Key[] =>
  (issue.path ?? []).map((item) => (item as { key: unknown }).key as Key)

const fieldOf = (keys: readonly Key[]): string =>
  keys.reduce<string>(
    (out, k) => (typeof k === 'number' ? `${out}[${k}]` : out ? `${out}.${k}` : String(k)),
    '',
  )

function getAt(root: unknown, keys: readonly Key[]): unknown {
  let cur = root
  for (const k of keys) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<Key, unknown>)[k]
  }
  return cur
}

function setAt(root: unknown, keys: readonly Key[], value: unknown): boolean {
  const parent = getAt(root, keys.slice(0, -1))
  if (parent === null || typeof parent !== 'object') return false
  const last = keys.at(-1) as Key
  if (value === undefined && !Array.isArray(parent)) delete (parent as Record<Key, unknown>)[last]
  else (parent as Record<Key, unknown>)[last] = value
  return true
}

// A complete valid config: where a required value had to be removed, its value here (the
// first array element for any index) stands in, so the cross-field rules can still run.
let template: RspConfig | undefined
function templateAt(keys: readonly Key[], n: number): unknown {
  template ??= v.parse(configSchema, { project: 'placeholder' })
  let cur: unknown = template
  for (const k of keys) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = Array.isArray(cur) ? cur[0] : (cur as Record<Key, unknown>)[k]
  }
  if (cur === undefined) return undefined
  const copy = structuredClone(cur)
  // Names stand-ins are unique, so they never make a duplicate of their own.
  if (keys.at(-1) === 'name' && typeof copy === 'string') return `${copy}-x${n}`
  if (copy && typeof copy === 'object' && 'name' in copy)
    (copy as { name: unknown }).name = `${String((copy as { name: unknown }).name)}-x${n}`
  return copy
}

/**
 * The cross-field issues of a config whose per-field validation failed, so that every problem
 * is reported at once (a duplicate consumer name is not hidden behind a bad RPU value). The
 * failing values are removed (defaults then apply) or replaced by stand-ins from a valid
 * config, and the cross-field rules run on the result; an issue that could come from a
 * stand-in (the same field, its parent or children, or a sibling) is left out.
 */
function crossCheckDespite(
  input: unknown,
  failing: readonly v.BaseIssue<unknown>[],
): ConfigIssue[] {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return []
  let repaired: unknown
  try {
    repaired = structuredClone(input)
  } catch {
    return []
  }
  const touched = new Set<string>()
  let issues = failing
  for (let round = 0; round < 6; round++) {
    for (const issue of issues) {
      const keys = keysOf(issue)
      if (keys.length === 0) return []
      const field = fieldOf(keys)
      if (getAt(repaired, keys) !== undefined) {
        setAt(repaired, keys, undefined)
      } else {
        const standIn = touched.has(`${field}#template`) ? undefined : templateAt(keys, round)
        if (standIn !== undefined) {
          setAt(repaired, keys, standIn)
          touched.add(`${field}#template`)
        } else {
          if (keys.length === 1) return []
          setAt(repaired, keys.slice(0, -1), undefined)
          touched.add(fieldOf(keys.slice(0, -1)))
        }
      }
      touched.add(field)
    }
    const again = v.safeParse(configSchema, repaired)
    if (again.success) {
      const fields = [...touched].filter((f) => !f.endsWith('#template'))
      const parent = (f: string) => f.replace(/(\.[^.[\]]+|\[\d+\])$/, '')
      const related = (a: string, b: string) =>
        a === b ||
        a.startsWith(`${b}.`) ||
        a.startsWith(`${b}[`) ||
        b.startsWith(`${a}.`) ||
        b.startsWith(`${a}[`) ||
        (parent(a) !== a && parent(a) === parent(b))
      return crossCheck(again.output).filter((i) => !fields.some((f) => related(i.field, f)))
    }
    issues = again.issues
  }
  return []
}

/**
 * Validates a parsed config object; returns the frozen config with defaults applied, or
 * throws a {@link ConfigError} listing every issue: per-field and cross-field ones together.
 */
export function validateConfigOrFail(raw: unknown, file?: string): RspConfig {
  // The old capacity keys are refused with their rewrite; the rest is validated as rewritten.
  const renamed = renamedKeyIssues(raw)
  const input = renamed.input
  const both = bothSharesIssue(input)
  const first = [...renamed.issues, ...(both ? [both] : [])]
  const result = v.safeParse(configSchema, input)
  if (!result.success)
    throw new ConfigError(
      [...first, ...result.issues.map(toIssue), ...crossCheckDespite(input, result.issues)],
      file,
    )
  const issues = [...first, ...crossCheck(result.output)]
  if (issues.length > 0) throw new ConfigError(issues, file)
  return deepFreeze(result.output)
}
