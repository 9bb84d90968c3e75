import { readFileSync } from 'node:fs'
import { type CommandDef, defineCommand, renderUsage, runCommand } from 'citty'
import { catalogue } from './commands/catalogue.js'
import {
  type CliContext,
  type CliContextInit,
  createContext,
  withContext,
} from './context/cli-context.js'
import { EXIT, UsageError } from './errors/cli-errors.js'
import { formatError, stripAnsi } from './errors/format-error.js'

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string
  description: string
}

const meta = { name: 'rsp', version: pkg.version, description: pkg.description }

/** The root command; sub-commands load on demand. */
export const main: CommandDef = defineCommand({
  meta,
  subCommands: Object.fromEntries(
    Object.entries(catalogue).map(([name, entry]) => [name, entry.load]),
  ),
})

// For the root help only: the catalogue's descriptions, so no command module is loaded.
const rootForHelp: CommandDef = defineCommand({
  meta,
  subCommands: Object.fromEntries(
    Object.entries(catalogue).map(([name, entry]) => [
      name,
      { meta: { name, description: entry.description } },
    ]),
  ),
})

const HELP = new Set(['--help', '-h'])

/** Finds the command that `--help` refers to (following sub-command names). */
async function resolveForHelp(
  argv: readonly string[],
): Promise<[CommandDef, CommandDef | undefined]> {
  const words = argv.filter((a) => !a.startsWith('-'))
  const first = words[0]
  const entry = first ? catalogue[first] : undefined
  if (!entry) return [rootForHelp, undefined]
  let cmd = await entry.load()
  let parent: CommandDef = rootForHelp
  for (const word of words.slice(1)) {
    const subs = (await resolve(cmd.subCommands)) as Record<string, unknown> | undefined
    const next = subs?.[word]
    if (!next) break
    parent = cmd
    cmd = (await resolve(next)) as CommandDef
  }
  return [cmd, parent]
}

async function resolve<T>(value: T | (() => T) | (() => Promise<T>) | Promise<T>): Promise<T> {
  return typeof value === 'function' ? await (value as () => T | Promise<T>)() : await value
}

async function usage(ctx: CliContext, argv: readonly string[]): Promise<string> {
  const [cmd, parent] = await resolveForHelp(argv)
  const text = await renderUsage(cmd, parent)
  return ctx.colors.isColorSupported ? text : stripAnsi(text)
}

/**
 * Runs `rsp` with the given arguments (without `node` and the script path) and returns the
 * exit code: 0 ok, 1 failure, 2 usage or configuration error. Never calls `process.exit`.
 *
 * @example
 * const code = await run(['cost', '--json'], { out: (s) => chunks.push(s) })
 */
export async function run(argv: readonly string[], init: CliContextInit = {}): Promise<number> {
  const ctx = createContext(init)
  return withContext(ctx, async () => {
    try {
      if (argv.some((a) => HELP.has(a)) || argv.length === 0) {
        ctx.out(`${await usage(ctx, argv)}\n`)
        return argv.length === 0 ? EXIT.usage : EXIT.ok
      }
      if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
        ctx.out(`${pkg.version}\n`)
        return EXIT.ok
      }
      const name = argv[0] ?? ''
      if (!(name in catalogue)) {
        throw new UsageError(
          `Unknown command ${name}; run rsp --help for the list`,
          'command',
          name,
        )
      }
      await runCommand(main, { rawArgs: [...argv] })
      return EXIT.ok
    } catch (error) {
      const report = formatError(error)
      if (report.message) ctx.err(`${ctx.colors.red('error')} ${report.message}\n`)
      if (report.exitCode === EXIT.usage && isArgumentError(error)) {
        ctx.err(`\n${await usage(ctx, argv).catch(() => '')}\n`)
      }
      return report.exitCode
    }
  })
}

function isArgumentError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return (
    code === 'EARG' ||
    code === 'E_UNKNOWN_COMMAND' ||
    code === 'E_NO_COMMAND' ||
    (error as { field?: unknown }).field === 'command'
  )
}
