import { describe, expect, it } from 'vitest'
import { AIRPORTS } from '../reference/airports.js'
import {
  TZ_TABLE_END_DAY,
  TZ_TABLE_FIRST_DAY,
  TZ_TRANSITIONS,
} from '../reference/tz-transitions.js'
import { utcOffsets } from './time-zones.js'

const zones = [...new Set(AIRPORTS.map((a) => a.tz))]
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000

describe('utcOffsets', () => {
  it('has a table row for every airport zone', () => {
    expect(Object.keys(TZ_TRANSITIONS).sort()).toEqual([...zones].sort())
  })

  it("gives the platform tz database's offsets from the table, every zone and day of 2000–2040 (else regenerate it: scripts/tz-table.mjs)", () => {
    const count = TZ_TABLE_END_DAY - TZ_TABLE_FIRST_DAY
    const table = utcOffsets(zones, TZ_TABLE_FIRST_DAY, count)
    const intl = utcOffsets(zones, TZ_TABLE_FIRST_DAY, count, 'intl')
    zones.forEach((zone, z) => {
      const a = table.subarray(z * count, (z + 1) * count)
      const b = intl.subarray(z * count, (z + 1) * count)
      expect(Array.from(a), zone).toEqual(Array.from(b))
    })
  })

  it('reads windows that start between transitions', () => {
    const ny = zones.indexOf('America/New_York')
    const first = day('2024-03-09')
    const o = utcOffsets(zones, first, 3)
    // 2024-03-10 02:00 EST → EDT: at 12:00 UTC that day New York is already on −4 h.
    expect(Array.from(o.subarray(ny * 3, ny * 3 + 3))).toEqual([-300, -240, -240])
    expect(utcOffsets(zones, day('2031-07-01'), 200)).toEqual(
      utcOffsets(zones, day('2031-07-01'), 200, 'intl'),
    )
  })

  it('asks the platform outside the table: other years, other zones', () => {
    const old = utcOffsets(['America/New_York', 'Asia/Kolkata'], day('1985-01-01'), 400)
    expect(old[0]).toBe(-300)
    expect(old[400]).toBe(330)
    expect(old).toEqual(
      utcOffsets(['America/New_York', 'Asia/Kolkata'], day('1985-01-01'), 400, 'intl'),
    )
    // A zone no airport uses is not in the table.
    expect(utcOffsets(['Asia/Kathmandu'], day('2024-01-01'), 2)[0]).toBe(345)
  })
})
