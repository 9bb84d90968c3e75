#!/usr/bin/env node
// `rsp demo` at the default scale (0.01): the rehearsal of `rsp deploy` on the emulated
// Redshift account (Data API over HTTP, S3 + COPY, datashare, queries, checks, re-share,
// teardown) against the Postgres-native demo (`--target postgres`: consumers as roles, data
// COPYed straight into PGlite) measured in the same run, alternating, medians of ROUNDS each.
// Target: the rehearsal within 2× the Postgres-native demo. Also reported: both against a
// baseline of starting Node and opening an empty PGlite. Requires built dists
// (`nx run @redshift-playground/cli:build`).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const bin = fileURLToPath(new URL('../apps/cli/dist/bin.js', import.meta.url))
if (!existsSync(bin)) {
  console.error('cli-demo: build the CLI first (apps/cli/dist/bin.js is missing)')
  process.exit(1)
}
const cwd = mkdtempSync(join(tmpdir(), 'rsp-bench-demo-'))
const cliDir = fileURLToPath(new URL('../apps/cli/', import.meta.url))

function time(args, options = {}) {
  const t0 = process.hrtime.bigint()
  const r = spawnSync(process.execPath, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 << 20,
    ...options,
  })
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  return { ms, stdout: r.stdout }
}

const baseline = time(
  [
    '--input-type=module',
    '-e',
    "const { PGlite } = await import('@electric-sql/pglite'); const db = await PGlite.create(); await db.query('select 1'); await db.close()",
  ],
  { cwd: cliDir },
)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const stepsOf = (stdout) =>
  Object.fromEntries(
    [...stdout.matchAll(/✔ (\w+) .*?\(([\d.]+) (ms|s)[;)]/gm)].map((m) => [
      m[1],
      Number(m[2]) * (m[3] === 's' ? 1000 : 1),
    ]),
  )
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const rehearsal = []
const native = []
let last
for (let i = 0; i < ROUNDS; i++) {
  const a = time([bin, 'demo', '--target', 'postgres'])
  native.push(a.ms)
  const b = time([bin, 'demo'])
  rehearsal.push(b.ms)
  last = b
}
const steps = stepsOf(last.stdout)
const rows = Number((/([\d,]+) rows loaded/.exec(last.stdout)?.[1] ?? '0').replaceAll(',', ''))
const r = median(rehearsal)
const n = median(native)
console.log(`baseline: node + empty PGlite          ${(baseline.ms / 1000).toFixed(2)} s`)
console.log(
  `rsp demo --target postgres (native)    ${(n / 1000).toFixed(2)} s  (median of ${ROUNDS})`,
)
console.log(
  `rsp demo (rehearsal, scale 0.01)       ${(r / 1000).toFixed(2)} s  (median of ${ROUNDS}; ${(r / n).toFixed(2)}× the native demo, target ≤ 2×)`,
)
for (const [name, ms] of Object.entries(steps))
  console.log(`  ${name.padEnd(9)} ${(ms / 1000).toFixed(2)} s`)
console.log(
  JSON.stringify({
    bench: 'cli-demo',
    scale: 0.01,
    rows,
    rehearsalSeconds: Number((r / 1000).toFixed(2)),
    nativeSeconds: Number((n / 1000).toFixed(2)),
    ratioRehearsalToNative: Number((r / n).toFixed(2)),
    target: 2,
    pass: r / n <= 2,
    baselineSeconds: Number((baseline.ms / 1000).toFixed(2)),
    rounds: ROUNDS,
    stepsSeconds: Object.fromEntries(
      Object.entries(steps).map(([k, v]) => [k, Number((v / 1000).toFixed(2))]),
    ),
  }),
)
