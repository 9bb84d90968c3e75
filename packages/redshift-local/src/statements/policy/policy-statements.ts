// biome-ignore-all lint/suspicious/noExplicitAny: libpg-query's JSON AST
import { parseSync } from 'libpg-query'
import { deparseSync } from 'pgsql-deparser'
import { commandResult, type Session, type StatementContext } from '../../account/session.js'
import type { QueryResult } from '../../account/types.js'
import { FUNCTIONS_SCHEMA } from '../../catalog/names.js'
import { RedshiftLocalError, ruleError } from '../../errors.js'
import { pgColumnType } from '../../sql/create-table.js'
import type { QualifiedName } from '../../sql/cursor.js'
import { pgIdent, type Token, toPostgresText } from '../../sql/lexer.js'
import type { PolicyColumn, RedshiftCommand } from '../../sql/redshift-grammar.js'
import { rewriteStatement } from '../../sql/rewrite.js'
import {
  granteePrincipal,
  type Principal,
  pgArray,
  type ResolvedRelation,
  requirePrivilege,
  resolveRelation,
} from '../support.js'

type Result = Omit<QueryResult, 'queryId' | 'notices'>
type Cmd<K extends RedshiftCommand['kind']> = Extract<RedshiftCommand, { kind: K }>
type Row = readonly (string | null)[]

// ---------------------------------------------------------------- what both kinds share

/** What RLS and masking policies have in common: a catalog table, a name, a rule, a relation. */
interface PolicyKind<P> {
  /** The catalog table in `rsl` and the columns {@link read} takes. */
  readonly table: 'rls_policy' | 'masking_policy'
  readonly columns: string
  readonly read: (row: Row) => P
  /** How messages name a policy of this kind: `policy "p"`, `masking policy "p"`. */
  readonly word: string
  /** Who may run the kind's statements: a superuser or sys:secadmin (R-RLS-4, R-DDM-4). */
  readonly rule: 'R-RLS-4' | 'R-DDM-4'
  /** How a relation the policy protects is named when it cannot be resolved. */
  readonly relation: string
}

interface RlsPolicy {
  readonly id: number
  readonly name: string
  readonly atts: readonly { colname: string; type: string }[]
  readonly alias: string | null
  readonly qual: string
}

interface MaskingPolicy {
  readonly id: number
  readonly name: string
  readonly inputs: readonly PolicyColumn[]
  readonly expressions: readonly string[]
}

const RLS: PolicyKind<RlsPolicy> = {
  table: 'rls_policy',
  columns: 'id, name, atts::text, alias, qual',
  read: (row) => ({
    id: Number(row[0]),
    name: String(row[1]),
    atts: JSON.parse(String(row[2])),
    alias: row[3] ?? null,
    qual: String(row[4]),
  }),
  word: 'policy',
  rule: 'R-RLS-4',
  relation: 'an RLS-protected relation',
}

const MASKING: PolicyKind<MaskingPolicy> = {
  table: 'masking_policy',
  columns: 'id, name, inputs::text, expressions::text',
  read: (row) => ({
    id: Number(row[0]),
    name: String(row[1]),
    inputs: JSON.parse(String(row[2])).map((x: { colname: string; type: string }) => ({
      name: x.colname,
      type: x.type,
    })),
    expressions: JSON.parse(String(row[3])),
  }),
  word: 'masking policy',
  rule: 'R-DDM-4',
  relation: 'a masked relation',
}

/**
 * A policy statement: refused unless the user is a superuser or sys:secadmin (`rule`, naming
 * what was refused), answered with its command tag (what was run, unless `tag` says otherwise).
 */
function policyStatement<C extends RedshiftCommand>(
  rule: string,
  what: (c: NoInfer<C>) => string,
  run: (c: C, ctx: StatementContext) => Promise<void>,
  tag: (c: NoInfer<C>) => string = what,
): (c: C, ctx: StatementContext) => Promise<Result> {
  return async (c, ctx) => {
    requirePrivilege(
      ctx,
      ctx.session.user.secadmin,
      rule,
      `permission denied: ${what(c)} needs a superuser or sys:secadmin`,
    )
    await run(c, ctx)
    return commandResult(tag(c))
  }
}

/** An error PostgreSQL itself would give, with its SQLSTATE. */
const sqlError = (ctx: StatementContext, message: string, sqlstate: string) =>
  new RedshiftLocalError('SQL', message, { sqlstate, statement: ctx.text })

/** A policy name: `p`, or `db.p` with db the connected database (D-4). */
function policyName(ctx: StatementContext, name: QualifiedName): string {
  if (name.length === 2 && name[0] !== ctx.session.database.name)
    throw ruleError(
      'D-4',
      `policy ${name.join('.')} must be in the connected database ${ctx.session.database.name}`,
      ctx.text,
    )
  return name[name.length - 1]!
}

async function findPolicy<P>(
  ctx: StatementContext,
  kind: PolicyKind<P>,
  name: string,
): Promise<P | undefined> {
  const r = await ctx.session.catalog(
    `SELECT ${kind.columns} FROM rsl.${kind.table} WHERE database_id = $1::int AND name = $2`,
    [String(ctx.session.database.id), name],
  )
  const row = r.rows[0]
  return row ? kind.read(row) : undefined
}

/** The policy `name` (D-4) of the connected database, or a `42704` error naming it. */
async function requirePolicy<P>(
  ctx: StatementContext,
  kind: PolicyKind<P>,
  name: QualifiedName,
): Promise<P> {
  const bare = policyName(ctx, name)
  const p = await findPolicy(ctx, kind, bare)
  if (!p) throw sqlError(ctx, `${kind.word} "${bare}" does not exist`, '42704')
  return p
}

/** R-RLS-11: consumers cannot attach or detach security policies on datashare objects. */
const onShared = (ctx: StatementContext) => () =>
  ruleError(
    'R-RLS-11',
    'security policies (RLS, masking) cannot be attached to or detached from objects of a database created from a datashare; attach them on the producer',
    ctx.text,
    '0A000',
  )

/** The relation a policy statement names, of the connected database and not of a datashare. */
const policyRelation = (ctx: StatementContext, kind: PolicyKind<unknown>, name: QualifiedName) =>
  resolveRelation(ctx, name, { what: kind.relation, shared: onShared(ctx) })

/** A policy's WITH columns as stored in the catalog. */
const columnsJson = (columns: readonly PolicyColumn[]) =>
  JSON.stringify(columns.map((col) => ({ colname: col.name, type: col.type })))

/** Parses an expression written in Redshift SQL; returns its AST and PostgreSQL text. */
function expression(ctx: StatementContext, tokens: readonly Token[]): { ast: any; text: string } {
  const text = toPostgresText(ctx.sql, tokens)
  let parsed: any
  try {
    parsed = parseSync(`SELECT ${text}`)
  } catch (error) {
    throw new RedshiftLocalError('SYNTAX', (error as Error).message, {
      sqlstate: '42601',
      statement: ctx.text,
      cause: error,
    })
  }
  const target = parsed.stmts?.[0]?.stmt?.SelectStmt?.targetList
  if (parsed.stmts.length !== 1 || target?.length !== 1)
    throw new RedshiftLocalError('SYNTAX', 'expected one expression', {
      sqlstate: '42601',
      statement: ctx.text,
    })
  return { ast: parsed.stmts[0].stmt, text }
}

/** The expression of a parsed `SELECT <expression>` as PostgreSQL text. */
const targetText = (ast: any): string =>
  deparseSync(ast.SelectStmt.targetList[0].ResTarget.val, { pretty: false })

/** The expression with Redshift names and functions mapped to the physical ones, as text. */
function physicalText(ctx: StatementContext, ast: any): string {
  rewriteStatement(ast, {
    database: ctx.session.database,
    databases: new Map(),
    currentUser: ctx.session.user.name,
    currentNamespace: ctx.session.namespace.id,
    statement: ctx.text,
  })
  return targetText(ast)
}

function columnRefs(ast: any): string[][] {
  const out: string[][] = []
  const walk = (n: any) => {
    if (Array.isArray(n)) return n.forEach(walk)
    if (!n || typeof n !== 'object') return
    if (n.ColumnRef) out.push(n.ColumnRef.fields.map((f: any) => f.String?.sval ?? '*'))
    for (const v of Object.values(n)) walk(v)
  }
  walk(ast)
  return out
}

async function tableColumns(s: Session, rel: ResolvedRelation): Promise<string[]> {
  const r = await s.catalog(
    'SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = $1::oid AND attnum > 0 AND NOT attisdropped ORDER BY attnum',
    [rel.oid],
  )
  return r.rows.map(([a]) => String(a))
}

// ---------------------------------------------------------------- row-level security

export const createRlsPolicy = policyStatement(
  RLS.rule,
  () => 'CREATE RLS POLICY',
  async (c: Cmd<'create-rls-policy'>, ctx) => {
    const s = ctx.session
    const name = policyName(ctx, c.name)
    const { ast } = expression(ctx, c.using)
    const columns = new Set(c.columns.map((col) => col.name))
    // R-RLS-1: WITH may be left out only when the predicate names no column.
    for (const ref of columnRefs(ast)) {
      const col =
        ref.length === 2 && ref[0] === c.alias ? ref[1]! : ref.length === 1 ? ref[0]! : undefined
      if (col !== undefined && !columns.has(col) && !isInSubquery(ast, ref))
        throw ruleError(
          'R-RLS-1',
          `column "${col}" of the predicate is not in the policy's WITH list`,
          ctx.text,
          '42703',
        )
    }
    const r = await s.catalog(
      `INSERT INTO rsl.rls_policy (database_id, name, atts, alias, qual, modified_by) VALUES ($1::int, $2, $3::jsonb, $4, $5, $6)
       ON CONFLICT (database_id, name) DO NOTHING RETURNING id`,
      [
        String(s.database.id),
        name,
        columnsJson(c.columns),
        c.alias ?? null,
        targetText(ast),
        s.user.name,
      ],
    )
    if (r.rows.length === 0) throw sqlError(ctx, `policy "${name}" already exists`, '42710')
  },
)

function isInSubquery(ast: any, ref: string[]): boolean {
  // A column of a lookup table inside a sub-select belongs to that table, not to the policy.
  let found = false
  const walk = (n: any, inSub: boolean) => {
    if (Array.isArray(n)) {
      for (const x of n) walk(x, inSub)
      return
    }
    if (!n || typeof n !== 'object') return
    if (n.SubLink) return walk(n.SubLink, true)
    if (
      n.ColumnRef &&
      inSub &&
      n.ColumnRef.fields.map((f: any) => f.String?.sval ?? '*').join('.') === ref.join('.')
    )
      found = true
    for (const v of Object.values(n)) walk(v, inSub)
  }
  walk(ast, false)
  return found
}

/** Refuses to attach `policy` to `rel`: not a table or view (R-RLS-8), a column missing (R-RLS-2), another alias (R-RLS-1). */
async function checkRlsTarget(
  ctx: StatementContext,
  policy: RlsPolicy,
  rel: ResolvedRelation,
): Promise<void> {
  const s = ctx.session
  if (rel.persistence === 't' || !['r', 'p', 'v', 'm'].includes(rel.relkind))
    throw ruleError(
      'R-RLS-8',
      `an RLS policy cannot be attached to ${rel.schema}.${rel.relname}`,
      ctx.text,
    )
  const cols = await tableColumns(s, rel)
  const missing = policy.atts.map((a) => a.colname).filter((col) => !cols.includes(col))
  if (missing.length > 0)
    throw ruleError(
      'R-RLS-2',
      `relation ${rel.schema}.${rel.relname} has no column ${missing.join(', ')} of policy ${policy.name}`,
      ctx.text,
      '42703',
    )
  const aliases = await s.catalog(
    'SELECT DISTINCT p.alias FROM rsl.rls_attachment a JOIN rsl.rls_policy p ON p.id = a.policy_id WHERE a.relid = $1::oid AND p.id <> $2::int AND p.alias IS NOT NULL',
    [rel.oid, String(policy.id)],
  )
  const other = aliases.rows.find(([a]) => policy.alias !== null && a !== policy.alias)
  if (other)
    throw ruleError(
      'R-RLS-1',
      `policies on one relation share one alias: ${rel.relname} uses "${other[0]}", policy ${policy.name} "${policy.alias}"`,
      ctx.text,
    )
}

/** Records (attach) or removes (detach) one attachment of `policy` to `rel` for `p` (undefined: PUBLIC). */
async function setRlsAttachment(
  ctx: StatementContext,
  attach: boolean,
  policy: RlsPolicy,
  rel: ResolvedRelation,
  p: Principal | undefined,
): Promise<void> {
  const s = ctx.session
  const key = [String(policy.id), rel.oid, p ? String(p.id) : null]
  const where =
    'policy_id = $1::int AND relid = $2::oid AND principal_id IS NOT DISTINCT FROM $3::int'
  const attachment = (state: 'not' | 'already') =>
    `policy ${policy.name} is ${state} attached to ${rel.relname} for ${p?.name ?? 'PUBLIC'}`
  if (!attach) {
    const r = await s.catalog(`DELETE FROM rsl.rls_attachment WHERE ${where} RETURNING 1`, key)
    if (r.rows.length === 0) throw sqlError(ctx, attachment('not'), '42704')
    return
  }
  const dup = await s.catalog(`SELECT 1 FROM rsl.rls_attachment WHERE ${where}`, key)
  if (dup.rows.length > 0) throw sqlError(ctx, attachment('already'), '42710')
  await s.catalog(
    'INSERT INTO rsl.rls_attachment (policy_id, relid, principal_id, grantor) VALUES ($1::int, $2::oid, $3::int, $4)',
    [...key, s.user.name],
  )
}

export const attachRlsPolicy = policyStatement<Cmd<'attach-rls-policy' | 'detach-rls-policy'>>(
  RLS.rule,
  (c) => (c.kind === 'attach-rls-policy' ? 'ATTACH RLS POLICY' : 'DETACH RLS POLICY'),
  async (c, ctx) => {
    const attach = c.kind === 'attach-rls-policy'
    const policy = await requirePolicy(ctx, RLS, c.name)
    const principals = await Promise.all(c.grantees.map((g) => granteePrincipal(ctx, g)))
    for (const name of c.relations) {
      const rel = await policyRelation(ctx, RLS, name)
      if (attach) await checkRlsTarget(ctx, policy, rel)
      for (const p of principals) await setRlsAttachment(ctx, attach, policy, rel, p)
      await rebuildRls(ctx, rel.oid)
    }
  },
)

/** The relations an RLS policy is attached to. */
async function attachedRelations(ctx: StatementContext, policy: RlsPolicy): Promise<string[]> {
  const rels = await ctx.session.catalog(
    'SELECT DISTINCT relid FROM rsl.rls_attachment WHERE policy_id = $1::int',
    [String(policy.id)],
  )
  return rels.rows.map(([relid]) => String(relid))
}

export const alterRlsPolicy = policyStatement(
  RLS.rule,
  () => 'ALTER RLS POLICY',
  async (c: Cmd<'alter-rls-policy'>, ctx) => {
    const s = ctx.session
    const policy = await requirePolicy(ctx, RLS, c.name)
    const { ast } = expression(ctx, c.using)
    await s.catalog(
      "UPDATE rsl.rls_policy SET qual = $2, modified_by = $3, modified = now() AT TIME ZONE 'UTC' WHERE id = $1::int",
      [String(policy.id), targetText(ast), s.user.name],
    )
    for (const relid of await attachedRelations(ctx, policy)) await rebuildRls(ctx, relid)
  },
)

export const dropRlsPolicy = policyStatement(
  RLS.rule,
  () => 'DROP RLS POLICY',
  async (c: Cmd<'drop-rls-policy'>, ctx) => {
    const s = ctx.session
    const policy = await findPolicy(ctx, RLS, policyName(ctx, c.name))
    if (!policy) {
      const missing = `policy "${c.name.join('.')}" does not exist`
      if (!c.ifExists) throw sqlError(ctx, missing, '42704')
      s.notices.push(`${missing}, skipping`)
      return
    }
    const rels = await attachedRelations(ctx, policy)
    if (rels.length > 0 && !c.cascade)
      throw ruleError(
        'R-RLS-3',
        `policy ${policy.name} is attached to ${rels.length} relation(s): detach it first or DROP … CASCADE`,
        ctx.text,
        '2BP01',
      )
    await s.catalog('DELETE FROM rsl.rls_policy WHERE id = $1::int', [String(policy.id)])
    for (const relid of rels) await rebuildRls(ctx, relid)
  },
)

/** R-RLS-5, D-1: ALTER TABLE … ROW LEVEL SECURITY ON|OFF [CONJUNCTION TYPE …] [FOR DATASHARES]. */
export const alterTableRls = policyStatement(
  'R-RLS-5',
  () => 'ROW LEVEL SECURITY ON/OFF',
  async (c: Cmd<'alter-table-rls'>, ctx) => {
    const s = ctx.session
    const rel = await policyRelation(ctx, RLS, c.relation)
    const cur = await s.catalog(
      'SELECT is_rls_on, datashare_on, conjunction FROM rsl.rls_relation WHERE relid = $1::oid',
      [rel.oid],
    )
    let rlsOn = cur.rows[0]?.[0] === 't'
    let datashareOn = cur.rows[0]?.[1] === 't'
    const conjunction = c.conjunction ?? cur.rows[0]?.[2] ?? 'and'
    if (c.forDatashares) datashareOn = c.on
    else {
      rlsOn = c.on
      // D-1 (conservative): turning RLS on also protects the relation over datashares.
      if (c.on) datashareOn = true
    }
    await s.catalog(
      `INSERT INTO rsl.rls_relation (relid, is_rls_on, datashare_on, conjunction, datashare_conjunction)
       VALUES ($1::oid, $2::boolean, $3::boolean, $4, $4)
       ON CONFLICT (relid) DO UPDATE SET is_rls_on = EXCLUDED.is_rls_on, datashare_on = EXCLUDED.datashare_on,
         conjunction = EXCLUDED.conjunction, datashare_conjunction = EXCLUDED.datashare_conjunction`,
      [rel.oid, rlsOn ? 't' : 'f', datashareOn ? 't' : 'f', conjunction],
    )
    await rebuildRls(ctx, rel.oid)
  },
  () => 'ALTER TABLE',
)

/** The commands an RLS predicate filters, with the suffix of their PostgreSQL policy's name. */
const FILTERED = [
  ['SELECT', 's'],
  ['UPDATE', 'u'],
  ['DELETE', 'd'],
] as const

/**
 * Puts a relation's RLS in PostgreSQL from the catalog: with RLS on, each attachment is a
 * permissive `USING (true)` policy for its grantee (so users with no policy see no rows,
 * R-RLS-5) plus the predicate as restrictive SELECT/UPDATE/DELETE policies (AND, the default
 * conjunction) or as permissive ones (OR). INSERT and COPY are not filtered (R-RLS-6).
 * Superusers and sys:secadmin bypass RLS (D-3): their roles are SUPERUSER or BYPASSRLS.
 */
async function rebuildRls(ctx: StatementContext, relid: string): Promise<void> {
  const s = ctx.session
  await s.privileged(async () => {
    const rel = await s.conn.query(
      `SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname), c.relkind, n.nspname
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = $1::oid`,
      [relid],
    )
    const row = rel.rows[0]
    if (!row || row[1] === 'v' || row[1] === 'm') return // views: policies recorded, not enforced (fidelity page)
    const table = String(row[0])
    const existing = await s.conn.query(
      "SELECT quote_ident(polname) FROM pg_catalog.pg_policy WHERE polrelid = $1::oid AND polname LIKE 'rsl\\_%'",
      [relid],
    )
    for (const [p] of existing.rows) await s.conn.exec(`DROP POLICY ${p} ON ${table}`)
    const flags = await s.conn.query(
      'SELECT is_rls_on, conjunction FROM rsl.rls_relation WHERE relid = $1::oid',
      [relid],
    )
    const on = flags.rows[0]?.[0] === 't'
    if (!on) {
      await s.conn.exec(
        `ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY, NO FORCE ROW LEVEL SECURITY`,
      )
      return
    }
    const or = flags.rows[0]?.[1] === 'or'
    await s.conn.exec(
      `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
       CREATE POLICY rsl_insert ON ${table} AS PERMISSIVE FOR INSERT TO PUBLIC WITH CHECK (true)`,
    )
    const atts = await s.conn.query(
      `SELECT a.id, p.qual, p.alias, coalesce(pr.physical, $2), p.database_id
       FROM rsl.rls_attachment a JOIN rsl.rls_policy p ON p.id = a.policy_id LEFT JOIN rsl.principal pr ON pr.id = a.principal_id
       WHERE a.relid = $1::oid ORDER BY a.id`,
      [relid, s.namespace.publicRole],
    )
    for (const [id, qual, alias, role] of atts.rows) {
      const predicate = physicalPredicate(ctx, String(qual), alias ?? null)
      const to = pgIdent(String(role))
      if (!or)
        await s.conn.exec(
          `CREATE POLICY rsl_a${id}_p ON ${table} AS PERMISSIVE FOR ALL TO ${to} USING (true)`,
        )
      for (const [cmd, k] of FILTERED)
        await s.conn.exec(
          `CREATE POLICY rsl_a${id}_${k} ON ${table} AS ${or ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${cmd} TO ${to} USING (${predicate})`,
        )
    }
  })
}

/** The stored predicate with the alias removed and names mapped to physical ones. */
function physicalPredicate(ctx: StatementContext, qual: string, alias: string | null): string {
  const ast: any = (parseSync(`SELECT ${qual}`) as any).stmts[0].stmt
  const walk = (n: any) => {
    if (Array.isArray(n)) return n.forEach(walk)
    if (!n || typeof n !== 'object') return
    if (
      n.ColumnRef &&
      alias &&
      n.ColumnRef.fields.length === 2 &&
      n.ColumnRef.fields[0].String?.sval === alias
    )
      n.ColumnRef.fields.shift()
    for (const v of Object.values(n)) walk(v)
  }
  walk(ast)
  return physicalText(ctx, ast)
}

// ---------------------------------------------------------------- dynamic data masking

/** Masking expressions as PostgreSQL text; a bare constant needs an explicit cast (R-DDM-1). */
function maskingExpressions(ctx: StatementContext, using: readonly (readonly Token[])[]): string[] {
  return using.map((tokens) => {
    const { ast } = expression(ctx, tokens)
    if (ast.SelectStmt.targetList[0].ResTarget.val?.A_Const)
      throw ruleError(
        'R-DDM-1',
        "a constant masking expression must be cast to the input type, e.g. '***'::varchar(256)",
        ctx.text,
        '42804',
      )
    return physicalText(ctx, ast)
  })
}

/** One SQL function per output: `rsl_fn.mask_<policy>_<i>(inputs…)`. */
async function createMaskFunctions(
  ctx: StatementContext,
  id: number,
  inputs: readonly PolicyColumn[],
  expressions: readonly string[],
) {
  const s = ctx.session
  const params = inputs
    .map((i) => `${pgIdent(i.name)} ${pgColumnType(i.type).replace(/\(.*\)$/, '')}`)
    .join(', ')
  await s.privileged(async () => {
    for (let k = 0; k < expressions.length; k++) {
      const type = pgColumnType((inputs[k] ?? inputs[0]!).type)
      try {
        await s.conn.exec(
          `CREATE OR REPLACE FUNCTION ${FUNCTIONS_SCHEMA}.${pgIdent(`mask_${id}_${k}`)}(${params}) RETURNS ${type.replace(/\(.*\)$/, '')}
           LANGUAGE sql STABLE AS $rsl$ SELECT (${expressions[k]})::${type} $rsl$`,
        )
      } catch (cause) {
        throw new RedshiftLocalError(
          'SQL',
          `invalid masking expression: ${(cause as Error).message}`,
          { sqlstate: '42804', statement: ctx.text, cause },
        )
      }
    }
  })
}

export const createMaskingPolicy = policyStatement(
  MASKING.rule,
  () => 'CREATE MASKING POLICY',
  async (c: Cmd<'create-masking-policy'>, ctx) => {
    const s = ctx.session
    const name = policyName(ctx, c.name)
    if (await findPolicy(ctx, MASKING, name)) {
      if (c.ifNotExists) return
      throw ruleError(
        'R-DDM-1',
        `masking policy "${name}" already exists (names are unique per database)`,
        ctx.text,
        '42710',
      )
    }
    const expressions = maskingExpressions(ctx, c.using)
    const r = await s.catalog(
      'INSERT INTO rsl.masking_policy (database_id, name, inputs, expressions, modified_by) VALUES ($1::int, $2, $3::jsonb, $4::jsonb, $5) RETURNING id',
      [
        String(s.database.id),
        name,
        columnsJson(c.columns),
        JSON.stringify(expressions),
        s.user.name,
      ],
    )
    await createMaskFunctions(ctx, Number(r.rows[0]![0]), c.columns, expressions)
  },
)

export const alterMaskingPolicy = policyStatement(
  MASKING.rule,
  () => 'ALTER MASKING POLICY',
  async (c: Cmd<'alter-masking-policy'>, ctx) => {
    const s = ctx.session
    const policy = await requirePolicy(ctx, MASKING, c.name)
    const expressions = maskingExpressions(ctx, c.using)
    if (expressions.length !== policy.expressions.length)
      throw ruleError(
        'R-DDM-3',
        'ALTER MASKING POLICY keeps the inputs and outputs of the policy',
        ctx.text,
        '42804',
      )
    await s.catalog(
      "UPDATE rsl.masking_policy SET expressions = $2::jsonb, modified_by = $3, modified = now() AT TIME ZONE 'UTC' WHERE id = $1::int",
      [String(policy.id), JSON.stringify(expressions), s.user.name],
    )
    await createMaskFunctions(ctx, policy.id, policy.inputs, expressions)
  },
)

/**
 * Refuses to attach `policy` to `rel` with these columns: not a permanent table (R-DDM-5),
 * other counts of inputs or outputs than the policy's (R-DDM-2), a column missing.
 */
async function checkMaskingTarget(
  ctx: StatementContext,
  policy: MaskingPolicy,
  rel: ResolvedRelation,
  inputs: readonly string[],
  outputs: readonly string[],
): Promise<void> {
  if (rel.persistence === 't' || !['r', 'p'].includes(rel.relkind))
    throw ruleError(
      'R-DDM-5',
      `a masking policy cannot be attached to ${rel.schema}.${rel.relname}`,
      ctx.text,
    )
  if (inputs.length !== policy.inputs.length || outputs.length !== policy.expressions.length)
    throw ruleError(
      'R-DDM-2',
      `policy ${policy.name} takes ${policy.inputs.length} input and gives ${policy.expressions.length} output column(s)`,
      ctx.text,
      '42804',
    )
  const cols = await tableColumns(ctx.session, rel)
  for (const col of [...inputs, ...outputs])
    if (!cols.includes(col))
      throw sqlError(ctx, `column "${col}" of relation "${rel.relname}" does not exist`, '42703')
}

export const attachMaskingPolicy = policyStatement<
  Cmd<'attach-masking-policy' | 'detach-masking-policy'>
>(
  MASKING.rule,
  (c) => (c.kind === 'attach-masking-policy' ? 'ATTACH MASKING POLICY' : 'DETACH MASKING POLICY'),
  async (c, ctx) => {
    const attach = c.kind === 'attach-masking-policy'
    const s = ctx.session
    if (c.grantees.length !== 1)
      throw ruleError(
        'D-4',
        `${attach ? 'ATTACH' : 'DETACH'} MASKING POLICY takes exactly one grantee`,
        ctx.text,
        '42601',
      )
    const policy = await requirePolicy(ctx, MASKING, c.name)
    const rel = await policyRelation(ctx, MASKING, c.relation)
    const principal = await granteePrincipal(ctx, c.grantees[0]!)
    const who = principal ? String(principal.id) : null
    if (!attach) {
      const r = await s.catalog(
        'DELETE FROM rsl.masking_attachment WHERE policy_id = $1::int AND relid = $2::oid AND principal_id IS NOT DISTINCT FROM $3::int AND outputs = $4::text[] RETURNING 1',
        [String(policy.id), rel.oid, who, pgArray(c.outputs)],
      )
      if (r.rows.length === 0)
        throw sqlError(
          ctx,
          `masking policy ${policy.name} is not attached to ${rel.relname} (${c.outputs.join(', ')})`,
          '42704',
        )
      return
    }
    const inputs = c.inputs ?? c.outputs
    await checkMaskingTarget(ctx, policy, rel, inputs, c.outputs)
    const clash = await s.catalog(
      `SELECT p.name, a.principal_id IS NOT DISTINCT FROM $3::int FROM rsl.masking_attachment a JOIN rsl.masking_policy p ON p.id = a.policy_id
       WHERE a.relid = $1::oid AND a.outputs && $2::text[] AND (a.principal_id IS NOT DISTINCT FROM $3::int OR a.priority = $4::int)`,
      [rel.oid, pgArray(c.outputs), who, String(c.priority ?? 0)],
    )
    if (clash.rows.length > 0)
      throw ruleError(
        clash.rows[0]![1] === 't' ? 'R-DDM-2' : 'D-4',
        clash.rows[0]![1] === 't'
          ? `a column of ${rel.relname} already has masking policy ${clash.rows[0]![0]} for ${principal?.name ?? 'PUBLIC'}: one policy per grantee and column`
          : `masking policy ${clash.rows[0]![0]} on the same column of ${rel.relname} already has priority ${c.priority ?? 0}`,
        ctx.text,
        '42710',
      )
    await s.catalog(
      'INSERT INTO rsl.masking_attachment (policy_id, relid, outputs, inputs, principal_id, grantor, priority) VALUES ($1::int, $2::oid, $3::text[], $4::text[], $5::int, $6, $7::int)',
      [
        String(policy.id),
        rel.oid,
        pgArray(c.outputs),
        pgArray(inputs),
        who,
        s.user.name,
        String(c.priority ?? 0),
      ],
    )
    s.rs.maskingInUse = true
  },
)

/** R-DDM-3: DROP MASKING POLICY fails while the policy is attached. */
export const dropMaskingPolicy = policyStatement(
  MASKING.rule,
  () => 'DROP MASKING POLICY',
  async (c: Cmd<'drop-masking-policy'>, ctx) => {
    const s = ctx.session
    const policy = await requirePolicy(ctx, MASKING, c.name)
    const used = await s.catalog(
      'SELECT count(*) FROM rsl.masking_attachment WHERE policy_id = $1::int',
      [String(policy.id)],
    )
    if (Number(used.rows[0]![0]) > 0)
      throw ruleError(
        'R-DDM-3',
        `masking policy ${policy.name} is attached to ${used.rows[0]![0]} relation column set(s): detach it first`,
        ctx.text,
        '2BP01',
      )
    await s.privileged(async () => {
      for (let k = 0; k < policy.expressions.length; k++)
        await s.conn.exec(
          `DROP FUNCTION IF EXISTS ${FUNCTIONS_SCHEMA}.${pgIdent(`mask_${policy.id}_${k}`)}`,
        )
      await s.conn.query('DELETE FROM rsl.masking_policy WHERE id = $1::int', [String(policy.id)])
    })
  },
)

/** D-2: ALTER TABLE … MASKING ON|OFF FOR DATASHARES. */
export const alterTableMasking = policyStatement(
  MASKING.rule,
  () => 'MASKING ON/OFF FOR DATASHARES',
  async (c: Cmd<'alter-table-masking'>, ctx) => {
    const rel = await policyRelation(ctx, MASKING, c.relation)
    await ctx.session.catalog(
      `INSERT INTO rsl.masking_relation (relid, masking_datashare_off) VALUES ($1::oid, $2::boolean)
       ON CONFLICT (relid) DO UPDATE SET masking_datashare_off = EXCLUDED.masking_datashare_off`,
      [rel.oid, c.on ? 'f' : 't'],
    )
  },
  () => 'ALTER TABLE',
)
