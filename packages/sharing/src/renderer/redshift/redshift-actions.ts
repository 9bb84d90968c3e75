import {
  quoteIdent,
  quoteLiteral,
  quoteQualified,
  redshiftType,
} from '@redshift-playground/schema/model'
import type { Datashare, Reader, RlsPolicy } from '../../desired-state.js'
import { SharingError } from '../../errors.js'
import { isPlaceholder, type NamespaceRef, refText } from '../../namespace-ref.js'
import type { PlanAction, PublishedView, Side, Statement } from '../../plan/plan-step.js'
import { viewComment } from '../../plan/publication.js'
import {
  type ActionOf,
  type ActionRenderers,
  type RenderContext,
  renderAction,
} from '../share-renderer.js'
import { maskExpression } from '../sql-types.js'

const lit = (value: string) => quoteLiteral(value, { target: 'redshift' })
// Namespace ids and account ids are validated (hex/digits) or placeholders `${Name}`;
// both are quoted as string literals: unquoted GUIDs are a syntax error on Redshift.
const idLiteral = (ref: NamespaceRef) => lit(refText(ref))
const onOff = (v: boolean) => (v ? 'TRUE' : 'FALSE')

function granteeClause(reader: Reader): string {
  if (reader.kind === 'role') return `ROLE ${quoteIdent(reader.name)}`
  if (reader.kind === 'group') return `GROUP ${quoteIdent(reader.name)}`
  return quoteIdent(reader.name)
}

/** The RLS predicate `"col" IN ('a', 'b')`, values quoted (text) or printed (finite numbers). */
export function rlsPredicate(policy: RlsPolicy, target: 'redshift' | 'postgres'): string {
  const values = policy.values.map((v) =>
    typeof v === 'number' ? String(v) : quoteLiteral(v, { target, field: `policy ${policy.name}` }),
  )
  return `${quoteIdent(policy.column.name)} IN (${values.join(', ')})`
}

/**
 * SQL for a query that returns a row once the share is visible on the consumer (INBOUND in
 * SVV_DATASHARES); the applier polls it before `CREATE DATABASE … FROM DATASHARE`.
 */
function visibilityProbe(desired: Datashare): string {
  return `SELECT share_name FROM svv_datashares WHERE share_type = 'INBOUND' AND share_name = ${lit(desired.name)} AND producer_namespace = ${idLiteral(desired.producer.namespace)}`
}

/**
 * The query of a published view: every column of the source table, masked ones replaced by
 * their mask cast to the column's type (Redshift wants constants cast, R-DDM-1), and only the
 * rows every row filter allows. Without masking the view selects `*`.
 */
export function viewQuery(view: Omit<PublishedView, 'hash'>): string {
  const masks = new Map<string, 'redact' | 'null'>()
  for (const m of view.masking) for (const c of m.columns) masks.set(c.name, m.mask)
  const columns =
    view.columns === undefined
      ? '*'
      : view.columns
          .map((c) => {
            const mask = masks.get(c.name)
            return mask === undefined
              ? quoteIdent(c.name)
              : `${maskExpression(c.type, mask, redshiftType)} AS ${quoteIdent(c.name)}`
          })
          .join(', ')
  const where = view.rowLevelSecurity.map((r) => rlsPredicate(r, 'redshift')).join(' AND ')
  return `SELECT ${columns} FROM ${quoteQualified(view.source.schema, view.source.table)}${where ? ` WHERE ${where}` : ''}`
}

/** What a view does, in words. */
function viewPurpose(view: PublishedView): string {
  const masked = view.masking.flatMap((m) => m.columns.map((c) => c.name))
  const filters = view.rowLevelSecurity.map(
    (r) => `${r.column.name} in (${r.values.join(', ')}) by ${r.name}`,
  )
  const what = [
    masked.length ? `masks ${masked.join(', ')}` : '',
    filters.length ? `rows where ${filters.join(' and ')}` : '',
  ].filter(Boolean)
  return `view ${view.schema}.${view.name} of ${view.source.schema}.${view.source.table}${what.length ? `: ${what.join('; ')}` : ''}`
}

/**
 * What the Redshift renderer's action functions share for one step: the desired share, its
 * quoted name and the step's side.
 */
export interface RedshiftStep {
  readonly desired: Datashare
  /** The datashare's name, quoted. */
  readonly share: string
  /** A statement on the step's side. */
  readonly s: (sql: string, purpose: string, extra?: Partial<Statement>) => Statement
}

/** The {@link RedshiftStep} of one action rendered on `side`. */
export function redshiftStep(side: Side, ctx: RenderContext): RedshiftStep {
  const d = ctx.desired
  const share = quoteIdent(d.name)
  const s = (sql: string, purpose: string, extra: Partial<Statement> = {}): Statement =>
    Object.freeze({ side, sql, purpose, ...extra })
  return { desired: d, share, s }
}

function createShare(
  action: ActionOf<'create-share'>,
  { s, share, desired: d }: RedshiftStep,
): Statement[] {
  return [
    action.publiclyAccessible
      ? s(
          `CREATE DATASHARE ${share} SET PUBLICACCESSIBLE = TRUE`,
          `create datashare ${d.name}, publicly accessible because a consumer workgroup is public${d.publiclyAccessibleSource === 'forced' ? ' (forced)' : ''}`,
        )
      : s(`CREATE DATASHARE ${share}`, `create datashare ${d.name} (not publicly accessible)`),
  ]
}

function setPubliclyAccessible(
  action: ActionOf<'set-publicly-accessible'>,
  { s, share, desired: d }: RedshiftStep,
): Statement[] {
  return [
    s(
      `ALTER DATASHARE ${share} SET PUBLICACCESSIBLE = ${onOff(action.value)}`,
      `make ${d.name} ${action.value ? '' : 'not '}publicly accessible`,
    ),
  ]
}

function addSchema(action: ActionOf<'add-schema'>, { s, share }: RedshiftStep): Statement[] {
  return [
    s(
      `ALTER DATASHARE ${share} ADD SCHEMA ${quoteIdent(action.schema)}`,
      `add schema ${action.schema}`,
    ),
  ]
}

function removeSchema(action: ActionOf<'remove-schema'>, { s, share }: RedshiftStep): Statement[] {
  return [
    s(
      `ALTER DATASHARE ${share} REMOVE SCHEMA ${quoteIdent(action.schema)}`,
      `remove schema ${action.schema}`,
    ),
  ]
}

function addAllTables(action: ActionOf<'add-all-tables'>, { s, share }: RedshiftStep): Statement[] {
  return [
    s(
      `ALTER DATASHARE ${share} ADD ALL TABLES IN SCHEMA ${quoteIdent(action.schema)}`,
      `add all ${action.tables.length} tables of ${action.schema}`,
    ),
  ]
}

function addTables(action: ActionOf<'add-tables'>, { s, share }: RedshiftStep): Statement[] {
  return [
    s(
      `ALTER DATASHARE ${share} ADD TABLE ${action.tables.map((t) => quoteQualified(action.schema, t)).join(', ')}`,
      `add ${action.tables.length} table(s) of ${action.schema}`,
    ),
  ]
}

function removeTables(action: ActionOf<'remove-tables'>, { s, share }: RedshiftStep): Statement[] {
  return [
    s(
      `ALTER DATASHARE ${share} REMOVE TABLE ${action.tables.map((t) => quoteQualified(action.schema, t)).join(', ')}`,
      `remove ${action.tables.length} table(s) of ${action.schema}`,
    ),
  ]
}

function setIncludeNew(
  action: ActionOf<'set-include-new'>,
  { s, share }: RedshiftStep,
): Statement[] {
  return [
    s(
      `ALTER DATASHARE ${share} SET INCLUDENEW = ${onOff(action.value)} FOR SCHEMA ${quoteIdent(action.schema)}`,
      `${action.value ? 'include' : 'stop including'} new tables of ${action.schema}`,
    ),
  ]
}

function grantUsage(
  action: ActionOf<'grant-usage'>,
  { s, share, desired: d }: RedshiftStep,
): Statement[] {
  const g = action.consumer.grantee
  return [
    s(
      `GRANT USAGE ON DATASHARE ${share} TO ${g.kind === 'account' ? 'ACCOUNT' : 'NAMESPACE'} ${idLiteral(g.id)}`,
      `grant ${d.name} to consumer ${action.consumer.name}`,
    ),
  ]
}

function revokeUsage(
  action: ActionOf<'revoke-usage'>,
  { s, share, desired: d }: RedshiftStep,
): Statement[] {
  const [kind, ...rest] = action.grantee.split(':')
  const id = rest.join(':')
  return [
    s(
      `REVOKE USAGE ON DATASHARE ${share} FROM ${kind === 'account' ? 'ACCOUNT' : 'NAMESPACE'} ${lit(id)}`,
      `revoke ${d.name} from ${action.consumer ? `consumer ${action.consumer.name}` : `removed ${kind} ${id}`}`,
    ),
  ]
}

function dropShare(
  _action: ActionOf<'drop-share'>,
  { s, share, desired: d }: RedshiftStep,
): Statement[] {
  return [s(`DROP DATASHARE ${share}`, `drop datashare ${d.name}`)]
}

function createDatabase(
  action: ActionOf<'create-database'>,
  { s, share, desired: d }: RedshiftStep,
): Statement[] {
  const c = action.consumer
  const of =
    c.grantee.kind === 'account' && d.producer.account !== undefined
      ? `ACCOUNT ${idLiteral(d.producer.account)} NAMESPACE ${idLiteral(d.producer.namespace)}`
      : `NAMESPACE ${idLiteral(d.producer.namespace)}`
  return [
    s(
      `CREATE DATABASE ${quoteIdent(c.database)}${c.withPermissions ? ' WITH PERMISSIONS' : ''} FROM DATASHARE ${share} OF ${of}`,
      `create database ${c.database} from ${d.name} on consumer ${c.name}${c.withPermissions ? ' (with permissions)' : ''}`,
      isPlaceholder(d.producer.namespace)
        ? {}
        : {
            readiness: {
              description: `datashare ${d.name} visible (INBOUND) on ${c.name}`,
              sql: visibilityProbe(d),
            },
          },
    ),
  ]
}

function dropDatabase(
  action: ActionOf<'drop-database'>,
  { s, desired: d }: RedshiftStep,
): Statement[] {
  return [
    s(
      `DROP DATABASE ${quoteIdent(action.database)}`,
      `drop database ${action.database} (made from ${d.name}) on ${action.consumer.name}`,
    ),
  ]
}

function grantOrRevokeReader(
  action: ActionOf<'grant-reader' | 'revoke-reader'>,
  { s, desired: d }: RedshiftStep,
): Statement[] {
  const c = action.consumer
  const grant = action.kind === 'grant-reader'
  const verb = grant ? 'GRANT' : 'REVOKE'
  const prep = grant ? 'TO' : 'FROM'
  const who = granteeClause(action.reader)
  const only = action.kind === 'grant-reader' ? action.schemas : undefined
  const out =
    only === undefined
      ? [
          s(
            `${verb} USAGE ON DATABASE ${quoteIdent(c.database)} ${prep} ${who}`,
            `${grant ? 'let' : 'stop'} ${action.reader.kind} ${action.reader.name} ${grant ? 'read' : 'reading'} ${c.database}`,
          ),
        ]
      : []
  // WITH PERMISSIONS databases need object-level grants as well (read-only: USAGE + SELECT),
  // on the schemas consumers see: the publication schema of a published entry.
  const schemas = only ?? d.schemas.map((x) => (x.published ? x.publishAs : x.schema))
  if (c.withPermissions)
    for (const schema of schemas) {
      out.push(
        s(
          `${verb} USAGE ON SCHEMA ${quoteQualified(c.database, schema)} ${prep} ${who}`,
          `schema ${schema} of ${c.database}${only ? ` for ${action.reader.kind} ${action.reader.name}` : ''}`,
        ),
      )
      out.push(
        s(
          `${verb} SELECT ON ALL TABLES IN SCHEMA ${quoteQualified(c.database, schema)} ${prep} ${who}`,
          `read-only access to the tables of ${schema}`,
        ),
      )
    }
  return out
}

function createPublicationSchema(
  action: ActionOf<'create-publication-schema'>,
  { s, desired: d }: RedshiftStep,
): Statement[] {
  const source = d.schemas.find((x) => x.publishAs === action.schema)?.schema
  return [
    s(
      `CREATE SCHEMA ${quoteIdent(action.schema)}`,
      `publication schema ${action.schema}: views of ${source ?? 'the shared schema'} that mask and filter, shared instead of its tables`,
    ),
  ]
}

function createOrReplaceView(
  action: ActionOf<'create-view' | 'replace-view'>,
  { s }: RedshiftStep,
): Statement[] {
  const v = action.view
  const name = quoteQualified(v.schema, v.name)
  const replace = action.kind === 'replace-view'
  return [
    s(
      `CREATE ${replace ? 'OR REPLACE ' : ''}VIEW ${name} AS ${viewQuery(v)}`,
      `${replace ? 'replace' : 'create'} ${viewPurpose(v)}`,
    ),
    s(
      `COMMENT ON VIEW ${name} IS ${lit(viewComment(v.hash, v.columnsHash))}`,
      'record its definition hash (a changed hash means replace)',
    ),
  ]
}

function dropView(action: ActionOf<'drop-view'>, { s }: RedshiftStep): Statement[] {
  return [
    s(
      `DROP VIEW ${quoteQualified(action.schema, action.view)}`,
      `drop published view ${action.schema}.${action.view} (no longer shared)`,
    ),
  ]
}

function dropPublicationSchema(
  action: ActionOf<'drop-publication-schema'>,
  { s }: RedshiftStep,
): Statement[] {
  return [
    s(
      `DROP SCHEMA ${quoteIdent(action.schema)}`,
      `drop publication schema ${action.schema} (now empty)`,
    ),
  ]
}

// The planner never asks this target for them (it publishes views instead).
function unsupported(
  action: ActionOf<'attach-masking' | 'detach-masking' | 'attach-rls' | 'detach-rls'>,
): never {
  throw new SharingError(
    'UNSUPPORTED_ACTION',
    `${action.kind}: Redshift consumers cannot attach or detach security policies on datashare objects (R-RLS-11); the Redshift target protects shared data with published views on the producer.`,
    { field: 'action', value: action.kind },
  )
}

const redshiftActions: ActionRenderers<RedshiftStep> = {
  'create-share': createShare,
  'set-publicly-accessible': setPubliclyAccessible,
  'add-schema': addSchema,
  'remove-schema': removeSchema,
  'add-all-tables': addAllTables,
  'add-tables': addTables,
  'remove-tables': removeTables,
  'set-include-new': setIncludeNew,
  'grant-usage': grantUsage,
  'revoke-usage': revokeUsage,
  'drop-share': dropShare,
  'create-database': createDatabase,
  'drop-database': dropDatabase,
  'grant-reader': grantOrRevokeReader,
  'revoke-reader': grantOrRevokeReader,
  'create-publication-schema': createPublicationSchema,
  'create-view': createOrReplaceView,
  'replace-view': createOrReplaceView,
  'drop-view': dropView,
  'drop-publication-schema': dropPublicationSchema,
  'attach-masking': unsupported,
  'detach-masking': unsupported,
  'attach-rls': unsupported,
  'detach-rls': unsupported,
}

/** Redshift's statements for one action (undefined for a kind PlanAction lacks). */
export function renderRedshiftAction(action: PlanAction, step: RedshiftStep): readonly Statement[] {
  return renderAction(redshiftActions, action, step)
}
