import { connectionFor, type ShareConnections } from '../connections.js'
import { ApplyError } from '../errors.js'
import type { Plan, Side, Statement } from '../plan/plan-step.js'
import { loadSql } from '../private/load-sql.js'

/** What happened to one statement. */
export interface StatementOutcome {
  readonly statement: Statement
  readonly status: 'applied' | 'failed'
  /** Time spent waiting for readiness (share visibility) before running it. */
  readonly waitedMs: number
  /** Readiness polls made (0 when the statement needed none). */
  readonly polls: number
  readonly durationMs: number
  /** The error, when it failed. */
  readonly error?: unknown
}

/** Options of {@link applyPlan}. */
export interface ApplyOptions {
  /** Give up waiting for a granted share to become visible after this long. Default 10 minutes. */
  readonly visibilityTimeoutMs?: number
  /** Time between visibility polls. Default 10 s. */
  readonly pollIntervalMs?: number
  /** Clock, injectable for tests. Default `Date.now`. */
  readonly now?: () => number
  /** Sleep, injectable for tests. Default a timer. */
  readonly sleep?: (ms: number) => Promise<void>
  /**
   * How a side waits for a granted share: `probe` (default) polls the readiness query (SVV_DATASHARES
   * INBOUND) before the statement; `retry` runs the statement itself and retries it, at the same
   * interval and within the same timeout, until it succeeds. Use `retry` for an identity that
   * cannot see the inbound share before it has a database from it (R-SVV-1: only superusers,
   * owners and holders of USAGE or ALTER see a share's row), such as an IAM user with CREATEDB.
   * A refusal for lack of privilege ("permission denied") fails at once.
   */
  readonly readiness?: (side: Side) => 'probe' | 'retry'
  /** Called after each statement, in order (for progress output). */
  readonly onOutcome?: (outcome: StatementOutcome) => void
}

/** The statements that ran, in order. */
export interface ApplyResult {
  readonly outcomes: readonly StatementOutcome[]
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Runs a plan's statements in order on their sides (the producer's steps come first in
 * every plan). Before a statement with a readiness probe (consumer `CREATE DATABASE … FROM
 * DATASHARE`), polls until the granted share is visible on that consumer — it can take
 * minutes — bounded by `visibilityTimeoutMs`. Stops at the first failure with an
 * {@link ApplyError} carrying the statement, the side, the server's message and the
 * outcomes so far; nothing after it runs.
 *
 * @example
 * const result = await applyPlan(plan, singleDatabase(share, db))
 * for (const o of result.outcomes) console.log(o.status, o.statement.sql)
 */
export async function applyPlan(
  plan: Plan,
  connections: ShareConnections,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const sql = await loadSql()
  if (plan.hasPlaceholders) {
    throw new ApplyError(
      'PLACEHOLDER_NOT_APPLICABLE',
      `plan for ${plan.share} holds placeholders (values substituted at deploy time); render it with renderScript instead of applying it.`,
      { field: 'plan' },
    )
  }
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? defaultSleep
  const timeout = options.visibilityTimeoutMs ?? 600_000
  const interval = options.pollIntervalMs ?? 10_000
  const outcomes: StatementOutcome[] = []
  const record = (o: StatementOutcome) => {
    outcomes.push(Object.freeze(o))
    options.onOutcome?.(o)
  }
  // Resolve every side first, so a missing consumer connection fails before anything runs.
  const dbs = plan.statements.map((st) => connectionFor(connections, st.side))
  for (const [i, statement] of plan.statements.entries()) {
    const db = dbs[i]!
    const started = now()
    let polls = 0
    const retrying =
      statement.readiness !== undefined && options.readiness?.(statement.side) === 'retry'
    if (statement.readiness && !retrying) {
      const deadline = started + timeout
      for (;;) {
        polls++
        let ready: boolean
        try {
          ready = (await sql.raw(statement.readiness.sql).execute(db)).rows.length > 0
        } catch (cause) {
          const error = new ApplyError(
            'STATEMENT_FAILED',
            `${statement.side}: checking "${statement.readiness.description}" failed: ${(cause as Error).message}`,
            { statement: statement.readiness.sql, side: statement.side, cause, outcomes },
          )
          record({
            statement,
            status: 'failed',
            waitedMs: now() - started,
            polls,
            durationMs: 0,
            error,
          })
          throw error
        }
        if (ready) break
        if (now() + interval > deadline) {
          const error = new ApplyError(
            'SHARE_NOT_VISIBLE',
            `${statement.side}: ${statement.readiness.description} did not happen within ${Math.round(timeout / 1000)} s (${polls} checks); check the grant on the producer and the consumer's namespace id, then apply again.`,
            { statement: statement.sql, side: statement.side, outcomes },
          )
          record({
            statement,
            status: 'failed',
            waitedMs: now() - started,
            polls,
            durationMs: 0,
            error,
          })
          throw error
        }
        await sleep(interval)
      }
    }
    let waited = now() - started
    try {
      if (retrying) {
        const deadline = started + timeout
        for (;;) {
          polls++
          try {
            await sql.raw(statement.sql).execute(db)
            break
          } catch (cause) {
            if (/permission denied/i.test((cause as Error).message) || now() + interval > deadline)
              throw cause
            await sleep(interval)
          }
        }
        waited = now() - started
      } else await sql.raw(statement.sql).execute(db)
    } catch (cause) {
      const error = new ApplyError(
        'STATEMENT_FAILED',
        `${statement.side}: ${statement.purpose} failed: ${(cause as Error).message}`,
        { statement: statement.sql, side: statement.side, cause, outcomes },
      )
      record({
        statement,
        status: 'failed',
        waitedMs: waited,
        polls,
        durationMs: now() - started - waited,
        error,
      })
      throw error
    }
    record({
      statement,
      status: 'applied',
      waitedMs: waited,
      polls,
      durationMs: now() - started - waited,
    })
  }
  return Object.freeze({ outcomes: Object.freeze(outcomes) })
}
