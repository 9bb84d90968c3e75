import { type Kysely, sql } from 'kysely'
import type { AirlineDatabase } from '../model/database.js'
import { type FlagshipQueryOptions, prepareQuery } from './query-options.js'
import { countRows, ratio } from './sql-helpers.js'

/** The lead-time buckets, in days before departure (inclusive bounds). */
export const LEAD_TIME_BUCKETS = Object.freeze([
  { bucket: 1, label: '0-6 days', min: 0, max: 6 },
  { bucket: 2, label: '7-20 days', min: 7, max: 20 },
  { bucket: 3, label: '21-59 days', min: 21, max: 59 },
  { bucket: 4, label: '60-119 days', min: 60, max: 119 },
  { bucket: 5, label: '120+ days', min: 120, max: undefined },
] as const)

/**
 * (5) Booking channel mix by lead-time bucket: how many bookings each channel took in each
 * bucket, and its share of the bucket (a window over the grouped counts). Dates filter on
 * the booking date.
 *
 * @example
 * const rows = await channelMixByLeadTime(db).execute()
 */
export function channelMixByLeadTime(db: Kysely<AirlineDatabase>, options?: FlagshipQueryOptions) {
  const q = prepareQuery(db, options)
  // Bucket per booking in a subquery, so the outer GROUP BY names plain columns.
  const bucketed = q.db
    .selectFrom('airline_dw.fact_bookings as b')
    .$if(q.fromDateKey !== undefined, (qb) =>
      qb.where('b.booking_date_key', '>=', q.fromDateKey as number),
    )
    .$if(q.toDateKey !== undefined, (qb) =>
      qb.where('b.booking_date_key', '<=', q.toDateKey as number),
    )
    .select((eb) => {
      const [b1, b2, b3, b4, b5] = LEAD_TIME_BUCKETS
      const days = 'b.lead_time_days' as const
      return [
        'b.booking_channel',
        eb
          .case()
          .when(days, '<=', sql.lit(b1.max))
          .then(sql.lit(b1.bucket))
          .when(days, '<=', sql.lit(b2.max))
          .then(sql.lit(b2.bucket))
          .when(days, '<=', sql.lit(b3.max))
          .then(sql.lit(b3.bucket))
          .when(days, '<=', sql.lit(b4.max))
          .then(sql.lit(b4.bucket))
          .else(sql.lit(b5.bucket))
          .end()
          .$castTo<number>()
          .as('lead_time_bucket'),
        eb
          .case()
          .when(days, '<=', sql.lit(b1.max))
          .then(sql.lit(b1.label))
          .when(days, '<=', sql.lit(b2.max))
          .then(sql.lit(b2.label))
          .when(days, '<=', sql.lit(b3.max))
          .then(sql.lit(b3.label))
          .when(days, '<=', sql.lit(b4.max))
          .then(sql.lit(b4.label))
          .else(sql.lit(b5.label))
          .end()
          .$castTo<string>()
          .as('lead_time'),
      ]
    })
    .as('x')
  return q.db
    .selectFrom(bucketed)
    .select((eb) => [
      'x.lead_time_bucket',
      'x.lead_time',
      'x.booking_channel',
      countRows(eb).as('bookings'),
      ratio(
        eb.fn.countAll(),
        eb.fn.sum(eb.fn.countAll()).over((ob) => ob.partitionBy('x.lead_time_bucket')),
      ).as('share_of_bucket'),
    ])
    .groupBy(['x.lead_time_bucket', 'x.lead_time', 'x.booking_channel'])
    .orderBy('x.lead_time_bucket')
    .orderBy('x.booking_channel')
}
