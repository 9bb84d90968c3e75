import { createHash } from 'node:crypto'
import type { DatashareSpec, NamespaceRef, ShareObjectSpec } from '@redshift-playground/sharing'
import {
  type ConfigShare,
  configDatashares,
  FRESHNESS_MARKER,
  modelHasFreshnessMarker,
  shareMembers,
  sharesRelation,
} from '../config/config-datashares.js'
import type { RspConfig } from '../config/config-schema.js'
import { PII_COLUMNS } from '../config/validate-datashares.js'

/** PII columns of dim_customer masked for consumers when `security.masking` is on. */
export { PII_COLUMNS }

/** A consumer as the datashare sees it. */
export interface ShareConsumer {
  /** The sharing name (an identifier: `-` becomes `_`); on the local target also its role. */
  readonly name: string
  /** The workgroup it runs on. */
  readonly workgroup: string
  /**
   * The database it mounts its first share as (`airline_<consumer>` with the single
   * `datashare`); `databases` lists one per share.
   */
  readonly database: string
  /** Every share it receives and the database it mounts it as, in config order. */
  readonly databases: readonly { readonly share: string; readonly database: string }[]
  readonly public: boolean
}

/** The consumers of the selected mode, named for the datashare. */
export function shareConsumers(config: RspConfig): ShareConsumer[] {
  const shares = configDatashares(config)
  return shareMembers(config).map((m) => {
    const databases = shares.flatMap((s) =>
      s.consumers
        .filter((c) => c.name === m.name)
        .map((c) => ({ share: s.name, database: c.database })),
    )
    return {
      name: m.name,
      workgroup: m.workgroup,
      database: databases[0]?.database ?? `airline_${m.name}`,
      databases,
      public: m.public,
    }
  })
}

/**
 * A stable UUID-shaped id for a namespace of the local target, derived from its name. The
 * local target has no namespaces; the datashare model wants GUIDs, and these never reach AWS.
 */
export function localNamespaceId(project: string, name: string): string {
  const h = createHash('sha256').update(`rsp-local/${project}/${name}`).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/** Namespace ids by workgroup role: `producer` and each consumer's sharing name. */
export interface NamespaceIds {
  readonly producer: NamespaceRef
  readonly consumers: Readonly<Record<string, NamespaceRef>>
}

export function localNamespaceIds(config: RspConfig): NamespaceIds {
  return {
    producer: localNamespaceId(config.project, 'producer'),
    consumers: Object.fromEntries(
      shareConsumers(config).map((c) => [c.name, localNamespaceId(config.project, c.name)]),
    ),
  }
}

/**
 * The desired datashares of a config, one per share (`datashares`, or the single
 * `datashare`): the shared objects (plus `rsp_meta.freshness_marker` when the model has it, so
 * every consumer can be probed for freshness), the share's consumers of the selected mode, and
 * `security.*` on the shares that hold the protected tables — masking of customer PII where
 * `airline_dw.dim_customer` is shared, a row filter (the airports of
 * `security.rowLevelSecurityRegions`) where `airline_dw.dim_airport` is. Protection applies to
 * **every** consumer of a share: on Redshift it is published on the producer as views shared
 * instead of the tables (a datashare is granted whole, and consumers cannot attach policies to
 * its objects, R-RLS-11), so every consumer — every pool member behind the NLB included — gets
 * the same answer. A consumer that must see other rows needs a datashare of its own.
 */
export function datashareSpecs(
  config: RspConfig,
  ids: NamespaceIds,
  producerDatabase = 'dev',
): DatashareSpec[] {
  return configDatashares(config).map((share) => specOf(config, share, ids, producerDatabase))
}

/** The first datashare of {@link datashareSpecs}: the only one with the single `datashare`. */
export function datashareSpec(
  config: RspConfig,
  ids: NamespaceIds,
  producerDatabase = 'dev',
): DatashareSpec {
  return specOf(config, configDatashares(config)[0] as ConfigShare, ids, producerDatabase)
}

/** The schema entries of a share's objects: whole schemas, else lists of tables and views. */
function shareObjects(share: ConfigShare): ShareObjectSpec[] {
  const objects = new Map<string, ShareObjectSpec>()
  for (const o of share.objects) {
    if (!o.includes('.')) objects.set(o, { schema: o, tables: 'all', includeNew: share.includeNew })
  }
  const add = (schema: string, table: string) => {
    const prev = objects.get(schema)
    if (prev?.tables === 'all') return
    const tables = prev ? [...prev.tables, table] : [table]
    objects.set(schema, { schema, tables, includeNew: false })
  }
  for (const o of share.objects) {
    const [schema, table] = o.split('.') as [string, string | undefined]
    if (table !== undefined) add(schema, table)
  }
  if (modelHasFreshnessMarker()) {
    const marker = objects.get(FRESHNESS_MARKER.schema)
    if (
      marker === undefined ||
      (marker.tables !== 'all' && !marker.tables.includes(FRESHNESS_MARKER.table))
    )
      add(FRESHNESS_MARKER.schema, FRESHNESS_MARKER.table)
  }
  return [...objects.values()]
}

function specOf(
  config: RspConfig,
  share: ConfigShare,
  ids: NamespaceIds,
  producerDatabase: string,
): DatashareSpec {
  const consumers = share.consumers
  const holds = (table: string) => sharesRelation(share.objects, 'airline_dw', table)
  const masking =
    config.security.masking && holds('dim_customer')
      ? [{ name: 'mask_customer_pii', table: 'airline_dw.dim_customer', columns: [...PII_COLUMNS] }]
      : []
  const rls =
    config.security.rowLevelSecurity && holds('dim_airport') && consumers.length > 0
      ? [
          {
            name: 'airports_by_region',
            table: 'airline_dw.dim_airport',
            column: 'region',
            values: [...config.security.rowLevelSecurityRegions],
            consumers: consumers.map((c) => c.name),
          },
        ]
      : []
  return {
    name: share.name,
    producer: { namespace: ids.producer, database: producerDatabase },
    objects: shareObjects(share),
    ...(share.publiclyAccessible === 'auto'
      ? {}
      : { publiclyAccessible: share.publiclyAccessible }),
    consumers: consumers.map((c) => ({
      name: c.name,
      namespace: ids.consumers[c.name] as NamespaceRef,
      database: c.database,
      publiclyAccessible: c.public,
      withPermissions: masking.length > 0 || rls.length > 0,
    })),
    policies: { masking, rowLevelSecurity: rls },
  }
}
