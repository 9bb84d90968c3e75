import type { Check, Finding } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { datasharesOf } from '../../config/diagnostics-config.js'
import { remediations } from '../../facts/remediations.js'
import { configInputs } from './config-support.js'

/**
 * Public consumers need a publicly accessible datashare: every datashare is checked against
 * its own consumers (one finding per share).
 */
export const publicDatashareCheck: Check = defineCheck({
  id: 'config/public-datashare',
  title: 'Publicly accessible consumers have a publicly accessible datashare',
  group: 'config',
  inputs: configInputs,
  async run(config) {
    const out: Finding[] = []
    for (const share of datasharesOf(config)) {
      const publicConsumers = share.consumers.filter((c) => c.publiclyAccessible).map((c) => c.name)
      const ev = {
        datashare: share.name,
        publicAccessible: share.publicAccessible,
        consumers: share.consumers.map((c) => c.name),
        publicConsumers,
      }
      if (publicConsumers.length > 0 && !share.publicAccessible)
        out.push(
          findings.fail(
            `consumer(s) ${publicConsumers.join(', ')} of datashare ${share.name} are publicly accessible but the datashare is not`,
            ev,
            remediations.publicConsumer(share.name),
            share.name,
          ),
        )
      else if (publicConsumers.length === 0 && share.publicAccessible)
        out.push(
          findings.warn(
            `datashare ${share.name} is publicly accessible but none of its consumers is`,
            ev,
            'Set the datashare’s publicAccessible to false; it is needed only for publicly accessible consumers.',
            share.name,
          ),
        )
      else
        out.push(
          findings.ok(
            `datashare ${share.name} accessibility matches its consumers`,
            ev,
            share.name,
          ),
        )
    }
    if (config.producer.publiclyAccessible) {
      out.push(
        findings.warn(
          `producer workgroup ${config.producer.workgroup} is publicly accessible`,
          { workgroup: config.producer.workgroup },
          'Keep the producer private (publiclyAccessible: false): it takes writes and owns the data.',
          config.producer.workgroup,
        ),
      )
    }
    return out
  },
})
