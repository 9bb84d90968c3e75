import { bagFeeCents, type Cabin } from '../src/index.js'

/** Each query returns one row { n } counting violations of a consistency rule; all must be 0. */
export const INVARIANTS: Readonly<Record<string, string>> = {
  'booking FKs resolve': `SELECT count(*)::int AS n FROM airline_dw.fact_bookings b
    LEFT JOIN airline_dw.dim_customer c ON c.customer_key = b.customer_key
    LEFT JOIN airline_dw.fact_flight_operations o ON o.operation_key = b.operation_key
    LEFT JOIN airline_dw.dim_date d1 ON d1.date_key = b.booking_date_key
    LEFT JOIN airline_dw.dim_date d2 ON d2.date_key = b.flight_date_key
    WHERE c.customer_key IS NULL OR o.operation_key IS NULL OR d1.date_key IS NULL OR d2.date_key IS NULL
       OR o.flight_key <> b.flight_key OR o.date_key <> b.flight_date_key`,
  'operation FKs resolve and dates inside dim_date': `SELECT count(*)::int AS n FROM airline_dw.fact_flight_operations o
    LEFT JOIN airline_dw.dim_flight f ON f.flight_key = o.flight_key
    LEFT JOIN airline_dw.dim_date d ON d.date_key = o.date_key
    LEFT JOIN airline_dw.dim_aircraft a ON a.aircraft_key = o.aircraft_key
    WHERE f.flight_key IS NULL OR d.date_key IS NULL OR a.aircraft_key IS NULL
       OR f.origin_airport_key <> o.origin_airport_key OR f.destination_airport_key <> o.destination_airport_key
       OR d.full_date < f.valid_from OR (f.valid_to IS NOT NULL AND d.full_date > f.valid_to)`,
  'passengers per cabin ≤ seats': `SELECT count(*)::int AS n FROM airline_dw.fact_flight_operations o
    JOIN airline_dw.dim_aircraft a ON a.aircraft_key = o.aircraft_key
    WHERE o.passengers_first > a.seats_first OR o.passengers_business > a.seats_business
       OR o.passengers_premium_economy > a.seats_premium_economy OR o.passengers_economy > a.seats_economy`,
  'total_passengers = sum of cabins': `SELECT count(*)::int AS n FROM airline_dw.fact_flight_operations
    WHERE total_passengers <> passengers_first + passengers_business + passengers_premium_economy + passengers_economy`,
  'passengers = confirmed bookings per cabin': `SELECT count(*)::int AS n FROM airline_dw.fact_flight_operations o
    LEFT JOIN (SELECT operation_key,
        count(*) FILTER (WHERE cabin_class = 'FIRST') AS f, count(*) FILTER (WHERE cabin_class = 'BUSINESS') AS j,
        count(*) FILTER (WHERE cabin_class = 'PREMIUM_ECONOMY') AS w, count(*) FILTER (WHERE cabin_class = 'ECONOMY') AS y
      FROM airline_dw.fact_bookings WHERE booking_status = 'CONFIRMED' GROUP BY operation_key) b ON b.operation_key = o.operation_key
    WHERE coalesce(b.f, 0) <> o.passengers_first OR coalesce(b.j, 0) <> o.passengers_business
       OR coalesce(b.w, 0) <> o.passengers_premium_economy OR coalesce(b.y, 0) <> o.passengers_economy`,
  'cancelled flights: no confirmed booking, refunds in full': `SELECT count(*)::int AS n FROM airline_dw.fact_bookings b
    JOIN airline_dw.fact_flight_operations o ON o.operation_key = b.operation_key
    WHERE (o.flight_status = 'CANCELLED' AND b.booking_status = 'CONFIRMED')
       OR (b.booking_status = 'REFUNDED' AND (b.refund_amount <> b.total_amount OR NOT b.is_refunded))
       OR (b.booking_status <> 'REFUNDED' AND (b.refund_amount <> 0 OR b.is_refunded))
       OR (o.flight_status = 'CANCELLED' AND (o.total_passengers <> 0 OR o.cancellation_code IS NULL))`,
  'total = fare + taxes + fees + bag fees': `SELECT count(*)::int AS n FROM airline_dw.fact_bookings
    WHERE total_amount <> base_fare + taxes + fees + bag_fees OR (bags_checked = 0 AND bag_fees <> 0)`,
  // Excess baggage (overweight, oversize) is charged at check-in: only on flown bookings with
  // checked bags, $100 or $200 a bag (no $100 overweight charge in first and business).
  'baggage_fee: flown bookings with bags only, $0/$100/$200 a bag': `SELECT count(*)::int AS n FROM airline_dw.fact_bookings
    WHERE baggage_fee < 0 OR baggage_fee > 200 * bags_checked OR mod(baggage_fee, 100) <> 0
       OR (baggage_fee <> 0 AND (booking_status <> 'CONFIRMED' OR bags_checked = 0))
       OR (cabin_class IN ('FIRST', 'BUSINESS') AND mod(baggage_fee, 200) <> 0)`,
  // Gross ticket and ancillary revenue count every booking sold (refunded and cancelled ones
  // too; ancillary includes the excess-baggage charges of flown bookings); refunds are the
  // fares, fees and bag fees given back (taxes are not revenue); the net total subtracts them;
  // average_fare is what flown (CONFIRMED) passengers paid.
  'daily revenue = aggregate of bookings + cargo/mail': `SELECT count(*)::int AS n FROM airline_dw.fact_daily_revenue r
    JOIN airline_dw.fact_flight_operations o ON o.flight_key = r.flight_key AND o.date_key = r.date_key
    JOIN airline_dw.dim_aircraft a ON a.aircraft_key = o.aircraft_key
    LEFT JOIN (SELECT operation_key,
        coalesce(sum(base_fare) FILTER (WHERE cabin_class = 'FIRST'), 0) AS f,
        coalesce(sum(base_fare) FILTER (WHERE cabin_class = 'BUSINESS'), 0) AS j,
        coalesce(sum(base_fare) FILTER (WHERE cabin_class = 'PREMIUM_ECONOMY'), 0) AS w,
        coalesce(sum(base_fare) FILTER (WHERE cabin_class = 'ECONOMY'), 0) AS y,
        sum(base_fare) AS ticket, sum(fees + bag_fees + baggage_fee) AS anc,
        coalesce(sum(base_fare + fees + bag_fees) FILTER (WHERE booking_status = 'REFUNDED'), 0) AS refunds,
        coalesce(sum(base_fare) FILTER (WHERE booking_status = 'CONFIRMED'), 0) AS flown_fares,
        count(*) FILTER (WHERE booking_status = 'CONFIRMED') AS pax
      FROM airline_dw.fact_bookings GROUP BY operation_key) b ON b.operation_key = o.operation_key
    WHERE r.revenue_first <> coalesce(b.f, 0) OR r.revenue_business <> coalesce(b.j, 0)
       OR r.revenue_premium_economy <> coalesce(b.w, 0) OR r.revenue_economy <> coalesce(b.y, 0)
       OR r.ticket_revenue <> coalesce(b.ticket, 0) OR r.ancillary_revenue <> coalesce(b.anc, 0)
       OR r.refunds <> coalesce(b.refunds, 0) OR r.passenger_count <> coalesce(b.pax, 0)
       OR r.ticket_revenue <> r.revenue_first + r.revenue_business + r.revenue_premium_economy + r.revenue_economy
       OR r.total_revenue <> r.ticket_revenue + r.ancillary_revenue + r.cargo_revenue + r.mail_revenue - r.refunds
       OR r.refunds > r.ticket_revenue + r.ancillary_revenue
       OR r.available_seats <> a.total_seats OR r.passenger_count <> o.total_passengers
       OR r.load_factor <> round(r.passenger_count::numeric / r.available_seats, 4)
       OR (r.passenger_count > 0 AND r.average_fare <> round(b.flown_fares / r.passenger_count, 2))
       OR (r.passenger_count = 0 AND r.average_fare <> 0)
       OR r.origin_airport_key <> o.origin_airport_key`,
  'one revenue row per operation': `SELECT abs((SELECT count(*) FROM airline_dw.fact_daily_revenue) - (SELECT count(*) FROM airline_dw.fact_flight_operations))::int AS n`,
}

/** Every distinct (cabin, route, elite, bags, fee) must match the published bag-fee rule. */
export const BAG_FEE_COMBOS = `SELECT DISTINCT b.cabin_class, f.route_type, c.loyalty_tier <> 'NONE' AS elite, b.bags_checked, (b.bag_fees * 100)::int AS cents
  FROM airline_dw.fact_bookings b JOIN airline_dw.dim_flight f ON f.flight_key = b.flight_key
  JOIN airline_dw.dim_customer c ON c.customer_key = b.customer_key`

const CABIN: Record<string, Cabin> = { FIRST: 0, BUSINESS: 1, PREMIUM_ECONOMY: 2, ECONOMY: 3 }

export function bagFeeMismatches(rows: readonly Record<string, unknown>[]): unknown[] {
  return rows.filter(
    (r) =>
      bagFeeCents(
        CABIN[String(r.cabin_class)] as Cabin,
        r.route_type === 'international',
        r.elite === true,
        Number(r.bags_checked),
      ) !== Number(r.cents),
  )
}
