import {
  quoteIdent,
  quoteLiteral,
  quoteQualified,
  redshiftType,
} from '@redshift-playground/schema/model'
import type { Consumer, Datashare, Reader, RlsPolicy } from '../../desired-state.js'
import { isPlaceholder, type NamespaceRef, refText } from '../../namespace-ref.js'
import type { PlanAction, Side, Statement } from '../../plan/plan-step.js'
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
 * Renders plan actions as Amazon Redshift datashare SQL (CREATE/ALTER/DROP DATASHARE,
 * GRANT/REVOKE USAGE ON DATASHARE, CREATE DATABASE … FROM DATASHARE, masking and RLS
 * policies). Every identifier goes through `quoteIdent`, every value through `quoteLiteral`.
 *
 * Policies are created and attached on the consumer side, in the database made from the
 * share WITH PERMISSIONS, `TO PUBLIC` (every user of that consumer namespace).
 *
 * @example
 * const plan = planDatashare(share, emptyState({ airline_dw: tables }), redshiftRenderer())
 */
export function redshiftRenderer(): ShareRenderer {
  return Object.freeze({
    target: 'redshift',
    granteeKey: (c: Consumer) => `${c.grantee.kind}:${refText(c.grantee.id)}`,
    readerKey: (r: Reader) => `${r.kind}:${r.name}`,
    validate: () => {},
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
          const out = [
            s(
              `${verb} USAGE ON DATABASE ${quoteIdent(c.database)} ${prep} ${who}`,
              `${grant ? 'let' : 'stop'} ${action.reader.kind} ${action.reader.name} ${grant ? 'read' : 'reading'} ${c.database}`,
            ),
          ]
          // WITH PERMISSIONS databases need object-level grants as well (read-only: USAGE + SELECT).
          if (c.withPermissions)
            for (const sc of d.schemas) {
              out.push(
                s(
                  `${verb} USAGE ON SCHEMA ${quoteQualified(c.database, sc.schema)} ${prep} ${who}`,
                  `schema ${sc.schema} of ${c.database}`,
                ),
              )
              out.push(
                s(
                  `${verb} SELECT ON ALL TABLES IN SCHEMA ${quoteQualified(c.database, sc.schema)} ${prep} ${who}`,
                  `read-only access to the tables of ${sc.schema}`,
                ),
              )
            }
          return out
        }
        case 'attach-masking': {
          const p = action.policy
          const created = ctx.actual.extra?.[`masking-policies:${action.consumer.name}`] as
            | ReadonlySet<string>
            | undefined
          const out: Statement[] = []
          if (!created?.has(p.name))
            out.push(
              s(
                `CREATE MASKING POLICY ${quoteIdent(p.name)} WITH (${p.columns.map((c) => `${quoteIdent(c.name)} ${redshiftType(c.type)}`).join(', ')}) USING (${p.columns.map((c) => maskExpression(c.type, p.mask, redshiftType)).join(', ')})`,
                `masking policy ${p.name}: ${p.mask} ${p.columns.map((c) => c.name).join(', ')}`,
              ),
            )
          out.push(
            s(
              `ATTACH MASKING POLICY ${quoteIdent(p.name)} ON ${quoteQualified(action.consumer.database, p.schema, p.table)} (${p.columns.map((c) => quoteIdent(c.name)).join(', ')}) TO PUBLIC`,
              `mask ${p.schema}.${p.table} for every user of ${action.consumer.name}`,
            ),
          )
          return out
        }
        case 'detach-masking':
          return [
            s(
              `DROP MASKING POLICY ${quoteIdent(action.policy)} CASCADE`,
              `detach and drop masking policy ${action.policy}`,
            ),
          ]
        case 'attach-rls': {
          const p = action.policy
          const created = ctx.actual.extra?.[`rls-policies:${action.consumer.name}`] as
            | ReadonlySet<string>
            | undefined
          const out: Statement[] = []
          if (!created?.has(p.name))
            out.push(
              s(
                `CREATE RLS POLICY ${quoteIdent(p.name)} WITH (${quoteIdent(p.column.name)} ${redshiftType(p.column.type)}) USING (${rlsPredicate(p, 'redshift')})`,
                `row filter ${p.name} on ${p.column.name}`,
              ),
            )
          out.push(
            s(
              `ATTACH RLS POLICY ${quoteIdent(p.name)} ON ${quoteQualified(action.consumer.database, p.schema, p.table)} TO PUBLIC`,
              `filter rows of ${p.schema}.${p.table} for every user of ${action.consumer.name}`,
            ),
          )
          return out
        }
        case 'detach-rls':
          return [
            s(
              `DROP RLS POLICY ${quoteIdent(action.policy)} CASCADE`,
              `detach and drop RLS policy ${action.policy}`,
            ),
          ]
      }
    },
  })
}
