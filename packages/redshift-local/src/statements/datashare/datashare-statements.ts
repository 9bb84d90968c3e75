import { commandResult, type StatementContext } from '../../account/session.js'
import type { QueryResult } from '../../account/types.js'
import { physicalSchema } from '../../catalog/names.js'
import { notEmulated, RedshiftLocalError, ruleError } from '../../errors.js'
import type { RedshiftCommand } from '../../sql/redshift-grammar.js'
import {
  catalogChanged,
  granteePrincipal,
  holdsSystemPermission,
  notInTransaction,
  ownsDatabase,
  pgArray,
  requirePrivilege,
  resolveRelation,
} from '../support.js'

type Result = Omit<QueryResult, 'queryId' | 'notices'>
type Cmd<K extends RedshiftCommand['kind']> = Extract<RedshiftCommand, { kind: K }>

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

interface Share {
  readonly id: number
  readonly name: string
  readonly databaseId: number
  readonly ownerId: number
}

async function findShare(ctx: StatementContext, name: string): Promise<Share | undefined> {
  const r = await ctx.session.catalog(
    'SELECT id, name, database_id, owner_id FROM rsl.datashare WHERE namespace_id = $1 AND name = $2',
    [ctx.session.namespace.id, name],
  )
  const row = r.rows[0]
  return row
    ? {
        id: Number(row[0]),
        name: String(row[1]),
        databaseId: Number(row[2]),
        ownerId: Number(row[3]),
      }
    : undefined
}

async function requireShare(ctx: StatementContext, name: string): Promise<Share> {
  const share = await findShare(ctx, name)
  if (!share)
    throw new RedshiftLocalError('SQL', `datashare ${name} does not exist`, {
      sqlstate: '42704',
      statement: ctx.text,
    })
  return share
}

const owns = (ctx: StatementContext, share: Share) =>
  ctx.session.user.principals.includes(share.ownerId)

async function holds(
  ctx: StatementContext,
  share: Share,
  privilege: 'alter' | 'share',
): Promise<boolean> {
  const r = await ctx.session.catalog(
    'SELECT 1 FROM rsl.datashare_privilege WHERE share_id = $1::int AND privilege = $2 AND principal_id = ANY ($3::int[])',
    [String(share.id), privilege, `{${ctx.session.user.principals.join(',')}}`],
  )
  return r.rows.length > 0
}

/**
 * R-DS-1, R-DS-2: CREATE DATASHARE in the connected database, by a superuser, the database's
 * owner, or a holder of the CREATE DATASHARE system permission (D-15).
 */
export async function createDatashare(
  c: Cmd<'create-datashare'>,
  ctx: StatementContext,
): Promise<Result> {
  notInTransaction(ctx, 'D-5', 'CREATE DATASHARE')
  const s = ctx.session
  if (s.database.kind !== 'local')
    throw ruleError(
      'R-DS-1',
      'a datashare is created in a local database, not one made from a datashare',
      ctx.text,
    )
  // R-DS-2: a superuser, the database owner, or a holder of the CREATE DATASHARE permission
  // through a role (D-15).
  requirePrivilege(
    ctx,
    (await ownsDatabase(ctx, s.database.id)) ||
      (await holdsSystemPermission(ctx, 'CREATE DATASHARE')),
    'R-DS-2',
    'permission denied: CREATE DATASHARE needs a superuser or the database owner',
  )
  if (await findShare(ctx, c.name))
    throw new RedshiftLocalError('SQL', `datashare "${c.name}" already exists`, {
      sqlstate: '42710',
      statement: ctx.text,
    })
  await s.catalog(
    'INSERT INTO rsl.datashare (namespace_id, database_id, name, owner_id, publicly_accessible) VALUES ($1, $2::int, $3, $4::int, $5::boolean)',
    [
      s.namespace.id,
      String(s.database.id),
      c.name,
      String(s.user.id),
      c.publiclyAccessible ? 't' : 'f',
    ],
  )
  return commandResult('CREATE DATASHARE')
}

/** R-DS-3..6: ALTER DATASHARE on a share of the connected database. */
export async function alterDatashare(
  c: Cmd<'alter-datashare'>,
  ctx: StatementContext,
): Promise<Result> {
  notInTransaction(ctx, 'D-5', 'ALTER DATASHARE')
  const s = ctx.session
  const share = await requireShare(ctx, c.name)
  if (share.databaseId !== s.database.id)
    throw ruleError(
      'R-DS-3',
      `datashare ${c.name} belongs to another database: connect to it to alter the share`,
      ctx.text,
    )
  requirePrivilege(
    ctx,
    owns(ctx, share) ||
      (await holds(ctx, share, 'alter')) ||
      (await holdsSystemPermission(ctx, 'ALTER DATASHARE')),
    'R-DS-4',
    `permission denied for datashare ${c.name}: ALTER DATASHARE needs a superuser, the owner, the ALTER privilege or the ALTER DATASHARE permission`,
  )
  const change = c.change
  const id = String(share.id)
  switch (change.op) {
    case 'set-publicly-accessible':
      await s.catalog(
        'UPDATE rsl.datashare SET publicly_accessible = $2::boolean WHERE id = $1::int',
        [id, change.value ? 't' : 'f'],
      )
      return commandResult('ALTER DATASHARE')
    case 'set-include-new':
      // R-DS-5 (2023): only superusers set INCLUDENEW — the conservative reading.
      requirePrivilege(ctx, false, 'R-DS-5', 'only a superuser can set INCLUDENEW')
      await requireSchemaInShare(ctx, share, change.schema)
      await s.catalog(
        "UPDATE rsl.datashare_object SET include_new = $3::boolean WHERE share_id = $1::int AND object_type = 'schema' AND schema_name = $2",
        [id, change.schema, change.value ? 't' : 'f'],
      )
      return commandResult('ALTER DATASHARE')
  }
  if (change.objectType === 'function' || change.objectType === 'all-functions')
    throw notEmulated('sharing functions', ctx.text)
  if (change.objectType === 'schema') {
    for (const [schema] of change.names) {
      if (change.op === 'add') {
        await requireSchemaExists(ctx, schema!)
        const r = await s.catalog(
          "INSERT INTO rsl.datashare_object (share_id, object_type, schema_name, include_new) VALUES ($1::int, 'schema', $2, false) ON CONFLICT DO NOTHING RETURNING 1",
          [id, schema!],
        )
        if (r.rows.length === 0)
          throw new RedshiftLocalError(
            'SQL',
            `schema "${schema}" is already in datashare ${c.name}`,
            {
              sqlstate: '42710',
              statement: ctx.text,
            },
          )
      } else {
        await requireSchemaInShare(ctx, share, schema!)
        const left = await s.catalog(
          "SELECT object_name FROM rsl.datashare_object WHERE share_id = $1::int AND schema_name = $2 AND object_type <> 'schema' LIMIT 1",
          [id, schema!],
        )
        // Conservative: a schema leaves a share after its objects (R-DS-5 adds the schema first).
        if (left.rows.length > 0)
          throw ruleError(
            'R-DS-5',
            `schema "${schema}" still has objects in datashare ${c.name} (e.g. ${left.rows[0]![0]}): remove them first`,
            ctx.text,
          )
        await s.catalog(
          "DELETE FROM rsl.datashare_object WHERE share_id = $1::int AND object_type = 'schema' AND schema_name = $2",
          [id, schema!],
        )
      }
    }
    return commandResult('ALTER DATASHARE')
  }
  // Tables (and views): listed, or all of a schema's.
  const targets: [string, string][] = []
  if (change.objectType === 'all-tables') {
    for (const [schema] of change.names) {
      await requireSchemaInShare(ctx, share, schema!)
      const r = await s.catalog(
        `SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm') ORDER BY c.relname`,
        [physicalSchema(s.database.id, schema!, ctx.text)],
      )
      for (const [rel] of r.rows) targets.push([schema!, String(rel)])
    }
  } else {
    for (const name of change.names) {
      if (name.length !== 2)
        throw ruleError('R-DS-3', 'name tables as schema.table', ctx.text, '42601')
      targets.push([name[0]!, name[1]!])
    }
  }
  for (const [schema, table] of targets) {
    if (change.op === 'add') await addRelation(ctx, share, schema, table)
    else {
      const r = await s.catalog(
        "DELETE FROM rsl.datashare_object WHERE share_id = $1::int AND object_type IN ('table', 'view') AND schema_name = $2 AND object_name = $3 RETURNING 1",
        [id, schema, table],
      )
      if (r.rows.length === 0)
        throw new RedshiftLocalError(
          'SQL',
          `relation "${schema}.${table}" is not in datashare ${c.name}`,
          {
            sqlstate: '42704',
            statement: ctx.text,
          },
        )
    }
  }
  return commandResult('ALTER DATASHARE')
}

async function requireSchemaExists(ctx: StatementContext, schema: string): Promise<void> {
  const r = await ctx.session.catalog('SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1', [
    physicalSchema(ctx.session.database.id, schema, ctx.text),
  ])
  if (r.rows.length === 0)
    throw new RedshiftLocalError('SQL', `schema "${schema}" does not exist`, {
      sqlstate: '3F000',
      statement: ctx.text,
    })
}

async function requireSchemaInShare(
  ctx: StatementContext,
  share: Share,
  schema: string,
): Promise<void> {
  const r = await ctx.session.catalog(
    "SELECT 1 FROM rsl.datashare_object WHERE share_id = $1::int AND object_type = 'schema' AND schema_name = $2",
    [String(share.id), schema],
  )
  if (r.rows.length === 0)
    throw ruleError(
      'R-DS-5',
      `schema "${schema}" is not in datashare ${share.name}: add the schema before its objects`,
      ctx.text,
    )
}

/** Adds a table or view, refusing what Redshift cannot share (R-DS-6, D-2) or the user may not add (R-DS-4). */
async function addRelation(
  ctx: StatementContext,
  share: Share,
  schema: string,
  table: string,
): Promise<void> {
  const s = ctx.session
  await requireSchemaInShare(ctx, share, schema)
  const rel = await resolveRelation(ctx, [schema, table], { what: 'a datashare object' })
  if (rel.persistence === 't')
    throw ruleError('R-DS-6', `temporary table ${schema}.${table} cannot be shared`, ctx.text)
  const interleaved = await s.catalog(
    `SELECT c.relname FROM rsl.relation_attributes a JOIN pg_catalog.pg_class c ON c.oid = a.relid
     WHERE a.sortkey_style = 'interleaved' AND (a.relid = $1::oid OR a.relid IN (
       SELECT d.refobjid FROM pg_catalog.pg_rewrite w JOIN pg_catalog.pg_depend d ON d.objid = w.oid AND d.classid = 'pg_rewrite'::regclass
       WHERE w.ev_class = $1::oid))`,
    [rel.oid],
  )
  if (interleaved.rows.length > 0)
    throw ruleError(
      'R-DS-6',
      `${schema}.${table} cannot be added to a datashare: ${rel.relkind === 'v' ? `it reads table ${interleaved.rows[0]![0]}, which has` : 'it has'} an INTERLEAVED sort key (use a COMPOUND sort key on shared tables)`,
      ctx.text,
    )
  const masked = await s.catalog(
    `SELECT 1 FROM rsl.masking_attachment a WHERE (a.relid = $1::oid OR a.relid IN (
       SELECT d.refobjid FROM pg_catalog.pg_rewrite w JOIN pg_catalog.pg_depend d ON d.objid = w.oid AND d.classid = 'pg_rewrite'::regclass
       WHERE w.ev_class = $1::oid))
     AND NOT coalesce((SELECT masking_datashare_off FROM rsl.masking_relation m WHERE m.relid = a.relid), false)`,
    [rel.oid],
  )
  if (masked.rows.length > 0)
    throw ruleError(
      'D-2',
      `${schema}.${table} or a relation dependent on it is protected by a masking policy and cannot be added to a datashare`,
      ctx.text,
    )
  if (!s.user.superuser) {
    const may = await s.conn.query("SELECT has_table_privilege($1::oid, 'SELECT')", [rel.oid])
    if (may.rows[0]?.[0] !== 't')
      throw ruleError(
        'R-DS-4',
        `permission denied: adding ${schema}.${table} needs ownership of it or SELECT on it`,
        ctx.text,
        '42501',
      )
  }
  const r = await s.catalog(
    'INSERT INTO rsl.datashare_object (share_id, object_type, schema_name, object_name) VALUES ($1::int, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1',
    [String(share.id), rel.relkind === 'v' ? 'view' : 'table', schema, rel.relname],
  )
  if (r.rows.length === 0)
    throw new RedshiftLocalError(
      'SQL',
      `relation "${schema}.${table}" is already in datashare ${share.name}`,
      {
        sqlstate: '42710',
        statement: ctx.text,
      },
    )
}

/** R-DS-7: DROP DATASHARE by its owner or a superuser; consumer databases stay (D-7). */
export async function dropDatashare(
  c: Cmd<'drop-datashare'>,
  ctx: StatementContext,
): Promise<Result> {
  notInTransaction(ctx, 'D-5', 'DROP DATASHARE')
  const share = await requireShare(ctx, c.name)
  requirePrivilege(
    ctx,
    owns(ctx, share) || (await holdsSystemPermission(ctx, 'DROP DATASHARE')),
    'R-DS-7',
    `permission denied: DROP DATASHARE ${c.name} needs a superuser, its owner or the DROP DATASHARE permission`,
  )
  await ctx.session.catalog('DELETE FROM rsl.datashare WHERE id = $1::int', [String(share.id)])
  return commandResult('DROP DATASHARE')
}

/** R-DS-8, R-DS-9, D-9: GRANT/REVOKE on a datashare. */
export async function grantDatashare(
  c: Cmd<'grant-datashare'>,
  ctx: StatementContext,
): Promise<Result> {
  notInTransaction(
    ctx,
    'D-5',
    `${c.revoke ? 'REVOKE' : 'GRANT'} ${c.privilege.toUpperCase()} ON DATASHARE`,
  )
  const s = ctx.session
  const share = await requireShare(ctx, c.share)
  const verb = c.revoke ? 'REVOKE' : 'GRANT'
  const t = c.target
  if (t.kind === 'grantee') {
    if (c.privilege === 'usage')
      throw ruleError(
        'D-9',
        'USAGE cannot be granted to users and groups on a datashare.',
        ctx.text,
        '0LP01',
      )
    requirePrivilege(
      ctx,
      owns(ctx, share),
      'D-9',
      `permission denied: only the owner or a superuser grants on datashare ${c.share}`,
    )
    const privileges = c.privilege === 'all' ? ['alter', 'share'] : [c.privilege]
    for (const g of t.grantees) {
      const p = await granteePrincipal(ctx, g)
      if (!p)
        throw ruleError(
          'D-9',
          'ALTER and SHARE on a datashare go to users, roles or groups, not PUBLIC',
          ctx.text,
        )
      for (const priv of privileges)
        await s.catalog(
          c.revoke
            ? 'DELETE FROM rsl.datashare_privilege WHERE share_id = $1::int AND privilege = $2 AND principal_id = $3::int'
            : 'INSERT INTO rsl.datashare_privilege VALUES ($1::int, $2, $3::int) ON CONFLICT DO NOTHING',
          [String(share.id), priv, String(p.id)],
        )
    }
    return commandResult(verb)
  }
  if (c.privilege !== 'usage')
    throw ruleError(
      'R-DS-8',
      `only USAGE on a datashare is granted to a namespace or an account`,
      ctx.text,
      '42601',
    )
  requirePrivilege(
    ctx,
    owns(ctx, share) || (await holds(ctx, share, 'share')),
    'R-DS-8',
    `permission denied: ${verb} USAGE ON DATASHARE ${c.share} needs a superuser, the owner or the SHARE privilege`,
  )
  const id = t.id
  if (t.kind === 'namespace' && !GUID.test(id))
    throw new RedshiftLocalError(
      'SQL',
      `invalid namespace identifier '${id}': expected a namespace GUID`,
      {
        sqlstate: '22023',
        statement: ctx.text,
      },
    )
  if (
    (t.kind === 'account' || t.account !== undefined) &&
    !/^\d{12}$/.test(t.kind === 'account' ? id : t.account!)
  )
    throw new RedshiftLocalError('SQL', 'invalid account id: expected 12 digits', {
      sqlstate: '22023',
      statement: ctx.text,
    })
  const account = t.kind === 'account' ? id : (t.account ?? s.rs.account)
  const namespace = t.kind === 'namespace' ? id : ''
  if (namespace === s.namespace.id)
    throw new RedshiftLocalError('SQL', 'a datashare cannot be granted to its own namespace', {
      sqlstate: '22023',
      statement: ctx.text,
    })
  if (c.revoke) {
    await s.catalog(
      'DELETE FROM rsl.datashare_consumer WHERE share_id = $1::int AND consumer_account = $2 AND consumer_namespace = $3',
      [String(share.id), account, namespace],
    )
  } else {
    await s.catalog(
      `INSERT INTO rsl.datashare_consumer (share_id, consumer_account, consumer_namespace, visible_at)
       VALUES ($1::int, $2, $3, now() + make_interval(secs => $4::float8 / 1000)) ON CONFLICT DO NOTHING`,
      [String(share.id), account, namespace, String(s.rs.inboundShareDelayMs)],
    )
  }
  catalogChanged(s)
  return commandResult(verb)
}

/** R-DS-10, R-DS-11, R-TX-1: CREATE DATABASE … FROM DATASHARE on the consumer. */
export async function createDatabaseFromShare(
  c: Cmd<'create-database'>,
  ctx: StatementContext,
): Promise<Result> {
  const s = ctx.session
  const from = c.fromShare!
  if (from.account !== undefined && from.account !== s.rs.account)
    throw notEmulated(
      'a datashare of another AWS account (the emulator models one account)',
      ctx.text,
    )
  if (from.namespace === undefined)
    throw ruleError(
      'R-DS-10',
      'CREATE DATABASE … FROM DATASHARE needs OF NAMESPACE within one account',
      ctx.text,
      '42601',
    )
  const r = await s.catalog(
    `SELECT sh.id, sh.name FROM rsl.datashare sh JOIN rsl.datashare_consumer c ON c.share_id = sh.id
     WHERE sh.namespace_id = $1 AND sh.name = $2 AND c.consumer_namespace = $3 AND c.visible_at <= clock_timestamp()`,
    [from.namespace, from.share, s.namespace.id],
  )
  const row = r.rows[0]
  if (!row)
    throw new RedshiftLocalError(
      'SQL',
      `datashare ${from.share} of namespace ${from.namespace} does not exist or is not shared with this namespace`,
      { sqlstate: '42704', statement: ctx.text },
    )
  const existing = await s.catalog(
    'SELECT name FROM rsl.database WHERE namespace_id = $1 AND share_id = $2::int',
    [s.namespace.id, String(row[0])],
  )
  if (existing.rows.length > 0)
    throw ruleError(
      'R-DS-11',
      `database "${existing.rows[0]![0]}" was already created from datashare ${from.share}: one consumer database per datashare`,
      ctx.text,
      '42P04',
    )
  await s.catalog(
    "INSERT INTO rsl.database (namespace_id, name, owner_id, kind, share_id, with_permissions) VALUES ($1, $2, $3::int, 'shared', $4::int, $5::boolean)",
    [s.namespace.id, c.name, String(s.user.id), String(row[0]), c.withPermissions ? 't' : 'f'],
  )
  catalogChanged(s)
  return commandResult('CREATE DATABASE')
}

export { pgArray }
