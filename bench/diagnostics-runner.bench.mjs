// Overhead of @redshift-playground/diagnostics' runner and renderers, against baselines
// measured in the same run:
// - runner: the config group over a 60-consumer config through runChecks (validation,
//   concurrency pool, timeout race, memo, freezing) vs calling each check's run() directly
//   in a loop with a bare context;
// - table renderer and JUnit renderer vs JSON.stringify of the same report.
// Reports ours / baseline.
import { performance } from 'node:perf_hooks'
import {
  configChecks,
  MemoryStatusHistory,
  renderJunit,
  renderTable,
  resolveLimits,
  runChecks,
} from '../packages/diagnostics/dist/index.js'

const consumers = Array.from({ length: 60 }, (_, i) => ({
  name: `pool-${i}`,
  namespace: `rsp-pool-${i}`,
  workgroup: `rsp-pool-${i}`,
  baseCapacity: i % 7 === 0 ? 33 : 32,
  maxCapacity: 64,
  publiclyAccessible: i % 11 === 0,
}))
const config = {
  region: 'us-east-1',
  producer: {
    name: 'producer',
    namespace: 'rsp-producer',
    workgroup: 'rsp-producer',
    baseCapacity: 128,
    maxCapacity: 512,
    publiclyAccessible: false,
  },
  consumers,
  consumerMode: 'pool',
  nlb: { enabled: true },
  network: {
    azCount: 3,
    subnets: Array.from({ length: 3 }, (_, i) => ({ prefixLength: 22, id: `subnet-${i}` })),
    enhancedVpcRouting: true,
  },
  datashare: { name: 'airline_share', publicAccessible: false },
  budget: { monthlyUsd: 10_000, estimatedMonthlyUsd: 12_000 },
}

async function time(fn, rounds = 40) {
  for (let i = 0; i < 5; i++) await fn()
  const samples = []
  for (let i = 0; i < rounds; i++) {
    const t = performance.now()
    await fn()
    samples.push(performance.now() - t)
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]
}

const bareCtx = {
  config,
  limits: resolveLimits(),
  signal: new AbortController().signal,
  now: () => new Date(),
  history: new MemoryStatusHistory(),
  memo: (_k, load) => load(),
}
let findingsCount = 0
const direct = await time(async () => {
  findingsCount = 0
  for (const c of configChecks) findingsCount += (await c.run(bareCtx)).length
})
const runner = await time(() => runChecks(configChecks, { config }))
const report = await runChecks(configChecks, { config })
const json = await time(() => JSON.stringify(report))
const table = await time(() => renderTable(report, { color: true }))
const junit = await time(() => renderJunit(report))

console.log(`config group, ${consumers.length + 1} warehouses, ${findingsCount} findings`)
console.log(`baseline (check.run in a loop):   ${direct.toFixed(3)} ms`)
console.log(
  `runChecks:                        ${runner.toFixed(3)} ms (${(runner / direct).toFixed(2)}x baseline)`,
)
console.log(`baseline (JSON.stringify report): ${json.toFixed(3)} ms`)
console.log(
  `renderTable:                      ${table.toFixed(3)} ms (${(table / json).toFixed(2)}x baseline)`,
)
console.log(
  `renderJunit:                      ${junit.toFixed(3)} ms (${(junit / json).toFixed(2)}x baseline)`,
)
console.log(
  JSON.stringify({
    findings: findingsCount,
    directMs: +direct.toFixed(3),
    runnerRatio: +(runner / direct).toFixed(2),
    jsonMs: +json.toFixed(3),
    tableRatio: +(table / json).toFixed(2),
    junitRatio: +(junit / json).toFixed(2),
  }),
)
