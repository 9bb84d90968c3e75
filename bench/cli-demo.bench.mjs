#!/usr/bin/env node
// `rsp demo` at the default scale (0.01): the rehearsal of `rsp deploy` on the emulated
// Redshift account (Data API over HTTP, S3 + COPY, datashare, queries, checks, re-share,
// teardown) against the Postgres-native demo (`--target postgres`: consumers as roles, data
// COPYed straight into PGlite) measured in the same run, alternating, medians of ROUNDS each.
// Target: the rehearsal within 2× the Postgres-native demo. Also reported: both against a
// baseline of starting Node and opening an empty PGlite. Requires built dists
// (`nx run @redshift-playground/cli:build`).
// Options (environment): BENCH_ROUNDS (default 3); RSP_BENCH_BASELINE=<a built checkout, or its
// apps/cli/dist> also runs that build's two demos in the same rounds (interleaved), for a
// before/after of the ratio on a busy machine.
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
  if (r.status !== 0)
    throw new Error(
      `${args.join(' ')} exited ${r.status}: ${r.stderr}\n${r.stdout
        .split('\n')
        .filter((l) => /✖|FAIL|WARN|planned [1-9]/.test(l))
        .join('\n')}`,
    )
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
    [...stdout.matchAll(/✔ ([\w-]+) .*?\(([\d.]+) (ms|s)[;)]/gm)].map((m) => [
      m[1],
      Number(m[2]) * (m[3] === 's' ? 1000 : 1),
    ]),
  )
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const baselineBin = (() => {
  const dir = process.env.RSP_BENCH_BASELINE
  if (!dir) return undefined
  const found = [join(dir, 'apps/cli/dist/bin.js'), join(dir, 'bin.js')].find(existsSync)
  if (!found) {
    console.error(`cli-demo: RSP_BENCH_BASELINE=${dir} holds no apps/cli/dist/bin.js nor bin.js`)
    process.exit(1)
  }
  return found
})()
const rehearsal = []
const native = []
const before = { rehearsal: [], native: [], steps: [] }
const stepRuns = []
let last
for (let i = 0; i < ROUNDS; i++) {
  const a = time([bin, 'demo', '--target', 'postgres'])
  native.push(a.ms)
  const b = time([bin, 'demo'])
  rehearsal.push(b.ms)
  stepRuns.push(stepsOf(b.stdout))
  last = b
  if (baselineBin) {
    before.native.push(time([baselineBin, 'demo', '--target', 'postgres']).ms)
    const c = time([baselineBin, 'demo'])
    before.rehearsal.push(c.ms)
    before.steps.push(stepsOf(c.stdout))
  }
}
/** Per step, the median over the rounds (steps are noisy on a shared machine). */
const medianSteps = (runs) =>
  Object.fromEntries(Object.keys(runs[0] ?? {}).map((k) => [k, median(runs.map((r) => r[k] ?? 0))]))
const steps = medianSteps(stepRuns)
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
const stepsBefore = baselineBin ? medianSteps(before.steps) : undefined
for (const [name, ms] of Object.entries(steps))
  console.log(
    `  ${name.padEnd(13)} ${(ms / 1000).toFixed(2)} s${stepsBefore?.[name] !== undefined ? `  (baseline ${(stepsBefore[name] / 1000).toFixed(2)} s)` : ''}`,
  )
if (baselineBin) {
  const rb = median(before.rehearsal)
  const nb = median(before.native)
  console.log(
    `baseline build: rehearsal ${(rb / 1000).toFixed(2)} s, native ${(nb / 1000).toFixed(2)} s (${(rb / nb).toFixed(2)}×); this build's rehearsal is ${(r / rb).toFixed(2)}× the baseline's`,
  )
  console.log(
    `  per round, rehearsal ÷ native: this build ${rehearsal.map((x, i) => (x / native[i]).toFixed(2)).join(', ')}; baseline ${before.rehearsal.map((x, i) => (x / before.native[i]).toFixed(2)).join(', ')}`,
  )
}
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
    ...(baselineBin
      ? {
          baselineBuild: {
            rehearsalSeconds: Number((median(before.rehearsal) / 1000).toFixed(2)),
            nativeSeconds: Number((median(before.native) / 1000).toFixed(2)),
            ratioRehearsalToNative: Number(
              (median(before.rehearsal) / median(before.native)).toFixed(2),
            ),
          },
        }
      : {}),
    stepsSeconds: Object.fromEntries(
      Object.entries(steps).map(([k, v]) => [k, Number((v / 1000).toFixed(2))]),
    ),
  }),
)
