import { describe, expect, it } from 'vitest'
import { ConfigError, ExitError, InternalError, UsageError } from './cli-errors.js'
import { errorDetails, formatError } from './format-error.js'

describe('formatError', () => {
  it('maps configuration and usage errors to exit 2', () => {
    const config = formatError(
      new ConfigError(
        [{ field: 'producer.baseCapacity', value: 33, message: 'not allowed', fix: 'use 32' }],
        'rsp.config.json',
      ),
    )
    expect(config).toEqual({
      exitCode: 2,
      message:
        'rsp.config.json is invalid (nothing was synthesised or sent):\n  - producer.baseCapacity = 33: not allowed. Fix: use 32',
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
    expect(formatError(net).message).toBe(
      'cannot connect: connect ECONNREFUSED 127.0.0.1:1\n  ↳ nothing listens there: check the host and port, and that the server runs',
    )
  })

  it('never maps a run-time failure that names a field to exit 2 (a full disk is exit 1)', () => {
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      errno: -28,
      syscall: 'write',
    })
    // datagen wraps a failed COPY with the table as its field.
    const load = Object.assign(new Error('COPY into fact_bookings failed: could not extend file'), {
      code: 'LOAD_FAILED',
      field: 'table',
      value: 'fact_bookings',
      cause: enospc,
    })
    const r = formatError(load)
    expect(r.exitCode).toBe(1)
    expect(r.message).toContain('the disk is full: free some space')
    expect(formatError(enospc)).toEqual({
      exitCode: 1,
      message:
        'ENOSPC: no space left on device, write\n  ↳ the disk is full: free some space, or write somewhere else (--dir, --out, --keep)',
    })
    // A failed COPY without a system cause is still a run-time failure.
    expect(
      formatError({ ...load, cause: undefined, message: 'x', code: 'LOAD_FAILED' }).exitCode,
    ).toBe(1)
  })

  it('formats a thrown non-Error object (PGlite ErrnoError) without [object Object]', () => {
    const r = formatError({ name: 'ErrnoError', errno: 54 })
    expect(r.exitCode).toBe(1)
    expect(r.message).not.toContain('[object Object]')
    expect(r.message).toContain('ENOTDIR')
    expect(r.message).toContain('a part of the path is a file, not a folder')
    expect(formatError({ some: 'thing' }).message).not.toContain('[object Object]')
  })

  it('adds the fix for PostgreSQL errors a user can act on', () => {
    const missing = Object.assign(new Error('database "nope" does not exist'), {
      code: '3D000',
      severity: 'FATAL',
      routine: 'InitPostgres',
    })
    expect(formatError(missing)).toEqual({
      exitCode: 1,
      message:
        'PostgreSQL 3D000: database "nope" does not exist\n  ↳ create the database first (createdb nope, or CREATE DATABASE nope in psql), or point the URL at an existing one',
    })
  })

  it('maps an abort to 130 and a missing AWS region to 2 with the fix', () => {
    const abort = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' })
    expect(formatError(abort).exitCode).toBe(130)
    const region = formatError(new Error('Region is missing'))
    expect(region.exitCode).toBe(2)
    expect(region.message).toContain('pass --region us-east-1')
  })

  it('keeps stack traces out of messages (they are for --verbose)', () => {
    const r = formatError(new TypeError('x is undefined'))
    expect(r.message).not.toMatch(/\n\s+at /)
    expect(errorDetails(new TypeError('x is undefined'))).toMatch(/\n\s+at /)
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
