import type { ArgDef, CommandDef } from 'citty'
import { UsageError } from '../errors/cli-errors.js'

/** Flags every command takes; `rsp` handles them itself and citty never sees them. */
export const GLOBAL_FLAGS: Readonly<Record<string, string>> = Object.freeze({
  verbose: 'Print stack traces and causes of errors (also RSP_DEBUG=1)',
})

// biome-ignore lint/suspicious/noExplicitAny: each command has its own args type
type AnyCommand = CommandDef<any>
type Loader = () => Promise<AnyCommand>

/** A command found for an argv, with the words that named it (`['config', 'validate']`). */
export interface ResolvedCommand {
  readonly path: readonly string[]
  readonly cmd: AnyCommand
  /** The arguments after the command words (what citty parses for `cmd`). */
  readonly rest: readonly string[]
}

/** citty's resolvable values: a value, a promise, or a function returning either. */
async function value(v: unknown): Promise<unknown> {
  return typeof v === 'function' ? await (v as () => unknown)() : await v
}

/** Edit distance (insert, delete, substitute, swap two neighbours) between two short words. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[]
      const prev = d[i - 1] as number[]
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      row[j] = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      )
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1)
    }
  return (d[a.length] as number[])[b.length] as number
}

/**
 * The closest candidate to a mistyped word, if one is close enough: an edit distance of at
 * most a third of the word (at least 1), or the same letters without dashes and underscores,
 * or a unique prefix.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const bare = (s: string) => s.toLowerCase().replace(/[-_]/g, '')
  const w = bare(word)
  if (w === '') return undefined
  let best: { c: string; d: number } | undefined
  for (const c of candidates) {
    const d = bare(c) === w ? 0 : editDistance(w, bare(c))
    if (!best || d < best.d) best = { c, d }
  }
  if (best && best.d <= Math.max(1, Math.floor(w.length / 3))) return best.c
  const prefixed = candidates.filter((c) => bare(c).startsWith(w))
  return w.length >= 2 && prefixed.length === 1 ? prefixed[0] : undefined
}

const camel = (s: string) => s.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase())
const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)

interface FlagInfo {
  readonly name: string
  readonly def: ArgDef
}

/**
 * Finds the command an argv names and checks every argument against the command's declared
 * `args`, before anything runs: an unknown command, sub-command or flag (a typo like
 * `--dryrun`), a flag without its value, a value outside an enum, a flag given twice or an
 * extra positional argument is a {@link UsageError} (exit 2) with a did-you-mean. citty
 * itself ignores unknown flags, so without this `rsp unshare --dryrun` would tear down.
 */
export async function resolveCommandOrFail(
  commands: Readonly<Record<string, { readonly load: Loader }>>,
  argv: readonly string[],
): Promise<ResolvedCommand> {
  const first = argv[0] ?? ''
  if (first.startsWith('-'))
    throw new UsageError(
      `${first}: give a command first, like rsp cost ${first}; rsp --help lists the commands`,
      'command',
      first,
    )
  const entry = commands[first]
  if (!entry) {
    const guess = didYouMean(first, Object.keys(commands))
    throw new UsageError(
      `Unknown command ${first}${guess ? `; did you mean rsp ${guess}? Run` : '; run'} rsp --help for the list. Nothing was run.`,
      'command',
      first,
    )
  }
  const path = [first]
  let cmd = await entry.load()
  let rest = argv.slice(1)
  for (;;) {
    const subs = (await value(cmd.subCommands)) as Record<string, AnyCommand | Loader> | undefined
    if (!subs || Object.keys(subs).length === 0) break
    const names = Object.keys(subs)
    const word = rest[0]
    const where = `rsp ${path.join(' ')}`
    if (word === undefined || word.startsWith('-'))
      throw new UsageError(
        `${where} needs a sub-command: ${names.join(', ')} (${where} --help)`,
        'command',
        word,
      )
    if (!(word in subs)) {
      const guess = didYouMean(word, names)
      throw new UsageError(
        `Unknown sub-command ${where} ${word}${guess ? `; did you mean ${where} ${guess}?` : ''} ${where} takes ${names.join(', ')}`,
        'command',
        word,
      )
    }
    path.push(word)
    cmd = (await value(subs[word])) as AnyCommand
    rest = rest.slice(1)
  }
  await checkArgsOrFail(`rsp ${path.join(' ')}`, cmd, rest)
  return { path, cmd, rest }
}

/** Checks `rest` against `cmd.args` (see {@link resolveCommandOrFail}). */
export async function checkArgsOrFail(
  where: string,
  cmd: AnyCommand,
  rest: readonly string[],
): Promise<void> {
  const defs = ((await value(cmd.args)) ?? {}) as Record<string, ArgDef>
  const flags = new Map<string, FlagInfo>()
  const shorts = new Map<string, FlagInfo>()
  const positionals: string[] = []
  for (const [name, def] of Object.entries(defs)) {
    if (def.type === 'positional') {
      positionals.push(name)
      continue
    }
    const info = { name, def }
    for (const key of [name, camel(name), kebab(name)]) flags.set(key, info)
    const aliases = 'alias' in def && def.alias ? [def.alias].flat() : []
    for (const a of aliases) (a.length === 1 ? shorts : flags).set(a, info)
  }
  const flagNames = Object.keys(defs)
    .filter((n) => defs[n]?.type !== 'positional')
    .map((n) => `--${n}`)
  const help = `${where} --help lists its options`
  const unknown = (token: string, bare: string): never => {
    const guess = didYouMean(bare, [
      ...Object.keys(defs).filter((n) => defs[n]?.type !== 'positional'),
    ])
    throw new UsageError(
      `Unknown option ${token} for ${where}${guess ? `; did you mean --${guess}?` : flagNames.length === 0 ? ' (it takes no options)' : `; it takes ${flagNames.join(', ')}`} (${help}). Nothing was run.`,
      token,
      token,
    )
  }
  const seen = new Set<string>()
  const extraArgument = (token: string): never => {
    throw new UsageError(
      `${where} does not take ${JSON.stringify(token)} as an argument (${help}). Nothing was run.`,
      'argument',
      token,
    )
  }
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i] as string
    if (token === '--') {
      for (const after of rest.slice(i + 1))
        if (positionals.shift() === undefined) extraArgument(after)
      break
    }
    if (token.startsWith('--')) {
      const body = token.slice(2)
      const eq = body.indexOf('=')
      const key = eq === -1 ? body : body.slice(0, eq)
      const inline = eq === -1 ? undefined : body.slice(eq + 1)
      if (key in GLOBAL_FLAGS) continue
      let info = flags.get(key)
      if (!info && key.startsWith('no-')) {
        const negated = flags.get(key.slice(3))
        if (negated?.def.type === 'boolean' && inline === undefined) continue
      }
      if (!info) info = unknown(token, key)
      if (info.def.type === 'boolean') {
        if (inline !== undefined && inline !== 'true' && inline !== 'false')
          throw new UsageError(
            `--${info.name} is a switch: give it alone, or as --${info.name}=true / --${info.name}=false, not ${JSON.stringify(token)}`,
            `--${info.name}`,
            inline,
          )
        continue
      }
      let given = inline
      if (given === undefined) {
        const next = rest[i + 1]
        if (next === undefined || (next.startsWith('--') && next.length > 2))
          throw new UsageError(
            `--${info.name} needs a value${'valueHint' in info.def && info.def.valueHint ? ` (${info.def.valueHint})` : ''}${next === undefined ? '' : `, but ${next} follows it`} (${help})`,
            `--${info.name}`,
            undefined,
          )
        given = next
        i++
      }
      if (seen.has(info.name))
        throw new UsageError(`--${info.name} is given twice; give it once`, `--${info.name}`, given)
      seen.add(info.name)
      if (info.def.type === 'enum') {
        const options = (info.def.options ?? []).map(String)
        if (options.length > 0 && !options.includes(given)) {
          const guess = didYouMean(given, options)
          throw new UsageError(
            `--${info.name} ${JSON.stringify(given)} is not one of ${options.join(', ')}${guess ? `; did you mean --${info.name} ${guess}?` : ''}`,
            `--${info.name}`,
            given,
          )
        }
      }
      continue
    }
    if (token.startsWith('-') && token.length > 1 && !/^-\d/.test(token)) {
      const letter = token.slice(1)
      const info = shorts.get(letter)
      if (!info) unknown(token, letter)
      else if (info.def.type !== 'boolean') {
        if (rest[i + 1] === undefined)
          throw new UsageError(`-${letter} needs a value (${help})`, `-${letter}`, undefined)
        i++
      }
      continue
    }
    if (positionals.shift() === undefined) extraArgument(token)
  }
}
