import { sql } from 'kysely'
import type { Check, Finding } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { FRESHNESS_TABLE } from '../../freshness/freshness-probe.js'
import {
  type DataPlane,
  dataPlaneInputs,
  listed,
  message,
  type Share,
  type SharedObject,
  sessions,
  shareRemedy,
  shareResource,
  tableRef,
} from './data-plane-support.js'

/**
 * Row counts match between the producer and each consumer, per object (one finding per share ×
 * consumer). The freshness marker table is left out: `data-plane/freshness` writes and deletes
 * its rows while the checks run, so its count is a moment, not the share's state.
 */
export const rowParityCheck: Check = defineCheck({
  id: 'data-plane/row-parity',
  title: 'Row counts match between producer and consumers',
  group: 'data-plane',
  inputs: dataPlaneInputs,
  async run(dp) {
    const out: Finding[] = []
    for (const share of dp.shares) out.push(...(await shareParity(dp, share)))
    return out
  },
})

async function shareParity(dp: DataPlane, share: Share): Promise<Finding[]> {
  const out: Finding[] = []
  const produced = new Map<SharedObject, number>()
  const marker = dp.freshness?.table ?? FRESHNESS_TABLE
  for (const o of share.objects.filter((x) => x.qualified !== marker)) {
    try {
      const r = await sql<{
        n: number | string
      }>`select count(*) as n from ${tableRef(dp, o)}`.execute(dp.producer)
      produced.set(o, Number(r.rows[0]?.n ?? 0))
    } catch (e) {
      out.push(
        findings.skip(
          `producer cannot count ${o.qualified}: ${message(e)} (see data-plane/datashare)`,
          '',
          `${share.name}/${o.qualified}`,
        ),
      )
    }
  }
  for (const { consumer: c, db } of sessions(dp, share, out)) {
    const mismatches: { table: string; producer: number; consumer: number }[] = []
    const filtered: string[] = []
    const unreadable: string[] = []
    for (const [o, n] of produced) {
      try {
        const r = await sql<{
          n: number | string
        }>`select count(*) as n from ${tableRef(dp, o, c)}`.execute(db)
        const m = Number(r.rows[0]?.n ?? 0)
        if (m === n) continue
        if (listed(c.filteredTables, o)) filtered.push(o.qualified)
        else mismatches.push({ table: o.qualified, producer: n, consumer: m })
      } catch {
        unreadable.push(o.qualified)
      }
    }
    const ev = {
      consumer: c.name,
      datashare: share.name,
      tables: produced.size,
      mismatches,
      filtered,
      unreadable,
    }
    const resource = shareResource(share, c)
    if (mismatches.length > 0)
      out.push(
        findings.fail(
          `consumer ${c.name} sees different row counts in datashare ${share.name}: ${mismatches.map((m) => `${m.table} ${m.consumer} vs ${m.producer}`).join(', ')}`,
          ev,
          `A datashare is a live view of the producer's storage, so counts must match. ${shareRemedy(share, c.name)} If a row-level security policy filters these tables, list them in filteredTables.`,
          resource,
        ),
      )
    else if (unreadable.length === produced.size && produced.size > 0)
      out.push(
        findings.skip(
          `consumer ${c.name} cannot read datashare ${share.name}'s objects (see data-plane/consumer-read)`,
          '',
          resource,
        ),
      )
    else
      out.push(
        findings.ok(
          `consumer ${c.name} matches the producer's row counts on ${produced.size - unreadable.length} object(s) of datashare ${share.name}`,
          ev,
          resource,
        ),
      )
  }
  return out
}
