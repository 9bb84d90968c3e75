import { quoteQualified } from '@redshift-playground/schema'
import { sql } from 'kysely'
import type { Check, Finding } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { remediations } from '../../facts/remediations.js'
import {
  type DataPlane,
  dataPlaneInputs,
  type Share,
  shareRemedy,
  shareResource,
} from './data-plane-support.js'

/** Producer side: each datashare exists with its expected objects and consumers (findings per share). */
export const datashareCheck: Check = defineCheck({
  id: 'data-plane/datashare',
  title: 'Datashares exist with the expected objects and consumers',
  group: 'data-plane',
  inputs: dataPlaneInputs,
  async run(dp) {
    const out: Finding[] = []
    for (const share of dp.shares)
      out.push(
        ...(dp.target === 'redshift'
          ? await redshiftDatashare(dp, share)
          : await postgresDatashare(dp, share)),
      )
    return out
  },
})

const isTrue = (v: boolean | string) => v === true || v === 'true' || v === 't'

async function redshiftDatashare(dp: DataPlane, share: Share): Promise<Finding[]> {
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
        `Create it and grant the consumers: run "rsp share". ${shareRemedy(share, 'any consumer')}`,
        share.name,
      ),
    ]
  }
  const isPublic = isTrue(row.is_publicaccessible)
  if (share.spec.publicAccessible === true && !isPublic)
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
    ...share.schemas.map((s) => `schema:${s}`),
    ...share.objects.map((o) => `table:${o.qualified}`),
  ]
  for (const m of wanted.filter((w) => !have.has(w))) {
    const [type, name] = m.split(':') as [string, string]
    out.push(
      findings.fail(
        `datashare ${share.name} lacks ${type} ${name}`,
        { datashare: share.name, objectType: type, objectName: name },
        `Add it: run "rsp share" (ALTER DATASHARE ${share.name} ADD ${type.toUpperCase()} ${name}).`,
        `${share.name}/${name}`,
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
          shareRemedy(share, c.name),
          shareResource(share, c),
        ),
      )
  }
  if (out.length === 0)
    out.push(
      findings.ok(
        `datashare ${share.name} shares ${share.objects.length} object(s) with ${share.consumers.length} consumer(s)`,
        { datashare: share.name, objects: wanted, consumers: [...granted] },
        share.name,
      ),
    )
  return out
}

async function postgresDatashare(dp: DataPlane, share: Share): Promise<Finding[]> {
  // Locally a datashare is the consumer roles' read-only grants on its objects.
  const out: Finding[] = []
  const schemas = await sql<{ nspname: string }>`
    select nspname from pg_catalog.pg_namespace where nspname = any(${share.schemas})`.execute(
    dp.producer,
  )
  const haveSchemas = new Set(schemas.rows.map((r) => r.nspname))
  const absent = share.schemas.filter((s) => !haveSchemas.has(s))
  if (absent.length > 0)
    return [
      findings.fail(
        `datashare ${share.name}: schema ${absent.join(', ')} does not exist`,
        { datashare: share.name, schemas: absent },
        'Load the schema first ("rsp load" or "rsp demo"), then "rsp share".',
        share.name,
      ),
    ]
  const relations = await sql<{ name: string }>`
    select n.nspname || '.' || c.relname as name
    from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = any(${share.schemas}) and c.relkind in ('r', 'p', 'v', 'm')`.execute(
    dp.producer,
  )
  const existing = new Set(relations.rows.map((r) => r.name))
  for (const o of share.objects)
    if (!existing.has(o.qualified))
      out.push(
        findings.fail(
          `datashare ${share.name}: shared object ${o.qualified} does not exist`,
          { datashare: share.name, schema: o.schema, table: o.name },
          `Recreate it ("rsp load" applies the schema migrations) and re-run "rsp share".`,
          `${share.name}/${o.qualified}`,
        ),
      )
  const present = share.objects.filter((o) => existing.has(o.qualified))
  for (const c of share.consumers) out.push(...(await postgresGrants(dp, share, present, c)))
  if (out.length === 0)
    out.push(
      findings.ok(
        `datashare ${share.name}: ${share.objects.length} object(s) in ${share.schemas.join(', ')} granted to ${share.consumers.length} consumer role(s)`,
        {
          datashare: share.name,
          objects: share.objects.map((o) => o.qualified),
          roles: share.consumers.map((c) => c.role ?? null),
        },
        share.name,
      ),
    )
  return out
}

/** One consumer role's grants on a share's existing objects: the role, schema USAGE, SELECT. */
async function postgresGrants(
  dp: DataPlane,
  share: Share,
  present: Share['objects'],
  c: Share['consumers'][number],
): Promise<Finding[]> {
  const resource = shareResource(share, c)
  if (!c.role)
    return [
      findings.fail(
        `consumer ${c.name} has no role in datashare ${share.name}'s description`,
        { datashare: share.name, consumer: c.name },
        'Give every consumer its role (dataPlane.datashares[].consumers[].role) for the local target.',
        resource,
      ),
    ]
  const role = await sql<{ n: number | string }>`
    select count(*) as n from pg_catalog.pg_roles where rolname = ${c.role}`.execute(dp.producer)
  if (Number(role.rows[0]?.n ?? 0) === 0)
    return [
      findings.fail(
        `role ${c.role} of consumer ${c.name} does not exist`,
        { datashare: share.name, consumer: c.name, role: c.role },
        shareRemedy(share, c.name),
        resource,
      ),
    ]
  const out: Finding[] = []
  const usage = await sql<{ schema: string; usage: boolean }>`
    select s.schema, has_schema_privilege(${c.role}, s.schema, 'USAGE') as usage
    from unnest(${share.schemas}::text[]) as s(schema)`.execute(dp.producer)
  const noUsage = usage.rows.filter((u) => !u.usage).map((u) => u.schema)
  if (noUsage.length > 0)
    out.push(
      findings.fail(
        `role ${c.role} lacks USAGE on schema ${noUsage.join(', ')} (datashare ${share.name})`,
        { datashare: share.name, consumer: c.name, role: c.role, schemas: noUsage },
        shareRemedy(share, c.name),
        resource,
      ),
    )
  // `select 1` needs SELECT on the table or on any column: masked PII tables are shared with
  // column grants only, and that still counts as readable.
  const grants = await sql<{ i: number | string; can_select: boolean }>`
    select t.i, has_any_column_privilege(${c.role}, t.name, 'SELECT') as can_select
    from unnest(${present.map((o) => quoteQualified(o.schema, o.name))}::text[]) with ordinality as t(name, i)`.execute(
    dp.producer,
  )
  const noSelect = grants.rows
    .filter((g) => !g.can_select)
    .map((g) => present[Number(g.i) - 1]?.qualified as string)
  if (noSelect.length > 0)
    out.push(
      findings.fail(
        `role ${c.role} lacks SELECT on ${noSelect.join(', ')} (datashare ${share.name})`,
        { datashare: share.name, consumer: c.name, role: c.role, tables: noSelect },
        shareRemedy(share, c.name),
        resource,
      ),
    )
  return out
}
