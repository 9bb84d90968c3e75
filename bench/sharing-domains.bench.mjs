// Planning several datashares at once (issue 21): validate + plan + render 20 shares × 50
// consumers (1,000 consumer databases) with planDatashares, on Redshift and the local target.
// Baseline, measured in the same run: the same 20 shares planned one by one with the
// single-share planDatashare (what a caller without the set-wide planner would do; it cannot
// see moves between shares, so it is a lower bound on the work). Reports ours / baseline, and
// the absolute figures for the note (they depend on the machine; the ratio does not).
import { performance } from 'node:perf_hooks'
import {
  defineDatashare,
  emptyState,
  localRenderer,
  planDatashare,
  planDatashares,
  redshiftRenderer,
  renderScript,
} from '../packages/sharing/dist/index.js'

const SHARES = Number(process.env.SHARES ?? 20)
const CONSUMERS = Number(process.env.CONSUMERS ?? 50)
const tables = [
  'dim_aircraft',
  'dim_airport',
  'dim_customer',
  'dim_date',
  'dim_flight',
  'fact_bookings',
  'fact_daily_revenue',
  'fact_flight_operations',
]
const hex = (i, w = 12) => i.toString(16).padStart(w, '0')
const producer = { namespace: '13b8833d-17c6-4f16-8fe4-1a018f5ed00d', database: 'dev' }
const consumers = Array.from({ length: CONSUMERS }, (_, i) => ({
  name: `consumer_${i}`,
  namespace: `a1b2c3d4-0001-4a5b-8c9d-${hex(i)}`,
}))
// Share s holds one or two tables (round robin) and goes to every consumer: one database per
// share per consumer (R-DS-11).
const specs = Array.from({ length: SHARES }, (_, s) => ({
  name: `domain_${s}`,
  producer,
  objects: [
    { schema: 'airline_dw', tables: [tables[s % tables.length], tables[(s + 3) % tables.length]] },
  ],
  consumers: consumers.map((c) => ({
    ...c,
    database: `d${s}_${c.name}`,
    withPermissions: true,
    readers: [{ role: `bi_${c.name}` }],
  })),
}))
const producerTables = { airline_dw: tables }
const nothing = Object.freeze({
  shares: new Map(),
  others: new Set(),
  marked: new Set(),
  otherConsumers: new Map(),
})

const size = (plan) => renderScript(plan).reduce((n, s) => n + s.sql.length, 0)
function ours(renderer) {
  const actual = {
    ...nothing,
    shares: new Map(specs.map((s) => [s.name, emptyState(producerTables)])),
  }
  const plan = planDatashares(specs, actual, renderer)
  return { statements: plan.statements.length, bytes: size(plan) }
}
function oneByOne(renderer) {
  let statements = 0
  let bytes = 0
  for (const spec of specs) {
    const plan = planDatashare(defineDatashare(spec), emptyState(producerTables), renderer)
    statements += plan.statements.length
    bytes += size(plan)
  }
  return { statements, bytes }
}

function time(fn, rounds = 7) {
  fn()
  const samples = []
  for (let i = 0; i < rounds; i++) {
    const t = performance.now()
    fn()
    samples.push(performance.now() - t)
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]
}

const out = { shares: SHARES, consumers: CONSUMERS }
for (const [name, make] of [
  ['redshift', redshiftRenderer],
  ['local', localRenderer],
]) {
  const base = time(() => oneByOne(make()))
  const set = time(() => ours(make()))
  const r = ours(make())
  console.log(
    `${name}: planDatashares ${set.toFixed(1)} ms for ${r.statements} statements (${(r.bytes / 1024).toFixed(0)} KiB SQL); one by one ${base.toFixed(1)} ms → ${(set / base).toFixed(2)}x`,
  )
  Object.assign(out, {
    [`${name}Ms`]: +set.toFixed(1),
    [`${name}Statements`]: r.statements,
    [`${name}RatioToOneByOne`]: +(set / base).toFixed(2),
  })
}
console.log(JSON.stringify(out))
