import type { Check, Finding } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { DiagnosticsError } from '../../errors/diagnostics-error.js'
import {
  FRESHNESS_TABLE,
  type FreshnessConsumer,
  type FreshnessConsumerReport,
  type FreshnessReport,
  probeFreshness,
} from '../../freshness/freshness-probe.js'
import type { DataPlaneInput } from './data-plane-input.js'
import { type DataPlane, dataPlaneInputs, message } from './data-plane-support.js'

/**
 * Defaults per target. Redshift documents no producer-to-consumer visibility delay (R-DS-19 is
 * UNCONFIRMED; consumers refresh their cache of the producer's block metadata when they query,
 * AWS Big Data Blog "Amazon Redshift data sharing best practices and considerations"), so 60 s
 * is an operational threshold, not a documented bound. Locally one database is both producer
 * and consumers: a row is visible at COMMIT and 5 s only catches a stuck probe.
 */
export const FRESHNESS_DEFAULTS = Object.freeze({
  redshift: Object.freeze({ maxLagSeconds: 60, pollIntervalMs: 1000, samples: 3 }),
  postgres: Object.freeze({ maxLagSeconds: 5, pollIntervalMs: 20, samples: 3 }),
})

const LOCAL_NOTE =
  'local target: one database, so a committed row is visible at COMMIT; the lag measures only the probe’s own round trips'

/**
 * A marker row committed on the producer reaches every consumer within the threshold:
 * lag p50/p95/max per consumer (see {@link probeFreshness} for what the lag is).
 */
export const freshnessCheck: Check = defineCheck({
  id: 'data-plane/freshness',
  title: 'Committed rows reach every consumer within the freshness threshold',
  group: 'data-plane',
  inputs: dataPlaneInputs,
  async run(dp, ctx) {
    const o = settings(dp)
    const { consumers, skipped } = probeTargets(dp, o.table)
    if (consumers.length === 0)
      return [
        findings.skip('no consumer session to probe', 'Pass dataPlane.consumers.'),
        ...skipped,
      ]
    let report: FreshnessReport
    try {
      report = await probeFreshness({
        producer: dp.producer,
        consumers,
        table: o.table,
        samples: o.samples,
        pollIntervalMs: o.pollIntervalMs,
        timeoutMs: o.maxLagSeconds * 1000,
        signal: ctx.signal,
      })
    } catch (e) {
      if (!(e instanceof DiagnosticsError)) throw e
      const cause = message(e.cause)
      return /does not exist|not found|42P01/i.test(cause)
        ? [
            findings.skip(
              `marker table ${o.table} does not exist on the producer`,
              `Apply the schema migrations ("rsp load") and share it ("rsp share"): every datashare includes ${o.table}.`,
            ),
          ]
        : [
            findings.fail(
              e.message,
              { table: o.table, error: cause },
              `The probe needs INSERT and DELETE on ${o.table} for the producer identity.`,
            ),
          ]
    }
    return [...report.consumers.map((c) => verdict(dp, o, report, c)), ...skipped]
  },
})

type Settings = Required<NonNullable<DataPlaneInput['freshness']>>

function settings(dp: DataPlane): Settings {
  const d = FRESHNESS_DEFAULTS[dp.target]
  const f = dp.freshness ?? {}
  const maxLagSeconds = f.maxLagSeconds ?? d.maxLagSeconds
  return {
    table: f.table ?? FRESHNESS_TABLE,
    samples: f.samples ?? d.samples,
    pollIntervalMs: f.pollIntervalMs ?? d.pollIntervalMs,
    maxLagSeconds,
    warnLagSeconds: f.warnLagSeconds ?? maxLagSeconds / 2,
  }
}

/**
 * Every consumer once, reading through its database of the first of its shares that lists the
 * marker table; a consumer none of whose shares lists it is skipped (it could not read it).
 */
function probeTargets(dp: DataPlane, table: string) {
  const consumers: FreshnessConsumer[] = []
  const skipped: Finding[] = []
  const names = [...new Set(dp.shares.flatMap((s) => s.consumers.map((c) => c.name)))]
  for (const name of names) {
    const pick = dp.shares
      .filter((s) => s.objects.some((o) => o.qualified === table))
      .flatMap((s) => s.consumers.filter((c) => c.name === name))[0]
    const db = dp.consumers[name]
    if (!pick || !db) {
      skipped.push(
        findings.skip(
          pick
            ? `no session for consumer ${name}`
            : `none of consumer ${name}'s datashares includes ${table}`,
          pick
            ? `Pass dataPlane.consumers[${JSON.stringify(name)}].`
            : `Add ${table} to every datashare (the config's shares include it once the schema has it), then "rsp share".`,
          name,
        ),
      )
      continue
    }
    const database = dp.target === 'redshift' ? pick.database : undefined
    consumers.push({ name, db, ...(database === undefined ? {} : { database }) })
  }
  return { consumers, skipped }
}

const s = (ms: number) => `${(ms / 1000).toFixed(ms < 1000 ? 3 : 1)} s`

function verdict(
  dp: DataPlane,
  o: Settings,
  report: FreshnessReport,
  c: FreshnessConsumerReport,
): Finding {
  const ev = {
    consumer: c.name,
    table: c.table,
    markers: report.markers,
    visible: c.visible,
    missed: c.missed,
    failed: c.failed,
    lagMs: c.lagMs ? { ...c.lagMs } : null,
    readMs: c.readMs ? { ...c.readMs } : null,
    resolutionMs: report.pollIntervalMs,
    maxLagSeconds: o.maxLagSeconds,
    warnLagSeconds: o.warnLagSeconds,
    markersRemoved: report.removed,
    clock: 'the probing process’s monotonic clock; producer and consumer clocks are never compared',
    ...(dp.target === 'postgres' ? { note: LOCAL_NOTE } : {}),
  }
  const lag = c.lagMs
  const stats = lag
    ? `p50 ${s(lag.p50)}, p95 ${s(lag.p95)}, max ${s(lag.max)} over ${c.visible} marker(s), polled every ${report.pollIntervalMs} ms`
    : 'no marker seen'
  const local = dp.target === 'postgres' ? ` (${LOCAL_NOTE})` : ''
  const error = c.samples.find((x) => x.error)?.error
  if (error !== undefined)
    return findings.fail(
      `consumer ${c.name} cannot read ${c.table}: ${error}`,
      ev,
      `Every datashare must include ${o.table} and every consumer must be able to read it (run "rsp share").`,
      c.name,
    )
  if (c.missed > 0 || (lag && lag.max > o.maxLagSeconds * 1000))
    return findings.fail(
      `consumer ${c.name}: ${c.missed} of ${report.markers} marker(s) not visible within ${o.maxLagSeconds} s (${stats})${local}`,
      ev,
      'Producer commits are not reaching this consumer in time: check the consumer workgroup is AVAILABLE and not saturated (queued queries delay the read), then re-run; raise the threshold (--freshness-threshold) if this lag is acceptable.',
      c.name,
    )
  if (lag && lag.p95 > o.warnLagSeconds * 1000)
    return findings.warn(
      `consumer ${c.name} sees a committed row after ${stats}: p95 above ${o.warnLagSeconds} s${local}`,
      ev,
      'Freshness is close to the threshold: check the consumer’s queueing (SYS_QUERY_HISTORY queue_time) and the producer’s write rate.',
      c.name,
    )
  return findings.ok(`consumer ${c.name} sees a committed row after ${stats}${local}`, ev, c.name)
}
