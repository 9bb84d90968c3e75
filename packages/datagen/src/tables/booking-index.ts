import type { World } from '../world/world.js'
import { OperationSim } from './operation-sim.js'

/** Operations per block of the booking-key index. */
export const BOOKING_BLOCK = 256

/** Operations sampled to estimate the booking count without simulating every operation. */
const ESTIMATE_SAMPLES = 256

/**
 * Booking keys are contiguous (1 … N) in operation order. To start generating at any
 * operation, the number of bookings of all earlier operations is kept per block of 256
 * operations (the operation simulation is cheap; the bookings are not).
 *
 * The block table is built on first use, by simulating every operation: ~50 ms at scale 1
 * while that code is still cold, a fifth of that once generation has warmed it up. So a plan
 * does not build it up front: keys in the first block need no table, and by the time another
 * part (or a caller reading the exact row count) needs it, the simulation is warm.
 */
export class BookingIndex {
  readonly #sim: OperationSim
  readonly #opsTotal: number
  #prefix: Float64Array | undefined
  #estimate: number | undefined

  constructor(world: World, prefix?: Float64Array) {
    this.#sim = new OperationSim(world)
    this.#opsTotal = world.opsTotal
    this.#prefix = prefix
  }

  /** `prefix[b]` = bookings of operations before block b; last entry = total. Built on first use. */
  get prefix(): Float64Array {
    this.#prefix ??= this.#build()
    return this.#prefix
  }

  /** Whether the block table has been built (or was handed in). */
  get built(): boolean {
    return this.#prefix !== undefined
  }

  #build(): Float64Array {
    const ops = this.#opsTotal
    const blocks = Math.ceil(ops / BOOKING_BLOCK)
    const prefix = new Float64Array(blocks + 1)
    let total = 0
    for (let op = 0; op < ops; op++) {
      if (op % BOOKING_BLOCK === 0) prefix[op / BOOKING_BLOCK] = total
      total += this.#sim.simulate(op).bookingCount
    }
    prefix[blocks] = total
    return prefix
  }

  get total(): number {
    const prefix = this.prefix
    return prefix[prefix.length - 1] as number
  }

  /**
   * Bookings of operations [0, op), as an int32 whichever way it was found (booking keys stay
   * below 2^31): every part then hands the row writers keys of one number representation, so
   * V8 never recompiles them when a part that starts from the table follows one that did not.
   */
  before(op: number): number {
    // Past the data set (days appended by day batches): its total, then those operations.
    if (op > this.#opsTotal) return this.#after(op)
    const block = Math.floor(op / BOOKING_BLOCK)
    let n = block === 0 ? 0 : (this.prefix[block] as number)
    for (let o = block * BOOKING_BLOCK; o < op; o++) n += this.#sim.simulate(o).bookingCount
    return n | 0
  }

  /** Bookings before `op` for an operation past the data set's (the schedule's appended days). */
  #after(op: number): number {
    let n = this.total
    for (let o = this.#opsTotal; o < op; o++) n += this.#sim.simulate(o).bookingCount
    return n | 0
  }

  /**
   * The expected booking count, from an even sample of operations (a pure function of the
   * world, so plans that use it stay deterministic); within a few per cent of `total`.
   */
  estimate(): number {
    if (this.#estimate === undefined) {
      const ops = this.#opsTotal
      const n = Math.min(ops, ESTIMATE_SAMPLES)
      let sum = 0
      for (let i = 0; i < n; i++)
        sum += this.#sim.simulate(Math.floor(((i + 0.5) * ops) / n)).bookingCount
      this.#estimate = Math.round((sum / n) * ops)
    }
    return this.#estimate
  }
}
