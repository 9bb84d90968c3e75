/**
 * One deadline and one caller's signal for everything done for a statement: its requests
 * (each sent with an `abortSignal` that fires at the deadline or when the caller aborts),
 * their retries and backoff sleeps, and the polls in between. When either fires, the pending
 * request or sleep rejects with a {@link ScopeStop} at once, whether or not the client honours
 * the signal, so nothing outlives the deadline.
 */

/** Why a scope stopped: its deadline passed, or the caller aborted. Internal, never thrown out. */
export class ScopeStop extends Error {
  override name = 'ScopeStop'
  readonly reason: 'deadline' | 'abort'
  /** The caller's `signal.reason` (abort only). */
  readonly abortReason: unknown
  /** The request error that was being retried when the scope stopped, if any. */
  lastError: unknown

  constructor(reason: 'deadline' | 'abort', abortReason?: unknown) {
    super(reason === 'deadline' ? 'deadline passed' : 'aborted by the caller')
    this.reason = reason
    this.abortReason = abortReason
  }
}

export class Scope {
  readonly #deadline: number
  readonly #signal: AbortSignal | undefined

  /** A scope of `timeoutMs` from now; `signal` is the caller's (several are combined). */
  constructor(timeoutMs: number, signals: readonly (AbortSignal | undefined)[] = []) {
    this.#deadline = performance.now() + timeoutMs
    const given = signals.filter((s): s is AbortSignal => s !== undefined)
    this.#signal = given.length <= 1 ? given[0] : AbortSignal.any(given)
  }

  /** Milliseconds left before the deadline (0 once it passed). */
  remaining(): number {
    return Math.max(0, this.#deadline - performance.now())
  }

  /** Throws a {@link ScopeStop} if the caller aborted or the deadline passed. */
  check(): void {
    if (this.#signal?.aborted) throw new ScopeStop('abort', this.#signal.reason)
    if (this.remaining() <= 0) throw new ScopeStop('deadline')
  }

  /** Waits `ms`, cut short (with a {@link ScopeStop}) by the deadline or the caller. */
  sleep(ms: number): Promise<void> {
    return this.run(
      (signal) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ms)
          signal.addEventListener('abort', () => clearTimeout(timer), { once: true })
        }),
    )
  }

  /**
   * Runs `fn` with a signal that aborts at the deadline or when the caller aborts; the
   * returned promise then rejects with a {@link ScopeStop} without waiting for `fn`.
   */
  run<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      this.check()
    } catch (stop) {
      return Promise.reject(stop)
    }
    const controller = new AbortController()
    const caller = this.#signal
    return new Promise<T>((resolve, reject) => {
      const stop = (s: ScopeStop) => {
        controller.abort(s)
        reject(s)
      }
      const onAbort = () => stop(new ScopeStop('abort', caller?.reason))
      const timer = setTimeout(() => stop(new ScopeStop('deadline')), this.remaining())
      caller?.addEventListener('abort', onAbort, { once: true })
      const done = () => {
        clearTimeout(timer)
        caller?.removeEventListener('abort', onAbort)
      }
      let result: Promise<T>
      try {
        result = fn(controller.signal)
      } catch (error) {
        done()
        reject(error)
        return
      }
      result.then(
        (value) => {
          done()
          resolve(value)
        },
        (error: unknown) => {
          done()
          // After a stop the request's own AbortError is noise: the stop was reported.
          reject(controller.signal.aborted ? controller.signal.reason : error)
        },
      )
    })
  }
}
