import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildSync } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { workerUrl } from './worker-bundle.js'

/** The package entry bundled from sources, so a plain `node` child can import it. */
function entryUrl(): string {
  // Inside the package, so the bundle's external imports resolve from its node_modules.
  const cache = new URL('../node_modules/.cache/', import.meta.url).pathname
  mkdirSync(cache, { recursive: true })
  const out = join(mkdtempSync(join(cache, 'rsp-datagen-entry-')), 'index.mjs')
  buildSync({
    entryPoints: [new URL('../src/index.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'node',
    format: 'esm',
    conditions: ['development'],
    packages: 'external',
    outfile: out,
    logLevel: 'warning',
  })
  return pathToFileURL(out).href
}

describe('worker threads under the parent’s Node flags', () => {
  const entry = entryUrl()
  const script = `
    const { createPlan, generate } = await import(${JSON.stringify(entry)})
    let rows = 0
    for await (const c of generate(createPlan({ scale: 0.01, tables: ['dim_date', 'fact_flight_operations'] }), { workers: 2, workerUrl: new URL(${JSON.stringify(workerUrl().href)}) }))
      rows += c.rows
    process.stdout.write(String(rows))
  `
  it.each([[['--input-type=module']], [['--input-type=module', '--max-old-space-size=400']]])(
    'start with %j',
    (flags) => {
      const out = execFileSync(process.execPath, [...flags, '-e', script], {
        cwd: new URL('..', import.meta.url).pathname,
        encoding: 'utf8',
      })
      expect(out.trim()).toMatch(/^\d+$/)
      expect(Number(out.trim())).toBeGreaterThan(0)
    },
  )
})
