import { describe, expect, it } from 'vitest'
import { DataApiInputError, RedshiftDataError } from './errors.js'

describe('DataApiInputError', () => {
  it('takes (code, message, { field, value, cause }) like every error class of the monorepo', () => {
    const cause = new Error('module not found')
    const error = new DataApiInputError('SDK_NOT_FOUND', 'Could not import the SDK', {
      field: 'commands',
      value: undefined,
      cause,
    })
    expect(error).toBeInstanceOf(RedshiftDataError)
    expect(error.name).toBe('DataApiInputError')
    expect(error.code).toBe('SDK_NOT_FOUND')
    expect(error.message).toBe('Could not import the SDK')
    expect(error.field).toBe('commands')
    expect(error.value).toBeUndefined()
    expect(error.cause).toBe(cause)
  })

  it('sets no cause when none is given', () => {
    const error = new DataApiInputError('INVALID_PARAMETER', 'Parameter :x is null', {
      field: 'x',
      value: null,
    })
    expect([error.field, error.value]).toEqual(['x', null])
    expect('cause' in error).toBe(false)
  })
})
