import type { Check, Finding } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { warehousesOf } from '../../config/diagnostics-config.js'
import { configInputs } from './config-support.js'

/** Workgroup names and ports follow AWS's rules; names are unique. */
export const workgroupSettingsCheck: Check = defineCheck({
  id: 'config/workgroup-settings',
  title: 'Workgroup names and ports are valid and unique',
  group: 'config',
  inputs: configInputs,
  async run(config, ctx) {
    const { limits } = ctx
    const [minLen, maxLen] = limits.workgroupNameLength
    const out: Finding[] = []
    const seenWorkgroups = new Map<string, string>()
    const seenNamespaces = new Map<string, string>()
    for (const { warehouse: w } of warehousesOf(config)) {
      const port = w.port ?? limits.defaultPort
      const problems: string[] = []
      if (
        !limits.workgroupNamePattern.test(w.workgroup) ||
        w.workgroup.length < minLen ||
        w.workgroup.length > maxLen
      )
        problems.push(
          `workgroup name ${JSON.stringify(w.workgroup)} must be ${minLen}–${maxLen} characters of a-z, 0-9 and "-"`,
        )
      if (!limits.portRanges.some(([lo, hi]) => port >= lo && port <= hi))
        problems.push(
          `port ${port} is outside ${limits.portRanges.map(([lo, hi]) => `${lo}–${hi}`).join(' and ')}`,
        )
      const dupWg = seenWorkgroups.get(w.workgroup)
      if (dupWg)
        problems.push(
          `workgroup ${JSON.stringify(w.workgroup)} is also used by ${JSON.stringify(dupWg)}`,
        )
      const dupNs = seenNamespaces.get(w.namespace)
      if (dupNs)
        problems.push(
          `namespace ${JSON.stringify(w.namespace)} is also used by ${JSON.stringify(dupNs)}`,
        )
      seenWorkgroups.set(w.workgroup, w.name)
      seenNamespaces.set(w.namespace, w.name)
      const ev = { workgroup: w.workgroup, namespace: w.namespace, port }
      out.push(
        problems.length > 0
          ? findings.fail(
              `${w.name}: ${problems.join('; ')}`,
              ev,
              'Rename the workgroup (lower-case letters, digits, hyphens; 3–64 characters), give every warehouse its own workgroup and namespace, and use a port in 5431–5455 or 8191–8215 (default 5439).',
              w.workgroup,
            )
          : findings.ok(`${w.name}: workgroup ${w.workgroup}, port ${port}`, ev, w.workgroup),
      )
    }
    return out
  },
})
