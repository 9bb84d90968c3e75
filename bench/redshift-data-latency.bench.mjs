#!/usr/bin/env node
// Redshift Data API dialect: time per query against the PGlite-backed fake with a simulated
// service time of 200 ms. Target: total ≤ service time + one poll interval (the interval the
// adaptive backoff is at when the statement finishes). Baseline in the same run: the ideal
// client that asks exactly once, right when the service time is over (sleep 200 ms, then the
// same SQL on the same PGlite). Prints human lines, then one JSON line with the ratios.
import { Kysely, sql } from 'kysely'
import { RedshiftDataDialect } from '../packages/redshift-data/dist/index.js'
import { createFakeDataApi } from '../packages/redshift-data/dist/testing/index.js'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
const SERVICE_MS = 200
const RUNS = 15
const polling = { initialDelayMs: 10, multiplier: 1.5, maxDelayMs: 1000 } // the dialect's defaults
const QUERY = 'select g as n, g * 2 as twice from generate_series(1, 50) g'

const fake = await createFakeDataApi({ latencyMs: SERVICE_MS })
const db = new Kysely({
  dialect: new RedshiftDataDialect({
    client: fake.client,
    workgroupName: 'bench',
    database: 'dev',
    polling,
  }),
})
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

// The poll interval in effect when a statement of SERVICE_MS finishes.
let elapsed = 0
let interval = polling.initialDelayMs
for (let n = 0; elapsed < SERVICE_MS; n++) {
  interval = Math.min(polling.maxDelayMs, polling.initialDelayMs * polling.multiplier ** n)
  elapsed += interval
}
const bound = SERVICE_MS + interval

await sql.raw(QUERY).execute(db) // warm-up: SDK middleware, PGlite plan cache
const totals = []
const polls = []
for (let i = 0; i < RUNS; i++) {
  const before = fake.calls.DescribeStatement
  const t0 = performance.now()
  const { rows } = await sql.raw(QUERY).execute(db)
  totals.push(performance.now() - t0)
  polls.push(fake.calls.DescribeStatement - before)
  if (rows.length !== 50) throw new Error(`expected 50 rows, got ${rows.length}`)
}
const baselines = []
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now()
  await sleep(SERVICE_MS)
  await fake.pglite.query(QUERY)
  baselines.push(performance.now() - t0)
}
await db.destroy()
await fake.close()

const total = median(totals)
const baseline = median(baselines)
const within = totals.filter((t) => t <= bound).length
console.log(
  `service time ${SERVICE_MS} ms; poll interval at finish ${interval.toFixed(1)} ms; bound ${bound.toFixed(1)} ms`,
)
console.log(
  `dialect total per query: median ${total.toFixed(1)} ms (min ${Math.min(...totals).toFixed(1)}, max ${Math.max(...totals).toFixed(1)})`,
)
console.log(`baseline (ask once at exactly ${SERVICE_MS} ms): median ${baseline.toFixed(1)} ms`)
console.log(
  `DescribeStatement polls per query: median ${median(polls)}; ${within}/${RUNS} queries within the bound`,
)
console.log(
  JSON.stringify({
    bench: 'redshift-data-latency',
    serviceMs: SERVICE_MS,
    pollIntervalAtFinishMs: Number(interval.toFixed(1)),
    ratioTotalToService: Number((total / SERVICE_MS).toFixed(3)),
    ratioTotalToBaseline: Number((total / baseline).toFixed(3)),
    ratioBoundToService: Number((bound / SERVICE_MS).toFixed(3)),
    pollsPerQuery: median(polls),
    withinBound: `${within}/${RUNS}`,
  }),
)
