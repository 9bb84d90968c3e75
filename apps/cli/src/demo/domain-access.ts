import { RelationRoutingPlugin } from '@redshift-playground/schema'
import type { DatashareSpec } from '@redshift-playground/sharing'
import type { Kysely } from 'kysely'
import { compileOnlyKysely } from '../connections/using-kysely.js'
import { shareableRelations } from '../diagnose/diagnostics-input.js'
import type { ShareConsumer } from '../share/datashare-from-config.js'
import type { FlagshipQuery, ModelRelation } from './demo-steps.js'

// biome-ignore lint/suspicious/noExplicitAny: the airline schema, by name
type Db = Kysely<any>

/** One datashare as the demo reads it: its objects (`schema.name`) and its consumers' databases. */
export interface ShareLayout {
  readonly share: string
  readonly objects: readonly string[]
  /** Consumer name → the database it mounts this share as. */
  readonly consumers: Readonly<Record<string, string>>
}

/** Where a consumer reads one object: `database.schema.name` on Redshift, `schema.name` locally. */
export interface ObjectLocation {
  readonly database?: string
  readonly schema: string
}

/** How the demo reads as one consumer: its session, and where each share's objects are. */
export interface ConsumerReader {
  readonly consumer: ShareConsumer
  readonly db: Db
  /** Where this consumer would read `schema.name` of `share` (its database of that share, else its first one). */
  locate(share: string, object: string): ObjectLocation
}

/** A consumer's access to one share: the objects it read, and those it was refused. */
export interface AccessCell {
  readonly consumer: string
  readonly share: string
  readonly entitled: boolean
  readonly readable: readonly string[]
  readonly refused: readonly { readonly object: string; readonly message: string }[]
}

/** A flagship query, the tables it reads, and the consumers whose shares hold all of them. */
export interface QueryEntitlement {
  readonly query: string
  readonly tables: readonly string[]
  readonly consumers: readonly string[]
}

const META_SCHEMA = 'rsp_meta'

/**
 * The shares of the desired specs with their objects spelled out (`tables: 'all'` becomes the
 * model's relations of that schema, less the views that would read around the share's
 * policies), in config order.
 */
export function shareLayouts(
  specs: readonly DatashareSpec[],
  relations: readonly ModelRelation[],
): ShareLayout[] {
  return specs.map((spec) => ({
    share: spec.name,
    objects: spec.objects.flatMap((o) =>
      (o.tables === 'all'
        ? shareableRelations(spec, relations)
            .filter((r) => r.schema === o.schema)
            .map((r) => r.name)
        : o.tables
      ).map((t) => `${o.schema}.${t}`),
    ),
    consumers: Object.fromEntries(spec.consumers.map((c) => [c.name, c.database])),
  }))
}

/** The share of `layouts` a consumer reads `object` through: the first of its shares holding it. */
export function shareHolding(
  layouts: readonly ShareLayout[],
  consumer: string,
  object: string,
): string | undefined {
  return layouts.find((l) => l.consumers[consumer] !== undefined && l.objects.includes(object))
    ?.share
}

/** `"database"."schema"."name"` (or `"schema"."name"`) of an object (`schema.name`) at a location. */
export const qualified = (l: ObjectLocation, object: string) =>
  [l.database, l.schema, object.slice(object.indexOf('.') + 1)]
    .filter((x): x is string => x !== undefined)
    .map((x) => `"${x.replaceAll('"', '""')}"`)
    .join('.')

/** Selects one row of an object as a consumer: resolves when readable, rejects when refused. */
export async function readObject(r: ConsumerReader, share: string, object: string): Promise<void> {
  const { sql } = await import('kysely')
  await sql.raw(`SELECT 1 FROM ${qualified(r.locate(share, object), object)} LIMIT 1`).execute(r.db)
}

/** The first line of an error, without the Data API's "(statement: …)" tail. */
export const refusalText = (error: unknown): string =>
  String((error as Error)?.message ?? error)
    .split('\n')[0]!
    .split(' (statement:')[0]!

/**
 * Every consumer against every share: in a share it is a consumer of, it reads each object
 * (through its database of that share); in any other share, it tries each object — through its
 * own first database — and must be refused. The marker table (in every share) is left out.
 * Consumers probe at the same time (each through its own session), each one object after the
 * other; the cells come back consumer by consumer, in the order of `readers` and `layouts`.
 */
export async function probeAccess(
  layouts: readonly ShareLayout[],
  readers: readonly ConsumerReader[],
): Promise<AccessCell[]> {
  const perReader = await Promise.all(
    readers.map(async (r) => {
      const cells: AccessCell[] = []
      for (const l of layouts) {
        const entitled = l.consumers[r.consumer.name] !== undefined
        const readable: string[] = []
        const refused: { object: string; message: string }[] = []
        for (const object of l.objects.filter((o) => !o.startsWith(`${META_SCHEMA}.`))) {
          try {
            await readObject(r, l.share, object)
            readable.push(object)
          } catch (error) {
            refused.push({ object, message: refusalText(error) })
          }
        }
        cells.push({ consumer: r.consumer.name, share: l.share, entitled, readable, refused })
      }
      return cells
    }),
  )
  return perReader.flat()
}

/** The schema-qualified tables a flagship query reads, found by walking its compiled tree. */
export function queryTables(q: FlagshipQuery): string[] {
  const db = compileOnlyKysely()
  const recorder = new RelationRoutingPlugin()
  ;(q.build(db.withPlugin(recorder)) as unknown as { compile(): unknown }).compile()
  return recorder.reads
}

/** Which consumers may run each query: those whose shares hold every table it reads. */
export function queryEntitlements(
  queries: readonly FlagshipQuery[],
  layouts: readonly ShareLayout[],
  consumers: readonly ShareConsumer[],
): QueryEntitlement[] {
  return queries.map((q) => {
    const tables = queryTables(q)
    return {
      query: q.name,
      tables,
      consumers: consumers
        .filter((c) => tables.every((t) => shareHolding(layouts, c.name, t) !== undefined))
        .map((c) => c.name),
    }
  })
}

/**
 * A Kysely plugin that moves each table of a query to where one consumer reads it: each from
 * the database (and published schema) of the share that holds it — a query may join tables of
 * two shares, e.g. a domain fact and the core dimensions (three-part names, R-DS-13).
 */
export class ShareLocationPlugin extends RelationRoutingPlugin {
  constructor(locate: (object: string) => ObjectLocation | undefined) {
    super((r) => locate(`${r.schema}.${r.name}`))
  }
}

/** A consumer's session with every table of the shares it holds moved to where it reads it. */
export function locatedSession(r: ConsumerReader, layouts: readonly ShareLayout[]): Db {
  return r.db.withPlugin(
    new ShareLocationPlugin((object) => {
      const share = shareHolding(layouts, r.consumer.name, object)
      return share === undefined ? undefined : r.locate(share, object)
    }),
  )
}
