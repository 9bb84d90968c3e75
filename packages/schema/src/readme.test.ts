import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, expect, it, vi } from 'vitest'

// Runs the README's quick start exactly as written, so the documented example cannot rot.
const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8')
const example = /## Quick start[^\n]*\n+```ts\n([\s\S]*?)```/.exec(readme)?.[1]
const file = fileURLToPath(new URL('./readme-example.tmp.ts', import.meta.url))
afterAll(() => rmSync(file, { force: true }))

it('runs the README quick start', async () => {
  expect(example).toBeDefined()
  writeFileSync(file, example as string)
  const log = vi.spyOn(console, 'log').mockImplementation(() => {})
  try {
    await import(/* @vite-ignore */ file)
    expect(log.mock.calls[0]?.[0]).toEqual([])
    expect(String(log.mock.calls[1]?.[0])).toContain(
      'from "airline_share"."airline_dw"."fact_daily_revenue" as "r"',
    )
  } finally {
    log.mockRestore()
  }
})
