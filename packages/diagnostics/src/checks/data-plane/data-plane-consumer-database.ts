import { sql } from 'kysely'
import type { Check, Finding } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { dataPlaneInputs, sessions, shareRemedy } from './data-plane-support.js'

/** Consumer side: the datashare is visible (Redshift: a database FROM DATASHARE; local: the session runs as the consumer role). */
export const consumerDatabaseCheck: Check = defineCheck({
  id: 'data-plane/consumer-database',
  title: 'Each consumer sees the datashare',
  group: 'data-plane',
  inputs: dataPlaneInputs,
  async run(dp) {
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
