import {
  quoteIdent,
  quoteLiteral,
  quoteQualified,
  redshiftType,
  validateIdentifier,
} from '@redshift-playground/schema/model'
import type { Consumer, Datashare, Reader, RlsPolicy } from '../../desired-state.js'
import { DesiredStateError, SharingError } from '../../errors.js'
import { isPlaceholder, type NamespaceRef, refText } from '../../namespace-ref.js'
import type { Plan, PlanAction, PublishedView, Side, Statement } from '../../plan/plan-step.js'
import { viewComment } from '../../plan/publication.js'
import type { RenderContext, ShareRenderer } from '../share-renderer.js'
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
function viewQuery(view: Omit<PublishedView, 'hash'>): string {
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
 * The Redshift target's own rules, before any statement: published names are identifiers
 * and distinct, policies apply to every consumer, no table has an INTERLEAVED sort key.
 */
function validate(d: Datashare, kind: Plan['kind'] = 'apply'): void {
  const sources = new Set(d.schemas.map((s) => s.schema))
  const publications = new Map<string, number>()
  d.schemas.forEach((s, i) => {
    if (!s.published) return
    const field = `objects[${i}].publishAs`
    validateIdentifier(s.publishAs, field)
    const other = publications.get(s.publishAs)
    if (sources.has(s.publishAs) || other !== undefined)
      throw new DesiredStateError(
        'DUPLICATE',
        `${field}: ${JSON.stringify(s.publishAs)} is also ${other === undefined ? 'a shared schema' : `the publication schema of objects[${other}]`}; the views published for ${s.schema} need a schema of their own, so set objects[${i}].publishAs to another name.`,
        { field, value: s.publishAs },
      )
    publications.set(s.publishAs, i)
  })
  // What may be created: a teardown removes whatever exists.
  if (kind === 'teardown') return
  const everyone = d.consumers.map((c) => c.name)
  const uniform = (
    policies: readonly { name: string; consumers: readonly string[] }[],
    list: string,
  ) =>
    policies.forEach((p, i) => {
      const left = everyone.filter((c) => !p.consumers.includes(c))
      if (left.length === 0) return
      const field = `policies.${list}[${i}].consumers`
      throw new DesiredStateError(
        'POLICY_NOT_UNIFORM',
        `${field}: policy ${JSON.stringify(p.name)} applies to ${p.consumers.join(', ')} but not to ${left.join(', ')}. On Redshift, masking and row filters are applied on the producer, by the views the share publishes, and so are the same for every consumer of the share (consumers cannot attach policies to datashare objects, R-RLS-11). Make it apply to every consumer, or give those consumers a datashare of their own.`,
        { field, value: p.consumers },
      )
    })
  uniform(d.masking, 'masking')
  uniform(d.rowLevelSecurity, 'rowLevelSecurity')
  d.schemas.forEach((s, i) => {
    const table = s.interleaved[0]
    if (table === undefined) return
    const j = s.tables === 'all' ? -1 : s.tables.indexOf(table)
    const field = j < 0 ? `objects[${i}].tables` : `objects[${i}].tables[${j}]`
    throw new DesiredStateError(
      'NOT_SHAREABLE',
      `${field}: table ${s.schema}.${table} has an INTERLEAVED sort key, and Redshift shares neither such tables nor views over them (R-DS-6). Use a COMPOUND sort key for it (in its table definition and on the producer), or leave it out of the share.`,
      { field, value: table },
    )
  })
}

/**
 * Renders plan actions as Amazon Redshift datashare SQL (CREATE/ALTER/DROP DATASHARE,
 * GRANT/REVOKE USAGE ON DATASHARE, CREATE DATABASE … FROM DATASHARE, published views).
 * Every identifier goes through `quoteIdent`, every value through `quoteLiteral`.
 *
 * Masking and row filters are applied on the producer, by views: consumers cannot attach
 * security policies to datashare objects (R-RLS-11), and producer policies do not protect
 * consumers (an RLS table fails or, OFF FOR DATASHARES, returns every row, D-1; a masked
 * table cannot be added to a share, D-2). A schema with policies is published: its views
 * (`<share>_<schema>.<table>`, or `publishAs`) apply the masks and filters, and the share
 * holds them instead of the tables (DG:datashare-views: "you don't have to share the base
 * tables"). Protection is therefore the same for every consumer of the share; `validate`
 * refuses a policy for only some of them, and tables with INTERLEAVED sort keys (R-DS-6).
 *
 * @example
 * const plan = planDatashare(share, emptyState({ airline_dw: tables }), redshiftRenderer())
 */
export function redshiftRenderer(): ShareRenderer {
  return Object.freeze({
    target: 'redshift',
    granteeKey: (c: Consumer) => `${c.grantee.kind}:${refText(c.grantee.id)}`,
    readerKey: (r: Reader) => `${r.kind}:${r.name}`,
    validate,
    viewQuery,
    render(action: PlanAction, side: Side, ctx: RenderContext): readonly Statement[] {
      const d = ctx.desired
      const share = quoteIdent(d.name)
      const s = (sql: string, purpose: string, extra: Partial<Statement> = {}): Statement =>
        Object.freeze({ side, sql, purpose, ...extra })
      switch (action.kind) {
        case 'create-share':
          return [
            action.publiclyAccessible
              ? s(
                  `CREATE DATASHARE ${share} SET PUBLICACCESSIBLE = TRUE`,
                  `create datashare ${d.name}, publicly accessible because a consumer workgroup is public${d.publiclyAccessibleSource === 'forced' ? ' (forced)' : ''}`,
                )
              : s(
                  `CREATE DATASHARE ${share}`,
                  `create datashare ${d.name} (not publicly accessible)`,
                ),
          ]
        case 'set-publicly-accessible':
          return [
            s(
              `ALTER DATASHARE ${share} SET PUBLICACCESSIBLE = ${onOff(action.value)}`,
              `make ${d.name} ${action.value ? '' : 'not '}publicly accessible`,
            ),
          ]
        case 'add-schema':
          return [
            s(
              `ALTER DATASHARE ${share} ADD SCHEMA ${quoteIdent(action.schema)}`,
              `add schema ${action.schema}`,
            ),
          ]
        case 'remove-schema':
          return [
            s(
              `ALTER DATASHARE ${share} REMOVE SCHEMA ${quoteIdent(action.schema)}`,
              `remove schema ${action.schema}`,
            ),
          ]
        case 'add-all-tables':
          return [
            s(
              `ALTER DATASHARE ${share} ADD ALL TABLES IN SCHEMA ${quoteIdent(action.schema)}`,
              `add all ${action.tables.length} tables of ${action.schema}`,
            ),
          ]
        case 'add-tables':
          return [
            s(
              `ALTER DATASHARE ${share} ADD TABLE ${action.tables.map((t) => quoteQualified(action.schema, t)).join(', ')}`,
              `add ${action.tables.length} table(s) of ${action.schema}`,
            ),
          ]
        case 'remove-tables':
          return [
            s(
              `ALTER DATASHARE ${share} REMOVE TABLE ${action.tables.map((t) => quoteQualified(action.schema, t)).join(', ')}`,
              `remove ${action.tables.length} table(s) of ${action.schema}`,
            ),
          ]
        case 'set-include-new':
          return [
            s(
              `ALTER DATASHARE ${share} SET INCLUDENEW = ${onOff(action.value)} FOR SCHEMA ${quoteIdent(action.schema)}`,
              `${action.value ? 'include' : 'stop including'} new tables of ${action.schema}`,
            ),
          ]
        case 'grant-usage': {
          const g = action.consumer.grantee
          return [
            s(
              `GRANT USAGE ON DATASHARE ${share} TO ${g.kind === 'account' ? 'ACCOUNT' : 'NAMESPACE'} ${idLiteral(g.id)}`,
              `grant ${d.name} to consumer ${action.consumer.name}`,
            ),
          ]
        }
        case 'revoke-usage': {
          const [kind, ...rest] = action.grantee.split(':')
          const id = rest.join(':')
          return [
            s(
              `REVOKE USAGE ON DATASHARE ${share} FROM ${kind === 'account' ? 'ACCOUNT' : 'NAMESPACE'} ${lit(id)}`,
              `revoke ${d.name} from ${action.consumer ? `consumer ${action.consumer.name}` : `removed ${kind} ${id}`}`,
            ),
          ]
        }
        case 'drop-share':
          return [s(`DROP DATASHARE ${share}`, `drop datashare ${d.name}`)]
        case 'create-database': {
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
        case 'drop-database':
          return [
            s(
              `DROP DATABASE ${quoteIdent(action.database)}`,
              `drop database ${action.database} (made from ${d.name}) on ${action.consumer.name}`,
            ),
          ]
        case 'grant-reader':
        case 'revoke-reader': {
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
        case 'create-publication-schema': {
          const source = d.schemas.find((x) => x.publishAs === action.schema)?.schema
          return [
            s(
              `CREATE SCHEMA ${quoteIdent(action.schema)}`,
              `publication schema ${action.schema}: views of ${source ?? 'the shared schema'} that mask and filter, shared instead of its tables`,
            ),
          ]
        }
        case 'create-view':
        case 'replace-view': {
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
        case 'drop-view':
          return [
            s(
              `DROP VIEW ${quoteQualified(action.schema, action.view)}`,
              `drop published view ${action.schema}.${action.view} (no longer shared)`,
            ),
          ]
        case 'drop-publication-schema':
          return [
            s(
              `DROP SCHEMA ${quoteIdent(action.schema)}`,
              `drop publication schema ${action.schema} (now empty)`,
            ),
          ]
        case 'attach-masking':
        case 'detach-masking':
        case 'attach-rls':
        case 'detach-rls':
          // The planner never asks this target for them (it publishes views instead).
          throw new SharingError(
            'UNSUPPORTED_ACTION',
            `${action.kind}: Redshift consumers cannot attach or detach security policies on datashare objects (R-RLS-11); the Redshift target protects shared data with published views on the producer.`,
            { field: 'action', value: action.kind },
          )
      }
    },
  })
}
