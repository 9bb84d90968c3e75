import { getNamespace } from '../../aws/aws-reads.js'
import type { Check, Finding } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { warehousesOf } from '../../config/diagnostics-config.js'
import { remediations } from '../../facts/remediations.js'
import { CONFLICT_REMEDIATION, controlPlaneInputs, transitional } from './control-plane-support.js'

/** Every configured namespace exists and is AVAILABLE. */
export const namespaceStatusCheck: Check = defineCheck({
  id: 'control-plane/namespace-status',
  title: 'Namespaces are AVAILABLE',
  group: 'control-plane',
  inputs: controlPlaneInputs,
  async run(ready, ctx) {
    const out: Finding[] = []
    for (const { role, warehouse: w } of warehousesOf(ready.config)) {
      const ns = await getNamespace(ctx, ready.client, w.namespace)
      const restore = remediations.snapshotRestore(w.namespace)
      if (!ns) {
        out.push(
          findings.fail(
            `${role} namespace ${w.namespace} does not exist`,
            { namespace: w.namespace, role },
            `Deploy it ("rsp deploy"). ${restore}`,
            w.namespace,
          ),
        )
        continue
      }
      const status = ns.status ?? 'UNKNOWN'
      const ev = { namespace: w.namespace, role, namespaceId: ns.namespaceId ?? null }
      if (status === 'AVAILABLE') {
        ctx.history.observe(`namespace:${w.namespace}`, status, ctx.now())
        out.push(
          findings.ok(`namespace ${w.namespace} is AVAILABLE`, { ...ev, status }, w.namespace),
        )
      } else if (status === 'MODIFYING') {
        out.push(
          transitional(
            ctx,
            'namespace',
            w.namespace,
            status,
            ns.creationDate,
            ev,
            `${CONFLICT_REMEDIATION} ${restore}`,
          ),
        )
      } else {
        out.push(
          findings.fail(
            `namespace ${w.namespace} is ${status}`,
            { ...ev, status },
            restore,
            w.namespace,
          ),
        )
      }
    }
    return out
  },
})
