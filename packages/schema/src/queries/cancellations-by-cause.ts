import { type Kysely, sql } from 'kysely'
import type { AirlineDatabase } from '../model/database.js'
import { type FlagshipQueryOptions, prepareQuery } from './query-options.js'
import { countRows, ratio } from './sql-helpers.js'

/**
 * (2) Cancellations by BTS cause code and month: A carrier, B weather, C national air
 * system, D security (`unknown` when a cancelled flight carries no code). `share_of_month`
 * is the cause's share of that month's cancellations (a window over the grouped counts).
 *
 * @example
 * const rows = await cancellationsByCause(db).execute()
 */
export function cancellationsByCause(db: Kysely<AirlineDatabase>, options?: FlagshipQueryOptions) {
  const q = prepareQuery(db, options)
  return q.db
    .selectFrom('airline_dw.fact_flight_operations as f')
    .innerJoin('airline_dw.dim_date as d', 'd.date_key', 'f.date_key')
    .where('f.flight_status', '=', sql.lit('CANCELLED'))
    .$if(q.fromDateKey !== undefined, (qb) => qb.where('f.date_key', '>=', q.fromDateKey as number))
    .$if(q.toDateKey !== undefined, (qb) => qb.where('f.date_key', '<=', q.toDateKey as number))
    .select((eb) => [
      'd.year',
      'd.month',
      'f.cancellation_code',
      // Literals inline (not parameters): the CASE depends only on a grouped column.
      eb
        .case('f.cancellation_code')
        .when(sql.lit('A'))
        .then(sql.lit('carrier'))
        .when(sql.lit('B'))
        .then(sql.lit('weather'))
        .when(sql.lit('C'))
        .then(sql.lit('national air system'))
        .when(sql.lit('D'))
        .then(sql.lit('security'))
        .else(sql.lit('unknown'))
        .end()
        .$castTo<string>()
        .as('cause'),
      countRows(eb).as('cancellations'),
      ratio(
        eb.fn.countAll(),
        eb.fn.sum(eb.fn.countAll()).over((ob) => ob.partitionBy(['d.year', 'd.month'])),
      ).as('share_of_month'),
    ])
    .groupBy(['d.year', 'd.month', 'f.cancellation_code'])
    .orderBy('d.year')
    .orderBy('d.month')
    .orderBy('f.cancellation_code')
}
