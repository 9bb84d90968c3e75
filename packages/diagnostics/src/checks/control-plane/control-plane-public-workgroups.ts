import { listWorkgroups } from '../../aws/aws-reads.js'
import type { Check } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { datasharesOf, warehousesOf } from '../../config/diagnostics-config.js'
import { remediations } from '../../facts/remediations.js'
import { controlPlaneInputs } from './control-plane-support.js'

/** Lists publicly accessible workgroups; warns on those the config does not declare public. */
export const publicWorkgroupsCheck: Check = defineCheck({
  id: 'control-plane/public-workgroups',
  title: 'Publicly accessible workgroups are intended',
  group: 'control-plane',
  inputs: controlPlaneInputs,
  async run(ready, ctx) {
    const declared = new Map(
      warehousesOf(ready.config).map(({ warehouse: w }) => [w.workgroup, w.publiclyAccessible]),
    )
    const all = await listWorkgroups(ctx, ready.client)
    const pub = all.filter((wg) => wg.publiclyAccessible)
    if (pub.length === 0)
      return [findings.ok('no workgroup is publicly accessible', { workgroups: all.length })]
    return pub.map((wg) => {
      const name = wg.workgroupName ?? '?'
      const ev = {
        workgroup: name,
        address: wg.endpoint?.address ?? null,
        inConfig: declared.has(name),
      }
      // The datashares a consumer on this workgroup receives (every share when none is known).
      const shares = datasharesOf(ready.config)
      const its = shares.filter((s) => s.consumers.some((c) => c.workgroup === name))
      const names = (its.length > 0 ? its : shares).map((s) => s.name)
      if (declared.get(name) === true)
        return findings.ok(`workgroup ${name} is publicly accessible, as configured`, ev, name)
      return findings.warn(
        declared.has(name)
          ? `workgroup ${name} is publicly accessible but the config says private`
          : `workgroup ${name} (not in this config) is publicly accessible`,
        ev,
        `Make it private (PubliclyAccessible false) unless it must be reached from outside the VPC; a public consumer also needs a publicly accessible datashare (${remediations.publicConsumer(names)})`,
        name,
      )
    })
  },
})

/** The `control-plane` group. */
