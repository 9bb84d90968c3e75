import type { SecurityGroupShape } from '../../aws/aws-input.js'
import {
  describeLoadBalancer,
  describeSecurityGroups,
  describeSubnets,
  getWorkgroup,
} from '../../aws/aws-reads.js'
import type { Check, Finding } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { remediations } from '../../facts/remediations.js'
import { cidrContains } from '../../net/ipv4.js'
import { loadBalancerInputs } from './load-balancer-support.js'

const admitsPort = (p: NonNullable<SecurityGroupShape['IpPermissions']>[number], port: number) =>
  p.IpProtocol === '-1' ||
  ((p.IpProtocol === 'tcp' || p.IpProtocol === '6') &&
    (p.FromPort ?? 0) <= port &&
    port <= (p.ToPort ?? 65535))

/** The consumers' security groups admit the workgroup port from the NLB (its security groups or subnets). */
export const securityGroupsCheck: Check = defineCheck({
  id: 'load-balancer/security-groups',
  title: 'Security groups admit the NLB on the workgroup port',
  group: 'load-balancer',
  inputs: loadBalancerInputs,
  async run(ready, ctx) {
    const rs = ctx.aws?.redshiftServerless
    const ec2 = ctx.aws?.ec2
    if (!rs || !ec2)
      return [
        findings.skip(
          'needs the Redshift Serverless and EC2 clients',
          'Pass `aws.redshiftServerless` and `aws.ec2`.',
        ),
      ]
    const lb = await describeLoadBalancer(ctx, ready.elbv2, ready.lb)
    if (!lb) return [findings.skip('the load balancer does not exist (see load-balancer/listener)')]
    const lbGroups = new Set(lb.SecurityGroups ?? [])
    const lbSubnets = await describeSubnets(
      ctx,
      ec2,
      (lb.AvailabilityZones ?? []).map((z) => z.SubnetId ?? '').filter(Boolean),
    )
    const lbCidrs = lbSubnets.map((s) => s.CidrBlock ?? '').filter(Boolean)
    const out: Finding[] = []
    for (const c of ready.config.consumers) {
      const wg = await getWorkgroup(ctx, rs, c.workgroup)
      if (!wg) {
        out.push(
          findings.skip(
            `workgroup ${c.workgroup} does not exist (see control-plane/workgroup-status)`,
            '',
            c.workgroup,
          ),
        )
        continue
      }
      const port = wg.endpoint?.port ?? c.port ?? ctx.limits.defaultPort
      const groups = await describeSecurityGroups(ctx, ec2, wg.securityGroupIds ?? [])
      const admitted = groups.some((g) =>
        (g.IpPermissions ?? []).some(
          (p) =>
            admitsPort(p, port) &&
            ((p.UserIdGroupPairs ?? []).some(
              (u) => u.GroupId !== undefined && lbGroups.has(u.GroupId),
            ) ||
              (lbCidrs.length > 0 &&
                lbCidrs.every((cidr) =>
                  (p.IpRanges ?? []).some(
                    (r) => r.CidrIp !== undefined && cidrContains(r.CidrIp, cidr),
                  ),
                ))),
        ),
      )
      const ev = {
        workgroup: c.workgroup,
        port,
        securityGroups: groups.map((g) => g.GroupId ?? '?'),
        nlbSecurityGroups: [...lbGroups],
        nlbSubnetCidrs: lbCidrs,
      }
      out.push(
        admitted
          ? findings.ok(`workgroup ${c.workgroup} admits TCP ${port} from the NLB`, ev, c.workgroup)
          : findings.fail(
              `workgroup ${c.workgroup}'s security groups do not admit TCP ${port} from the NLB`,
              ev,
              remediations.nlbConnection(
                `Add an ingress rule for TCP ${port} from the NLB's security group (or its subnets ${lbCidrs.join(', ') || '?'}) to ${ev.securityGroups.join(', ') || 'the workgroup security group'}.`,
              ),
              c.workgroup,
            ),
      )
    }
    return out
  },
})

/** The `load-balancer` group. */
