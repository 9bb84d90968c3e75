import { IdentifierError } from '@redshift-playground/schema'
import { describe, expect, it } from 'vitest'
import { type DatashareSpec, defineDatashare } from './desired-state.js'
import { DesiredStateError } from './errors.js'
import { placeholder } from './namespace-ref.js'
import { consumerSchema } from './plan/publication.js'
import {
  airlineDefs,
  CONSUMER_NS,
  PRODUCER_NS,
  piiScenario,
  seedScenario,
} from './test-fixtures.js'

const withConsumer = (patch: Record<string, unknown>): DatashareSpec => ({
  ...seedScenario,
  consumers: [{ ...seedScenario.consumers[0]!, ...patch } as DatashareSpec['consumers'][number]],
})

function failure(spec: unknown) {
  try {
    defineDatashare(spec as DatashareSpec)
  } catch (e) {
    return e as DesiredStateError
  }
  throw new Error('expected defineDatashare to throw')
}

describe('defineDatashare', () => {
  it('normalises the seed scenario and freezes it', () => {
    const d = defineDatashare(seedScenario)
    expect(d.publiclyAccessible).toBe(false)
    expect(d.publiclyAccessibleSource).toBe('derived')
    expect(d.consumers.map((c) => c.grantee)).toEqual(
      CONSUMER_NS.map((id) => ({ kind: 'namespace', id })),
    )
    expect(Object.isFrozen(d) && Object.isFrozen(d.consumers[0])).toBe(true)
  })

  it('derives PUBLICACCESSIBLE from public consumer workgroups, unless forced', () => {
    expect(defineDatashare(withConsumer({ publiclyAccessible: true })).publiclyAccessible).toBe(
      true,
    )
    const forced = defineDatashare({ ...seedScenario, publiclyAccessible: true })
    expect([forced.publiclyAccessible, forced.publiclyAccessibleSource]).toEqual([true, 'forced'])
    const e = failure({ ...withConsumer({ publiclyAccessible: true }), publiclyAccessible: false })
    expect([e.field, e.value]).toEqual(['publiclyAccessible', false])
    expect(e.message).toMatch(/Publicly accessible consumer cannot access/)
  })

  it('lower-cases GUIDs and rejects malformed namespaces and accounts, naming the field', () => {
    const upper = defineDatashare({
      ...seedScenario,
      producer: { namespace: PRODUCER_NS.toUpperCase(), database: 'dev' },
    })
    expect(upper.producer.namespace).toBe(PRODUCER_NS)
    const bad = failure(withConsumer({ namespace: "13b8833d' OR '1'='1" }))
    expect([bad.code, bad.field]).toEqual(['NAMESPACE_INVALID', 'consumers[0].namespace'])
    const acct = failure({
      ...seedScenario,
      producer: { namespace: PRODUCER_NS, database: 'dev', account: '12345' },
    })
    expect([acct.code, acct.field, acct.value]).toEqual([
      'ACCOUNT_INVALID',
      'producer.account',
      '12345',
    ])
  })

  it('cross-account consumers need the producer account and are granted TO ACCOUNT', () => {
    const e = failure(withConsumer({ namespace: undefined, account: '210987654321' }))
    expect(e.field).toBe('producer.account')
    const d = defineDatashare({
      ...withConsumer({ namespace: undefined, account: '210987654321' }),
      producer: { namespace: PRODUCER_NS, database: 'dev', account: '123456789012' },
    })
    expect(d.consumers[0]!.grantee).toEqual({ kind: 'account', id: '210987654321' })
  })

  it('rejects duplicates: consumers, namespaces, schemas, tables, readers', () => {
    const twice = {
      ...seedScenario,
      consumers: [
        seedScenario.consumers[0]!,
        { ...seedScenario.consumers[1]!, name: 'consumer_1' },
      ],
    }
    expect(failure(twice)).toMatchObject({
      code: 'DUPLICATE',
      field: 'consumers[1].name',
      value: 'consumer_1',
    })
    const sameNs = {
      ...seedScenario,
      consumers: [
        seedScenario.consumers[0]!,
        { ...seedScenario.consumers[1]!, namespace: CONSUMER_NS[0] },
      ],
    }
    expect(failure(sameNs)).toMatchObject({ code: 'DUPLICATE', field: 'consumers[1].namespace' })
    expect(
      failure({
        ...seedScenario,
        objects: [
          { schema: 'airline_dw', tables: 'all' },
          { schema: 'airline_dw', tables: ['dim_date'] },
        ],
      }),
    ).toMatchObject({ code: 'DUPLICATE', field: 'objects[1].schema' })
    expect(
      failure({
        ...seedScenario,
        objects: [{ schema: 'airline_dw', tables: ['dim_date', 'dim_date'] }],
      }),
    ).toMatchObject({ code: 'DUPLICATE', field: 'objects[0].tables[1]' })
    expect(failure(withConsumer({ readers: [{ role: 'bi' }, { role: 'bi' }] }))).toMatchObject({
      code: 'DUPLICATE',
      field: 'consumers[0].readers[1]',
    })
  })

  it('applies Redshift identifier rules (bytes, characters, case) through the schema package', () => {
    const long = failure({ ...seedScenario, name: 'x'.repeat(128) })
    expect(long).toBeInstanceOf(IdentifierError)
    expect([long.code, long.field]).toEqual(['IDENTIFIER_TOO_LONG', 'name'])
    // 64 three-byte characters = 192 bytes, though only 64 characters.
    expect(failure(withConsumer({ database: 'é'.repeat(64) }))).toMatchObject({
      code: 'IDENTIFIER_TOO_LONG',
      field: 'consumers[0].database',
    })
    expect(failure(withConsumer({ name: 'a;drop' }))).toMatchObject({
      code: 'IDENTIFIER_INVALID_CHARACTER',
      field: 'consumers[0].name',
    })
    expect(failure({ ...seedScenario, name: 'AirlineShare' })).toMatchObject({
      code: 'IDENTIFIER_UPPERCASE',
    })
  })

  it('rejects unknown settings, tables, columns and consumers in policies', () => {
    expect(failure({ ...seedScenario, extra: 1 })).toMatchObject({ field: 'datashare.extra' })
    const pii = piiScenario.policies!.masking![0]!
    expect(
      failure({ ...piiScenario, policies: { masking: [{ ...pii, table: 'airline_dw.nope' }] } }),
    ).toMatchObject({ code: 'UNKNOWN_TABLE', field: 'policies.masking[0].table' })
    expect(
      failure({ ...piiScenario, policies: { masking: [{ ...pii, columns: ['ssn'] }] } }),
    ).toMatchObject({
      code: 'UNKNOWN_COLUMN',
      field: 'policies.masking[0].columns[0]',
      value: 'ssn',
    })
    const rls = piiScenario.policies!.rowLevelSecurity![0]!
    expect(
      failure({
        ...piiScenario,
        policies: { rowLevelSecurity: [{ ...rls, consumers: ['ghost'] }] },
      }),
    ).toMatchObject({
      code: 'UNKNOWN_CONSUMER',
      field: 'policies.rowLevelSecurity[0].consumers[0]',
    })
    expect(
      failure({ ...piiScenario, policies: { rowLevelSecurity: [{ ...rls, values: [1] }] } }),
    ).toMatchObject({ field: 'policies.rowLevelSecurity[0].values[0]' })
  })

  it('policies need consumers created WITH PERMISSIONS', () => {
    const e = failure({ ...seedScenario, policies: piiScenario.policies })
    expect(e.code).toBe('POLICY_NEEDS_PERMISSIONS')
  })

  it('publishes an entry whose tables have policies (or that names publishAs), for the Redshift target', () => {
    const pii = defineDatashare(piiScenario, { tables: airlineDefs })
    expect(pii.schemas[0]).toMatchObject({
      schema: 'airline_dw',
      published: true,
      publishAs: 'airline_share_airline_dw',
    })
    expect(consumerSchema(pii, 'airline_dw')).toBe('airline_share_airline_dw')
    const plain = defineDatashare(seedScenario, { tables: airlineDefs })
    expect([plain.schemas[0]!.published, consumerSchema(plain, 'airline_dw')]).toEqual([
      false,
      'airline_dw',
    ])
    const named = defineDatashare(
      {
        ...seedScenario,
        objects: [{ schema: 'airline_dw', tables: 'all', publishAs: 'shared_dw' }],
      },
      { tables: airlineDefs },
    )
    expect(consumerSchema(named, 'airline_dw')).toBe('shared_dw')
    expect(() => consumerSchema(named, 'staging')).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_SCHEMA', field: 'schema' }),
    )
    const bad = failure({
      ...seedScenario,
      objects: [{ schema: 'airline_dw', tables: 'all', publishAs: 'Shared' }],
    })
    expect([bad.code, bad.field]).toEqual(['IDENTIFIER_UPPERCASE', 'objects[0].publishAs'])
  })

  it('records the tables with an INTERLEAVED sort key (a TableDef fits PolicyTable)', () => {
    const defs = airlineDefs.map((t) =>
      t.name === 'fact_bookings'
        ? { ...t, sortKey: { style: 'INTERLEAVED' as const, columns: ['booking_key'] } }
        : t,
    )
    const all = defineDatashare(seedScenario, { tables: defs })
    expect(all.schemas[0]!.interleaved).toEqual(['fact_bookings'])
    const listed = defineDatashare(
      { ...seedScenario, objects: [{ schema: 'airline_dw', tables: ['dim_date'] }] },
      { tables: defs },
    )
    expect(listed.schemas[0]!.interleaved).toEqual([])
  })

  it('accepts placeholders only when built with placeholder(), never look-alike strings', () => {
    const d = defineDatashare({
      ...seedScenario,
      producer: { namespace: placeholder('ProducerNamespaceId'), database: 'dev' },
    })
    expect(d.hasPlaceholders).toBe(true)
    expect(
      failure({
        ...seedScenario,
        producer: { namespace: '${ProducerNamespaceId}', database: 'dev' },
      }),
    ).toMatchObject({ code: 'NAMESPACE_INVALID' })
    expect(() => placeholder("x'}; DROP")).toThrow(DesiredStateError)
  })
})
