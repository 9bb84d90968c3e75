import { resolve } from 'node:path'
import type { RspConfig } from '../config/config-schema.js'
import { cli, println } from '../context/cli-context.js'
import { UsageError } from '../errors/cli-errors.js'
import type { BootstrapStatus, CdkToolkit } from './cdk-toolkit.js'
import type { DeployState } from './deploy-state.js'
import type { IdentityChoice } from './identity-args.js'
import type { DeployEvent } from './run-deploy.js'

// Only types and light modules at the top: `rsp bootstrap` and `rsp destroy` import the
// factories below, and every heavy module (aws-cdk-lib, the AWS SDK) loads inside the calls.

/** Tests replace the CDK toolkit (toolkit-lib cannot reach AWS here). */
export const toolkitFactory: {
  create: (
    cdkOut: string,
    o: { profile?: string | undefined; region?: string | undefined },
  ) => Promise<CdkToolkit>
} = {
  create: async (cdkOut, o) => (await import('./cdk-toolkit.js')).toolkitLib(cdkOut, o),
}

/** Tests replace the terminal prompt (a yes/no question). */
export const prompts: { confirm: (message: string) => Promise<boolean> } = {
  confirm: async (message) => {
    const p = await import('@clack/prompts')
    return (await p.confirm({ message, initialValue: false })) === true
  },
}

export function describeEvent(e: DeployEvent): string {
  if (e.kind === 'stack') return `stack ${e.stackId}: ${e.status}`
  if (e.kind === 'workgroup') return `workgroup ${e.workgroup}: ${e.status}`
  return `${e.step}: ${e.status}`
}

/** The `rsp bootstrap` command line that matches the flags given (profile, region, config). */
export function bootstrapCommand(args: {
  readonly config?: string
  readonly profile?: string | undefined
  readonly region?: string | undefined
}): string {
  return [
    'rsp bootstrap',
    ...(args.config && args.config !== 'rsp.config.json' ? [`--config ${args.config}`] : []),
    ...(args.profile ? [`--profile ${args.profile}`] : []),
    ...(args.region ? [`--region ${args.region}`] : []),
  ].join(' ')
}

/**
 * What `rsp deploy` does when the environment needs bootstrapping: bootstrap with `--yes`,
 * ask in a terminal, and outside one refuse with the command to run (exit 2).
 */
export function bootstrapConsent(args: {
  readonly yes: boolean
  readonly config?: string
  readonly profile?: string | undefined
  readonly region?: string | undefined
}): (status: BootstrapStatus) => Promise<boolean> {
  return async (status) => {
    const { describeBootstrap } = await import('./run-deploy.js')
    if (args.yes) return true
    if (!cli().isTTY)
      throw new UsageError(
        `${describeBootstrap(status)}. Bootstrap it first: ${bootstrapCommand(args)} — or pass --yes to rsp deploy to bootstrap and deploy (nothing was deployed)`,
        '--yes',
        false,
      )
    return prompts.confirm(
      `${describeBootstrap(status)}. Bootstrap it now (deploys the ${status.stackName} stack: an S3 asset bucket, an ECR repository, IAM roles and an SSM parameter)?`,
    )
  }
}

/** What `rsp deploy` was asked to do, its flags parsed. */
export interface DeployRequest {
  readonly config: RspConfig
  /** The `--config` path as given (for the `rsp bootstrap` command line it suggests). */
  readonly configPath: string
  /** `--out` as given (printed) and resolved against the working directory. */
  readonly out: string
  readonly state: string
  readonly region: string | undefined
  readonly profile: string | undefined
  readonly choice: IdentityChoice
  readonly yes: boolean
  readonly waitS: number
  readonly pollS: number
  readonly workers: number | undefined
  readonly skipLoad: boolean
  readonly skipShare: boolean
  readonly skipDiagnose: boolean
}

// biome-ignore lint/suspicious/noExplicitAny: the SDK clients, each created from one config
type AnyClient = any

/** The clients and names every deploy step works with. */
interface DeployContext {
  readonly request: DeployRequest
  // biome-ignore lint/suspicious/noExplicitAny: one provider-chain config for every client
  readonly clientConfig: any
  readonly serverless: AnyClient
  readonly data: AnyClient
  readonly producer: string
  readonly database: string
  readonly needs: { readonly load: boolean; readonly share: boolean }
}

/**
 * `rsp deploy`: synthesise, then deploy the stacks, wait for the workgroups, check the admin
 * identity, and run the load, share and diagnose steps (resumable through the state file).
 */
export async function deployFromCli(request: DeployRequest): Promise<void> {
  const ctx = cli()
  const { config, region, profile } = request
  const [{ synthApp }, { runDeploy }, aws, rs] = await Promise.all([
    import('../infra/synth.js'),
    import('./run-deploy.js'),
    import('../connections/aws-clients.js'),
    import('@aws-sdk/client-redshift-serverless'),
  ])
  // biome-ignore lint/suspicious/noExplicitAny: one provider-chain config for every client
  const clientConfig: any = await aws.awsClientConfig({ region, profile })
  await aws.requireAwsAccess(clientConfig)
  const cdkOut = resolve(ctx.cwd, request.out)
  const synth = await synthApp(config, cdkOut)
  println(`synthesised ${synth.stacks.length} stacks to ${request.out}`)
  const toolkit = await toolkitFactory.create(cdkOut, { profile, region })
  const serverless = new rs.RedshiftServerlessClient(clientConfig)
  const data = await aws.dataApiClientFactory.create(clientConfig)
  const skipLoad = request.skipLoad || config.load === undefined
  const d: DeployContext = {
    request: { ...request, skipLoad },
    clientConfig,
    serverless,
    data,
    producer: `${config.project}-producer`,
    database: config.load?.database ?? 'dev',
    needs: { load: !skipLoad, share: !request.skipShare },
  }
  try {
    await runDeploy({
      config,
      stacks: synth.stacks,
      toolkit,
      serverless,
      stateFile: resolve(ctx.cwd, request.state),
      wait: { timeoutMs: request.waitS * 1000, pollMs: request.pollS * 1000 },
      onEvent: (e) => println(describeEvent(e)),
      confirmBootstrap: bootstrapConsent({
        yes: request.yes,
        config: request.configPath,
        profile,
        region,
      }),
      beforeSteps: () => preflight(d),
      steps: [
        { name: 'load', skip: skipLoad, run: () => loadStep(d) },
        {
          name: 'share',
          skip: request.skipShare,
          inputs: (await import('../share/redshift-share.js')).desiredSharesDigest(
            config,
            d.database,
          ),
          run: (state, save) => shareStep(d, state, save),
        },
        { name: 'diagnose', skip: request.skipDiagnose, run: () => diagnoseStep(d) },
      ],
    })
    println(`${ctx.colors.green('✔')} deployed ${config.project}`)
  } finally {
    serverless.destroy()
    data.destroy()
  }
}

/** Who runs the SQL, checked before any statement; and the COPY role before any upload. */
async function preflight(d: DeployContext): Promise<void> {
  const [admin, { plannedWorkgroups }] = await Promise.all([
    import('./admin-identity.js'),
    import('../config/validate-config.js'),
  ])
  const findings = await admin.adminPreflight({
    serverless: d.serverless,
    data: d.data,
    workgroups: admin.adminWorkgroups(plannedWorkgroups(d.request.config), d.needs),
    database: d.database,
    choice: d.request.choice,
    needs: d.needs,
  })
  for (const f of findings)
    println(`preflight: ${f.severity === 'ok' ? f.message : `${f.severity} ${f.message}`}`)
  admin.assertPreflight(findings)
  if (d.needs.load) {
    const { checkCopyRole } = await import('../load/redshift-load.js')
    const role = await checkCopyRole(d.serverless, d.producer)
    println(`preflight: ${d.producer}: COPY with the namespace’s default IAM role ${role.arn}`)
  }
}

/** Generate, upload to S3 and COPY into the producer through the Data API. */
async function loadStep(d: DeployContext): Promise<void> {
  const load = d.request.config.load
  if (!load) return
  const [{ loadThroughS3, s3Url }, { S3Client }, { adminTarget }, admin] = await Promise.all([
    import('../load/redshift-load.js'),
    import('@aws-sdk/client-s3'),
    import('../share/redshift-share.js'),
    import('./admin-identity.js'),
  ])
  const access = await admin.adminAccess(d.serverless, d.producer, d.request.choice)
  const s3 = new S3Client(d.clientConfig)
  try {
    const s3Prefix = s3Url(load.bucket, load.prefix)
    const workers = d.request.workers
    const summary = await loadThroughS3({
      s3,
      data: d.data,
      target: adminTarget(access, d.database),
      s3Prefix,
      generation: {
        scale: load.scale,
        seed: load.seed,
        ...(workers === undefined ? {} : { workers }),
      },
    })
    println(
      `  ${summary.rows.toLocaleString('en-US')} rows in ${summary.tables.length} tables via ${s3Prefix} (COPY IAM_ROLE default), as ${admin.identityWords(access)}`,
    )
  } finally {
    s3.destroy()
  }
}

/** Apply every datashare of the config, recording which shares rsp manages. */
async function shareStep(
  d: DeployContext,
  state: DeployState,
  save: (next: DeployState) => Promise<void>,
): Promise<void> {
  const [{ shareOnRedshift }, { managedShares, withManagedShares }, { configDatashares }, admin] =
    await Promise.all([
      import('../share/redshift-share.js'),
      import('./deploy-state.js'),
      import('../config/config-datashares.js'),
      import('./admin-identity.js'),
    ])
  const { config } = d.request
  const who = admin.shareIdentity(d.request.choice, d.producer, {
    serverless: d.serverless,
    data: d.data,
  })
  // Recorded first (what rsp may create now, and what it made before), so a share made by a
  // run that then fails is still rsp's when it leaves the config.
  const recorded = managedShares(state)
  const configured = configDatashares(config).map((s) => s.name)
  await save(withManagedShares(state, [...recorded, ...configured]))
  const r = await shareOnRedshift(config, who.clients, {
    ...who.options,
    database: d.database,
    managed: recorded,
    onOutcome: (o) => println(`  ${o.statement.side}: ${o.statement.purpose}`),
  })
  await save(withManagedShares(state, configured))
  for (const name of r.removed)
    println(`  ${name}: no longer in the config; rsp created it, so it was dropped`)
  println(
    `  ${r.plan.isEmpty ? `${r.desired.length === 1 ? 'datashare' : `${r.desired.length} datashares`} already in place` : `${r.outcomes.length} statements applied for ${r.byShare.length} datashare(s)`}, as ${admin.identityWords(r.access.producer)} on the producer`,
  )
}

/** The config and control-plane checks, as a table of what is not ok. */
async function diagnoseStep(d: DeployContext): Promise<void> {
  const diagnostics = await import('@redshift-playground/diagnostics')
  const { diagnosticsConfig } = await import('../diagnose/diagnostics-input.js')
  const { estimateCost } = await import('../cost/estimate-cost.js')
  const { config } = d.request
  const report = await diagnostics.runChecks(
    [...diagnostics.checksOf('config'), ...diagnostics.checksOf('control-plane')],
    {
      config: diagnosticsConfig(config, estimateCost(config)),
      aws: { redshiftServerless: d.serverless },
    },
  )
  println(diagnostics.renderTable(report, { color: cli().colors.isColorSupported, showOk: false }))
}
