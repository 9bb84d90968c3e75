import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, expect, it, vi } from 'vitest'

// Runs the README's examples exactly as written, so the documented code cannot rot.
const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8')
const example = (heading: string) =>
  new RegExp(`## ${heading}[^\\n]*\\n[\\s\\S]*?\`\`\`js\\n([\\s\\S]*?)\`\`\``).exec(readme)?.[1]
const files: string[] = []
afterAll(() => {
  for (const f of files) rmSync(f, { force: true })
})

async function run(code: string | undefined, name: string): Promise<string[]> {
  expect(code).toBeDefined()
  const file = fileURLToPath(new URL(`./readme-${name}.tmp.mjs`, import.meta.url))
  files.push(file)
  writeFileSync(file, code as string)
  const log = vi.spyOn(console, 'log').mockImplementation(() => {})
  try {
    await import(/* @vite-ignore */ file)
    return log.mock.calls.map((args) => args.map(String).join(' '))
  } finally {
    log.mockRestore()
  }
}

// Each example starts PGlite and is transformed on import: seconds alone, more than the default
// 30 s on a loaded 2-core machine (seen in CI).
vi.setConfig({ testTimeout: 120_000 })

it('runs the example: Redshift SQL, then the local target on PGlite', async () => {
  const out = await run(example('Example'), 'example')
  expect(out[0]).toContain('CREATE DATASHARE "airline_share";')
  expect(out).toContain('empty: true')
  expect(out.some((l) => l.startsWith('refused:'))).toBe(true)
})

it('runs the protection example: published views, and the schema consumers query', async () => {
  const out = await run(example('Redshift: how shared data is protected'), 'protection')
  expect(out).toContain('CREATE SCHEMA "airline_share_airline_dw"')
  expect(out.some((l) => l.includes('CAST(\'****\' AS VARCHAR(50)) AS "first_name"'))).toBe(true)
  expect(out.at(-1)).toBe('airline_share_airline_dw')
})

it('runs the multi-share example: two shares applied, re-plan empty, a marked share torn down', async () => {
  const out = await run(example('Example: several datashares'), 'multi')
  expect(out[0]).toMatch(/^applied \d+ statements for core, sales$/)
  expect(out).toContain('empty: true')
  expect(out).toContain('producer DROP ROLE "sales"')
  expect(out).toContain('consumer:seller DROP SCHEMA "sales_seller" CASCADE')
})
