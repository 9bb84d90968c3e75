import type { WorkgroupShape } from '../../aws/aws-input.js'
import { describeSubnets, getWorkgroup } from '../../aws/aws-reads.js'
import type { Check, Finding } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { warehousesOf } from '../../config/diagnostics-config.js'
import { freeIpsNeeded, minAzCount } from '../../facts/aws-limits.js'
import { remediations } from '../../facts/remediations.js'
import { controlPlaneInputs } from './control-plane-support.js'

/** Every subnet of every workgroup has enough free IPs (fail below need, warn below twice), over enough AZs. */
export const subnetFreeIpsCheck: Check = defineCheck({
  id: 'control-plane/subnet-free-ips',
  title: 'Subnets have enough free IP addresses',
  group: 'control-plane',
  inputs: controlPlaneInputs,
  async run(ready, ctx) {
    const ec2 = ctx.aws?.ec2
    if (!ec2)
      return [
        findings.skip('no EC2 client given', 'Pass `aws.ec2` (an EC2Client) to read subnets.'),
      ]
    const { limits } = ctx
    const workgroups: WorkgroupShape[] = []
    const configured = new Map<string, number>()
    for (const { warehouse: w } of warehousesOf(ready.config)) {
      const wg = await getWorkgroup(ctx, ready.client, w.workgroup)
      if (wg) workgroups.push(wg)
      configured.set(w.workgroup, w.baseCapacity)
    }
    const need = new Map<string, { ips: number; workgroups: string[] }>()
    for (const wg of workgroups) {
      const evr = wg.enhancedVpcRouting ?? ready.config.network.enhancedVpcRouting
      const base = wg.baseCapacity ?? configured.get(wg.workgroupName ?? '') ?? 0
      const perSubnet = freeIpsNeeded(base, evr, limits)
      for (const id of wg.subnetIds ?? []) {
        const n = need.get(id) ?? { ips: 0, workgroups: [] }
        n.ips += perSubnet
        n.workgroups.push(wg.workgroupName ?? '?')
        need.set(id, n)
      }
    }
    if (need.size === 0) return [findings.skip('no deployed workgroup with subnets to inspect')]
    const subnets = await describeSubnets(ctx, ec2, [...need.keys()])
    const byId = new Map(subnets.map((s) => [s.SubnetId ?? '', s]))
    const out: Finding[] = []
    for (const wg of workgroups) {
      const zones = new Set(
        (wg.subnetIds ?? []).map((id) => byId.get(id)?.AvailabilityZone).filter(Boolean),
      )
      const evr = wg.enhancedVpcRouting ?? ready.config.network.enhancedVpcRouting
      const required = minAzCount(evr, limits)
      if (zones.size < required) {
        out.push(
          findings.fail(
            `workgroup ${wg.workgroupName} spans ${zones.size} availability zone(s); ${required} required`,
            {
              workgroup: wg.workgroupName ?? null,
              zones: [...zones] as string[],
              required,
              enhancedVpcRouting: evr,
            },
            remediations.tooFewIps(
              `Add subnets in ${required} different availability zones to ${wg.workgroupName}.`,
            ),
            wg.workgroupName,
          ),
        )
      }
    }
    for (const [id, n] of need) {
      const s = byId.get(id)
      const ev = { subnet: id, needed: n.ips, workgroups: n.workgroups }
      if (!s) {
        out.push(
          findings.fail(
            `subnet ${id} used by ${n.workgroups.join(', ')} was not found`,
            ev,
            'Redeploy the workgroups into existing subnets ("rsp deploy").',
            id,
          ),
        )
        continue
      }
      const free = s.AvailableIpAddressCount ?? 0
      const full = {
        ...ev,
        available: free,
        cidr: s.CidrBlock ?? null,
        availabilityZone: s.AvailabilityZone ?? null,
      }
      if (free < n.ips) {
        out.push(
          findings.fail(
            `subnet ${id} has ${free} free IPs; ${n.workgroups.length} workgroup(s) need ${n.ips}`,
            full,
            remediations.tooFewIps(`Subnet ${id} is short of ${n.ips - free} addresses.`),
            id,
          ),
        )
      } else if (free < 2 * n.ips) {
        out.push(
          findings.warn(
            `subnet ${id} has ${free} free IPs, less than twice the ${n.ips} needed`,
            full,
            remediations.tooFewIps(
              `Subnet ${id} leaves little headroom for scaling or new workgroups.`,
            ),
            id,
          ),
        )
      } else {
        out.push(findings.ok(`subnet ${id} has ${free} free IPs (need ${n.ips})`, full, id))
      }
    }
    return out
  },
})
