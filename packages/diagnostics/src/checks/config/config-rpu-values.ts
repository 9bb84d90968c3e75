import type { Check, Finding } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { warehousesOf } from '../../config/diagnostics-config.js'
import { isAllowedBaseCapacity, nearestBaseCapacity } from '../../facts/aws-limits.js'
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
      const ev = {
        role,
        baseCapacity: w.baseCapacity,
        maxCapacity: w.maxCapacity,
        region: config.region ?? null,
      }
      const field = role === 'producer' ? 'producer' : `consumer ${JSON.stringify(w.name)}`
      if (!isAllowedBaseCapacity(w.baseCapacity, limits, undefined)) {
        const near = nearestBaseCapacity(w.baseCapacity, limits)
        out.push(
          findings.fail(
            `${field}: base capacity ${w.baseCapacity} RPU is not an allowed value`,
            { ...ev, nearestAllowed: near },
            `Use ${limits.minBaseCapacity}, a multiple of 8 from 8 to 512, or a multiple of 32 from 512 to 1024 (nearest: ${near.join(' or ')}).`,
            w.workgroup,
          ),
        )
      } else if (
        limits.regionalBaseCapacities.includes(w.baseCapacity) &&
        !isAllowedBaseCapacity(w.baseCapacity, limits, config.region)
      ) {
        out.push(
          findings.fail(
            `${field}: base capacity ${w.baseCapacity} RPU is not offered in ${config.region}`,
            { ...ev, regions: limits.regionalBaseCapacityRegions },
            `Use ${Math.max(...limits.baseCapacityLadders.flatMap(([from, to]) => [from, to]).filter((v) => v < Math.min(...limits.regionalBaseCapacities)))} RPU or less, or deploy in one of ${limits.regionalBaseCapacityRegions.join(', ')}.`,
            w.workgroup,
          ),
        )
      } else if (
        limits.regionalBaseCapacities.includes(w.baseCapacity) &&
        config.region === undefined
      ) {
        out.push(
          findings.warn(
            `${field}: base capacity ${w.baseCapacity} RPU exists only in some regions and no region is configured`,
            { ...ev, regions: limits.regionalBaseCapacityRegions },
            `Set the region; ${w.baseCapacity} RPU is offered only in ${limits.regionalBaseCapacityRegions.join(', ')}.`,
            w.workgroup,
          ),
        )
      } else if (w.maxCapacity < w.baseCapacity) {
        out.push(
          findings.fail(
            `${field}: max capacity ${w.maxCapacity} RPU is below base capacity ${w.baseCapacity} RPU`,
            ev,
            `Set maxCapacity to at least ${w.baseCapacity}.`,
            w.workgroup,
          ),
        )
      } else if (w.maxCapacity > limits.maxCapacityCeiling) {
        out.push(
          findings.fail(
            `${field}: max capacity ${w.maxCapacity} RPU is above the ceiling of ${limits.maxCapacityCeiling} RPU`,
            { ...ev, ceiling: limits.maxCapacityCeiling },
            `Set maxCapacity to ${limits.maxCapacityCeiling} or less.`,
            w.workgroup,
          ),
        )
      } else {
        out.push(findings.ok(`${field}: ${w.baseCapacity}–${w.maxCapacity} RPU`, ev, w.workgroup))
      }
    }
    return out
  },
})
