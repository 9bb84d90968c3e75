import type { Kysely } from 'kysely'
import type { AirlineDatabase } from '../model/database.js'
import { type FlagshipQueryOptions, prepareQuery } from './query-options.js'
import { countRows, round } from './sql-helpers.js'

/**
 * (4) Booking revenue by customer loyalty tier and cabin: bookings, gross amount (fares,
 * taxes, fees, bag fees), refunds, net revenue, the excess-baggage charges collected at
 * check-in (`baggage_fee`, not part of the ticket's amount) and the average base fare. Dates
 * filter on the flight date.
 *
 * @example
 * const rows = await revenueByTierAndCabin(db).execute()
 */
export function revenueByTierAndCabin(db: Kysely<AirlineDatabase>, options?: FlagshipQueryOptions) {
  const q = prepareQuery(db, options)
  return q.db
    .selectFrom('airline_dw.fact_bookings as b')
    .innerJoin('airline_dw.dim_customer as c', 'c.customer_key', 'b.customer_key')
    .$if(q.fromDateKey !== undefined, (qb) =>
      qb.where('b.flight_date_key', '>=', q.fromDateKey as number),
    )
    .$if(q.toDateKey !== undefined, (qb) =>
      qb.where('b.flight_date_key', '<=', q.toDateKey as number),
    )
    .select((eb) => [
      'c.loyalty_tier',
      'b.cabin_class',
      countRows(eb).as('bookings'),
      eb.fn.sum<string>('b.total_amount').as('gross_revenue'),
      eb.fn.sum<string>('b.refund_amount').as('refunds'),
      eb(eb.fn.sum<string>('b.total_amount'), '-', eb.fn.sum<string>('b.refund_amount'))
        .$castTo<string>()
        .as('net_revenue'),
      eb.fn.sum<string>('b.baggage_fee').as('baggage_fees'),
      round(eb.fn.avg('b.base_fare')).as('average_base_fare'),
    ])
    .groupBy(['c.loyalty_tier', 'b.cabin_class'])
    .orderBy('c.loyalty_tier')
    .orderBy('b.cabin_class')
}
