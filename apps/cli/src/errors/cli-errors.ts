/**
 * Exit codes of `rsp`: 0 ok, 1 failure, 2 usage or configuration error (nothing was run),
 * 130 interrupted (Ctrl-C, 128 + SIGINT, as shells report it).
 */
export const EXIT = Object.freeze({ ok: 0, failure: 1, usage: 2, interrupted: 130 })

/** One problem in the configuration: the field, the value found, what is wrong, the fix. */
export interface ConfigIssue {
  readonly field: string
  readonly value: unknown
  readonly message: string
  readonly fix: string
}

/** The configuration is invalid; nothing has been synthesised or sent. Exit code 2. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID'
  readonly issues: readonly ConfigIssue[]
  readonly file: string | undefined
  constructor(issues: readonly ConfigIssue[], file?: string) {
    super(
      `${file ?? 'config'} is invalid: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
    )
    this.name = 'ConfigError'
    this.issues = Object.freeze([...issues])
    this.file = file
  }
}

/** A command was called wrongly (missing or bad flag). Exit code 2. */
export class UsageError extends Error {
  readonly code = 'USAGE'
  readonly field: string | undefined
  readonly value: unknown
  constructor(message: string, field?: string, value?: unknown) {
    super(message)
    this.name = 'UsageError'
    this.field = field
    this.value = value
  }
}

/**
 * A command ends with this exit code after it has already printed what went wrong
 * (e.g. `rsp diagnose` found failing checks).
 */
export class ExitError extends Error {
  readonly code = 'EXIT'
  readonly exitCode: number
  constructor(exitCode: number, message = `exit ${exitCode}`) {
    super(message)
    this.name = 'ExitError'
    this.exitCode = exitCode
  }
}

/** Something that should not happen: a bug in rsp. The message asks for a report. */
export class InternalError extends Error {
  readonly code = 'INTERNAL'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'InternalError'
  }
}
