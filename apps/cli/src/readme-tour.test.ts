import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { resolveCommandOrFail } from './args/check-argv.js'
import { catalogue } from './commands/catalogue.js'
import { runCli, tempProject } from './test-cli.js'

// Docs are tests: the root README's five-minute tour, command by command, as written.
const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
const tour = /## A five-minute tour of `rsp`[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? ''
const commands = tour
  .replace(/\\\n\s*/g, ' ')
  .split('\n')
  .map((line) =>
    line
      .replace(/\s+#.*$/, '')
      .replace(/\s*&$/, '')
      .trim(),
  )
  .filter((line) => line.startsWith('rsp '))
  .map((line) => line.split(/\s+/).slice(1))

describe('the README tour', () => {
  it('has the commands this test knows about', () => {
    expect(commands.map((c) => c.slice(0, 2).join(' '))).toEqual([
      'init --yes',
      'config validate',
      'cost',
      'plan',
      'schema ddl',
      'share --target',
      'demo --keep',
      'local serve',
      'demo --target',
      'local serve',
      'loadtest --endpoint',
    ])
  })

  it('uses only commands and options that exist', async () => {
    for (const argv of commands)
      await expect(resolveCommandOrFail(catalogue, argv)).resolves.toBeDefined()
  })

  it('runs its offline commands in order in a new folder, each with exit 0', {
    timeout: 180_000,
  }, async () => {
    const dir = tempProject()
    for (const argv of commands.filter(
      (c) => !['demo', 'local', 'loadtest'].includes(c[0] as string),
    )) {
      const r = await runCli(argv, { cwd: dir })
      expect({ argv, code: r.code, stderr: r.stderr }).toEqual({ argv, code: 0, stderr: '' })
      expect(r.stdout).not.toBe('')
    }
  })
})
