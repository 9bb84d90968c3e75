import type { PGlite } from '@electric-sql/pglite'
import type pg from 'pg'

/** One role of the PGlite database (not the bootstrap superuser, not a built-in `pg_*`). */
interface RoleRow {
  readonly rolname: string
  readonly rolsuper: boolean
  readonly rolinherit: boolean
  readonly rolcreaterole: boolean
  readonly rolcreatedb: boolean
  readonly rolcanlogin: boolean
  readonly rolreplication: boolean
  readonly rolbypassrls: boolean
  readonly rolconnlimit: number
  readonly rolvaliduntil: string | null
  readonly comment: string | null
}

interface MembershipRow {
  readonly role: string
  readonly member: string
  readonly admin_option: boolean
  readonly inherit_option: boolean
  readonly set_option: boolean
}

interface SettingRow {
  readonly role: string | null
  readonly database: string | null
  readonly setconfig: readonly string[]
}

/**
 * What `rsp local serve` copies out of a PGlite database: everything pg_dump would (the
 * schema, through pglite-tools' WASM pg_dump, so views, policies, grants, default privileges
 * and comments come out as PostgreSQL writes them), plus what pg_dumpall adds (roles, role
 * memberships, role and database settings), with the rows taken by PGlite's own COPY (fast;
 * WASM pg_dump's INSERT statements were ~20× slower).
 */
export interface PgliteSnapshot {
  readonly roles: readonly RoleRow[]
  readonly memberships: readonly MembershipRow[]
  readonly settings: readonly SettingRow[]
  readonly schemaSql: string
  /** Qualified, quoted table name → the file its COPY text was written to (none when empty). */
  readonly tables: readonly { readonly name: string; readonly file: string | undefined }[]
  readonly sequences: readonly {
    readonly name: string
    readonly value: string
    readonly called: boolean
  }[]
  readonly materializedViews: readonly string[]
}

/** What the served copy holds. */
export interface ServedCopy {
  /** The roles copied (each may log in to the served copy). */
  readonly roles: readonly string[]
  /** Those with role-level settings (consumers: a search_path to their masking views). */
  readonly configuredRoles: readonly string[]
  readonly tables: number
  readonly rows: number
  /** Settings the server refused (skipped, printed by the caller). */
  readonly warnings: readonly string[]
}

const USER_RELATIONS = `
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
    AND c.relpersistence <> 't'`

/**
 * Reads everything the served copy needs out of an open PGlite database. Table rows go to
 * files through `write` as they come out, so only one table is in memory at a time.
 */
export async function snapshotPglite(
  db: PGlite,
  write: (name: string, data: Uint8Array) => string,
): Promise<PgliteSnapshot> {
  // Loading WASM pg_dump takes a while: start it now, use it last.
  const dumper = import('@electric-sql/pglite-tools/pg_dump')
  dumper.catch(() => undefined)
  const roles = (
    await db.query<RoleRow>(`
      SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin,
             rolreplication, rolbypassrls, rolconnlimit, rolvaliduntil::text AS rolvaliduntil,
             shobj_description(oid, 'pg_authid') AS comment
      FROM pg_roles WHERE oid >= 16384 ORDER BY oid`)
  ).rows
  const memberships = (
    await db.query<MembershipRow>(`
      SELECT r.rolname AS role, m.rolname AS member, a.admin_option, a.inherit_option, a.set_option
      FROM pg_auth_members a
      JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
      WHERE a.member >= 16384 ORDER BY a.oid`)
  ).rows
  const settings = (
    await db.query<SettingRow>(`
      SELECT r.rolname AS role, d.datname AS database, s.setconfig
      FROM pg_db_role_setting s
      LEFT JOIN pg_roles r ON r.oid = s.setrole
      LEFT JOIN pg_database d ON d.oid = s.setdatabase
      WHERE (s.setrole = 0 OR s.setrole >= 16384)
        AND (s.setdatabase = 0 OR d.datname = current_database())`)
  ).rows
  const names = async (kinds: string, extra = '') =>
    (
      await db.query<{ name: string }>(
        `SELECT format('%I.%I', n.nspname, c.relname) AS name ${USER_RELATIONS} AND c.relkind IN (${kinds}) ${extra} ORDER BY c.oid`,
      )
    ).rows.map((r) => r.name)

  const tables: { name: string; file: string | undefined }[] = []
  let i = 0
  for (const name of await names(`'r'`)) {
    const [result] = await db.exec(`COPY ${name} TO '/dev/blob'`)
    const blob = result?.blob
    tables.push({
      name,
      file:
        blob && blob.size > 0
          ? write(`${i++}.copy`, new Uint8Array(await blob.arrayBuffer()))
          : undefined,
    })
  }
  const sequences: { name: string; value: string; called: boolean }[] = []
  for (const name of await names(`'S'`)) {
    const r = await db.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text AS last_value, is_called FROM ${name}`,
    )
    const row = r.rows[0]
    if (row) sequences.push({ name, value: row.last_value, called: row.is_called })
  }
  const materializedViews = await names(`'m'`, 'AND c.relispopulated')

  // Last: pg_dump leaves its own session settings (search_path '') behind.
  const { pgDump } = await dumper
  const dump = await pgDump({
    pg: db,
    args: ['--schema-only', '--no-publications', '--no-subscriptions'],
  })
  // psql meta-commands (\restrict in newer pg_dumps) are not SQL.
  const schemaSql = (await dump.text())
    .split('\n')
    .filter((l) => !l.startsWith('\\'))
    .join('\n')
  return { roles, memberships, settings, schemaSql, tables, sequences, materializedViews }
}

const ident = (s: string) => `"${s.replaceAll('"', '""')}"`
const literal = (s: string) => `'${s.replaceAll("'", "''")}'`

/**
 * Restores a snapshot into an empty server, as its superuser: roles, memberships, the
 * schema, the rows (COPY from the files, triggers and foreign keys off as pg_restore does),
 * sequence values, materialized views, settings; then ANALYZE.
 */
export async function restoreSnapshot(client: pg.Client, s: PgliteSnapshot): Promise<ServedCopy> {
  const warnings: string[] = []
  const roleSql: string[] = []
  for (const r of s.roles) {
    const flags = [
      r.rolsuper ? 'SUPERUSER' : 'NOSUPERUSER',
      r.rolinherit ? 'INHERIT' : 'NOINHERIT',
      r.rolcreaterole ? 'CREATEROLE' : 'NOCREATEROLE',
      r.rolcreatedb ? 'CREATEDB' : 'NOCREATEDB',
      r.rolreplication ? 'REPLICATION' : 'NOREPLICATION',
      r.rolbypassrls ? 'BYPASSRLS' : 'NOBYPASSRLS',
      `CONNECTION LIMIT ${Number(r.rolconnlimit)}`,
      ...(r.rolvaliduntil ? [`VALID UNTIL ${literal(r.rolvaliduntil)}`] : []),
      // Every role may log in to the served copy, so a consumer connects as itself and its
      // role settings (search_path to its masking views) apply; in PGlite they are NOLOGIN.
      'LOGIN',
    ]
    roleSql.push(`CREATE ROLE ${ident(r.rolname)} WITH ${flags.join(' ')};`)
    if (r.comment !== null)
      roleSql.push(`COMMENT ON ROLE ${ident(r.rolname)} IS ${literal(r.comment)};`)
  }
  for (const m of s.memberships) {
    roleSql.push(
      `GRANT ${ident(m.role)} TO ${ident(m.member)} WITH ADMIN ${m.admin_option}, INHERIT ${m.inherit_option}, SET ${m.set_option};`,
    )
  }
  if (roleSql.length > 0) await client.query(roleSql.join('\n'))

  await client.query(s.schemaSql)
  await client.query('RESET ALL')

  let rows = 0
  await client.query('SET session_replication_role = replica')
  for (const t of s.tables) {
    if (!t.file) continue
    const r = await client.query(`COPY ${t.name} FROM ${literal(t.file)}`)
    rows += r.rowCount ?? 0
  }
  await client.query('RESET session_replication_role')
  for (const q of s.sequences)
    await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [q.name, q.value, q.called])
  for (const v of s.materializedViews) await client.query(`REFRESH MATERIALIZED VIEW ${v}`)

  for (const row of s.settings) {
    const target = row.role
      ? `ROLE ${ident(row.role)}${row.database ? ` IN DATABASE ${ident(row.database)}` : ''}`
      : row.database
        ? `DATABASE ${ident(row.database)}`
        : undefined
    if (!target) continue
    for (const entry of row.setconfig) {
      const at = entry.indexOf('=')
      const name = entry.slice(0, at)
      const value = entry.slice(at + 1)
      // set_config takes the stored text as it is (list settings such as search_path keep
      // their quoting); FROM CURRENT then stores exactly that.
      try {
        await client.query('BEGIN')
        await client.query('SELECT set_config($1, $2, true)', [name, value])
        await client.query(`ALTER ${target} SET ${ident(name)} FROM CURRENT`)
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined)
        warnings.push(`ALTER ${target} SET ${name} = ${value}: ${(error as Error).message}`)
      }
    }
  }
  await client.query('ANALYZE')
  return {
    roles: s.roles.map((r) => r.rolname),
    configuredRoles: [...new Set(s.settings.flatMap((r) => (r.role ? [r.role] : [])))],
    tables: s.tables.length,
    rows,
    warnings,
  }
}
