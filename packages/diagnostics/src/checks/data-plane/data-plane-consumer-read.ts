import { sql } from 'kysely'
import type { Check, Finding } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { dataPlaneInputs, message, sessions, shareRemedy, tableRef } from './data-plane-support.js'

/** Each consumer can read a row from every shared table. */
export const consumerReadCheck: Check = defineCheck({
  id: 'data-plane/consumer-read',
  title: 'Each consumer can read every shared table',
  group: 'data-plane',
  inputs: dataPlaneInputs,
  async run(dp) {
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
