// Column groups draw from their own random streams (TPC-DS dsdgen's one stream per column):
// adding a column with a stream of its own must leave every other column's values as they
// were. Two tests show it: `baggage_fee`, added by migration 0002, generated with and without
// its group; and, for every group of every table with random columns, giving the group
// another stream changes only the columns that depend on that group.
import { describe, expect, it } from 'vitest'
import { parseIsoDate } from '../src/csv/csv-format.js'
import { ByteBuffer } from '../src/csv/row-encoder.js'
import { type ColumnSources, compileRowWriter } from '../src/csv/row-writer.js'
import { createPlan } from '../src/plan.js'
import { GROUP_STREAM } from '../src/random/prng.js'
import {
  BOOKING_RUNS,
  BOOKING_SOURCES,
  BookingRowContext,
} from '../src/tables/booking-row-writer.js'
import { BookingSim, type BookingStreams } from '../src/tables/booking-sim.js'
import { buildCustomerPools } from '../src/tables/customer-pools.js'
import { type CustomerStreams, DimCustomerGenerator } from '../src/tables/dim-customer-generator.js'
import { FlightOperationsGenerator } from '../src/tables/flight-operations-generator.js'
import { OperationSim, type OperationStreams } from '../src/tables/operation-sim.js'
import { World } from '../src/world/world.js'

// Scale 0.05: 321 operations, so the first OPS are all the data set's (at 0.01 most of them were
// past its 64, in the schedule's continuation, whose days moved when the calendar got headroom).
const plan = createPlan({ seed: 7, scale: 0.05 })
const world = new World({
  seed: plan.seed,
  scale: plan.scale,
  startDay: parseIsoDate(plan.startDate) as number,
  days: plan.days,
  headroomDays: plan.headroomDays,
})
const OPS = 150
const columnsOf = (table: string) => plan.tables.find((t) => t.name === table)?.columns ?? []

/** Splits CSV lines into fields (quoted fields may hold commas). */
function fields(csv: string): string[][] {
  return csv
    .split('\n')
    .filter(Boolean)
    .map((line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.slice(0, -1) ?? [])
    .map((cells) => cells.map((c) => c.replace(/,$/, '')))
}

/** The columns whose values differ anywhere between two outputs of one table. */
function changedColumns(table: string, a: string, b: string): string[] {
  const names = columnsOf(table)
  const ra = fields(a)
  const rb = fields(b)
  expect(rb.length).toBe(ra.length)
  expect(ra.every((row) => row.length === names.length)).toBe(true)
  const changed = new Set<string>()
  ra.forEach((row, i) => {
    const other = rb[i] as string[]
    row.forEach((value, c) => {
      if (value !== other[c]) changed.add(names[c] as string)
    })
  })
  return names.filter((n) => changed.has(n))
}

type BookingColumns = (typeof plan.specs.fact_bookings)['columns']

/** `fact_bookings` CSV of the first operations, from a simulator and a writer made here. */
function bookingsCsv(
  sim: BookingSim,
  columns: BookingColumns = plan.specs.fact_bookings.columns,
  sources: ColumnSources<BookingColumns, never, never> = BOOKING_SOURCES as never,
): string {
  const write = compileRowWriter({ name: 'fact_bookings', columns }, sources as never, {
    runs: BOOKING_RUNS as never,
  })
  const context = new BookingRowContext(world)
  const ops = new OperationSim(world)
  const out = new ByteBuffer(1 << 16)
  let key = 1
  for (let op = 0; op < OPS; op++) {
    const s = ops.simulate(op)
    context.operation(s.flightKey, op + 1, s.dateIndex)
    sim.run(s, key, (v) => write(out, v as never, context as never))
    key += s.bookingCount
  }
  return Buffer.from(out.finish()).toString('utf8')
}

const restreamed = <G extends string>(streams: Readonly<Record<G, number>>, group: G) => ({
  ...streams,
  [group]: streams[group] + 0x10000,
})

describe('column groups draw from their own streams', () => {
  it('adding baggage_fee (migration 0002) left every other fact_bookings column as it was', () => {
    // Before: the model without the column, the simulator without its group (nothing drawn).
    const { baggage_fee: _, ...before } = plan.specs.fact_bookings.columns
    const { baggage_fee: __, ...beforeSources } = BOOKING_SOURCES
    const old = fields(
      bookingsCsv(
        new BookingSim(world.seatMul, { excessBaggage: false }),
        before as BookingColumns,
        beforeSources as never,
      ),
    )
    const now = fields(bookingsCsv(new BookingSim(world.seatMul)))
    expect(now.length).toBeGreaterThan(10_000)
    expect(now.map((row) => row.slice(0, -1).join(',')).join('\n')).toBe(
      old.map((row) => row.join(',')).join('\n'),
    )
    // The new column is last and is drawn: most bookings pay nothing, some pay a fee.
    const fees = now.map((row) => row.at(-1))
    expect(fees.filter((f) => f !== '0.00').length).toBeGreaterThan(50)
    expect(fees.filter((f) => f === '0.00').length).toBeGreaterThan(0.9 * fees.length)
  })

  // Which columns each group may change (the group's own, and those computed from them).
  const BOOKING_DEPENDENTS: Record<keyof BookingStreams, readonly string[]> = {
    lead: [
      'booking_date_key',
      'fare_class',
      'booking_status',
      'lead_time_days',
      'base_fare',
      'taxes',
      'total_amount',
      'miles_earned',
      'miles_redeemed',
      'is_refunded',
      'refund_amount',
      'created_at',
    ],
    customer: ['customer_key', 'bag_fees', 'total_amount', 'refund_amount', 'miles_earned'],
    channel: ['booking_channel', 'fees', 'total_amount', 'refund_amount'],
    fare: ['base_fare', 'taxes', 'total_amount', 'miles_earned', 'miles_redeemed', 'refund_amount'],
    fees: ['fees', 'total_amount', 'refund_amount'],
    bags: ['bags_checked', 'bag_fees', 'total_amount', 'refund_amount', 'baggage_fee'],
    created: ['created_at'],
    // The cabin of a customer's cancellation, and everything a cabin decides for it.
    cancel: columnsOf('fact_bookings').filter(
      (c) => !['booking_key', 'booking_reference', 'flight_key', 'operation_key'].includes(c),
    ),
    baggage: ['baggage_fee'],
  }

  let baseBookings: string | undefined
  it.each(Object.keys(GROUP_STREAM.booking) as (keyof BookingStreams)[])(
    'fact_bookings: another stream for group %s changes only the columns that depend on it',
    (group) => {
      baseBookings ??= bookingsCsv(new BookingSim(world.seatMul))
      const base = baseBookings
      const other = bookingsCsv(
        new BookingSim(world.seatMul, { streams: restreamed(GROUP_STREAM.booking, group) }),
      )
      const changed = changedColumns('fact_bookings', base, other)
      expect(changed.length).toBeGreaterThan(0)
      expect(changed.filter((c) => !BOOKING_DEPENDENTS[group].includes(c))).toEqual([])
    },
  )

  const OPERATION_DEPENDENTS: Record<keyof OperationStreams, readonly string[]> = {
    equipment: ['aircraft_key'],
    // A cancellation or diversion blanks the flown columns and the passengers.
    disruption: columnsOf('fact_flight_operations').filter(
      (c) =>
        ![
          'operation_key',
          'flight_key',
          'date_key',
          'origin_airport_key',
          'destination_airport_key',
          'aircraft_key',
          'scheduled_departure',
          'scheduled_arrival',
        ].includes(c),
    ),
    delay: [
      'actual_departure',
      'actual_arrival',
      'departure_delay_minutes',
      'arrival_delay_minutes',
      'carrier_delay_minutes',
      'weather_delay_minutes',
      'nas_delay_minutes',
      'security_delay_minutes',
      'late_aircraft_delay_minutes',
      'taxi_out_minutes',
      'taxi_in_minutes',
      'flight_status',
    ],
    gates: ['departure_gate', 'arrival_gate'],
    load: [
      'passengers_first',
      'passengers_business',
      'passengers_premium_economy',
      'passengers_economy',
      'total_passengers',
    ],
    cargo: ['cargo_weight_kg', 'mail_weight_kg'],
  }

  const operationsCsv = (streams?: OperationStreams) =>
    Buffer.from(
      new FlightOperationsGenerator(
        world,
        plan.specs.fact_flight_operations,
        new OperationSim(world, streams),
      ).write(0, OPS).data,
    ).toString('utf8')

  it.each(Object.keys(GROUP_STREAM.operation) as (keyof OperationStreams)[])(
    'fact_flight_operations: another stream for group %s changes only the columns that depend on it',
    (group) => {
      const changed = changedColumns(
        'fact_flight_operations',
        operationsCsv(),
        operationsCsv(restreamed(GROUP_STREAM.operation, group)),
      )
      expect(changed.length).toBeGreaterThan(0)
      expect(changed.filter((c) => !OPERATION_DEPENDENTS[group].includes(c))).toEqual([])
    },
  )

  const CUSTOMER_DEPENDENTS: Record<keyof CustomerStreams, readonly string[]> = {
    person: ['first_name', 'last_name', 'email', 'gender'],
    home: ['phone', 'city', 'state', 'country_code'],
    dates: ['birth_date', 'join_date', 'created_at'],
    miles: ['lifetime_miles'],
  }
  const pools = buildCustomerPools(plan.seed)
  const customersCsv = (streams?: CustomerStreams) =>
    Buffer.from(
      new DimCustomerGenerator(world, plan.specs.dim_customer, pools, streams).write(0, 2000).data,
    ).toString('utf8')

  it.each(Object.keys(GROUP_STREAM.customer) as (keyof CustomerStreams)[])(
    'dim_customer: another stream for group %s changes only the columns that depend on it',
    (group) => {
      const changed = changedColumns(
        'dim_customer',
        customersCsv(),
        customersCsv(restreamed(GROUP_STREAM.customer, group)),
      )
      expect(changed.length).toBeGreaterThan(0)
      expect(changed.filter((c) => !CUSTOMER_DEPENDENTS[group].includes(c))).toEqual([])
    },
  )
})
