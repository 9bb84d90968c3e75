/**
 * The statement store and lifecycle of the Data API (R-API-6/7/8/13/15). A statement is
 * answered at once with its id and then runs in the background: SUBMITTED → PICKED → STARTED →
 * FINISHED | FAILED | ABORTED. SQL errors do not raise: the statement ends FAILED with the
 * error text in DescribeStatement's `Error` (R-API-3), and so do connection failures (a bad
 * secret, a missing database). ExecuteStatement runs exactly one statement (`Session.query`
 * refuses several: D-11a). A batch runs its statements serially in one transaction on one
 * session (R-API-6). Statements and their results are kept 24 hours (R-API-13).
 */
import { randomUUID } from 'node:crypto'
import type { LocalRedshift } from '../account/local-redshift.js'
import type { Session } from '../account/session.js'
import type { Identity, QueryResult } from '../account/types.js'
import { RedshiftLocalError } from '../errors.js'
import type { Caller } from './data-api-auth.js'
import { DataApiError, notFoundError, validationError } from './data-api-errors.js'
import { resultSize } from './data-api-results.js'
import type { DataApiSession, DataApiSessions } from './data-api-sessions.js'
import type { SqlParameter } from './data-api-validation.js'

export type StatementStatus = 'SUBMITTED' | 'PICKED' | 'STARTED' | 'FINISHED' | 'ABORTED' | 'FAILED'

/** R-API-13: at most 200 active (SUBMITTED, PICKED, STARTED) statements per workgroup. */
export const MAX_ACTIVE_STATEMENTS = 200
/** R-API-13: a ClientToken is remembered for 8 hours. */
const CLIENT_TOKEN_MS = 8 * 60 * 60 * 1000
/** R-API-13: results (and the statements) are kept 24 hours. */
const RESULT_MS = 24 * 60 * 60 * 1000
const CANCELLED = "ERROR: Query cancelled on user's request"

/** What one statement (or one statement of a batch) did. */
export interface StatementRun {
  readonly id: string
  readonly queryString: string
  status: StatementStatus
  error: string | undefined
  readonly createdAt: number
  updatedAt: number
  /** hrtime (ns) when it started; its Duration is measured from here. */
  startedNs: bigint | undefined
  durationNs: number
  result: QueryResult | undefined
  redshiftQueryId: number
}

/** A statement of the store: a single statement, or a batch with its sub-statements. */
export interface StatementRecord extends StatementRun {
  readonly isBatch: boolean
  readonly subStatements: readonly StatementRun[]
  readonly parameters: readonly SqlParameter[] | undefined
  readonly statementName: string | undefined
  readonly resultFormat: 'JSON' | 'CSV'
  readonly executionMode: 'TRANSACTION' | 'AUTO_COMMIT' | undefined
  readonly workgroupName: string
  readonly database: string
  dbUser: string | undefined
  readonly secretArn: string | undefined
  readonly sessionId: string | undefined
  readonly owner: Caller
  redshiftPid: number
  /** Resolves when the statement reaches FINISHED, FAILED or ABORTED. */
  readonly done: Promise<void>
}

/** Where a statement runs: a new emulator session of its own, or a Data API session. */
export type StatementTarget =
  | {
      readonly kind: 'connect'
      readonly workgroupName: string
      readonly database: string
      readonly identity: Identity
      readonly secretArn?: string
      readonly dbUser?: string
    }
  | { readonly kind: 'session'; readonly session: DataApiSession }

/** What ExecuteStatement / BatchExecuteStatement submit. */
export interface SubmitOptions {
  readonly caller: Caller
  readonly sqls: readonly string[]
  readonly batch: boolean
  readonly target: StatementTarget
  readonly parameters?: readonly SqlParameter[]
  readonly statementName?: string
  readonly resultFormat?: 'JSON' | 'CSV'
  readonly executionMode?: 'TRANSACTION' | 'AUTO_COMMIT'
  readonly clientToken?: string
}

/** ListStatements filters (R-API-12, D-11e). */
export interface StatementFilter {
  readonly status: StatementStatus | 'ALL'
  readonly statementName?: string
  readonly workgroupName?: string
  readonly clusterIdentifier?: string
  readonly database?: string
  readonly roleLevel: boolean
}

interface Internal {
  readonly record: StatementRecord
  readonly abort: AbortController
  readonly resolve: () => void
  session: Session | undefined
  cancelRequested: boolean
}

const TERMINAL = new Set<StatementStatus>(['FINISHED', 'FAILED', 'ABORTED'])

/**
 * The statements of a Data API server.
 *
 * @example
 * const store = new DataApiStatements({ redshift: rs, sessions })
 * const rec = store.submit({ caller, sqls: ['SELECT 1'], batch: false, target: { kind: 'connect', workgroupName: 'producer', database: 'dev', identity } })
 * await rec.done
 * rec.status // 'FINISHED'
 */
export class DataApiStatements {
  readonly #rs: LocalRedshift
  readonly #sessions: DataApiSessions
  readonly #maxActive: number
  /** Statements matching it stay STARTED until cancelled (a test hook). */
  readonly #hang: RegExp | undefined
  /** Service time: how long a statement stays STARTED before its SQL runs (a test hook). */
  readonly #serviceTime: ((sql: string) => number) | undefined
  readonly #statements = new Map<string, Internal>()
  /** Newest last. */
  readonly #order: StatementRecord[] = []
  readonly #tokens = new Map<string, { readonly id: string; readonly expires: number }>()
  readonly #running = new Set<Promise<void>>()

  constructor(options: {
    readonly redshift: LocalRedshift
    readonly sessions: DataApiSessions
    readonly hang?: RegExp
    /** Milliseconds a statement stays STARTED before its SQL runs (see `DataApiFaults.serviceTimeMs`). */
    readonly serviceTimeMs?: number | ((sql: string) => number)
    readonly maxActive?: number
  }) {
    this.#rs = options.redshift
    this.#sessions = options.sessions
    this.#hang = options.hang
    const time = options.serviceTimeMs
    this.#serviceTime = typeof time === 'number' ? () => time : time
    this.#maxActive = options.maxActive ?? MAX_ACTIVE_STATEMENTS
  }

  /** The statement an earlier request with this ClientToken created (R-API-13: kept 8 h). */
  byClientToken(caller: Caller, token: string | undefined): StatementRecord | undefined {
    if (token === undefined) return undefined
    const key = `${caller.roleArn}\n${token}`
    const hit = this.#tokens.get(key)
    if (!hit) return undefined
    if (hit.expires < Date.now()) {
      this.#tokens.delete(key)
      return undefined
    }
    return this.#statements.get(hit.id)?.record
  }

  /** Active statements of a workgroup (SUBMITTED, PICKED, STARTED). */
  activeCount(workgroupName: string): number {
    let n = 0
    for (const { record } of this.#statements.values())
      if (record.workgroupName === workgroupName && !TERMINAL.has(record.status)) n++
    return n
  }

  /**
   * Creates a statement and starts it in the background. Refuses at once when the workgroup
   * has 200 active statements (R-API-13) or the Data API session is busy (D-11d).
   */
  submit(options: SubmitOptions): StatementRecord {
    const workgroupName =
      options.target.kind === 'connect'
        ? options.target.workgroupName
        : options.target.session.workgroupName
    if (this.activeCount(workgroupName) >= this.#maxActive)
      throw new DataApiError(
        'ActiveStatementsExceededException',
        `Workgroup ${workgroupName} has ${this.#maxActive} active statements, the most the Data API runs at once [R-API-13]`,
      )
    const id = randomUUID()
    if (options.target.kind === 'session') this.#sessions.acquire(options.target.session, id)
    const now = Date.now()
    this.#expire(now)
    let resolve!: () => void
    const done = new Promise<void>((r) => {
      resolve = r
    })
    const run = (subId: string, sql: string): StatementRun => ({
      id: subId,
      queryString: sql,
      status: 'SUBMITTED',
      error: undefined,
      createdAt: now,
      updatedAt: now,
      startedNs: undefined,
      durationNs: 0,
      result: undefined,
      redshiftQueryId: 0,
    })
    const session = options.target.kind === 'session' ? options.target.session : undefined
    const record: StatementRecord = {
      ...run(id, options.batch ? options.sqls.join('; ') : options.sqls[0]!),
      isBatch: options.batch,
      subStatements: options.batch ? options.sqls.map((sql, i) => run(`${id}:${i + 1}`, sql)) : [],
      parameters: options.parameters,
      statementName: options.statementName,
      resultFormat: options.resultFormat ?? 'JSON',
      executionMode: options.batch ? (options.executionMode ?? 'TRANSACTION') : undefined,
      workgroupName,
      database:
        options.target.kind === 'connect'
          ? options.target.database
          : options.target.session.database,
      dbUser:
        options.target.kind === 'connect' ? options.target.dbUser : options.target.session.dbUser,
      secretArn:
        options.target.kind === 'connect'
          ? options.target.secretArn
          : options.target.session.secretArn,
      sessionId: session?.id,
      owner: options.caller,
      redshiftPid: 0,
      done,
    }
    const internal: Internal = {
      record,
      abort: new AbortController(),
      resolve,
      session: undefined,
      cancelRequested: false,
    }
    this.#statements.set(id, internal)
    this.#order.push(record)
    if (options.clientToken !== undefined)
      this.#tokens.set(`${options.caller.roleArn}\n${options.clientToken}`, {
        id,
        expires: now + CLIENT_TOKEN_MS,
      })
    const running = this.#run(internal, options).catch(() => undefined)
    this.#running.add(running)
    void running.finally(() => this.#running.delete(running))
    return record
  }

  /**
   * A statement or sub-statement (`<id>:<n>`) by id, for a caller of the same IAM role as
   * the one that ran it (R-IAM-7); otherwise ResourceNotFoundException (D-11c).
   */
  get(
    id: string,
    caller: Caller,
  ): { readonly record: StatementRecord; readonly run: StatementRun } {
    const [parentId, n] = id.split(':')
    const internal = this.#statements.get(parentId!)
    const record = internal?.record
    if (!record || record.owner.roleArn !== caller.roleArn)
      throw notFoundError('Query does not exist.', id)
    if (n === undefined) return { record, run: record }
    const sub = record.subStatements[Number(n) - 1]
    if (!sub) throw notFoundError('Query does not exist.', id)
    return { record, run: sub }
  }

  /**
   * Cancels a statement that has not ended (R-API-15): it ends ABORTED. One that has not
   * started its SQL yet ends ABORTED at once; one waiting for its turn on the engine is
   * interrupted. A sub-statement id cancels its batch.
   */
  cancel(id: string, caller: Caller): void {
    const { record } = this.get(id, caller)
    const internal = this.#statements.get(record.id)!
    if (TERMINAL.has(record.status))
      throw validationError(`Could not cancel a query that is already in ${record.status} state.`)
    internal.cancelRequested = true
    internal.abort.abort()
    if (record.status !== 'STARTED' || !internal.session) this.#abortNow(internal)
    else void internal.session.cancel().catch(() => undefined)
  }

  /** Waits up to `seconds` for a statement to end (`WaitTimeSeconds`). */
  async wait(record: StatementRecord, seconds: number | undefined): Promise<void> {
    if (!seconds || TERMINAL.has(record.status)) return
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      record.done,
      new Promise<void>((r) => {
        timer = setTimeout(r, seconds * 1000)
      }),
    ])
    clearTimeout(timer)
  }

  /** Statements a caller may list, newest first (D-11e: the order is a convenience only). */
  list(caller: Caller, filter: StatementFilter): StatementRecord[] {
    const out: StatementRecord[] = []
    for (let i = this.#order.length - 1; i >= 0; i--) {
      const r = this.#order[i]!
      if (r.owner.roleArn !== caller.roleArn) continue
      if (!filter.roleLevel && r.owner.arn !== caller.arn) continue
      if (filter.status !== 'ALL' && r.status !== filter.status) continue
      if (
        filter.statementName !== undefined &&
        !(r.statementName ?? '').startsWith(filter.statementName)
      )
        continue
      // The emulator has no provisioned clusters: no statement ran on one.
      if (filter.clusterIdentifier !== undefined) continue
      if (filter.workgroupName !== undefined && r.workgroupName !== filter.workgroupName) continue
      if (filter.database !== undefined && r.database !== filter.database) continue
      out.push(r)
    }
    return out
  }

  /**
   * R-API-13: results are kept 24 hours. Ended statements older than that are dropped when
   * the next one is submitted (no timer: a test never runs that long).
   */
  #expire(now: number): void {
    let n = 0
    while (n < this.#order.length) {
      const r = this.#order[n]!
      if (r.createdAt > now - RESULT_MS || !TERMINAL.has(r.status)) break
      this.#statements.delete(r.id)
      n++
    }
    if (n > 0) this.#order.splice(0, n)
    for (const [key, token] of this.#tokens) if (token.expires < now) this.#tokens.delete(key)
  }

  /** Aborts what runs (at once) and waits for it to stop (the server is closing). */
  async close(): Promise<void> {
    for (const internal of this.#statements.values()) {
      if (TERMINAL.has(internal.record.status)) continue
      internal.cancelRequested = true
      internal.abort.abort()
      void internal.session?.cancel().catch(() => undefined)
    }
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      Promise.all([...this.#running]),
      new Promise<void>((r) => {
        timer = setTimeout(r, 5000)
      }),
    ])
    clearTimeout(timer)
    for (const internal of this.#statements.values())
      if (!TERMINAL.has(internal.record.status)) this.#abortNow(internal)
  }

  async #run(internal: Internal, options: SubmitOptions): Promise<void> {
    const { record } = internal
    const dataApiSession = options.target.kind === 'session' ? options.target.session : undefined
    let own: Session | undefined
    try {
      // The answer to ExecuteStatement goes out before the statement is picked up.
      await new Promise<void>((r) => setImmediate(r))
      if (TERMINAL.has(record.status)) return
      this.#status(record, 'PICKED')
      const sqls = options.sqls
      const hang = this.#hang
      if (
        hang &&
        sqls.some((s) => {
          hang.lastIndex = 0 // a /g RegExp keeps state between tests
          return hang.test(s)
        })
      ) {
        // Test hook: STARTED until cancelled (or the server closes).
        this.#status(record, 'STARTED')
        record.startedNs = process.hrtime.bigint()
        await new Promise<void>((r) => {
          if (internal.abort.signal.aborted) r()
          else internal.abort.signal.addEventListener('abort', () => r(), { once: true })
        })
        this.#abortNow(internal)
        return
      }
      const serviceMs = this.#serviceMs(sqls)
      if (serviceMs > 0) {
        // Test hook: STARTED for the service time (a timer: the event loop stays free), then
        // the SQL runs. A cancel meanwhile ends it ABORTED without running anything.
        this.#status(record, 'STARTED')
        record.startedNs = process.hrtime.bigint()
        await abortableDelay(serviceMs, internal.abort.signal)
        if (internal.abort.signal.aborted) {
          this.#abortNow(internal)
          return
        }
      }
      let session: Session
      if (dataApiSession) session = await this.#sessions.connection(dataApiSession)
      else {
        const t = options.target as Extract<StatementTarget, { kind: 'connect' }>
        own = await this.#rs.acquire({
          workgroup: t.workgroupName,
          database: t.database,
          identity: t.identity,
        })
        session = own
      }
      if (TERMINAL.has(record.status)) return
      internal.session = session
      record.redshiftPid = session.pid
      record.dbUser = session.user.name
      this.#status(record, 'STARTED')
      record.startedNs ??= process.hrtime.bigint()
      if (record.isBatch) await this.#runBatch(internal, session)
      else await this.#runSingle(internal, session)
    } catch (error) {
      // Connection failures (secret, password, database) end the statement FAILED (R-API-3).
      if (internal.cancelRequested) this.#abortNow(internal)
      else this.#end(record, 'FAILED', errorText(error))
      for (const sub of record.subStatements)
        if (!TERMINAL.has(sub.status)) this.#end(sub, 'ABORTED', undefined)
    } finally {
      internal.session = undefined
      if (own) await this.#rs.release(own).catch(() => undefined)
      if (dataApiSession) this.#sessions.release(dataApiSession)
      if (!TERMINAL.has(record.status))
        this.#end(record, 'FAILED', 'ERROR: the statement stopped unexpectedly')
      internal.resolve()
    }
  }

  async #runSingle(internal: Internal, session: Session): Promise<void> {
    const { record } = internal
    try {
      const result = await session.query(record.queryString, {
        parameters: parameterRecord(record.parameters),
        signal: internal.abort.signal,
        ...(record.statementName !== undefined ? { label: record.statementName } : {}),
      })
      record.result = result
      record.redshiftQueryId = result.queryId
      this.#end(record, 'FINISHED', undefined)
    } catch (error) {
      if (internal.cancelRequested || isCancel(error))
        this.#end(record, 'ABORTED', errorText(error, CANCELLED))
      else this.#end(record, 'FAILED', errorText(error))
    }
  }

  /** R-API-6: serially, in one transaction (TRANSACTION mode): the first failure rolls all back. */
  async #runBatch(internal: Internal, session: Session): Promise<void> {
    const { record } = internal
    const transaction = record.executionMode !== 'AUTO_COMMIT'
    const parameters = parameterRecord(record.parameters)
    const label = record.statementName !== undefined ? { label: record.statementName } : {}
    if (transaction) await session.query('BEGIN', { signal: internal.abort.signal })
    let failed: { readonly sub: StatementRun; readonly aborted: boolean } | undefined
    for (const sub of record.subStatements) {
      if (failed || internal.cancelRequested) {
        this.#end(sub, 'ABORTED', undefined)
        continue
      }
      this.#status(sub, 'STARTED')
      sub.startedNs = process.hrtime.bigint()
      try {
        const result = await session.query(sub.queryString, {
          parameters,
          signal: internal.abort.signal,
          ...label,
        })
        sub.result = result
        sub.redshiftQueryId = result.queryId
        record.redshiftQueryId = result.queryId
        this.#end(sub, 'FINISHED', undefined)
      } catch (error) {
        const aborted = internal.cancelRequested || isCancel(error)
        this.#end(
          sub,
          aborted ? 'ABORTED' : 'FAILED',
          errorText(error, aborted ? CANCELLED : undefined),
        )
        failed = { sub, aborted }
      }
    }
    if (transaction) {
      if (failed || internal.cancelRequested) await session.query('ROLLBACK').catch(() => undefined)
      else {
        try {
          await session.query('COMMIT')
        } catch (error) {
          this.#end(record, 'FAILED', errorText(error))
          return
        }
      }
    }
    if (failed) this.#end(record, failed.aborted ? 'ABORTED' : 'FAILED', failed.sub.error)
    else if (internal.cancelRequested) this.#end(record, 'ABORTED', CANCELLED)
    else this.#end(record, 'FINISHED', undefined)
  }

  /** The service time of a statement, or of a batch (its slowest statement's). */
  #serviceMs(sqls: readonly string[]): number {
    const time = this.#serviceTime
    if (!time) return 0
    let ms = 0
    for (const sql of sqls) {
      const t = time(sql)
      if (!Number.isFinite(t) || t < 0)
        throw new RedshiftLocalError(
          'CONFIG',
          `serviceTimeMs must give a non-negative number of milliseconds, got ${t}`,
          { field: 'serviceTimeMs' },
        )
      ms = Math.max(ms, t)
    }
    return ms
  }

  #abortNow(internal: Internal): void {
    const { record } = internal
    if (!TERMINAL.has(record.status)) this.#end(record, 'ABORTED', CANCELLED)
    for (const sub of record.subStatements)
      if (!TERMINAL.has(sub.status)) this.#end(sub, 'ABORTED', undefined)
    internal.resolve()
  }

  #status(run: StatementRun, status: StatementStatus): void {
    if (TERMINAL.has(run.status)) return
    run.status = status
    run.updatedAt = Date.now()
  }

  #end(run: StatementRun, status: StatementStatus, error: string | undefined): void {
    if (TERMINAL.has(run.status)) return
    run.status = status
    run.error = status === 'FINISHED' ? undefined : error
    run.updatedAt = Date.now()
    if (run.startedNs !== undefined)
      run.durationNs = Number(process.hrtime.bigint() - run.startedNs)
  }
}

/** `HasResultSet` (R-API-8): true for an empty result set, and for a batch if any sub-statement has one. */
export function hasResultSet(record: StatementRecord, run: StatementRun = record): boolean {
  if (run === record && record.isBatch)
    return record.subStatements.some((s) => s.result?.hasResultSet === true)
  return run.result?.hasResultSet === true
}

/** `ResultRows` (R-API-8): rows returned or affected; -1 when null. */
export function resultRows(record: StatementRecord, run: StatementRun = record): number {
  if (run === record && record.isBatch) {
    const counted = record.subStatements.filter((s) => s.result && s.result.rowCount >= 0)
    return counted.length === 0 ? -1 : counted.reduce((n, s) => n + s.result!.rowCount, 0)
  }
  return run.result ? run.result.rowCount : -1
}

/** `ResultSize` (R-API-8): bytes of the returned values; -1 when null. */
export function resultBytes(record: StatementRecord, run: StatementRun = record): number {
  if (run === record && record.isBatch) {
    const done = record.subStatements.filter((s) => s.result)
    return done.length === 0 ? -1 : done.reduce((n, s) => n + resultSize(s.result!), 0)
  }
  return run.result ? resultSize(run.result) : -1
}

/** The duration so far of a statement that runs, or its final duration (ns). */
export function durationNs(run: StatementRun): number {
  if (run.status === 'STARTED' && run.startedNs !== undefined)
    return Number(process.hrtime.bigint() - run.startedNs)
  return run.durationNs
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}

function parameterRecord(
  parameters: readonly SqlParameter[] | undefined,
): Record<string, string> | undefined {
  if (!parameters) return undefined
  return Object.fromEntries(parameters.map((p) => [p.name, p.value]))
}

function isCancel(error: unknown): boolean {
  return error instanceof RedshiftLocalError && error.code === 'CANCELLED'
}

/** The error text DescribeStatement shows: Redshift's `ERROR: …` form. */
function errorText(error: unknown, fallback?: string): string {
  if (fallback !== undefined && isCancel(error)) return fallback
  const message = error instanceof Error ? error.message : String(error)
  if (fallback !== undefined && !message) return fallback
  return message.startsWith('ERROR:') ? message : `ERROR: ${message}`
}
