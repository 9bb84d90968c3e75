import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Check, DiagnosticsInput, DiagnosticsReport } from '@redshift-playground/diagnostics'
import type { RspConfig } from '../config/config-schema.js'
import { cli, eprintln, interruption, println } from '../context/cli-context.js'
import { estimateCost } from '../cost/estimate-cost.js'
import type { IdentityChoice } from '../deploy/identity-args.js'
import { ExitError, UsageError } from '../errors/cli-errors.js'

/** What `rsp diagnose` was asked, its flags parsed. */
export interface DiagnoseRequest {
  readonly config: RspConfig
  readonly target: 'config' | 'local' | 'aws'
  readonly dir: string | undefined
  /** `--freshness-threshold` in seconds (overrides diagnostics.freshnessMaxLagSeconds). */
  readonly flagLag: number | undefined
  /** `--watch` seconds, parsed after the config (as before any check runs). */
  readonly watch: () => number | undefined
  /** `--junit`: the file, checked (its folder made) before any check runs. */
  readonly junit: () => Promise<string | undefined>
  readonly json: boolean
  /** `--secret-arn` / `--iam-identity`, resolved for the AWS target only. */
  readonly choice: () => IdentityChoice
  readonly region: string | undefined
  readonly profile: string | undefined
  readonly targetGroupArn: string | undefined
  /** `--skip-data-plane`: on the AWS target, leave the data-plane checks out (no SQL runs). */
  readonly skipDataPlane?: boolean
}

type Diagnostics = typeof import('@redshift-playground/diagnostics')
type RunAll = (
  checks: readonly Check[],
  input: DiagnosticsInput,
  options?: { readonly timeoutMs?: number },
) => Promise<DiagnosticsReport | undefined>

/**
 * `rsp diagnose`: the config checks, plus the data-plane checks on the embedded database or
 * the AWS checks (control plane, then the data plane through the Data API); prints (or
 * watches) the report, writes JUnit, exit 1 when a check fails.
 */
export async function runDiagnose(r: DiagnoseRequest): Promise<void> {
  const { config } = r
  if (r.skipDataPlane && r.target !== 'aws')
    throw new UsageError(
      `--skip-data-plane applies to --target aws; with --target ${r.target} leave it out${r.target === 'local' ? ' (--target config runs the config checks alone)' : ''}`,
      '--skip-data-plane',
      true,
    )
  const d = await import('@redshift-playground/diagnostics')
  const { diagnosticsConfig, freshnessOptions } = await import('./diagnostics-input.js')
  // The flag overrides the config's diagnostics.freshnessMaxLagSeconds.
  const freshness = freshnessOptions(config, r.flagLag)
  const base: DiagnosticsInput = { config: diagnosticsConfig(config, estimateCost(config)) }
  const watch = r.watch()
  // Before any check runs: its folder is created, a folder in its place refused.
  const junit = await r.junit()
  const runAll = checksRunner(d, r, watch, junit)
  let result: DiagnosticsReport | undefined
  if (r.target === 'config') result = await runAll(d.checksOf('config'), base)
  else if (r.target === 'local') result = await runLocal(d, r, base, freshness, runAll)
  else result = await runAws(d, r, base, freshness, runAll)
  if (result?.status === 'fail') throw new ExitError(1)
}

/** Runs checks once (printing the report) or, with `--watch`, until interrupted. */
function checksRunner(
  d: Diagnostics,
  r: DiagnoseRequest,
  watch: number | undefined,
  junit: string | undefined,
): RunAll {
  const ctx = cli()
  const report = async (rep: DiagnosticsReport) => {
    if (junit !== undefined) await writeFile(junit, d.renderJunit(rep))
    if (r.json) ctx.out(d.renderJson(rep))
    else println(d.renderTable(rep, { color: ctx.colors.isColorSupported }))
  }
  return async (checks, input, options = {}) => {
    if (watch === undefined) {
      const rep = await d.runChecks(checks, input, {
        concurrency: r.target === 'local' ? 1 : 4,
        ...options,
      })
      await report(rep)
      return rep
    }
    let last: DiagnosticsReport | undefined
    for await (const rep of d.watchChecks(checks, input, {
      ...options,
      intervalSeconds: watch,
      signal: interruption(),
    })) {
      last = rep
      if (!r.json && ctx.isTTY) ctx.out('\u001b[2J\u001b[H')
      await report(rep)
    }
    return last
  }
}

/** `--target local`: the data-plane checks on the embedded database in `--dir`. */
async function runLocal(
  d: Diagnostics,
  r: DiagnoseRequest,
  base: DiagnosticsInput,
  freshness: { readonly maxLagSeconds?: number },
  runAll: RunAll,
): Promise<DiagnosticsReport | undefined> {
  const [{ usingLocalWarehouse }, { shareConsumers, localNamespaceIds }, input] = await Promise.all(
    [
      import('../local/local-warehouse.js'),
      import('../share/datashare-from-config.js'),
      import('./diagnostics-input.js'),
    ],
  )
  if (!r.dir)
    throw new UsageError(
      '--target local needs --dir DIR (a database kept by rsp demo --keep DIR)',
      '--dir',
      undefined,
    )
  const { config } = r
  const relations = await input.modelRelations()
  const datashares = input.expectedDatashares(
    input.configShareSpecs(config, localNamespaceIds(config)),
    relations,
    'postgres',
  )
  return usingLocalWarehouse({ dir: resolve(cli().cwd, r.dir) }, (w) =>
    runAll([...d.checksOf('config'), ...d.checksOf('data-plane')], {
      ...base,
      dataPlane: {
        target: 'postgres',
        producer: w.producer,
        consumers: Object.fromEntries(shareConsumers(config).map((c) => [c.name, w.as(c.name)])),
        datashares,
        freshness,
      },
    }),
  )
}

/**
 * `--target aws`: the control-plane (and load-balancer) checks, then the data-plane checks on
 * the deployed workgroups through the Data API (unless `--skip-data-plane`); without access,
 * each says why.
 */
async function runAws(
  d: Diagnostics,
  r: DiagnoseRequest,
  base: DiagnosticsInput,
  freshness: { readonly maxLagSeconds?: number },
  runAll: RunAll,
): Promise<DiagnosticsReport | undefined> {
  const [{ awsClientConfig, checkAwsAccess, dataApiClientFactory }, { awsChecks }] =
    await Promise.all([import('../connections/aws-clients.js'), import('./aws-checks.js')])
  const choice = r.choice()
  // biome-ignore lint/suspicious/noExplicitAny: one provider-chain config for every client
  const clientConfig: any = await awsClientConfig({ region: r.region, profile: r.profile })
  // No region or no credentials: every AWS check still reports, with the reason and the fix.
  const access = await checkAwsAccess(clientConfig)
  const plan = await awsChecks({
    config: r.config,
    access,
    clientConfig,
    dataApiClientFactory,
    choice,
    targetGroupArn: r.targetGroupArn,
    dataPlane: !r.skipDataPlane,
    freshness,
  })
  try {
    for (const n of plan.notes) eprintln(`note: ${n}`)
    if (!r.json && plan.summary) println(plan.summary)
    return await runAll(
      [...d.checksOf('config'), ...plan.checks],
      {
        ...base,
        ...(plan.aws ? { aws: plan.aws } : {}),
        ...(plan.dataPlane ? { dataPlane: plan.dataPlane } : {}),
      },
      plan.dataPlane ? { timeoutMs: dataPlaneTimeoutMs(d, freshness) } : {},
    )
  } finally {
    await plan.close()
  }
}

/**
 * Each check's time limit when the data plane runs through the Data API: a statement takes
 * about a second there, consumer-read-only probes every object of every share per consumer,
 * and data-plane/freshness must be able to wait the threshold for each marker and report a
 * miss itself (not time out): samples × threshold plus a minute, and never under 2 minutes.
 */
function dataPlaneTimeoutMs(d: Diagnostics, freshness: { readonly maxLagSeconds?: number }) {
  const f = d.FRESHNESS_DEFAULTS.redshift
  const seconds = f.samples * (freshness.maxLagSeconds ?? f.maxLagSeconds) + 60
  return Math.max(120_000, Math.ceil(seconds * 1000))
}
