import { ByteBuffer } from '../csv/row-encoder.js'
import type { World } from '../world/world.js'
import type { BookingIndex } from './booking-index.js'
import { BookingRowWriter } from './booking-row-writer.js'
import { BookingSim, type BookingValues } from './booking-sim.js'
import { OperationSim } from './operation-sim.js'
import { type OperationTotalsSink, TOTALS_STRIDE } from './operation-totals.js'
import type { TableGenerator } from './table-generator.js'
import type { TableSpecs } from './table-specs.js'

/** `fact_bookings`: every booking of every flight operation (keys are operations). */
export class BookingsGenerator implements TableGenerator {
  readonly table: TableSpecs['fact_bookings']
  readonly keyCount: number
  readonly #index: BookingIndex
  readonly #op: OperationSim
  readonly #bookings: BookingSim
  readonly #writer: BookingRowWriter
  /** The chunk being written, and one emit callback for every chunk: a fresh closure per
   * chunk would be a new call target in BookingSim.run each time, which deoptimises it. */
  #out: ByteBuffer | undefined
  readonly #emit = (v: BookingValues) => this.#writer.write(this.#out as ByteBuffer, v)
  /** Receives each written chunk's per-operation revenue totals (for `fact_daily_revenue`). */
  totalsSink: OperationTotalsSink | undefined
  /** Next booking key if generation continues at #nextOp (saves re-deriving it per chunk). */
  #nextOp = -1
  #nextKey = 0
  /**
   * Bytes to reserve per operation of a chunk: half again the expected bookings per operation
   * (the index's estimate), at 176 bytes a row. A chunk of widebody operations may still grow
   * its buffer.
   */
  readonly #bytesPerOp: number

  constructor(world: World, index: BookingIndex, spec: TableSpecs['fact_bookings']) {
    this.table = spec
    this.#writer = new BookingRowWriter(world, spec)
    this.#index = index
    this.#op = new OperationSim(world)
    this.#bookings = new BookingSim(world.seatMul)
    this.#writer.warmUp(this.#bookings.values)
    this.keyCount = world.opsTotal
    this.#bytesPerOp = Math.ceil((1.5 * 176 * index.estimate()) / world.opsTotal)
  }

  write(from: number, to: number, reuse?: ByteBuffer) {
    const writer = this.#writer
    const emit = this.#emit
    let key = from === this.#nextOp ? this.#nextKey : this.#index.before(from)
    const out = ByteBuffer.into(reuse, (to - from) * this.#bytesPerOp + 4096)
    this.#out = out
    let rows = 0
    const sink = this.totalsSink
    const totals = sink ? new Float64Array((to - from) * TOTALS_STRIDE) : undefined
    for (let op = from; op < to; op++) {
      const s = this.#op.simulate(op)
      writer.operation(s.flightKey, op + 1, s.dateIndex)
      this.#bookings.run(s, key + 1, emit)
      if (totals) this.#bookings.storeTotals(totals, (op - from) * TOTALS_STRIDE)
      key += s.bookingCount
      rows += s.bookingCount
    }
    if (sink && totals) sink(from, totals)
    this.#nextOp = to
    this.#nextKey = key
    this.#out = undefined
    return { data: out.finish(), rows }
  }
}
