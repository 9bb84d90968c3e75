import { sql } from 'kysely'
import type { Check, Finding } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { dataPlaneInputs, message, sessions, shareRemedy, tableRef } from './data-plane-support.js'

/** Row counts match between the producer and each consumer, per table. */
export const rowParityCheck: Check = defineCheck({
  id: 'data-plane/row-parity',
  title: 'Row counts match between producer and consumers',
  group: 'data-plane',
  inputs: dataPlaneInputs,
  async run(dp) {
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
