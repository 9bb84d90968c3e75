import type { Check, Finding } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { warehousesOf } from '../../config/diagnostics-config.js'
import { freeIpsNeeded, minAzCount } from '../../facts/aws-limits.js'
import { remediations } from '../../facts/remediations.js'
import { usableAddresses } from '../../net/ipv4.js'
import { configInputs } from './config-support.js'

/** Enough availability zones, and enough free IPs in every subnet, for every workgroup. */
export const networkCapacityCheck: Check = defineCheck({
  id: 'config/network-capacity',
  title: 'Subnets span enough AZs and have enough free IPs',
  group: 'config',
  inputs: configInputs,
  async run(config, ctx) {
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
      all.reduce((n, w) => n + freeIpsNeeded(w.baseCapacity, evr, limits), 0) +
      (config.nlb.enabled ? 1 : 0)
    const needMax =
      all.reduce((n, w) => n + freeIpsNeeded(w.maxCapacity, evr, limits), 0) +
      (config.nlb.enabled ? 1 : 0)
    network.subnets.forEach((s, i) => {
      const name = s.id ?? `subnet ${i + 1} (/${s.prefixLength})`
      const usable = usableAddresses(s.prefixLength, limits.reservedIpsPerSubnet)
      const ev = {
        prefixLength: s.prefixLength,
        usableAddresses: usable,
        neededAtBaseCapacity: needBase,
        neededAtMaxCapacity: needMax,
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
