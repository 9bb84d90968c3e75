import type { RspConfig } from '../config/config-schema.js'
import { type CostEstimate, estimateCost } from '../cost/estimate-cost.js'
import {
  diagnosticsConfig,
  expectedDatashares,
  shareableRelations,
} from '../diagnose/diagnostics-input.js'
import type { SynthStack } from '../infra/synth.js'
import type { LocalWarehouse } from '../local/local-warehouse.js'
import {
  datashareSpecs,
  localNamespaceIds,
  shareConsumers,
} from '../share/datashare-from-config.js'
import { modelRelations, stepRecorder, synthStep } from './demo-steps.js'
import { shareLayouts } from './domain-access.js'
import { type DomainReport, domainSteps } from './domain-steps.js'

export interface DemoOptions {
  readonly config: RspConfig
  readonly scale: number
  readonly seed: number
  /** Keep the database in this directory (for `rsp local serve --dir`). */
  readonly keepDir?: string | undefined
  /** Where to synthesise the CDK app; default a temporary directory, removed afterwards. */
  readonly cdkOut?: string | undefined
  /** Datagen worker threads (0: on the main thread). Default: datagen's own. */
  readonly workers?: number | undefined
  /** Days the live ETL step appends (one transaction each). @default 3 */
  readonly etlDays?: number | undefined
  readonly onStep?: ((step: DemoStep) => void) | undefined
  readonly onProgress?: ((table: string, rows: number, totalRows: number) => void) | undefined
}

export interface DemoStep {
  readonly name: string
  readonly detail: string
  readonly ms: number
}

export interface QueryRun {
  readonly query: string
  readonly consumer: string
  readonly rows: number
  readonly ms: number
  /** The same query's row count as the producer sees it (RLS may filter the consumer's). */
  readonly producerRows: number
}

export interface DemoReport extends DomainReport {
  readonly steps: readonly DemoStep[]
  readonly stacks: readonly SynthStack[]
  readonly rowsLoaded: number
  readonly tablesLoaded: number
  /** The datashares applied (one plan each), by name. */
  readonly sharesApplied: readonly string[]
  readonly shareStatements: number
  readonly cost: CostEstimate
  readonly totalMs: number
}

/**
 * `rsp demo`, end to end on the embedded target with no AWS: synthesise the CDK app offline;
 * create the airline schema in an embedded PGlite producer; generate and load data; apply
 * every datashare with the local renderer (consumers are roles with read-only grants, masking
 * and RLS); run each flagship query as each consumer whose shares hold its tables; show every
 * consumer reads its own shares and is refused the others'; append days through `rsp etl`'s
 * local path and time when each entitled consumer sees them; run the config and data-plane
 * checks; and estimate the monthly cost.
 */
export async function runDemo(o: DemoOptions): Promise<DemoReport> {
  const started = performance.now()
  const { steps, step, record } = stepRecorder(o.onStep)
  const { config } = o
  const { stacks } = await synthStep(step, config, o.cdkOut, async () => undefined)
  const [{ usingLocalWarehouse, migrateLocal }, { shareLocal }, datagen] = await Promise.all([
    import('../local/local-warehouse.js'),
    import('../share/apply-local-share.js'),
    import('@redshift-playground/datagen'),
  ])
  const cost = estimateCost(config)
  const opening = performance.now()
  return usingLocalWarehouse({ dir: o.keepDir, create: true }, async (w) => {
    record({
      name: 'open',
      detail: `embedded PGlite producer ${o.keepDir ? `in ${o.keepDir}` : 'in memory'}`,
      ms: performance.now() - opening,
    })
    await step(
      'schema',
      () => migrateLocal(w.producer),
      (m) => (m.length > 0 ? `applied ${m.join(', ')} (PostgreSQL DDL)` : 'already up to date'),
    )
    const load = await step(
      'load',
      () =>
        datagen.loadAirlineData({
          seed: o.seed,
          scale: o.scale,
          sink: new datagen.PGliteSink({ db: w.pglite }),
          ...(o.workers !== undefined ? { workers: o.workers } : {}),
          onProgress: (e) => o.onProgress?.(e.table, e.rows, e.totalRows),
        }),
      (s) =>
        `${s.rows.toLocaleString('en-US')} rows in ${s.tables.length} tables at scale ${o.scale}`,
    )
    const shared = await step(
      'share',
      () => shareLocal(config, w),
      (r) =>
        r.plan.isEmpty
          ? 'already shared'
          : `${r.outcomes.length} statements (roles, grants, consumer schemas, masking views) for ${r.desired.length} datashare${r.desired.length === 1 ? '' : 's'} (${r.desired.map((d) => d.name).join(', ')}) and ${shareConsumers(config).length} consumers, in one transaction`,
    )
    const domains = await localDomains(o, w, step, cost)
    return {
      steps,
      stacks,
      rowsLoaded: load.rows,
      tablesLoaded: load.tables.length,
      sharesApplied: shared.desired.map((d) => d.name),
      shareStatements: shared.outcomes.length,
      ...domains,
      cost,
      totalMs: performance.now() - started,
    }
  })
}

/**
 * After the share, on the embedded database: each consumer is its role (`airline_dw.<table>`,
 * its grants decide); the ETL appends days through `rsp etl`'s local path (COPY in one
 * transaction a day).
 */
async function localDomains(
  o: DemoOptions,
  w: LocalWarehouse,
  step: ReturnType<typeof stepRecorder>['step'],
  cost: CostEstimate,
): Promise<DomainReport> {
  const [schema, diagnostics, datagen, { localEtlTarget }] = await Promise.all([
    import('@redshift-playground/schema'),
    import('@redshift-playground/diagnostics'),
    import('@redshift-playground/datagen'),
    import('../etl/etl-targets.js'),
  ])
  const { config } = o
  const specs = datashareSpecs(config, localNamespaceIds(config))
  const consumers = shareConsumers(config)
  return domainSteps({
    step,
    schema,
    layouts: shareLayouts(specs, modelRelations(schema)),
    consumers,
    readers: consumers.map((c) => ({
      consumer: c,
      db: w.as(c.name),
      locate: (_share, object) => ({ schema: object.slice(0, object.indexOf('.')) }),
    })),
    producer: w.producer,
    naming: '<schema>.<table> as the consumer’s role',
    etl: {
      target: localEtlTarget(w),
      generation: new datagen.DayBatchGenerator({ seed: o.seed, scale: o.scale }),
      days: o.etlDays ?? 3,
      pollIntervalMs: 5,
      timeoutMs: 10_000,
      how: 'through rsp etl’s local path (COPY, one transaction a day)',
    },
    diagnoseLabel: 'local data plane, per share, freshness',
    diagnose: () =>
      diagnostics.runChecks(
        [...diagnostics.checksOf('config'), ...diagnostics.checksOf('data-plane')],
        {
          config: diagnosticsConfig(config, cost),
          dataPlane: {
            target: 'postgres',
            producer: w.producer,
            consumers: Object.fromEntries(consumers.map((c) => [c.name, w.as(c.name)])),
            // Per share: a whole schema holds the views not reading around its policies.
            datashares: specs.flatMap((spec) =>
              expectedDatashares(
                [spec],
                shareableRelations(spec, modelRelations(schema)),
                'postgres',
              ),
            ),
            freshness: {},
          },
        },
        { concurrency: 1 },
      ),
  })
}
