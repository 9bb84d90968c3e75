import type { Check, DiagnosticsInput } from '../check/check.js'
import { DiagnosticsError } from '../errors/diagnostics-error.js'
import { type DiagnosticsReport, type RunOptions, runChecks } from './run-checks.js'
import { MemoryStatusHistory } from './status-history.js'

/** Waits between runs; injectable so tests need no real time. */
export interface WatchTimer {
  /** Resolves after `ms`, or early (without throwing) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/** The real timer (`setTimeout`). */
export const realTimer: WatchTimer = Object.freeze({
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve()
      const t = setTimeout(done, ms)
      function done() {
        clearTimeout(t)
        signal?.removeEventListener('abort', done)
        resolve()
      }
      signal?.addEventListener('abort', done, { once: true })
    })
  },
})

/** Options of {@link watchChecks}. */
export interface WatchOptions extends RunOptions {
  /** Seconds between the end of one run and the start of the next. */
  readonly intervalSeconds: number
  /** Stop after this many runs. @default unlimited */
  readonly maxRuns?: number
  readonly timer?: WatchTimer
}

/**
 * Re-runs the checks every `intervalSeconds` and yields each report (the seed's monitor
 * loop). One status history is kept across runs, so a workgroup stuck in MODIFYING turns
 * from `warn` into `fail` once it passes the threshold. Stops when `signal` aborts or after
 * `maxRuns`.
 *
 * @example
 * const stop = new AbortController()
 * for await (const report of watchChecks(allChecks, input, { intervalSeconds: 30, signal: stop.signal })) {
 *   console.clear(); console.log(renderTable(report, { color: true }))
 * }
 */
export async function* watchChecks(
  checks: readonly Check[],
  input: DiagnosticsInput,
  options: WatchOptions,
): AsyncGenerator<DiagnosticsReport, void, undefined> {
  const { intervalSeconds, maxRuns, timer = realTimer, ...run } = options
  if (typeof intervalSeconds !== 'number' || !(intervalSeconds > 0))
    throw new DiagnosticsError(
      'OPTION_INVALID',
      `intervalSeconds: expected a number of seconds > 0, got ${String(intervalSeconds)}.`,
      { field: 'intervalSeconds', value: intervalSeconds },
    )
  if (maxRuns !== undefined && (!Number.isInteger(maxRuns) || maxRuns < 1))
    throw new DiagnosticsError(
      'OPTION_INVALID',
      `maxRuns: expected a positive integer, got ${String(maxRuns)}.`,
      { field: 'maxRuns', value: maxRuns },
    )
  const history = run.history ?? new MemoryStatusHistory()
  for (let n = 0; maxRuns === undefined || n < maxRuns; n++) {
    if (run.signal?.aborted) return
    if (n > 0) {
      await timer.sleep(intervalSeconds * 1000, run.signal)
      if (run.signal?.aborted) return
    }
    yield await runChecks(checks, input, { ...run, history })
  }
}
