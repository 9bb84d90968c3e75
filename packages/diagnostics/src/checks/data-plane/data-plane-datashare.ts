import { sql } from 'kysely'
import type { Check, Finding } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { remediations } from '../../facts/remediations.js'
import type { DataPlaneInput } from './data-plane-input.js'
import { dataPlaneInputs, shareRemedy } from './data-plane-support.js'

/** Producer side: the datashare exists with the expected objects and consumers. */
export const datashareCheck: Check = defineCheck({
  id: 'data-plane/datashare',
  title: 'Datashare exists with the expected objects and consumers',
  group: 'data-plane',
  inputs: dataPlaneInputs,
  async run(dp) {
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
