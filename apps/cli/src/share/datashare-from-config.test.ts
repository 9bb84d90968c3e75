import { describe, expect, it } from 'vitest'
import { modelHasFreshnessMarker } from '../config/config-datashares.js'
import { DOMAIN_LAYOUT } from '../config/domain-layout.js'
import { validateConfigOrFail } from '../config/validate-config.js'
import { datashareSpec, datashareSpecs, shareConsumers } from './datashare-from-config.js'

const ids = {
  producer: 'p-id',
  consumers: { analytics: 'a-id', reporting: 'r-id', sales: 's-id', operations: 'o-id' },
}
const marker = { schema: 'rsp_meta', tables: ['freshness_marker'], includeNew: false }
const PII = ['first_name', 'last_name', 'email', 'phone', 'birth_date']

describe('datashareSpecs', () => {
  it('the single datashare yields exactly the spec it always did (plus the freshness marker)', () => {
    const config = validateConfigOrFail({ project: 'airline' })
    const consumer = (name: string, namespace: string) => ({
      name,
      namespace,
      database: `airline_${name}`,
      publiclyAccessible: false,
      withPermissions: true,
    })
    // The spec before datashares existed, written out.
    const today = {
      name: 'airline_share',
      producer: { namespace: 'p-id', database: 'dev' },
      objects: [{ schema: 'airline_dw', tables: 'all', includeNew: true }],
      consumers: [consumer('analytics', 'a-id'), consumer('reporting', 'r-id')],
      policies: {
        masking: [{ name: 'mask_customer_pii', table: 'airline_dw.dim_customer', columns: PII }],
        rowLevelSecurity: [
          {
            name: 'airports_by_region',
            table: 'airline_dw.dim_airport',
            column: 'region',
            values: ['WEST', 'SOUTHWEST', 'PACIFIC'],
            consumers: ['analytics', 'reporting'],
          },
        ],
      },
    }
    expect(modelHasFreshnessMarker()).toBe(true)
    const expected = { ...today, objects: [...today.objects, marker] }
    expect(datashareSpecs(config, ids)).toEqual([expected])
    expect(datashareSpec(config, ids)).toEqual(expected)
    expect(shareConsumers(config).map((c) => c.database)).toEqual([
      'airline_analytics',
      'airline_reporting',
    ])
  })

  it('the domain layout: one spec per share, its consumers, policies where the tables are', () => {
    const config = validateConfigOrFail({ project: 'airline', ...DOMAIN_LAYOUT })
    const specs = datashareSpecs(config, ids)
    expect(specs.map((s) => s.name)).toEqual(['core', 'sales_domain', 'operations_domain'])
    expect(specs.map((s) => s.consumers.map((c) => c.database))).toEqual([
      ['core_analytics', 'core_sales', 'core_operations'],
      ['sales_domain_sales'],
      ['operations_domain_operations'],
    ])
    expect(specs[0]?.objects).toEqual([
      {
        schema: 'airline_dw',
        tables: ['dim_date', 'dim_airport', 'dim_aircraft', 'dim_flight', 'v_route_performance'],
        includeNew: false,
      },
      marker,
    ])
    expect(specs.map((s) => s.policies?.masking?.map((m) => m.table))).toEqual([
      [],
      ['airline_dw.dim_customer'],
      [],
    ])
    expect(specs.every((s) => s.policies?.rowLevelSecurity?.length === 0)).toBe(true)
    expect(specs.map((s) => s.consumers.every((c) => c.withPermissions))).toEqual([
      false,
      true,
      false,
    ])
    const sales = shareConsumers(config).find((c) => c.name === 'sales')
    expect(sales?.databases).toEqual([
      { share: 'core', database: 'core_sales' },
      { share: 'sales_domain', database: 'sales_domain_sales' },
    ])
  })

  it('row-level security goes with the share that holds dim_airport, to its consumers only', () => {
    const config = validateConfigOrFail({
      project: 'airline',
      consumers: DOMAIN_LAYOUT.consumers,
      datashares: [
        { name: 'core', objects: ['airline_dw.dim_date'], consumers: 'all' },
        { name: 'geo', objects: ['airline_dw.dim_airport'], consumers: ['operations'] },
      ],
    })
    const [core, geo] = datashareSpecs(config, ids)
    expect(core?.policies?.rowLevelSecurity).toEqual([])
    expect(geo?.policies?.rowLevelSecurity?.[0]?.consumers).toEqual(['operations'])
  })
})
