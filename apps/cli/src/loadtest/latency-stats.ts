/** Latency samples in milliseconds, grown in place (bounded by the load test's query cap). */
export class LatencyRecorder {
  #samples = new Float64Array(1024)
  #count = 0

  record(ms: number): void {
    if (this.#count === this.#samples.length) {
      const next = new Float64Array(this.#samples.length * 2)
      next.set(this.#samples)
      this.#samples = next
    }
    this.#samples[this.#count++] = ms
  }

  get count(): number {
    return this.#count
  }

  /** A sorted copy of the samples. */
  sorted(): Float64Array {
    return this.#samples.slice(0, this.#count).sort()
  }
}

/** The nearest-rank percentile of sorted samples (p in 0–100); NaN when empty. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number
}

export interface HistogramBucket {
  readonly fromMs: number
  readonly toMs: number
  readonly count: number
}

/** Log-2 buckets from 0.125 ms: readable for both local (sub-ms) and Redshift (seconds) latencies. */
export function histogram(sorted: Float64Array): HistogramBucket[] {
  if (sorted.length === 0) return []
  const lowest = Math.floor(Math.log2(Math.max(sorted[0] as number, 0.125)))
  const highest = Math.floor(Math.log2(Math.max(sorted[sorted.length - 1] as number, 0.125)))
  const buckets: HistogramBucket[] = []
  let i = 0
  for (let k = lowest; k <= highest; k++) {
    const from = k === lowest ? 0 : 2 ** k
    const to = 2 ** (k + 1)
    let count = 0
    while (i < sorted.length && ((sorted[i] as number) < to || k === highest)) {
      count++
      i++
    }
    buckets.push({ fromMs: from, toMs: to, count })
  }
  return buckets
}

/** Renders buckets as horizontal bars. */
export function renderHistogram(buckets: readonly HistogramBucket[], width = 40): string {
  const max = Math.max(1, ...buckets.map((b) => b.count))
  const label = (n: number) => (n < 1 ? `${n.toFixed(3).replace(/0+$/, '')}` : `${n}`)
  const labels = buckets.map((b) => `${label(b.fromMs)}–${label(b.toMs)} ms`)
  const pad = Math.max(...labels.map((l) => l.length))
  return buckets
    .map((b, i) => {
      const bar = '█'.repeat(Math.round((b.count / max) * width)) || (b.count > 0 ? '▏' : '')
      return `${(labels[i] ?? '').padStart(pad)} │${bar} ${b.count}`
    })
    .join('\n')
}
