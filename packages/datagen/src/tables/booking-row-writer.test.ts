import { describe, expect, it } from 'vitest'
import { parseIsoDate } from '../csv/csv-format.js'
import { ByteBuffer, compileRowEncoder } from '../csv/row-encoder.js'
import { createPlan } from '../plan.js'
import { CABINS } from '../reference/realism.js'
import { World } from '../world/world.js'
import { BookingRowWriter } from './booking-row-writer.js'
import {
  BookingSim,
  bookingReference,
  CHANNELS,
  FARE_CLASSES,
  REFUNDED,
  STATUSES,
} from './booking-sim.js'
import { OperationSim } from './operation-sim.js'

describe('BookingRowWriter', () => {
  it('writes exactly what the model-compiled encoder writes for the same bookings', () => {
    const plan = createPlan({ seed: 11, scale: 0.01, tables: ['fact_bookings'] })
    const world = new World({
      seed: plan.seed,
      scale: plan.scale,
      startDay: parseIsoDate(plan.startDate) as number,
      days: plan.days,
    })
    const spec = plan.specs.fact_bookings
    const { row: r, encode } = compileRowEncoder(spec)
    const writer = new BookingRowWriter(world)
    const fast = new ByteBuffer(1024)
    const reference = new ByteBuffer(1024)
    const ops = new OperationSim(world)
    const sim = new BookingSim(world.seatMul)
    let key = 1
    let rows = 0
    const seen = new Set<string>()
    // Every operation of the first days: cancelled flights, refunds, awards and seatless rows.
    for (let op = 0; op < Math.min(world.opsTotal, 400); op++) {
      const s = ops.simulate(op)
      writer.operation(s.flightKey, op + 1, s.dateIndex)
      sim.run(s, key, (v) => {
        writer.write(fast, v)
        Object.assign(r, {
          booking_key: v.key,
          booking_reference: bookingReference(v.key),
          customer_key: v.customerKey,
          flight_key: s.flightKey,
          operation_key: op + 1,
          booking_date_key: world.dateKey[v.bookingDateIndex],
          flight_date_key: world.dateKey[s.dateIndex],
          cabin_class: CABINS[v.cabin],
          fare_class: FARE_CLASSES[v.fareClass],
          booking_channel: CHANNELS[v.channel],
          booking_status: STATUSES[v.status],
          seat_number: v.seat === undefined ? null : Buffer.from(v.seat).toString('latin1'),
          lead_time_days: v.lead,
          base_fare: v.baseFare,
          taxes: v.taxes,
          fees: v.fees,
          bags_checked: v.bags,
          bag_fees: v.bagFees,
          total_amount: v.total,
          currency: 'USD',
          miles_earned: v.milesEarned,
          miles_redeemed: v.milesRedeemed,
          is_refunded: v.status === REFUNDED,
          refund_amount: v.refund,
          created_at: v.createdAt,
        })
        encode(reference, r)
        seen.add(`${STATUSES[v.status]}/${v.seat === undefined ? 'no seat' : 'seat'}`)
        rows++
      })
      key += s.bookingCount
    }
    expect(rows).toBeGreaterThan(10_000)
    expect(seen).toEqual(new Set(['CONFIRMED/seat', 'CANCELLED/no seat', 'REFUNDED/no seat']))
    expect(Buffer.from(fast.finish()).equals(Buffer.from(reference.finish()))).toBe(true)
  })
})
