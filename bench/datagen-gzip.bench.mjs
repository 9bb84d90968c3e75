#!/usr/bin/env node
// (1) Fact rows → gzip CSV parts on all cores, vs `gzip -1` over the same CSV bytes (the
// compression floor, one process per part file, run in parallel on all cores too).
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPlan, generate } from '../packages/datagen/dist/index.js'

const scale = Number(process.env.DATAGEN_BENCH_SCALE ?? 1)
const cores = availableParallelism()
const tables = ['fact_flight_operations', 'fact_bookings', 'fact_daily_revenue']
const plan = createPlan({ seed: 1, scale, tables, parts: 4 })
const dir = mkdtempSync(join(tmpdir(), 'rsp-bench-gzip-'))
try {
  // Ours: generate + gzip -1 on all cores.
  let rows = 0
  let t = performance.now()
  for await (const c of generate(plan, { workers: cores, encoding: 'gzip' })) rows += c.rows
  const ours = (performance.now() - t) / 1000
  // The same CSV bytes, written once, then compressed by gzip -1 (parts in parallel).
  const files = new Map()
  for await (const c of generate(plan, { workers: cores, encoding: 'csv' })) {
    const k = `${c.table}-${c.part}.csv`
    files.set(k, [...(files.get(k) ?? []), Buffer.from(c.data)])
  }
  let csvBytes = 0
  for (const [k, parts] of files) {
    const b = Buffer.concat(parts)
    csvBytes += b.length
    writeFileSync(join(dir, k), b)
  }
  const names = readdirSync(dir)
  t = performance.now()
  let i = 0
  await new Promise((resolve, reject) => {
    let running = 0
    const next = () => {
      if (i === names.length && running === 0) return resolve()
      while (running < cores && i < names.length) {
        const f = join(dir, names[i++])
        running++
        const p = spawn('sh', ['-c', `gzip -1 -c '${f}' > /dev/null`])
        p.on('exit', (code) =>
          code === 0 ? (running--, next()) : reject(new Error(`gzip ${code}`)),
        )
      }
    }
    next()
  })
  const floor = (performance.now() - t) / 1000
  const ratio = floor / ours
  console.log(
    `scale ${scale}: ${rows} fact rows, ${(csvBytes / 1e6).toFixed(0)} MB CSV, ${cores} cores`,
  )
  console.log(
    `datagen → gzip CSV: ${ours.toFixed(2)} s = ${Math.round(rows / ours).toLocaleString()} fact rows/s`,
  )
  console.log(
    `gzip -1 over the same bytes: ${floor.toFixed(2)} s (${(csvBytes / 1e6 / floor).toFixed(0)} MB/s)`,
  )
  console.log(`ratio of the compression floor: ${ratio.toFixed(2)} (target ≥ 0.8)`)
  console.log(
    JSON.stringify({
      scale,
      cores,
      factRows: rows,
      rowsPerSecond: Math.round(rows / ours),
      oursSeconds: ours,
      gzipFloorSeconds: floor,
      ratioOfFloor: ratio,
    }),
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
}
