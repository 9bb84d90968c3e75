import { cli, interruption, printJson, println } from '../context/cli-context.js'
import type { EtlBatchReport, EtlRunResult, EtlTarget } from './run-etl.js'

/** What `rsp etl` was asked, its flags parsed. */
export interface EtlRequest {
  /** The generator's options (DayBatchGenerator), checked before any connection is made. */
  readonly generation: ConstructorParameters<
    typeof import('@redshift-playground/datagen').DayBatchGenerator
  >[0]
  readonly day: string | undefined
  readonly days: number
  readonly follow: boolean
  readonly intervalMs: number
  readonly json: boolean
  /** Opens the target's connections, runs `fn`, always closes them. */
  readonly withTarget: <T>(fn: (t: EtlTarget) => Promise<T>) => Promise<T>
}

/** `rsp etl`: append the next day(s), or follow at a rate, and print each day and the total. */
export async function etlFromCli(r: EtlRequest): Promise<void> {
  const d = await import('@redshift-playground/datagen')
  // Options are checked (a DatagenError naming the field) before any connection is made.
  const generator = new d.DayBatchGenerator(r.generation)
  const onBatch = (b: EtlBatchReport) => {
    if (r.json) return
    const c = cli().colors
    const replaced =
      b.replaced.fact_flight_operations > 0
        ? `, replaced ${b.replaced.fact_flight_operations} operations`
        : ''
    println(
      `${c.green('✔')} ${b.day}: ${b.rows.toLocaleString('en-US')} rows (${b.tables.fact_flight_operations} operations, ${b.tables.fact_bookings.toLocaleString('en-US')} bookings, ${b.tables.fact_daily_revenue} revenue) in ${b.seconds.toFixed(2)} s, ${Math.round(b.rowsPerSecond).toLocaleString('en-US')} rows/s${replaced}; committed ${b.committedAt}`,
    )
  }
  let migrated: readonly string[] = []
  const go = async (target: EtlTarget): Promise<EtlRunResult> => {
    const run = await import('./run-etl.js')
    migrated = (await target.prepare?.()) ?? []
    if (migrated.length > 0 && !r.json)
      println(`migrated ${target.name} forward: ${migrated.join(', ')}`)
    if (!r.follow)
      return run.runEtlBatch({
        target,
        generation: generator,
        day: r.day,
        days: r.days,
        onBatch,
      })
    const signal = interruption()
    if (!r.json)
      println(
        `following ${target.name}: a day every ${(r.intervalMs / 1000).toFixed(1)} s until Ctrl-C or ${generator.calendar.lastFlightDate}`,
      )
    return run.followEtl({
      target,
      generation: generator,
      day: r.day,
      intervalMs: r.intervalMs,
      onBatch,
      signal,
    })
  }
  const result = await r.withTarget(go)
  if (r.json) {
    printJson({ ...result, migrations: migrated })
    return
  }
  println(
    `${result.batches.length} day(s), ${result.rows.toLocaleString('en-US')} rows into ${result.target} in ${result.seconds.toFixed(1)} s; the producer holds flights through ${result.lastDay}${result.calendarEnded ? ' (the calendar’s last day)' : ''}`,
  )
}
