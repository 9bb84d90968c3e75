#!/usr/bin/env node
// `rsp etl` into PostgreSQL: one day batch at scale 1 (≈ 17 flight operations, ≈ 2,700
// bookings and their daily revenue: generate, then one transaction of DELETE the day + COPY
// FROM STDIN with the foreign keys in place) against the initial load's throughput measured in
// the same run (loadAirlineData → PostgresSink: TRUNCATE + COPY of every table, 1.3 M rows),
// into the schema as the model (= every migration, 0004's index on fact_bookings(operation_key)
// included) describes it. The initial load covers 2024-01-01 … 2024-11-30 so December can be
// appended; RSP_BENCH_ROUNDS (default 7) batches append Dec 1, 2, …, each timed from generation
// to COMMIT with one generator reused (as `rsp etl --follow`); the first (cold: world and
// booking-key index built) is reported apart. Then the first day is re-run (replace, not
// append) ETL_BENCH_RERUNS times (default 3, median) with the schema's index, and as many times
// after dropping it: the baseline, a database that has not run migration 0004 (each deleted
// operation's foreign-key check then scans every booking). Last, the index is created again,
// timed: what migrating an existing database forward to 0004 costs (writes to fact_bookings
// wait that long). Reports rows/s, the ratio ETL / initial load (a day is small, so per-batch
// fixed costs — round trips, the transaction, FK checks per row — weigh more than in a bulk
// load) and the re-run with the index / without it.
// Server: RSP_TEST_PG_URL (postgres://postgres:postgres@127.0.0.1:5432/postgres). Needs built dists.
import pg from '../node_modules/pg/lib/index.js'
import {
  applyDayBatchPostgres,
  DayBatchGenerator,
  loadAirlineData,
  PostgresSink,
} from '../packages/datagen/dist/index.js'
import { airlineModel, renderPostgresDdl } from '../packages/schema/dist/index.js'

const url = process.env.RSP_TEST_PG_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres'
const scale = Number(process.env.ETL_BENCH_SCALE ?? 1)
const rounds = Number(process.env.RSP_BENCH_ROUNDS ?? 7)
const reruns = Number(process.env.ETL_BENCH_RERUNS ?? 3)
const LOAD = { seed: 1, scale, startDate: '2024-01-01', days: 335 }
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const name = `rsp_bench_etl_${process.pid}`
const admin = new pg.Client({ connectionString: url })
await admin.connect()
await admin.query(`CREATE DATABASE ${name}`)
const u = new URL(url)
u.pathname = `/${name}`
const pool = new pg.Pool({ connectionString: u.href, max: 2 })
try {
  await pool.query(renderPostgresDdl(airlineModel).script)
  const load = await loadAirlineData({
    ...LOAD,
    workers: 0,
    sink: new PostgresSink({ client: pool }),
  })
  const loadRate = load.rows / load.seconds
  console.log(
    `initial load (scale ${scale}, ${LOAD.days} days): ${load.rows.toLocaleString('en-US')} rows in ${load.seconds.toFixed(2)} s, ${Math.round(loadRate).toLocaleString('en-US')} rows/s`,
  )
  const t0 = performance.now()
  const g = new DayBatchGenerator(LOAD)
  const batches = []
  for (let i = 0; i < rounds; i++) {
    const day = `2024-12-${String(i + 1).padStart(2, '0')}`
    const start = i === 0 ? t0 : performance.now()
    const r = await applyDayBatchPostgres(pool, g.batch(day))
    const seconds = (performance.now() - start) / 1000
    batches.push({ day, rows: r.rows, seconds, rate: r.rows / seconds })
    console.log(
      `etl ${day}${i === 0 ? ' (cold)' : ''}: ${r.rows.toLocaleString('en-US')} rows in ${(seconds * 1000).toFixed(0)} ms, ${Math.round(r.rows / seconds).toLocaleString('en-US')} rows/s`,
    )
  }
  // Re-runs of a loaded day: the DELETE of its operations makes PostgreSQL check fact_bookings
  // for rows still referencing each one (the foreign key on operation_key).
  const rerun = async (label) => {
    const times = []
    let r
    for (let i = 0; i < reruns; i++) {
      const start = performance.now()
      r = await applyDayBatchPostgres(pool, g.batch('2024-12-01'))
      times.push((performance.now() - start) / 1000)
    }
    const seconds = median(times)
    console.log(
      `etl 2024-12-01 again, ${label} (replace ${r.replaced.fact_bookings} bookings; median of ${reruns}): ${(seconds * 1000).toFixed(0)} ms, ${Math.round(r.rows / seconds).toLocaleString('en-US')} rows/s`,
    )
    return { rows: r.rows, seconds }
  }
  const { indexes } = airlineModel.tables.fact_bookings
  const indexed = await rerun(`with the schema's index (${indexes.map((i) => i.name).join(', ')})`)
  for (const i of indexes) await pool.query(`DROP INDEX "airline_dw"."${i.name}"`)
  const bare = await rerun('without it (a database before migration 0004)')
  console.log(
    `re-run with the index: ${(indexed.seconds / bare.seconds).toFixed(3)}× the time without it (${(bare.seconds / indexed.seconds).toFixed(1)}× faster)`,
  )
  const indexStart = performance.now()
  const ddl = renderPostgresDdl(airlineModel).statements.filter((s) => s.startsWith('CREATE INDEX'))
  for (const s of ddl) await pool.query(s)
  const indexMs = performance.now() - indexStart
  console.log(
    `CREATE INDEX on the loaded fact_bookings (migration 0004 on an existing database): ${indexMs.toFixed(0)} ms`,
  )
  const warm = batches.slice(1)
  const etlRate = median(warm.map((b) => b.rate))
  const ratio = etlRate / loadRate
  console.log(
    `etl (warm, median of ${warm.length}): ${Math.round(etlRate).toLocaleString('en-US')} rows/s = ${ratio.toFixed(2)}× the initial load's rows/s`,
  )
  console.log(
    JSON.stringify({
      bench: 'etl',
      scale,
      loadRowsPerSecond: Math.round(loadRate),
      etlRowsPerDay: median(warm.map((b) => b.rows)),
      etlColdMs: Math.round(batches[0].seconds * 1000),
      etlWarmMedianMs: Math.round(median(warm.map((b) => b.seconds)) * 1000),
      etlRowsPerSecond: Math.round(etlRate),
      replaceRowsPerSecond: Math.round(indexed.rows / indexed.seconds),
      replaceMs: Math.round(indexed.seconds * 1000),
      replaceWithoutIndexMs: Math.round(bare.seconds * 1000),
      replaceIndexRatio: Number((indexed.seconds / bare.seconds).toFixed(3)),
      createIndexMs: Math.round(indexMs),
      ratio: Number(ratio.toFixed(3)),
    }),
  )
} finally {
  await pool.end()
  await admin.query(`DROP DATABASE IF EXISTS ${name}`)
  await admin.end()
}
