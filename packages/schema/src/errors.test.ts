import { describe, expect, it } from 'vitest'
import { IdentifierError, SchemaError } from './errors.js'

describe('SchemaError', () => {
  it('takes (code, message, { field, value, cause }) like every error class of the monorepo', () => {
    const cause = new Error('underlying')
    const error = new SchemaError('OPTION_INVALID', 'limit: expected a whole number.', {
      field: 'limit',
      value: 0,
      cause,
    })
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('SchemaError')
    expect(error.code).toBe('OPTION_INVALID')
    expect(error.message).toBe('limit: expected a whole number.')
    expect(error.field).toBe('limit')
    expect(error.value).toBe(0)
    expect(error.cause).toBe(cause)
  })

  it('sets no cause when none is given', () => {
    const error = new SchemaError('MODEL_INVALID', 'm', { field: 'f', value: undefined })
    expect('cause' in error).toBe(false)
  })

  it('IdentifierError keeps the same shape', () => {
    const error = new IdentifierError('IDENTIFIER_EMPTY', 'x: the name is empty.', {
      field: 'x',
      value: '',
    })
    expect(error).toBeInstanceOf(SchemaError)
    expect(error.name).toBe('IdentifierError')
    expect([error.code, error.field, error.value, error.message]).toEqual([
      'IDENTIFIER_EMPTY',
      'x',
      '',
      'x: the name is empty.',
    ])
  })
})
