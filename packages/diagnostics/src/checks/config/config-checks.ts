import type { Check, CheckContext, Finding } from '../../check/check.js'
import { findings } from '../../check/finding.js'
import { warehousesOf } from '../../config/diagnostics-config.js'
import {
  freeIpsNeeded,
  isAllowedBaseRpu,
  minAzCount,
  nearestBaseRpu,
} from '../../facts/aws-limits.js'
import { remediations } from '../../facts/remediations.js'
import { usableAddresses } from '../../net/ipv4.js'

const noConfig = () => [
  findings.skip('no config given', 'Pass `config` to run the offline checks.'),
]

/** Base and max RPU are values AWS accepts. */
export const rpuValuesCheck: Check = Object.freeze({
  id: 'config/rpu-values',
  title: 'RPU capacities are allowed values',
  group: 'config' as const,
  async run(ctx: CheckContext): Promise<readonly Finding[]> {
    const config = ctx.config
    if (!config) return noConfig()
    const { limits } = ctx
    const out: Finding[] = []
    for (const { role, warehouse: w } of warehousesOf(config)) {
      const ev = { role, baseRpu: w.baseRpu, maxRpu: w.maxRpu, region: config.region ?? null }
      const field = role === 'producer' ? 'producer' : `consumer ${JSON.stringify(w.name)}`
      if (!isAllowedBaseRpu(w.baseRpu, limits, undefined)) {
        const near = nearestBaseRpu(w.baseRpu, limits)
        out.push(
          findings.fail(
            `${field}: base capacity ${w.baseRpu} RPU is not an allowed value`,
            { ...ev, nearestAllowed: near },
            `Use ${limits.minBaseRpu}, a multiple of 8 from 8 to 512, or a multiple of 32 from 512 to 1024 (nearest: ${near.join(' or ')}).`,
            w.workgroup,
          ),
        )
      } else if (
        limits.regionalBaseRpu.includes(w.baseRpu) &&
        !isAllowedBaseRpu(w.baseRpu, limits, config.region)
      ) {
        out.push(
          findings.fail(
            `${field}: base capacity ${w.baseRpu} RPU is not offered in ${config.region}`,
            { ...ev, regions: limits.regionalBaseRpuRegions },
            `Use ${w.baseRpu - 32} RPU or deploy in one of ${limits.regionalBaseRpuRegions.join(', ')}.`,
            w.workgroup,
          ),
        )
      } else if (limits.regionalBaseRpu.includes(w.baseRpu) && config.region === undefined) {
        out.push(
          findings.warn(
            `${field}: base capacity ${w.baseRpu} RPU exists only in some regions and no region is configured`,
            { ...ev, regions: limits.regionalBaseRpuRegions },
            `Set the region; ${w.baseRpu} RPU is offered only in ${limits.regionalBaseRpuRegions.join(', ')}.`,
            w.workgroup,
          ),
        )
      } else if (w.maxRpu < w.baseRpu) {
        out.push(
          findings.fail(
            `${field}: max capacity ${w.maxRpu} RPU is below base capacity ${w.baseRpu} RPU`,
            ev,
            `Set maxRpu to at least ${w.baseRpu}.`,
            w.workgroup,
          ),
        )
      } else if (w.maxRpu > limits.maxRpuCeiling) {
        out.push(
          findings.fail(
            `${field}: max capacity ${w.maxRpu} RPU is above the ceiling of ${limits.maxRpuCeiling} RPU`,
            { ...ev, ceiling: limits.maxRpuCeiling },
            `Set maxRpu to ${limits.maxRpuCeiling} or less.`,
            w.workgroup,
          ),
        )
      } else {
        out.push(findings.ok(`${field}: ${w.baseRpu}–${w.maxRpu} RPU`, ev, w.workgroup))
      }
    }
    return out
  },
})

/** Workgroup names and ports follow AWS's rules; names are unique. */
export const workgroupSettingsCheck: Check = Object.freeze({
  id: 'config/workgroup-settings',
  title: 'Workgroup names and ports are valid and unique',
  group: 'config' as const,
  async run(ctx: CheckContext): Promise<readonly Finding[]> {
    const config = ctx.config
    if (!config) return noConfig()
    const { limits } = ctx
    const [minLen, maxLen] = limits.workgroupNameLength
    const out: Finding[] = []
    const seenWorkgroups = new Map<string, string>()
    const seenNamespaces = new Map<string, string>()
    for (const { warehouse: w } of warehousesOf(config)) {
      const port = w.port ?? limits.defaultPort
      const problems: string[] = []
      if (
        !limits.workgroupNamePattern.test(w.workgroup) ||
        w.workgroup.length < minLen ||
        w.workgroup.length > maxLen
      )
        problems.push(
          `workgroup name ${JSON.stringify(w.workgroup)} must be ${minLen}–${maxLen} characters of a-z, 0-9 and "-"`,
        )
      if (!limits.portRanges.some(([lo, hi]) => port >= lo && port <= hi))
        problems.push(
          `port ${port} is outside ${limits.portRanges.map(([lo, hi]) => `${lo}–${hi}`).join(' and ')}`,
        )
      const dupWg = seenWorkgroups.get(w.workgroup)
      if (dupWg)
        problems.push(
          `workgroup ${JSON.stringify(w.workgroup)} is also used by ${JSON.stringify(dupWg)}`,
        )
      const dupNs = seenNamespaces.get(w.namespace)
      if (dupNs)
        problems.push(
          `namespace ${JSON.stringify(w.namespace)} is also used by ${JSON.stringify(dupNs)}`,
        )
      seenWorkgroups.set(w.workgroup, w.name)
      seenNamespaces.set(w.namespace, w.name)
      const ev = { workgroup: w.workgroup, namespace: w.namespace, port }
      out.push(
        problems.length > 0
          ? findings.fail(
              `${w.name}: ${problems.join('; ')}`,
              ev,
              'Rename the workgroup (lower-case letters, digits, hyphens; 3–64 characters), give every warehouse its own workgroup and namespace, and use a port in 5431–5455 or 8191–8215 (default 5439).',
              w.workgroup,
            )
          : findings.ok(`${w.name}: workgroup ${w.workgroup}, port ${port}`, ev, w.workgroup),
      )
    }
    return out
  },
})

/** Enough availability zones, and enough free IPs in every subnet, for every workgroup. */
export const networkCapacityCheck: Check = Object.freeze({
  id: 'config/network-capacity',
  title: 'Subnets span enough AZs and have enough free IPs',
  group: 'config' as const,
  async run(ctx: CheckContext): Promise<readonly Finding[]> {
    const config = ctx.config
    if (!config) return noConfig()
    const { limits } = ctx
    const { network } = config
    const evr = network.enhancedVpcRouting
    const out: Finding[] = []
    const minAz = minAzCount(evr, limits)
    const zones = new Set(network.subnets.map((s) => s.availabilityZone).filter(Boolean))
    const azs = zones.size > 0 ? Math.min(zones.size, network.azCount) : network.azCount
    const azEv = {
      azCount: network.azCount,
      subnetZones: [...zones] as string[],
      enhancedVpcRouting: evr,
      required: minAz,
    }
    if (azs < minAz || network.subnets.length < minAz) {
      out.push(
        findings.fail(
          `workgroups span ${Math.min(azs, network.subnets.length)} availability zone(s); ${minAz} required${evr ? ' with enhanced VPC routing' : ''}`,
          { ...azEv, subnets: network.subnets.length },
          remediations.tooFewIps(
            `Give every workgroup subnets in ${minAz} different availability zones.`,
          ),
        ),
      )
    } else {
      out.push(findings.ok(`workgroups span ${azs} availability zones (${minAz} required)`, azEv))
    }
    const all = warehousesOf(config).map((x) => x.warehouse)
    const needBase =
      all.reduce((n, w) => n + freeIpsNeeded(w.baseRpu, evr, limits), 0) +
      (config.nlb.enabled ? 1 : 0)
    const needMax =
      all.reduce((n, w) => n + freeIpsNeeded(w.maxRpu, evr, limits), 0) +
      (config.nlb.enabled ? 1 : 0)
    network.subnets.forEach((s, i) => {
      const name = s.id ?? `subnet ${i + 1} (/${s.prefixLength})`
      const usable = usableAddresses(s.prefixLength, limits.reservedIpsPerSubnet)
      const ev = {
        prefixLength: s.prefixLength,
        usableAddresses: usable,
        neededAtBaseRpu: needBase,
        neededAtMaxRpu: needMax,
        workgroups: all.length,
        enhancedVpcRouting: evr,
      }
      if (usable < needBase) {
        out.push(
          findings.fail(
            `${name}: ${usable} usable addresses; the ${all.length} workgroups need ${needBase} at base RPU`,
            ev,
            remediations.tooFewIps(
              `Widen ${name} to at least /${prefixFor(needMax, limits.reservedIpsPerSubnet)}.`,
            ),
            s.id,
          ),
        )
      } else if (usable < needMax) {
        out.push(
          findings.warn(
            `${name}: ${usable} usable addresses; scaling every workgroup to max RPU needs ${needMax}`,
            ev,
            remediations.tooFewIps(
              `Widen ${name} to at least /${prefixFor(needMax, limits.reservedIpsPerSubnet)} so scaling up cannot run out of addresses.`,
            ),
            s.id,
          ),
        )
      } else {
        out.push(
          findings.ok(
            `${name}: ${usable} usable addresses for a need of ${needBase}–${needMax}`,
            ev,
            s.id,
          ),
        )
      }
    })
    return out
  },
})

const prefixFor = (addresses: number, reserved: number): number => {
  let prefix = 28
  while (prefix > 16 && usableAddresses(prefix, reserved) < addresses) prefix--
  return prefix
}

/** An NLB balances round-robin-ish over identical consumers only. */
export const nlbPoolCheck: Check = Object.freeze({
  id: 'config/nlb-pool',
  title: 'NLB fronts a pool of identical consumers',
  group: 'config' as const,
  async run(ctx: CheckContext): Promise<readonly Finding[]> {
    const config = ctx.config
    if (!config) return noConfig()
    const { consumers, nlb } = config
    const sizes = consumers.map((c) => ({ name: c.name, baseRpu: c.baseRpu, maxRpu: c.maxRpu }))
    if (!nlb.enabled) {
      return [
        config.consumerMode === 'pool' && consumers.length > 1
          ? findings.warn(
              `consumerMode is "pool" but the NLB is off: clients must pick a consumer themselves`,
              { consumerMode: config.consumerMode, consumers: consumers.length },
              'Enable the NLB (nlb.enabled: true) to spread connections over the pool, or use consumerMode "workload".',
            )
          : findings.ok('no NLB; consumers are addressed directly', {
              consumerMode: config.consumerMode,
            }),
      ]
    }
    const out: Finding[] = []
    const distinct = new Set(consumers.map((c) => `${c.baseRpu}/${c.maxRpu}`))
    if (consumers.length < 2) {
      out.push(
        findings.warn(
          `the NLB fronts ${consumers.length} consumer(s); it adds cost without spreading load`,
          { consumers: consumers.length },
          'Add identical consumers to the pool or disable the NLB.',
        ),
      )
    }
    if (distinct.size > 1) {
      out.push(
        findings.warn(
          `the NLB spreads connections evenly over consumers of different sizes (${[...distinct].join(', ')} RPU)`,
          { consumers: sizes },
          'Give every pooled consumer the same base and max RPU (round-robin wants identical targets), or use consumerMode "workload" without the NLB.',
        ),
      )
    }
    if (config.consumerMode === 'workload') {
      out.push(
        findings.warn(
          'consumerMode is "workload" but the NLB is on: workload-specific consumers behind one balancer receive each other’s queries',
          { consumerMode: config.consumerMode },
          'Use consumerMode "pool" with identical consumers, or disable the NLB.',
        ),
      )
    }
    if (out.length === 0)
      out.push(
        findings.ok(`the NLB fronts ${consumers.length} identical consumers`, { consumers: sizes }),
      )
    return out
  },
})

/** Public consumers need a publicly accessible datashare. */
export const publicDatashareCheck: Check = Object.freeze({
  id: 'config/public-datashare',
  title: 'Publicly accessible consumers have a publicly accessible datashare',
  group: 'config' as const,
  async run(ctx: CheckContext): Promise<readonly Finding[]> {
    const config = ctx.config
    if (!config) return noConfig()
    const share = config.datashare
    const publicConsumers = config.consumers.filter((c) => c.publiclyAccessible).map((c) => c.name)
    const ev = { datashare: share.name, publicAccessible: share.publicAccessible, publicConsumers }
    const out: Finding[] = []
    if (publicConsumers.length > 0 && !share.publicAccessible) {
      out.push(
        findings.fail(
          `consumer(s) ${publicConsumers.join(', ')} are publicly accessible but datashare ${share.name} is not`,
          ev,
          remediations.publicConsumer(share.name),
          share.name,
        ),
      )
    } else if (publicConsumers.length === 0 && share.publicAccessible) {
      out.push(
        findings.warn(
          `datashare ${share.name} is publicly accessible but no consumer is`,
          ev,
          'Set datashare.publicAccessible: false; it is needed only for publicly accessible consumers.',
          share.name,
        ),
      )
    } else {
      out.push(
        findings.ok(`datashare ${share.name} accessibility matches the consumers`, ev, share.name),
      )
    }
    if (config.producer.publiclyAccessible) {
      out.push(
        findings.warn(
          `producer workgroup ${config.producer.workgroup} is publicly accessible`,
          { workgroup: config.producer.workgroup },
          'Keep the producer private (publiclyAccessible: false): it takes writes and owns the data.',
          config.producer.workgroup,
        ),
      )
    }
    return out
  },
})

/** The estimated monthly cost fits the budget. */
export const budgetCheck: Check = Object.freeze({
  id: 'config/budget',
  title: 'Estimated cost fits the budget',
  group: 'config' as const,
  async run(ctx: CheckContext): Promise<readonly Finding[]> {
    const config = ctx.config
    if (!config) return noConfig()
    const budget = config.budget
    if (!budget)
      return [
        findings.skip(
          'no budget configured',
          'Set budget.monthlyUsd to compare the estimate against.',
        ),
      ]
    const ev = { monthlyUsd: budget.monthlyUsd, estimatedMonthlyUsd: budget.estimatedMonthlyUsd }
    const money = (n: number) => `$${n.toFixed(2)}`
    return [
      budget.estimatedMonthlyUsd > budget.monthlyUsd
        ? findings.warn(
            `estimated ${money(budget.estimatedMonthlyUsd)}/month exceeds the budget of ${money(budget.monthlyUsd)}`,
            ev,
            'Lower base/max RPU or active hours, use fewer consumers, or add a usage limit (serverless-compute, breachAction deactivate); "rsp cost" shows the breakdown.',
          )
        : findings.ok(
            `estimated ${money(budget.estimatedMonthlyUsd)}/month within ${money(budget.monthlyUsd)}`,
            ev,
          ),
    ]
  },
})

/** The offline `config` group. */
export const configChecks: readonly Check[] = Object.freeze([
  rpuValuesCheck,
  workgroupSettingsCheck,
  networkCapacityCheck,
  nlbPoolCheck,
  publicDatashareCheck,
  budgetCheck,
])
