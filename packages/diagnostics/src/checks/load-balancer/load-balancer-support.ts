import type { AwsClient, AwsInput } from '../../aws/aws-input.js'
import { type InputGuard, missing, ready } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import type { DiagnosticsConfig } from '../../config/diagnostics-config.js'

export type Ready = {
  readonly config: DiagnosticsConfig
  readonly elbv2: AwsClient
  readonly lb: NonNullable<AwsInput['loadBalancer']>
}

export const loadBalancerInputs: InputGuard<Ready> = (ctx) => {
  if (!ctx.config)
    return missing(findings.skip('no config given', 'Pass `config` to check the load balancer.'))
  if (!ctx.config.nlb.enabled) return missing(findings.skip('the NLB is disabled in the config'))
  if (!ctx.aws?.elbv2)
    return missing(
      findings.skip('no ELBv2 client given', 'Pass `aws.elbv2` (an ElasticLoadBalancingV2Client).'),
    )
  if (!ctx.aws.loadBalancer)
    return missing(
      findings.skip(
        'no load balancer identity given',
        'Pass `aws.loadBalancer` ({ loadBalancerArn, targetGroupArn }) from the deployment outputs.',
      ),
    )
  return ready({ config: ctx.config, elbv2: ctx.aws.elbv2, lb: ctx.aws.loadBalancer })
}
