import {
  POSTGRES_MAX_IDENTIFIER_BYTES,
  postgresType,
  quoteIdent,
  quoteLiteral,
  quoteQualified,
} from '@redshift-playground/schema/model'
import type { Consumer, Datashare, MaskingPolicy, Reader } from '../../desired-state.js'
import { DesiredStateError, SharingError } from '../../errors.js'
import type { PlanAction, Side, Statement } from '../../plan/plan-step.js'
import { tableKey } from '../../state.js'
import { rlsPredicate } from '../redshift/redshift-renderer.js'
import type { RenderContext, ShareRenderer } from '../share-renderer.js'
import { maskExpression } from '../sql-types.js'

/** Options of {@link localRenderer}. */
export interface LocalRendererOptions {
  /** Create consumer roles with LOGIN (for `rsp local serve`). Default false (NOLOGIN). */
  readonly login?: boolean
}

/** Marker comment on the role that stands for a datashare (also stores PUBLICACCESSIBLE). */
export const shareRoleComment = (publiclyAccessible: boolean) =>
  JSON.stringify({ rsp: 'datashare', publiclyAccessible })
/** Marker comment on a consumer's schema ("database made from the share"). */
export const consumerSchemaComment = (share: string) =>
  JSON.stringify({ rsp: 'consumer-database', share })
/** Marker comment on a masking view. */
export const maskingViewComment = (policy: string) =>
  JSON.stringify({ rsp: 'masking-view', policy })

/** The local policy name of an RLS policy for one consumer. */
export const localRlsPolicyName = (policy: string, consumer: string) => `${policy}_${consumer}`

const lit = (v: string) => quoteLiteral(v, { target: 'postgres' })
const bytes = (s: string) => new TextEncoder().encode(s).length

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

/**
 * Renders plan actions for the local target (PGlite or PostgreSQL), mapping datashares onto
 * roles and grants in one database:
 *
 * - the datashare is a NOLOGIN role named like the share; "add schema/table" grants it
 *   USAGE/SELECT; INCLUDENEW is `ALTER DEFAULT PRIVILEGES … GRANT SELECT ON TABLES`;
 * - each consumer namespace is a role named like the consumer; granting the share makes it a
 *   member of the share role, revoking removes the membership (it then reads nothing);
 * - the consumer's "database from the datashare" is a schema named like that database, put
 *   first on the consumer role's `search_path`, followed by the shared schemas: consumers
 *   query `airline_dw.fact_bookings` exactly as on the producer (Redshift: `db.airline_dw.…`);
 * - masking: the share role gets SELECT only on the clear columns of a masked table, and
 *   the consumer's schema holds a same-named `security_invoker` view with the masked
 *   columns, so `dim_customer` (unqualified) returns masked values and reading PII columns
 *   of `airline_dw.dim_customer` is refused by PostgreSQL; the producer still sees clear data;
 * - RLS: ROW LEVEL SECURITY on the table, a permissive policy for the share role and a
 *   restrictive one per restricted consumer.
 *
 * Writes and DDL by consumers are refused by PostgreSQL itself: they hold only SELECT/USAGE.
 */
export function localRenderer(options: LocalRendererOptions = {}): ShareRenderer {
  const login = options.login === true
  return Object.freeze({
    target: 'local',
    granteeKey: (c: Consumer) => `role:${c.name}`,
    readerKey: (r: Reader) => `role:${r.name}`,
    validate(desired: Datashare) {
      const check = (name: string, field: string) => {
        if (bytes(name) > POSTGRES_MAX_IDENTIFIER_BYTES)
          throw new DesiredStateError(
            'LOCAL_NAME_TOO_LONG',
            `${field}: ${JSON.stringify(name)} is ${bytes(name)} bytes; the local target (PostgreSQL) allows ${POSTGRES_MAX_IDENTIFIER_BYTES}. Shorten it.`,
            { field, value: name },
          )
      }
      const taken = new Map<string, string>([[desired.name, 'name']])
      const unique = (name: string, field: string) => {
        const other = taken.get(name)
        if (other !== undefined)
          throw new DesiredStateError(
            'DUPLICATE',
            `${field}: ${JSON.stringify(name)} is also used by ${other}; on the local target roles and schemas share one database, so use distinct names.`,
            { field, value: name },
          )
        taken.set(name, field)
      }
      check(desired.name, 'name')
      desired.consumers.forEach((c, i) => {
        check(c.name, `consumers[${i}].name`)
        unique(c.name, `consumers[${i}].name`)
        check(c.database, `consumers[${i}].database`)
        if (desired.schemas.some((s) => s.schema === c.database))
          throw new DesiredStateError(
            'DUPLICATE',
            `consumers[${i}].database: ${JSON.stringify(c.database)} is a shared schema; on the local target the consumer database is a schema of its own, so pick another name.`,
            { field: `consumers[${i}].database`, value: c.database },
          )
        unique(`schema ${c.database}`, `consumers[${i}].database`)
        c.readers.forEach((r, j) => {
          check(r.name, `consumers[${i}].readers[${j}]`)
        })
        for (const r of desired.rowLevelSecurity)
          if (r.consumers.includes(c.name))
            check(
              localRlsPolicyName(r.name, c.name),
              `policies.rowLevelSecurity (${r.name} for ${c.name})`,
            )
        const seen = new Set<string>()
        for (const m of desired.masking.filter((x) => x.consumers.includes(c.name))) {
          const key = tableKey(m.schema, m.table)
          if (seen.has(key))
            throw new DesiredStateError(
              'DUPLICATE',
              `policies.masking (${m.name}): consumer ${JSON.stringify(c.name)} already has a masking policy on ${m.schema}.${m.table}; the local target builds one masking view per table and consumer, so merge the policies.`,
              { field: 'policies.masking', value: m.name },
            )
          seen.add(key)
        }
      })
    },
    render(action: PlanAction, side: Side, ctx: RenderContext): readonly Statement[] {
      const d = ctx.desired
      const share = quoteIdent(d.name)
      const roles =
        (ctx.actual.extra?.roles as ReadonlySet<string> | undefined) ?? new Set<string>()
      const s = (sql: string, purpose: string): Statement => Object.freeze({ side, sql, purpose })
      const ensureRole = (name: string, canLogin: boolean): Statement[] => {
        if (roles.has(name) || ctx.memo.has(`role:${name}`)) return []
        ctx.memo.add(`role:${name}`)
        return [
          s(`CREATE ROLE ${quoteIdent(name)} ${canLogin ? 'LOGIN' : 'NOLOGIN'}`, `role ${name}`),
        ]
      }
      const sharedSchemas = d.schemas.map((x) => x.schema)
      switch (action.kind) {
        case 'create-share':
          ctx.memo.add(`role:${d.name}`)
          return [
            s(
              `CREATE ROLE ${share} NOLOGIN`,
              `datashare ${d.name} (a role holding the share's grants)`,
            ),
            s(
              `COMMENT ON ROLE ${share} IS ${lit(shareRoleComment(action.publiclyAccessible))}`,
              'mark the role as a datashare',
            ),
          ]
        case 'set-publicly-accessible':
          return [
            s(
              `COMMENT ON ROLE ${share} IS ${lit(shareRoleComment(action.value))}`,
              `record PUBLICACCESSIBLE ${action.value} (no effect locally)`,
            ),
          ]
        case 'add-schema':
          return [
            s(
              `GRANT USAGE ON SCHEMA ${quoteIdent(action.schema)} TO ${share}`,
              `add schema ${action.schema}`,
            ),
          ]
        case 'remove-schema':
          return [
            s(
              `REVOKE USAGE ON SCHEMA ${quoteIdent(action.schema)} FROM ${share}`,
              `remove schema ${action.schema}`,
            ),
          ]
        case 'add-all-tables':
        case 'add-tables':
          return action.tables.map((t) => {
            ctx.memo.add(`restricted:${tableKey(action.schema, t)}`)
            return s(
              tableGrant(d, action.schema, t, d.name),
              `add table ${action.schema}.${t}${maskedColumns(d, action.schema, t).size ? ' (masked columns left out)' : ''}`,
            )
          })
        case 'remove-tables':
          return action.tables.map((t) =>
            s(
              tableGrant(d, action.schema, t, d.name, 'REVOKE'),
              `remove table ${action.schema}.${t}`,
            ),
          )
        case 'set-include-new':
          return [
            s(
              action.value
                ? `ALTER DEFAULT PRIVILEGES IN SCHEMA ${quoteIdent(action.schema)} GRANT SELECT ON TABLES TO ${share}`
                : `ALTER DEFAULT PRIVILEGES IN SCHEMA ${quoteIdent(action.schema)} REVOKE SELECT ON TABLES FROM ${share}`,
              `${action.value ? 'include' : 'stop including'} new tables of ${action.schema}`,
            ),
          ]
        case 'grant-usage': {
          const c = action.consumer
          const out = [
            ...ensureRole(c.name, login),
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
              .filter(
                (m) => m.consumers.includes(c.name) && m.schema === e.schema && m.table === e.table,
              )
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
        case 'revoke-usage': {
          const role = action.grantee.slice('role:'.length)
          return [
            s(`REVOKE ${share} FROM ${quoteIdent(role)}`, `revoke ${d.name} from ${role}`),
            ...sharedSchemas.map((sc) =>
              s(
                `REVOKE SELECT ON ALL TABLES IN SCHEMA ${quoteIdent(sc)} FROM ${quoteIdent(role)}`,
                `drop any direct column grants of ${role} in ${sc}`,
              ),
            ),
          ]
        }
        case 'drop-share': {
          const rlsOn =
            (ctx.actual.extra?.rlsTables as ReadonlySet<string> | undefined) ?? new Set<string>()
          const out: Statement[] = []
          for (const key of [...rlsOn].sort()) {
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
        case 'create-database': {
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
        case 'drop-database': {
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
        case 'grant-reader':
          return [
            ...ensureRole(action.reader.name, login),
            s(
              `GRANT ${quoteIdent(action.consumer.name)} TO ${quoteIdent(action.reader.name)}`,
              `let ${action.reader.name} read as ${action.consumer.name}`,
            ),
          ]
        case 'revoke-reader':
          return [
            s(
              `REVOKE ${quoteIdent(action.consumer.name)} FROM ${quoteIdent(action.reader.name)}`,
              `stop ${action.reader.name} reading as ${action.consumer.name}`,
            ),
          ]
        case 'attach-masking': {
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
        case 'detach-masking': {
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
        case 'attach-rls': {
          const p = action.policy
          const c = action.consumer
          const key = tableKey(p.schema, p.table)
          const t = quoteQualified(p.schema, p.table)
          const rlsOn =
            (ctx.actual.extra?.rlsTables as ReadonlySet<string> | undefined) ?? new Set<string>()
          const out: Statement[] = []
          if (!rlsOn.has(key) && !ctx.memo.has(`rls:${key}`)) {
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
        case 'detach-rls': {
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
        case 'create-publication-schema':
        case 'create-view':
        case 'replace-view':
        case 'drop-view':
        case 'drop-publication-schema':
          // The planner never asks this target for them: it has no viewQuery (it protects
          // data with column grants, masking views and row policies per consumer).
          throw new SharingError(
            'UNSUPPORTED_ACTION',
            `${action.kind}: the local target does not publish views; its policies are applied per consumer.`,
            { field: 'action', value: action.kind },
          )
      }
    },
  })
}
