import { type Kysely, sql } from 'kysely'
import type { AirlineDatabase } from '../model/database.js'
import { type FlagshipQueryOptions, prepareQuery } from './query-options.js'

/**
 * (6) Daily total revenue with its 7-day moving average. Days come from `dim_date`, so a day
 * without revenue counts as 0 and the window always spans calendar days. Without a date
 * range the days run from the first to the last day in `fact_daily_revenue`.
 * `days_in_window` is below 7 for the first six days (a partial window).
 *
 * @example
 * const rows = await dailyRevenueMovingAverage(db, { fromDateKey: 20240101, toDateKey: 20240131 }).execute()
 */
export function dailyRevenueMovingAverage(
  db: Kysely<AirlineDatabase>,
  options?: FlagshipQueryOptions,
) {
  const q = prepareQuery(db, options)
  return q.db
    .selectFrom('airline_dw.dim_date as d')
    .leftJoin('airline_dw.fact_daily_revenue as r', 'r.date_key', 'd.date_key')
    .where((eb) =>
      eb.and([
        q.fromDateKey !== undefined
          ? eb('d.date_key', '>=', q.fromDateKey)
          : eb(
              'd.date_key',
              '>=',
              eb
                .selectFrom('airline_dw.fact_daily_revenue as r1')
                .select((e) => e.fn.min('r1.date_key').as('k')),
            ),
        q.toDateKey !== undefined
          ? eb('d.date_key', '<=', q.toDateKey)
          : eb(
              'd.date_key',
              '<=',
              eb
                .selectFrom('airline_dw.fact_daily_revenue as r2')
                .select((e) => e.fn.max('r2.date_key').as('k')),
            ),
      ]),
    )
    .select((eb) => {
      const revenue = eb.fn.coalesce(eb.fn.sum<string>('r.total_revenue'), sql.lit(0))
      // Kysely's OVER builder has no frame clause, and Redshift requires one for an
      // aggregate window with ORDER BY: the window is written in SQL, over typed refs.
      const window = sql`over (order by ${eb.ref('d.date_key')} rows between 6 preceding and current row)`
      return [
        'd.date_key',
        'd.full_date',
        eb.cast<string>(revenue, 'decimal(14, 2)').as('total_revenue'),
        sql<string>`round(avg(${revenue}) ${window}, 2)`.as('moving_average_7d'),
        sql<number>`cast(count(*) ${window} as integer)`.as('days_in_window'),
      ]
    })
    .groupBy(['d.date_key', 'd.full_date'])
    .orderBy('d.date_key')
}
