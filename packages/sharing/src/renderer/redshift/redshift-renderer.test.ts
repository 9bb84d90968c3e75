import { IdentifierError } from '@redshift-playground/schema'
import { describe, expect, it } from 'vitest'
import {
  type DatashareSpec,
  defineDatashare,
  type PolicyTable,
  type PolicyView,
} from '../../desired-state.js'
import { DesiredStateError, SharingError } from '../../errors.js'
import { planDatashare, planTeardown } from '../../plan/planner.js'
import { emptyState, tableKey } from '../../state.js'
import {
  airlineDefs,
  airlineTables,
  piiUniformScenario,
  seedScenario,
} from '../../test-fixtures.js'
import { localRenderer } from '../local/local-renderer.js'
import { redshiftRenderer } from './redshift-renderer.js'

const renderer = redshiftRenderer()
const options = { tables: airlineDefs }
const fresh = () => emptyState({ airline_dw: airlineTables() })
const refusal = (spec: DatashareSpec, kind: 'apply' | 'teardown' = 'apply') => {
  try {
    renderer.validate(defineDatashare(spec, options), kind)
  } catch (e) {
    return e as DesiredStateError
  }
  return undefined
}

describe('redshiftRenderer().validate', () => {
  it('a publication schema must be an identifier of its own', () => {
    const clash = refusal({
      ...piiUniformScenario,
      objects: [{ schema: 'airline_dw', tables: 'all', publishAs: 'airline_dw' }],
    })
    expect(clash).toBeInstanceOf(DesiredStateError)
    expect([clash?.code, clash?.field]).toEqual(['DUPLICATE', 'objects[0].publishAs'])
    // `<share>_<schema>` can pass Redshift's 127 bytes: the error says where to name it.
    const long = refusal({ ...piiUniformScenario, name: `s${'x'.repeat(120)}` })
    expect(long).toBeInstanceOf(IdentifierError)
    expect([long?.code, long?.field]).toEqual(['IDENTIFIER_TOO_LONG', 'objects[0].publishAs'])
  })

  it('refuses a masking policy for only some consumers, naming it and the fix', () => {
    const spec: DatashareSpec = {
      ...piiUniformScenario,
      policies: {
        masking: [{ ...piiUniformScenario.policies!.masking![0]!, consumers: ['analytics'] }],
      },
    }
    const e = refusal(spec)
    expect([e?.code, e?.field, e?.value]).toEqual([
      'POLICY_NOT_UNIFORM',
      'policies.masking[0].consumers',
      ['analytics'],
    ])
    expect(e?.message).toMatch(
      /"mask_customer_pii" applies to analytics but not to reporting.*Make it apply to every consumer, or give those consumers a datashare of their own\./,
    )
    // What can't be created can still be torn down.
    expect(refusal(spec, 'teardown')).toBeUndefined()
  })

  it('refuses a view reading a table with an INTERLEAVED sort key, directly or through a view, listed or in "all" (R-DS-6)', () => {
    const int = { type: { kind: 'integer' } } as const
    const events: PolicyTable = {
      schema: 'legacy',
      name: 'events',
      columns: { event_key: int },
      sortKey: { style: 'INTERLEAVED' },
    }
    const view = (name: string, schema: string, table: string): PolicyView => ({
      schema: 'reports',
      name,
      columns: { event_key: int },
      reads: [{ schema, table, columns: ['event_key'] }],
    })
    const views = [
      view('clean', 'airline_dw', 'dim_date'),
      view('recent', 'legacy', 'events'),
      view('recent_days', 'reports', 'recent'),
    ]
    const defs = { tables: [...airlineDefs, events], views }
    const spec = (tables: 'all' | string[]): DatashareSpec => ({
      ...seedScenario,
      objects: [{ schema: 'reports', tables }],
    })
    const refused = (tables: 'all' | string[]) => {
      try {
        renderer.validate(defineDatashare(spec(tables), defs), 'apply')
      } catch (e) {
        return e as DesiredStateError
      }
      return undefined
    }
    const listed = refused(['clean', 'recent'])
    expect(listed).toBeInstanceOf(DesiredStateError)
    expect([listed?.code, listed?.field, listed?.value]).toEqual([
      'NOT_SHAREABLE',
      'objects[0].tables[1]',
      'recent',
    ])
    expect(listed?.message).toBe(
      'objects[0].tables[1]: view reports.recent reads table legacy.events, which has an INTERLEAVED sort key, and Redshift shares neither such tables nor views over them (R-DS-6). Use a COMPOUND sort key for legacy.events (in its table definition and on the producer), or leave the view out of the share.',
    )
    const nested = refused(['recent_days'])
    expect([nested?.code, nested?.field, nested?.value]).toEqual([
      'NOT_SHAREABLE',
      'objects[0].tables[0]',
      'recent_days',
    ])
    expect(nested?.message).toContain('view reports.recent_days reads table legacy.events')
    const all = refused('all')
    expect([all?.code, all?.field, all?.value]).toEqual([
      'NOT_SHAREABLE',
      'objects[0].tables',
      'recent',
    ])
    expect(refused(['clean'])).toBeUndefined()
    // The local target shares it, as it shares the table: PostgreSQL has no sort keys.
    const local = planDatashare(
      defineDatashare(spec(['recent']), defs),
      emptyState(),
      localRenderer(),
    )
    expect(local.statements.map((st) => st.sql)).toContain(
      'GRANT SELECT ON "reports"."recent" TO "airline_share"',
    )
  })
})

describe('published views', () => {
  it('masks with NULL cast to the column type, and ANDs row filters (numbers printed, text quoted)', () => {
    const share = defineDatashare(
      {
        ...piiUniformScenario,
        objects: [{ schema: 'airline_dw', tables: ['dim_customer'] }],
        policies: {
          masking: [
            {
              name: 'mask_names',
              table: 'airline_dw.dim_customer',
              columns: ['first_name', 'lifetime_miles'],
              mask: 'null',
            },
          ],
          rowLevelSecurity: [
            {
              name: 'gb_only',
              table: 'airline_dw.dim_customer',
              column: 'country_code',
              values: ['GB', "O'Hare"],
              consumers: ['analytics', 'reporting'],
            },
            {
              name: 'frequent',
              table: 'airline_dw.dim_customer',
              column: 'lifetime_miles',
              values: [1000, 2.5],
              consumers: ['analytics', 'reporting'],
            },
          ],
        },
      },
      options,
    )
    const plan = planDatashare(share, fresh(), renderer)
    const view = plan.statements.find((s) => s.sql.startsWith('CREATE VIEW'))!.sql
    expect(view).toContain(`CAST(NULL AS VARCHAR(50)) AS "first_name"`)
    expect(view).toContain(`CAST(NULL AS INTEGER) AS "lifetime_miles"`)
    expect(view).toMatch(
      /FROM "airline_dw"\."dim_customer" WHERE "country_code" IN \('GB', 'O''Hare'\) AND "lifetime_miles" IN \(1000, 2\.5\)$/,
    )
  })

  it('a view whose comment is not ours is replaced, never dropped; a foreign relation keeps its schema', () => {
    const share = defineDatashare(piiUniformScenario, options)
    const pub = 'airline_share_airline_dw'
    const state = {
      ...fresh(),
      producerSchemas: new Set([pub]),
      publishedViews: new Map<string, string | undefined>([
        [tableKey(pub, 'dim_customer'), undefined],
        [tableKey(pub, 'notes'), undefined],
      ]),
    }
    const plan = planDatashare(share, state, renderer)
    const kinds = plan.steps.filter((s) => s.side === 'producer').map((s) => s.action.kind)
    expect(kinds).not.toContain('create-publication-schema')
    expect(
      plan.statements.some((s) =>
        s.sql.startsWith(`CREATE OR REPLACE VIEW "${pub}"."dim_customer" AS SELECT`),
      ),
    ).toBe(true)
    expect(kinds).not.toContain('drop-view')
    const teardown = planTeardown(share, state, renderer)
    expect(teardown.steps.map((s) => s.action.kind)).toEqual([])
  })

  it('an entry without policies shares its tables, and its publication schema is only looked at', () => {
    const share = defineDatashare(seedScenario, options)
    const plan = planDatashare(share, fresh(), renderer)
    expect(plan.statements.some((s) => /VIEW|CREATE SCHEMA/.test(s.sql))).toBe(false)
  })

  it('consumer-side policy actions are not this target’s (R-RLS-11)', () => {
    const share = defineDatashare(piiUniformScenario, options)
    const ctx = { desired: share, actual: fresh(), memo: new Set<string>() }
    expect(() =>
      renderer.render(
        { kind: 'attach-masking', consumer: share.consumers[0]!, policy: share.masking[0]! },
        'consumer:analytics',
        ctx,
      ),
    ).toThrow(SharingError)
  })
})
