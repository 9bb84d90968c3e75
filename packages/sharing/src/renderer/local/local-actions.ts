import {
  postgresType,
  quoteIdent,
  quoteLiteral,
  quoteQualified,
} from '@redshift-playground/schema/model'
import type { Consumer, Datashare, MaskingPolicy } from '../../desired-state.js'
import { SharingError } from '../../errors.js'
import type { PlanAction, Side, Statement } from '../../plan/plan-step.js'
import { tableKey } from '../../state.js'
import { rlsPredicate } from '../redshift/redshift-actions.js'
import {
  type ActionOf,
  type ActionRenderers,
  type RenderContext,
  renderAction,
} from '../share-renderer.js'
import { maskExpression } from '../sql-types.js'
import {
  consumerSchemaComment,
  localRlsPolicyName,
  maskingViewComment,
  shareRoleComment,
} from './local-markers.js'

const lit = (v: string) => quoteLiteral(v, { target: 'postgres' })

/**
 * What the local renderer's action functions share for one step: the render context, the
 * desired share, its quoted role, the step's side and the role bookkeeping.
 */
export interface LocalStep {
  readonly ctx: RenderContext
  readonly desired: Datashare
  /** The share role, quoted. */
  readonly share: string
  /** Whether consumer and reader roles are created with LOGIN. */
  readonly login: boolean
  /** A statement on the step's side. */
  readonly s: (sql: string, purpose: string) => Statement
  /** `CREATE ROLE`, unless the role exists or an earlier step of the plan creates it. */
  readonly ensureRole: (name: string, canLogin: boolean) => Statement[]
}

/** The {@link LocalStep} of one action rendered on `side`. */
export function localStep(side: Side, ctx: RenderContext, login: boolean): LocalStep {
  const d = ctx.desired
  const share = quoteIdent(d.name)
  const roles = (ctx.actual.extra?.roles as ReadonlySet<string> | undefined) ?? new Set<string>()
  const s = (sql: string, purpose: string): Statement => Object.freeze({ side, sql, purpose })
  const ensureRole = (name: string, canLogin: boolean): Statement[] => {
    if (roles.has(name) || ctx.memo.has(`role:${name}`)) return []
    ctx.memo.add(`role:${name}`)
    return [s(`CREATE ROLE ${quoteIdent(name)} ${canLogin ? 'LOGIN' : 'NOLOGIN'}`, `role ${name}`)]
  }
  return { ctx, desired: d, share, login, s, ensureRole }
}

/**
 * A consumer role's search_path: its databases (schemas) from every desired share it is in,
 * then those shares' schemas — or, planning one share, that share's database and schemas.
 */
function searchPath(ctx: RenderContext, consumer: string): string[] {
  const shares = ctx.shares ?? [ctx.desired]
  const mine = shares.filter((d) => d.consumers.some((c) => c.name === consumer))
  return [
    ...new Set([
      ...mine.map((d) => d.consumers.find((c) => c.name === consumer)!.database),
      ...mine.flatMap((d) => d.schemas.map((x) => x.schema)),
    ]),
  ]
}

/** Columns of a table that some masking policy of the share hides from the share role. */
function maskedColumns(desired: Datashare, schema: string, table: string): Set<string> {
  const out = new Set<string>()
  for (const m of desired.masking)
    if (m.schema === schema && m.table === table) for (const c of m.columns) out.add(c.name)
  return out
}

function tableGrant(
  desired: Datashare,
  schema: string,
  table: string,
  to: string,
  verb: 'GRANT' | 'REVOKE' = 'GRANT',
): string {
  const masked = maskedColumns(desired, schema, table)
  const policy = desired.masking.find((m) => m.schema === schema && m.table === table)
  if (verb === 'GRANT' && policy) {
    const clear = policy.tableColumns
      .filter((c) => !masked.has(c.name))
      .map((c) => quoteIdent(c.name))
    return `GRANT SELECT (${clear.join(', ')}) ON ${quoteQualified(schema, table)} TO ${quoteIdent(to)}`
  }
  return `${verb} SELECT ON ${quoteQualified(schema, table)} ${verb === 'GRANT' ? 'TO' : 'FROM'} ${quoteIdent(to)}`
}

function maskingView(policy: MaskingPolicy, consumer: Consumer): string {
  const masked = new Map(policy.columns.map((c) => [c.name, c]))
  const cols = policy.tableColumns.map((c) =>
    masked.has(c.name)
      ? `${maskExpression(c.type, policy.mask, postgresType)} AS ${quoteIdent(c.name)}`
      : quoteIdent(c.name),
  )
  // security_invoker: the consumer's own privileges and RLS policies apply through the view,
  // so a revoked consumer reads nothing through it either.
  return `CREATE VIEW ${quoteQualified(consumer.database, policy.table)} WITH (security_invoker = true, security_barrier = true) AS SELECT ${cols.join(', ')} FROM ${quoteQualified(policy.schema, policy.table)}`
}

// The tables with row level security on (the share's permissive policy), by `tableKey`.
function rlsTables(ctx: RenderContext): ReadonlySet<string> {
  return (ctx.actual.extra?.rlsTables as ReadonlySet<string> | undefined) ?? new Set<string>()
}

function createShare(action: ActionOf<'create-share'>, st: LocalStep): Statement[] {
  const { s, share, desired: d } = st
  st.ctx.memo.add(`role:${d.name}`)
  return [
    s(`CREATE ROLE ${share} NOLOGIN`, `datashare ${d.name} (a role holding the share's grants)`),
    s(
      `COMMENT ON ROLE ${share} IS ${lit(shareRoleComment(action.publiclyAccessible))}`,
      'mark the role as a datashare',
    ),
  ]
}

function setPubliclyAccessible(
  action: ActionOf<'set-publicly-accessible'>,
  { s, share }: LocalStep,
): Statement[] {
  return [
    s(
      `COMMENT ON ROLE ${share} IS ${lit(shareRoleComment(action.value))}`,
      `record PUBLICACCESSIBLE ${action.value} (no effect locally)`,
    ),
  ]
}

function addSchema(action: ActionOf<'add-schema'>, { s, share }: LocalStep): Statement[] {
  return [
    s(
      `GRANT USAGE ON SCHEMA ${quoteIdent(action.schema)} TO ${share}`,
      `add schema ${action.schema}`,
    ),
  ]
}

function removeSchema(action: ActionOf<'remove-schema'>, { s, share }: LocalStep): Statement[] {
  return [
    s(
      `REVOKE USAGE ON SCHEMA ${quoteIdent(action.schema)} FROM ${share}`,
      `remove schema ${action.schema}`,
    ),
  ]
}

function addTables(
  action: ActionOf<'add-all-tables' | 'add-tables'>,
  { s, desired: d, ctx }: LocalStep,
): Statement[] {
  return action.tables.map((t) => {
    ctx.memo.add(`restricted:${tableKey(action.schema, t)}`)
    return s(
      tableGrant(d, action.schema, t, d.name),
      `add table ${action.schema}.${t}${maskedColumns(d, action.schema, t).size ? ' (masked columns left out)' : ''}`,
    )
  })
}

function removeTables(
  action: ActionOf<'remove-tables'>,
  { s, desired: d }: LocalStep,
): Statement[] {
  return action.tables.map((t) =>
    s(tableGrant(d, action.schema, t, d.name, 'REVOKE'), `remove table ${action.schema}.${t}`),
  )
}

function setIncludeNew(action: ActionOf<'set-include-new'>, { s, share }: LocalStep): Statement[] {
  return [
    s(
      action.value
        ? `ALTER DEFAULT PRIVILEGES IN SCHEMA ${quoteIdent(action.schema)} GRANT SELECT ON TABLES TO ${share}`
        : `ALTER DEFAULT PRIVILEGES IN SCHEMA ${quoteIdent(action.schema)} REVOKE SELECT ON TABLES FROM ${share}`,
      `${action.value ? 'include' : 'stop including'} new tables of ${action.schema}`,
    ),
  ]
}

function grantUsage(action: ActionOf<'grant-usage'>, st: LocalStep): Statement[] {
  const { s, share, desired: d } = st
  const c = action.consumer
  const out = [
    ...st.ensureRole(c.name, st.login),
    s(`GRANT ${share} TO ${quoteIdent(c.name)}`, `grant ${d.name} to consumer ${c.name}`),
  ]
  // Columns masked for other consumers stay readable for this one.
  const exempt = new Map<string, { schema: string; table: string; cols: string[] }>()
  for (const m of d.masking)
    if (!m.consumers.includes(c.name)) {
      const k = tableKey(m.schema, m.table)
      const e = exempt.get(k) ?? { schema: m.schema, table: m.table, cols: [] }
      e.cols.push(...m.columns.map((x) => x.name))
      exempt.set(k, e)
    }
  for (const e of exempt.values()) {
    const own = d.masking
      .filter((m) => m.consumers.includes(c.name) && m.schema === e.schema && m.table === e.table)
      .flatMap((m) => m.columns.map((x) => x.name))
    const cols = e.cols.filter((x) => !own.includes(x))
    if (cols.length)
      out.push(
        s(
          `GRANT SELECT (${cols.map((x) => quoteIdent(x)).join(', ')}) ON ${quoteQualified(e.schema, e.table)} TO ${quoteIdent(c.name)}`,
          `columns of ${e.schema}.${e.table} masked only for other consumers`,
        ),
      )
  }
  return out
}

function revokeUsage(
  action: ActionOf<'revoke-usage'>,
  { s, share, desired: d }: LocalStep,
): Statement[] {
  const role = action.grantee.slice('role:'.length)
  return [
    s(`REVOKE ${share} FROM ${quoteIdent(role)}`, `revoke ${d.name} from ${role}`),
    ...d.schemas
      .map((x) => x.schema)
      .map((sc) =>
        s(
          `REVOKE SELECT ON ALL TABLES IN SCHEMA ${quoteIdent(sc)} FROM ${quoteIdent(role)}`,
          `drop any direct column grants of ${role} in ${sc}`,
        ),
      ),
  ]
}

function dropShare(
  _action: ActionOf<'drop-share'>,
  { s, share, desired: d, ctx }: LocalStep,
): Statement[] {
  const out: Statement[] = []
  for (const key of [...rlsTables(ctx)].sort()) {
    const [schema, table] = JSON.parse(key) as [string, string]
    out.push(
      s(
        `DROP POLICY IF EXISTS ${share} ON ${quoteQualified(schema, table)}`,
        `drop the share's row policy on ${schema}.${table}`,
      ),
    )
    out.push(
      s(
        `ALTER TABLE ${quoteQualified(schema, table)} DISABLE ROW LEVEL SECURITY`,
        `row level security off on ${schema}.${table}`,
      ),
    )
  }
  out.push(s(`DROP OWNED BY ${share}`, `revoke everything granted to ${d.name}`))
  out.push(s(`DROP ROLE ${share}`, `drop datashare ${d.name}`))
  return out
}

function createDatabase(
  action: ActionOf<'create-database'>,
  { s, desired: d, ctx }: LocalStep,
): Statement[] {
  const c = action.consumer
  return [
    s(
      `CREATE SCHEMA ${quoteIdent(c.database)}`,
      `consumer ${c.name}'s database ${c.database} (a schema for its masking views)`,
    ),
    s(
      `COMMENT ON SCHEMA ${quoteIdent(c.database)} IS ${lit(consumerSchemaComment(d.name))}`,
      'mark it as made from the share',
    ),
    s(
      `GRANT USAGE ON SCHEMA ${quoteIdent(c.database)} TO ${quoteIdent(c.name)}`,
      `let ${c.name} use it`,
    ),
    s(
      `ALTER ROLE ${quoteIdent(c.name)} SET search_path = ${searchPath(ctx, c.name)
        .map((x) => quoteIdent(x))
        .join(', ')}`,
      `${c.name} resolves table names in ${c.database}${ctx.shares ? ' (and its other shares’ databases)' : ''} first, then the shared schemas`,
    ),
  ]
}

function dropDatabase(action: ActionOf<'drop-database'>, { s, ctx }: LocalStep): Statement[] {
  const name = action.consumer.name
  // In a set of shares, the consumer keeps the path of the shares it stays in.
  const rest = ctx.shares ? searchPath(ctx, name) : []
  return [
    s(
      `DROP SCHEMA ${quoteIdent(action.database)} CASCADE`,
      `drop ${name}'s database ${action.database} and its masking views`,
    ),
    rest.length === 0
      ? s(`ALTER ROLE ${quoteIdent(name)} RESET search_path`, `reset ${name}'s search_path`)
      : s(
          `ALTER ROLE ${quoteIdent(name)} SET search_path = ${rest.map((x) => quoteIdent(x)).join(', ')}`,
          `${name} keeps the databases and schemas of its other shares`,
        ),
  ]
}

function grantReader(action: ActionOf<'grant-reader'>, st: LocalStep): Statement[] {
  return [
    ...st.ensureRole(action.reader.name, st.login),
    st.s(
      `GRANT ${quoteIdent(action.consumer.name)} TO ${quoteIdent(action.reader.name)}`,
      `let ${action.reader.name} read as ${action.consumer.name}`,
    ),
  ]
}

function revokeReader(action: ActionOf<'revoke-reader'>, { s }: LocalStep): Statement[] {
  return [
    s(
      `REVOKE ${quoteIdent(action.consumer.name)} FROM ${quoteIdent(action.reader.name)}`,
      `stop ${action.reader.name} reading as ${action.consumer.name}`,
    ),
  ]
}

function attachMasking(action: ActionOf<'attach-masking'>, st: LocalStep): Statement[] {
  const { s, share, desired: d, ctx } = st
  const p = action.policy
  const c = action.consumer
  const key = tableKey(p.schema, p.table)
  const out: Statement[] = []
  if (!ctx.memo.has(`restricted:${key}`)) {
    ctx.memo.add(`restricted:${key}`)
    out.push(
      s(
        `REVOKE SELECT ON ${quoteQualified(p.schema, p.table)} FROM ${share}`,
        `take ${p.schema}.${p.table} back from the share`,
      ),
    )
    out.push(s(tableGrant(d, p.schema, p.table, d.name), `share only its clear columns`))
  }
  out.push(
    s(
      maskingView(p, c),
      `masking view ${c.database}.${p.table} (${p.mask}: ${p.columns.map((x) => x.name).join(', ')})`,
    ),
  )
  out.push(
    s(
      `COMMENT ON VIEW ${quoteQualified(c.database, p.table)} IS ${lit(maskingViewComment(p.name))}`,
      `mark it as masking policy ${p.name}`,
    ),
  )
  out.push(
    s(
      `GRANT SELECT ON ${quoteQualified(c.database, p.table)} TO ${quoteIdent(c.name)}`,
      `${c.name} reads ${p.table} masked`,
    ),
  )
  return out
}

function detachMasking(action: ActionOf<'detach-masking'>, { s, ctx }: LocalStep): Statement[] {
  const views = ctx.actual.extra?.[`masking-views:${action.consumer.name}`] as
    | ReadonlyMap<string, string>
    | undefined
  const view = views?.get(action.policy)
  return view === undefined
    ? []
    : [
        s(
          `DROP VIEW ${quoteQualified(action.consumer.database, view)}`,
          `drop masking view for policy ${action.policy}`,
        ),
      ]
}

function attachRls(action: ActionOf<'attach-rls'>, st: LocalStep): Statement[] {
  const { s, share, desired: d, ctx } = st
  const p = action.policy
  const c = action.consumer
  const key = tableKey(p.schema, p.table)
  const t = quoteQualified(p.schema, p.table)
  const out: Statement[] = []
  if (!rlsTables(ctx).has(key) && !ctx.memo.has(`rls:${key}`)) {
    ctx.memo.add(`rls:${key}`)
    out.push(
      s(
        `ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`,
        `row level security on ${p.schema}.${p.table}`,
      ),
    )
    out.push(
      s(
        `CREATE POLICY ${share} ON ${t} AS PERMISSIVE FOR SELECT TO ${share} USING (true)`,
        `consumers of ${d.name} see every row unless restricted`,
      ),
    )
  }
  out.push(
    s(
      `CREATE POLICY ${quoteIdent(localRlsPolicyName(p.name, c.name))} ON ${t} AS RESTRICTIVE FOR SELECT TO ${quoteIdent(c.name)} USING (${rlsPredicate(p, 'postgres')})`,
      `${c.name} sees only rows where ${p.column.name} is one of ${p.values.join(', ')}`,
    ),
  )
  return out
}

function detachRls(action: ActionOf<'detach-rls'>, { s, ctx }: LocalStep): Statement[] {
  const tables = ctx.actual.extra?.[`rls-policies:${action.consumer.name}`] as
    | ReadonlyMap<string, string>
    | undefined
  const key = tables?.get(action.policy)
  if (key === undefined) return []
  const [schema, table] = JSON.parse(key) as [string, string]
  return [
    s(
      `DROP POLICY ${quoteIdent(localRlsPolicyName(action.policy, action.consumer.name))} ON ${quoteQualified(schema, table)}`,
      `drop row filter ${action.policy} for ${action.consumer.name}`,
    ),
  ]
}

// The planner never asks this target for them: it has no viewQuery (it protects data with
// column grants, masking views and row policies per consumer).
function unsupported(
  action: ActionOf<
    | 'create-publication-schema'
    | 'create-view'
    | 'replace-view'
    | 'drop-view'
    | 'drop-publication-schema'
  >,
): never {
  throw new SharingError(
    'UNSUPPORTED_ACTION',
    `${action.kind}: the local target does not publish views; its policies are applied per consumer.`,
    { field: 'action', value: action.kind },
  )
}

const localActions: ActionRenderers<LocalStep> = {
  'create-share': createShare,
  'set-publicly-accessible': setPubliclyAccessible,
  'add-schema': addSchema,
  'remove-schema': removeSchema,
  'add-all-tables': addTables,
  'add-tables': addTables,
  'remove-tables': removeTables,
  'set-include-new': setIncludeNew,
  'grant-usage': grantUsage,
  'revoke-usage': revokeUsage,
  'drop-share': dropShare,
  'create-database': createDatabase,
  'drop-database': dropDatabase,
  'grant-reader': grantReader,
  'revoke-reader': revokeReader,
  'attach-masking': attachMasking,
  'detach-masking': detachMasking,
  'attach-rls': attachRls,
  'detach-rls': detachRls,
  'create-publication-schema': unsupported,
  'create-view': unsupported,
  'replace-view': unsupported,
  'drop-view': unsupported,
  'drop-publication-schema': unsupported,
}

/** The local target's statements for one action (undefined for a kind PlanAction lacks). */
export function renderLocalAction(action: PlanAction, step: LocalStep): readonly Statement[] {
  return renderAction(localActions, action, step)
}
