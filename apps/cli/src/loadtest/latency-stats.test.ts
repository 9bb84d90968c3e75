import { describe, expect, it } from 'vitest'
import { histogram, LatencyRecorder, percentile, renderHistogram } from './latency-stats.js'

describe('latency statistics', () => {
  it('computes nearest-rank percentiles', () => {
    const r = new LatencyRecorder()
    for (let i = 100; i >= 1; i--) r.record(i)
    const s = r.sorted()
    expect(r.count).toBe(100)
    expect([percentile(s, 50), percentile(s, 95), percentile(s, 99), percentile(s, 100)]).toEqual([
      50, 95, 99, 100,
    ])
    expect(percentile(new Float64Array(), 50)).toBeNaN()
  })

  it('grows past its initial capacity', () => {
    const r = new LatencyRecorder()
    for (let i = 0; i < 5000; i++) r.record(i % 7)
    expect(r.count).toBe(5000)
    expect(r.sorted()[4999]).toBe(6)
  })

  it('buckets by powers of two and renders bars', () => {
    const s = Float64Array.from([0.3, 0.6, 1.5, 1.7, 3, 9]).sort()
    const h = histogram(s)
    expect(h).toEqual([
      { fromMs: 0, toMs: 0.5, count: 1 },
      { fromMs: 0.5, toMs: 1, count: 1 },
      { fromMs: 1, toMs: 2, count: 2 },
      { fromMs: 2, toMs: 4, count: 1 },
      { fromMs: 4, toMs: 8, count: 0 },
      { fromMs: 8, toMs: 16, count: 1 },
    ])
    expect(h.reduce((n, b) => n + b.count, 0)).toBe(6)
    expect(renderHistogram(h, 10).split('\n')[2]).toBe('   1–2 ms │██████████ 2')
  })
})
