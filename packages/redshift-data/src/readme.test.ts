import { rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { afterAll, expect, it, vi } from 'vitest'

// Runs the README's testing example exactly as written (against redshift-local's Data API
// server, with the real SDK client), so the documented example cannot rot.
const file = fileURLToPath(new URL('./test-readme-example.tmp.ts', import.meta.url))
afterAll(() => rmSync(file, { force: true }))

it('R-API-12: runs the README example "Testing against a local Data API"', async () => {
  const readme = await readFile(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8')
  const example = /## Testing against a local Data API\n[\s\S]*?```ts\n([\s\S]*?)```/.exec(
    readme,
  )?.[1]
  expect(example).toBeDefined()
  writeFileSync(
    file,
    (example as string).replace("from '@redshift-playground/redshift-data'", "from './index.js'"),
  )
  const log = vi.spyOn(console, 'log').mockImplementation(() => {})
  try {
    await import(/* @vite-ignore */ file)
    expect(log.mock.calls.map((c) => c[0])).toEqual([
      [{ city: 'Chicago' }, { city: 'Denver' }, { city: 'London' }],
    ])
  } finally {
    log.mockRestore()
  }
}, 120_000)
