import { AsyncLocalStorage } from 'node:async_hooks'
import pc from 'picocolors'

/** Where a command writes, what it knows about the terminal, and how it is interrupted. */
export interface CliContext {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
  /** True when stdout is a terminal: only then are spinners and progress bars drawn. */
  readonly isTTY: boolean
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
  /** Set by tests to stop long-running commands; otherwise see {@link interruption}. */
  readonly signal: AbortSignal | undefined
  readonly colors: ReturnType<typeof pc.createColors>
}

export interface CliContextInit {
  readonly out?: (text: string) => void
  readonly err?: (text: string) => void
  readonly isTTY?: boolean
  readonly env?: Readonly<Record<string, string | undefined>>
  readonly cwd?: string
  readonly signal?: AbortSignal
}

/** Colour follows the NO_COLOR convention (any non-empty value disables it) and FORCE_COLOR. */
export function colorEnabled(env: CliContextInit['env'] = {}, isTTY = false): boolean {
  if (env.NO_COLOR) return false
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true
  return isTTY && env.TERM !== 'dumb'
}

export function createContext(init: CliContextInit = {}): CliContext {
  const isTTY = init.isTTY ?? process.stdout.isTTY === true
  const env = init.env ?? process.env
  return Object.freeze({
    out: init.out ?? ((text: string) => void process.stdout.write(text)),
    err: init.err ?? ((text: string) => void process.stderr.write(text)),
    isTTY,
    env,
    cwd: init.cwd ?? process.cwd(),
    signal: init.signal,
    colors: pc.createColors(colorEnabled(env, isTTY)),
  })
}

const storage = new AsyncLocalStorage<CliContext>()

/** Runs `fn` with `ctx` as the current context (commands read it with {@link cli}). */
export function withContext<T>(ctx: CliContext, fn: () => Promise<T>): Promise<T> {
  return storage.run(ctx, fn)
}

/** The context of the running command; a default one bound to the process otherwise. */
export function cli(): CliContext {
  return storage.getStore() ?? createContext()
}

/** Prints one line to stdout. */
export function println(text = ''): void {
  cli().out(`${text}\n`)
}

/** Prints one line to stderr (diagnostic output that must not pollute `--json`). */
export function eprintln(text = ''): void {
  cli().err(`${text}\n`)
}

/** Prints a value as JSON on stdout (for `--json`). */
export function printJson(value: unknown): void {
  cli().out(`${JSON.stringify(value, null, 2)}\n`)
}

/**
 * The signal that stops a long-running command (serve, loadtest, watch): the context's own
 * (tests), or one aborted by the first SIGINT/SIGTERM. Only commands that call this take over
 * Ctrl-C, and a second Ctrl-C still ends the process.
 */
export function interruption(): AbortSignal {
  const own = cli().signal
  if (own) return own
  const controller = new AbortController()
  const stop = () => {
    controller.abort()
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  return controller.signal
}
