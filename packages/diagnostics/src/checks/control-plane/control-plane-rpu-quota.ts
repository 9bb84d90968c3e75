import { listWorkgroups } from '../../aws/aws-reads.js'
import type { Check } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { controlPlaneInputs } from './control-plane-support.js'

/** The account's total base RPU stays under the quota. */
export const rpuQuotaCheck: Check = defineCheck({
  id: 'control-plane/rpu-quota',
  title: 'Total base RPU is within the account quota',
  group: 'control-plane',
  inputs: controlPlaneInputs,
  async run(ready, ctx) {
    const all = await listWorkgroups(ctx, ready.client)
    const total = all.reduce((n, wg) => n + (wg.baseCapacity ?? 0), 0)
    const quota = ctx.aws?.baseCapacityQuota
    const ev = { totalBaseCapacity: total, workgroups: all.length, quota: quota ?? null }
    if (quota === undefined)
      return [
        findings.skip(
          `total base RPU is ${total} over ${all.length} workgroup(s); no quota given to compare`,
          'Pass `aws.baseCapacityQuota` (from Service Quotas) to check it.',
        ),
      ]
    if (total > quota)
      return [
        findings.fail(
          `total base RPU ${total} exceeds the quota of ${quota}`,
          ev,
          'Lower base RPU of some workgroups or request a quota increase in Service Quotas (Amazon Redshift Serverless).',
        ),
      ]
    if (total > 0.8 * quota)
      return [
        findings.warn(
          `total base RPU ${total} is over 80% of the quota of ${quota}`,
          ev,
          'Request a quota increase before adding workgroups or raising base RPU.',
        ),
      ]
    return [findings.ok(`total base RPU ${total} of a quota of ${quota}`, ev)]
  },
})
