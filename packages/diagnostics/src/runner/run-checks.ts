import type {
  Check,
  CheckContext,
  CheckGroup,
  DiagnosticsInput,
  Finding,
  Severity,
} from '../check/check.js'
import { errorEvidence, findings, worstSeverity } from '../check/finding.js'
import { validateDiagnosticsConfig } from '../config/diagnostics-config.js'
import { DiagnosticsError } from '../errors/diagnostics-error.js'
import { resolveLimits } from '../facts/aws-limits.js'
import { MemoryStatusHistory, type StatusHistory } from './status-history.js'

/** How a check ended when it did not return normally. */
export type CheckFailure = 'crash' | 'timeout' | 'aborted'

/** One check's outcome. */
export interface CheckResult {
  readonly id: string
  readonly title: string
  readonly group: CheckGroup
  /** The worst severity of the findings (`skip` when there are none). */
  readonly status: Severity
  readonly durationMs: number
  readonly findings: readonly Finding[]
  /** Set when the check threw, hung past its timeout, or the run was cancelled. */
  readonly failure?: CheckFailure
}

/** A run's outcome, as data: render it, store it, compare it. */
export interface DiagnosticsReport {
  readonly startedAt: string
  readonly durationMs: number
  /** The worst status over all checks. */
  readonly status: Severity
  readonly summary: { readonly [S in Severity]: number } & { readonly checks: number }
  readonly results: readonly CheckResult[]
}

/** Options of {@link runChecks}. */
export interface RunOptions {
  /** Checks running at once. @default 4 */
  readonly concurrency?: number
  /** Per-check time limit; a check still running is reported as `fail` and its signal aborted. @default 30000 */
  readonly timeoutMs?: number
  /** Cancels the run: running checks are aborted, pending ones reported as `skip`. */
  readonly signal?: AbortSignal
  /** Only these groups. */
  readonly groups?: readonly CheckGroup[]
  /** The clock. @default () => new Date() */
  readonly now?: () => Date
  /** Status observations (kept across runs by `watchChecks`). */
  readonly history?: StatusHistory
}

function positiveInt(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new DiagnosticsError(
      'OPTION_INVALID',
      `${field}: expected a positive integer, got ${String(value)}.`,
      { field, value },
    )
  return value
}

/**
 * Runs checks with bounded concurrency and a timeout each. One check's crash or hang becomes
 * a `fail` finding and never stops the others; results come back in the order of `checks`.
 * Bad input (a malformed config, duplicate ids, bad options) throws a {@link DiagnosticsError}
 * before anything runs.
 *
 * @example
 * const report = await runChecks(configChecks, { config })
 * console.log(renderTable(report, { color: false }))
 */
export async function runChecks(
  checks: readonly Check[],
  input: DiagnosticsInput,
  options: RunOptions = {},
): Promise<DiagnosticsReport> {
  const concurrency = positiveInt(options.concurrency ?? 4, 'concurrency')
  const timeoutMs = positiveInt(options.timeoutMs ?? 30_000, 'timeoutMs')
  if (input.config !== undefined) validateDiagnosticsConfig(input.config, 'config')
  const ids = new Set<string>()
  for (const c of checks) {
    if (ids.has(c.id))
      throw new DiagnosticsError(
        'DUPLICATE_CHECK_ID',
        `checks: the id ${JSON.stringify(c.id)} appears twice; every check needs its own id.`,
        { field: 'checks', value: c.id },
      )
    ids.add(c.id)
  }
  const selected = options.groups ? checks.filter((c) => options.groups?.includes(c.group)) : checks
  const now = options.now ?? (() => new Date())
  const memo = new Map<string, Promise<unknown>>()
  const base = {
    ...input,
    limits: resolveLimits(input.limits),
    now,
    history: options.history ?? new MemoryStatusHistory(),
    memo<T>(key: string, load: () => Promise<T>): Promise<T> {
      let p = memo.get(key) as Promise<T> | undefined
      if (!p) {
        p = load()
        memo.set(key, p)
      }
      return p
    },
  }
  const started = Date.now()
  const startedAt = now().toISOString()
  const results: CheckResult[] = new Array(selected.length)
  let next = 0
  const worker = async () => {
    while (next < selected.length) {
      const i = next++
      results[i] = await runOne(selected[i] as Check, base, timeoutMs, options.signal)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, selected.length) }, worker))
  const summary = { ok: 0, warn: 0, fail: 0, skip: 0, checks: results.length }
  for (const r of results) summary[r.status]++
  return Object.freeze({
    startedAt,
    durationMs: Date.now() - started,
    status: worstSeverity(results.map((r) => r.status)),
    summary: Object.freeze(summary),
    results: Object.freeze(results),
  })
}

async function runOne(
  check: Check,
  base: Omit<CheckContext, 'signal'>,
  timeoutMs: number,
  runSignal: AbortSignal | undefined,
): Promise<CheckResult> {
  const started = Date.now()
  const meta = { id: check.id, title: check.title, group: check.group }
  const done = (list: readonly Finding[], failure?: CheckFailure): CheckResult =>
    Object.freeze({
      ...meta,
      status: worstSeverity(list.map((f) => f.severity)),
      durationMs: Date.now() - started,
      findings: Object.freeze([...list]),
      ...(failure ? { failure } : {}),
    })
  if (runSignal?.aborted)
    return done([findings.skip('the run was cancelled before this check started')], 'aborted')
  const controller = new AbortController()
  const onAbort = () => controller.abort(runSignal?.reason)
  runSignal?.addEventListener('abort', onAbort, { once: true })
  let timer: ReturnType<typeof setTimeout> | undefined
  // The race never waits for a check that ignores its signal: a hung check cannot hold the run.
  const stopped = new Promise<'timeout' | 'aborted'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`timed out after ${timeoutMs} ms`))
      resolve('timeout')
    }, timeoutMs)
    runSignal?.addEventListener('abort', () => resolve('aborted'), { once: true })
  })
  try {
    const outcome = await Promise.race([
      Promise.resolve()
        .then(() => check.run({ ...base, signal: controller.signal }))
        .then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        ),
      stopped,
    ])
    if (outcome === 'timeout')
      return done(
        [
          findings.fail(
            `check did not finish within ${timeoutMs} ms`,
            { timeoutMs },
            'The API or database did not answer in time: check connectivity and credentials, or raise the timeout.',
          ),
        ],
        'timeout',
      )
    if (outcome === 'aborted')
      return done([findings.skip('the run was cancelled while this check ran')], 'aborted')
    if ('error' in outcome) {
      const e = outcome.error
      if (e instanceof DiagnosticsError)
        return done(
          [
            findings.fail(
              `check could not run: ${e.message}`,
              { code: e.code, field: e.field },
              e.message,
            ),
          ],
          'crash',
        )
      return done(
        [
          findings.fail(
            `check crashed: ${e instanceof Error ? e.message : String(e)}`,
            errorEvidence(e),
            'This is a bug in the check or an unexpected API answer; the evidence names the error. Other checks are unaffected.',
          ),
        ],
        'crash',
      )
    }
    if (!Array.isArray(outcome.value))
      return done(
        [
          findings.fail(
            'check returned something other than a list of findings',
            { returned: typeof outcome.value },
            'Fix the check: run() must resolve to Finding[].',
          ),
        ],
        'crash',
      )
    return done(outcome.value)
  } finally {
    clearTimeout(timer)
    runSignal?.removeEventListener('abort', onAbort)
  }
}
