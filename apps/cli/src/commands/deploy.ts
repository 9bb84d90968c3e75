import { resolve } from 'node:path'
import { defineCommand } from 'citty'
import { loadConfigOrFail } from '../config/load-config.js'
import { cli, println } from '../context/cli-context.js'
import type { BootstrapStatus, CdkToolkit } from '../deploy/cdk-toolkit.js'
import { identityArgs } from '../deploy/identity-args.js'
import type { DeployEvent } from '../deploy/run-deploy.js'
import { UsageError } from '../errors/cli-errors.js'
import { genArgs } from './datagen.js'
import { awsArgs, configArg, deploymentArgs, intArg } from './shared-args.js'

/** Tests replace the CDK toolkit (toolkit-lib cannot reach AWS here). */
export const toolkitFactory: {
  create: (
    cdkOut: string,
    o: { profile?: string | undefined; region?: string | undefined },
  ) => Promise<CdkToolkit>
} = {
  create: async (cdkOut, o) => (await import('../deploy/cdk-toolkit.js')).toolkitLib(cdkOut, o),
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
    const { describeBootstrap } = await import('../deploy/run-deploy.js')
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

export default defineCommand({
  meta: {
    name: 'deploy',
    description: [
      'Deploy to AWS: synthesise; bootstrap the environment for the CDK when it is not (asks',
      'first; --yes bootstraps without asking); deploy the stacks in dependency order with the CDK',
      'toolkit; wait for every workgroup to be AVAILABLE; check the admin identity (preflight);',
      'then load (when the config has a `load` bucket: generate, upload to S3, COPY through the',
      'Data API), share (Data API) and diagnose (control plane); each step can be skipped.',
      'SQL runs as each namespace’s admin through its managed admin secret (--secret-arn for the',
      'producer, or --iam-identity). Progress is kept in .rsp/deploy-state.json: re-running after',
      'a failure resumes where it stopped; a stack whose template changed is deployed again.',
      'What it does, and the permissions it needs: docs/deploy-on-aws.md.',
      '',
      'Examples:',
      '  rsp deploy --profile prod --region us-east-1',
      '  rsp deploy --yes                       # bootstrap first without asking',
      '  rsp deploy --skip-load --skip-share --skip-diagnose --wait-timeout 3600',
    ].join('\n'),
  },
  args: {
    ...configArg,
    ...awsArgs,
    ...deploymentArgs,
    ...identityArgs,
    yes: {
      type: 'boolean',
      alias: 'y',
      description: 'Bootstrap the environment without asking when it needs it',
      default: false,
    },
    'wait-timeout': {
      type: 'string',
      description: 'Seconds to wait for workgroups',
      default: '1800',
      valueHint: 'S',
    },
    'poll-interval': {
      type: 'string',
      description: 'Seconds between status polls',
      default: '15',
      valueHint: 'S',
    },
    workers: { ...genArgs.workers, description: 'Load step: generator worker threads' },
    'skip-load': {
      type: 'boolean',
      description: 'Do not load data (also skipped without a `load` config)',
      default: false,
    },
    'skip-share': { type: 'boolean', description: 'Do not apply the datashare', default: false },
    'skip-diagnose': { type: 'boolean', description: 'Do not run the checks', default: false },
  },
  async run({ args }) {
    const ctx = cli()
    const config = await loadConfigOrFail(args.config, ctx.cwd)
    const waitS = intArg('wait-timeout', args['wait-timeout'], 1, 86_400)
    const pollS = intArg('poll-interval', args['poll-interval'], 1, 3600)
    const workers = args.workers === undefined ? undefined : intArg('workers', args.workers, 0, 64)
    const region = args.region ?? config.region
    const profile = args.profile ?? config.profile
    const admin = await import('../deploy/admin-identity.js')
    const choice = admin.identityChoice(args, config.load?.secretArn)
    const [
      { synthApp },
      { runDeploy },
      { awsClientConfig, dataApiClientFactory, requireAwsAccess },
      rs,
      { plannedWorkgroups },
      { desiredSharesDigest },
      { configDatashares },
    ] = await Promise.all([
      import('../infra/synth.js'),
      import('../deploy/run-deploy.js'),
      import('../connections/aws-clients.js'),
      import('@aws-sdk/client-redshift-serverless'),
      import('../config/validate-config.js'),
      import('../share/redshift-share.js'),
      import('../config/config-datashares.js'),
    ])
    // biome-ignore lint/suspicious/noExplicitAny: one provider-chain config for every client
    const clientConfig: any = await awsClientConfig({ region, profile })
    await requireAwsAccess(clientConfig)
    const cdkOut = resolve(ctx.cwd, args.out)
    const synth = await synthApp(config, cdkOut)
    println(`synthesised ${synth.stacks.length} stacks to ${args.out}`)
    const toolkit = await toolkitFactory.create(cdkOut, { profile, region })
    const serverless = new rs.RedshiftServerlessClient(clientConfig)
    const data = await dataApiClientFactory.create(clientConfig)
    const load = config.load
    const producer = `${config.project}-producer`
    const database = load?.database ?? 'dev'
    const skipLoad = args['skip-load'] || load === undefined
    const needs = { load: !skipLoad, share: !args['skip-share'] }
    try {
      await runDeploy({
        config,
        stacks: synth.stacks,
        toolkit,
        serverless,
        stateFile: resolve(ctx.cwd, args.state),
        wait: { timeoutMs: waitS * 1000, pollMs: pollS * 1000 },
        onEvent: (e) => println(describeEvent(e)),
        confirmBootstrap: bootstrapConsent({ ...args, profile, region }),
        beforeSteps: async () => {
          // Who runs the SQL, checked before any statement; and the COPY role before any upload.
          const findings = await admin.adminPreflight({
            serverless,
            data,
            workgroups: admin.adminWorkgroups(plannedWorkgroups(config), needs),
            database,
            choice,
            needs,
          })
          for (const f of findings)
            println(`preflight: ${f.severity === 'ok' ? f.message : `${f.severity} ${f.message}`}`)
          admin.assertPreflight(findings)
          if (needs.load) {
            const { checkCopyRole } = await import('../load/redshift-load.js')
            const role = await checkCopyRole(serverless, producer)
            println(
              `preflight: ${producer}: COPY with the namespace’s default IAM role ${role.arn}`,
            )
          }
        },
        steps: [
          {
            name: 'load',
            skip: skipLoad,
            run: async () => {
              if (!load) return
              const [{ loadThroughS3, s3Url }, { S3Client }, { adminTarget }] = await Promise.all([
                import('../load/redshift-load.js'),
                import('@aws-sdk/client-s3'),
                import('../share/redshift-share.js'),
              ])
              const access = await admin.adminAccess(serverless, producer, choice)
              const s3 = new S3Client(clientConfig)
              try {
                const s3Prefix = s3Url(load.bucket, load.prefix)
                const summary = await loadThroughS3({
                  s3,
                  data,
                  target: adminTarget(access, database),
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
            },
          },
          {
            name: 'share',
            skip: args['skip-share'],
            inputs: desiredSharesDigest(config, database),
            run: async (state, save) => {
              const [{ shareOnRedshift }, { managedShares, withManagedShares }] = await Promise.all(
                [import('../share/redshift-share.js'), import('../deploy/deploy-state.js')],
              )
              const who = admin.shareIdentity(choice, producer, { serverless, data })
              // Recorded first (what rsp may create now, and what it made before), so a share
              // made by a run that then fails is still rsp's when it leaves the config.
              const recorded = managedShares(state)
              const configured = configDatashares(config).map((d) => d.name)
              await save(withManagedShares(state, [...recorded, ...configured]))
              const r = await shareOnRedshift(config, who.clients, {
                ...who.options,
                database,
                managed: recorded,
                onOutcome: (o) => println(`  ${o.statement.side}: ${o.statement.purpose}`),
              })
              await save(withManagedShares(state, configured))
              for (const name of r.removed)
                println(`  ${name}: no longer in the config; rsp created it, so it was dropped`)
              println(
                `  ${r.plan.isEmpty ? `${r.desired.length === 1 ? 'datashare' : `${r.desired.length} datashares`} already in place` : `${r.outcomes.length} statements applied for ${r.byShare.length} datashare(s)`}, as ${admin.identityWords(r.access.producer)} on the producer`,
              )
            },
          },
          {
            name: 'diagnose',
            skip: args['skip-diagnose'],
            run: async () => {
              const d = await import('@redshift-playground/diagnostics')
              const { diagnosticsConfig } = await import('../diagnose/diagnostics-input.js')
              const { estimateCost } = await import('../cost/estimate-cost.js')
              const report = await d.runChecks(
                [...d.checksOf('config'), ...d.checksOf('control-plane')],
                {
                  config: diagnosticsConfig(config, estimateCost(config)),
                  aws: { redshiftServerless: serverless },
                },
              )
              println(d.renderTable(report, { color: ctx.colors.isColorSupported, showOk: false }))
            },
          },
        ],
      })
      println(`${ctx.colors.green('✔')} deployed ${config.project}`)
    } finally {
      serverless.destroy()
      data.destroy()
    }
  },
})
