import { sql } from 'kysely'
import type { Check, Finding } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import type { ExpectedConsumer } from './data-plane-input.js'
import {
  type Db,
  dataPlaneInputs,
  type Share,
  sessions,
  shareRemedy,
  shareResource,
} from './data-plane-support.js'

/**
 * Consumer side: each consumer sees each of its datashares (Redshift: a database FROM DATASHARE
 * per share, R-DS-11; local: the session runs as the consumer role with USAGE on the share's
 * schemas). One finding per share × consumer.
 */
export const consumerDatabaseCheck: Check = defineCheck({
  id: 'data-plane/consumer-database',
  title: 'Each consumer sees its datashares',
  group: 'data-plane',
  inputs: dataPlaneInputs,
  async run(dp) {
    const out: Finding[] = []
    for (const share of dp.shares)
      for (const { consumer: c, db } of sessions(dp, share, out))
        out.push(
          dp.target === 'redshift'
            ? await redshiftDatabase(share, c, db)
            : await postgresRole(share, c, db),
        )
    return out
  },
})

async function redshiftDatabase(share: Share, c: ExpectedConsumer, db: Db): Promise<Finding> {
  const resource = shareResource(share, c)
  const r = await sql<{ consumer_database: string | null }>`
    select consumer_database from svv_datashares
    where share_name = ${share.name} and share_type = 'INBOUND'`.execute(db)
  const row = r.rows[0]
  const ev = {
    consumer: c.name,
    datashare: share.name,
    database: row?.consumer_database ?? null,
    expected: c.database ?? null,
  }
  if (!row)
    return findings.fail(
      `consumer ${c.name} does not see datashare ${share.name}`,
      ev,
      shareRemedy(share, c.name),
      resource,
    )
  if (!row.consumer_database)
    return findings.fail(
      `consumer ${c.name} sees datashare ${share.name} but has no database from it`,
      ev,
      `On the consumer: CREATE DATABASE ${c.database ?? '<name>'} FROM DATASHARE ${share.name} OF NAMESPACE '<producer guid>'; ("rsp share" does it).`,
      resource,
    )
  if (c.database && row.consumer_database !== c.database)
    return findings.warn(
      `consumer ${c.name} mounted datashare ${share.name} as ${row.consumer_database}, expected ${c.database}`,
      ev,
      'Align dataPlane.datashares[].consumers[].database with the consumer, or re-run "rsp share".',
      resource,
    )
  return findings.ok(
    `consumer ${c.name} mounts datashare ${share.name} as ${row.consumer_database}`,
    ev,
    resource,
  )
}

async function postgresRole(share: Share, c: ExpectedConsumer, db: Db): Promise<Finding> {
  const resource = shareResource(share, c)
  const r = await sql<{ role: string; schema: string; usage: boolean }>`
    select current_user as role, s.schema, has_schema_privilege(current_user, s.schema, 'USAGE') as usage
    from unnest(${share.schemas}::text[]) as s(schema)`.execute(db)
  const role = r.rows[0]?.role
  const noUsage = r.rows.filter((x) => !x.usage).map((x) => x.schema)
  const ev = {
    consumer: c.name,
    datashare: share.name,
    sessionRole: role ?? null,
    expectedRole: c.role ?? null,
    schemas: [...share.schemas],
    noUsage,
  }
  if (!role || (c.role && role !== c.role))
    return findings.fail(
      `consumer ${c.name}'s session runs as ${role ?? '?'}, not as role ${c.role}`,
      ev,
      'Give the consumer a session that runs as its role (RoleSessions.dialect(role)); otherwise the checks test the wrong privileges.',
      resource,
    )
  if (noUsage.length > 0)
    return findings.fail(
      `consumer ${c.name} (role ${role}) cannot use schema ${noUsage.join(', ')} of datashare ${share.name}`,
      ev,
      shareRemedy(share, c.name),
      resource,
    )
  return findings.ok(
    `consumer ${c.name} runs as ${role} and can use datashare ${share.name}'s schema(s) ${share.schemas.join(', ')}`,
    ev,
    resource,
  )
}
