#!/usr/bin/env node
// Costs of @redshift-playground/schema on the hot paths, each against a baseline measured in
// the same run:
// - query compile: building + compiling the six flagship queries for a datashare consumer
//   (TableLocationPlugin rewrites every table to database.schema.table) vs the same queries
//   for the local schema (no plugin). Target ≤ 2.5×: the plugin walks and copies each
//   query tree once, like any Kysely plugin; well under a millisecond per query, against
//   Redshift round trips of tens of milliseconds.
// - quoteIdent (validates UTF-8 length, control characters, surrogates) vs a bare
//   `"` + replaceAll + `"`. Target ≤ 10× (it runs once per identifier, never per row).
// - renderRedshiftDdl of the whole model vs JSON.stringify of the model (a floor for "walk
//   the model once and build a string"). Reported, no target.
// Requires the package's dist (`nx run @redshift-playground/schema:build`).
import { performance } from 'node:perf_hooks'
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely'
import {
  airlineModel,
  flagshipQueries,
  quoteIdent,
  renderRedshiftDdl,
} from '../packages/schema/dist/index.js'

const db = new Kysely({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
})
const queries = Object.values(flagshipQueries)
const rounds = Number(process.env.RSP_BENCH_ROUNDS ?? 7)

/** Median ms per call of fn over `rounds` rounds of `n` calls, interleaved with others. */
function measure(fns, n) {
  const samples = fns.map(() => [])
  for (const fn of fns) for (let i = 0; i < Math.min(n, 200); i++) fn() // warm up
  for (let r = 0; r < rounds; r++) {
    fns.forEach((fn, k) => {
      globalThis.gc?.()
      const t0 = performance.now()
      for (let i = 0; i < n; i++) fn()
      samples[k].push((performance.now() - t0) / n)
    })
  }
  return samples.map((s) => s.sort((a, b) => a - b)[Math.floor(s.length / 2)])
}

let sink = 0
const local = () => {
  for (const q of queries) sink += q.build(db).compile().sql.length
}
const consumer = () => {
  for (const q of queries)
    sink += q.build(db, { location: { database: 'consumer_db' } }).compile().sql.length
}
const [localMs, consumerMs] = measure([local, consumer], 300)

const names = Array.from({ length: 1000 }, (_, i) => `fact_col_${i}_"x"_${'é'.repeat(i % 7)}`)
const naive = () => {
  for (const n of names) sink += `"${n.replaceAll('"', '""')}"`.length
}
const ours = () => {
  for (const n of names) sink += quoteIdent(n).length
}
const [naiveMs, quoteMs] = measure([naive, ours], 200)

const json = () => {
  sink += JSON.stringify(airlineModel).length
}
const ddl = () => {
  sink += renderRedshiftDdl(airlineModel).script.length
}
const [jsonMs, ddlMs] = measure([json, ddl], 200)

const r = (a, b) => Number((a / b).toFixed(2))
console.log(`flagship compile, local schema     ${(localMs * 1000).toFixed(0)} µs for 6 queries`)
console.log(
  `flagship compile, three-part names ${(consumerMs * 1000).toFixed(0)} µs  (${r(consumerMs, localMs)}× local; target ≤ 2.5×)`,
)
console.log(`quote 1000 identifiers, naive       ${(naiveMs * 1000).toFixed(0)} µs`)
console.log(
  `quote 1000 identifiers, quoteIdent  ${(quoteMs * 1000).toFixed(0)} µs  (${r(quoteMs, naiveMs)}× naive; target ≤ 10×)`,
)
console.log(`JSON.stringify(airlineModel)        ${(jsonMs * 1000).toFixed(0)} µs`)
console.log(
  `renderRedshiftDdl(airlineModel)     ${(ddlMs * 1000).toFixed(0)} µs  (${r(ddlMs, jsonMs)}× JSON.stringify)`,
)
if (sink === 0) console.log('')
console.log(
  JSON.stringify({
    bench: 'schema-compile',
    threePartVsLocal: r(consumerMs, localMs),
    quoteIdentVsNaive: r(quoteMs, naiveMs),
    redshiftDdlVsJson: r(ddlMs, jsonMs),
    localCompileUs: Number((localMs * 1000).toFixed(0)),
    redshiftDdlUs: Number((ddlMs * 1000).toFixed(0)),
  }),
)
