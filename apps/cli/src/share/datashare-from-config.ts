import { createHash } from 'node:crypto'
import type { DatashareSpec, NamespaceRef, ShareObjectSpec } from '@redshift-playground/sharing'
import type { RspConfig } from '../config/config-schema.js'
import { plannedWorkgroups } from '../config/validate-config.js'

/** PII columns of dim_customer masked for consumers when `security.masking` is on. */
export const PII_COLUMNS = Object.freeze([
  'first_name',
  'last_name',
  'email',
  'phone',
  'birth_date',
])

/** A consumer as the datashare sees it. */
export interface ShareConsumer {
  /** The sharing name (an identifier: `-` becomes `_`); on the local target also its role. */
  readonly name: string
  /** The workgroup it runs on. */
  readonly workgroup: string
  readonly database: string
  readonly public: boolean
}

/** The consumers of the selected mode, named for the datashare. */
export function shareConsumers(config: RspConfig): ShareConsumer[] {
  return plannedWorkgroups(config)
    .filter((w) => w.role === 'consumer')
    .map((w) => {
      const short = w.name.slice(config.project.length + 1).replaceAll('-', '_')
      return { name: short, workgroup: w.name, database: `airline_${short}`, public: w.public }
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
 * The desired datashare for a config: the shared objects, one consumer per consumer workgroup
 * of the selected mode, masking of customer PII, and a row filter (only the airports of
 * `security.rowLevelSecurityRegions`). Protection applies to **every** consumer of the share:
 * on Redshift it is published on the producer as views shared instead of the tables (a
 * datashare is granted whole, and consumers cannot attach policies to its objects, R-RLS-11),
 * so every consumer — every pool member behind the NLB included — gets the same answer. A
 * consumer that must see other rows needs a datashare of its own.
 */
export function datashareSpec(
  config: RspConfig,
  ids: NamespaceIds,
  producerDatabase = 'dev',
): DatashareSpec {
  const ds = config.datashare
  const objects = new Map<string, ShareObjectSpec>()
  for (const o of ds.objects) {
    if (!o.includes('.')) objects.set(o, { schema: o, tables: 'all', includeNew: ds.includeNew })
  }
  for (const o of ds.objects) {
    const [schema, table] = o.split('.') as [string, string | undefined]
    if (table === undefined) continue
    const prev = objects.get(schema)
    const tables = prev && prev.tables !== 'all' ? [...prev.tables, table] : [table]
    objects.set(schema, { schema, tables, includeNew: false })
  }
  const consumers = shareConsumers(config)
  const sharesDw = [...objects.values()].some((o) => o.schema === 'airline_dw')
  const masking =
    config.security.masking && sharesDw
      ? [{ name: 'mask_customer_pii', table: 'airline_dw.dim_customer', columns: [...PII_COLUMNS] }]
      : []
  const rls =
    config.security.rowLevelSecurity && sharesDw && consumers.length > 0
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
    name: ds.name,
    producer: { namespace: ids.producer, database: producerDatabase },
    objects: [...objects.values()],
    ...(ds.publiclyAccessible === 'auto' ? {} : { publiclyAccessible: ds.publiclyAccessible }),
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
