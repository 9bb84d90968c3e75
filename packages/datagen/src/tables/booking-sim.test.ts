import { describe, expect, it } from 'vitest'
import { Rng } from '../random/prng.js'
import {
  CABIN_LEAD,
  LEAD_BUCKET_SHIFT,
  leadDays,
  leadDaysOf,
  leadTable,
  tierBounds,
  tierIn,
  tierOfRank,
} from './booking-sim.js'

describe('lead-time bucket table', () => {
  const table = leadTable()
  const buckets = 2 ** (32 - LEAD_BUCKET_SHIFT)
  const width = 2 ** LEAD_BUCKET_SHIFT
  // Compared as lead times (1 + days): the formula gives −0 for a draw of 0.
  const viaTable = (x: number, k: number) => 1 + leadDays(table, k, x)
  const direct = (x: number, k: number) => 1 + leadDaysOf(x, CABIN_LEAD[k] as number)

  it('gives the formula exactly at every bucket edge', () => {
    const wrong: number[][] = []
    for (let k = 0; k < 4; k++)
      for (let b = 0; b < buckets; b++)
        for (const x of [b * width, b * width + 1, (b + 1) * width - 2, (b + 1) * width - 1])
          if (viaTable(x, k) !== direct(x, k)) wrong.push([k, x])
    expect(wrong).toEqual([])
  })

  it('gives the formula exactly for random draws, and leaves few buckets to it', () => {
    const r = new Rng(42, 0, 0)
    const wrong: number[][] = []
    for (let i = 0; i < 200_000; i++) {
      const x = r.u32()
      if (viaTable(x, i & 3) !== direct(x, i & 3)) wrong.push([i & 3, x])
    }
    expect(wrong).toEqual([])
    const split = table.filter((v) => v < 0).length
    expect(split / table.length).toBeLessThan(0.05)
  })
})

describe('tier bounds', () => {
  it('classify every rank as tierOfRank does', () => {
    for (const count of [1, 2, 3, 49, 50, 51, 500, 4_321, 74_767]) {
      const b = tierBounds(count)
      for (let rank = 0; rank < count; rank++)
        if (tierIn(b, rank) !== tierOfRank(rank, count))
          expect({ count, rank, tier: tierIn(b, rank) }).toBe(tierOfRank(rank, count))
    }
  })
})
