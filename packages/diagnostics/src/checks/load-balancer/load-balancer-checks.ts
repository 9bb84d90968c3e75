import type { AwsClient, AwsInput, SecurityGroupShape } from '../../aws/aws-input.js'
import {
  describeListeners,
  describeLoadBalancer,
  describeSecurityGroups,
  describeSubnets,
  describeTargetGroup,
  describeTargetHealth,
  endpointIps,
  getWorkgroup,
} from '../../aws/aws-reads.js'
import type { Check, CheckContext, Finding } from '../../check/check.js'
import { findings } from '../../check/finding.js'
import type { DiagnosticsConfig } from '../../config/diagnostics-config.js'
import { remediations } from '../../facts/remediations.js'
import { cidrContains } from '../../net/ipv4.js'

type Ready = {
  readonly config: DiagnosticsConfig
  readonly elbv2: AwsClient
  readonly lb: NonNullable<AwsInput['loadBalancer']>
}

function inputs(ctx: CheckContext): Ready | readonly Finding[] {
  if (!ctx.config)
    return [findings.skip('no config given', 'Pass `config` to check the load balancer.')]
  if (!ctx.config.nlb.enabled) return [findings.skip('the NLB is disabled in the config')]
  if (!ctx.aws?.elbv2)
    return [
      findings.skip('no ELBv2 client given', 'Pass `aws.elbv2` (an ElasticLoadBalancingV2Client).'),
    ]
  if (!ctx.aws.loadBalancer)
    return [
      findings.skip(
        'no load balancer identity given',
        'Pass `aws.loadBalancer` ({ loadBalancerArn, targetGroupArn }) from the deployment outputs.',
      ),
    ]
  return { config: ctx.config, elbv2: ctx.aws.elbv2, lb: ctx.aws.loadBalancer }
}
const isReady = (x: Ready | readonly Finding[]): x is Ready => !Array.isArray(x)

/** Every registered target passes its health check. */
export const targetHealthCheck: Check = Object.freeze({
  id: 'load-balancer/target-health',
  title: 'NLB targets are healthy',
  group: 'load-balancer' as const,
  async run(ctx: CheckContext): Promise<readonly Finding[]> {
    const ready = inputs(ctx)
    if (!isReady(ready)) return ready
    const tg = ready.lb.targetGroupArn
    const targets = await describeTargetHealth(ctx, ready.elbv2, tg)
    if (!targets)
      return [
        findings.fail(
          `target group ${tg} does not exist`,
          { targetGroupArn: tg },
          'Redeploy the NLB stack ("rsp deploy") or fix aws.loadBalancer.targetGroupArn.',
          tg,
        ),
      ]
    if (targets.length === 0)
      return [
        findings.fail(
          `target group ${tg} has no registered targets`,
          { targetGroupArn: tg },
          remediations.nlbConnection(
            'No consumer ENI IP is registered, so the NLB refuses every connection.',
          ),
          tg,
        ),
      ]
    return targets.map((t) => {
      const id = `${t.Target?.Id ?? '?'}:${t.Target?.Port ?? '?'}`
      const state = t.TargetHealth?.State ?? 'unknown'
      const ev = {
        target: t.Target?.Id ?? null,
        port: t.Target?.Port ?? null,
        state,
        reason: t.TargetHealth?.Reason ?? null,
        description: t.TargetHealth?.Description ?? null,
      }
      const why = t.TargetHealth?.Description ? ` (${t.TargetHealth.Description})` : ''
      if (state === 'healthy') return findings.ok(`target ${id} is healthy`, ev, id)
      if (state === 'initial' || state === 'draining')
        return findings.warn(
          `target ${id} is ${state}${why}`,
          ev,
          `Wait: a target is "initial" until it passes its first health checks and "draining" while deregistering. ${remediations.nlbConnection('')}`.trim(),
          id,
        )
      return findings.fail(
        `target ${id} is ${state}${why}`,
        ev,
        remediations.nlbConnection(
          `Target ${id} fails its health check (${t.TargetHealth?.Reason ?? state}).`,
        ),
        id,
      )
    })
  },
})

/** Registered targets are exactly the consumers' current ENI IPs (none missing, none stale). */
export const targetDriftCheck: Check = Object.freeze({
  id: 'load-balancer/target-drift',
  title: 'NLB targets match the consumers’ endpoint IPs',
  group: 'load-balancer' as const,
  async run(ctx: CheckContext): Promise<readonly Finding[]> {
    const ready = inputs(ctx)
    if (!isReady(ready)) return ready
    const rs = ctx.aws?.redshiftServerless
    if (!rs)
      return [
        findings.skip(
          'no Redshift Serverless client given',
          'Pass `aws.redshiftServerless` to read the consumers’ ENI IPs.',
        ),
      ]
    const tg = ready.lb.targetGroupArn
    const targets = await describeTargetHealth(ctx, ready.elbv2, tg)
    if (!targets)
      return [findings.skip(`target group ${tg} does not exist (see load-balancer/target-health)`)]
    const expected = new Map<string, { consumer: string; port: number }>()
    for (const c of ready.config.consumers) {
      const wg = await getWorkgroup(ctx, rs, c.workgroup)
      if (!wg) continue
      const port = wg.endpoint?.port ?? c.port ?? ctx.limits.defaultPort
      for (const { ip } of endpointIps(wg)) expected.set(ip, { consumer: c.name, port })
    }
    const registered = new Map(targets.map((t) => [t.Target?.Id ?? '', t.Target?.Port]))
    const out: Finding[] = []
    const sync =
      'Re-sync the targets: register every ENI IP of every consumer endpoint and deregister the rest (the infra stack’s target-sync Lambda does this on deploy and on a schedule).'
    for (const [ip, e] of expected) {
      if (!registered.has(ip)) {
        out.push(
          findings.fail(
            `consumer ${e.consumer} ENI IP ${ip} is not a target`,
            { ip, consumer: e.consumer, targetGroupArn: tg },
            remediations.nlbConnection(`${ip} receives no traffic. ${sync}`),
            ip,
          ),
        )
      } else if (registered.get(ip) !== undefined && registered.get(ip) !== e.port) {
        out.push(
          findings.fail(
            `target ${ip} is registered on port ${registered.get(ip)}, consumer ${e.consumer} listens on ${e.port}`,
            { ip, registeredPort: registered.get(ip) ?? null, port: e.port },
            sync,
            ip,
          ),
        )
      }
    }
    for (const [ip] of registered) {
      if (!expected.has(ip))
        out.push(
          findings.fail(
            `target ${ip} is not an ENI IP of any consumer (stale)`,
            { ip, targetGroupArn: tg },
            remediations.nlbConnection(
              `${ip} is stale: it may now belong to another host. ${sync}`,
            ),
            ip,
          ),
        )
    }
    if (out.length === 0)
      out.push(
        findings.ok(`all ${expected.size} consumer ENI IPs are registered, none stale`, {
          targets: [...registered.keys()],
        }),
      )
    return out
  },
})

/** The NLB is active, internal-facing TCP on the configured port, forwarding to the target group. */
export const listenerCheck: Check = Object.freeze({
  id: 'load-balancer/listener',
  title: 'NLB listener forwards TCP on the configured port',
  group: 'load-balancer' as const,
  async run(ctx: CheckContext): Promise<readonly Finding[]> {
    const ready = inputs(ctx)
    if (!isReady(ready)) return ready
    const ref = ready.lb.loadBalancerArn ?? ready.lb.loadBalancerName ?? ''
    const lb = await describeLoadBalancer(ctx, ready.elbv2, ready.lb)
    if (!lb?.LoadBalancerArn)
      return [
        findings.fail(
          `load balancer ${ref} does not exist`,
          { loadBalancer: ref },
          'Redeploy the NLB stack ("rsp deploy") or fix aws.loadBalancer.',
          ref,
        ),
      ]
    const out: Finding[] = []
    const state = lb.State?.Code ?? 'unknown'
    const lbEv = {
      loadBalancer: lb.LoadBalancerArn,
      state,
      type: lb.Type ?? null,
      scheme: lb.Scheme ?? null,
    }
    if (state === 'provisioning')
      out.push(
        findings.warn(
          `load balancer ${lb.LoadBalancerName} is provisioning`,
          lbEv,
          'Wait a few minutes for it to become active.',
          ref,
        ),
      )
    else if (state !== 'active')
      out.push(
        findings.fail(
          `load balancer ${lb.LoadBalancerName} is ${state}${lb.State?.Reason ? `: ${lb.State.Reason}` : ''}`,
          lbEv,
          remediations.nlbConnection('The NLB is not active.'),
          ref,
        ),
      )
    if (lb.Type && lb.Type !== 'network')
      out.push(
        findings.fail(
          `load balancer ${lb.LoadBalancerName} is of type ${lb.Type}, not network`,
          lbEv,
          'Redshift speaks the Postgres wire protocol over TCP: use a Network Load Balancer.',
          ref,
        ),
      )
    const port = ready.config.nlb.port ?? ctx.limits.defaultPort
    const listeners = await describeListeners(ctx, ready.elbv2, lb.LoadBalancerArn)
    const ev = { port, listeners: listeners.map((l) => `${l.Protocol ?? '?'}:${l.Port ?? '?'}`) }
    const listener = listeners.find((l) => l.Port === port)
    if (!listener) {
      out.push(
        findings.fail(
          `no listener on port ${port}`,
          ev,
          remediations.nlbConnection(
            `Add a TCP listener on ${port} forwarding to the consumers' target group (redeploy the NLB stack).`,
          ),
          ref,
        ),
      )
    } else {
      const forwards = (listener.DefaultActions ?? []).some(
        (a) =>
          a.TargetGroupArn === ready.lb.targetGroupArn ||
          (a.ForwardConfig?.TargetGroups ?? []).some(
            (g) => g.TargetGroupArn === ready.lb.targetGroupArn,
          ),
      )
      if (listener.Protocol !== 'TCP' && listener.Protocol !== 'TLS')
        out.push(
          findings.fail(
            `listener on ${port} speaks ${listener.Protocol}, not TCP`,
            ev,
            'Use a TCP listener: the NLB must pass the Postgres wire protocol through untouched.',
            ref,
          ),
        )
      else if (!forwards)
        out.push(
          findings.fail(
            `listener on ${port} does not forward to ${ready.lb.targetGroupArn}`,
            ev,
            remediations.nlbConnection('The listener forwards to another target group.'),
            ref,
          ),
        )
      else
        out.push(
          findings.ok(
            `listener ${listener.Protocol}:${port} forwards to the consumers' target group`,
            ev,
            ref,
          ),
        )
    }
    const tg = await describeTargetGroup(ctx, ready.elbv2, ready.lb.targetGroupArn)
    if (tg) {
      const tgEv = {
        protocol: tg.Protocol ?? null,
        port: tg.Port ?? null,
        targetType: tg.TargetType ?? null,
        healthCheckProtocol: tg.HealthCheckProtocol ?? null,
      }
      if (tg.TargetType !== 'ip' || tg.Protocol !== 'TCP')
        out.push(
          findings.fail(
            `target group is ${tg.Protocol ?? '?'}/${tg.TargetType ?? '?'}, expected TCP/ip`,
            tgEv,
            'Use a TCP target group of type ip: the targets are the endpoint ENI IPs.',
            ready.lb.targetGroupArn,
          ),
        )
    }
    return out
  },
})

const admitsPort = (p: NonNullable<SecurityGroupShape['IpPermissions']>[number], port: number) =>
  p.IpProtocol === '-1' ||
  ((p.IpProtocol === 'tcp' || p.IpProtocol === '6') &&
    (p.FromPort ?? 0) <= port &&
    port <= (p.ToPort ?? 65535))

/** The consumers' security groups admit the workgroup port from the NLB (its security groups or subnets). */
export const securityGroupsCheck: Check = Object.freeze({
  id: 'load-balancer/security-groups',
  title: 'Security groups admit the NLB on the workgroup port',
  group: 'load-balancer' as const,
  async run(ctx: CheckContext): Promise<readonly Finding[]> {
    const ready = inputs(ctx)
    if (!isReady(ready)) return ready
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
export const loadBalancerChecks: readonly Check[] = Object.freeze([
  targetHealthCheck,
  targetDriftCheck,
  listenerCheck,
  securityGroupsCheck,
])
