import type { Consumer, Datashare } from '../desired-state.js'
import { isPlaceholder } from '../namespace-ref.js'
import type { RenderContext, ShareRenderer } from '../renderer/share-renderer.js'
import { emptyConsumerState, type ShareState, tableKey } from '../state.js'
import type { Plan, PlanAction, PlanStep, Side } from './plan-step.js'

function placeholderNames(d: Datashare): string[] {
  const refs = [d.producer.namespace, d.producer.account, ...d.consumers.map((c) => c.grantee.id)]
  return [...new Set(refs.filter(isPlaceholder).map((p) => p.name))]
}

const sideOf = (c: Consumer): Side => `consumer:${c.name}`

function build(
  kind: Plan['kind'],
  desired: Datashare,
  actual: ShareState,
  renderer: ShareRenderer,
  actions: readonly { side: Side; action: PlanAction }[],
): Plan {
  const context: RenderContext = { desired, actual, memo: new Set() }
  const steps: PlanStep[] = actions.map(({ side, action }) =>
    Object.freeze({
      side,
      action,
      statements: Object.freeze(renderer.render(action, side, context)),
    }),
  )
  const statements = Object.freeze(steps.flatMap((s) => s.statements))
  return Object.freeze({
    target: renderer.target,
    share: desired.name,
    kind,
    steps: Object.freeze(steps),
    statements,
    isEmpty: steps.length === 0,
    hasPlaceholders: desired.hasPlaceholders,
    placeholders: Object.freeze(placeholderNames(desired)),
  })
}

/**
 * Compares the desired share with what exists and returns the minimal ordered plan:
 * producer first (create share, public access, schemas, tables, include-new, grants,
 * revokes of removed consumers), then each consumer (database from the share, reader
 * grants, policies). Applying it and planning again gives an empty plan.
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
  renderer.validate(desired)
  const out: { side: Side; action: PlanAction }[] = []
  const producer = (action: PlanAction) => out.push({ side: 'producer', action })

  if (!actual.share)
    producer({ kind: 'create-share', publiclyAccessible: desired.publiclyAccessible })
  else if (actual.share.publiclyAccessible !== desired.publiclyAccessible)
    producer({ kind: 'set-publicly-accessible', value: desired.publiclyAccessible })

  // Objects no longer wanted go first, so a schema is emptied before it is removed.
  const wantedTables = new Set<string>()
  const resolved = desired.schemas.map((s) => {
    const tables = s.tables === 'all' ? (actual.producerTables.get(s.schema) ?? []) : s.tables
    for (const t of tables) wantedTables.add(tableKey(s.schema, t))
    return { ...s, resolved: tables }
  })
  const wantedSchemas = new Set(desired.schemas.map((s) => s.schema))
  const stale = new Map<string, string[]>()
  for (const key of actual.tables) {
    if (wantedTables.has(key)) continue
    const [schema, table] = JSON.parse(key) as [string, string]
    stale.set(schema, [...(stale.get(schema) ?? []), table])
  }
  for (const [schema, tables] of [...stale].sort(([a], [b]) => (a < b ? -1 : 1)))
    producer({ kind: 'remove-tables', schema, tables: tables.sort() })
  for (const schema of [...actual.schemas].sort())
    if (!wantedSchemas.has(schema)) producer({ kind: 'remove-schema', schema })

  for (const s of resolved) {
    if (!actual.schemas.has(s.schema)) producer({ kind: 'add-schema', schema: s.schema })
    const missing = s.resolved.filter((t) => !actual.tables.has(tableKey(s.schema, t)))
    const anyPresent = [...actual.tables].some((k) => (JSON.parse(k) as string[])[0] === s.schema)
    if (missing.length > 0) {
      if (s.tables === 'all' && !anyPresent)
        producer({ kind: 'add-all-tables', schema: s.schema, tables: missing })
      else producer({ kind: 'add-tables', schema: s.schema, tables: missing })
    }
    if (actual.includeNew.has(s.schema) !== s.includeNew)
      producer({ kind: 'set-include-new', schema: s.schema, value: s.includeNew })
  }

  const wantedGrantees = new Map(desired.consumers.map((c) => [renderer.granteeKey(c), c]))
  for (const [key, consumer] of wantedGrantees)
    if (!actual.grantees.has(key)) producer({ kind: 'grant-usage', consumer })
  for (const key of [...actual.grantees].sort())
    if (!wantedGrantees.has(key)) producer({ kind: 'revoke-usage', grantee: key })

  for (const consumer of desired.consumers) {
    const side = sideOf(consumer)
    const c = actual.consumers.get(consumer.name) ?? emptyConsumerState
    const push = (action: PlanAction) => out.push({ side, action })
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
  return build('apply', desired, actual, renderer, out)
}

/**
 * The plan that removes the share: on each consumer detach policies and drop the database
 * made from the share, then on the producer revoke every grant and drop the datashare —
 * in that order. Steps for things that do not exist are left out.
 *
 * @example
 * const plan = planTeardown(share, await readLocalState(share, db), localRenderer())
 */
export function planTeardown(
  desired: Datashare,
  actual: ShareState,
  renderer: ShareRenderer,
): Plan {
  renderer.validate(desired)
  const out: { side: Side; action: PlanAction }[] = []
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
  return build('teardown', desired, actual, renderer, out)
}
