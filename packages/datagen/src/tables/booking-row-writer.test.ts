import { describe, expect, it } from 'vitest'
import { parseIsoDate } from '../csv/csv-format.js'
import { ByteBuffer } from '../csv/row-encoder.js'
import { type ColumnSources, compileRowWriter } from '../csv/row-writer.js'
import { createPlan } from '../plan.js'
import { World } from '../world/world.js'
import { BOOKING_SOURCES, type BookingRowContext, BookingRowWriter } from './booking-row-writer.js'
import { BookingSim, type BookingValues, bookingReference, STATUSES } from './booking-sim.js'
import { OperationSim } from './operation-sim.js'
import type { TableSpecs } from './table-specs.js'

/**
 * The same columns with every value handed to the writer its model type picks: no pre-encoded
 * words, no fused runs. What the fast paths must reproduce byte for byte.
 */
const PLAIN: ColumnSources<
  TableSpecs['fact_bookings']['columns'],
  BookingValues,
  BookingRowContext
> = {
  ...BOOKING_SOURCES,
  booking_reference: (v) => bookingReference(v.key),
  seat_number: (v) => (v.seat === undefined ? null : Buffer.from(v.seat).toString('latin1')),
  currency: () => 'USD',
}

describe('BookingRowWriter', () => {
  it('writes exactly what the model-typed writers write for the same bookings (pre-encoded sources and fused runs)', () => {
    const plan = createPlan({ seed: 11, scale: 0.01, tables: ['fact_bookings'] })
    const world = new World({
      seed: plan.seed,
      scale: plan.scale,
      startDay: parseIsoDate(plan.startDate) as number,
      days: plan.days,
      headroomDays: plan.headroomDays,
    })
    const spec = plan.specs.fact_bookings
    const plain = compileRowWriter(spec, PLAIN)
    const writer = new BookingRowWriter(world, spec)
    const fast = new ByteBuffer(1024)
    const reference = new ByteBuffer(1024)
    const ops = new OperationSim(world)
    const sim = new BookingSim(world.seatMul)
    let key = 1
    let rows = 0
    const seen = new Set<string>()
    // Every operation of the first days: cancelled flights, refunds, awards, excess baggage
    // and seatless rows.
    for (let op = 0; op < Math.min(world.opsTotal, 400); op++) {
      const s = ops.simulate(op)
      writer.operation(s.flightKey, op + 1, s.dateIndex)
      sim.run(s, key, (v) => {
        writer.write(fast, v)
        plain(reference, v, writer.context)
        seen.add(`${STATUSES[v.status]}/${v.seat === undefined ? 'no seat' : 'seat'}`)
        if (v.baggageFee > 0) seen.add('excess baggage')
        rows++
      })
      key += s.bookingCount
    }
    expect(rows).toBeGreaterThan(10_000)
    expect(seen).toEqual(
      new Set(['CONFIRMED/seat', 'CANCELLED/no seat', 'REFUNDED/no seat', 'excess baggage']),
    )
    expect(Buffer.from(fast.finish()).equals(Buffer.from(reference.finish()))).toBe(true)
  })
})
