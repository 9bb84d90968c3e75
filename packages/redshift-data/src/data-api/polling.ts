/**
 * How DescribeStatement is polled while a statement runs. The first polls come quickly (most
 * Data API statements finish in well under a second), then the interval grows geometrically up
 * to a cap, so a long COPY costs a few requests a minute instead of hundreds.
 */
export interface PollingOptions {
  /** Delay before the first DescribeStatement. @default 10 */
  readonly initialDelayMs?: number
  /** Factor by which each interval grows. @default 1.5 */
  readonly multiplier?: number
  /** Longest interval between two polls. @default 1000 */
  readonly maxDelayMs?: number
}

export interface ResolvedPollingOptions {
  readonly initialDelayMs: number
  readonly multiplier: number
  readonly maxDelayMs: number
}

export const DEFAULT_POLLING: ResolvedPollingOptions = Object.freeze({
  initialDelayMs: 10,
  multiplier: 1.5,
  maxDelayMs: 1000,
})

/** The delay before poll number `n` (0-based). */
export function pollDelay(n: number, options: ResolvedPollingOptions): number {
  return Math.min(options.maxDelayMs, options.initialDelayMs * options.multiplier ** n)
}
