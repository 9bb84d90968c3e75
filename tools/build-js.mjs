#!/usr/bin/env node
// The quick build behind `npm run demo`: the JavaScript of a project and of every workspace
// package it depends on at run time, and nothing else — no type check, no declarations.
// Each file the package's own build would compile is transpiled on its own by esbuild
// (the tsconfigs set `isolatedModules`, so a file needs no other to be compiled) and written
// where tsc writes it, with a source map; the other commands of the package's `build` script
// (datagen's esbuild bundle) run as they are. On a fresh clone that is about 2 s for the CLI
// and its seven packages: ~0.04× one `tsc -b` over the same tsconfigs, ~0.02× the per-package
// Nx build `npm run demo` ran before (bench/cold-build.bench.mjs).
//
// It is not the package build: `nx run-many -t build` (run by `npm test`, `npm run bench`,
// `npm run release`) type-checks, writes declarations and owns the Nx cache. The two share
// dist/ safely:
// - this writes only files tsc also writes (same names), never a .d.ts or a .tsbuildinfo,
//   and tsc rewrites all of its outputs on every run (the build tsconfigs are not
//   incremental), so the next `build` replaces whatever this wrote;
// - a file whose output is newer than its source is left alone, so JavaScript from a real
//   build (or an Nx cache restore) is kept as it is; `--force` rewrites every file;
// - this is not an Nx target, so nothing of it is cached: on a cache hit Nx restores the
//   `build` outputs (always without the daemon; with it, when dist/ changed since).
//
//   node tools/build-js.mjs [--force] [project ...]   (default: @redshift-playground/cli)
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const defaultRoot = fileURLToPath(new URL('..', import.meta.url))

/** Workspace packages of the repo at `root`: name → { dir, pkg }. */
export function workspacePackages(root = defaultRoot) {
  const globs = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces ?? []
  const out = new Map()
  for (const glob of globs) {
    if (!glob.endsWith('/*')) throw new Error(`build-js: unsupported workspace glob ${glob}`)
    const parent = join(root, glob.slice(0, -2))
    if (!existsSync(parent)) continue
    for (const d of readdirSync(parent).sort()) {
      const file = join(parent, d, 'package.json')
      if (!existsSync(file)) continue
      const pkg = JSON.parse(readFileSync(file, 'utf8'))
      out.set(pkg.name, { dir: join(parent, d), pkg })
    }
  }
  return out
}

/**
 * `names` and the workspace packages they need at run time (dependencies, peer and optional
 * dependencies; not devDependencies), dependencies first.
 */
export function runtimeClosure(packages, names) {
  const order = []
  const seen = new Set()
  const visit = (name, from) => {
    if (seen.has(name)) return
    const p = packages.get(name)
    if (!p)
      throw new Error(`build-js: no workspace package ${name}${from ? ` (from ${from})` : ''}`)
    seen.add(name)
    const { dependencies, peerDependencies, optionalDependencies } = p.pkg
    for (const dep of Object.keys({
      ...dependencies,
      ...peerDependencies,
      ...optionalDependencies,
    }))
      if (packages.has(dep)) visit(dep, name)
    order.push(name)
  }
  for (const n of names) visit(n)
  return order
}

/**
 * The steps of a package's `build` script: `{ tsconfig }` for each `tsc -p FILE`, `{ command }`
 * for anything else (run as is). Only `&&` chains are understood.
 */
export function buildSteps(script) {
  return script
    .split('&&')
    .map((s) => s.trim())
    .map((s) => {
      const tsc = /^tsc\s+(?:-p|--project)\s+(\S+)$/.exec(s)
      if (tsc) return { tsconfig: tsc[1] }
      if (/^tsc\b/.test(s)) throw new Error(`build-js: cannot stand in for \`${s}\``)
      return { command: s }
    })
}

const outExt = { '.ts': '.js', '.mts': '.mjs', '.cts': '.cjs' }
// `import x = require('y')` in an ES module: tsc emits createRequire(import.meta.url); esbuild
// leaves a bare `require` (and warns), so such a file gets the same binding up front.
const REQUIRE_BANNER =
  "import { createRequire as __rspCreateRequire } from 'node:module';\nconst require = __rspCreateRequire(import.meta.url);"

function isUpToDate(src, out) {
  try {
    return statSync(out).mtimeMs >= statSync(src).mtimeMs
  } catch {
    return false
  }
}

/** Transpiles the files of one tsconfig to its outDir; returns { written, upToDate }. */
async function emitTsconfig({ ts, esbuild }, dir, pkg, tsconfigPath, force) {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(dir, tsconfigPath),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(`build-js: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)
      },
    },
  )
  if (parsed.errors.length > 0)
    throw new Error(
      `build-js: ${tsconfigPath}: ${parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`,
    )
  const o = parsed.options
  if (!o.outDir || !o.rootDir)
    throw new Error(`build-js: ${tsconfigPath} needs outDir and rootDir (the file layout in dist)`)
  mkdirSync(o.outDir, { recursive: true }) // tsc creates it even when it emits only declarations
  if (o.noEmit || o.emitDeclarationOnly) return { written: 0, upToDate: 0 }
  const target =
    o.target === ts.ScriptTarget.ESNext
      ? 'esnext' // (also named Latest)
      : ts.ScriptTarget[o.target ?? ts.ScriptTarget.ES2022].toLowerCase()
  const tsconfigRaw = {
    compilerOptions: {
      target,
      verbatimModuleSyntax: o.verbatimModuleSyntax,
      useDefineForClassFields: o.useDefineForClassFields,
      experimentalDecorators: o.experimentalDecorators,
    },
  }
  let written = 0
  let upToDate = 0
  await Promise.all(
    parsed.fileNames
      .filter((f) => !/\.d\.[mc]?ts$/.test(f) && /\.[mc]?ts$/.test(f))
      .map(async (src) => {
        const ext = /\.[mc]?ts$/.exec(src)[0]
        const out = join(o.outDir, relative(o.rootDir, src)).slice(0, -ext.length) + outExt[ext]
        if (!force && isUpToDate(src, out)) {
          upToDate++
          return
        }
        const esm = ext === '.mts' || (ext === '.ts' && pkg.type === 'module')
        const options = {
          loader: 'ts',
          format: esm ? 'esm' : 'cjs',
          target,
          tsconfigRaw,
          sourcefile: relative(dirname(out), src),
          sourcemap: o.sourceMap ? 'external' : false,
          sourcesContent: Boolean(o.inlineSources),
        }
        const code = readFileSync(src, 'utf8')
        let r = await esbuild.transform(code, options)
        if (esm && r.warnings.some((w) => w.id === 'unsupported-require-call'))
          r = await esbuild.transform(code, { ...options, banner: REQUIRE_BANNER })
        mkdirSync(dirname(out), { recursive: true })
        if (o.sourceMap) {
          writeFileSync(`${out}.map`, r.map)
          writeFileSync(out, `${r.code}//# sourceMappingURL=${basename(out)}.map\n`)
        } else writeFileSync(out, r.code)
        written++
      }),
  )
  return { written, upToDate }
}

function run(command, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, { cwd, shell: true, stdio: 'inherit' })
    child.on('error', reject)
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`build-js: \`${command}\` in ${cwd} exited ${code ?? signal}`)),
    )
  })
}

/**
 * Builds the JavaScript of `names` (default: the CLI) and their run-time workspace
 * dependencies in the repo at `root`. Returns one summary per package.
 */
export async function buildJs({
  root = defaultRoot,
  names = ['@redshift-playground/cli'],
  force = false,
  log = () => {},
} = {}) {
  // TypeScript (to read tsconfigs as tsc does) and esbuild: the repo's own devDependencies.
  const require = createRequire(import.meta.url)
  const tools = { ts: require('typescript'), esbuild: require('esbuild') }
  const packages = workspacePackages(root)
  const order = runtimeClosure(packages, names)
  // Files do not depend on each other once types are gone, so every package goes at once.
  return Promise.all(
    order.map(async (name) => {
      const { dir, pkg } = packages.get(name)
      const t0 = performance.now()
      let written = 0
      let upToDate = 0
      for (const step of buildSteps(pkg.scripts?.build ?? '')) {
        if (step.tsconfig) {
          const r = await emitTsconfig(tools, dir, pkg, step.tsconfig, force)
          written += r.written
          upToDate += r.upToDate
        } else await run(step.command, dir)
      }
      const ms = performance.now() - t0
      log(
        `  ${name.padEnd(36)} ${String(written).padStart(3)} written, ${String(upToDate).padStart(3)} up to date  ${(ms / 1000).toFixed(1)} s`,
      )
      return { name, written, upToDate, ms }
    }),
  )
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const force = args.includes('--force')
  const names = args.filter((a) => !a.startsWith('--'))
  const t0 = performance.now()
  try {
    const results = await buildJs({
      names: names.length > 0 ? names : undefined,
      force,
      log: (l) => console.log(l),
    })
    const files = results.reduce((n, r) => n + r.written, 0)
    console.log(
      `build-js: ${results.length} packages, ${files} files transpiled in ${((performance.now() - t0) / 1000).toFixed(1)} s (JavaScript only; \`npm test\` runs the type-checked build)`,
    )
  } catch (e) {
    console.error(e instanceof Error ? e.message : e)
    process.exitCode = 1
  }
}
