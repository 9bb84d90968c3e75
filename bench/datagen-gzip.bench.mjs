#!/usr/bin/env node
// (1) Fact rows → gzip CSV parts on all cores, vs `gzip -1` over the same CSV bytes (the
// compression floor, one process per part file, run in parallel on all cores too). Both sides
// run RSP_BENCH_ROUNDS times (default 7: this machine's speed drifts between runs), alternating; the medians are compared.
// RSP_BENCH_BASELINE=<another checkout, built> also times that checkout's datagen in the same
// rounds (before/after side by side) and reports ours / baseline.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createPlan, generate } from '../packages/datagen/dist/index.js'

// The timed Node child runs without NODE_EXTRA_CA_CERTS: where it is set (it is on the
// machines these figures come from), every Node start first parses that certificate bundle,
// 70–90 ms here, and datagen opens no TLS connection. Everything else is inherited.
const { NODE_EXTRA_CA_CERTS: _caCerts, ...childEnv } = process.env
const scale = Number(process.env.DATAGEN_BENCH_SCALE ?? 1)
const rounds = Number(process.env.RSP_BENCH_ROUNDS ?? 7)
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const cores = availableParallelism()
const tables = ['fact_flight_operations', 'fact_bookings', 'fact_daily_revenue']
const plan = createPlan({ seed: 1, scale, tables, parts: 4 })
const dir = mkdtempSync(join(tmpdir(), 'rsp-bench-gzip-'))
try {
  // The same CSV bytes, written once, for the floor: gzip -1 over each part file.
  const files = new Map()
  for await (const c of generate(plan, { workers: 0, encoding: 'csv' })) {
    const k = `${c.table}-${c.part}.csv`
    files.set(k, [...(files.get(k) ?? []), Buffer.from(c.data)])
  }
  let csvBytes = 0
  for (const [k, parts] of files) {
    const b = Buffer.concat(parts)
    csvBytes += b.length
    writeFileSync(join(dir, k), b)
  }
  files.clear()
  const names = readdirSync(dir)
  // Ours: a fresh Node process (as `rsp datagen` runs) generating gzip parts with the default
  // worker count, timed from spawn to exit. A fresh process each round, so no run inherits
  // another's compiled code.
  const script = (distUrl) => `
    const { createPlan, generate } = await import(${JSON.stringify(distUrl)})
    const plan = createPlan(${JSON.stringify({ seed: 1, scale, tables, parts: 4 })})
    let rows = 0
    for await (const c of generate(plan, { encoding: 'gzip' })) rows += c.rows
    process.stdout.write(String(rows))
  `
  const oursScript = script(new URL('../packages/datagen/dist/index.js', import.meta.url).href)
  const baseline = process.env.RSP_BENCH_BASELINE
  const baselineScript =
    baseline &&
    script(new URL('packages/datagen/dist/index.js', pathToFileURL(`${baseline}/`)).href)
  const oursOnce = (code = oursScript) => {
    const t = performance.now()
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
      encoding: 'utf8',
      env: childEnv,
    })
    if (r.status !== 0) throw new Error(`datagen failed:\n${r.stderr}`)
    return { seconds: (performance.now() - t) / 1000, rows: Number(r.stdout) }
  }
  // The floor: gzip -1 over the part files, as many processes at once as there are cores.
  const floorOnce = async () => {
    const t = performance.now()
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
    return (performance.now() - t) / 1000
  }
  // Rounds alternate the two sides so a busy machine slows both alike; medians are compared.
  const oursRuns = []
  const floorRuns = []
  const baselineRuns = []
  let rows = 0
  let baselineRows = 0
  for (let r = 0; r < rounds; r++) {
    const o = oursOnce()
    rows = o.rows
    oursRuns.push(o.seconds)
    if (baselineScript) {
      const b = oursOnce(baselineScript)
      baselineRows = b.rows
      baselineRuns.push(b.seconds)
    }
    floorRuns.push(await floorOnce())
  }
  const ours = median(oursRuns)
  const floor = median(floorRuns)
  const base = baselineScript ? median(baselineRuns) : undefined
  // Each round ran both back to back: the median of the per-round ratios is the steadier figure
  // on a machine whose speed drifts.
  const pairedRatio = baselineScript
    ? median(oursRuns.map((o, i) => o / baselineRuns[i]))
    : undefined
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
  if (base !== undefined)
    console.log(
      `baseline ${baseline}: ${base.toFixed(2)} s (${baselineRows} fact rows); ours / baseline ${(ours / base).toFixed(3)} (medians), ${pairedRatio.toFixed(3)} (median of per-round ratios; target ≤ 1.05)`,
    )
  console.log(
    JSON.stringify({
      scale,
      cores,
      factRows: rows,
      rowsPerSecond: Math.round(rows / ours),
      oursSeconds: ours,
      gzipFloorSeconds: floor,
      oursRuns,
      floorRuns,
      ratioOfFloor: ratio,
      ...(base === undefined
        ? {}
        : {
            baselineSeconds: base,
            baselineRuns,
            baselineRows,
            ratioOfBaseline: ours / base,
            pairedRatioOfBaseline: pairedRatio,
          }),
    }),
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
}
