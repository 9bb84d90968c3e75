#!/usr/bin/env node
// (2) generate → COPY into a local PostgreSQL vs `psql \copy` of the same pre-generated CSV
// files; (3) vs the seed's approach, one INSERT per row over pg (a bounded sample, rate
// extrapolated). (2) runs RSP_BENCH_ROUNDS times (default 5: this machine's speed drifts
// between runs), alternating, medians compared. Scale DATAGEN_BENCH_SCALE, default 1 (a million
// bookings, as in (1)): at 0.2 the whole load takes ~1.5 s and the fixed start-up (Node, pg's
// import, the plan, the first chunk; ~0.3 s, psql's is ~20 ms) weighs as much as throughput.
// Server: RSP_TEST_PG_URL (postgres://postgres:postgres@127.0.0.1:5432/postgres).
// RSP_BENCH_BASELINE=<another checkout, built> also times that checkout's generate → COPY in
// the same rounds (before/after side by side; its column lists are its own model's, so a
// column added since loads as its DEFAULT) and reports ours / baseline.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import pg from '../node_modules/pg/lib/index.js'
import { createPlan, generate } from '../packages/datagen/dist/index.js'
import { airlineModel, renderPostgresDdl } from '../packages/schema/dist/index.js'

// The timed Node child runs without NODE_EXTRA_CA_CERTS: where it is set (it is on the
// machines these figures come from), every Node start first parses that certificate bundle,
// 70–90 ms here, and datagen opens no TLS connection. Everything else is inherited.
const { NODE_EXTRA_CA_CERTS: _caCerts, ...childEnv } = process.env
const url = process.env.RSP_TEST_PG_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres'
const scale = Number(process.env.DATAGEN_BENCH_SCALE ?? 1)
const rounds = Number(process.env.RSP_BENCH_ROUNDS ?? 5)
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const name = `rsp_bench_datagen_${process.pid}`
const admin = new pg.Client({ connectionString: url })
await admin.connect()
await admin.query(`CREATE DATABASE ${name}`)
const u = new URL(url)
u.pathname = `/${name}`
const client = new pg.Client({ connectionString: u.href })
const dir = mkdtempSync(join(tmpdir(), 'rsp-bench-copy-'))
try {
  await client.connect()
  await client.query(renderPostgresDdl(airlineModel, { foreignKeys: false }).script)
  const plan = createPlan({ seed: 1, scale })
  // Baseline input: the same bytes, pre-generated to files (generation not timed).
  const files = []
  for (const table of plan.tables) {
    const chunks = []
    for await (const c of generate({ seed: 1, scale, tables: [table.name] }, { workers: 0 }))
      chunks.push(Buffer.from(c.data))
    const f = join(dir, `${table.name}.csv`)
    writeFileSync(f, Buffer.concat(chunks))
    files.push([table, f])
  }
  const script = [
    'BEGIN;',
    `TRUNCATE ${plan.tables.map((t) => `airline_dw.${t.name}`).join(', ')};`,
    ...files.map(
      ([t, f]) =>
        `\\copy airline_dw.${t.name} (${t.columns.join(', ')}) FROM '${f}' WITH (FORMAT csv)`,
    ),
    'COMMIT;',
  ].join('\n')
  writeFileSync(join(dir, 'load.sql'), script)
  // Ours: a fresh Node process (as `rsp load` runs) that generates with the default worker
  // count and streams into COPY (the atomic truncate + COPY transaction), spawn to exit.
  const pgUrl = new URL('../node_modules/pg/lib/index.js', import.meta.url).href
  const loadScript = (datagenUrl) => `
    const { default: pg } = await import(${JSON.stringify(pgUrl)})
    const { loadAirlineData, PostgresSink } = await import(${JSON.stringify(datagenUrl)})
    const client = new pg.Client({ connectionString: process.argv[1] })
    await client.connect()
    const s = await loadAirlineData({ seed: 1, scale: ${scale}, sink: new PostgresSink({ client }) })
    await client.end()
    process.stdout.write(String(s.rows))
  `
  const oursScript = loadScript(new URL('../packages/datagen/dist/index.js', import.meta.url).href)
  const baseline = process.env.RSP_BENCH_BASELINE
  const baselineScript =
    baseline &&
    loadScript(new URL('packages/datagen/dist/index.js', pathToFileURL(`${baseline}/`)).href)
  const oursOnce = (code = oursScript) => {
    const t = performance.now()
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code, u.href], {
      encoding: 'utf8',
      env: childEnv,
    })
    if (r.status !== 0) throw new Error(`load failed:\n${r.stderr}`)
    return { seconds: (performance.now() - t) / 1000, rows: Number(r.stdout) }
  }
  const psqlOnce = () => {
    const t = performance.now()
    execFileSync('psql', [u.href, '-q', '-v', 'ON_ERROR_STOP=1', '-f', join(dir, 'load.sql')], {
      stdio: 'inherit',
    })
    return (performance.now() - t) / 1000
  }
  // Rounds alternate the two sides so a busy machine slows both alike; medians are compared.
  const oursRuns = []
  const psqlRuns = []
  const baselineRuns = []
  const summary = { rows: 0, baselineRows: 0 }
  for (let r = 0; r < rounds; r++) {
    const o = oursOnce()
    summary.rows = o.rows
    oursRuns.push(o.seconds)
    if (baselineScript) {
      const b = oursOnce(baselineScript)
      summary.baselineRows = b.rows
      baselineRuns.push(b.seconds)
    }
    psqlRuns.push(psqlOnce())
  }
  const ours = median(oursRuns)
  const psql = median(psqlRuns)
  const base = baselineScript ? median(baselineRuns) : undefined
  // Each round ran both back to back: the median of the per-round ratios is the steadier figure
  // on a machine whose speed drifts.
  const pairedRatio = baselineScript
    ? median(oursRuns.map((o, i) => o / baselineRuns[i]))
    : undefined
  // Seed's approach: one INSERT per booking row over pg, bounded sample.
  const sample = 3000
  const bookings = plan.tables.find((x) => x.name === 'fact_bookings')
  await client.query('CREATE TEMP TABLE b_insert (LIKE airline_dw.fact_bookings)')
  const lines = files.find(([x]) => x.name === 'fact_bookings')[1]
  const rows = execFileSync('head', ['-n', String(sample), lines], { encoding: 'utf8' })
    .trim()
    .split('\n')
  const cols = bookings.columns
  const sql = `INSERT INTO b_insert (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`
  const t = performance.now()
  for (const line of rows)
    await client.query(
      sql,
      line.split(',').map((v) => (v === '' ? null : v)),
    )
  const insertRate = rows.length / ((performance.now() - t) / 1000)
  const oursRate = summary.rows / ours
  const psqlRate = summary.rows / psql
  console.log(`scale ${scale}: ${summary.rows} rows in all tables`)
  console.log(
    `generate → COPY: ${ours.toFixed(2)} s (${Math.round(oursRate).toLocaleString()} rows/s)`,
  )
  console.log(
    `psql \\copy of pre-generated files: ${psql.toFixed(2)} s (${Math.round(psqlRate).toLocaleString()} rows/s)`,
  )
  console.log(`ratio vs psql \\copy: ${(psql / ours).toFixed(2)} (target ≥ 0.8)`)
  if (base !== undefined)
    console.log(
      `baseline ${baseline}: ${base.toFixed(2)} s (${summary.baselineRows} rows); ours / baseline ${(ours / base).toFixed(3)} (medians), ${pairedRatio.toFixed(3)} (median of per-round ratios; target ≤ 1.05)`,
    )
  console.log(
    `one INSERT per row (seed): ${Math.round(insertRate).toLocaleString()} rows/s → speed-up ${(oursRate / insertRate).toFixed(1)}×`,
  )
  console.log(
    JSON.stringify({
      scale,
      rows: summary.rows,
      oursSeconds: ours,
      psqlSeconds: psql,
      oursRuns,
      psqlRuns,
      ratioVsPsqlCopy: psql / ours,
      ...(base === undefined
        ? {}
        : {
            baselineSeconds: base,
            baselineRuns,
            baselineRows: summary.baselineRows,
            ratioOfBaseline: ours / base,
            pairedRatioOfBaseline: pairedRatio,
          }),
      insertRowsPerSecond: insertRate,
      speedupVsInsert: oursRate / insertRate,
    }),
  )
} finally {
  await client.end().catch(() => {})
  await admin.query(`DROP DATABASE IF EXISTS ${name}`)
  await admin.end()
  rmSync(dir, { recursive: true, force: true })
}
