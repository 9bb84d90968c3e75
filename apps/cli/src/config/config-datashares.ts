import { airlineModel } from '@redshift-playground/schema'
import type { RspConfig } from './config-schema.js'
import { plannedWorkgroups } from './planned-workgroups.js'

/**
 * The marker table of the freshness probe (`rsp_meta.freshness_marker`): every datashare
 * carries it when the airline model has it, so every consumer can be probed.
 */
export const FRESHNESS_MARKER = Object.freeze({ schema: 'rsp_meta', table: 'freshness_marker' })

/** A consumer of the selected mode as datashares see it. */
export interface ShareMember {
  /** The sharing name: the workload (or `consumer-N`) name with `-` as `_`; the local role. */
  readonly name: string
  /** The workload name as written in the config (`consumers.workloads[].name`), or `consumer-N`. */
  readonly configName: string
  /** The workgroup it runs on. */
  readonly workgroup: string
  readonly public: boolean
}

/** One datashare of the config, whichever way it was written (`datashare` or `datashares`). */
export interface ConfigShare {
  readonly name: string
  /** Where it is written, for messages: `datashare` or `datashares[i]`. */
  readonly field: string
  /** Written as the single `datashare` (every consumer, databases `airline_<consumer>`). */
  readonly legacy: boolean
  readonly objects: readonly string[]
  readonly includeNew: boolean
  readonly publiclyAccessible: 'auto' | boolean
  /** Its consumers, each with the database it mounts the share as. Unknown names are left out. */
  readonly consumers: readonly (ShareMember & { readonly database: string })[]
}

/** The consumers of the selected mode, named for sharing, in config order. */
export function shareMembers(config: RspConfig): ShareMember[] {
  return plannedWorkgroups(config)
    .filter((w) => w.role === 'consumer')
    .map((w) => {
      const configName = w.name.slice(config.project.length + 1)
      return {
        name: configName.replaceAll('-', '_'),
        configName,
        workgroup: w.name,
        public: w.public,
      }
    })
}

/**
 * The database a consumer mounts a share as: `airline_<consumer>` for the single `datashare`
 * (as it always was), `<share>_<consumer>` for `datashares` (one database per share per
 * consumer, R-DS-11; unique across consumers because the local target keeps every consumer
 * database as a schema of one PostgreSQL database).
 */
export function consumerDatabase(share: { name: string; legacy: boolean }, consumer: string) {
  return share.legacy ? `airline_${consumer}` : `${share.name}_${consumer}`
}

/** The datashares of a config: `datashares` when given, else the single `datashare`. */
export function configDatashares(config: RspConfig): ConfigShare[] {
  const members = shareMembers(config)
  if (config.datashares === undefined) {
    const d = config.datashare
    const share = { name: d.name, legacy: true }
    return [
      {
        ...share,
        field: 'datashare',
        objects: d.objects,
        includeNew: d.includeNew,
        publiclyAccessible: d.publiclyAccessible,
        consumers: members.map((m) => ({ ...m, database: consumerDatabase(share, m.name) })),
      },
    ]
  }
  return config.datashares.map((d, i) => {
    const share = { name: d.name, legacy: false }
    const chosen =
      d.consumers === 'all' ? members : members.filter((m) => d.consumers.includes(m.configName))
    return {
      ...share,
      field: `datashares[${i}]`,
      objects: d.objects,
      includeNew: d.includeNew,
      publiclyAccessible: d.publiclyAccessible,
      consumers: chosen.map((m) => ({ ...m, database: consumerDatabase(share, m.name) })),
    }
  })
}

/** The shares a consumer (sharing name) receives, with its database from each. */
export function consumerDatabases(
  config: RspConfig,
  consumer: string,
): { readonly share: string; readonly database: string }[] {
  return configDatashares(config).flatMap((s) =>
    s.consumers
      .filter((c) => c.name === consumer)
      .map((c) => ({ share: s.name, database: c.database })),
  )
}

/** A relation of the airline model, as `schema.name`. */
export interface ModelRelation {
  readonly schema: string
  readonly name: string
  readonly kind: 'table' | 'view'
  /** A view's base tables and the columns it reads (empty for a table). */
  readonly reads: readonly {
    readonly schema: string
    readonly table: string
    readonly columns: readonly string[]
  }[]
}

interface ViewLike {
  readonly schema: string
  readonly name: string
  readonly reads?: ModelRelation['reads']
}
interface MaybeViews {
  readonly views?: Readonly<Record<string, ViewLike>> | readonly ViewLike[]
}

/**
 * The schemas, tables and views of the airline model. Views are read from `airlineModel.views`
 * when the model has them (an object or a list of `{ schema, name }`).
 */
export function modelRelations(): {
  readonly schemas: ReadonlySet<string>
  readonly relations: ReadonlyMap<string, ModelRelation>
} {
  const relations = new Map<string, ModelRelation>()
  for (const t of Object.values(airlineModel.tables) as { schema: string; name: string }[])
    relations.set(`${t.schema}.${t.name}`, {
      schema: t.schema,
      name: t.name,
      kind: 'table',
      reads: [],
    })
  const views = (airlineModel as MaybeViews).views
  for (const v of views === undefined ? [] : Object.values(views))
    relations.set(`${v.schema}.${v.name}`, {
      schema: v.schema,
      name: v.name,
      kind: 'view',
      reads: v.reads ?? [],
    })
  const schemas = new Set<string>(airlineModel.schemas as readonly string[])
  for (const r of relations.values()) schemas.add(r.schema)
  return { schemas, relations }
}

/** True when the airline model has the freshness marker table. */
export function modelHasFreshnessMarker(): boolean {
  return modelRelations().relations.has(`${FRESHNESS_MARKER.schema}.${FRESHNESS_MARKER.table}`)
}

/** True when a share's objects include `schema.table`, itself or through its whole schema. */
export function sharesRelation(objects: readonly string[], schema: string, table: string) {
  return objects.includes(schema) || objects.includes(`${schema}.${table}`)
}
