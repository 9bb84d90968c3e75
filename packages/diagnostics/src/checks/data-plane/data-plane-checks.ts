import { quoteQualified } from '@redshift-playground/schema'
import { type Kysely, sql } from 'kysely'
import type { Check, CheckContext, Finding } from '../../check/check.js'
import { errorEvidence, findings } from '../../check/finding.js'
import { remediations } from '../../facts/remediations.js'
import type { DataPlaneInput, ExpectedConsumer } from './data-plane-input.js'

// biome-ignore lint/suspicious/noExplicitAny: any database
type Db = Kysely<any>

function input(ctx: CheckContext): DataPlaneInput | readonly Finding[] {
  if (!ctx.dataPlane)
    return [
      findings.skip(
        'no data-plane input given',
        'Pass `dataPlane` ({ target, producer, consumers, datashare }).',
      ),
    ]
  return ctx.dataPlane
}
const isInput = (x: DataPlaneInput | readonly Finding[]): x is DataPlaneInput => !Array.isArray(x)

/** `schema.table` on the producer; `database.schema.table` on a Redshift consumer with a datashare database. */
function tableRef(dp: DataPlaneInput, table: string, consumer?: ExpectedConsumer) {
  const parts =
    consumer && dp.target === 'redshift' && consumer.database
      ? [consumer.database, dp.datashare.schema, table]
      : [dp.datashare.schema, table]
  return sql.raw(quoteQualified(...parts))
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** Each consumer with its session, or a skip finding for those without one. */
function sessions(dp: DataPlaneInput, out: Finding[]): { consumer: ExpectedConsumer; db: Db }[] {
  const list: { consumer: ExpectedConsumer; db: Db }[] = []
  for (const consumer of dp.datashare.consumers) {
    const db = dp.consumers[consumer.name]
    if (db) list.push({ consumer, db })
    else
      out.push(
        findings.skip(
          `no session for consumer ${consumer.name}`,
          `Pass dataPlane.consumers[${JSON.stringify(consumer.name)}].`,
          consumer.name,
        ),
      )
  }
  return list
}

const shareRemedy = (dp: DataPlaneInput, consumer: string) =>
  remediations.datashareNotVisible(dp.datashare.name, consumer)

/** Producer side: the datashare exists with the expected objects and consumers. */
export const datashareCheck: Check = Object.freeze({
  id: 'data-plane/datashare',
  title: 'Datashare exists with the expected objects and consumers',
  group: 'data-plane' as const,
  async run(ctx: CheckContext): Promise<readonly Finding[]> {
    const dp = input(ctx)
    if (!isInput(dp)) return dp
    return dp.target === 'redshift' ? redshiftDatashare(dp) : postgresDatashare(dp)
  },
})

async function redshiftDatashare(dp: DataPlaneInput): Promise<Finding[]> {
  const share = dp.datashare
  const out: Finding[] = []
  const shares = await sql<{ share_name: string; is_publicaccessible: boolean | string }>`
    select share_name, is_publicaccessible from svv_datashares
    where share_name = ${share.name} and share_type = 'OUTBOUND'`.execute(dp.producer)
  const row = shares.rows[0]
  if (!row) {
    return [
      findings.fail(
        `datashare ${share.name} does not exist on the producer`,
        { datashare: share.name },
        `Create it and grant the consumers: run "rsp share". ${shareRemedy(dp, 'any consumer')}`,
        share.name,
      ),
    ]
  }
  const isPublic =
    row.is_publicaccessible === true ||
    row.is_publicaccessible === 'true' ||
    row.is_publicaccessible === 't'
  if (share.publicAccessible === true && !isPublic)
    out.push(
      findings.fail(
        `datashare ${share.name} is not publicly accessible but a consumer is public`,
        { datashare: share.name, isPublicAccessible: isPublic },
        remediations.publicConsumer(share.name),
        share.name,
      ),
    )
  const objects = await sql<{ object_type: string; object_name: string }>`
    select object_type, object_name from svv_datashare_objects
    where share_name = ${share.name} and share_type = 'OUTBOUND'`.execute(dp.producer)
  // SVV_DATASHARE_OBJECTS names views by their kind ('view', 'late binding view', 'materialized
  // view'); ALTER DATASHARE … ADD TABLE adds any of them (R-DS-3), so all count as tables here.
  const kind = (t: string) => {
    const k = t.trim().toLowerCase()
    return k.endsWith('view') ? 'table' : k
  }
  const have = new Set(objects.rows.map((o) => `${kind(o.object_type)}:${o.object_name.trim()}`))
  const wanted = [
    `schema:${share.schema}`,
    ...share.tables.map((t) => `table:${share.schema}.${t}`),
  ]
  const missing = wanted.filter((w) => !have.has(w))
  for (const m of missing) {
    const [type, name] = m.split(':') as [string, string]
    out.push(
      findings.fail(
        `datashare ${share.name} lacks ${type} ${name}`,
        { datashare: share.name, objectType: type, objectName: name },
        `Add it: run "rsp share" (ALTER DATASHARE ... ADD ${type.toUpperCase()} ...).`,
        name,
      ),
    )
  }
  const consumers = await sql<{ consumer_namespace: string }>`
    select consumer_namespace from svv_datashare_consumers where share_name = ${share.name}`.execute(
    dp.producer,
  )
  const granted = new Set(consumers.rows.map((c) => c.consumer_namespace))
  for (const c of share.consumers) {
    if (c.namespaceId && !granted.has(c.namespaceId))
      out.push(
        findings.fail(
          `datashare ${share.name} is not granted to consumer ${c.name} (${c.namespaceId})`,
          {
            datashare: share.name,
            consumer: c.name,
            namespaceId: c.namespaceId,
            granted: [...granted],
          },
          shareRemedy(dp, c.name),
          c.name,
        ),
      )
  }
  if (out.length === 0)
    out.push(
      findings.ok(
        `datashare ${share.name} shares ${share.tables.length} table(s) with ${share.consumers.length} consumer(s)`,
        { datashare: share.name, objects: wanted, consumers: [...granted] },
        share.name,
      ),
    )
  return out
}

async function postgresDatashare(dp: DataPlaneInput): Promise<Finding[]> {
  // Locally the "datashare" is the consumer roles' read-only grants on the shared schema.
  const share = dp.datashare
  const out: Finding[] = []
  const schema = await sql<{ n: number | string }>`
    select count(*) as n from pg_catalog.pg_namespace where nspname = ${share.schema}`.execute(
    dp.producer,
  )
  if (Number(schema.rows[0]?.n ?? 0) === 0)
    return [
      findings.fail(
        `schema ${share.schema} does not exist`,
        { schema: share.schema },
        'Load the schema first ("rsp load" or "rsp demo"), then "rsp share".',
        share.schema,
      ),
    ]
  const tables = await sql<{ relname: string }>`
    select c.relname from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${share.schema} and c.relkind in ('r', 'p', 'v', 'm')`.execute(dp.producer)
  const existing = new Set(tables.rows.map((r) => r.relname))
  for (const t of share.tables)
    if (!existing.has(t))
      out.push(
        findings.fail(
          `shared table ${share.schema}.${t} does not exist`,
          { schema: share.schema, table: t },
          `Recreate it ("rsp load" applies the schema migrations) and re-run "rsp share".`,
          `${share.schema}.${t}`,
        ),
      )
  const roles = share.consumers.map((c) => c.role).filter((r): r is string => typeof r === 'string')
  const found = await sql<{ rolname: string }>`
    select rolname from pg_catalog.pg_roles where rolname = any(${roles})`.execute(dp.producer)
  const haveRoles = new Set(found.rows.map((r) => r.rolname))
  for (const c of share.consumers) {
    if (!c.role) {
      out.push(
        findings.fail(
          `consumer ${c.name} has no role in the datashare description`,
          { consumer: c.name },
          'Give every consumer its role (dataPlane.datashare.consumers[].role) for the local target.',
          c.name,
        ),
      )
      continue
    }
    if (!haveRoles.has(c.role)) {
      out.push(
        findings.fail(
          `role ${c.role} of consumer ${c.name} does not exist`,
          { consumer: c.name, role: c.role },
          shareRemedy(dp, c.name),
          c.name,
        ),
      )
      continue
    }
    const present = share.tables.filter((t) => existing.has(t))
    const grants = await sql<{ relname: string; can_select: boolean; usage: boolean }>`
      select t.relname,
             has_any_column_privilege(${c.role}, format('%I.%I', ${share.schema}::text, t.relname), 'SELECT') as can_select,
             has_schema_privilege(${c.role}, ${share.schema}, 'USAGE') as usage
      from unnest(${present}::text[]) as t(relname)`.execute(dp.producer)
    const noUsage = grants.rows.length > 0 && grants.rows.every((g) => !g.usage)
    const noSelect = grants.rows.filter((g) => !g.can_select).map((g) => g.relname)
    if (noUsage)
      out.push(
        findings.fail(
          `role ${c.role} lacks USAGE on schema ${share.schema}`,
          { consumer: c.name, role: c.role, schema: share.schema },
          shareRemedy(dp, c.name),
          c.name,
        ),
      )
    if (noSelect.length > 0)
      out.push(
        findings.fail(
          `role ${c.role} lacks SELECT on ${noSelect.map((t) => `${share.schema}.${t}`).join(', ')}`,
          { consumer: c.name, role: c.role, tables: noSelect },
          shareRemedy(dp, c.name),
          c.name,
        ),
      )
  }
  if (out.length === 0)
    out.push(
      findings.ok(
        `schema ${share.schema}: ${share.tables.length} table(s) granted to ${share.consumers.length} consumer role(s)`,
        { schema: share.schema, tables: [...share.tables], roles },
        share.name,
      ),
    )
  return out
}

/** Consumer side: the datashare is visible (Redshift: a database FROM DATASHARE; local: the session runs as the consumer role). */
export const consumerDatabaseCheck: Check = Object.freeze({
  id: 'data-plane/consumer-database',
  title: 'Each consumer sees the datashare',
  group: 'data-plane' as const,
  async run(ctx: CheckContext): Promise<readonly Finding[]> {
    const dp = input(ctx)
    if (!isInput(dp)) return dp
    const out: Finding[] = []
    for (const { consumer: c, db } of sessions(dp, out)) {
      if (dp.target === 'redshift') {
        const r = await sql<{ consumer_database: string | null }>`
          select consumer_database from svv_datashares
          where share_name = ${dp.datashare.name} and share_type = 'INBOUND'`.execute(db)
        const row = r.rows[0]
        const ev = {
          consumer: c.name,
          datashare: dp.datashare.name,
          database: row?.consumer_database ?? null,
          expected: c.database ?? null,
        }
        if (!row)
          out.push(
            findings.fail(
              `consumer ${c.name} does not see datashare ${dp.datashare.name}`,
              ev,
              shareRemedy(dp, c.name),
              c.name,
            ),
          )
        else if (!row.consumer_database)
          out.push(
            findings.fail(
              `consumer ${c.name} sees datashare ${dp.datashare.name} but has no database from it`,
              ev,
              `On the consumer: CREATE DATABASE ${c.database ?? '<name>'} FROM DATASHARE ${dp.datashare.name} OF NAMESPACE '<producer guid>'; ("rsp share" does it).`,
              c.name,
            ),
          )
        else if (c.database && row.consumer_database !== c.database)
          out.push(
            findings.warn(
              `consumer ${c.name} mounted the datashare as ${row.consumer_database}, expected ${c.database}`,
              ev,
              'Align dataPlane.datashare.consumers[].database with the consumer, or re-run "rsp share".',
              c.name,
            ),
          )
        else
          out.push(
            findings.ok(
              `consumer ${c.name} mounts datashare ${dp.datashare.name} as ${row.consumer_database}`,
              ev,
              c.name,
            ),
          )
      } else {
        const r = await sql<{ role: string; usage: boolean }>`
          select current_user as role, has_schema_privilege(current_user, ${dp.datashare.schema}, 'USAGE') as usage`.execute(
          db,
        )
        const row = r.rows[0]
        const ev = {
          consumer: c.name,
          sessionRole: row?.role ?? null,
          expectedRole: c.role ?? null,
          usage: row?.usage ?? false,
        }
        if (!row || (c.role && row.role !== c.role))
          out.push(
            findings.fail(
              `consumer ${c.name}'s session runs as ${row?.role ?? '?'}, not as role ${c.role}`,
              ev,
              'Give the consumer a session that runs as its role (RoleSessions.dialect(role)); otherwise the checks test the wrong privileges.',
              c.name,
            ),
          )
        else if (!row.usage)
          out.push(
            findings.fail(
              `consumer ${c.name} (role ${row.role}) cannot use schema ${dp.datashare.schema}`,
              ev,
              shareRemedy(dp, c.name),
              c.name,
            ),
          )
        else
          out.push(
            findings.ok(
              `consumer ${c.name} runs as ${row.role} and can use schema ${dp.datashare.schema}`,
              ev,
              c.name,
            ),
          )
      }
    }
    return out
  },
})

/** Each consumer can read a row from every shared table. */
export const consumerReadCheck: Check = Object.freeze({
  id: 'data-plane/consumer-read',
  title: 'Each consumer can read every shared table',
  group: 'data-plane' as const,
  async run(ctx: CheckContext): Promise<readonly Finding[]> {
    const dp = input(ctx)
    if (!isInput(dp)) return dp
    const out: Finding[] = []
    for (const { consumer: c, db } of sessions(dp, out)) {
      const failed: { table: string; error: string }[] = []
      for (const t of dp.datashare.tables) {
        try {
          // `select 1` needs SELECT on the table or on any column: masked PII tables are
          // shared with column grants only, and that still counts as readable.
          await sql`select 1 as one from ${tableRef(dp, t, c)} limit 1`.execute(db)
        } catch (e) {
          failed.push({ table: t, error: message(e) })
        }
      }
      const ev = { consumer: c.name, tables: dp.datashare.tables.length, failed }
      out.push(
        failed.length > 0
          ? findings.fail(
              `consumer ${c.name} cannot read ${failed.map((f) => f.table).join(', ')}: ${failed[0]?.error}`,
              ev,
              shareRemedy(dp, c.name),
              c.name,
            )
          : findings.ok(
              `consumer ${c.name} reads all ${dp.datashare.tables.length} shared table(s)`,
              ev,
              c.name,
            ),
      )
    }
    return out
  },
})

class Rollback extends Error {}

// What a refused write looks like on PostgreSQL (SQLSTATE 42501) and Redshift (datashare objects are read-only).
const REFUSED =
  /permission denied|insufficient privilege|not authorized|read[- ]only|not supported|cannot (?:insert|delete|write|modify)|42501/i

/** A consumer cannot write to the shared tables (probed with zero-row writes in a transaction that is always rolled back). */
export const consumerReadOnlyCheck: Check = Object.freeze({
  id: 'data-plane/consumer-read-only',
  title: 'Consumers cannot write to shared tables',
  group: 'data-plane' as const,
  async run(ctx: CheckContext): Promise<readonly Finding[]> {
    const dp = input(ctx)
    if (!isInput(dp)) return dp
    const out: Finding[] = []
    for (const { consumer: c, db } of sessions(dp, out)) {
      const writable: string[] = []
      const unclear: { table: string; error: string }[] = []
      for (const t of dp.datashare.tables) {
        const ref = tableRef(dp, t, c)
        // Privileges are checked before any row is touched, and the transaction is rolled
        // back whatever happens. On Redshift the INSERT selects zero rows, so even a wrongly
        // granted write changes nothing should the rollback not happen. Locally (where the
        // rollback is certain) INSERT uses DEFAULT VALUES, because INSERT … SELECT * would be
        // refused for lack of SELECT on masked columns and hide an INSERT grant.
        const probes = [
          {
            verb: 'INSERT',
            query:
              dp.target === 'postgres'
                ? sql`insert into ${ref} default values`
                : sql`insert into ${ref} select * from ${ref} where 1 = 0`,
          },
          { verb: 'DELETE', query: sql`delete from ${ref} where 1 = 0` },
        ]
        for (const { verb, query } of probes) {
          try {
            await db.transaction().execute(async (trx) => {
              await query.execute(trx)
              throw new Rollback()
            })
          } catch (e) {
            const code = String((e as { code?: unknown }).code ?? '')
            // Success, or a constraint violation (SQLSTATE class 23: the privilege check passed).
            if (e instanceof Rollback || code.startsWith('23')) writable.push(`${t} (${verb})`)
            else if (!REFUSED.test(message(e)) && !REFUSED.test(code))
              unclear.push({ table: t, error: message(e) })
          }
        }
      }
      const ev = { consumer: c.name, writable, unclear }
      if (writable.length > 0)
        out.push(
          findings.fail(
            `consumer ${c.name} can write to ${writable.join(', ')}`,
            ev,
            `Consumers must be read-only: revoke the write privileges (REVOKE INSERT, UPDATE, DELETE ON ... FROM ${c.role ?? c.name}; on Redshift remove write permissions on the datashare) and re-run "rsp share".`,
            c.name,
          ),
        )
      else if (unclear.length > 0)
        out.push(
          findings.warn(
            `consumer ${c.name}: write probes failed for another reason than a refusal (${unclear[0]?.error})`,
            ev,
            'Check the error: the table may be missing (see data-plane/datashare); read-only access could not be confirmed.',
            c.name,
          ),
        )
      else
        out.push(
          findings.ok(
            `consumer ${c.name} is refused writes on all ${dp.datashare.tables.length} shared table(s)`,
            ev,
            c.name,
          ),
        )
    }
    return out
  },
})

/** Row counts match between the producer and each consumer, per table. */
export const rowParityCheck: Check = Object.freeze({
  id: 'data-plane/row-parity',
  title: 'Row counts match between producer and consumers',
  group: 'data-plane' as const,
  async run(ctx: CheckContext): Promise<readonly Finding[]> {
    const dp = input(ctx)
    if (!isInput(dp)) return dp
    const out: Finding[] = []
    const produced = new Map<string, number>()
    for (const t of dp.datashare.tables) {
      try {
        const r = await sql<{
          n: number | string
        }>`select count(*) as n from ${tableRef(dp, t)}`.execute(dp.producer)
        produced.set(t, Number(r.rows[0]?.n ?? 0))
      } catch (e) {
        out.push(
          findings.skip(
            `producer cannot count ${dp.datashare.schema}.${t}: ${message(e)} (see data-plane/datashare)`,
            '',
            t,
          ),
        )
      }
    }
    for (const { consumer: c, db } of sessions(dp, out)) {
      const mismatches: { table: string; producer: number; consumer: number }[] = []
      const filtered: string[] = []
      const unreadable: string[] = []
      for (const [t, n] of produced) {
        try {
          const r = await sql<{
            n: number | string
          }>`select count(*) as n from ${tableRef(dp, t, c)}`.execute(db)
          const m = Number(r.rows[0]?.n ?? 0)
          if (m === n) continue
          if (c.filteredTables?.includes(t)) filtered.push(t)
          else mismatches.push({ table: t, producer: n, consumer: m })
        } catch {
          unreadable.push(t)
        }
      }
      const ev = { consumer: c.name, tables: produced.size, mismatches, filtered, unreadable }
      if (mismatches.length > 0)
        out.push(
          findings.fail(
            `consumer ${c.name} sees different row counts: ${mismatches.map((m) => `${m.table} ${m.consumer} vs ${m.producer}`).join(', ')}`,
            ev,
            `A datashare is a live view of the producer's storage, so counts must match. ${shareRemedy(dp, c.name)} If a row-level security policy filters these tables, list them in filteredTables.`,
            c.name,
          ),
        )
      else if (unreadable.length === produced.size && produced.size > 0)
        out.push(
          findings.skip(
            `consumer ${c.name} cannot read the shared tables (see data-plane/consumer-read)`,
            '',
            c.name,
          ),
        )
      else
        out.push(
          findings.ok(
            `consumer ${c.name} matches the producer's row counts on ${produced.size - unreadable.length} table(s)`,
            ev,
            c.name,
          ),
        )
    }
    return out
  },
})

/** Through the NLB, new connections land on every consumer (current_namespace spreads). */
export const nlbSpreadCheck: Check = Object.freeze({
  id: 'data-plane/nlb-spread',
  title: 'NLB connections spread across all consumers',
  group: 'data-plane' as const,
  async run(ctx: CheckContext): Promise<readonly Finding[]> {
    const dp = input(ctx)
    if (!isInput(dp)) return dp
    if (!dp.nlb)
      return [
        findings.skip(
          'no NLB probe given',
          'Pass dataPlane.nlb.connect (a new wire-protocol connection through the NLB each call).',
        ),
      ]
    const byNamespace = new Map(
      dp.datashare.consumers
        .filter((c) => c.namespaceId)
        .map((c) => [c.namespaceId as string, c.name]),
    )
    const samples = dp.nlb.samples ?? Math.max(8, 4 * byNamespace.size)
    const probe = sql.raw(dp.nlb.probeSql ?? 'select current_namespace')
    const seen = new Map<string, number>()
    for (let i = 0; i < samples; i++) {
      if (ctx.signal.aborted) break
      let db: Db | undefined
      try {
        db = await dp.nlb.connect()
        const r = await probe.execute(db)
        const row = r.rows[0] as Record<string, unknown> | undefined
        const ns = String(row ? Object.values(row)[0] : '')
        seen.set(ns, (seen.get(ns) ?? 0) + 1)
      } catch (e) {
        return [
          findings.fail(
            `connection ${i + 1} through the NLB failed: ${message(e)}`,
            { sample: i + 1, ...errorEvidence(e) },
            remediations.nlbConnection('Connecting through the NLB failed.'),
          ),
        ]
      } finally {
        await db?.destroy()
      }
    }
    const counts = Object.fromEntries([...seen].map(([ns, n]) => [byNamespace.get(ns) ?? ns, n]))
    const unknown = [...seen.keys()].filter((ns) => !byNamespace.has(ns))
    const missing = [...byNamespace].filter(([ns]) => !seen.has(ns)).map(([, name]) => name)
    const ev = { samples, counts, unknown, missing }
    if (unknown.length > 0)
      return [
        findings.fail(
          `the NLB reached namespace(s) that are not consumers: ${unknown.join(', ')}`,
          ev,
          remediations.nlbConnection(
            'Targets point at another warehouse (stale IPs or the producer).',
          ),
        ),
      ]
    if (missing.length > 0)
      return [
        findings.warn(
          `${samples} connections through the NLB never reached ${missing.join(', ')}`,
          ev,
          remediations.nlbConnection(
            'Some consumers receive no connections (the NLB hashes flows, so rerun with more samples to rule out chance).',
          ),
        ),
      ]
    return [
      findings.ok(
        `${samples} connections through the NLB reached all ${byNamespace.size} consumers`,
        ev,
      ),
    ]
  },
})

/** The `data-plane` group. */
export const dataPlaneChecks: readonly Check[] = Object.freeze([
  datashareCheck,
  consumerDatabaseCheck,
  consumerReadCheck,
  consumerReadOnlyCheck,
  rowParityCheck,
  nlbSpreadCheck,
])
