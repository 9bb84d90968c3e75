import type { Consumer, Datashare, MaskingPolicy, ShareSchema } from '../desired-state.js'
import { DesiredStateError } from '../errors.js'
import { isPlaceholder } from '../namespace-ref.js'
import type { RenderContext, ShareRenderer } from '../renderer/share-renderer.js'
import { emptyConsumerState, type ShareState, tableKey } from '../state.js'
import { type ResolvedEntry, resolveEntries } from './objects.js'
import type { Plan, PlanAction, PlanStep, PublishedView, Side } from './plan-step.js'
import { columnsHash, viewHash } from './publication.js'

function placeholderNames(d: Datashare): string[] {
  const refs = [d.producer.namespace, d.producer.account, ...d.consumers.map((c) => c.grantee.id)]
  return [...new Set(refs.filter(isPlaceholder).map((p) => p.name))]
}

const sideOf = (c: Consumer): Side => `consumer:${c.name}`

/** An action not rendered yet, and the side it runs on. */
export interface PlannedAction {
  readonly side: Side
  readonly action: PlanAction
}

/** Renders actions in order with one context (its memo shared by the steps of one share). */
export function renderSteps(
  context: RenderContext,
  renderer: ShareRenderer,
  actions: readonly PlannedAction[],
): PlanStep[] {
  return actions.map(({ side, action }) =>
    Object.freeze({
      side,
      action,
      statements: Object.freeze(renderer.render(action, side, context)),
    }),
  )
}

/** A plan from rendered steps, for one share or several (names joined). */
export function assemblePlan(
  kind: Plan['kind'],
  shares: readonly Datashare[],
  renderer: ShareRenderer,
  steps: readonly PlanStep[],
): Plan {
  return Object.freeze({
    target: renderer.target,
    share: shares.map((d) => d.name).join(', '),
    kind,
    steps: Object.freeze([...steps]),
    statements: Object.freeze(steps.flatMap((s) => s.statements)),
    isEmpty: steps.length === 0,
    hasPlaceholders: shares.some((d) => d.hasPlaceholders),
    placeholders: Object.freeze([...new Set(shares.flatMap((d) => placeholderNames(d)))]),
  })
}

function build(
  kind: Plan['kind'],
  desired: Datashare,
  actual: ShareState,
  renderer: ShareRenderer,
  actions: readonly PlannedAction[],
): Plan {
  const steps = renderSteps({ desired, actual, memo: new Set() }, renderer, actions)
  return assemblePlan(kind, [desired], renderer, steps)
}

/** The columns a published view lists: the relation's definition, or the masked table's. */
function publishedColumns(
  desired: Datashare,
  schema: string,
  name: string,
  masking: readonly MaskingPolicy[],
) {
  return desired.definitions?.get(tableKey(schema, name))?.columns ?? masking[0]?.tableColumns
}

/** The view published for one table (or view) of a published entry, with its hashes. */
function publishedView(
  desired: Datashare,
  entry: ShareSchema,
  table: string,
  query: (view: Omit<PublishedView, 'hash'>) => string,
): PublishedView {
  const masking = desired.masking.filter((m) => m.schema === entry.schema && m.table === table)
  const rowLevelSecurity = desired.rowLevelSecurity.filter(
    (r) => r.schema === entry.schema && r.table === table,
  )
  const columns = publishedColumns(desired, entry.schema, table, masking)
  const view = {
    schema: entry.publishAs,
    name: table,
    source: Object.freeze({ schema: entry.schema, table }),
    columns,
    masking: Object.freeze(masking),
    rowLevelSecurity: Object.freeze(rowLevelSecurity),
  }
  return Object.freeze({
    ...view,
    hash: viewHash(query(view)),
    ...(columns === undefined ? {} : { columnsHash: columnsHash(columns) }),
  })
}

const unkey = (key: string) => JSON.parse(key) as [string, string]
const byKey = <T>([a]: [string, T], [b]: [string, T]) => (a < b ? -1 : 1)

/**
 * Publication schemas that can go: they exist, hold only views this package made (at least
 * one, unless `alsoEmpty` says the schema is known to be ours), and are not `kept`.
 */
function droppableSchemas(
  actual: ShareState,
  kept: ReadonlySet<string>,
  alsoEmpty: ReadonlySet<string>,
): string[] {
  return [...actual.producerSchemas].sort().filter((schema) => {
    if (kept.has(schema)) return false
    const hashes = [...actual.publishedViews]
      .filter(([key]) => unkey(key)[0] === schema)
      .map(([, hash]) => hash)
    if (hashes.some((h) => h === undefined)) return false
    return hashes.length > 0 || alsoEmpty.has(schema)
  })
}

type Collect = (action: PlanAction) => void

/** Published views as they should be, before the share changes: created, replaced or rebuilt. */
function publishedSteps(
  desired: Datashare,
  actual: ShareState,
  resolved: readonly ResolvedEntry[],
  query: NonNullable<ShareRenderer['viewQuery']>,
  producer: Collect,
) {
  const wantedViews = new Set<string>()
  const publications = new Set<string>()
  const recreated = new Set<string>()
  for (const r of resolved) {
    if (!r.published) continue
    publications.add(r.shared)
    if (!actual.producerSchemas.has(r.shared))
      producer({ kind: 'create-publication-schema', schema: r.shared })
    for (const table of r.tables) {
      const view = publishedView(desired, r.entry, table, query)
      const key = tableKey(view.schema, view.name)
      wantedViews.add(key)
      if (!actual.publishedViews.has(key)) {
        producer({ kind: 'create-view', view })
        continue
      }
      const current = actual.publishedViews.get(key)
      const [hash, columns] = current?.split(':') ?? []
      if (hash === view.hash) continue
      // CREATE OR REPLACE VIEW keeps the columns (Redshift: "the identical set of columns",
      // DG:r_CREATE_VIEW); other column lists, or an unknown one, need the view rebuilt:
      // out of the share, dropped, created, and added again (below).
      if (current === undefined || (columns !== undefined && columns === view.columnsHash))
        producer({ kind: 'replace-view', view })
      else {
        if (actual.tables.has(key))
          producer({ kind: 'remove-tables', schema: view.schema, tables: [view.name] })
        producer({ kind: 'drop-view', schema: view.schema, view: view.name })
        producer({ kind: 'create-view', view })
        recreated.add(key)
      }
    }
  }
  return { wantedViews, publications, recreated }
}

/** Objects no longer wanted leave the share, then views no longer wanted and their schemas go. */
function staleSteps(
  actual: ShareState,
  resolved: readonly ResolvedEntry[],
  published: ReturnType<typeof publishedSteps> | undefined,
  producer: Collect,
): void {
  const wantedTables = new Set<string>()
  for (const r of resolved) for (const t of r.tables) wantedTables.add(tableKey(r.shared, t))
  const wantedSchemas = new Set(resolved.map((r) => r.shared))
  const stale = new Map<string, string[]>()
  for (const key of actual.tables) {
    if (wantedTables.has(key)) continue
    const [schema, table] = unkey(key)
    stale.set(schema, [...(stale.get(schema) ?? []), table])
  }
  for (const [schema, tables] of [...stale].sort(byKey))
    producer({ kind: 'remove-tables', schema, tables: tables.sort() })
  for (const schema of [...actual.schemas].sort())
    if (!wantedSchemas.has(schema)) producer({ kind: 'remove-schema', schema })
  if (!published) return
  for (const [key, hash] of [...actual.publishedViews].sort(byKey))
    if (hash !== undefined && !published.wantedViews.has(key)) {
      const [schema, view] = unkey(key)
      producer({ kind: 'drop-view', schema, view })
    }
  for (const schema of droppableSchemas(actual, published.publications, new Set()))
    producer({ kind: 'drop-publication-schema', schema })
}

/** Schemas and tables (or views) the share lacks, INCLUDENEW, grants and revokes of usage. */
function addSteps(
  desired: Datashare,
  actual: ShareState,
  renderer: ShareRenderer,
  resolved: readonly ResolvedEntry[],
  recreated: ReadonlySet<string>,
  producer: Collect,
): void {
  for (const r of resolved) {
    if (!actual.schemas.has(r.shared)) producer({ kind: 'add-schema', schema: r.shared })
    const inShare = (t: string) =>
      actual.tables.has(tableKey(r.shared, t)) && !recreated.has(tableKey(r.shared, t))
    const missing = r.tables.filter((t) => !inShare(t))
    const anyPresent = [...actual.tables].some((k) => unkey(k)[0] === r.shared)
    if (missing.length > 0) {
      // ALL TABLES would also take anything else in a publication schema, and views left
      // out of an 'all' entry: then the relations are listed.
      if (r.entry.tables === 'all' && !r.published && !r.partial && !anyPresent)
        producer({ kind: 'add-all-tables', schema: r.shared, tables: missing })
      else producer({ kind: 'add-tables', schema: r.shared, tables: missing })
    }
    if (actual.includeNew.has(r.shared) !== r.includeNew)
      producer({ kind: 'set-include-new', schema: r.shared, value: r.includeNew })
  }
  const wantedGrantees = new Map(desired.consumers.map((c) => [renderer.granteeKey(c), c]))
  for (const [key, consumer] of wantedGrantees)
    if (!actual.grantees.has(key)) producer({ kind: 'grant-usage', consumer })
  for (const key of [...actual.grantees].sort())
    if (!wantedGrantees.has(key)) producer({ kind: 'revoke-usage', grantee: key })
}

/** One consumer's steps: its database from the share, readers, and (no published views) policies. */
function consumerSteps(
  desired: Datashare,
  actual: ShareState,
  renderer: ShareRenderer,
  consumer: Consumer,
  regrant: readonly string[] | undefined,
  push: Collect,
): void {
  const c = actual.consumers.get(consumer.name) ?? emptyConsumerState
  let fresh = false
  if (c.database !== consumer.database) {
    if (c.database !== undefined) push({ kind: 'drop-database', consumer, database: c.database })
    push({ kind: 'create-database', consumer })
    fresh = true
  }
  const readers = fresh ? new Set<string>() : c.readers
  const wantedReaders = new Set(consumer.readers.map((r) => renderer.readerKey(r)))
  for (const reader of consumer.readers)
    if (!readers.has(renderer.readerKey(reader))) push({ kind: 'grant-reader', consumer, reader })
  for (const key of [...readers].sort()) {
    if (wantedReaders.has(key)) continue
    const [kind, ...rest] = key.split(':')
    push({
      kind: 'revoke-reader',
      consumer,
      reader: { kind: kind as 'role', name: rest.join(':') },
    })
  }
  // Published views protect the data on the producer: nothing to attach on consumers. A
  // schema new to the share (a publication schema, when a policy first applies), or one whose
  // views were rebuilt, needs the object-level grants of a WITH PERMISSIONS database again
  // for readers who already had it.
  if (regrant !== undefined) {
    if (!fresh && consumer.withPermissions && regrant.length > 0)
      for (const reader of consumer.readers)
        if (readers.has(renderer.readerKey(reader)))
          push({ kind: 'grant-reader', consumer, reader, schemas: regrant })
    return
  }
  const masking = fresh ? new Set<string>() : c.masking
  const wantedMasking = desired.masking.filter((m) => m.consumers.includes(consumer.name))
  for (const policy of wantedMasking)
    if (!masking.has(policy.name)) push({ kind: 'attach-masking', consumer, policy })
  for (const name of [...masking].sort())
    if (!wantedMasking.some((m) => m.name === name))
      push({ kind: 'detach-masking', consumer, policy: name })
  const rls = fresh ? new Set<string>() : c.rowLevelSecurity
  const wantedRls = desired.rowLevelSecurity.filter((r) => r.consumers.includes(consumer.name))
  for (const policy of wantedRls)
    if (!rls.has(policy.name)) push({ kind: 'attach-rls', consumer, policy })
  for (const name of [...rls].sort())
    if (!wantedRls.some((r) => r.name === name))
      push({ kind: 'detach-rls', consumer, policy: name })
}

/** The actions of {@link planDatashare}, in order, without rendering them. */
export function planActions(
  desired: Datashare,
  actual: ShareState,
  renderer: ShareRenderer,
): PlannedAction[] {
  const out: PlannedAction[] = []
  const producer = (action: PlanAction) => out.push({ side: 'producer', action })
  const query = renderer.viewQuery?.bind(renderer)

  if (!actual.share)
    producer({ kind: 'create-share', publiclyAccessible: desired.publiclyAccessible })
  else if (actual.share.publiclyAccessible !== desired.publiclyAccessible)
    producer({ kind: 'set-publicly-accessible', value: desired.publiclyAccessible })

  // What the share should hold per entry: the source schema and its tables and views, or the
  // publication schema and its views. A published schema never gets INCLUDENEW: it would add
  // each view to the share as it is created, before the plan adds it; tables created later
  // are published by the next plan instead. Nor does any schema of a share with policies: a
  // view created later would join unchecked and read around them (includeNewAllowed).
  const resolved = resolveEntries(desired, actual, query !== undefined)

  // A published schema with no table the reader could see would be shared empty: consumers
  // would get a database without a table. On Redshift, SVV_TABLES lists only the tables the
  // caller may use, so an identity that was not granted another user's tables reads none.
  for (const r of resolved)
    if (r.published && r.entry.tables === 'all' && r.tables.length === 0)
      throw new DesiredStateError(
        'NOTHING_TO_SHARE',
        `schemas: ${r.entry.schema} has no table on the producer that this identity can see, so ${r.shared} would be shared empty. Load the data first, or grant the identity USAGE on schema ${r.entry.schema} and SELECT on its tables.`,
        { field: 'schemas', value: r.entry.schema },
      )

  // Published views first: they must exist before the share can hold them.
  const published = query ? publishedSteps(desired, actual, resolved, query, producer) : undefined
  staleSteps(actual, resolved, published, producer)
  addSteps(desired, actual, renderer, resolved, published?.recreated ?? new Set(), producer)

  const rebuilt = [...(published?.recreated ?? [])].map((k) => unkey(k)[0])
  const regrant = query
    ? [
        ...new Set([
          ...resolved.map((r) => r.shared).filter((x) => !actual.schemas.has(x)),
          ...rebuilt,
        ]),
      ]
    : undefined
  for (const consumer of desired.consumers) {
    const side = sideOf(consumer)
    consumerSteps(desired, actual, renderer, consumer, regrant, (action) =>
      out.push({ side, action }),
    )
  }
  return out
}

/**
 * Compares the desired share with what exists and returns the minimal ordered plan:
 * producer first (create share, public access, published views, schemas, tables and views,
 * include-new, grants, revokes of removed consumers), then each consumer (database from the
 * share, reader grants, and on targets without published views, policies). Applying it and
 * planning again gives an empty plan.
 *
 * Before any statement, a schema, table or view of the share that does not exist on the
 * producer is refused (when the state was read), and so is a listed view that would read
 * around one of the share's policies (`'all'` leaves such views out).
 *
 * On a target that publishes views (Redshift, {@link ShareRenderer.viewQuery}), an entry
 * with policies is shared as views of a publication schema, each listing its columns: the
 * views are created, replaced (same columns, new query) or rebuilt (other columns: removed
 * from the share, dropped, created, added again) before the share changes, and views no
 * longer wanted are removed from the share, then dropped.
 *
 * @example
 * const plan = planDatashare(share, await readRedshiftState(share, connections), redshiftRenderer())
 * for (const s of plan.statements) console.log(s.side, s.sql)
 */
export function planDatashare(
  desired: Datashare,
  actual: ShareState,
  renderer: ShareRenderer,
): Plan {
  renderer.validate(desired, 'apply')
  return build('apply', desired, actual, renderer, planActions(desired, actual, renderer))
}

/**
 * The plan that removes the share: on each consumer detach policies and drop the database
 * made from the share, then on the producer revoke every grant and drop the datashare, and
 * (targets that publish views) drop the published views and their publication schemas —
 * in that order. Steps for things that do not exist are left out; a publication schema that
 * holds anything this package did not make is left in place.
 *
 * @example
 * const plan = planTeardown(share, await readLocalState(share, db), localRenderer())
 */
export function planTeardown(
  desired: Datashare,
  actual: ShareState,
  renderer: ShareRenderer,
): Plan {
  renderer.validate(desired, 'teardown')
  return build('teardown', desired, actual, renderer, teardownActions(desired, actual, renderer))
}

/** The actions of {@link planTeardown}, in order, without rendering them. */
export function teardownActions(
  desired: Datashare,
  actual: ShareState,
  renderer: ShareRenderer,
): PlannedAction[] {
  const out: PlannedAction[] = []
  for (const consumer of desired.consumers) {
    const c = actual.consumers.get(consumer.name)
    if (!c) continue
    const side = sideOf(consumer)
    for (const policy of [...c.masking].sort())
      out.push({ side, action: { kind: 'detach-masking', consumer, policy } })
    for (const policy of [...c.rowLevelSecurity].sort())
      out.push({ side, action: { kind: 'detach-rls', consumer, policy } })
    if (c.database !== undefined)
      out.push({ side, action: { kind: 'drop-database', consumer, database: c.database } })
  }
  const byKey = new Map(desired.consumers.map((c) => [renderer.granteeKey(c), c]))
  for (const key of [...actual.grantees].sort()) {
    const consumer = byKey.get(key)
    out.push({
      side: 'producer',
      action: consumer
        ? { kind: 'revoke-usage', grantee: key, consumer }
        : { kind: 'revoke-usage', grantee: key },
    })
  }
  if (actual.share) out.push({ side: 'producer', action: { kind: 'drop-share' } })
  if (renderer.viewQuery) {
    for (const [key, hash] of [...actual.publishedViews].sort(([a], [b]) => (a < b ? -1 : 1)))
      if (hash !== undefined) {
        const [schema, view] = unkey(key)
        out.push({ side: 'producer', action: { kind: 'drop-view', schema, view } })
      }
    const ours = new Set(desired.schemas.filter((s) => s.published).map((s) => s.publishAs))
    for (const schema of droppableSchemas(actual, new Set(), ours))
      out.push({ side: 'producer', action: { kind: 'drop-publication-schema', schema } })
  }
  return out
}
