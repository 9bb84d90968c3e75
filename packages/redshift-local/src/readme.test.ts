import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, expect, it, vi } from 'vitest'

// Runs the README's first example exactly as written, so the documented example cannot rot.
const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8')
const example = /## Usage: an account with a producer and a consumer\n+```ts\n([\s\S]*?)```/.exec(
  readme,
)?.[1]
const file = fileURLToPath(new URL('./readme-example.tmp.ts', import.meta.url))
afterAll(() => rmSync(file, { force: true }))

it('runs the README example', async () => {
  expect(example).toBeDefined()
  writeFileSync(
    file,
    (example as string).replace("from '@redshift-playground/redshift-local'", "from './index.js'"),
  )
  const log = vi.spyOn(console, 'log').mockImplementation(() => {})
  try {
    await import(/* @vite-ignore */ file)
    expect(log.mock.calls[0]?.[0]).toEqual([['2', '29.50']])
    expect(String(log.mock.calls[1]?.[0])).toMatch(/read-only .*\[R-DS-14\]/)
  } finally {
    log.mockRestore()
  }
}, 120_000)
