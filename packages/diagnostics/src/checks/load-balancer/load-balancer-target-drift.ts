import { describeTargetHealth, endpointIps, getWorkgroup } from '../../aws/aws-reads.js'
import type { Check, Finding } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { remediations } from '../../facts/remediations.js'
import { loadBalancerInputs } from './load-balancer-support.js'

/** Registered targets are exactly the consumers' current ENI IPs (none missing, none stale). */
export const targetDriftCheck: Check = defineCheck({
  id: 'load-balancer/target-drift',
  title: 'NLB targets match the consumers’ endpoint IPs',
  group: 'load-balancer',
  inputs: loadBalancerInputs,
  async run(ready, ctx) {
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
