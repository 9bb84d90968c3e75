import type { Kysely } from 'kysely'
import type { Datashare } from './desired-state.js'
import { ApplyError } from './errors.js'
import type { Side } from './plan/plan-step.js'

/**
 * Where each side's SQL runs: a Kysely instance per side (on Redshift, the Data API dialect
 * bound to the producer's or the consumer's workgroup; locally, the same embedded database
 * for every side). Only the CLI creates these.
 */
export interface ShareConnections {
  // biome-ignore lint/suspicious/noExplicitAny: system views are not part of any typed schema
  readonly producer: Kysely<any>
  // biome-ignore lint/suspicious/noExplicitAny: as above
  readonly consumers: Readonly<Record<string, Kysely<any>>>
  /**
   * The connection of any consumer not in `consumers` (the local target, where every side is
   * the same database: consumers of a share being torn down need not be listed).
   */
  // biome-ignore lint/suspicious/noExplicitAny: as above
  readonly anyConsumer?: Kysely<any>
}

/**
 * Every side on one database: the local target, where producer and consumers are roles of
 * the same embedded PGlite (or PostgreSQL) database.
 *
 * @example
 * const connections = singleDatabase(share, new Kysely({ dialect: new PGliteDialect(pglite) }))
 */
export function singleDatabase(
  desired: Datashare | readonly Datashare[],
  // biome-ignore lint/suspicious/noExplicitAny: any schema
  db: Kysely<any>,
): ShareConnections {
  const shares: readonly Datashare[] = Array.isArray(desired) ? desired : [desired as Datashare]
  return Object.freeze({
    producer: db,
    consumers: Object.freeze(
      Object.fromEntries(shares.flatMap((d) => d.consumers.map((c) => [c.name, db]))),
    ),
    anyConsumer: db,
  })
}

/** The connection of one side, or an error naming the missing consumer. */
// biome-ignore lint/suspicious/noExplicitAny: any schema
export function connectionFor(connections: ShareConnections, side: Side): Kysely<any> {
  if (side === 'producer') return connections.producer
  const name = side.slice('consumer:'.length)
  const db = Object.hasOwn(connections.consumers, name)
    ? connections.consumers[name]
    : connections.anyConsumer
  if (!db) {
    throw new ApplyError(
      'MISSING_CONNECTION',
      `no connection for consumer ${JSON.stringify(name)}; pass connections.consumers[${JSON.stringify(name)}].`,
      { side, field: `connections.consumers.${name}`, value: undefined },
    )
  }
  return db
}
