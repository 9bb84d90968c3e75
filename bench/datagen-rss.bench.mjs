#!/usr/bin/env node
// (4) Peak RSS while generating scale 10 (≈ 10 million bookings) to gzip CSV parts on all
// cores, measured in a child process (with a heap guard) from its own resource usage.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const scale = Number(process.env.DATAGEN_BENCH_RSS_SCALE ?? 10)
if (process.argv[2] === 'child') {
  const { FilesSink, loadAirlineData } = await import('../packages/datagen/dist/index.js')
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
  try {
    const r = spawnSync(
      process.execPath,
      ['--max-old-space-size=400', new URL(import.meta.url).pathname, 'child', dir],
      { encoding: 'utf8' },
    )
    if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`)
    const m = JSON.parse(r.stdout.trim().split('\n').pop())
    console.log(
      `scale ${scale}: ${m.rows.toLocaleString()} rows in ${m.seconds.toFixed(1)} s; peak RSS ${m.maxRssMb.toFixed(0)} MB (target < 500 MB)`,
    )
    console.log(
      JSON.stringify({
        scale,
        rows: m.rows,
        seconds: m.seconds,
        peakRssMb: m.maxRssMb,
        ratioOfBudget: m.maxRssMb / 500,
      }),
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
