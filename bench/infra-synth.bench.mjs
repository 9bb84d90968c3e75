#!/usr/bin/env node
// Synth time of the full redshift-playground app (buildApp: network, producer + 3 pooled
// consumers, NLB with target sync, traditional cluster, monitoring, load-test host) against a
// minimal one-bucket CDK app, both measured in this run.
//  - cold: a fresh Node process per synth (import aws-cdk-lib + build + synth to a temp dir),
//    which is what `cdk synth` costs a user; the target (≤ 1.5×) applies here;
//  - warm: in-process, modules already loaded (the construct and synthesis work alone).
// Imports the package's built dist (run `npm run build` in packages/infra first), which also
// proves the compiled handler asset resolves from dist.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const distUrl = pathToFileURL(join(here, '../packages/infra/dist/index.js')).href
const ROUNDS = Number(process.env.RSP_BENCH_ROUNDS ?? 5)

const fullConfig = {
  name: 'bench',
  consumers: { mode: 'pool', count: 3, baseCapacity: 32, maxCapacity: 64 },
  nlb: { enabled: true, stickiness: true },
  traditionalCluster: { enabled: true },
  loadTestHost: { enabled: true },
  monitoring: { email: 'oncall@example.com' },
  access: { allowedCidrs: ['10.0.0.0/8'] },
  copySource: { bucketName: 'airline-data', prefix: 'airline/' },
}

const fullScript = `
const { buildApp } = await import(${JSON.stringify(distUrl)})
const { app } = buildApp(${JSON.stringify(fullConfig)}, { appProps: { outdir: process.argv[1] } })
const a = app.synth()
if (a.stacks.length !== 6) throw new Error('expected 6 stacks, got ' + a.stacks.length)
`
const minimalScript = `
const { App, Stack } = await import('aws-cdk-lib')
const s3 = await import('aws-cdk-lib/aws-s3')
const app = new App({ outdir: process.argv[1] })
new s3.Bucket(new Stack(app, 'Minimal'), 'Bucket')
app.synth()
`

function cold(script) {
  const out = mkdtempSync(join(tmpdir(), 'rsp-bench-'))
  const t0 = performance.now()
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, out], {
    cwd: here,
    encoding: 'utf8',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  })
  const ms = performance.now() - t0
  rmSync(out, { recursive: true, force: true })
  if (r.status !== 0) throw new Error(`synth failed:\n${r.stderr}`)
  return ms
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

// Cold: alternate so machine load affects both sides alike.
cold(minimalScript)
const coldFull = []
const coldMinimal = []
for (let i = 0; i < ROUNDS; i++) {
  coldMinimal.push(cold(minimalScript))
  coldFull.push(cold(fullScript))
}

// Warm: in-process after one warm-up of each.
const { App, Stack } = await import('aws-cdk-lib')
const s3 = await import('aws-cdk-lib/aws-s3')
const { buildApp } = await import(distUrl)
const warmOnce = (fn) => {
  const out = mkdtempSync(join(tmpdir(), 'rsp-bench-'))
  const t0 = performance.now()
  fn(out)
  const ms = performance.now() - t0
  rmSync(out, { recursive: true, force: true })
  return ms
}
const full = (outdir) => buildApp(fullConfig, { appProps: { outdir } }).app.synth()
const minimal = (outdir) => {
  const app = new App({ outdir })
  new s3.Bucket(new Stack(app, 'Minimal'), 'Bucket')
  app.synth()
}
warmOnce(full)
warmOnce(minimal)
const warmFull = []
const warmMinimal = []
for (let i = 0; i < ROUNDS; i++) {
  warmMinimal.push(warmOnce(minimal))
  warmFull.push(warmOnce(full))
}

const result = {
  coldFullMs: Math.round(median(coldFull)),
  coldMinimalMs: Math.round(median(coldMinimal)),
  coldRatio: Number((median(coldFull) / median(coldMinimal)).toFixed(2)),
  warmFullMs: Math.round(median(warmFull)),
  warmMinimalMs: Math.round(median(warmMinimal)),
  warmRatio: Number((median(warmFull) / median(warmMinimal)).toFixed(2)),
  target: 1.5,
  rounds: ROUNDS,
}
console.log(
  `cold synth (fresh process, like cdk synth): full ${result.coldFullMs} ms vs one-bucket ${result.coldMinimalMs} ms → ${result.coldRatio}× (target ≤ ${result.target}×)`,
)
console.log(
  `warm synth (in process): full ${result.warmFullMs} ms vs one-bucket ${result.warmMinimalMs} ms → ${result.warmRatio}×`,
)
console.log(JSON.stringify(result))
