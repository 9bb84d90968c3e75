import { describeTargetHealth } from '../../aws/aws-reads.js'
import type { Check } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { remediations } from '../../facts/remediations.js'
import { loadBalancerInputs } from './load-balancer-support.js'

/** Every registered target passes its health check. */
export const targetHealthCheck: Check = defineCheck({
  id: 'load-balancer/target-health',
  title: 'NLB targets are healthy',
  group: 'load-balancer',
  inputs: loadBalancerInputs,
  async run(ready, ctx) {
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
