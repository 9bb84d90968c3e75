import { readFileSync } from 'node:fs'
import { defineCommand, runMain } from 'citty'

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string
  description: string
}

export const main = defineCommand({
  meta: { name: 'rsp', version: pkg.version, description: pkg.description },
  subCommands: {},
})

/** Runs the CLI with the given arguments (without `node` and the script path). */
export async function run(argv: string[]): Promise<void> {
  await runMain(main, { rawArgs: argv })
}
