import { describe, expect, it } from 'vitest'
import type { Check } from '../check/check.js'
import { findings } from '../check/finding.js'
import { configChecks } from '../checks/config/index.js'
import { DiagnosticsError } from '../errors/diagnostics-error.js'
import { healthyConfig } from '../test-fixtures.js'
import { runChecks } from './run-checks.js'
import { type WatchTimer, watchChecks } from './watch-checks.js'

const check = (id: string, run: Check['run']): Check => ({ id, title: id, group: 'config', run })
const okCheck = (id: string) => check(id, async () => [findings.ok(`${id} fine`)])

describe('runChecks', () => {
  it('reports a crashing and a hanging check as findings while the rest complete', async () => {
    let hungSignal: AbortSignal | undefined
    const checks = [
      okCheck('config/a'),
      check('config/crash', async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'status')")
      }),
      check('config/hang', (ctx) => {
        hungSignal = ctx.signal
        return new Promise(() => {}) // never settles and ignores its signal
      }),
      okCheck('config/b'),
      ...configChecks,
    ]
    const report = await runChecks(
      checks,
      { config: healthyConfig },
      { timeoutMs: 200, concurrency: 2 },
    )
    const byId = Object.fromEntries(report.results.map((r) => [r.id, r]))
    expect(report.results.map((r) => r.id)).toEqual(checks.map((c) => c.id))
    expect(byId['config/crash']).toMatchObject({ status: 'fail', failure: 'crash' })
    expect(byId['config/crash']?.findings[0]?.message).toBe(
      "check crashed: Cannot read properties of undefined (reading 'status')",
    )
    expect(byId['config/crash']?.findings[0]?.evidence).toMatchObject({ name: 'TypeError' })
    expect(byId['config/hang']).toMatchObject({ status: 'fail', failure: 'timeout' })
    expect(byId['config/hang']?.findings[0]?.message).toBe('check did not finish within 200 ms')
    expect(hungSignal?.aborted).toBe(true)
    for (const c of [...configChecks, okCheck('config/a'), okCheck('config/b')])
      expect(byId[c.id]?.status).toBe('ok')
    expect(report.status).toBe('fail')
    expect(report.summary).toEqual({
      ok: checks.length - 2,
      warn: 0,
      fail: 2,
      skip: 0,
      checks: checks.length,
    })
  })

  it('bounds concurrency', async () => {
    let running = 0
    let peak = 0
    const slow = (id: string) =>
      check(id, async () => {
        running++
        peak = Math.max(peak, running)
        await new Promise((r) => setTimeout(r, 20))
        running--
        return [findings.ok('done')]
      })
    await runChecks(
      Array.from({ length: 9 }, (_, i) => slow(`config/s${i}`)),
      {},
      { concurrency: 3 },
    )
    expect(peak).toBe(3)
  })

  it('turns a check that returns a non-array, and a DiagnosticsError, into fail findings', async () => {
    const report = await runChecks(
      [
        check('config/bad', async () => 'nope' as never),
        check('config/peer', async () => {
          throw new DiagnosticsError(
            'MISSING_PEER_DEPENDENCY',
            'aws.ec2: install @aws-sdk/client-ec2',
            { field: 'aws.ec2', value: '@aws-sdk/client-ec2' },
          )
        }),
      ],
      {},
    )
    expect(report.results.map((r) => [r.status, r.failure])).toEqual([
      ['fail', 'crash'],
      ['fail', 'crash'],
    ])
    expect(report.results[1]?.findings[0]).toMatchObject({
      message: 'check could not run: aws.ec2: install @aws-sdk/client-ec2',
      remediation: 'aws.ec2: install @aws-sdk/client-ec2',
    })
  })

  it('cancels: running checks are aborted, pending ones skipped', async () => {
    const stop = new AbortController()
    const checks = [
      check(
        'config/wait',
        (ctx) =>
          new Promise((_, reject) =>
            ctx.signal.addEventListener('abort', () => reject(new Error('aborted'))),
          ),
      ),
      okCheck('config/later'),
    ]
    setTimeout(() => stop.abort(), 20)
    const report = await runChecks(checks, {}, { concurrency: 1, signal: stop.signal })
    expect(report.results.map((r) => [r.status, r.failure])).toEqual([
      ['skip', 'aborted'],
      ['skip', 'aborted'],
    ])
  })

  it('filters by group and memoizes loads per run', async () => {
    let loads = 0
    const memoCheck = (id: string) =>
      check(id, async (ctx) => {
        await ctx.memo('k', async () => ++loads)
        return [findings.ok('x')]
      })
    const other: Check = { ...okCheck('data-plane/x'), group: 'data-plane' }
    const report = await runChecks(
      [memoCheck('config/m1'), memoCheck('config/m2'), other],
      {},
      { groups: ['config'] },
    )
    expect(report.results.map((r) => r.id)).toEqual(['config/m1', 'config/m2'])
    expect(loads).toBe(1)
  })

  it('rejects bad input before running anything', async () => {
    let ran = false
    const spy = check('config/spy', async () => {
      ran = true
      return []
    })
    const bad = {
      ...healthyConfig,
      producer: { ...healthyConfig.producer, baseCapacity: '32' },
    } as never
    await expect(runChecks([spy], { config: bad })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      field: 'config.producer.baseCapacity',
      value: '32',
      message: 'config.producer.baseCapacity: expected a number ≥ 0, got "32".',
    })
    const { baseCapacity: _, ...renamed } = healthyConfig.producer
    const old = { ...healthyConfig, producer: { ...renamed, baseRpu: 32 } } as never
    await expect(runChecks([spy], { config: old })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      field: 'config.producer.baseRpu',
      value: 32,
      message:
        'config.producer.baseRpu: renamed to baseCapacity, the name of CreateWorkgroup and CloudFormation; write baseCapacity: 32.',
    })
    await expect(runChecks([spy, spy], {})).rejects.toMatchObject({ code: 'DUPLICATE_CHECK_ID' })
    await expect(runChecks([spy], {}, { concurrency: 0 })).rejects.toMatchObject({
      code: 'OPTION_INVALID',
      field: 'concurrency',
    })
    const badShare = {
      ...healthyConfig,
      datashare: { name: 'Airline Share', publicAccessible: false },
    }
    await expect(runChecks([spy], { config: badShare })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      field: 'config.datashare.name',
    })
    expect(ran).toBe(false)
  })
})

describe('watchChecks', () => {
  it('re-runs every N seconds with an injected timer and keeps status history across runs', async () => {
    const sleeps: number[] = []
    const timer: WatchTimer = { sleep: async (ms) => void sleeps.push(ms) }
    let n = 0
    const counting = check('config/count', async (ctx) => {
      n++
      const since = ctx.history.observe('x', 'MODIFYING', ctx.now())
      return [findings.ok(`run ${n} since ${since.toISOString()}`)]
    })
    let minute = 0
    const now = () => new Date(Date.UTC(2025, 0, 1, 0, minute++))
    const reports = []
    for await (const r of watchChecks(
      [counting],
      {},
      { intervalSeconds: 30, maxRuns: 3, timer, now },
    ))
      reports.push(r)
    expect(reports).toHaveLength(3)
    expect(sleeps).toEqual([30_000, 30_000])
    const messages = reports.map((r) => r.results[0]?.findings[0]?.message)
    expect(new Set(messages.map((m) => m?.split(' since ')[1])).size).toBe(1)
  })

  it('stops when the signal aborts during the wait', async () => {
    const stop = new AbortController()
    const timer: WatchTimer = {
      sleep: (_ms, signal) =>
        new Promise((resolve) => signal?.addEventListener('abort', () => resolve())),
    }
    const seen: number[] = []
    for await (const r of watchChecks(
      [okCheck('config/a')],
      {},
      { intervalSeconds: 1, timer, signal: stop.signal },
    )) {
      seen.push(r.summary.ok)
      stop.abort()
    }
    expect(seen).toEqual([1])
  })

  it('rejects a bad interval', async () => {
    const it = watchChecks([], {}, { intervalSeconds: 0 })
    await expect(it.next()).rejects.toMatchObject({
      code: 'OPTION_INVALID',
      field: 'intervalSeconds',
    })
  })
})
