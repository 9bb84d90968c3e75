import { type Kysely, sql } from 'kysely'
import type { AirlineDatabase } from '../model/database.js'
import { type FlagshipQueryOptions, prepareQuery } from './query-options.js'
import { countIf, countRows, ratio, round } from './sql-helpers.js'

/**
 * (1) On-time performance by origin airport and month, BTS style: a flight is on time when
 * it arrived (neither cancelled nor diverted) less than 15 minutes late. The four outcome
 * counts add up to `flights`; `on_time_rate` is on-time flights over scheduled flights.
 *
 * @example
 * const rows = await onTimePerformance(db, { fromDateKey: 20240101 }).execute()
 */
export function onTimePerformance(db: Kysely<AirlineDatabase>, options?: FlagshipQueryOptions) {
  const q = prepareQuery(db, options)
  return q.db
    .selectFrom('airline_dw.fact_flight_operations as f')
    .innerJoin('airline_dw.dim_date as d', 'd.date_key', 'f.date_key')
    .innerJoin('airline_dw.dim_airport as a', 'a.airport_key', 'f.origin_airport_key')
    .$if(q.fromDateKey !== undefined, (qb) => qb.where('f.date_key', '>=', q.fromDateKey as number))
    .$if(q.toDateKey !== undefined, (qb) => qb.where('f.date_key', '<=', q.toDateKey as number))
    .select((eb) => {
      // Business constants are inlined (not parameters) so the SQL reads whole and every
      // engine types them the same way; only user input (date keys) is a parameter.
      const CANCELLED = sql.lit('CANCELLED')
      const LATE = eb.lit(15)
      const cancelled = eb('f.flight_status', '=', CANCELLED)
      const arrived = eb.and([eb('f.flight_status', '<>', CANCELLED), eb.not('f.is_diverted')])
      const onTime = eb.and([arrived, eb('f.arrival_delay_minutes', '<', LATE)])
      return [
        'd.year',
        'd.month',
        'a.airport_code as origin',
        countRows(eb).as('flights'),
        countIf(eb, onTime).as('on_time_flights'),
        countIf(eb, eb.and([arrived, eb('f.arrival_delay_minutes', '>=', LATE)])).as(
          'delayed_flights',
        ),
        countIf(eb, cancelled).as('cancelled_flights'),
        countIf(eb, eb.and([eb('f.flight_status', '<>', CANCELLED), eb.ref('f.is_diverted')])).as(
          'diverted_flights',
        ),
        ratio(countIf(eb, onTime), eb.fn.countAll()).as('on_time_rate'),
        round(
          eb.fn.avg(
            eb.cast(
              eb.case().when(arrived).then(eb.ref('f.arrival_delay_minutes')).end(),
              'decimal(10, 2)',
            ),
          ),
        ).as('avg_arrival_delay_minutes'),
      ]
    })
    .groupBy(['d.year', 'd.month', 'a.airport_code'])
    .orderBy('d.year')
    .orderBy('d.month')
    .orderBy('a.airport_code')
}
