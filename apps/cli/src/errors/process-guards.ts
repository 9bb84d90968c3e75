import { EXIT } from './cli-errors.js'
import { errorDetails, errorJson, formatError } from './format-error.js'

/** What the guards need from the process (the real one in `bin.ts`, a fake in tests). */
export interface GuardedProcess {
  readonly stdout: NodeJS.EventEmitter
  readonly stderr: NodeJS.EventEmitter & { write(text: string): unknown }
  on(event: string, listener: (...args: never[]) => void): unknown
  listenerCount(event: string): number
  exit(code: number): void
}

export interface GuardOptions {
  /** `--verbose` or `RSP_DEBUG`: add the stack and causes. */
  readonly verbose: boolean
  /** `--json`: also print `{ "error": … }` on stdout. */
  readonly json: boolean
}

const SIGNAL_EXIT: Readonly<Record<string, number>> = Object.freeze({
  SIGINT: EXIT.interrupted,
  SIGTERM: 128 + 15,
  SIGHUP: 128 + 1,
})

/**
 * The errors that never reach `run`'s catch, formatted the same way and ended with the same
 * exit codes:
 * - stdout closed by its reader (`rsp cost | head -1`, EPIPE): stop quietly with the exit
 *   code so far (0), like other well-behaved tools: the reader wanted no more.
 * - an `'error'` event nobody listened to (a database driver losing its connection), an
 *   uncaught exception or an unhandled rejection: `error <message>` and exit 1 (2 for a
 *   usage error), the stack only when verbose.
 * - Ctrl-C / SIGTERM / SIGHUP while no command has taken the signal over (`interruption()`
 *   does, for serve, loadtest and watch): `error interrupted …` and exit 130 (143, 129).
 */
export function guardProcess(proc: GuardedProcess, options: GuardOptions): void {
  let ending = false
  const fail = (error: unknown) => {
    if (ending) return
    ending = true
    const report = formatError(error)
    try {
      if (report.message) proc.stderr.write(`error ${report.message}\n`)
      if (options.verbose) proc.stderr.write(`${errorDetails(error)}\n`)
      if (options.json && report.message)
        (proc.stdout as unknown as { write(t: string): unknown }).write(
          `${JSON.stringify({ error: errorJson(error, report) }, null, 2)}\n`,
        )
    } catch {
      // stderr itself is gone: the exit code still tells.
    }
    proc.exit(report.exitCode === EXIT.ok ? EXIT.failure : report.exitCode)
  }
  const closed = (stream: 'stdout' | 'stderr') => (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
      if (!ending) {
        ending = true
        proc.exit((process.exitCode as number | undefined) ?? EXIT.ok)
      }
      return
    }
    if (stream === 'stdout') fail(error)
    else if (!ending) {
      ending = true
      proc.exit(EXIT.failure)
    }
  }
  proc.stdout.on('error', closed('stdout'))
  proc.stderr.on('error', closed('stderr'))
  proc.on('uncaughtException', fail)
  proc.on('unhandledRejection', fail)
  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
    proc.on(signal, () => {
      // A command that took the signal over (interruption()) handles the first one itself.
      if (proc.listenerCount(signal) > 1) return
      if (ending) return
      ending = true
      try {
        proc.stderr.write(`\nerror interrupted (${signal}): stopped before the command finished\n`)
      } catch {
        // nothing more to say
      }
      proc.exit(code)
    })
  }
}
