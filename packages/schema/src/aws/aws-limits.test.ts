import { describe, expect, it } from 'vitest'
import {
  BASE_CAPACITY_VALUES,
  freeIpsPerSubnet,
  isAllowedBaseCapacity,
  isAllowedMaxCapacity,
  minAvailabilityZones,
  nearestBaseCapacities,
  usableIpsForMask,
} from './aws-limits.js'

// Values from the AWS pages cited in aws-limits.ts (serverless-capacity,
// serverless-usage-considerations, VPC subnet sizing), as FACTS.md records them.
describe('AWS limits (one home for the CLI, infra and diagnostics)', () => {
  it('base capacity: 4, 8–512 by 8, 544–1024 by 32', () => {
    expect(BASE_CAPACITY_VALUES.length).toBe(1 + 64 + 16)
    expect([4, 8, 512, 544, 1024].every((v) => isAllowedBaseCapacity(v))).toBe(true)
    expect([0, 5, 12, 520, 1056].some((v) => isAllowedBaseCapacity(v))).toBe(false)
    expect(nearestBaseCapacities(33)).toEqual([32, 40])
  })

  it('above 512 RPU only in the five Regions the capacity page lists', () => {
    expect(isAllowedBaseCapacity(768, 'us-east-1')).toBe(true)
    expect(isAllowedBaseCapacity(768, 'ap-south-1')).toBe(false)
    expect(isAllowedBaseCapacity(512, 'ap-south-1')).toBe(true)
    expect(isAllowedBaseCapacity(768)).toBe(true) // no Region: the value itself is allowed
  })

  it('max capacity: 4 or a multiple of 8 up to 5632', () => {
    expect([4, 8, 5632].every(isAllowedMaxCapacity)).toBe(true)
    expect([6, 5640, 12.5].some(isAllowedMaxCapacity)).toBe(false)
  })

  it('free IPs per subnet and AZs, with and without enhanced VPC routing', () => {
    expect(freeIpsPerSubnet(4, true)).toBe(9)
    expect(freeIpsPerSubnet(128, true)).toBe(37)
    expect(freeIpsPerSubnet(544, true)).toBe(261)
    expect(freeIpsPerSubnet(1024, false)).toBe(3)
    expect([minAvailabilityZones(true), minAvailabilityZones(false)]).toEqual([3, 2])
    expect(usableIpsForMask(23)).toBe(507)
  })
})
