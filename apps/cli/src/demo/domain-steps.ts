import type { DayBatchGenerator } from '@redshift-playground/datagen'
import type { DiagnosticsReport } from '@redshift-playground/diagnostics'
import type { EtlTarget } from '../etl/run-etl.js'
import { ms } from '../output/table.js'
import type { ShareConsumer } from '../share/datashare-from-config.js'
import { type RecordedStep, runFlagshipQueries, type stepRecorder } from './demo-steps.js'
import {
  type AccessCell,
  type ConsumerReader,
  locatedSession,
  probeAccess,
  type QueryEntitlement,
  qualified,
  queryEntitlements,
  refusalText,
  type ShareLayout,
  shareHolding,
} from './domain-access.js'
import { type EtlLagReport, etlWithLag } from './etl-lag.js'
import type { QueryRun } from './run-demo.js'

// biome-ignore lint/suspicious/noExplicitAny: the airline schema, by name
type Db = import('kysely').Kysely<any>

/** What both demos show of the datashares by domain, after sharing. */
export interface DomainReport {
  /** The shares, their objects and each consumer's database of each. */
  readonly shares: readonly ShareLayout[]
  readonly consumers: readonly string[]
  /** Per flagship query: the tables it reads and the consumers whose shares hold them all. */
  readonly queryEntitlements: readonly QueryEntitlement[]
  /** Each query run by each consumer entitled to it (the producer's rows for comparison). */
  readonly queries: readonly QueryRun[]
  /** Consumer × share: the objects read, and those refused. */
  readonly access: readonly AccessCell[]
  /** A consumer's DELETE on a shared table it reads: refused (consumers are read-only). */
  readonly writeRefused: { readonly consumer: string; readonly message: string } | undefined
  /** The live ETL batch and the lag each consumer saw. */
  readonly etl: EtlLagReport
  readonly diagnostics: DiagnosticsReport
}

export interface DomainStepsInput {
  readonly step: ReturnType<typeof stepRecorder>['step']
  readonly schema: typeof import('@redshift-playground/schema')
  readonly layouts: readonly ShareLayout[]
  readonly consumers: readonly ShareConsumer[]
  readonly readers: readonly ConsumerReader[]
  readonly producer: Db
  /** How consumers name the tables, for the step line: `<database>.<schema>.<table>`. */
  readonly naming: string
  /** Who runs the consumer steps, for the step line. */
  readonly identity?: string
  readonly etl: {
    readonly target: EtlTarget
    readonly generation: DayBatchGenerator
    readonly days: number
    readonly pollIntervalMs: number
    readonly timeoutMs: number
    /** How the target writes a day, for the step line. */
    readonly how: string
  }
  readonly diagnose: () => Promise<DiagnosticsReport>
  readonly diagnoseLabel: string
}

/** Counts of the access matrix: reads in entitled cells, refusals elsewhere, and violations. */
export function accessSummary(cells: readonly AccessCell[]) {
  const own = cells.filter((c) => c.entitled)
  const other = cells.filter((c) => !c.entitled)
  return {
    reads: own.reduce((n, c) => n + c.readable.length, 0),
    refusals: other.reduce((n, c) => n + c.refused.length, 0),
    /** Objects of its own shares a consumer could not read, or of others' it could. */
    violations:
      own.reduce((n, c) => n + c.refused.length, 0) +
      other.reduce((n, c) => n + c.readable.length, 0),
  }
}

async function queriesStep(i: DomainStepsInput) {
  const all = Object.values(i.schema.flagshipQueries)
  const entitled = queryEntitlements(all, i.layouts, i.consumers)
  const byName = new Map(i.readers.map((r) => [r.consumer.name, r]))
  const runs = await i.step(
    'queries',
    () =>
      runFlagshipQueries(
        all,
        i.producer,
        (q) =>
          i.consumers.filter((c) =>
            entitled.find((e) => e.query === q.name)?.consumers.includes(c.name),
          ),
        (q, c) => q.build(locatedSession(byName.get(c.name)!, i.layouts)).execute(),
      ),
    (runs) =>
      `${runs.length} runs: each consumer runs the flagship queries whose tables its shares hold (${i.consumers.map((c) => `${c.name} ${runs.filter((r) => r.consumer === c.name).length}`).join(', ')} of ${all.length}), as ${i.naming}`,
    i.identity,
  )
  return { entitled, runs }
}

function accessStep(i: DomainStepsInput) {
  return i.step(
    'access',
    () => probeAccess(i.layouts, i.readers),
    (cells) => {
      const s = accessSummary(cells)
      return `${i.consumers.length} consumers × ${i.layouts.length} share${i.layouts.length === 1 ? '' : 's'}: ${s.reads} reads of their own shares' objects, ${s.refusals} refusals of the others'${s.violations > 0 ? `, ${s.violations} VIOLATIONS` : ''}`
    },
    i.identity,
  )
}

/** The first consumer reading fact_bookings tries to delete it: refused, consumers are read-only. */
async function refusedWrite(i: DomainStepsInput): Promise<DomainReport['writeRefused']> {
  const table = 'airline_dw.fact_bookings'
  const r = i.readers.find((x) => shareHolding(i.layouts, x.consumer.name, table) !== undefined)
  if (!r) return undefined
  const name = qualified(r.locate(shareHolding(i.layouts, r.consumer.name, table)!, table), table)
  const { sql } = await import('kysely')
  try {
    await sql.raw(`DELETE FROM ${name}`).execute(r.db)
    return { consumer: r.consumer.name, message: `NOT refused: DELETE FROM ${name} ran` }
  } catch (error) {
    return { consumer: r.consumer.name, message: `DELETE FROM ${name}: ${refusalText(error)}` }
  }
}

function etlStep(i: DomainStepsInput) {
  return i.step(
    'etl',
    async () => {
      const { runEtlBatch: run } = await import('../etl/run-etl.js')
      return etlWithLag({
        layouts: i.layouts,
        readers: i.readers,
        days: i.etl.days,
        pollIntervalMs: i.etl.pollIntervalMs,
        timeoutMs: i.etl.timeoutMs,
        generation: i.etl.generation,
        after: i.etl.generation.calendar.loadedThrough,
        appendDay: (day) =>
          run({ target: i.etl.target, generation: i.etl.generation, day, days: 1 }),
      })
    },
    (e) => {
      const days = e.batches.map((b) => b.day)
      const seen = e.consumers
        .filter((c) => c.lagMs)
        .map((c) => `${c.consumer} ${ms(c.lagMs!.p50)} / ${ms(c.lagMs!.max)}`)
      const refused = e.consumers.filter((c) => c.tables.length === 0).map((c) => c.consumer)
      return `${days.length} days with flights (${days.join(', ')}; ${e.emptyDaysSkipped} days between hold none at this scale), ${e.rows.toLocaleString('en-US')} rows in ${days.length} transactions to ${e.target} ${i.etl.how}; lag p50 / max from COMMIT: ${seen.join(', ') || 'none'}${refused.length > 0 ? `; ${refused.join(', ')} refused (no share holds the written tables)` : ''}`
    },
  )
}

/**
 * The steps both demos run once every share is applied: the flagship queries each consumer is
 * entitled to, the consumer × share access matrix, a refused write, the live ETL batch with the
 * lag per consumer, and the checks (entitlement and freshness included).
 */
export async function domainSteps(i: DomainStepsInput): Promise<DomainReport> {
  const { entitled, runs } = await queriesStep(i)
  const access = await accessStep(i)
  const writeRefused = await refusedWrite(i)
  const etl = await etlStep(i)
  const diagnostics = await i.step(
    'diagnose',
    i.diagnose,
    (r) =>
      `${r.summary.ok} ok, ${r.summary.warn} warn, ${r.summary.fail} fail, ${r.summary.skip} skipped (${i.diagnoseLabel})`,
  )
  return {
    shares: i.layouts,
    consumers: i.consumers.map((c) => c.name),
    queryEntitlements: entitled,
    queries: runs,
    access,
    writeRefused,
    etl,
    diagnostics,
  }
}

/**
 * What the acceptance requires of the domain steps, as failures: a consumer refused an object
 * of its own shares or reading another share's, a written table leaking to a consumer without
 * it, a day an entitled consumer did not see in time, a consumer write that was not refused.
 */
export function domainFailures(r: DomainReport): string[] {
  const out: string[] = []
  for (const c of r.access) {
    if (c.entitled && c.refused.length > 0)
      out.push(
        `${c.consumer} could not read ${c.refused.map((x) => x.object).join(', ')} of its share ${c.share}`,
      )
    if (!c.entitled && c.readable.length > 0)
      out.push(
        `${c.consumer} read ${c.readable.join(', ')} of ${c.share}, which it is not a consumer of`,
      )
  }
  for (const c of r.etl.consumers) {
    if (c.leaked.length > 0)
      out.push(`${c.consumer} read ${c.leaked.join(', ')} without a share holding it`)
    if (c.missed > 0)
      out.push(`${c.consumer} did not see ${c.missed} of the ETL's day-table batches in time`)
  }
  if (r.etl.batches.length === 0) out.push('the ETL appended no day')
  if (r.writeRefused?.message.startsWith('NOT refused'))
    out.push(`${r.writeRefused.consumer}: ${r.writeRefused.message}`)
  return out
}

export type { RecordedStep }
