import type { DatashareSpec } from '@redshift-playground/sharing'
import { describe, expect, it } from 'vitest'
import { runCli } from '../test-cli.js'
import { expectedDatashares } from './diagnostics-input.js'

const relations = [
  { schema: 'airline_dw', name: 'dim_date' },
  { schema: 'airline_dw', name: 'dim_airport' },
  { schema: 'staging', name: 'raw' },
]
const guid = (n: number) => `0000000${n}-0000-4000-8000-000000000000`
const specs: DatashareSpec[] = [
  {
    name: 'core',
    producer: { namespace: guid(0), database: 'dev' },
    objects: [
      { schema: 'airline_dw', tables: 'all' },
      { schema: 'rsp_meta', tables: ['freshness_marker'] },
    ],
    consumers: [
      { name: 'sales', namespace: guid(1), database: 'core_sales' },
      { name: 'operations', namespace: guid(2), database: 'core_operations' },
    ],
    policies: {
      rowLevelSecurity: [
        {
          name: 'p',
          table: 'airline_dw.dim_airport',
          column: 'region',
          values: ['EU'],
          consumers: ['sales'],
        },
      ],
    },
  },
  {
    name: 'sales',
    producer: { namespace: guid(0), database: 'dev' },
    objects: [{ schema: 'airline_dw', tables: ['v_route_performance'] }],
    consumers: [{ name: 'sales', namespace: guid(1), database: 'sales_sales' }],
  },
]

describe('expectedDatashares', () => {
  it('one expected share per spec: qualified objects (all → the model’s relations of the schema), databases, roles locally, row filters', () => {
    const local = expectedDatashares(specs, relations, 'postgres')
    expect(local.map((s) => [s.name, s.tables])).toEqual([
      ['core', ['airline_dw.dim_date', 'airline_dw.dim_airport', 'rsp_meta.freshness_marker']],
      ['sales', ['airline_dw.v_route_performance']],
    ])
    expect(local[0]?.consumers).toEqual([
      {
        name: 'sales',
        database: 'core_sales',
        role: 'sales',
        filteredTables: ['airline_dw.dim_airport'],
      },
      { name: 'operations', database: 'core_operations', role: 'operations' },
    ])
  })

  it('on Redshift: namespace ids instead of roles, published schemas for policy-protected objects', () => {
    const rs = expectedDatashares(specs, relations, 'redshift', (spec, schema) =>
      spec.name === 'core' && schema === 'airline_dw' ? 'core_airline_dw' : schema,
    )
    expect(rs[0]?.tables).toEqual([
      'core_airline_dw.dim_date',
      'core_airline_dw.dim_airport',
      'rsp_meta.freshness_marker',
    ])
    expect(rs[0]?.consumers[0]).toEqual({
      name: 'sales',
      database: 'core_sales',
      namespaceId: guid(1),
      filteredTables: ['core_airline_dw.dim_airport'],
    })
  })
})

describe('rsp diagnose --freshness-threshold', () => {
  it('is a known flag, and a bad value is a usage error (exit 2)', async () => {
    const r = await runCli(['diagnose', '--freshness-threshold', 'soon'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      '--freshness-threshold must be a number from 0.1 to 3600, got "soon"',
    )
  })
})
