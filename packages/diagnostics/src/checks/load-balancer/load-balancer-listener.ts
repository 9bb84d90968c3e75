import {
  describeListeners,
  describeLoadBalancer,
  describeTargetGroup,
} from '../../aws/aws-reads.js'
import type { Check, Finding } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { remediations } from '../../facts/remediations.js'
import { loadBalancerInputs } from './load-balancer-support.js'

/** The NLB is active, internal-facing TCP on the configured port, forwarding to the target group. */
export const listenerCheck: Check = defineCheck({
  id: 'load-balancer/listener',
  title: 'NLB listener forwards TCP on the configured port',
  group: 'load-balancer',
  inputs: loadBalancerInputs,
  async run(ready, ctx) {
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
