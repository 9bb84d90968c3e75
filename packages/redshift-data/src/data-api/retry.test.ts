import { describe, expect, it } from 'vitest'
import { DataApiRequestError } from '../errors.js'
import { ScopeStop } from './deadline.js'
import { backoffDelay, isRetryable, withRetry } from './retry.js'

const options = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 4 }

describe('retry', () => {
  it.each([
    [{ name: 'ThrottlingException' }, true],
    [{ name: 'ActiveStatementsExceededException' }, true],
    [{ name: 'Whatever', $metadata: { httpStatusCode: 503 } }, true],
    [{ name: 'Whatever', $fault: 'server' }, true],
    [{ name: 'ValidationException', $fault: 'client', $metadata: { httpStatusCode: 400 } }, false],
    [new Error('socket hang up'), false],
    // R-API-2/3: a server fault (500) of CancelStatement and the metadata operations; retried
    // by its name even when the client reports no HTTP status.
    [{ name: 'DatabaseConnectionException' }, true],
    [{ name: 'AbortError' }, false],
  ])('isRetryable(%o) is %s', (error, expected) => {
    expect(isRetryable(error)).toBe(expected)
  })

  it('caps the jittered backoff', () => {
    expect(backoffDelay(10, { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 500 }, () => 1)).toBe(
      500,
    )
    expect(backoffDelay(2, { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 500 }, () => 0.5)).toBe(
      100,
    )
  })

  it('retries until success and reports each retry', async () => {
    let calls = 0
    const retries: number[] = []
    const result = await withRetry(
      'X',
      options,
      async () => {
        calls++
        if (calls < 3) throw Object.assign(new Error('slow down'), { name: 'ThrottlingException' })
        return 'ok'
      },
      (info) => retries.push(info.attempt),
    )
    expect(result).toBe('ok')
    expect(retries).toEqual([1, 2])
  })

  it('stops at the first non-retryable error', async () => {
    let calls = 0
    const error = await withRetry('X', options, async () => {
      calls++
      throw Object.assign(new Error('bad'), { name: 'ValidationException' })
    }).catch((e) => e)
    expect(error).toBeInstanceOf(DataApiRequestError)
    expect(error).toMatchObject({
      command: 'X',
      attempts: 1,
      serviceCode: 'ValidationException',
      retryable: false,
    })
    expect(calls).toBe(1)
  })

  it('stops at once on a ScopeStop (deadline or abort), from an attempt or from the backoff wait', async () => {
    const throttled = Object.assign(new Error('slow down'), { name: 'ThrottlingException' })
    let calls = 0
    const fromWait = await withRetry(
      'X',
      options,
      async () => {
        calls++
        throw throttled
      },
      undefined,
      async () => {
        throw new ScopeStop('deadline')
      },
    ).catch((e) => e)
    expect(fromWait).toBeInstanceOf(ScopeStop)
    expect(fromWait).toMatchObject({ reason: 'deadline', lastError: throttled })
    expect(calls).toBe(1)
    const fromAttempt = await withRetry('X', options, async () => {
      calls++
      if (calls === 2) throw throttled
      throw new ScopeStop('abort', 'why')
    }).catch((e) => e)
    expect(fromAttempt).toMatchObject({ reason: 'abort', abortReason: 'why', lastError: throttled })
    expect(calls).toBe(3)
  })
})
