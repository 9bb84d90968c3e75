import { readFileSync } from 'node:fs'
import { type CommandDef, defineCommand, renderUsage, runCommand } from 'citty'
import { GLOBAL_FLAGS, resolveCommandOrFail } from './args/check-argv.js'
import { catalogue, summary } from './commands/catalogue.js'
import {
  type CliContext,
  type CliContextInit,
  createContext,
  withContext,
} from './context/cli-context.js'
import { EXIT } from './errors/cli-errors.js'
import { errorDetails, errorJson, formatError, stripAnsi } from './errors/format-error.js'

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

// For the root help only: the first line of each command's description in the catalogue, so
// no command module is loaded.
const rootForHelp: CommandDef = defineCommand({
  meta,
  subCommands: Object.fromEntries(
    Object.entries(catalogue).map(([name, entry]) => [
      name,
      { meta: { name, description: summary(entry.description) } },
    ]),
  ),
})

const HELP = new Set(['--help', '-h'])

/** Finds the command that `--help` refers to (following sub-command names), with its words. */
async function resolveForHelp(argv: readonly string[]): Promise<[CommandDef, string[]]> {
  const words = argv.filter((a) => !a.startsWith('-'))
  const first = words[0]
  const entry = first ? catalogue[first] : undefined
  if (!entry || !first) return [rootForHelp, []]
  let cmd = await entry.load()
  const path = [first]
  for (const word of words.slice(1)) {
    const subs = (await resolve(cmd.subCommands)) as Record<string, unknown> | undefined
    const next = subs?.[word]
    if (!next) break
    path.push(word)
    cmd = (await resolve(next)) as CommandDef
  }
  return [cmd, path]
}

async function resolve<T>(value: T | (() => T) | (() => Promise<T>) | Promise<T>): Promise<T> {
  return typeof value === 'function' ? await (value as () => T | Promise<T>)() : await value
}

/**
 * The help of a command. citty's renderer appends "(<name> v<version>)" to the last line of
 * the description (for us, the last example: a copy-paste hazard) and names a sub-command
 * without `rsp`; so the description is printed here and citty renders the rest under the full
 * command name (`USAGE rsp config validate …`).
 */
async function usage(ctx: CliContext, argv: readonly string[]): Promise<string> {
  const [cmd, path] = await resolveForHelp(argv)
  const meta = (await resolve(cmd.meta)) ?? {}
  const name = ['rsp', ...path].join(' ')
  // A group lists its sub-commands by the first line of their descriptions.
  const subs = (await resolve(cmd.subCommands)) as Record<string, unknown> | undefined
  const subCommands = subs
    ? Object.fromEntries(
        await Promise.all(
          Object.entries(subs).map(async ([sub, def]) => {
            const m = (await resolve(((await resolve(def)) as CommandDef).meta)) ?? {}
            return [sub, { meta: { name: sub, description: m.description?.split('\n')[0] } }]
          }),
        ),
      )
    : undefined
  const rendered = await renderUsage({
    ...cmd,
    ...(subCommands ? { subCommands } : {}),
    meta: { ...meta, name, version: undefined, description: '' },
  })
  // citty's first two lines are its header: " (<name>)" and a blank line; its columns pad
  // every line with trailing spaces.
  const plain = ctx.colors.isColorSupported ? rendered : stripAnsi(rendered)
  const body = plain
    .split('\n')
    .slice(2)
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()
  const description = meta.description ?? ''
  const header = path.length === 0 ? `${description} (rsp v${pkg.version})` : description
  const globals = Object.entries(GLOBAL_FLAGS)
    .map(([flag, text]) => `  --${flag}  ${text}`)
    .join('\n')
  const text = `${header}\n\n${body}\n\nEvery command also takes:\n${globals}`
  return ctx.colors.isColorSupported ? text : stripAnsi(text)
}

/** True when `--flag` (or `--flag=true`) is given before `--`. */
function hasFlag(argv: readonly string[], flag: string): boolean {
  const end = argv.indexOf('--')
  return (end === -1 ? argv : argv.slice(0, end)).some(
    (a) => a === `--${flag}` || a === `--${flag}=true`,
  )
}

/** `--verbose` or `RSP_DEBUG` (any value but empty or 0): stack traces and causes of errors. */
export function isVerbose(argv: readonly string[], env: CliContext['env']): boolean {
  return hasFlag(argv, 'verbose') || (!!env.RSP_DEBUG && env.RSP_DEBUG !== '0')
}

/**
 * Prints an error the one way `rsp` prints errors and returns its exit code: `error <message>`
 * on stderr (with the stack and causes when verbose), and with `--json` also
 * `{ "error": { exitCode, code, message, field?, value?, issues? } }` on stdout, so a script
 * reading stdout always gets one JSON document.
 */
export function reportError(
  ctx: CliContext,
  error: unknown,
  options: { readonly verbose: boolean; readonly json: boolean },
): number {
  const report = formatError(error)
  if (report.message) ctx.err(`${ctx.colors.red('error')} ${report.message}\n`)
  if (options.verbose && report.message) ctx.err(`${errorDetails(error)}\n`)
  if (options.json && report.message)
    ctx.out(`${JSON.stringify({ error: errorJson(error, report) }, null, 2)}\n`)
  return report.exitCode
}

/**
 * Runs `rsp` with the given arguments (without `node` and the script path) and returns the
 * exit code: 0 ok, 1 failure, 2 usage or configuration error, 130 interrupted. Never calls
 * `process.exit`. Every argument is checked against the command's declared options before
 * the command runs (unknown options and sub-commands exit 2 with a did-you-mean).
 *
 * @example
 * const code = await run(['cost', '--json'], { out: (s) => chunks.push(s) })
 */
export async function run(argv: readonly string[], init: CliContextInit = {}): Promise<number> {
  const ctx = createContext(init)
  const verbose = isVerbose(argv, ctx.env)
  const json = hasFlag(argv, 'json')
  const end = argv.indexOf('--')
  const args = argv.filter((a, i) => !(a === '--verbose' && (end === -1 || i < end)))
  return withContext(ctx, async () => {
    try {
      if (args.some((a) => HELP.has(a)) || args.length === 0) {
        ctx.out(`${await usage(ctx, args)}\n`)
        return args.length === 0 ? EXIT.usage : EXIT.ok
      }
      if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
        ctx.out(`${pkg.version}\n`)
        return EXIT.ok
      }
      const { cmd, path, rest } = await resolveCommandOrFail(catalogue, args)
      try {
        await runCommand(cmd, { rawArgs: [...rest] })
      } catch (error) {
        // citty's own argument errors (a missing required option): point at the help.
        const code = (error as { code?: unknown } | null)?.code
        if (code === 'EARG' && error instanceof Error)
          error.message = `${stripAnsi(error.message)} (rsp ${path.join(' ')} --help lists its options)`
        throw error
      }
      return EXIT.ok
    } catch (error) {
      return reportError(ctx, error, { verbose, json })
    }
  })
}
