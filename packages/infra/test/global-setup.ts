// Constructs package the compiled Lambda handlers from dist/lambda (see
// src/private/lambda-assets.ts). Compile just those (about a second) so `vitest run` works
// on a fresh clone without a full build, and always tests the current handler sources.
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export default function setup() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..')
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.lambda.json')], {
    cwd: root,
    stdio: 'inherit',
  })
}
