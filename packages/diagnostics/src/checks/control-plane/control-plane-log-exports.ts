import { getNamespace } from '../../aws/aws-reads.js'
import type { Check, Finding } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { warehousesOf } from '../../config/diagnostics-config.js'
import { controlPlaneInputs } from './control-plane-support.js'

/** Namespaces export the configured logs. */
export const logExportsCheck: Check = defineCheck({
  id: 'control-plane/log-exports',
  title: 'Namespaces export audit logs',
  group: 'control-plane',
  inputs: controlPlaneInputs,
  async run(ready, ctx) {
    const expected = ready.config.logExports ?? ctx.limits.logExports
    const out: Finding[] = []
    for (const { warehouse: w } of warehousesOf(ready.config)) {
      const ns = await getNamespace(ctx, ready.client, w.namespace)
      if (!ns) {
        out.push(
          findings.skip(
            `namespace ${w.namespace} does not exist (see control-plane/namespace-status)`,
            '',
            w.namespace,
          ),
        )
        continue
      }
      const have = ns.logExports ?? []
      const missing = expected.filter((x) => !have.includes(x))
      const ev = { namespace: w.namespace, logExports: [...have], expected: [...expected] }
      out.push(
        missing.length > 0
          ? findings.warn(
              `namespace ${w.namespace} does not export ${missing.join(', ')}`,
              ev,
              `Add ${missing.join(', ')} to the namespace's LogExports (config logExports) and redeploy; without them connection and user activity cannot be audited.`,
              w.namespace,
            )
          : findings.ok(
              `namespace ${w.namespace} exports ${have.join(', ') || 'nothing (none expected)'}`,
              ev,
              w.namespace,
            ),
      )
    }
    return out
  },
})
