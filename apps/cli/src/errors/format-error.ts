import { type ConfigIssue, EXIT } from './cli-errors.js'

/** What the CLI prints for an error, and the exit code it ends with. */
export interface ErrorReport {
  readonly exitCode: number
  readonly message: string
}

/** The same error as data, for `--json` (printed as `{ "error": … }` on stdout). */
export interface ErrorJson {
  readonly exitCode: number
  /** A stable reason: the error's own `code` (`CONFIG_INVALID`, `USAGE`, `ENOSPC`, `3D000` …) or its name. */
  readonly code: string
  readonly message: string
  readonly field?: string
  readonly value?: unknown
  readonly issues?: readonly ConfigIssue[]
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

// What to do about an operating-system error, by its code. These are never usage errors.
const SYSTEM_HINTS: Readonly<Record<string, string>> = Object.freeze({
  ENOSPC: 'the disk is full: free some space, or write somewhere else (--dir, --out, --keep)',
  EDQUOT: 'the disk quota is used up: free some space, or write somewhere else',
  EACCES: 'permission denied: check the permissions of the path, or use another one',
  EPERM: 'operation not permitted: check the permissions of the path, or use another one',
  EROFS: 'the file system is read-only: write somewhere else',
  ENOENT: 'no such file or directory: check the path',
  ENOTDIR: 'a part of the path is a file, not a folder: choose another path',
  EISDIR: 'the path is a folder where a file is expected: choose another path',
  EEXIST: 'the path exists already: remove it or choose another one',
  EMFILE: 'too many open files: raise the limit (ulimit -n) or retry',
  ENAMETOOLONG: 'the path is too long: use a shorter one',
  ENOTEMPTY: 'the folder is not empty: empty it or choose another one',
  EIO: 'an input/output error from the disk',
  ECONNREFUSED: 'nothing listens there: check the host and port, and that the server runs',
  ECONNRESET:
    'the server closed the connection (was it stopped or restarted?); run the command again',
  ENOTFOUND: 'the host name does not resolve: check it',
  ETIMEDOUT: 'no answer in time: check the host, the port and any firewall or security group',
  EHOSTUNREACH: 'the host is unreachable: check the network path',
  EPIPE: 'the other side closed the connection',
})

// Emscripten's errno numbers (PGlite's in-memory and NODEFS file systems throw `ErrnoError`
// objects that carry only these). From emscripten's src/struct_info.json.
const EMSCRIPTEN_ERRNO: Readonly<Record<number, string>> = Object.freeze({
  2: 'EACCES',
  20: 'EEXIST',
  29: 'EIO',
  31: 'EISDIR',
  33: 'EMFILE',
  37: 'ENAMETOOLONG',
  44: 'ENOENT',
  51: 'ENOSPC',
  54: 'ENOTDIR',
  55: 'ENOTEMPTY',
  63: 'EPERM',
  69: 'EROFS',
})

/** The code of an operating-system error (`ENOSPC` …), own or in its cause chain. */
export function systemErrorCode(error: unknown): string | undefined {
  let e = error as Dyn | undefined
  for (let depth = 0; depth < 8 && e && typeof e === 'object'; depth++) {
    const code = e.code
    if (typeof code === 'string' && /^E[A-Z0-9]{2,}$/.test(code) && code in SYSTEM_HINTS)
      return code
    if (
      typeof code === 'string' &&
      /^E[A-Z0-9]{2,}$/.test(code) &&
      (typeof e.syscall === 'string' || typeof e.errno === 'number')
    )
      return code
    if (e.name === 'ErrnoError' && typeof e.errno === 'number')
      return EMSCRIPTEN_ERRNO[e.errno] ?? `errno ${e.errno}`
    e = e.cause as Dyn | undefined
  }
  return undefined
}

// PostgreSQL SQLSTATEs a user can do something about (pg, PGlite and the emulator carry them).
const SQLSTATE_HINTS: Readonly<Record<string, string>> = Object.freeze({
  '3D000':
    'create the database first (createdb NAME, or CREATE DATABASE NAME in psql), or point the URL at an existing one',
  '28P01': 'wrong password: check the user and password in the URL',
  '28000': 'the server refused this user: check the user in the URL and pg_hba.conf',
  '42501': 'the user lacks a privilege: connect as the owner, or GRANT it',
  '55P03':
    'another session holds a lock on the table (a long query, or a transaction left open): end it, or run the command again later',
  '57P01':
    'the server was shut down or the session was terminated: start it and run the command again',
  '57P03': 'the server is starting up or shutting down: wait and run the command again',
  '53100': 'the database server’s disk is full: free some space',
  '08006': 'the connection to the server was lost: run the command again',
})

/** The database error (pg's DatabaseError, PGlite's, the emulator's) in an error's cause chain, with its SQLSTATE. */
function databaseError(error: unknown): { state: string; error: Dyn } | undefined {
  let e = error as Dyn | undefined
  for (let depth = 0; depth < 8 && e && typeof e === 'object'; depth++) {
    if (typeof e.sqlstate === 'string' && /^[0-9A-Z]{5}$/.test(e.sqlstate))
      return { state: e.sqlstate, error: e }
    if (
      typeof e.code === 'string' &&
      /^[0-9A-Z]{5}$/.test(e.code) &&
      /\d/.test(e.code) &&
      (typeof e.severity === 'string' || typeof e.routine === 'string')
    )
      return { state: e.code, error: e }
    e = e.cause as Dyn | undefined
  }
  return undefined
}

/** The SQLSTATE of a database error, own or in its cause chain. */
export function sqlState(error: unknown): string | undefined {
  return databaseError(error)?.state
}

// Codes of the packages' errors that report a failure at run time, not bad input: such an
// error may name a field (the table a COPY failed on) and still is not a usage error.
const RUNTIME_CODE =
  /(FAILED|ABORTED|TIMEOUT|CANCELLED|NOT_VISIBLE|PRECISION_LOST|REPEATED)$|^(SQL|RULE|NOT_EMULATED)$/

/**
 * The one place where errors become messages and exit codes. Errors are recognised by
 * their data (`code`, `field`, `value`, `issues`), not their class, so the packages'
 * own error classes (IdentifierError, validation errors, SQL errors …) map without the CLI
 * importing them. Exit codes: 2 for usage and configuration errors (nothing was run), 1 for
 * everything that failed while running (a full disk, a lost connection, an SQL error, AWS),
 * 130 for an interruption (Ctrl-C or an aborted signal).
 */
export function formatError(error: unknown): ErrorReport {
  if (typeof error !== 'object' || error === null) {
    return internal(new Error(String(error)))
  }
  const e = error as Dyn
  const code = typeof e.code === 'string' ? e.code : undefined
  const message = messageOf(error)

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
  if (code === 'INTERRUPTED' || e.name === 'AbortError' || code === 'ABORT_ERR') {
    return { exitCode: EXIT.interrupted, message: `interrupted: ${message}` }
  }
  const system = systemErrorCode(error)
  const db = databaseError(error)
  const state = db?.state
  const runtime =
    system !== undefined || state !== undefined || (code !== undefined && RUNTIME_CODE.test(code))
  // A package's validation error: it names the field and the value.
  if (typeof e.field === 'string' && !runtime) {
    const value = 'value' in e ? ` (value ${show(e.value)})` : ''
    return { exitCode: EXIT.usage, message: `${e.field}${value}: ${message}` }
  }
  if (system !== undefined) {
    const hint = SYSTEM_HINTS[system]
    const connect = /^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH)$/.test(system)
    const text = `${connect ? 'cannot connect: ' : ''}${message.includes(system) ? message : `${system}: ${message}`}`
    return { exitCode: EXIT.failure, message: hint ? `${text}\n  ↳ ${hint}` : text }
  }
  if (db !== undefined && state !== undefined) {
    const own = typeof db.error.message === 'string' ? db.error.message : ''
    // The hint, unless a wrapper already says what to do in its own words.
    const forwards = db.error === e || (own !== '' && message.includes(own))
    const name = /database "([^"]+)" does not exist/.exec(own)?.[1]
    const hint = forwards
      ? SQLSTATE_HINTS[state]?.replace(
          /\bNAME\b/g,
          name && /^[a-z_][a-z0-9_$]*$/.test(name) ? name : 'NAME',
        )
      : undefined
    const label = code === state ? `PostgreSQL ${state}: ${message}` : withCode(code, message)
    return { exitCode: EXIT.failure, message: hint ? `${label}\n  ↳ ${hint}` : label }
  }
  // Network and SQL errors from drivers and the AWS SDK carry a code or a name.
  if (typeof e.name === 'string' && e.$metadata !== undefined) {
    return { exitCode: EXIT.failure, message: `AWS ${e.name}: ${message}` }
  }
  if (e.name === 'CredentialsProviderError' || /^Region is missing/.test(message)) {
    return {
      exitCode: EXIT.usage,
      message: `${message}\n  ↳ ${
        e.name === 'CredentialsProviderError'
          ? 'no AWS credentials found: configure them (aws configure, aws sso login, or AWS_PROFILE=NAME), or pass --profile NAME'
          : 'pass --region us-east-1, set "region" in rsp.config.json, or export AWS_REGION'
      }`,
    }
  }
  // A TypeError and its kin without a code is a programming error in rsp itself.
  if (
    code === undefined &&
    (error instanceof TypeError || error instanceof ReferenceError || error instanceof RangeError)
  ) {
    return internal(error)
  }
  if (code !== undefined || error instanceof Error) {
    const cause = e.cause !== undefined ? messageOf(e.cause) : ''
    const suffix = cause && !message.includes(cause) ? ` (cause: ${cause})` : ''
    return { exitCode: EXIT.failure, message: `${withCode(code, message)}${suffix}` }
  }
  return internal(new Error(message))
}

/** The error as JSON data, for `--json` output. */
export function errorJson(error: unknown, report: ErrorReport = formatError(error)): ErrorJson {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Dyn
  const code =
    (typeof e.code === 'string' && e.code) ||
    systemErrorCode(error) ||
    (typeof e.name === 'string' && e.name) ||
    'ERROR'
  return {
    exitCode: report.exitCode,
    code,
    message: report.message,
    ...(typeof e.field === 'string' ? { field: e.field } : {}),
    ...('value' in e && e.value !== undefined ? { value: e.value } : {}),
    ...(Array.isArray(e.issues) ? { issues: e.issues as ConfigIssue[] } : {}),
  }
}

/** The stack trace and cause chain, for `--verbose` / `RSP_DEBUG=1`. */
export function errorDetails(error: unknown): string {
  const lines: string[] = []
  let e: unknown = error
  for (let depth = 0; depth < 8 && e !== undefined && e !== null; depth++) {
    const text =
      e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : safeJson(e) || String(e)
    lines.push(depth === 0 ? text : `caused by: ${text}`)
    e = (e as Dyn).cause
  }
  return lines.join('\n')
}

function withCode(code: string | undefined, message: string): string {
  return code && !message.startsWith(code) && !message.includes(`${code}:`)
    ? `${code}: ${message}`
    : message
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? ''
  } catch {
    return ''
  }
}

/** A readable message for anything thrown: an Error's message, else its name/code/errno, never `[object Object]`. */
function messageOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error)
  const e = error as Dyn
  if (typeof e.message === 'string' && e.message !== '') return e.message
  const system = systemErrorCode(error)
  if (system !== undefined) return `${typeof e.name === 'string' ? e.name : 'error'} ${system}`
  const json = safeJson(error)
  if (json && json !== '{}') return json
  return typeof e.name === 'string' ? e.name : Object.prototype.toString.call(error)
}

function internal(error: Error): ErrorReport {
  return {
    exitCode: EXIT.failure,
    message: [
      `internal error: ${messageOf(error)}`,
      'This is a bug in rsp. Please report it with the command you ran and its output with --verbose (or RSP_DEBUG=1), which adds the stack trace:',
      `  ${BUG_URL}`,
    ].join('\n'),
  }
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g')

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '')
}
