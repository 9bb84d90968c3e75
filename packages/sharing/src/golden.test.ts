import { describe, expect, it } from 'vitest'
import { applyPlan } from './apply/apply-plan.js'
import { singleDatabase } from './connections.js'
import { defineDatashare } from './desired-state.js'
import { ApplyError } from './errors.js'
import { placeholder } from './namespace-ref.js'
import { planDatashare, planTeardown } from './plan/planner.js'
import { renderScript } from './render-script.js'
import { localRenderer } from './renderer/local/local-renderer.js'
import { redshiftRenderer } from './renderer/redshift/redshift-renderer.js'
import { emptyState, type ShareState, tableKey } from './state.js'
import {
  airlineDefs,
  airlineTables,
  PRODUCER_NS,
  piiScenario,
  piiUniformScenario,
  seedScenario,
} from './test-fixtures.js'

const script = (plan: Parameters<typeof renderScript>[0]) =>
  renderScript(plan)
    .map((s) => s.sql)
    .join('\n')
const fresh = () => emptyState({ airline_dw: airlineTables() })
// Explicit table definitions (every sort key COMPOUND): the goldens do not follow model changes.
const options = { tables: airlineDefs }

/** The state after applying `plan` on a fresh target: what a teardown starts from. */
function applied(
  plan: ReturnType<typeof planDatashare>,
  share: ReturnType<typeof defineDatashare>,
): ShareState {
  const views = plan.steps.flatMap((s) => (s.action.kind === 'create-view' ? [s.action.view] : []))
  const shared = plan.steps.flatMap(({ action: a }) =>
    a.kind === 'add-tables' || a.kind === 'add-all-tables'
      ? a.tables.map((t) => tableKey(a.schema, t))
      : [],
  )
  return {
    ...fresh(),
    share: { publiclyAccessible: share.publiclyAccessible },
    schemas: new Set(share.schemas.map((s) => (s.published ? s.publishAs : s.schema))),
    tables: new Set(shared),
    producerSchemas: new Set(views.map((v) => v.schema)),
    publishedViews: new Map(views.map((v) => [tableKey(v.schema, v.name), v.hash])),
    grantees: new Set(share.consumers.map((c) => redshiftRenderer().granteeKey(c))),
    consumers: new Map(
      share.consumers.map((c) => [
        c.name,
        {
          visible: true,
          database: c.database,
          readers: new Set(c.readers.map((r) => redshiftRenderer().readerKey(r))),
          masking: new Set<string>(),
          rowLevelSecurity: new Set<string>(),
        },
      ]),
    ),
  }
}

describe('golden SQL', () => {
  it('seed scenario on Redshift', async () => {
    const plan = planDatashare(defineDatashare(seedScenario, options), fresh(), redshiftRenderer())
    await expect(script(plan)).toMatchFileSnapshot('./__golden__/seed.redshift.sql')
    // What the seed got wrong: GUIDs quoted, no PUBLICACCESSIBLE when no consumer is public.
    expect(plan.statements.some((s) => s.sql.includes('PUBLICACCESSIBLE'))).toBe(false)
    expect(plan.statements.filter((s) => /NAMESPACE '[0-9a-f-]{36}'$/.test(s.sql))).toHaveLength(6)
  })

  it('seed scenario teardown on Redshift', async () => {
    const share = defineDatashare(seedScenario, options)
    const plan = planDatashare(share, fresh(), redshiftRenderer())
    // The "everything exists" state, from the plan's own effects.
    const state = applied(plan, share)
    expect(planDatashare(share, state, redshiftRenderer()).isEmpty).toBe(true)
    await expect(script(planTeardown(share, state, redshiftRenderer()))).toMatchFileSnapshot(
      './__golden__/seed-teardown.redshift.sql',
    )
  })

  it('masking and RLS on Redshift: published views on the producer, for every consumer', async () => {
    const share = defineDatashare(piiUniformScenario, options)
    const plan = planDatashare(share, fresh(), redshiftRenderer())
    await expect(script(plan)).toMatchFileSnapshot('./__golden__/pii.redshift.sql')
    // Nothing is attached on consumers: Redshift forbids it on datashare objects (R-RLS-11).
    expect(plan.statements.some((s) => s.side !== 'producer' && /POLICY/.test(s.sql))).toBe(false)
    const state = applied(plan, share)
    expect(planDatashare(share, state, redshiftRenderer()).isEmpty).toBe(true)
    await expect(script(planTeardown(share, state, redshiftRenderer()))).toMatchFileSnapshot(
      './__golden__/pii-teardown.redshift.sql',
    )
  })

  it('masking and RLS on the local target: per consumer', async () => {
    const share = defineDatashare(piiScenario)
    await expect(script(planDatashare(share, fresh(), localRenderer()))).toMatchFileSnapshot(
      './__golden__/pii.local.sql',
    )
  })
})

describe('renderScript with placeholders (infra at synth time)', () => {
  const share = defineDatashare(
    {
      ...seedScenario,
      producer: { namespace: placeholder('ProducerNamespaceId'), database: 'dev' },
      consumers: [
        {
          name: 'consumer_1',
          namespace: placeholder('Consumer1NamespaceId'),
          database: 'airline_shared_1',
        },
      ],
      policies: undefined,
    },
    options,
  )

  it('renders ${Name} inside the quoted literals, and escapes any other ${ for Fn::Sub', () => {
    const plan = planDatashare(share, fresh(), redshiftRenderer())
    expect(plan.placeholders).toEqual(['ProducerNamespaceId', 'Consumer1NamespaceId'])
    const [producer, consumer] = renderScript(plan, { fnSub: true })
    expect(producer!.sql).toContain(
      `GRANT USAGE ON DATASHARE "airline_share" TO NAMESPACE '\${Consumer1NamespaceId}';`,
    )
    expect(consumer!.sql).toContain(`OF NAMESPACE '\${ProducerNamespaceId}';`)
    // No readiness probe can be written for an unknown namespace.
    expect(plan.statements.every((s) => s.readiness === undefined)).toBe(true)
  })

  it('escapes a literal ${ coming from data (an RLS value) so Fn::Sub leaves it alone', () => {
    const pii = defineDatashare(
      {
        ...piiUniformScenario,
        producer: { namespace: placeholder('ProducerNamespaceId'), database: 'dev' },
        policies: {
          rowLevelSecurity: [
            { ...piiUniformScenario.policies!.rowLevelSecurity![0]!, values: ['${AWS::Region}'] },
          ],
        },
      },
      options,
    )
    const sql = renderScript(planDatashare(pii, fresh(), redshiftRenderer()), { fnSub: true })
      .map((s) => s.sql)
      .join('\n')
    expect(sql).toContain(`IN ('\${!AWS::Region}')`)
    expect(sql).toContain(`'\${ProducerNamespaceId}'`)
  })

  it('refuses to apply a plan with placeholders', async () => {
    const plan = planDatashare(share, fresh(), localRenderer())
    // biome-ignore lint/suspicious/noExplicitAny: never reached
    const e = await applyPlan(plan, singleDatabase(share, {} as any)).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ApplyError)
    expect((e as ApplyError).code).toBe('PLACEHOLDER_NOT_APPLICABLE')
  })

  it('the same desired share without placeholders renders real GUIDs', () => {
    const real = defineDatashare(seedScenario, options)
    const sql = script(planDatashare(real, fresh(), redshiftRenderer()))
    expect(sql).toContain(`OF NAMESPACE '${PRODUCER_NS}'`)
    expect(sql).not.toContain('${')
  })
})
