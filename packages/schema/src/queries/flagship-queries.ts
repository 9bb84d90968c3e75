import type { Compilable, Kysely } from 'kysely'
import type { AirlineDatabase } from '../model/database.js'
import { cancellationsByCause } from './cancellations-by-cause.js'
import { channelMixByLeadTime } from './channel-mix-by-lead-time.js'
import { dailyRevenueMovingAverage } from './daily-revenue-moving-average.js'
import { onTimePerformance } from './on-time-performance.js'
import type { FlagshipQueryOptions } from './query-options.js'
import { revenueByTierAndCabin } from './revenue-by-tier-and-cabin.js'
import { topRoutesByRevenue } from './top-routes-by-revenue.js'

/** A query the CLI can list and run: compile it for `--sql`, execute it for rows. */
export interface RunnableQuery<O> extends Compilable<O> {
  execute(): Promise<O[]>
}

/** One entry of the flagship registry. */
export interface FlagshipQuery<O = Record<string, unknown>> {
  /** Kebab-case name, as in `rsp query NAME`. */
  readonly name: string
  /** One line for listings. */
  readonly description: string
  /** Which options the query uses (beyond `location`). */
  readonly uses: readonly ('fromDateKey' | 'toDateKey' | 'limit')[]
  /** Builds the typed query; bad options throw a `SchemaError` before anything runs. */
  build(db: Kysely<AirlineDatabase>, options?: FlagshipQueryOptions): RunnableQuery<O>
}

const entry = <O>(q: FlagshipQuery<O>): FlagshipQuery<O> => Object.freeze(q)

const dates = ['fromDateKey', 'toDateKey'] as const

/**
 * The six flagship analytics queries, by name. Each compiles to SQL Redshift accepts (CASE
 * inside aggregates, window functions with explicit frames, no FILTER / DISTINCT ON /
 * PostgreSQL-only functions) and runs on PGlite and PostgreSQL too.
 *
 * @example
 * for (const q of Object.values(flagshipQueries)) console.log(q.name, '—', q.description)
 * const rows = await flagshipQueries['top-routes'].build(db, { limit: 5 }).execute()
 */
export const flagshipQueries = Object.freeze({
  'on-time-performance': entry({
    name: 'on-time-performance',
    description: 'On-time arrival performance (BTS, < 15 min late) by origin airport and month',
    uses: dates,
    build: onTimePerformance,
  }),
  'cancellations-by-cause': entry({
    name: 'cancellations-by-cause',
    description: 'Cancellations by BTS cause code (carrier, weather, NAS, security) and month',
    uses: dates,
    build: cancellationsByCause,
  }),
  'top-routes': entry({
    name: 'top-routes',
    description: 'Top routes by total revenue, with load factor',
    uses: [...dates, 'limit'],
    build: topRoutesByRevenue,
  }),
  'revenue-by-tier-cabin': entry({
    name: 'revenue-by-tier-cabin',
    description:
      'Booking revenue (gross, refunds, net) and excess-baggage charges by loyalty tier and cabin',
    uses: dates,
    build: revenueByTierAndCabin,
  }),
  'channel-mix-by-lead-time': entry({
    name: 'channel-mix-by-lead-time',
    description: 'Booking channel mix by lead-time bucket (days before departure)',
    uses: dates,
    build: channelMixByLeadTime,
  }),
  'daily-revenue-7d': entry({
    name: 'daily-revenue-7d',
    description: 'Daily total revenue with its 7-day moving average',
    uses: dates,
    build: dailyRevenueMovingAverage,
  }),
})

/** The names `rsp query` accepts. */
export type FlagshipQueryName = keyof typeof flagshipQueries
