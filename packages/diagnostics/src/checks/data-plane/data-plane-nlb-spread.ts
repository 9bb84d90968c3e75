import { sql } from 'kysely'
import type { Check } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { errorEvidence, findings } from '../../check/finding.js'
import { remediations } from '../../facts/remediations.js'
import { type Db, dataPlaneInputs, message } from './data-plane-support.js'

/** Through the NLB, new connections land on every consumer (current_namespace spreads). */
export const nlbSpreadCheck: Check = defineCheck({
  id: 'data-plane/nlb-spread',
  title: 'NLB connections spread across all consumers',
  group: 'data-plane',
  inputs: dataPlaneInputs,
  async run(dp, ctx) {
    if (!dp.nlb)
      return [
        findings.skip(
          'no NLB probe given',
          'Pass dataPlane.nlb.connect (a new wire-protocol connection through the NLB each call).',
        ),
      ]
    const byNamespace = new Map(
      dp.shares
        .flatMap((s) => s.consumers)
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
