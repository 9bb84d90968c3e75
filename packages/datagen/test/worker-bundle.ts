import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildSync } from 'esbuild'

let cached: URL | undefined

/** Bundles the worker entry from the TypeScript sources (tests run without a build). */
export function workerUrl(): URL {
  if (cached) return cached
  const out = join(mkdtempSync(join(tmpdir(), 'rsp-datagen-')), 'generate-worker.mjs')
  buildSync({
    entryPoints: [new URL('../src/pool/generate-worker.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'node',
    format: 'esm',
    conditions: ['development'],
    outfile: out,
    logLevel: 'warning',
  })
  cached = pathToFileURL(out)
  return cached
}
