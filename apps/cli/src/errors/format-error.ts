import { type ConfigIssue, EXIT } from './cli-errors.js'

/** What the CLI prints for an error, and the exit code it ends with. */
export interface ErrorReport {
  readonly exitCode: number
  readonly message: string
}

const BUG_URL = 'https://github.com/redshift-playground/redshift-playground/issues/new'

type Dyn = Record<string, unknown>

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === undefined) return '(missing)'
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/** Formats one configuration issue: `field = value: message. Fix: fix`. */
export function formatIssue(issue: ConfigIssue): string {
  return `${issue.field} = ${show(issue.value)}: ${issue.message}. Fix: ${issue.fix}`
}

/**
 * The one place where errors become messages and exit codes. Errors are recognised by
 * their data (`code`, `field`, `value`, `issues`), not their class, so the packages'
 * own error classes (IdentifierError, validation errors, SQL errors …) map without the CLI
 * importing them.
 */
export function formatError(error: unknown): ErrorReport {
  if (typeof error !== 'object' || error === null) {
    return internal(new Error(String(error)))
  }
  const e = error as Dyn
  const code = typeof e.code === 'string' ? e.code : undefined
  const message = typeof e.message === 'string' ? e.message : String(error)

  if (code === 'EXIT' && typeof e.exitCode === 'number') {
    return { exitCode: e.exitCode, message: '' }
  }
  if (code === 'CONFIG_INVALID' && Array.isArray(e.issues)) {
    const file = typeof e.file === 'string' ? e.file : 'configuration'
    const lines = (e.issues as ConfigIssue[]).map((i) => `  - ${formatIssue(i)}`)
    return {
      exitCode: EXIT.usage,
      message: `${file} is invalid (nothing was synthesised or sent):\n${lines.join('\n')}`,
    }
  }
  if (code === 'USAGE') return { exitCode: EXIT.usage, message }
  // citty's own argument errors (unknown command, missing or bad flag).
  if (code === 'EARG' || code === 'E_UNKNOWN_COMMAND' || code === 'E_NO_COMMAND') {
    return { exitCode: EXIT.usage, message: stripAnsi(message) }
  }
  if (code === 'INTERNAL') return internal(error as Error)
  // A package's validation error: it names the field and the value.
  if (typeof e.field === 'string') {
    const value = 'value' in e ? ` (value ${show(e.value)})` : ''
    return { exitCode: EXIT.usage, message: `${e.field}${value}: ${message}` }
  }
  // Network and SQL errors from drivers and the AWS SDK carry a code or a name.
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT') {
    return { exitCode: EXIT.failure, message: `cannot connect: ${message}` }
  }
  if (typeof e.name === 'string' && e.$metadata !== undefined) {
    return { exitCode: EXIT.failure, message: `AWS ${e.name}: ${message}` }
  }
  // A TypeError and its kin without a code is a programming error in rsp itself.
  if (
    code === undefined &&
    (error instanceof TypeError || error instanceof ReferenceError || error instanceof RangeError)
  ) {
    return internal(error)
  }
  if (code !== undefined || error instanceof Error) {
    const cause = e.cause instanceof Error ? ` (cause: ${e.cause.message})` : ''
    return { exitCode: EXIT.failure, message: `${code ? `${code}: ` : ''}${message}${cause}` }
  }
  return internal(new Error(message))
}

function internal(error: Error): ErrorReport {
  return {
    exitCode: EXIT.failure,
    message: [
      `internal error: ${error.message}`,
      'This is a bug in rsp. Please report it with the command you ran and this stack trace:',
      `  ${BUG_URL}`,
      error.stack ?? '',
    ].join('\n'),
  }
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g')

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '')
}
