#!/usr/bin/env node
// (4) Peak RSS while generating scale 10 (≈ 10 million bookings) to gzip CSV parts on all
// cores, measured in a child process (with a heap guard) from its own resource usage.
// RSP_BENCH_BASELINE=<another checkout, built> also measures that checkout's datagen, one run
// each after ours, and reports ours / baseline for RSS and time.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const scale = Number(process.env.DATAGEN_BENCH_RSS_SCALE ?? 10)
if (process.argv[2] === 'child') {
  const dist = process.argv[4]
    ? new URL('packages/datagen/dist/index.js', pathToFileURL(`${process.argv[4]}/`)).href
    : '../packages/datagen/dist/index.js'
  const { FilesSink, loadAirlineData } = await import(dist)
  const t = performance.now()
  const s = await loadAirlineData({
    seed: 1,
    scale,
    sink: new FilesSink({ dir: process.argv[3], s3Prefix: 's3://bench/airline' }),
  })
  // maxRSS covers the whole process, worker threads included (kilobytes on Linux).
  console.log(
    JSON.stringify({
      rows: s.rows,
      seconds: (performance.now() - t) / 1000,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  )
} else {
  const dir = mkdtempSync(join(tmpdir(), 'rsp-bench-rss-'))
  const measure = (checkout) => {
    rmSync(dir, { recursive: true, force: true })
    const r = spawnSync(
      process.execPath,
      [
        '--max-old-space-size=400',
        new URL(import.meta.url).pathname,
        'child',
        dir,
        ...(checkout ? [checkout] : []),
      ],
      { encoding: 'utf8' },
    )
    if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`)
    return JSON.parse(r.stdout.trim().split('\n').pop())
  }
  try {
    const m = measure()
    console.log(
      `scale ${scale}: ${m.rows.toLocaleString()} rows in ${m.seconds.toFixed(1)} s; peak RSS ${m.maxRssMb.toFixed(0)} MB (target < 500 MB)`,
    )
    const baseline = process.env.RSP_BENCH_BASELINE
    const b = baseline ? measure(baseline) : undefined
    if (b)
      console.log(
        `baseline ${baseline}: ${b.seconds.toFixed(1)} s, peak RSS ${b.maxRssMb.toFixed(0)} MB; ours / baseline: RSS ${(m.maxRssMb / b.maxRssMb).toFixed(3)}, time ${(m.seconds / b.seconds).toFixed(3)}`,
      )
    console.log(
      JSON.stringify({
        scale,
        rows: m.rows,
        seconds: m.seconds,
        peakRssMb: m.maxRssMb,
        ratioOfBudget: m.maxRssMb / 500,
        ...(b
          ? {
              baselineSeconds: b.seconds,
              baselinePeakRssMb: b.maxRssMb,
              rssRatioOfBaseline: m.maxRssMb / b.maxRssMb,
              timeRatioOfBaseline: m.seconds / b.seconds,
            }
          : {}),
      }),
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
