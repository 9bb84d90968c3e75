import { describe, expect, it } from 'vitest'
import { ConfigError, ExitError, InternalError, UsageError } from './cli-errors.js'
import { formatError } from './format-error.js'

describe('formatError', () => {
  it('maps configuration and usage errors to exit 2', () => {
    const config = formatError(
      new ConfigError(
        [{ field: 'producer.baseRpu', value: 33, message: 'not allowed', fix: 'use 32' }],
        'rsp.config.json',
      ),
    )
    expect(config).toEqual({
      exitCode: 2,
      message:
        'rsp.config.json is invalid (nothing was synthesised or sent):\n  - producer.baseRpu = 33: not allowed. Fix: use 32',
    })
    expect(formatError(new UsageError('bad flag'))).toEqual({ exitCode: 2, message: 'bad flag' })
  })

  it('maps a package error that names a field (duck-typed) to exit 2', () => {
    const err = Object.assign(new Error('must match [a-z_]'), {
      code: 'IDENTIFIER',
      field: 'datashare.name',
      value: 'x"y',
    })
    expect(formatError(err)).toEqual({
      exitCode: 2,
      message: 'datashare.name (value "x\\"y"): must match [a-z_]',
    })
  })

  it('maps runtime failures to exit 1 with their code and cause', () => {
    const err = Object.assign(new Error('statement failed'), {
      code: 'STATEMENT_FAILED',
      cause: new Error('relation does not exist'),
    })
    expect(formatError(err)).toEqual({
      exitCode: 1,
      message: 'STATEMENT_FAILED: statement failed (cause: relation does not exist)',
    })
    const aws = Object.assign(new Error('Rate exceeded'), {
      name: 'ThrottlingException',
      $metadata: {},
    })
    expect(formatError(aws)).toEqual({
      exitCode: 1,
      message: 'AWS ThrottlingException: Rate exceeded',
    })
    const net = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    })
    expect(formatError(net).message).toBe('cannot connect: connect ECONNREFUSED 127.0.0.1:1')
  })

  it('asks for a bug report for internal errors and programming errors', () => {
    for (const err of [new InternalError('state machine broke'), new TypeError('x is undefined')]) {
      const r = formatError(err)
      expect(r.exitCode).toBe(1)
      expect(r.message).toContain('This is a bug in rsp. Please report it')
      expect(r.message).toContain('github.com/redshift-playground/redshift-playground/issues/new')
    }
  })

  it('keeps an ExitError silent with its code', () => {
    expect(formatError(new ExitError(1))).toEqual({ exitCode: 1, message: '' })
  })
})
