import type { DiagnosticsReport } from '@redshift-playground/diagnostics'
import type { RspConfig } from '../config/config-schema.js'
import { type CostEstimate, estimateCost } from '../cost/estimate-cost.js'
import {
  diagnosticsConfig,
  expectedLocalDatashare,
  rlsFilteredTables,
} from '../diagnose/diagnostics-input.js'
import type { SynthStack } from '../infra/synth.js'
import { shareConsumers } from '../share/datashare-from-config.js'
import { dwTableNames, runFlagshipQueries, stepRecorder, synthStep } from './demo-steps.js'

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

export interface DemoReport {
  readonly steps: readonly DemoStep[]
  readonly stacks: readonly SynthStack[]
  readonly rowsLoaded: number
  readonly tablesLoaded: number
  readonly shareStatements: number
  readonly consumers: readonly string[]
  readonly queries: readonly QueryRun[]
  /** The consumer's refused write (Postgres enforces read-only grants). */
  readonly writeRefused: { readonly consumer: string; readonly message: string } | undefined
  readonly diagnostics: DiagnosticsReport
  readonly cost: CostEstimate
  readonly totalMs: number
}

/**
 * `rsp demo`, end to end on the embedded target with no AWS: synthesise the CDK app offline;
 * create the airline schema in an embedded PGlite producer; generate and load data; apply the
 * datashare with the local renderer (consumers are roles with read-only grants, masking and
 * RLS); run every flagship query as each consumer; run the config and data-plane checks; and
 * estimate the monthly cost.
 */
export async function runDemo(o: DemoOptions): Promise<DemoReport> {
  const started = performance.now()
  const { steps, step, record } = stepRecorder(o.onStep)
  const { config } = o
  const { stacks: synthStacks } = await synthStep(step, config, o.cdkOut, async () => undefined)

  const [{ usingLocalWarehouse, migrateLocal }, { shareLocal }, schema, datagen, diagnostics] =
    await Promise.all([
      import('../local/local-warehouse.js'),
      import('../share/apply-local-share.js'),
      import('@redshift-playground/schema'),
      import('@redshift-playground/datagen'),
      import('@redshift-playground/diagnostics'),
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
    const share = await step(
      'share',
      () => shareLocal(config, w),
      (r) =>
        r.plan.isEmpty
          ? 'already shared'
          : `${r.outcomes.length} statements (roles, grants, masking view, RLS) for ${shareConsumers(config).length} consumers`,
    )

    const consumers = shareConsumers(config)
    const queries = await step(
      'queries',
      () =>
        runFlagshipQueries(Object.values(schema.flagshipQueries), w.producer, consumers, (q, c) =>
          q.build(w.as(c.name)).execute(),
        ),
      (runs) =>
        `${runs.length} runs: ${Object.keys(schema.flagshipQueries).length} flagship queries × ${consumers.length} consumers`,
    )

    // Show that consumers are read-only: PostgreSQL itself refuses the write.
    let writeRefused: DemoReport['writeRefused']
    const first = consumers[0]
    if (first) {
      try {
        await w.as(first.name).deleteFrom('airline_dw.fact_bookings').execute()
      } catch (error) {
        writeRefused = { consumer: first.name, message: (error as Error).message }
      }
    }

    const dwTables = dwTableNames(schema)
    const filtered = rlsFilteredTables(config)
    const report = await step(
      'diagnose',
      () =>
        diagnostics.runChecks(
          [...diagnostics.checksOf('config'), ...diagnostics.checksOf('data-plane')],
          {
            config: diagnosticsConfig(config, cost),
            dataPlane: {
              target: 'postgres',
              producer: w.producer,
              consumers: Object.fromEntries(consumers.map((c) => [c.name, w.as(c.name)])),
              datashare: expectedLocalDatashare(config, dwTables, filtered),
            },
          },
          { concurrency: 1 },
        ),
      (r) =>
        `${r.summary.ok} ok, ${r.summary.warn} warn, ${r.summary.fail} fail, ${r.summary.skip} skipped`,
    )
    return {
      steps,
      stacks: synthStacks,
      rowsLoaded: load.rows,
      tablesLoaded: load.tables.length,
      shareStatements: share.outcomes.length,
      consumers: consumers.map((c) => c.name),
      queries,
      writeRefused,
      diagnostics: report,
      cost,
      totalMs: performance.now() - started,
    }
  })
}
