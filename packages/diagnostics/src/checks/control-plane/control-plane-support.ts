import type { AwsClient } from '../../aws/aws-input.js'
import type { CheckContext, Finding } from '../../check/check.js'
import { type InputGuard, missing, ready } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import type { DiagnosticsConfig } from '../../config/diagnostics-config.js'

export type Ready = { readonly config: DiagnosticsConfig; readonly client: AwsClient }

/** The config and Redshift Serverless client, or the skip finding explaining what is missing. */
export const controlPlaneInputs: InputGuard<Ready> = (ctx) => {
  if (!ctx.config)
    return missing(
      findings.skip(
        'no config given',
        'Pass `config` so the checks know which workgroups to inspect.',
      ),
    )
  if (!ctx.aws?.redshiftServerless)
    return missing(
      findings.skip(
        'no Redshift Serverless client given',
        'Pass `aws.redshiftServerless` (a RedshiftServerlessClient).',
      ),
    )
  return ready({ config: ctx.config, client: ctx.aws.redshiftServerless })
}

export const minutes = (ms: number) => Math.round(ms / 6000) / 10

export const CONFLICT_REMEDIATION =
  'A workgroup or namespace stays in MODIFYING while a configuration change runs; concurrent changes fail ' +
  '("can\'t update multiple configurations at the same time"). Wait, then retry changes one at a time with backoff; ' +
  'check CloudTrail for the change that started it. If it is still MODIFYING after an hour, open an AWS support case.'

/** Turns a CREATING/MODIFYING status into a warn, or a fail once past the stuck threshold. */
export function transitional(
  ctx: CheckContext,
  kind: 'workgroup' | 'namespace',
  name: string,
  status: string,
  creationDate: Date | undefined,
  ev: Record<string, string | number | boolean | null>,
  remediation: string,
): Finding {
  const now = ctx.now()
  let since = ctx.history.observe(`${kind}:${name}`, status, now)
  // A new resource goes CREATING → MODIFYING → AVAILABLE: its creation date bounds both.
  if (status === 'CREATING' && creationDate && creationDate < since) since = creationDate
  const elapsed = now.getTime() - since.getTime()
  const evidence = { ...ev, status, since: since.toISOString(), minutes: minutes(elapsed) }
  if (elapsed > ctx.limits.stuckAfterMs) {
    return findings.fail(
      `${kind} ${name} has been ${status} for ${minutes(elapsed)} min (over ${minutes(ctx.limits.stuckAfterMs)} min)`,
      evidence,
      remediation,
      name,
    )
  }
  return findings.warn(
    `${kind} ${name} is ${status} (seen for ${minutes(elapsed)} min)`,
    evidence,
    `Wait for AVAILABLE; it fails if it stays ${status} for more than ${minutes(ctx.limits.stuckAfterMs)} min. Re-run or use watch.`,
    name,
  )
}
