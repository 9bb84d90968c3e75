import { getWorkgroup } from '../../aws/aws-reads.js'
import type { Check, Finding } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { warehousesOf } from '../../config/diagnostics-config.js'
import { CONFLICT_REMEDIATION, controlPlaneInputs, transitional } from './control-plane-support.js'

/** Every configured workgroup exists and is AVAILABLE; CREATING/MODIFYING for > 10 min fails. */
export const workgroupStatusCheck: Check = defineCheck({
  id: 'control-plane/workgroup-status',
  title: 'Workgroups are AVAILABLE',
  group: 'control-plane',
  inputs: controlPlaneInputs,
  async run(ready, ctx) {
    const out: Finding[] = []
    for (const { role, warehouse: w } of warehousesOf(ready.config)) {
      const wg = await getWorkgroup(ctx, ready.client, w.workgroup)
      if (!wg) {
        out.push(
          findings.fail(
            `${role} workgroup ${w.workgroup} does not exist`,
            { workgroup: w.workgroup, role },
            'Deploy it ("rsp deploy"); check the region and account of the credentials.',
            w.workgroup,
          ),
        )
        continue
      }
      const status = wg.status ?? 'UNKNOWN'
      const ev = { workgroup: w.workgroup, role, namespace: wg.namespaceName ?? null }
      if (status === 'AVAILABLE') {
        ctx.history.observe(`workgroup:${w.workgroup}`, status, ctx.now())
        if (wg.namespaceName && wg.namespaceName !== w.namespace) {
          out.push(
            findings.fail(
              `workgroup ${w.workgroup} belongs to namespace ${wg.namespaceName}, not ${w.namespace}`,
              { ...ev, expectedNamespace: w.namespace },
              'Fix the config (namespace/workgroup pairs) or redeploy the workgroup in the right namespace.',
              w.workgroup,
            ),
          )
        } else {
          out.push(
            findings.ok(`workgroup ${w.workgroup} is AVAILABLE`, { ...ev, status }, w.workgroup),
          )
        }
      } else if (status === 'CREATING' || status === 'MODIFYING') {
        out.push(
          transitional(
            ctx,
            'workgroup',
            w.workgroup,
            status,
            wg.creationDate,
            ev,
            CONFLICT_REMEDIATION,
          ),
        )
      } else if (status === 'DELETING') {
        out.push(
          findings.fail(
            `workgroup ${w.workgroup} is DELETING`,
            { ...ev, status },
            'Wait until it is gone, then redeploy ("rsp deploy"); someone or something deleted it.',
            w.workgroup,
          ),
        )
      } else {
        out.push(
          findings.warn(
            `workgroup ${w.workgroup} is ${status}`,
            { ...ev, status },
            'Inspect it in the Redshift Serverless console; expected AVAILABLE.',
            w.workgroup,
          ),
        )
      }
    }
    return out
  },
})
