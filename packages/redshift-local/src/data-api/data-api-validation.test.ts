import { describe, expect, it } from 'vitest'
import { DataApiError } from './data-api-errors.js'
import { checkSqlSize, parameterMap, validateInput } from './data-api-validation.js'

function errorOf(fn: () => unknown): DataApiError {
  try {
    fn()
  } catch (error) {
    if (error instanceof DataApiError) return error
    throw error
  }
  throw new Error('expected a DataApiError')
}

describe('validateInput', () => {
  it('R-API-4: a missing required member is reported the way AWS words constraint violations', () => {
    const e = errorOf(() => validateInput('ExecuteStatement', { WorkgroupName: 'producer' }))
    expect(e.errorName).toBe('ValidationException')
    expect(e.status).toBe(400)
    expect(e.message).toBe(
      "1 validation error detected: Value null at 'sql' failed to satisfy constraint: Member must not be null",
    )
  })

  it('R-API-4: several violations are counted and joined', () => {
    const e = errorOf(() =>
      validateInput('ExecuteStatement', {
        Sql: 'SELECT 1',
        ResultFormat: 'XML',
        SessionKeepAliveSeconds: 86401,
      }),
    )
    expect(e.message).toMatch(/^2 validation errors detected: /)
    expect(e.message).toContain(
      "Value 'XML' at 'resultFormat' failed to satisfy constraint: Member must satisfy enum value set: [JSON, CSV]",
    )
    expect(e.message).toContain('Member must have value less than or equal to 86400')
  })

  it('R-API-4: lengths and ranges of the model (StatementName ≤ 2048, ClientToken 1–64, WaitTimeSeconds 1–30)', () => {
    expect(() =>
      validateInput('ExecuteStatement', { Sql: 'x', StatementName: 'n'.repeat(2049) }),
    ).toThrow(/length less than or equal to 2048/)
    expect(() => validateInput('ExecuteStatement', { Sql: 'x', ClientToken: '' })).toThrow(
      /greater than or equal to 1/,
    )
    expect(() =>
      validateInput('DescribeStatement', {
        Id: '00000000-0000-0000-0000-000000000000',
        WaitTimeSeconds: 0,
      }),
    ).toThrow(/greater than or equal to 1/)
    expect(() => validateInput('ListStatements', { MaxResults: 101 })).toThrow(
      /less than or equal to 100/,
    )
    expect(validateInput('ListStatements', { MaxResults: 0 }).MaxResults).toBe(0)
  })

  it('R-API-6: Sqls holds 1–40 statements; ids may carry a :n suffix', () => {
    expect(() => validateInput('BatchExecuteStatement', { Sqls: [] })).toThrow(
      /greater than or equal to 1/,
    )
    expect(() =>
      validateInput('BatchExecuteStatement', { Sqls: Array(41).fill('SELECT 1') }),
    ).toThrow(/less than or equal to 40/)
    expect(
      validateInput('DescribeStatement', { Id: 'd9b6c0c9-0747-4bf4-b142-e8883122f766:2' }).Id,
    ).toBe('d9b6c0c9-0747-4bf4-b142-e8883122f766:2')
    expect(() =>
      validateInput('DescribeStatement', { Id: 'D9B6C0C9-0747-4bf4-b142-e8883122f766' }),
    ).toThrow(/regular expression pattern/)
  })

  it('R-API-4: WorkgroupName is a name of 3–63 [a-z0-9-] or a workgroup ARN', () => {
    expect(
      validateInput('ExecuteStatement', { Sql: 'x', WorkgroupName: 'producer' }).WorkgroupName,
    ).toBe('producer')
    const arn =
      'arn:aws:redshift-serverless:us-east-1:123456789012:workgroup/0c0e9a8a-0000-4000-8000-000000000000'
    expect(validateInput('ExecuteStatement', { Sql: 'x', WorkgroupName: arn }).WorkgroupName).toBe(
      arn,
    )
    expect(() => validateInput('ExecuteStatement', { Sql: 'x', WorkgroupName: 'ab' })).toThrow(
      /workgroupName/,
    )
    expect(() => validateInput('ExecuteStatement', { Sql: 'x', WorkgroupName: 'Upper' })).toThrow(
      /workgroupName/,
    )
  })

  it('R-API-5: parameter names match ^[0-9a-zA-Z_]+$, values are non-empty, the list is not empty', () => {
    const ok = validateInput('ExecuteStatement', {
      Sql: 'x',
      Parameters: [{ name: 'id_1', value: '7' }],
    })
    expect(ok.Parameters).toEqual([{ name: 'id_1', value: '7' }])
    expect(() => validateInput('ExecuteStatement', { Sql: 'x', Parameters: [] })).toThrow(
      /greater than or equal to 1/,
    )
    const e = errorOf(() =>
      validateInput('ExecuteStatement', {
        Sql: 'x',
        Parameters: [{ name: 'a b', value: 'x' }, { name: 'c', value: '' }, { name: 'd' }],
      }),
    )
    expect(e.message).toMatch(/^3 validation errors detected/)
    expect(e.message).toContain("Value 'a b' at 'parameters.1.member.name'")
    expect(e.message).toContain("Value '' at 'parameters.2.member.value'")
    expect(e.message).toContain("Value null at 'parameters.3.member.value'")
  })

  it('R-API-1: a wrong JSON type is a SerializationException; null members count as absent; unknown members are ignored', () => {
    expect(errorOf(() => validateInput('ExecuteStatement', { Sql: 1 })).errorName).toBe(
      'SerializationException',
    )
    expect(
      errorOf(() => validateInput('ExecuteStatement', { Sql: 'x', WithEvent: 'yes' })).errorName,
    ).toBe('SerializationException')
    expect(errorOf(() => validateInput('ListStatements', { MaxResults: 1.5 })).errorName).toBe(
      'SerializationException',
    )
    expect(errorOf(() => validateInput('ListStatements', [])).errorName).toBe(
      'SerializationException',
    )
    expect(validateInput('ExecuteStatement', { Sql: 'x', Database: null, Other: 1 })).toEqual({
      Sql: 'x',
    })
  })

  it('R-API-13: a SQL statement of more than 100 KB is refused', () => {
    expect(() => checkSqlSize('x'.repeat(100 * 1024), 'Sql')).not.toThrow()
    expect(() => checkSqlSize('x'.repeat(100 * 1024 + 1), 'Sql')).toThrow(/R-API-13/)
    // Bytes, not characters.
    expect(() => checkSqlSize('é'.repeat(60 * 1024), 'Sql')).toThrow(/R-API-13/)
  })

  it('R-API-5: parameters bind by name; a name given twice is refused', () => {
    expect(parameterMap([{ name: 'a', value: '1' }])).toEqual({ a: '1' })
    expect(parameterMap(undefined)).toBeUndefined()
    expect(() =>
      parameterMap([
        { name: 'a', value: '1' },
        { name: 'a', value: '2' },
      ]),
    ).toThrow(/more than once/)
  })
})
