#!/usr/bin/env node
// `rsp demo` at the default scale (0.01), wall time of the whole process (target < 30 s on
// 2 cores), against a baseline measured in the same run: starting Node and opening an empty
// embedded PGlite database (the fixed cost every local run pays). Requires built dists
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
const demo = time([bin, 'demo'])
const steps = Object.fromEntries(
  [...demo.stdout.matchAll(/✔ (\w+) .*\(([\d.]+) (ms|s)\)$/gm)].map((m) => [
    m[1],
    Number(m[2]) * (m[3] === 's' ? 1000 : 1),
  ]),
)
const rows = Number((/([\d,]+) rows loaded/.exec(demo.stdout)?.[1] ?? '0').replaceAll(',', ''))
console.log(`baseline: node + empty PGlite   ${(baseline.ms / 1000).toFixed(2)} s`)
console.log(
  `rsp demo (scale 0.01)            ${(demo.ms / 1000).toFixed(2)} s  (target < 30 s; ${(demo.ms / baseline.ms).toFixed(1)}× the baseline)`,
)
for (const [name, ms] of Object.entries(steps))
  console.log(`  ${name.padEnd(9)} ${(ms / 1000).toFixed(2)} s`)
console.log(
  JSON.stringify({
    bench: 'cli-demo',
    scale: 0.01,
    rows,
    demoSeconds: Number((demo.ms / 1000).toFixed(2)),
    baselineSeconds: Number((baseline.ms / 1000).toFixed(2)),
    ratioToBaseline: Number((demo.ms / baseline.ms).toFixed(2)),
    targetSeconds: 30,
    pass: demo.ms < 30_000,
    stepsSeconds: Object.fromEntries(
      Object.entries(steps).map(([k, v]) => [k, Number((v / 1000).toFixed(2))]),
    ),
  }),
)
