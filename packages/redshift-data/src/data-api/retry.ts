import { DataApiRequestError } from '../errors.js'
import { ScopeStop } from './deadline.js'

/** Retry of Data API requests that failed for reasons a later attempt can fix. */
export interface RetryOptions {
  /** Attempts in total, including the first. @default 6 */
  readonly maxAttempts?: number
  /** Base of the exponential backoff. @default 50 */
  readonly baseDelayMs?: number
  /** Cap of one backoff delay. @default 5000 */
  readonly maxDelayMs?: number
}

export interface ResolvedRetryOptions {
  readonly maxAttempts: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
}

export const DEFAULT_RETRY: ResolvedRetryOptions = Object.freeze({
  maxAttempts: 6,
  baseDelayMs: 50,
  maxDelayMs: 5000,
})

const RETRYABLE_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ActiveStatementsExceededException',
  'ActiveSessionsExceededException',
  'ActiveWaitingRequestsExceededException',
  'InternalServerException',
  // "Connection to a database failed": a server fault (HTTP 500) that the Smithy model lists
  // for CancelStatement and the metadata operations only, with no @retryable trait (the model
  // gives none of its errors one). Retried like the other 5xx, as the SDK's own standard
  // retry strategy does (@smithy/core service-error-classification: 500 is transient), and
  // named here so a client that reports no HTTP status (a mock) is classified the same way.
  'DatabaseConnectionException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalFailure',
])

interface ServiceErrorLike {
  readonly name?: string
  readonly $fault?: string
  readonly $metadata?: { readonly httpStatusCode?: number }
}

/**
 * Throttling, 5xx and the service's concurrency limits are worth retrying; validation errors
 * and SQL errors are not (SQL errors never arrive here: they are a FAILED status).
 */
export function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const e = error as ServiceErrorLike
  if (e.name && RETRYABLE_NAMES.has(e.name)) return true
  const status = e.$metadata?.httpStatusCode
  if (status !== undefined && (status === 429 || status >= 500)) return true
  return e.$fault === 'server'
}

/** Full-jitter exponential backoff: uniform in [0, min(cap, base·2^attempt)]. */
export function backoffDelay(
  attempt: number,
  options: ResolvedRetryOptions,
  random = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt)
  return Math.round(random() * ceiling)
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms)
  })

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, or runs out of attempts;
 * the final failure is a {@link DataApiRequestError} naming the command and the attempts.
 * `wait` sleeps between attempts (a statement's scope, so the deadline bounds the backoff);
 * a {@link ScopeStop} from an attempt or a wait ends the retries at once, carrying the last
 * request error.
 */
export async function withRetry<T>(
  command: string,
  options: ResolvedRetryOptions,
  attempt: () => Promise<T>,
  onRetry?: (info: { command: string; attempt: number; delayMs: number; error: unknown }) => void,
  wait: (ms: number) => Promise<void> = sleep,
): Promise<T> {
  let last: unknown
  for (let n = 1; ; n++) {
    try {
      return await attempt()
    } catch (error) {
      if (error instanceof ScopeStop) {
        error.lastError ??= last
        throw error
      }
      last = error
      const retryable = isRetryable(error)
      if (!retryable || n >= options.maxAttempts) {
        throw new DataApiRequestError({
          command,
          attempts: n,
          serviceCode: serviceCode(error),
          retryable,
          cause: error,
        })
      }
      const delayMs = backoffDelay(n - 1, options)
      onRetry?.({ command, attempt: n, delayMs, error })
      try {
        await wait(delayMs)
      } catch (stop) {
        if (stop instanceof ScopeStop) stop.lastError ??= error
        throw stop
      }
    }
  }
}

function serviceCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'name' in error) return String(error.name)
  return 'UnknownError'
}
