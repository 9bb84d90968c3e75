#!/usr/bin/env node
// Cold build of what `npm run demo` runs: the CLI and the workspace packages it imports, from
// sources with no dist/, no .tsbuildinfo and no .nx/ (a fresh clone after `npm install`).
// Three ways, alternating in the same run, medians of ROUNDS each:
//  - baseline, `tsc -b`: one TypeScript process over project references (a composite twin of
//    each build tsconfig, written into the copy), then datagen's esbuild bundle — what the
//    compiler itself needs for type-checked JavaScript and declarations;
//  - `nx`: `nx run @redshift-playground/cli:build` (a tsc process per tsconfig, 2 at a time),
//    what `npm run demo` ran before tools/build-js.mjs;
//  - `build-js`: `node tools/build-js.mjs` (esbuild per file, JavaScript only), what
//    `npm run demo` runs now. Target: ≤ 0.25× the baseline.
// Works on a copy of the repo at BENCH_REF (default HEAD) in a temp folder (node_modules linked
// to the repo's, workspace packages linked to the copy), never on the repo's own dist/. After
// each build, every package of the closure must import from its dist and `rsp --help` answer.
import { spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildSteps, runtimeClosure, workspacePackages } from '../tools/build-js.mjs'

const repo = fileURLToPath(new URL('..', import.meta.url))
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const CLI = '@redshift-playground/cli'
const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  NO_COLOR: '1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
}

// ── the copy ────────────────────────────────────────────────────────────────────────────
// Sources from a commit (BENCH_REF, default HEAD: half-done edits in the working tree must not
// break a timing), tools/ from the working tree (the build tool under test).
const ref = process.env.BENCH_REF ?? 'HEAD'
const copy = mkdtempSync(join(tmpdir(), 'rsp-bench-cold-build-'))
const archive = spawnSync('git', ['archive', '--format=tar', ref], {
  cwd: repo,
  maxBuffer: 1 << 30,
})
if (archive.status !== 0) throw new Error(`git archive ${ref}: ${archive.stderr}`)
const untar = spawnSync('tar', ['-x', '-C', copy], { input: archive.stdout })
if (untar.status !== 0) throw new Error(`tar: ${untar.stderr}`)
cpSync(join(repo, 'tools'), join(copy, 'tools'), { recursive: true })
const packages = workspacePackages(copy)
for (const { dir } of packages.values()) {
  const from = join(repo, relative(copy, dir), 'node_modules')
  if (existsSync(from)) symlinkSync(from, join(dir, 'node_modules'))
}
// node_modules: the repo's, except the workspace links, which point into the copy.
mkdirSync(join(copy, 'node_modules', '@redshift-playground'), { recursive: true })
for (const e of readdirSync(join(repo, 'node_modules')))
  if (e !== '@redshift-playground')
    symlinkSync(join(repo, 'node_modules', e), join(copy, 'node_modules', e))
for (const { dir, pkg } of packages.values()) symlinkSync(dir, join(copy, 'node_modules', pkg.name)) // @redshift-playground/<name>

// Composite twins of each build tsconfig, referencing the twins of the package's run-time
// workspace dependencies, and one solution file: the baseline's `tsc -b` input.
const closure = runtimeClosure(packages, [CLI])
const twins = new Map() // package name → its twin tsconfig paths
for (const name of closure) {
  const { dir: at, pkg } = packages.get(name)
  const deps = runtimeClosure(packages, [name]).filter((n) => n !== name)
  const files = []
  for (const [i, step] of buildSteps(pkg.scripts.build).entries()) {
    if (!step.tsconfig) continue
    const twin = `tsconfig.bench-b${i}.json`
    const raw = JSON.parse(readFileSync(join(at, step.tsconfig), 'utf8'))
    writeFileSync(
      join(at, twin),
      JSON.stringify({
        extends: `./${step.tsconfig}`,
        // composite needs declarations; the lambda tsconfig turns them off.
        compilerOptions: {
          composite: true,
          declaration: true,
          tsBuildInfoFile: `${raw.compilerOptions?.outDir ?? 'dist'}/.bench-b${i}.tsbuildinfo`,
        },
        references: deps.flatMap((d) => twins.get(d)).map((p) => ({ path: relative(at, p) })),
      }),
    )
    files.push(join(at, twin))
  }
  twins.set(name, files)
}
writeFileSync(
  join(copy, 'tsconfig.bench-b.json'),
  JSON.stringify({
    files: [],
    references: [...twins.values()].flat().map((p) => ({ path: relative(copy, p) })),
  }),
)
const otherSteps = closure.flatMap((name) => {
  const { dir, pkg } = packages.get(name)
  return buildSteps(pkg.scripts.build)
    .filter((s) => s.command)
    .map((s) => ({ cwd: dir, command: s.command }))
})

// ── the builds ──────────────────────────────────────────────────────────────────────────
function clean() {
  rmSync(join(copy, '.nx'), { recursive: true, force: true })
  for (const { dir } of packages.values())
    rmSync(join(dir, 'dist'), { recursive: true, force: true })
}

function sh(command, args, cwd = copy) {
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 })
  if (r.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`)
}

const node = process.execPath
const tscBin = join(repo, 'node_modules', 'typescript', 'bin', 'tsc')
const ways = {
  'tsc -b': () => {
    sh(node, [tscBin, '-b', 'tsconfig.bench-b.json'])
    for (const s of otherSteps) sh('sh', ['-c', s.command], s.cwd)
  },
  nx: () =>
    sh(node, [
      join(copy, 'node_modules', '.bin', 'nx'),
      'run',
      `${CLI}:build`,
      '--outputStyle=static',
      // The copy is no git checkout, so Nx keeps its cache in the copy's .nx (removed before
      // each build); skipping it also keeps Nx from reading a cache shared between checkouts.
      '--skip-nx-cache',
    ]),
  'build-js': () => sh(node, [join(copy, 'tools', 'build-js.mjs')]),
}

const importAll = `await Promise.all(${JSON.stringify(closure)}.map((n) => import(n)))`

function timeOnce(name) {
  clean()
  const t0 = performance.now()
  ways[name]()
  const ms = performance.now() - t0
  // Not timed: every package of the closure imports from its dist (exports → dist/*.js), the
  // Lambda handler is there for the synth, and the CLI answers.
  sh(node, ['--input-type=module', '-e', importAll], join(copy, 'apps', 'cli'))
  if (!existsSync(join(copy, 'packages', 'infra', 'dist', 'lambda', 'target-sync', 'index.mjs')))
    throw new Error(`${name}: no Lambda handler in packages/infra/dist/lambda`)
  sh(node, [join(copy, 'apps', 'cli', 'dist', 'bin.js'), '--help'])
  return ms
}

const times = Object.fromEntries(Object.keys(ways).map((k) => [k, []]))
const load = [loadavg()[0]]
try {
  for (let i = 0; i < ROUNDS; i++) {
    // Rotate the order so a burst of load elsewhere does not always land on the same way.
    const names = Object.keys(ways)
    for (const name of [...names.slice(i % 3), ...names.slice(0, i % 3)]) {
      times[name].push(timeOnce(name))
      console.log(`round ${i + 1}: ${name.padEnd(9)} ${(times[name].at(-1) / 1000).toFixed(1)} s`)
    }
    load.push(loadavg()[0])
  }
} finally {
  rmSync(copy, { recursive: true, force: true })
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const base = median(times['tsc -b'])
const s = (ms) => Number((ms / 1000).toFixed(2))
for (const [name, xs] of Object.entries(times))
  console.log(
    `${name.padEnd(9)} ${s(median(xs)).toFixed(2).padStart(6)} s  (median of ${ROUNDS}: ${xs.map((x) => s(x).toFixed(1)).join(', ')}; ${(median(xs) / base).toFixed(2)}× tsc -b)`,
  )
console.log(`load average (1 min) during the run: ${load.map((l) => l.toFixed(1)).join(', ')}`)
const ratio = median(times['build-js']) / base
console.log(
  JSON.stringify({
    bench: 'cold-build',
    project: CLI,
    packages: closure.length,
    baseline: 'tsc -b',
    baselineSeconds: s(base),
    nxSeconds: s(median(times.nx)),
    buildJsSeconds: s(median(times['build-js'])),
    ratioNxToBaseline: Number((median(times.nx) / base).toFixed(2)),
    ratioBuildJsToBaseline: Number(ratio.toFixed(3)),
    target: 0.25,
    pass: ratio <= 0.25,
    rounds: ROUNDS,
    loadAverage: load.map((l) => Number(l.toFixed(1))),
  }),
)
