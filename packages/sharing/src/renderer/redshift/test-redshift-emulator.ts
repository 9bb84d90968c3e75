// biome-ignore-all lint/suspicious/noAssignInExpressions: a regex dispatch reads best as if ((m = …))
// A small emulator of Redshift's datashare system views for tests (excluded from the build).
//
// Every namespace is a schema of one PGlite database holding the SVV_* views as real tables;
// each namespace's client sets its search_path, so the state reader's SELECTs run for real.
// Datashare statements (which PostgreSQL does not know) are parsed here and turned into
// INSERT/UPDATE/DELETE on those tables, with Redshift's preconditions (schema before its
// tables, share visible before CREATE DATABASE …). A granted share becomes visible on the
// consumer only after `visibilityDelay` reads of SVV_DATASHARES there, like the minutes it
// takes on AWS. `handle(namespace, sql, params)` has the shape of a Data API fake's
// `intercept`, so the same emulator can sit behind `@redshift-playground/redshift-data/testing`.
import { PGlite } from '@electric-sql/pglite'
import { airlineModel, renderPostgresDdl } from '@redshift-playground/schema'
import { Kysely } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'

const ID = `"(?:[^"]|"")*"`
const LIT = `'(?:[^']|'')*'`
const unq = (s: string) => s.slice(1, -1).replaceAll('""', '"')
const unlit = (s: string) => s.slice(1, -1).replaceAll("''", "'")
const re = (pattern: string) => new RegExp(`^${pattern}$`, 's')
const splitQualified = (text: string) =>
  [...text.matchAll(new RegExp(ID, 'g'))].map((m) => unq(m[0]))

const VIEWS = `
CREATE TABLE svv_datashares (share_name text, share_type text, is_publicaccessible boolean, producer_namespace text, consumer_database text);
CREATE TABLE svv_datashare_objects (share_name text, share_type text, object_type text, object_name text, include_new boolean);
CREATE TABLE svv_datashare_consumers (share_name text, consumer_account text, consumer_namespace text);
CREATE TABLE svv_redshift_databases (database_name text, database_type text);
CREATE TABLE svv_database_privileges (database_name text, privilege_type text, identity_name text, identity_type text);
CREATE TABLE svv_masking_policy (policy_name text);
CREATE TABLE svv_attached_masking_policy (policy_name text, schema_name text, table_name text, grantee text);
CREATE TABLE svv_rls_policy (polname text);
CREATE TABLE svv_rls_attached_policy (policy_name text, schema_name text, relation_name text, grantee text);
`

/** Raised for what Redshift would refuse; `code` mimics an SQLSTATE. */
export class EmulatedRedshiftError extends Error {
  readonly code: string
  constructor(message: string, code = 'XX000') {
    super(message)
    this.code = code
  }
}

export interface RedshiftEmulator {
  readonly pg: PGlite
  /** Statements handled, per namespace, in order. */
  readonly log: { namespace: string; sql: string }[]
  /** Runs one statement as `namespace` (the Data API fake's `intercept` shape, plus the namespace). */
  handle(
    namespace: string,
    sql: string,
    params?: readonly unknown[],
  ): Promise<{ rows: Record<string, unknown>[]; affectedRows?: number }>
  /** A Kysely connected "to" one namespace. */
  // biome-ignore lint/suspicious/noExplicitAny: system views
  kysely(namespace: string): Kysely<any>
  /** Reads of SVV_DATASHARES on a consumer before a later grant becomes visible there. */
  visibilityDelay: number
}

const schemaOf = (ns: string) => `ns_${ns.replaceAll('-', '_')}`

export async function createRedshiftEmulator(options: {
  readonly producer: string
  readonly consumers: readonly string[]
  readonly visibilityDelay?: number
}): Promise<RedshiftEmulator> {
  const pg = new PGlite()
  // The producer's tables (information_schema.tables is read for "all tables").
  await pg.exec(renderPostgresDdl(airlineModel).script)
  for (const ns of [options.producer, ...options.consumers])
    await pg.exec(
      `CREATE SCHEMA ${schemaOf(ns)}; SET search_path = ${schemaOf(ns)}; ${VIEWS} RESET search_path;`,
    )
  const pending = new Map<string, number>() // `${consumer}|${share}` → reads left before visible
  const log: { namespace: string; sql: string }[] = []
  let queue = Promise.resolve()

  const inNs = async (ns: string, text: string, params: readonly unknown[] = []) => {
    await pg.query(`SET search_path = ${schemaOf(ns)}`)
    return pg.query<Record<string, unknown>>(text, [...params])
  }
  const one = async (ns: string, text: string, params: readonly unknown[]) =>
    (await inNs(ns, text, params)).rows

  async function datashare(ns: string, sql: string): Promise<boolean> {
    let m: RegExpMatchArray | null
    const share = async (name: string) => {
      const rows = await one(
        ns,
        "SELECT 1 FROM svv_datashares WHERE share_type = 'OUTBOUND' AND share_name = $1",
        [name],
      )
      if (rows.length === 0) throw new EmulatedRedshiftError(`Datashare ${name} does not exist`)
    }
    if ((m = sql.match(re(`CREATE DATASHARE (${ID})(?: SET PUBLICACCESSIBLE = (TRUE|FALSE))?`)))) {
      const name = unq(m[1]!)
      if ((await one(ns, 'SELECT 1 FROM svv_datashares WHERE share_name = $1', [name])).length)
        throw new EmulatedRedshiftError(`Datashare ${name} already exists`)
      await inNs(ns, "INSERT INTO svv_datashares VALUES ($1, 'OUTBOUND', $2, $3, NULL)", [
        name,
        m[2] === 'TRUE',
        ns,
      ])
      return true
    }
    if ((m = sql.match(re(`ALTER DATASHARE (${ID}) (.*)`)))) {
      const name = unq(m[1]!)
      await share(name)
      const rest = m[2]!
      let r: RegExpMatchArray | null
      if ((r = rest.match(re('SET PUBLICACCESSIBLE = (TRUE|FALSE)')))) {
        await inNs(
          ns,
          "UPDATE svv_datashares SET is_publicaccessible = $2 WHERE share_type = 'OUTBOUND' AND share_name = $1",
          [name, r[1] === 'TRUE'],
        )
      } else if ((r = rest.match(re(`ADD SCHEMA (${ID})`)))) {
        await inNs(
          ns,
          "INSERT INTO svv_datashare_objects VALUES ($1, 'OUTBOUND', 'schema', $2, false)",
          [name, unq(r[1]!)],
        )
      } else if ((r = rest.match(re(`REMOVE SCHEMA (${ID})`)))) {
        await inNs(
          ns,
          "DELETE FROM svv_datashare_objects WHERE share_name = $1 AND object_type = 'schema' AND object_name = $2",
          [name, unq(r[1]!)],
        )
      } else if ((r = rest.match(re(`ADD ALL TABLES IN SCHEMA (${ID})`)))) {
        const schema = unq(r[1]!)
        await requireSchema(ns, name, schema)
        const tables = (
          await pg.query<{ table_name: string }>(
            "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema = $1",
            [schema],
          )
        ).rows
        for (const t of tables) await addTable(ns, name, schema, t.table_name)
      } else if ((r = rest.match(re(`(ADD|REMOVE) TABLE (.*)`)))) {
        const parts = r[2]!.split(/,\s*/).map(splitQualified)
        for (const [schema, table] of parts as [string, string][]) {
          if (r[1] === 'ADD') {
            await requireSchema(ns, name, schema)
            await addTable(ns, name, schema, table)
          } else
            await inNs(
              ns,
              "DELETE FROM svv_datashare_objects WHERE share_name = $1 AND object_type = 'table' AND object_name = $2",
              [name, `${schema}.${table}`],
            )
        }
      } else if ((r = rest.match(re(`SET INCLUDENEW = (TRUE|FALSE) FOR SCHEMA (${ID})`)))) {
        await requireSchema(ns, name, unq(r[2]!))
        await inNs(
          ns,
          "UPDATE svv_datashare_objects SET include_new = $3 WHERE share_name = $1 AND object_type = 'schema' AND object_name = $2",
          [name, unq(r[2]!), r[1] === 'TRUE'],
        )
      } else
        throw new EmulatedRedshiftError(`emulator: unsupported ALTER DATASHARE: ${sql}`, '42601')
      return true
    }
    if ((m = sql.match(re(`GRANT USAGE ON DATASHARE (${ID}) TO NAMESPACE (${LIT})`)))) {
      const name = unq(m[1]!)
      const consumer = unlit(m[2]!)
      await share(name)
      if (!/^[0-9a-f-]{36}$/.test(consumer))
        throw new EmulatedRedshiftError(`invalid namespace ${consumer}`)
      await inNs(ns, "INSERT INTO svv_datashare_consumers VALUES ($1, '', $2)", [name, consumer])
      if (options.consumers.includes(consumer))
        pending.set(`${consumer}|${name}`, emulator.visibilityDelay)
      return true
    }
    if ((m = sql.match(re(`REVOKE USAGE ON DATASHARE (${ID}) FROM NAMESPACE (${LIT})`)))) {
      const name = unq(m[1]!)
      const consumer = unlit(m[2]!)
      await inNs(
        ns,
        'DELETE FROM svv_datashare_consumers WHERE share_name = $1 AND consumer_namespace = $2',
        [name, consumer],
      )
      pending.delete(`${consumer}|${name}`)
      if (options.consumers.includes(consumer))
        await inNs(
          consumer,
          "DELETE FROM svv_datashares WHERE share_type = 'INBOUND' AND share_name = $1",
          [name],
        )
      return true
    }
    if ((m = sql.match(re(`DROP DATASHARE (${ID})`)))) {
      const name = unq(m[1]!)
      await share(name)
      for (const t of ['svv_datashares', 'svv_datashare_objects', 'svv_datashare_consumers'])
        await inNs(ns, `DELETE FROM ${t} WHERE share_name = $1`, [name])
      for (const c of options.consumers)
        await inNs(
          c,
          "DELETE FROM svv_datashares WHERE share_type = 'INBOUND' AND share_name = $1",
          [name],
        )
      return true
    }
    if (
      (m = sql.match(
        re(
          `CREATE DATABASE (${ID})( WITH PERMISSIONS)? FROM DATASHARE (${ID}) OF NAMESPACE (${LIT})`,
        ),
      ))
    ) {
      const db = unq(m[1]!)
      const name = unq(m[3]!)
      const producer = unlit(m[4]!)
      const inbound = await one(
        ns,
        "SELECT 1 FROM svv_datashares WHERE share_type = 'INBOUND' AND share_name = $1 AND producer_namespace = $2",
        [name, producer],
      )
      if (inbound.length === 0)
        throw new EmulatedRedshiftError(
          `Datashare ${name} does not exist or is not visible to this namespace`,
        )
      if (
        (await one(ns, 'SELECT 1 FROM svv_redshift_databases WHERE database_name = $1', [db]))
          .length
      )
        throw new EmulatedRedshiftError(`database "${db}" already exists`, '42P04')
      await inNs(ns, "INSERT INTO svv_redshift_databases VALUES ($1, 'shared')", [db])
      await inNs(
        ns,
        "UPDATE svv_datashares SET consumer_database = $1 WHERE share_type = 'INBOUND' AND share_name = $2",
        [db, name],
      )
      return true
    }
    if ((m = sql.match(re(`DROP DATABASE (${ID})`)))) {
      const db = unq(m[1]!)
      await inNs(ns, 'DELETE FROM svv_redshift_databases WHERE database_name = $1', [db])
      await inNs(ns, 'DELETE FROM svv_database_privileges WHERE database_name = $1', [db])
      await inNs(
        ns,
        'UPDATE svv_datashares SET consumer_database = NULL WHERE consumer_database = $1',
        [db],
      )
      return true
    }
    if (
      (m = sql.match(
        re(`(GRANT|REVOKE) USAGE ON DATABASE (${ID}) (?:TO|FROM) (ROLE |GROUP )?(${ID})`),
      ))
    ) {
      const db = unq(m[2]!)
      const kind = (m[3]?.trim().toLowerCase() ?? 'user') || 'user'
      if (
        (await one(ns, 'SELECT 1 FROM svv_redshift_databases WHERE database_name = $1', [db]))
          .length === 0
      )
        throw new EmulatedRedshiftError(`database "${db}" does not exist`, '3D000')
      if (m[1] === 'GRANT')
        await inNs(ns, "INSERT INTO svv_database_privileges VALUES ($1, 'USAGE', $2, $3)", [
          db,
          unq(m[4]!),
          kind,
        ])
      else
        await inNs(
          ns,
          'DELETE FROM svv_database_privileges WHERE database_name = $1 AND identity_name = $2 AND identity_type = $3',
          [db, unq(m[4]!), kind],
        )
      return true
    }
    if (
      sql.match(
        re(
          `(GRANT|REVOKE) (USAGE ON SCHEMA|SELECT ON ALL TABLES IN SCHEMA) ${ID}\\.${ID} (TO|FROM) (ROLE |GROUP )?${ID}`,
        ),
      )
    )
      return true
    if ((m = sql.match(re(`CREATE (MASKING|RLS) POLICY (${ID}) WITH \\(.*\\) USING \\(.*\\)`)))) {
      await inNs(
        ns,
        m[1] === 'MASKING'
          ? 'INSERT INTO svv_masking_policy VALUES ($1)'
          : 'INSERT INTO svv_rls_policy VALUES ($1)',
        [unq(m[2]!)],
      )
      return true
    }
    if (
      (m = sql.match(
        re(
          `ATTACH (MASKING|RLS) POLICY (${ID}) ON (${ID}\\.${ID}\\.${ID})(?: \\(.*\\))? TO PUBLIC`,
        ),
      ))
    ) {
      const [, schema, table] = splitQualified(m[3]!) as [string, string, string]
      const policy = unq(m[2]!)
      const exists = await one(
        ns,
        m[1] === 'MASKING'
          ? 'SELECT 1 FROM svv_masking_policy WHERE policy_name = $1'
          : 'SELECT 1 FROM svv_rls_policy WHERE polname = $1',
        [policy],
      )
      if (exists.length === 0) throw new EmulatedRedshiftError(`policy ${policy} does not exist`)
      await inNs(
        ns,
        m[1] === 'MASKING'
          ? "INSERT INTO svv_attached_masking_policy VALUES ($1, $2, $3, 'public')"
          : "INSERT INTO svv_rls_attached_policy VALUES ($1, $2, $3, 'public')",
        [policy, schema, table],
      )
      return true
    }
    if ((m = sql.match(re(`DROP (MASKING|RLS) POLICY (${ID}) CASCADE`)))) {
      const policy = unq(m[2]!)
      if (m[1] === 'MASKING') {
        await inNs(ns, 'DELETE FROM svv_masking_policy WHERE policy_name = $1', [policy])
        await inNs(ns, 'DELETE FROM svv_attached_masking_policy WHERE policy_name = $1', [policy])
      } else {
        await inNs(ns, 'DELETE FROM svv_rls_policy WHERE polname = $1', [policy])
        await inNs(ns, 'DELETE FROM svv_rls_attached_policy WHERE policy_name = $1', [policy])
      }
      return true
    }
    if (/^(CREATE|ALTER|DROP|GRANT|REVOKE|ATTACH|DETACH)\b/i.test(sql))
      throw new EmulatedRedshiftError(`emulator: unsupported statement: ${sql}`, '42601')
    return false
  }

  async function requireSchema(ns: string, share: string, schema: string) {
    const rows = await one(
      ns,
      "SELECT 1 FROM svv_datashare_objects WHERE share_name = $1 AND object_type = 'schema' AND object_name = $2",
      [share, schema],
    )
    if (rows.length === 0)
      throw new EmulatedRedshiftError(
        `schema "${schema}" is not in datashare ${share}; add the schema first`,
      )
  }
  async function addTable(ns: string, share: string, schema: string, table: string) {
    const exists = await pg.query(
      'SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2',
      [schema, table],
    )
    if (exists.rows.length === 0)
      throw new EmulatedRedshiftError(`relation "${schema}.${table}" does not exist`, '42P01')
    const dup = await one(
      ns,
      "SELECT 1 FROM svv_datashare_objects WHERE share_name = $1 AND object_type = 'table' AND object_name = $2",
      [share, `${schema}.${table}`],
    )
    if (dup.length)
      throw new EmulatedRedshiftError(`table ${schema}.${table} is already in datashare ${share}`)
    await inNs(ns, "INSERT INTO svv_datashare_objects VALUES ($1, 'OUTBOUND', 'table', $2, NULL)", [
      share,
      `${schema}.${table}`,
    ])
  }

  async function tickVisibility(ns: string) {
    for (const [key, left] of pending) {
      const [consumer, share] = key.split('|') as [string, string]
      if (consumer !== ns) continue
      if (left > 0) pending.set(key, left - 1)
      else {
        pending.delete(key)
        await inNs(ns, "INSERT INTO svv_datashares VALUES ($1, 'INBOUND', false, $2, NULL)", [
          share,
          options.producer,
        ])
      }
    }
  }

  async function handle(namespace: string, sql: string, params: readonly unknown[] = []) {
    const run = async () => {
      log.push({ namespace, sql })
      if (/\bsvv_datashares\b/.test(sql) && /^SELECT/i.test(sql)) await tickVisibility(namespace)
      if (await datashare(namespace, sql.trim())) return { rows: [] as Record<string, unknown>[] }
      const r = await inNs(namespace, sql, params)
      return { rows: r.rows, ...(r.affectedRows ? { affectedRows: r.affectedRows } : {}) }
    }
    // One statement at a time: the search_path of the shared PGlite is per namespace.
    const result = queue.then(run)
    queue = result.then(
      () => undefined,
      () => undefined,
    )
    return result
  }

  const emulator: RedshiftEmulator = {
    visibilityDelay: options.visibilityDelay ?? 0,
    pg,
    log,
    handle,
    kysely: (namespace) =>
      new Kysely({
        dialect: new PGliteDialect({
          query: (text: string, params: unknown[]) => handle(namespace, text, params),
        } as unknown as PGlite),
      }),
  }
  return emulator
}
