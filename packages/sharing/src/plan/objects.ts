import type { Datashare, ShareSchema } from '../desired-state.js'
import { DesiredStateError } from '../errors.js'
import { type ShareState, tableKey } from '../state.js'

/** One schema entry of a share, with the relations it shares resolved against the producer. */
export interface ResolvedEntry {
  readonly entry: ShareSchema
  /** Its index in `objects` (error fields). */
  readonly index: number
  /** The tables and views shared from this schema (`'all'`: every one that exists and may be). */
  readonly tables: readonly string[]
  /** Shared as views of a publication schema (target publishes, entry has policies). */
  readonly published: boolean
  /** The schema the share holds: the source schema, or the publication schema. */
  readonly shared: string
  /** INCLUDENEW for {@link shared}: asked for, not published, and the share has no policy. */
  readonly includeNew: boolean
  /** `'all'` left a view out (see {@link viewRisk}): `ALL TABLES IN SCHEMA` would add it. */
  readonly partial: boolean
}

/**
 * Why sharing a view would read around one of the share's policies, or undefined when it
 * would not. A regular view runs with its owner's rights (on Redshift, DG:r_CREATE_VIEW: "you
 * don't need select privileges for the underlying tables"; on PostgreSQL, views are not
 * security_invoker by default), so a consumer reading it gets the base tables' rows and
 * columns as the producer sees them: a view reading a masked column, or a table with a row
 * filter, would leak what the policy hides.
 */
export function viewRisk(desired: Datashare, schema: string, view: string): string | undefined {
  if (desired.masking.length === 0 && desired.rowLevelSecurity.length === 0) return undefined
  const def = desired.definitions?.get(tableKey(schema, view))
  if (def?.kind !== 'view')
    return `its definition is unknown, so the share's masking and row filters cannot be checked against it (give it in defineDatashare's options.views)`
  for (const read of def.reads) {
    const rls = desired.rowLevelSecurity.find(
      (r) => r.schema === read.schema && r.table === read.table,
    )
    if (rls)
      return `it reads ${read.schema}.${read.table}, whose rows policy ${JSON.stringify(rls.name)} filters, and a view returns every row of its base tables`
    for (const m of desired.masking)
      if (m.schema === read.schema && m.table === read.table) {
        const col = m.columns.find((c) => read.columns.includes(c.name))
        if (col)
          return `it reads ${read.schema}.${read.table}.${col.name}, which policy ${JSON.stringify(m.name)} masks, and a view reads its base tables unmasked`
      }
  }
  return undefined
}

const isView = (desired: Datashare, actual: ShareState, schema: string, name: string) =>
  (actual.producerViews?.get(schema) ?? []).includes(name) ||
  desired.definitions?.get(tableKey(schema, name))?.kind === 'view'

/** Refuses an entry whose schema, or a listed table or view, does not exist on the producer. */
function checkExists(e: ShareSchema, i: number, actual: ShareState, present: Set<string>): void {
  if (actual.sourceSchemas === undefined) return
  if (!actual.sourceSchemas.has(e.schema))
    throw new DesiredStateError(
      'UNKNOWN_SCHEMA',
      `objects[${i}].schema: ${JSON.stringify(e.schema)} does not exist on the producer (or this identity cannot see it); create it (run the migrations) or remove it from the share.`,
      { field: `objects[${i}].schema`, value: e.schema },
    )
  if (e.tables === 'all') return
  e.tables.forEach((t, j) => {
    if (!present.has(t))
      throw new DesiredStateError(
        'UNKNOWN_TABLE',
        `objects[${i}].tables[${j}]: ${e.schema}.${t} is neither a table nor a view on the producer (or this identity cannot see it: grant it SELECT); create it or remove it from the share.`,
        { field: `objects[${i}].tables[${j}]`, value: t },
      )
  })
}

/**
 * Whether INCLUDENEW may be on in this share: not when it has a masking or row-level-security
 * policy. INCLUDENEW adds the views created later in the schema too (R-DS-5; on the local
 * target, default privileges on TABLES cover views), without the check {@link viewRisk} makes
 * of the views that exist, and a view reads its base tables with its owner's rights, past the
 * policies (DG:r_CREATE_VIEW). A view in any schema of the share may read a protected table,
 * so no schema of such a share gets INCLUDENEW; with `'all'`, what was created since joins at
 * the next plan, views checked. (Redshift published schemas never had it.)
 */
const includeNewAllowed = (desired: Datashare): boolean =>
  desired.masking.length === 0 && desired.rowLevelSecurity.length === 0

/**
 * Each entry of the desired share with the relations it shares, checked before any
 * statement: the schema and every listed table or view must exist on the producer (when the
 * state says what exists), and a listed view must not read around one of the share's policies
 * (refused, `NOT_SHAREABLE`). With `'all'`, such views are left out instead, and the entry is
 * then added by name rather than with `ALL TABLES IN SCHEMA`. INCLUDENEW stays off in a share
 * with policies ({@link includeNewAllowed}).
 */
export function resolveEntries(
  desired: Datashare,
  actual: ShareState,
  publishes: boolean,
): readonly ResolvedEntry[] {
  return desired.schemas.map((entry, index) => {
    const views = actual.producerViews?.get(entry.schema) ?? []
    const present = new Set([...(actual.producerTables.get(entry.schema) ?? []), ...views])
    checkExists(entry, index, actual, present)
    let partial = false
    const candidates = entry.tables === 'all' ? [...present].sort() : entry.tables
    const tables = candidates.filter((t, j) => {
      if (!isView(desired, actual, entry.schema, t)) return true
      const risk = viewRisk(desired, entry.schema, t)
      if (risk === undefined) return true
      if (entry.tables === 'all') {
        partial = true
        return false
      }
      const field = `objects[${index}].tables[${j}]`
      throw new DesiredStateError(
        'NOT_SHAREABLE',
        `${field}: view ${entry.schema}.${t} cannot be shared by ${desired.name}: ${risk}. Share it in a datashare without that policy, or leave it out.`,
        { field, value: t },
      )
    })
    const published = publishes && entry.published
    return Object.freeze({
      entry,
      index,
      tables: Object.freeze(tables),
      published,
      shared: published ? entry.publishAs : entry.schema,
      includeNew: entry.includeNew && !published && includeNewAllowed(desired),
      partial,
    })
  })
}
