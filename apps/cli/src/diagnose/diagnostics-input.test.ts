import { consumerSchema, type DatashareSpec, defineDatashare } from '@redshift-playground/sharing'
import { describe, expect, it } from 'vitest'
import { DOMAIN_LAYOUT } from '../config/domain-layout.js'
import { validateConfigOrFail } from '../config/validate-config.js'
import { estimateCost } from '../cost/estimate-cost.js'
import { localNamespaceIds } from '../share/datashare-from-config.js'
import { runCli, tempProject } from '../test-cli.js'
import {
  configShareSpecs,
  diagnosticsConfig,
  expectedDatashares,
  freshnessOptions,
  modelRelations,
} from './diagnostics-input.js'

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
      // A row policy for a consumer needs its database WITH PERMISSIONS (sharing refuses it else).
      { name: 'sales', namespace: guid(1), database: 'core_sales', withPermissions: true },
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

describe('rsp diagnose --skip-data-plane', () => {
  it('applies to --target aws only: elsewhere a usage error naming the fix (exit 2)', async () => {
    const dir = tempProject({ project: 'airline' })
    const local = await runCli(['diagnose', '--target', 'local', '--skip-data-plane'], {
      cwd: dir,
    })
    expect(local.code).toBe(2)
    expect(local.stderr).toContain(
      '--skip-data-plane applies to --target aws; with --target local leave it out (--target config runs the config checks alone)',
    )
    const config = await runCli(['diagnose', '--skip-data-plane'], { cwd: dir })
    expect(config.code).toBe(2)
    expect(config.stderr).toContain(
      '--skip-data-plane applies to --target aws; with --target config leave it out',
    )
  })
})

describe('diagnostics.freshnessMaxLagSeconds', () => {
  it('sets the freshness threshold; --freshness-threshold overrides it; none leaves the default', () => {
    const config = validateConfigOrFail({
      project: 'airline',
      diagnostics: { freshnessMaxLagSeconds: 30 },
    })
    expect(freshnessOptions(config, undefined)).toEqual({ maxLagSeconds: 30 })
    expect(freshnessOptions(config, 2)).toEqual({ maxLagSeconds: 2 })
    expect(freshnessOptions(validateConfigOrFail({ project: 'airline' }), undefined)).toEqual({})
  })

  it('a bad value is a config error naming the field and the fix', async () => {
    const r = await runCli(['diagnose'], {
      cwd: tempProject({ project: 'airline', diagnostics: { freshnessMaxLagSeconds: 0 } }),
    })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('diagnostics.freshnessMaxLagSeconds')
    expect(r.stderr).toContain('use seconds from 0.1 to 3600')
  })
})

describe('the diagnostics inputs of several datashares', () => {
  it('one expected share per config share, views included, each with the freshness marker', async () => {
    const config = validateConfigOrFail({ project: 'airline', ...DOMAIN_LAYOUT })
    const shares = expectedDatashares(
      configShareSpecs(config, localNamespaceIds(config)),
      await modelRelations(),
      'postgres',
    )
    expect(shares.map((s) => s.name)).toEqual(['core', 'sales_domain', 'operations_domain'])
    expect(shares[0]?.tables).toContain('airline_dw.v_route_performance')
    for (const s of shares) expect(s.tables).toContain('rsp_meta.freshness_marker')
    expect(shares[1]?.consumers).toEqual([
      { name: 'sales', database: 'sales_domain_sales', role: 'sales' },
    ])
  })

  it('the default single share with row-level security leaves out the view that reads the filtered table (as the sharing package does)', async () => {
    const config = validateConfigOrFail({ project: 'airline' })
    const [share] = expectedDatashares(
      configShareSpecs(config, localNamespaceIds(config)),
      await modelRelations(),
      'postgres',
    )
    // v_route_performance reads dim_airport, which the row filter restricts: a view runs with
    // its owner's rights (DG:r_CREATE_VIEW), so sharing it would return every airport.
    expect(share?.tables).not.toContain('airline_dw.v_route_performance')
    expect(share?.tables).toContain('airline_dw.v_customer_360')
    expect(share?.tables).toContain('airline_dw.dim_airport')
  })

  it('on Redshift, a share whose schema carries a masking policy is read in its publication schema', async () => {
    const config = validateConfigOrFail({ project: 'airline', ...DOMAIN_LAYOUT })
    const shares = expectedDatashares(
      configShareSpecs(config, localNamespaceIds(config)),
      await modelRelations(),
      'redshift',
      (spec, schema) => consumerSchema(defineDatashare(spec), schema),
    )
    expect(shares[1]?.tables).toContain('sales_domain_airline_dw.dim_customer')
    expect(shares[0]?.tables).toContain('airline_dw.dim_date')
  })
})

describe('the config checks see every datashare (diagnosticsConfig)', () => {
  const domains = (patch: (c: typeof DOMAIN_LAYOUT) => object = (c) => c) => {
    const layout = JSON.parse(JSON.stringify(DOMAIN_LAYOUT)) as typeof DOMAIN_LAYOUT
    return { project: 'airline', ...patch(layout) }
  }

  it('maps every share with its own consumers and its own accessibility ("auto": public when one of its consumers is)', () => {
    const config = validateConfigOrFail(
      domains((c) => ({
        ...c,
        consumers: {
          ...c.consumers,
          workloads: c.consumers.workloads.map((w) => ({ ...w, public: w.name === 'sales' })),
        },
      })),
    )
    const mapped = diagnosticsConfig(config, estimateCost(config))
    expect(mapped.datashares).toEqual([
      {
        name: 'core',
        publicAccessible: true,
        consumers: ['analytics', 'sales', 'operations'],
      },
      { name: 'sales_domain', publicAccessible: true, consumers: ['sales'] },
      { name: 'operations_domain', publicAccessible: false, consumers: ['operations'] },
    ])
  })

  it('rsp diagnose warns on a later share made public that none of its consumers needs (the first share alone was checked before)', async () => {
    const dir = tempProject(
      domains((c) => ({
        ...c,
        datashares: c.datashares.map((d) =>
          d.name === 'operations_domain' ? { ...d, publiclyAccessible: true } : d,
        ),
      })),
    )
    const r = await runCli(['diagnose', '--json'], { cwd: dir })
    const check = (
      JSON.parse(r.stdout).results as {
        id: string
        findings: { severity: string; message: string; resource?: string }[]
      }[]
    ).find((x) => x.id === 'config/public-datashare')
    expect(check?.findings.map((f) => [f.resource, f.severity])).toEqual([
      ['core', 'ok'],
      ['sales_domain', 'ok'],
      ['operations_domain', 'warn'],
    ])
    expect(check?.findings[2]?.message).toBe(
      'datashare operations_domain is publicly accessible but none of its consumers is',
    )
  })
})
