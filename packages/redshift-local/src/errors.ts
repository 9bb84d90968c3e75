/** What went wrong, in a word. */
export type RedshiftLocalErrorCode =
  /** Redshift refuses the statement under a documented rule (`ruleId` names it). */
  | 'RULE'
  /** The SQL does not parse. */
  | 'SYNTAX'
  /** The statement ran and the database raised an error (a missing table, a constraint, …). */
  | 'SQL'
  /** The statement is valid Redshift SQL the emulator does not model (see the fidelity page). */
  | 'NOT_EMULATED'
  /** Bad options given to the emulator itself (a namespace name, a port, …). */
  | 'CONFIG'
  /** The statement was cancelled. */
  | 'CANCELLED'

/**
 * The one error class of the emulator. Its `message` reads like Redshift's (`ERROR: …`), and
 * for a rule violation it ends with the rule id and the statement, e.g.
 * `ERROR: CREATE DATABASE cannot run inside a transaction block [R-TX-1] (statement: CREATE DATABASE …)`.
 */
export class RedshiftLocalError extends Error {
  override readonly name = 'RedshiftLocalError'
  readonly code: RedshiftLocalErrorCode
  /** The rule of REDSHIFT-RULES.md (or of the emulator's rule-decisions page) that refused it. */
  readonly ruleId: string | undefined
  /** SQLSTATE as Redshift/PostgreSQL would report it. */
  readonly sqlstate: string
  /** The statement that failed, as sent. */
  readonly statement: string | undefined
  /** The field of the emulator's options that is wrong (CONFIG errors). */
  readonly field: string | undefined

  constructor(
    code: RedshiftLocalErrorCode,
    message: string,
    options: {
      readonly ruleId?: string
      readonly sqlstate?: string
      readonly statement?: string
      readonly field?: string
      readonly cause?: unknown
    } = {},
  ) {
    super(formatMessage(message, options.ruleId, options.statement, code), {
      cause: options.cause,
    })
    this.code = code
    this.ruleId = options.ruleId
    this.sqlstate = options.sqlstate ?? (code === 'RULE' ? '0A000' : 'XX000')
    this.statement = options.statement
    this.field = options.field
  }
}

const MAX_STATEMENT_IN_MESSAGE = 300

function formatMessage(
  message: string,
  ruleId: string | undefined,
  statement: string | undefined,
  code: RedshiftLocalErrorCode,
): string {
  if (code === 'CONFIG') return message
  let text = message.startsWith('ERROR:') ? message : `ERROR: ${message}`
  if (ruleId) {
    const shown =
      statement === undefined
        ? ''
        : ` (statement: ${statement.length > MAX_STATEMENT_IN_MESSAGE ? `${statement.slice(0, MAX_STATEMENT_IN_MESSAGE)}…` : statement})`
    text += ` [${ruleId}]${shown}`
  }
  return text
}

/** A rule violation: `ERROR: <message> [<ruleId>] (statement: …)`. */
export function ruleError(
  ruleId: string,
  message: string,
  statement: string | undefined,
  sqlstate = '0A000',
): RedshiftLocalError {
  return new RedshiftLocalError('RULE', message, {
    ruleId,
    sqlstate,
    ...(statement !== undefined ? { statement } : {}),
  })
}

/** Valid Redshift the emulator does not model. */
export function notEmulated(what: string, statement: string | undefined): RedshiftLocalError {
  return new RedshiftLocalError(
    'NOT_EMULATED',
    `${what} is not emulated by redshift-local (see its fidelity page)`,
    { sqlstate: '0A000', ...(statement !== undefined ? { statement } : {}) },
  )
}
