#!/usr/bin/env node
// Package correctness for the project in the current folder: publint (strict) over the
// exports map and files, then @arethetypeswrong/cli over the packed tarball, so a broken
// exports map or missing declarations never ship. Nx runs it after `build` and caches it.
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'

const root = join(dirname(new URL(import.meta.url).pathname), '..')
const bin = (pkg, name) => join(root, 'node_modules', pkg, name)

function run(label, args) {
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: process.cwd() })
  if (r.status !== 0) {
    console.error(`check-package: ${label} failed`)
    process.exit(r.status ?? 1)
  }
}

run('publint', [bin('publint', 'src/cli.js'), '--strict'])
run('attw', [
  bin('@arethetypeswrong/cli', 'dist/index.js'),
  '--pack',
  '.',
  '--profile',
  'esm-only',
  '--format',
  'table-flipped',
])
