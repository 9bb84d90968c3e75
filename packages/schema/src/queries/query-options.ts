import type { Kysely } from 'kysely'
import { SchemaError } from '../errors.js'
import type { AirlineDatabase } from '../model/database.js'
import { type TableLocation, TableLocationPlugin } from './table-location.js'

/** Options every flagship query accepts. */
export interface FlagshipQueryOptions {
  /** Where the tables live (local schema, or a datashare consumer database). @default {} */
  readonly location?: TableLocation
  /** First date to include, as a `dim_date.date_key` (YYYYMMDD), inclusive. */
  readonly fromDateKey?: number
  /** Last date to include, as a `dim_date.date_key` (YYYYMMDD), inclusive. */
  readonly toDateKey?: number
  /** Row limit, for the queries that rank (top routes). @default 10 */
  readonly limit?: number
}

const DATE_KEY_MIN = 19000101
const DATE_KEY_MAX = 29991231

function checkDateKey(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < DATE_KEY_MIN ||
    value > DATE_KEY_MAX ||
    Math.floor(value / 100) % 100 < 1 ||
    Math.floor(value / 100) % 100 > 12 ||
    value % 100 < 1 ||
    value % 100 > 31
  ) {
    throw new SchemaError(
      'OPTION_INVALID',
      `${field}: expected a date key YYYYMMDD such as 20240131, got ${JSON.stringify(value)}.`,
      { field, value },
    )
  }
  return value
}

/** Validated options plus the Kysely instance that writes the right table names. */
export interface PreparedQuery {
  readonly db: Kysely<AirlineDatabase>
  readonly fromDateKey: number | undefined
  readonly toDateKey: number | undefined
  readonly limit: number
}

/** Checks the options (nothing runs on bad input) and applies the table location. */
export function prepareQuery(
  db: Kysely<AirlineDatabase>,
  options: FlagshipQueryOptions = {},
): PreparedQuery {
  const fromDateKey = checkDateKey(options.fromDateKey, 'fromDateKey')
  const toDateKey = checkDateKey(options.toDateKey, 'toDateKey')
  if (fromDateKey !== undefined && toDateKey !== undefined && fromDateKey > toDateKey) {
    throw new SchemaError(
      'OPTION_INVALID',
      `fromDateKey (${fromDateKey}) is after toDateKey (${toDateKey}); swap them.`,
      { field: 'fromDateKey', value: fromDateKey },
    )
  }
  const limit = options.limit ?? 10
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) {
    throw new SchemaError(
      'OPTION_INVALID',
      `limit: expected a whole number from 1 to 100000, got ${JSON.stringify(limit)}.`,
      { field: 'limit', value: limit },
    )
  }
  const location = options.location ?? {}
  const located =
    location.database === undefined && location.schema === undefined
      ? db
      : db.withPlugin(new TableLocationPlugin(location))
  return { db: located, fromDateKey, toDateKey, limit }
}
