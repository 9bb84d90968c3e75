import { resolve } from 'node:path'
import type { RspConfig } from '../config/config-schema.js'
import { cli, println } from '../context/cli-context.js'
import { describeEvent, toolkitFactory } from './deploy-from-cli.js'
import type { IdentityChoice } from './identity-args.js'

/** What `rsp destroy` was asked (and confirmed), its flags parsed. */
export interface DestroyRequest {
  readonly config: RspConfig
  readonly out: string
  readonly state: string
  readonly choice: IdentityChoice
  readonly skipUnshare: boolean
  readonly region: string | undefined
  readonly profile: string | undefined
}

/** `rsp destroy`: unshare (unless skipped), then destroy the stacks in reverse order. */
export async function destroyFromCli(request: DestroyRequest): Promise<void> {
  const ctx = cli()
  const { config, region, profile } = request
  const [{ synthApp }, { runDestroy }, aws, rs] = await Promise.all([
    import('../infra/synth.js'),
    import('./run-deploy.js'),
    import('../connections/aws-clients.js'),
    import('@aws-sdk/client-redshift-serverless'),
  ])
  // biome-ignore lint/suspicious/noExplicitAny: one provider-chain config for both clients
  const clientConfig: any = await aws.awsClientConfig({ region, profile })
  await aws.requireAwsAccess(clientConfig)
  const cdkOut = resolve(ctx.cwd, request.out)
  const synth = await synthApp(config, cdkOut)
  const toolkit = await toolkitFactory.create(cdkOut, { profile, region })
  const serverless = new rs.RedshiftServerlessClient(clientConfig)
  const data = await aws.dataApiClientFactory.create(clientConfig)
  try {
    await runDestroy({
      config,
      stacks: synth.stacks,
      toolkit,
      stateFile: resolve(ctx.cwd, request.state),
      onEvent: (e) => println(describeEvent(e)),
      ...(request.skipUnshare ? {} : { before: () => unshare(request, { serverless, data }) }),
    })
    println(`${ctx.colors.green('✔')} destroyed ${config.project}`)
  } finally {
    serverless.destroy()
    data.destroy()
  }
}

/** Tears the config's datashares (and those rsp recorded creating) down before the stacks. */
async function unshare(
  request: DestroyRequest,
  // biome-ignore lint/suspicious/noExplicitAny: the SDK clients
  clients: { readonly serverless: any; readonly data: any },
): Promise<void> {
  const [
    { shareOnRedshift },
    { managedShares, readState, recordManagedShares },
    { shareIdentity, identityWords },
  ] = await Promise.all([
    import('../share/redshift-share.js'),
    import('./deploy-state.js'),
    import('./admin-identity.js'),
  ])
  const { config } = request
  const who = shareIdentity(request.choice, `${config.project}-producer`, clients)
  const stateFile = resolve(cli().cwd, request.state)
  // The config's shares and those rsp recorded creating (gone from the config).
  const recorded = managedShares(await readState(stateFile, config.project))
  const r = await shareOnRedshift(config, who.clients, {
    ...who.options,
    database: config.load?.database ?? 'dev',
    teardown: true,
    managed: recorded,
  })
  await recordManagedShares(stateFile, config.project, [])
  println(
    `unshare: ${r.outcomes.length} statements for ${r.byShare.length} datashare(s), as ${identityWords(r.access.producer)} on the producer`,
  )
}
