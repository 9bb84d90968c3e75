import type { Check, Finding } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { warehousesOf } from '../../config/diagnostics-config.js'
import { isAllowedBaseRpu, nearestBaseRpu } from '../../facts/aws-limits.js'
import { configInputs } from './config-support.js'

/** Base and max RPU are values AWS accepts. */
export const rpuValuesCheck: Check = defineCheck({
  id: 'config/rpu-values',
  title: 'RPU capacities are allowed values',
  group: 'config',
  inputs: configInputs,
  async run(config, ctx) {
    const { limits } = ctx
    const out: Finding[] = []
    for (const { role, warehouse: w } of warehousesOf(config)) {
      const ev = { role, baseRpu: w.baseRpu, maxRpu: w.maxRpu, region: config.region ?? null }
      const field = role === 'producer' ? 'producer' : `consumer ${JSON.stringify(w.name)}`
      if (!isAllowedBaseRpu(w.baseRpu, limits, undefined)) {
        const near = nearestBaseRpu(w.baseRpu, limits)
        out.push(
          findings.fail(
            `${field}: base capacity ${w.baseRpu} RPU is not an allowed value`,
            { ...ev, nearestAllowed: near },
            `Use ${limits.minBaseRpu}, a multiple of 8 from 8 to 512, or a multiple of 32 from 512 to 1024 (nearest: ${near.join(' or ')}).`,
            w.workgroup,
          ),
        )
      } else if (
        limits.regionalBaseRpu.includes(w.baseRpu) &&
        !isAllowedBaseRpu(w.baseRpu, limits, config.region)
      ) {
        out.push(
          findings.fail(
            `${field}: base capacity ${w.baseRpu} RPU is not offered in ${config.region}`,
            { ...ev, regions: limits.regionalBaseRpuRegions },
            `Use ${Math.max(...limits.baseRpuLadders.flatMap(([from, to]) => [from, to]).filter((v) => v < Math.min(...limits.regionalBaseRpu)))} RPU or less, or deploy in one of ${limits.regionalBaseRpuRegions.join(', ')}.`,
            w.workgroup,
          ),
        )
      } else if (limits.regionalBaseRpu.includes(w.baseRpu) && config.region === undefined) {
        out.push(
          findings.warn(
            `${field}: base capacity ${w.baseRpu} RPU exists only in some regions and no region is configured`,
            { ...ev, regions: limits.regionalBaseRpuRegions },
            `Set the region; ${w.baseRpu} RPU is offered only in ${limits.regionalBaseRpuRegions.join(', ')}.`,
            w.workgroup,
          ),
        )
      } else if (w.maxRpu < w.baseRpu) {
        out.push(
          findings.fail(
            `${field}: max capacity ${w.maxRpu} RPU is below base capacity ${w.baseRpu} RPU`,
            ev,
            `Set maxRpu to at least ${w.baseRpu}.`,
            w.workgroup,
          ),
        )
      } else if (w.maxRpu > limits.maxRpuCeiling) {
        out.push(
          findings.fail(
            `${field}: max capacity ${w.maxRpu} RPU is above the ceiling of ${limits.maxRpuCeiling} RPU`,
            { ...ev, ceiling: limits.maxRpuCeiling },
            `Set maxRpu to ${limits.maxRpuCeiling} or less.`,
            w.workgroup,
          ),
        )
      } else {
        out.push(findings.ok(`${field}: ${w.baseRpu}–${w.maxRpu} RPU`, ev, w.workgroup))
      }
    }
    return out
  },
})
