import { describe, expect, it } from 'vitest'
import { DataApiInputError } from '../errors.js'
import {
  type RedshiftDataDialectConfig,
  resolveDialectConfig,
} from './redshift-data-dialect-config.js'

const client = { send: async () => ({}) }
const base: RedshiftDataDialectConfig = { client, workgroupName: 'wg-test', database: 'dev' }

function fails(config: unknown): DataApiInputError {
  try {
    resolveDialectConfig(config as RedshiftDataDialectConfig)
  } catch (error) {
    if (error instanceof DataApiInputError) return error
    throw error
  }
  throw new Error('expected the config to be refused')
}

describe('resolveDialectConfig', () => {
  it('builds a frozen serverless target with a secret', () => {
    const resolved = resolveDialectConfig({
      ...base,
      secretArn: 'arn:aws:secretsmanager:us-east-1:1:secret:x',
    })
    expect(resolved.target).toEqual({
      WorkgroupName: 'wg-test',
      Database: 'dev',
      SecretArn: 'arn:aws:secretsmanager:us-east-1:1:secret:x',
    })
    expect(Object.isFrozen(resolved)).toBe(true)
    expect(resolved).toMatchObject({
      int8: 'string',
      timeoutMs: 900_000,
      cancelTimeoutMs: 10_000,
      resultFormat: 'JSON',
      signal: undefined,
      sessionKeepAliveSeconds: 60,
      waitTimeSeconds: undefined,
    })
    expect(resolveDialectConfig({ ...base, waitTimeSeconds: 30 }).waitTimeSeconds).toBe(30)
  })

  it('names the value and the fix when refusing waitTimeSeconds', () => {
    const error = fails({ ...base, waitTimeSeconds: 31 })
    expect(error).toMatchObject({ code: 'INVALID_CONFIG', field: 'waitTimeSeconds', value: 31 })
    expect(error.message).toBe(
      "Invalid RedshiftDataDialect config: waitTimeSeconds = 31; use an integer from 1 to 30 (the Data API's WaitTimeSeconds), or leave it unset to poll DescribeStatement from the start",
    )
  })

  it('builds a provisioned target with a database user', () => {
    const { workgroupName: _, ...rest } = base
    expect(
      resolveDialectConfig({ ...rest, clusterIdentifier: 'legacy-1', dbUser: 'admin' }).target,
    ).toEqual({
      ClusterIdentifier: 'legacy-1',
      Database: 'dev',
      DbUser: 'admin',
    })
  })

  it.each([
    ['no client', { ...base, client: undefined }, 'client'],
    ['both targets', { ...base, clusterIdentifier: 'c1' }, 'workgroupName'],
    ['no target', { client, database: 'dev' }, 'workgroupName'],
    ['a bad workgroup name', { ...base, workgroupName: 'WG_1' }, 'workgroupName'],
    ['no database', { ...base, database: '' }, 'database'],
    ['secret and user', { ...base, secretArn: 'arn:x', dbUser: 'u' }, 'dbUser'],
    ['dbUser on serverless', { ...base, dbUser: 'u' }, 'dbUser'],
    ['a secret that is not an ARN', { ...base, secretArn: 'my-secret' }, 'secretArn'],
    ['a negative timeout', { ...base, timeoutMs: -1 }, 'timeoutMs'],
    ['a shrinking poll', { ...base, polling: { multiplier: 0.5 } }, 'polling.multiplier'],
    ['zero attempts', { ...base, retry: { maxAttempts: 0 } }, 'retry.maxAttempts'],
    ['an unknown int8 mode', { ...base, int8: 'float' }, 'int8'],
    [
      'a keep-alive over a day',
      { ...base, sessionKeepAliveSeconds: 86_401 },
      'sessionKeepAliveSeconds',
    ],
    ['a long statement name', { ...base, statementName: 'x'.repeat(501) }, 'statementName'],
    ['a timeout over a day', { ...base, timeoutMs: 86_400_001 }, 'timeoutMs'],
    ['an infinite timeout', { ...base, timeoutMs: Number.POSITIVE_INFINITY }, 'timeoutMs'],
    ['a zero cancel timeout', { ...base, cancelTimeoutMs: 0 }, 'cancelTimeoutMs'],
    ['a signal that is not one', { ...base, signal: { aborted: false } }, 'signal'],
    ['an unknown result format', { ...base, resultFormat: 'XML' }, 'resultFormat'],
    ['a zero wait (R-API-4: 1-30)', { ...base, waitTimeSeconds: 0 }, 'waitTimeSeconds'],
    ['a wait over 30 s', { ...base, waitTimeSeconds: 31 }, 'waitTimeSeconds'],
    ['a fractional wait', { ...base, waitTimeSeconds: 1.5 }, 'waitTimeSeconds'],
    ['a wait given as text', { ...base, waitTimeSeconds: '5' }, 'waitTimeSeconds'],
  ])('refuses %s, naming the field', (_label, config, field) => {
    const error = fails(config)
    expect(error).toMatchObject({ code: 'INVALID_CONFIG', field })
    expect(error.message).toContain(field)
  })
})
