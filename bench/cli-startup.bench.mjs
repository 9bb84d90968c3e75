#!/usr/bin/env node
// `rsp --help` start-up against the floor of starting Node at all (`node -e 0`), measured
// interleaved in the same run. Target: ≤ 4× (heavy modules load only in the commands that
// need them). Requires the CLI's dist (`nx run @redshift-playground/cli:build`).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const bin = fileURLToPath(new URL('../apps/cli/dist/bin.js', import.meta.url))
if (!existsSync(bin)) {
  console.error('cli-startup: build the CLI first (apps/cli/dist/bin.js is missing)')
  process.exit(1)
}
const runs = Number(process.env.RSP_BENCH_RUNS ?? 15)

function time(args) {
  const t0 = process.hrtime.bigint()
  const r = spawnSync(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  })
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  return ms
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

// Warm the file system cache once.
time(['-e', '0'])
time([bin, '--help'])
const base = []
const help = []
const version = []
for (let i = 0; i < runs; i++) {
  base.push(time(['-e', '0']))
  help.push(time([bin, '--help']))
  version.push(time([bin, '--version']))
}
const b = median(base)
const h = median(help)
const v = median(version)
console.log(`node -e 0        median ${b.toFixed(1)} ms over ${runs} runs`)
console.log(
  `rsp --help       median ${h.toFixed(1)} ms  (${(h / b).toFixed(2)}× node -e 0; target ≤ 4×)`,
)
console.log(`rsp --version    median ${v.toFixed(1)} ms  (${(v / b).toFixed(2)}×)`)
console.log(
  JSON.stringify({
    bench: 'cli-startup',
    baselineMs: Number(b.toFixed(1)),
    helpMs: Number(h.toFixed(1)),
    versionMs: Number(v.toFixed(1)),
    helpRatio: Number((h / b).toFixed(2)),
    versionRatio: Number((v / b).toFixed(2)),
    target: 4,
    pass: h / b <= 4,
  }),
)
