import type { Kysely } from 'kysely'
import type { AirlineDatabase } from '../model/database.js'
import { type FlagshipQueryOptions, prepareQuery } from './query-options.js'
import { countRows, ratio } from './sql-helpers.js'

/**
 * (3) Top routes (origin → destination airport) by total revenue, with the load factor
 * (passengers over available seats) from `fact_daily_revenue`. `limit` routes, default 10;
 * ties broken by route codes so the result is stable.
 *
 * @example
 * const top5 = await topRoutesByRevenue(db, { limit: 5 }).execute()
 */
export function topRoutesByRevenue(db: Kysely<AirlineDatabase>, options?: FlagshipQueryOptions) {
  const q = prepareQuery(db, options)
  return q.db
    .selectFrom('airline_dw.fact_daily_revenue as r')
    .innerJoin('airline_dw.dim_airport as o', 'o.airport_key', 'r.origin_airport_key')
    .innerJoin('airline_dw.dim_airport as dst', 'dst.airport_key', 'r.destination_airport_key')
    .$if(q.fromDateKey !== undefined, (qb) => qb.where('r.date_key', '>=', q.fromDateKey as number))
    .$if(q.toDateKey !== undefined, (qb) => qb.where('r.date_key', '<=', q.toDateKey as number))
    .select((eb) => [
      'o.airport_code as origin',
      'dst.airport_code as destination',
      countRows(eb).as('flight_days'),
      eb.fn.sum<string>('r.total_revenue').as('total_revenue'),
      eb.fn.sum<string>('r.ticket_revenue').as('ticket_revenue'),
      eb.cast<number>(eb.fn.sum('r.passenger_count'), 'integer').as('passengers'),
      eb.cast<number>(eb.fn.sum('r.available_seats'), 'integer').as('available_seats'),
      ratio(eb.fn.sum('r.passenger_count'), eb.fn.sum('r.available_seats')).as('load_factor'),
    ])
    .groupBy(['o.airport_code', 'dst.airport_code'])
    .orderBy((eb) => eb.fn.sum('r.total_revenue'), 'desc')
    .orderBy('o.airport_code')
    .orderBy('dst.airport_code')
    .limit((eb) => eb.lit(q.limit))
}
