import { resolve } from 'node:path'
import { defineCommand } from 'citty'
import { loadConfigOrFail } from '../config/load-config.js'
import { cli, println } from '../context/cli-context.js'
import type { CdkToolkit } from '../deploy/cdk-toolkit.js'
import type { DeployEvent } from '../deploy/run-deploy.js'
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

export function describeEvent(e: DeployEvent): string {
  if (e.kind === 'stack') return `stack ${e.stackId}: ${e.status}`
  if (e.kind === 'workgroup') return `workgroup ${e.workgroup}: ${e.status}`
  return `${e.step}: ${e.status}`
}

export default defineCommand({
  meta: {
    name: 'deploy',
    description: [
      'Deploy to AWS: synthesise, deploy the stacks in dependency order with the CDK toolkit,',
      'wait for every workgroup to be AVAILABLE, then load (when the config has a `load` bucket:',
      'generate, upload to S3, COPY through the Data API), share (Data API) and diagnose (control',
      'plane); each step can be skipped. Progress is kept in .rsp/deploy-state.json: re-running',
      'after a failure resumes where it stopped (a load replaces the tables, so it can re-run).',
      '',
      'Examples:',
      '  rsp deploy --profile prod --region us-east-1',
      '  rsp deploy --skip-load --skip-share --skip-diagnose --wait-timeout 3600',
    ].join('\n'),
  },
  args: {
    ...configArg,
    ...awsArgs,
    ...deploymentArgs,
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
    const [{ synthApp }, { runDeploy }, { awsClientConfig, dataApiClientFactory }, rs] =
      await Promise.all([
        import('../infra/synth.js'),
        import('../deploy/run-deploy.js'),
        import('../connections/aws-clients.js'),
        import('@aws-sdk/client-redshift-serverless'),
      ])
    const cdkOut = resolve(ctx.cwd, args.out)
    const synth = await synthApp(config, cdkOut)
    println(`synthesised ${synth.stacks.length} stacks to ${args.out}`)
    const toolkit = await toolkitFactory.create(cdkOut, { profile, region })
    // biome-ignore lint/suspicious/noExplicitAny: one provider-chain config for both clients
    const clientConfig: any = await awsClientConfig({ region, profile })
    const serverless = new rs.RedshiftServerlessClient(clientConfig)
    const data = await dataApiClientFactory.create(clientConfig)
    const load = config.load
    try {
      await runDeploy({
        config,
        stacks: synth.stacks,
        toolkit,
        serverless,
        stateFile: resolve(ctx.cwd, args.state),
        wait: { timeoutMs: waitS * 1000, pollMs: pollS * 1000 },
        onEvent: (e) => println(describeEvent(e)),
        steps: [
          {
            name: 'load',
            skip: args['skip-load'] || load === undefined,
            run: async () => {
              if (!load) return
              const [{ loadThroughS3, s3Url }, { S3Client }] = await Promise.all([
                import('../load/redshift-load.js'),
                import('@aws-sdk/client-s3'),
              ])
              const s3 = new S3Client(clientConfig)
              try {
                const s3Prefix = s3Url(load.bucket, load.prefix)
                const summary = await loadThroughS3({
                  s3,
                  data,
                  target: {
                    workgroupName: `${config.project}-producer`,
                    database: load.database,
                    secretArn: load.secretArn,
                  },
                  s3Prefix,
                  generation: {
                    scale: load.scale,
                    seed: load.seed,
                    ...(workers === undefined ? {} : { workers }),
                  },
                })
                println(
                  `  ${summary.rows.toLocaleString('en-US')} rows in ${summary.tables.length} tables via ${s3Prefix} (COPY IAM_ROLE default)`,
                )
              } finally {
                s3.destroy()
              }
            },
          },
          {
            name: 'share',
            skip: args['skip-share'],
            run: async () => {
              const { shareOnRedshift } = await import('../share/redshift-share.js')
              const r = await shareOnRedshift(
                config,
                { serverless, data },
                { onOutcome: (o) => println(`  ${o.statement.side}: ${o.statement.purpose}`) },
              )
              println(
                `  ${r.plan.isEmpty ? 'datashare already in place' : `${r.outcomes.length} statements applied`}`,
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
