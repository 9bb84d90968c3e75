import type {
  Consumer,
  Datashare,
  DatashareSpec,
  DefineDatashareOptions,
} from '../desired-state.js'
import { defineDatashare } from '../desired-state.js'
import { DesiredStateError } from '../errors.js'
import { refText } from '../namespace-ref.js'
import type { ShareRenderer } from '../renderer/share-renderer.js'
import { emptyState, type ShareState, type SharesState } from '../state.js'
import type { Plan, PlanAction, PlanStep } from './plan-step.js'
import {
  assemblePlan,
  type PlannedAction,
  planActions,
  renderSteps,
  teardownActions,
} from './planner.js'

/** Options of {@link planDatashares} and {@link planTeardowns}. */
export interface PlanDatasharesOptions {
  /**
   * Names of shares this caller created (e.g. recorded by `rsp`): an outbound share that is
   * no longer desired is torn down only when it is listed here, or, on the local target, when
   * its role carries this package's marker comment. Other shares are left alone.
   */
  readonly managed?: readonly string[]
}

/** A share's error, its field and message prefixed with the share's index and name. */
function inShare<T>(index: number, name: string, run: () => T): T {
  try {
    return run()
  } catch (e) {
    if (!(e instanceof DesiredStateError)) throw e
    const field = `[${index}].${e.field ?? ''}`
    throw new DesiredStateError(e.code, `[${index}] (share ${name}) ${e.message}`, {
      field,
      value: e.value,
      cause: e,
    })
  }
}

const dup = (field: string, value: unknown, message: string) =>
  new DesiredStateError('DUPLICATE', `${field}: ${message}`, { field, value })

/** Checks the set as a whole: share names, one producer, consumers consistent across shares. */
function checkSet(shares: readonly Datashare[]): void {
  const names = new Map<string, number>()
  const consumers = new Map<string, { id: string; index: number }>()
  const databases = new Map<string, number>()
  shares.forEach((d, i) => {
    const first = names.get(d.name)
    if (first !== undefined)
      throw dup(
        `[${i}].name`,
        d.name,
        `${JSON.stringify(d.name)} is also share [${first}]; name each datashare once.`,
      )
    names.set(d.name, i)
    const p = shares[0]!.producer
    if (
      refText(d.producer.namespace) !== refText(p.namespace) ||
      d.producer.database !== p.database
    )
      throw new DesiredStateError(
        'DESIRED_STATE_INVALID',
        `[${i}].producer: ${refText(d.producer.namespace)}/${d.producer.database} differs from share [0]'s ${refText(p.namespace)}/${p.database}; one set of datashares has one producer namespace and database (plan other producers separately).`,
        { field: `[${i}].producer`, value: d.producer },
      )
    d.consumers.forEach((c, j) => {
      const id = `${c.grantee.kind} ${refText(c.grantee.id)}`
      const seen = consumers.get(c.name)
      if (seen !== undefined && seen.id !== id)
        throw dup(
          `[${i}].consumers[${j}].namespace`,
          refText(c.grantee.id),
          `consumer ${JSON.stringify(c.name)} is ${seen.id} in share [${seen.index}]; a consumer name stands for one namespace in every share (its statements run on that consumer's connection).`,
        )
      consumers.set(c.name, { id, index: i })
      // R-DS-11: one consumer database per datashare per consumer, so never one for two.
      const key = JSON.stringify([c.name, c.database])
      const other = databases.get(key)
      if (other !== undefined)
        throw dup(
          `[${i}].consumers[${j}].database`,
          c.database,
          `consumer ${JSON.stringify(c.name)} already creates database ${JSON.stringify(c.database)} from share [${other}]; a database is made from one datashare (R-DS-10, R-DS-11), so give this one another name.`,
        )
      databases.set(key, i)
    })
  })
}

/**
 * Validates a set of datashares of one producer at the edge and returns them normalised and
 * frozen: each as {@link defineDatashare} does (errors prefixed `[i].`), then the set: share
 * names are unique, every share has the same producer namespace and database, a consumer name
 * stands for the same namespace (or account) in every share, and no consumer creates one
 * database name from two shares (R-DS-11).
 *
 * @throws {DesiredStateError} naming the field (`[1].consumers[0].database`) and the value.
 * @example
 * const shares = defineDatashares([core, sales, operations])
 * const plan = planDatashares(shares, await readRedshiftShares(shares, connections), redshiftRenderer())
 */
export function defineDatashares(
  specs: readonly DatashareSpec[],
  options: DefineDatashareOptions = {},
): readonly Datashare[] {
  if (!Array.isArray(specs) || specs.length === 0)
    throw new DesiredStateError(
      'DESIRED_STATE_INVALID',
      'datashares: give a list of at least one datashare.',
      { field: 'datashares', value: specs },
    )
  const shares = specs.map((spec, i) =>
    inShare(i, String((spec as { name?: unknown })?.name), () => defineDatashare(spec, options)),
  )
  checkSet(shares)
  return Object.freeze(shares)
}

/** Validated shares, whether given as specs or as values of `defineDatashare(s)`. */
export function asDatashares(specs: readonly (Datashare | DatashareSpec)[]): readonly Datashare[] {
  const raw = specs.some((s) => 'objects' in s)
  if (raw) return defineDatashares(specs as readonly DatashareSpec[])
  checkSet(specs as readonly Datashare[])
  return specs as readonly Datashare[]
}

/**
 * A share that exists but is not desired, as a desired state to tear down: no objects (the
 * reader then treats every schema it holds as a possible publication schema, dropping only
 * views with this package's comment), and as consumers the given names — those of the set
 * keep their namespace, others (local roles) get a stand-in one.
 */
export function foreignShare(
  name: string,
  shares: readonly Datashare[],
  consumerNames: readonly string[],
): Datashare {
  const known = new Map(shares.flatMap((d) => d.consumers.map((c) => [c.name, c] as const)))
  const consumers = consumerNames.map(
    (n): Consumer =>
      known.get(n) ??
      Object.freeze({
        name: n,
        grantee: Object.freeze({ kind: 'namespace', id: n }),
        database: n,
        publiclyAccessible: false,
        withPermissions: false,
        readers: Object.freeze([]),
      }),
  )
  return Object.freeze({
    name,
    producer: shares[0]!.producer,
    publiclyAccessible: false,
    publiclyAccessibleSource: 'derived',
    schemas: Object.freeze([]),
    consumers: Object.freeze(consumers),
    masking: Object.freeze([]),
    rowLevelSecurity: Object.freeze([]),
    hasPlaceholders: false,
  })
}

/**
 * Consumers of the set that left share `d` but still hold a database made from it: dropped,
 * as their grant is revoked (R-DS-9: the database outlives the revoke; D-7). Known only when
 * the readers read every consumer of the set for each share, as the `read…Shares` do.
 */
function leavers(shares: readonly Datashare[], d: Datashare, state: ShareState): PlannedAction[] {
  const staying = new Set(d.consumers.map((c) => c.name))
  const seen = new Set<string>()
  return shares.flatMap((other) =>
    other.consumers.flatMap((consumer): PlannedAction[] => {
      if (staying.has(consumer.name) || seen.has(consumer.name)) return []
      seen.add(consumer.name)
      const database = state.consumers.get(consumer.name)?.database
      if (database === undefined) return []
      return [
        {
          side: `consumer:${consumer.name}`,
          action: { kind: 'drop-database', consumer, database },
        },
      ]
    }),
  )
}

/** Every consumer of the set, once: the state readers read each share for all of them. */
export function withAllConsumers(shares: readonly Datashare[], d: Datashare): Datashare {
  const names = new Set(d.consumers.map((c) => c.name))
  const more = shares
    .flatMap((o) => o.consumers)
    .filter((c) => {
      if (names.has(c.name)) return false
      names.add(c.name)
      return true
    })
  return Object.freeze({ ...d, consumers: Object.freeze([...d.consumers, ...more]) })
}

/** Keeps `role:` keys in one memo for every share, so a role is created once in a plan. */
class SharedMemo extends Set<string> {
  constructor(private readonly roles: Set<string>) {
    super()
  }
  override has(key: string): boolean {
    return key.startsWith('role:') ? this.roles.has(key) : super.has(key)
  }
  override add(key: string): this {
    if (key.startsWith('role:')) this.roles.add(key)
    else super.add(key)
    return this
  }
}

const REMOVALS: ReadonlySet<PlanAction['kind']> = new Set([
  'remove-tables',
  'remove-schema',
  'revoke-usage',
  'drop-view',
  'drop-publication-schema',
  'drop-share',
  'drop-database',
  'revoke-reader',
  'detach-masking',
  'detach-rls',
])

/**
 * Orders the steps of several shares: producer first, removals before additions (an object or
 * consumer moving between shares leaves one before it joins the other), then each consumer,
 * its removals (drop the old database) before its additions. Each share's own order is kept
 * within each group.
 */
function mergeApply(steps: readonly PlanStep[]): PlanStep[] {
  const removal = (s: PlanStep) => REMOVALS.has(s.action.kind)
  const producer = steps.filter((s) => s.side === 'producer')
  const sides = [...new Set(steps.filter((s) => s.side !== 'producer').map((s) => s.side))]
  return [
    ...producer.filter(removal),
    ...producer.filter((s) => !removal(s)),
    ...sides.flatMap((side) => {
      const mine = steps.filter((s) => s.side === side)
      return [...mine.filter(removal), ...mine.filter((s) => !removal(s))]
    }),
  ]
}

/** Outbound shares found but not desired that the caller (or the local marker) says are ours. */
function managedOthers(actual: SharesState, options: PlanDatasharesOptions): string[] {
  const managed = new Set(options.managed ?? [])
  return [...actual.others].sort().filter((n) => managed.has(n) || actual.marked.has(n))
}

/** The rendered teardown steps of managed shares that are no longer desired. */
function teardownOthers(
  shares: readonly Datashare[],
  actual: SharesState,
  renderer: ShareRenderer,
  options: PlanDatasharesOptions,
  roles: Set<string>,
  remaining: readonly Datashare[] = shares,
): PlanStep[] {
  return managedOthers(actual, options).flatMap((name) => {
    const state = actual.shares.get(name) ?? emptyState()
    const d = foreignShare(name, shares, actual.otherConsumers.get(name) ?? [])
    const actions: PlannedAction[] = teardownActions(d, state, renderer)
    return renderSteps(
      { desired: d, actual: state, memo: new SharedMemo(roles), shares: remaining },
      renderer,
      actions,
    )
  })
}

/**
 * Plans a set of datashares of one producer against what exists, as one plan of the same type
 * {@link planDatashare} returns (so `applyPlan` and `renderScript` take it unchanged): each
 * share as `planDatashare` plans it, plus the teardown of shares that exist, are no longer
 * desired and are managed (`options.managed`, or the local marker). Producer statements come
 * first, removals before additions; then each consumer's, removals first.
 *
 * @throws {DesiredStateError} as `defineDatashares` and `planDatashare` do, the field
 *   prefixed with the share's index (`[2].objects[0].tables[1]`), before any statement.
 * @example
 * const shares = defineDatashares([core, sales])
 * const actual = await readRedshiftShares(shares, connections)
 * const plan = planDatashares(shares, actual, redshiftRenderer(), { managed: ['old_share'] })
 */
export function planDatashares(
  specs: readonly (Datashare | DatashareSpec)[],
  actual: SharesState,
  renderer: ShareRenderer,
  options: PlanDatasharesOptions = {},
): Plan {
  const shares = asDatashares(specs)
  const roles = new Set<string>()
  const steps = shares.flatMap((d, i) =>
    inShare(i, d.name, () => {
      renderer.validate(d, 'apply')
      const state: ShareState = actual.shares.get(d.name) ?? emptyState()
      const actions = [...planActions(d, state, renderer), ...leavers(shares, d, state)]
      return renderSteps(
        { desired: d, actual: state, memo: new SharedMemo(roles), shares },
        renderer,
        actions,
      )
    }),
  )
  steps.push(...teardownOthers(shares, actual, renderer, options, roles))
  return assemblePlan('apply', shares, renderer, mergeApply(steps))
}

/**
 * Tears down every share of the set, and the managed shares found that are not in it (as
 * {@link planDatashares} decides), in one plan: every consumer's steps first (detach
 * policies, drop its databases), then the producer's (revoke, drop each datashare, drop
 * published views and their schemas).
 *
 * @example
 * const plan = planTeardowns(shares, await readLocalShares(shares, db), localRenderer())
 */
export function planTeardowns(
  specs: readonly (Datashare | DatashareSpec)[],
  actual: SharesState,
  renderer: ShareRenderer,
  options: PlanDatasharesOptions = {},
): Plan {
  const shares = asDatashares(specs)
  const roles = new Set<string>()
  const steps = shares.flatMap((d, i) =>
    inShare(i, d.name, () => {
      renderer.validate(d, 'teardown')
      const state = actual.shares.get(d.name) ?? emptyState()
      // Consumers' search_path: nothing of the set remains.
      return renderSteps(
        { desired: d, actual: state, memo: new SharedMemo(roles), shares: [] },
        renderer,
        teardownActions(d, state, renderer),
      )
    }),
  )
  steps.push(...teardownOthers(shares, actual, renderer, options, roles, []))
  const consumerFirst = [
    ...steps.filter((s) => s.side !== 'producer'),
    ...steps.filter((s) => s.side === 'producer'),
  ]
  return assemblePlan('teardown', shares, renderer, consumerFirst)
}
