// biome-ignore-all lint/suspicious/noExplicitAny: libpg-query's JSON AST
import { parseSync } from 'libpg-query'
import { physicalSchema } from '../catalog/names.js'
import { RedshiftLocalError, ruleError } from '../errors.js'
import { pgIdent } from '../sql/lexer.js'
import type { RelationUse } from '../sql/rewrite.js'
import type { Session, StatementContext } from './session.js'

/**
 * Checks every read through a database made from a datashare, as Redshift would: the share
 * is still granted to this namespace (D-7), the object is in it, the user may read the
 * database (R-DS-12), and the producer has not protected the relation for datashares (RLS:
 * D-1, masking: D-2). Such reads then run with the engine's rights: the consumer's privileges
 * were checked here, and the producer's do not apply to consumers.
 * Returns whether the statement must run privileged.
 */
export async function checkSharedReads(
  session: Session,
  relations: readonly RelationUse[],
  ctx: StatementContext,
): Promise<boolean> {
  let privileged = false
  for (const r of relations) {
    const db = r.database
    if (db?.kind !== 'shared' || r.access !== 'read') continue
    privileged = true
    const ns = session.namespace.id
    const share = await session.catalog(
      `SELECT s.id, s.name, c.share_id IS NOT NULL AND c.visible_at <= clock_timestamp()
       FROM rsl.datashare s LEFT JOIN rsl.datashare_consumer c ON c.share_id = s.id AND c.consumer_namespace = $2
       WHERE s.id = $1::int`,
      [String(db.shareId), ns],
    )
    const row = share.rows[0]
    if (row?.[2] !== 't')
      throw new RedshiftLocalError(
        'SQL',
        `database "${db.name}" was created from a datashare that is no longer available to this namespace (dropped or revoked)`,
        { sqlstate: '42P01', statement: ctx.text },
      )
    const inShare = await session.catalog(
      `SELECT 1 FROM rsl.datashare_object WHERE share_id = $1::int AND object_type IN ('table', 'view')
       AND schema_name = $2 AND object_name = $3`,
      [String(db.shareId), r.schema ?? '', r.relname],
    )
    if (inShare.rows.length === 0)
      throw new RedshiftLocalError(
        'SQL',
        `relation "${db.name}.${r.schema}.${r.relname}" does not exist`,
        {
          sqlstate: '42P01',
          statement: ctx.text,
        },
      )
    if (!(await mayReadShared(session, db.id, r.schema ?? '', r.relname)))
      throw new RedshiftLocalError('SQL', `permission denied for database ${db.name}`, {
        sqlstate: '42501',
        statement: ctx.text,
      })
    const producerRel = `${pgIdent(physicalSchema(db.producerDbId!, r.schema ?? ''))}.${pgIdent(r.relname)}`
    const flags = await session.catalog(
      `SELECT coalesce(rr.datashare_on, false), EXISTS (SELECT 1 FROM rsl.masking_attachment m WHERE m.relid = c.oid)
         AND NOT coalesce((SELECT masking_datashare_off FROM rsl.masking_relation mr WHERE mr.relid = c.oid), false)
       FROM pg_catalog.pg_class c LEFT JOIN rsl.rls_relation rr ON rr.relid = c.oid WHERE c.oid = to_regclass($1)`,
      [producerRel],
    )
    const f = flags.rows[0]
    if (!f)
      throw new RedshiftLocalError(
        'SQL',
        `relation "${db.name}.${r.schema}.${r.relname}" does not exist`,
        {
          sqlstate: '42P01',
          statement: ctx.text,
        },
      )
    if (f[0] === 't')
      throw ruleError(
        'D-1',
        `RLS-protected relation "${r.relname}" cannot be accessed via datasharing query.`,
        ctx.text,
        '42501',
      )
    if (f[1] === 't')
      throw ruleError(
        'D-2',
        `cross-cluster query of the masked relation ${r.relname} is not supported.`,
        ctx.text,
        '0A000',
      )
  }
  return privileged
}

async function mayReadShared(
  session: Session,
  dbId: number,
  schema: string,
  relname: string,
): Promise<boolean> {
  if (session.user.superuser) return true
  const principals = `{${session.user.principals.join(',')}}`
  const r = await session.catalog(
    `SELECT d.with_permissions,
       d.owner_id = ANY ($2::int[])
       OR EXISTS (SELECT 1 FROM rsl.database_privilege p WHERE p.database_id = d.id AND p.privilege = 'usage'
                  AND (p.principal_id IS NULL OR p.principal_id = ANY ($2::int[]))),
       EXISTS (SELECT 1 FROM rsl.shared_grant g WHERE g.database_id = d.id AND g.schema_name = $3 AND g.privilege = 'usage'
               AND g.object_name = '' AND (g.principal_id IS NULL OR g.principal_id = ANY ($2::int[])))
       AND EXISTS (SELECT 1 FROM rsl.shared_grant g WHERE g.database_id = d.id AND g.schema_name = $3 AND g.privilege = 'select'
               AND g.object_name IN ($4, '*') AND (g.principal_id IS NULL OR g.principal_id = ANY ($2::int[])))
     FROM rsl.database d WHERE d.id = $1::int`,
    [String(dbId), principals, schema, relname],
  )
  const row = r.rows[0]
  if (!row) return false
  if (row[0] === 't') return row[1] === 't' && row[2] === 't'
  return row[1] === 't'
}

/**
 * Dynamic data masking (R-DDM-*): every relation the statement reads that has masking
 * policies attached to the user, one of its roles, or PUBLIC is replaced by a subquery that
 * returns the masked values under the same column names; per column the attachment with the
 * highest PRIORITY wins (R-DDM-2). Policies attached to PUBLIC apply to superusers too (D-3).
 */
export async function applyMasking(
  session: Session,
  relations: readonly RelationUse[],
  ctx: StatementContext,
): Promise<void> {
  const reads = relations.filter((r) => r.access === 'read' && r.database?.kind !== 'shared')
  if (reads.length === 0 || !session.rs.maskingInUse) return
  const names = reads.map((r) =>
    r.physicalSchema ? `${pgIdent(r.physicalSchema)}.${pgIdent(r.relname)}` : pgIdent(r.relname),
  )
  const oids = await session.conn.query(
    'SELECT to_regclass(n)::oid::int8 FROM unnest($1::text[]) WITH ORDINALITY AS t(n, i) ORDER BY i',
    [`{${names.map((n) => `"${n.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`],
  )
  const principals = `{${session.user.principals.join(',')}}`
  for (let i = 0; i < reads.length; i++) {
    const oid = oids.rows[i]?.[0]
    if (!oid) continue
    const att = await session.catalog(
      `SELECT a.policy_id, a.outputs, a.inputs, a.priority, p.inputs
       FROM rsl.masking_attachment a JOIN rsl.masking_policy p ON p.id = a.policy_id
       WHERE a.relid = $1::oid AND (a.principal_id IS NULL OR a.principal_id = ANY ($2::int[]))
       ORDER BY a.priority DESC`,
      [oid, principals],
    )
    if (att.rows.length === 0) continue
    const masked = new Map<string, string>()
    for (const [policyId, outputs, inputs] of att.rows) {
      const outs = parsePgArray(String(outputs))
      const ins = parsePgArray(String(inputs))
      outs.forEach((out, k) => {
        if (masked.has(out)) return
        masked.set(
          out,
          `${'rsl_fn'}.${pgIdent(`mask_${policyId}_${k}`)}(${ins.map((c) => pgIdent(c)).join(', ')})`,
        )
      })
    }
    const cols = await session.catalog(
      'SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = $1::oid AND attnum > 0 AND NOT attisdropped ORDER BY attnum',
      [oid],
    )
    const r = reads[i]!
    const select = cols.rows
      .map(([c]) => {
        const col = String(c)
        const expr = masked.get(col)
        return expr ? `${expr} AS ${pgIdent(col)}` : pgIdent(col)
      })
      .join(', ')
    const physical = `SELECT * FROM (SELECT ${select} FROM ONLY ${names[i]}) AS masked`
    const sub = (parseSync(physical) as any).stmts[0].stmt.SelectStmt.fromClause[0].RangeSubselect
    sub.alias = r.node.alias ?? { aliasname: r.relname }
    if (r.key === 'RangeVar') {
      delete r.holder.RangeVar
      r.holder.RangeSubselect = sub
    } else {
      // A RangeVar in a field typed RangeVar (a DML target) is never read through a mask.
      void ctx
    }
  }
}

/** `{a,"b c"}` → ['a', 'b c']. */
export function parsePgArray(text: string): string[] {
  const inner = text.replace(/^\{|\}$/g, '')
  if (inner === '') return []
  const out: string[] = []
  let i = 0
  while (i < inner.length) {
    if (inner[i] === '"') {
      let v = ''
      i++
      while (i < inner.length && inner[i] !== '"') {
        if (inner[i] === '\\') i++
        v += inner[i]
        i++
      }
      out.push(v)
      i += 2
    } else {
      const end = inner.indexOf(',', i)
      out.push(inner.slice(i, end < 0 ? undefined : end))
      i = end < 0 ? inner.length : end + 1
    }
  }
  return out
}
