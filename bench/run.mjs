#!/usr/bin/env node
// Runs every `bench/*.bench.mjs` in its own Node process, one after another (benchmarks on a
// 2-core machine must not compete), and collects the JSON line each prints last into
// bench/results/latest.json. Each benchmark measures its own baseline in the same run and
// reports ratios, never absolute pass/fail times. `node bench/run.mjs NAME` runs one.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const only = process.argv[2]
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => !only || f.startsWith(only))
  .sort()
const results = {}
let failed = 0
for (const file of files) {
  console.log(`\n── ${file}`)
  const r = spawnSync(process.execPath, ['--expose-gc', join(here, file)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  process.stdout.write(r.stdout)
  const last = r.stdout.trim().split('\n').pop() ?? ''
  try {
    results[file] = JSON.parse(last)
  } catch {
    results[file] = { error: `no JSON result (exit ${r.status})` }
  }
  if (r.status !== 0) failed++
}
mkdirSync(join(here, 'results'), { recursive: true })
writeFileSync(join(here, 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`)
console.log(`\nbench: ${files.length - failed} ran, ${failed} failed → bench/results/latest.json`)
process.exit(failed > 0 ? 1 : 0)
