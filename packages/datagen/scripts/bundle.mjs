#!/usr/bin/env node
// Bundles the package's JavaScript: `tsc` emits only declarations (dist/**/*.d.ts) and this
// writes dist/index.js and dist/pool/generate-worker.js (the worker entry `generate` starts),
// with code they share and the lazily imported modules (faker's name pools) as chunks.
// One module instead of about forty makes importing the package ~40 ms quicker, which
// every `rsp datagen` / `rsp load` pays before generating. Dependencies stay external.
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const external = [
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
]
  // Deep imports of a dependency ('@redshift-playground/schema/model') stay external too.
  .flatMap((name) => [name, `${name}/*`])

// tsc emits only declarations now, so any JavaScript under dist/ is a previous bundle or a
// leftover of the per-module build: remove it so a packed tarball holds only this build's.
for (const file of readdirSync(join(root, 'dist'), { recursive: true, encoding: 'utf8' }))
  if (/\.js(\.map)?$/.test(file)) rmSync(join(root, 'dist', file))
rmSync(join(root, 'dist', 'chunks'), { recursive: true, force: true })
await build({
  absWorkingDir: root,
  entryPoints: { index: 'src/index.ts', 'pool/generate-worker': 'src/pool/generate-worker.ts' },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
})
