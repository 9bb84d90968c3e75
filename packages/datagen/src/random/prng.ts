/**
 * A small, fast, seedable PRNG (sfc32, from PractRand) plus a 32-bit integer hash used to
 * derive independent streams. Every row (or flight operation) gets its own streams seeded from
 * (seed, table, key), so output never depends on how key ranges are split into chunks or on
 * how many workers generate them — the property TPC-DS's dsdgen gets from per-child seeds.
 * Within a table each column group draws from a stream of its own (seed, table + group, key),
 * dsdgen's one stream per column: a new column with a new group leaves every other column's
 * values as they were.
 */

/** murmur3's finaliser: a bijective avalanche mix of a 32-bit integer. */
export function mix32(value: number): number {
  let h = value | 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/**
 * Stream ids: one per table (or purpose), so two tables never share random numbers. Customers,
 * operations and bookings draw from their column groups' streams (`GROUP_STREAM`, whose ids
 * put these in the high byte); their ids here stay reserved.
 */
export const STREAM = Object.freeze({
  world: 1,
  date: 2,
  airport: 3,
  aircraft: 4,
  flight: 5,
  customer: 6,
  operation: 7,
  booking: 8,
  pools: 9,
})

/**
 * Column-group streams, `(table stream << 8) | group`: each group of columns draws only from
 * its own stream, reseeded per key, so adding a group (a new column) or changing how many
 * numbers one group draws never moves another group's values. A new column takes a new id;
 * ids are never reused or renumbered (that would change every value of the group).
 */
export const GROUP_STREAM = Object.freeze({
  /** dim_customer, per customer key. */
  customer: Object.freeze({ person: 0x601, home: 0x602, dates: 0x603, miles: 0x604 }),
  /** The flight-operation simulation, per operation (fact_flight_operations and what follows it). */
  operation: Object.freeze({
    equipment: 0x701,
    disruption: 0x702,
    delay: 0x703,
    gates: 0x704,
    load: 0x705,
    cargo: 0x706,
  }),
  /** fact_bookings, per operation (every booking of the operation draws in turn). */
  booking: Object.freeze({
    lead: 0x801,
    customer: 0x802,
    channel: 0x803,
    fare: 0x804,
    fees: 0x805,
    bags: 0x806,
    created: 0x807,
    cancel: 0x808,
    baggage: 0x809,
  }),
})
export type CustomerGroup = keyof (typeof GROUP_STREAM)['customer']
export type OperationGroup = keyof (typeof GROUP_STREAM)['operation']
export type BookingGroup = keyof (typeof GROUP_STREAM)['booking']

/** 2^−32: a u32 draw times this is a uniform float in [0, 1). */
export const INV_2_32 = 1 / 4294967296

/** sfc32: 128-bit state, passes PractRand to 2^42+ bytes, ~1 ns per number in V8. */
export class Rng {
  private a = 0
  private b = 0
  private c = 0
  private d = 1

  constructor(seed = 0, stream = 0, key = 0) {
    this.reseed(seed, stream, key)
  }

  /** Re-initialises the state from (seed, stream, key); cheap enough to call per row. */
  reseed(seed: number, stream: number, key: number): this {
    const k = mix32(key ^ Math.imul(stream, 0x27d4eb2f))
    this.a = mix32(seed ^ 0x9e3779b9)
    this.b = mix32(k + 0x632be5ab)
    this.c = mix32(Math.imul(seed, 0x165667b1) ^ k)
    this.d = 1
    for (let i = 0; i < 8; i++) this.u32()
    return this
  }

  /** A uniform unsigned 32-bit integer. */
  u32(): number {
    const a = this.a
    const b = this.b
    const c = this.c
    const t = (((a + b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = b ^ (b >>> 9)
    this.b = (c + (c << 3)) | 0
    this.c = (((c << 21) | (c >>> 11)) + t) | 0
    return t >>> 0
  }

  /** A uniform float in [0, 1). */
  float(): number {
    return this.u32() * INV_2_32
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n)
  }

  /** A uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1))
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p
  }

  /**
   * An approximately standard normal variate (Irwin–Hall of 4 uniforms, scaled). The four
   * draws are summed as integers in one loop: every partial sum of uniforms k·2^−32 below 4 is
   * exact in a double, so this equals adding the four floats, and the loop keeps the method
   * small enough for V8 to inline into hot callers.
   */
  normal(): number {
    let a = this.a
    let b = this.b
    let c = this.c
    let d = this.d
    let sum = 0
    for (let i = 0; i < 4; i++) {
      const t = (((a + b) | 0) + d) | 0
      d = (d + 1) | 0
      a = b ^ (b >>> 9)
      b = (c + (c << 3)) | 0
      c = (((c << 21) | (c >>> 11)) + t) | 0
      sum += t >>> 0
    }
    this.a = a
    this.b = b
    this.c = c
    this.d = d
    return (sum * INV_2_32 - 2) * 1.7320508075688772
  }

  /** An exponential variate with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.float()) * mean
  }

  /** Index drawn from a cumulative distribution (ascending, last element 1). */
  pick(cumulative: Float64Array | readonly number[]): number {
    const u = this.float()
    const n = cumulative.length
    for (let i = 0; i < n - 1; i++) if (u < (cumulative[i] as number)) return i
    return n - 1
  }
}

/** Turns weights into a cumulative distribution ending at exactly 1. */
export function cumulative(weights: readonly number[]): Float64Array {
  const total = weights.reduce((s, w) => s + w, 0)
  const out = new Float64Array(weights.length)
  let acc = 0
  for (let i = 0; i < weights.length; i++) {
    acc += (weights[i] as number) / total
    out[i] = acc
  }
  out[weights.length - 1] = 1
  return out
}
