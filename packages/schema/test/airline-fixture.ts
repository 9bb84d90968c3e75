import type { Insertable, Kysely } from 'kysely'
import type { AirlineDatabase } from '../src/model/database.js'

/**
 * A small hand-written airline: 3 airports, 3 scheduled flights, 10 operations around the
 * January/February 2024 boundary, 7 bookings and 6 daily revenue rows. The expected answers
 * in the query tests are computed by hand from these rows.
 */

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** Calendar rows from `from` to `to` (inclusive, UTC). Holidays are not needed here. */
export function calendar(
  from: string,
  to: string,
): Insertable<AirlineDatabase['airline_dw.dim_date']>[] {
  const out: Insertable<AirlineDatabase['airline_dw.dim_date']>[] = []
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d <= new Date(`${to}T00:00:00Z`);
    d = new Date(d.getTime() + 86_400_000)
  ) {
    const y = d.getUTCFullYear()
    const m = d.getUTCMonth() + 1
    const dow = d.getUTCDay() === 0 ? 7 : d.getUTCDay()
    const thursday = new Date(d.getTime() + (4 - dow) * 86_400_000)
    const week = Math.ceil(
      ((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / 86_400_000 + 1) / 7,
    )
    out.push({
      date_key: y * 10000 + m * 100 + d.getUTCDate(),
      full_date: d.toISOString().slice(0, 10),
      year: y,
      quarter: Math.ceil(m / 3),
      month: m,
      month_name: MONTH_NAMES[m - 1] as string,
      day_of_month: d.getUTCDate(),
      day_of_week: dow,
      day_name: DAY_NAMES[d.getUTCDay()] as string,
      week_of_year: week,
      is_weekend: dow >= 6,
      is_holiday: false,
      holiday_name: null,
      fiscal_year: m >= 10 ? y + 1 : y,
      fiscal_quarter: (Math.ceil(m / 3) % 4) + 1,
    })
  }
  return out
}

const airport = (key: number, code: string, name: string, city: string, state: string) => ({
  airport_key: key,
  airport_code: code,
  airport_name: name,
  city,
  state,
  country: 'United States',
  country_code: 'US',
  region: 'US-CENTRAL',
  latitude: '0',
  longitude: '0',
  timezone: 'America/Chicago',
  valid_from: '2020-01-01',
})

const flight = (key: number, number: string, origin: number, destination: number) => ({
  flight_key: key,
  airline_code: 'RS',
  flight_number: number,
  origin_airport_key: origin,
  destination_airport_key: destination,
  aircraft_key: 1,
  scheduled_departure_time: '08:00',
  scheduled_arrival_time: '10:00',
  scheduled_duration_minutes: 120,
  distance_miles: 800,
  route_type: 'domestic',
  valid_from: '2020-01-01',
})

const ORD = 1
const DFW = 2
const DEN = 3
const ROUTE: Record<number, [number, number]> = { 10: [ORD, DFW], 11: [DFW, ORD], 12: [ORD, DEN] }

const op = (
  key: number,
  flightKey: number,
  dateKey: number,
  status: 'ON_TIME' | 'DELAYED' | 'CANCELLED' | 'DIVERTED',
  arrivalDelay: number | null,
  cancellationCode: string | null = null,
) => {
  const [origin, destination] = ROUTE[flightKey] as [number, number]
  const day = `${String(dateKey).slice(0, 4)}-${String(dateKey).slice(4, 6)}-${String(dateKey).slice(6)}`
  return {
    operation_key: key,
    flight_key: flightKey,
    date_key: dateKey,
    origin_airport_key: origin,
    destination_airport_key: destination,
    aircraft_key: 1,
    scheduled_departure: `${day} 14:00:00`,
    actual_departure: status === 'CANCELLED' ? null : `${day} 14:05:00`,
    scheduled_arrival: `${day} 16:00:00`,
    actual_arrival: status === 'CANCELLED' || status === 'DIVERTED' ? null : `${day} 16:10:00`,
    departure_delay_minutes: status === 'CANCELLED' ? null : 5,
    arrival_delay_minutes: arrivalDelay,
    passengers_first: 0,
    passengers_business: 0,
    passengers_premium_economy: 0,
    passengers_economy: status === 'CANCELLED' ? 0 : 50,
    total_passengers: status === 'CANCELLED' ? 0 : 50,
    cargo_weight_kg: 0,
    mail_weight_kg: 0,
    flight_status: status,
    cancellation_code: cancellationCode,
    is_diverted: status === 'DIVERTED',
  }
}

const OPERATION_FLIGHT: Record<number, [number, number]> = {}

const booking = (
  key: number,
  customer: number,
  operation: number,
  bookingDateKey: number,
  leadTimeDays: number,
  cabin: string,
  channel: string,
  base: string,
  taxes: string,
  fees: string,
  bagFees: string,
  total: string,
  refund = '0',
  baggageFee = '0',
) => {
  const [flightKey, flightDateKey] = OPERATION_FLIGHT[operation] as [number, number]
  return {
    booking_key: key,
    booking_reference: `BK000${key}`,
    customer_key: customer,
    flight_key: flightKey,
    operation_key: operation,
    booking_date_key: bookingDateKey,
    flight_date_key: flightDateKey,
    cabin_class: cabin,
    fare_class: 'Y',
    booking_channel: channel,
    booking_status: refund === '0' ? 'CONFIRMED' : 'REFUNDED',
    lead_time_days: leadTimeDays,
    base_fare: base,
    taxes,
    fees,
    bags_checked: bagFees === '0' ? 0 : 1,
    bag_fees: bagFees,
    total_amount: total,
    miles_earned: 100,
    is_refunded: refund !== '0',
    refund_amount: refund,
    created_at: '2024-01-01 00:00:00',
    baggage_fee: baggageFee,
  }
}

const revenue = (dateKey: number, flightKey: number, total: string, passengers: number) => {
  const [origin, destination] = ROUTE[flightKey] as [number, number]
  return {
    date_key: dateKey,
    flight_key: flightKey,
    origin_airport_key: origin,
    destination_airport_key: destination,
    revenue_first: '0',
    revenue_business: '0',
    revenue_premium_economy: '0',
    revenue_economy: total,
    ticket_revenue: total,
    ancillary_revenue: '0',
    cargo_revenue: '0',
    mail_revenue: '0',
    refunds: '0',
    total_revenue: total,
    passenger_count: passengers,
    available_seats: 100,
    average_fare: (Number(total) / passengers).toFixed(2),
    load_factor: (passengers / 100).toFixed(4),
  }
}

export const fixtureOperations = [
  op(1, 10, 20240130, 'ON_TIME', 5),
  op(2, 10, 20240131, 'DELAYED', 30),
  op(3, 11, 20240131, 'CANCELLED', null, 'B'),
  op(4, 12, 20240131, 'DIVERTED', null),
  op(5, 10, 20240201, 'ON_TIME', 14),
  op(6, 10, 20240202, 'DELAYED', 15),
  op(7, 11, 20240201, 'CANCELLED', null, 'A'),
  op(8, 11, 20240202, 'CANCELLED', null, 'A'),
  op(9, 12, 20240203, 'CANCELLED', null, null),
  op(10, 11, 20240203, 'ON_TIME', -3),
]
for (const o of fixtureOperations) OPERATION_FLIGHT[o.operation_key] = [o.flight_key, o.date_key]

/** Inserts the fixture (typed inserts: the model's insert types are exercised too). */
export async function loadFixture(db: Kysely<AirlineDatabase>): Promise<void> {
  await db.insertInto('airline_dw.dim_date').values(calendar('2023-09-01', '2024-02-29')).execute()
  await db
    .insertInto('airline_dw.dim_airport')
    .values([
      airport(ORD, 'ORD', "Chicago O'Hare International", 'Chicago', 'IL'),
      airport(DFW, 'DFW', 'Dallas/Fort Worth International', 'Dallas', 'TX'),
      airport(DEN, 'DEN', 'Denver International', 'Denver', 'CO'),
    ])
    .execute()
  await db
    .insertInto('airline_dw.dim_aircraft')
    .values({
      aircraft_key: 1,
      tail_number: 'N12345',
      aircraft_code: '738',
      manufacturer: 'Boeing',
      model: '737-800',
      body_type: 'narrowbody',
      seats_first: 8,
      seats_business: 0,
      seats_premium_economy: 12,
      seats_economy: 80,
      total_seats: 100,
      range_miles: 3500,
      cruise_speed_mph: 521,
      max_cargo_kg: 2000,
      manufacture_year: 2015,
      in_service_date: '2015-06-01',
    })
    .execute()
  await db
    .insertInto('airline_dw.dim_flight')
    .values([flight(10, '100', ORD, DFW), flight(11, '101', DFW, ORD), flight(12, '200', ORD, DEN)])
    .execute()
  const customer = (key: number, tier: string) => ({
    customer_key: key,
    customer_id: `C${key}`,
    first_name: 'Ada',
    last_name: 'Lovelace',
    email: `c${key}@example.com`,
    phone: '+1 555 0100',
    birth_date: '1980-01-01',
    city: 'Chicago',
    country_code: 'US',
    loyalty_tier: tier,
    join_date: '2020-01-01',
  })
  await db
    .insertInto('airline_dw.dim_customer')
    .values([customer(1, 'GOLD'), customer(2, 'NONE'), customer(3, 'GOLD')])
    .execute()
  await db.insertInto('airline_dw.fact_flight_operations').values(fixtureOperations).execute()
  await db
    .insertInto('airline_dw.fact_bookings')
    .values([
      booking(1, 1, 1, 20240129, 1, 'ECONOMY', 'WEB', '100', '10', '5', '30', '145', '0', '100'),
      booking(2, 1, 5, 20240105, 27, 'BUSINESS', 'MOBILE', '500', '50', '0', '0', '550'),
      booking(3, 2, 3, 20231201, 61, 'ECONOMY', 'AGENT', '200', '20', '0', '0', '220', '220'),
      booking(4, 3, 2, 20240125, 6, 'ECONOMY', 'WEB', '150', '15', '5', '0', '170'),
      booking(5, 2, 10, 20230915, 141, 'ECONOMY', 'OTA', '80', '8', '2', '35', '125', '0', '200'),
      booking(6, 3, 6, 20240126, 7, 'ECONOMY', 'MOBILE', '120', '12', '3', '0', '135'),
      booking(7, 1, 10, 20240202, 1, 'ECONOMY', 'MOBILE', '90', '9', '1', '0', '100'),
    ])
    .execute()
  await db
    .insertInto('airline_dw.fact_daily_revenue')
    .values([
      revenue(20240130, 10, '1000', 80),
      revenue(20240131, 10, '1200', 90),
      revenue(20240131, 12, '300', 50),
      revenue(20240202, 11, '700', 60),
      revenue(20240203, 11, '900', 95),
      revenue(20240205, 10, '500', 40),
    ])
    .execute()
}
