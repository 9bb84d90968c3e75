import { describe, expect, it } from 'vitest'
import { Scope, ScopeStop } from './deadline.js'

const never = () => new Promise<never>(() => {})

describe('Scope', () => {
  it('rejects at the deadline even when the request ignores its signal, and aborts that signal', async () => {
    const scope = new Scope(50)
    let seen: AbortSignal | undefined
    const started = performance.now()
    const error = await scope
      .run((signal) => {
        seen = signal
        return never()
      })
      .catch((e) => e)
    expect(error).toBeInstanceOf(ScopeStop)
    expect(error.reason).toBe('deadline')
    expect(performance.now() - started).toBeLessThan(1000)
    expect(seen?.aborted).toBe(true)
    // Nothing more runs once the deadline passed.
    expect(() => scope.check()).toThrow(ScopeStop)
    await expect(scope.sleep(1)).rejects.toMatchObject({ reason: 'deadline' })
  })

  it("follows the callers' signals (several combined), with their reason", async () => {
    const a = new AbortController()
    const b = new AbortController()
    const scope = new Scope(60_000, [a.signal, undefined, b.signal])
    const sleeping = scope.sleep(60_000)
    b.abort('stop it')
    await expect(sleeping).rejects.toMatchObject({ reason: 'abort', abortReason: 'stop it' })
    expect(() => new Scope(10, [AbortSignal.abort('early')]).check()).toThrow(ScopeStop)
  })

  it('passes results and errors through; sleep is cut at the deadline', async () => {
    const scope = new Scope(200)
    expect(await scope.run(async () => 42)).toBe(42)
    const boom = new Error('boom')
    await expect(scope.run(async () => Promise.reject(boom))).rejects.toBe(boom)
    const started = performance.now()
    await expect(scope.sleep(60_000)).rejects.toMatchObject({ reason: 'deadline' })
    expect(performance.now() - started).toBeLessThan(1000)
    expect(scope.remaining()).toBe(0)
  })
})
