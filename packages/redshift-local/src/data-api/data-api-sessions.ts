/**
 * Data API sessions (R-API-14, D-11d): `SessionKeepAliveSeconds` keeps the emulator `Session`
 * a statement ran on open for later statements that name its `SessionId`, so transactions and
 * temporary tables carry over. A session runs one statement at a time (BUSY); a call while it
 * is busy is refused at once with a ValidationException (D-11d: no queuing). Idle past its
 * keep-alive, or 24 hours after it was created, it is CLOSED: the emulator session is closed,
 * which rolls back a transaction left open.
 *
 * On PGlite one open transaction holds the whole engine: while a Data API session sits idle
 * inside BEGIN … , statements of other sessions wait for it to COMMIT, ROLLBACK or expire.
 */
import { randomUUID } from 'node:crypto'
import type { LocalRedshift } from '../account/local-redshift.js'
import type { Session } from '../account/session.js'
import type { Identity } from '../account/types.js'
import type { Caller } from './data-api-auth.js'
import { notFoundError, validationError } from './data-api-errors.js'

/** R-API-14: a session lives at most 24 hours. */
const MAX_SESSION_MS = 24 * 60 * 60 * 1000

export type SessionStatus = 'AVAILABLE' | 'BUSY' | 'CLOSED'

/** A Data API session and the emulator session behind it. */
export interface DataApiSession {
  readonly id: string
  readonly workgroupName: string
  readonly database: string
  readonly identity: Identity
  readonly secretArn: string | undefined
  /** The caller that created it: only callers of the same IAM role reach it (R-IAM-7). */
  readonly owner: Caller
  readonly createdAt: number
  updatedAt: number
  status: SessionStatus
  keepAliveSeconds: number
  /** The statement running in it (BUSY only). */
  currentStatementId: string | undefined
  /** The database user, once connected (or the IAM user from the start). */
  dbUser: string | undefined
  /** When an AVAILABLE session closes for idleness (epoch ms). */
  expiresAt: number | undefined
}

interface Internal {
  readonly session: DataApiSession
  emulator: Session | undefined
  opening: Promise<Session> | undefined
  idleTimer: NodeJS.Timeout | undefined
  lifeTimer: NodeJS.Timeout | undefined
}

/**
 * The Data API sessions of a server.
 *
 * @example
 * const sessions = new DataApiSessions(rs)
 * const s = sessions.create({ workgroupName: 'producer', database: 'dev', identity, owner: caller, keepAliveSeconds: 60 })
 * sessions.acquire(s, statementId) // BUSY
 * const conn = await sessions.connection(s)
 * sessions.release(s) // AVAILABLE until the keep-alive runs out
 */
export class DataApiSessions {
  readonly #rs: LocalRedshift
  readonly #sessions = new Map<string, Internal>()

  constructor(rs: LocalRedshift) {
    this.#rs = rs
  }

  /** A new session (not connected yet: its first statement connects it). */
  create(options: {
    readonly workgroupName: string
    readonly database: string
    readonly identity: Identity
    readonly secretArn?: string
    readonly dbUser?: string
    readonly owner: Caller
    readonly keepAliveSeconds: number
  }): DataApiSession {
    const now = Date.now()
    const session: DataApiSession = {
      id: randomUUID(),
      workgroupName: options.workgroupName,
      database: options.database,
      identity: options.identity,
      secretArn: options.secretArn,
      owner: options.owner,
      createdAt: now,
      updatedAt: now,
      status: 'AVAILABLE',
      keepAliveSeconds: options.keepAliveSeconds,
      currentStatementId: undefined,
      dbUser: options.dbUser,
      expiresAt: undefined,
    }
    const internal: Internal = {
      session,
      emulator: undefined,
      opening: undefined,
      idleTimer: undefined,
      lifeTimer: undefined,
    }
    internal.lifeTimer = setTimeout(() => void this.close(session), MAX_SESSION_MS)
    internal.lifeTimer.unref()
    this.#sessions.set(session.id, internal)
    return session
  }

  /**
   * The session a `SessionId` names. Unknown (or another role's, R-IAM-7) →
   * ResourceNotFoundException; closed → ValidationException (UNCONFIRMED decision:
   * the model lists both for ExecuteStatement, and a CLOSED session still exists, R-API-14).
   */
  get(id: string, caller: Caller): DataApiSession {
    const internal = this.#sessions.get(id)
    if (!internal || internal.session.owner.roleArn !== caller.roleArn)
      throw notFoundError(`Session ${id} does not exist.`, id)
    if (internal.emulator?.closed && internal.session.status !== 'CLOSED')
      void this.close(internal.session)
    if (internal.session.status === 'CLOSED')
      throw validationError(
        `Session ${id} is closed: its keep-alive ran out or it was closed [R-API-14]`,
      )
    return internal.session
  }

  /** Marks the session BUSY with a statement; a busy session refuses at once (D-11d). */
  acquire(session: DataApiSession, statementId: string): void {
    if (session.status === 'BUSY')
      throw validationError(
        `Session ${session.id} is busy running statement ${session.currentStatementId}: a session runs one statement at a time and does not queue [D-11d]`,
      )
    if (session.status === 'CLOSED')
      throw validationError(`Session ${session.id} is closed [R-API-14]`)
    const internal = this.#sessions.get(session.id)!
    if (internal.idleTimer) clearTimeout(internal.idleTimer)
    internal.idleTimer = undefined
    session.status = 'BUSY'
    session.currentStatementId = statementId
    session.expiresAt = undefined
    session.updatedAt = Date.now()
  }

  /** The emulator session (opened by the first statement; its failure closes the Data API session). */
  async connection(session: DataApiSession): Promise<Session> {
    const internal = this.#sessions.get(session.id)!
    if (internal.emulator) return internal.emulator
    internal.opening ??= this.#rs.connect({
      workgroup: session.workgroupName,
      database: session.database,
      identity: session.identity,
    })
    try {
      const s = await internal.opening
      internal.emulator = s
      session.dbUser = s.user.name
      // Closed meanwhile (server closing, 24 h): do not keep the connection.
      if (session.status === 'CLOSED') await s.close()
      return s
    } catch (error) {
      // A session whose connection fails (secret, password, database) is of no further use.
      internal.opening = undefined
      await this.close(session)
      throw error
    }
  }

  /** The statement ended: AVAILABLE until the keep-alive runs out. */
  release(session: DataApiSession): void {
    const internal = this.#sessions.get(session.id)
    if (!internal || session.status === 'CLOSED') return
    session.currentStatementId = undefined
    session.updatedAt = Date.now()
    if (internal.emulator?.closed) {
      void this.close(session)
      return
    }
    session.status = 'AVAILABLE'
    const ms = session.keepAliveSeconds * 1000
    session.expiresAt = session.updatedAt + ms
    internal.idleTimer = setTimeout(() => void this.close(session), ms)
    internal.idleTimer.unref()
  }

  /** Closes a session and its emulator session (an open transaction rolls back). */
  async close(session: DataApiSession): Promise<void> {
    const internal = this.#sessions.get(session.id)
    if (!internal) return
    if (internal.idleTimer) clearTimeout(internal.idleTimer)
    if (internal.lifeTimer) clearTimeout(internal.lifeTimer)
    internal.idleTimer = undefined
    internal.lifeTimer = undefined
    session.status = 'CLOSED'
    session.currentStatementId = undefined
    session.expiresAt = undefined
    session.updatedAt = Date.now()
    const emulator = internal.emulator
    internal.emulator = undefined
    await emulator?.close().catch(() => undefined)
  }

  /** Sessions a caller may see (same role, R-IAM-7). */
  list(caller: Caller): DataApiSession[] {
    return [...this.#sessions.values()]
      .map((i) => i.session)
      .filter((s) => s.owner.roleArn === caller.roleArn)
  }

  /** Closes every session (the server is stopping). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.#sessions.values()].map((i) => this.close(i.session)))
  }
}
