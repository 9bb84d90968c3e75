import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { InfraError } from '../errors.js'

// This file sits at src/private/ (tests, development condition) or dist/private/ (published):
// two levels below the package root either way, so the compiled handlers are always found in
// <package>/dist/lambda/<name>, whether the construct code runs from TypeScript or from dist.
const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Files of a compiled handler folder that must not go into the Lambda asset. */
export const LAMBDA_ASSET_EXCLUDE: readonly string[] = Object.freeze([
  '*.d.mts',
  '*.map',
  '*.test.*',
])

/**
 * The folder holding the compiled (ESM, `.mjs`) Lambda handler `name`, built by tsc from
 * src/lambda/<name>. It uses only the AWS SDK v3 of the Node.js Lambda runtime, so it is
 * packaged as is: no bundler, no network at synth time.
 */
export function lambdaAssetDir(name: string): string {
  const dir = join(packageRoot, 'dist', 'lambda', name)
  if (!existsSync(join(dir, 'index.mjs'))) {
    throw new InfraError(
      'HANDLER_NOT_BUILT',
      `The '${name}' Lambda handler is not built (expected ${join(dir, 'index.mjs')}); run \`npm run build\` in @redshift-playground/infra.`,
      { field: 'lambda', value: name },
    )
  }
  return dir
}
