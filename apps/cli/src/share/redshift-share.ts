import type { Plan, StatementOutcome } from '@redshift-playground/sharing'
import type { Kysely as KyselyType } from 'kysely'
import type { RspConfig } from '../config/config-schema.js'
import type { ServerlessClient } from '../deploy/wait-for-workgroups.js'
import { datashareSpec, shareConsumers } from './datashare-from-config.js'

/** A Data API client, typed structurally (the RedshiftDataClient's `send`). */
export interface DataClient {
  // biome-ignore lint/suspicious/noExplicitAny: the SDK's send is generic over commands
  send(command: any, options?: any): Promise<any>
}

/**
 * Plans and applies the config's datashare on Redshift through the Data API: namespace ids are
 * read with GetNamespace (namespaces are named like their workgroups), each side runs on its
 * own workgroup, producer first; consumers wait until the grant is visible.
 */
export async function shareOnRedshift(
  config: RspConfig,
  clients: { readonly serverless: ServerlessClient; readonly data: DataClient },
  options: {
    readonly dryRun?: boolean
    readonly teardown?: boolean
    readonly database?: string
    readonly onOutcome?: (o: StatementOutcome) => void
  } = {},
): Promise<{ plan: Plan; outcomes: readonly StatementOutcome[] }> {
  const [{ GetNamespaceCommand }, { Kysely }, { RedshiftDataDialect }, s] = await Promise.all([
    import('@aws-sdk/client-redshift-serverless'),
    import('kysely'),
    import('@redshift-playground/redshift-data'),
    import('@redshift-playground/sharing'),
  ])
  const database = options.database ?? 'dev'
  const namespaceId = async (name: string) => {
    const out = await clients.serverless.send(new GetNamespaceCommand({ namespaceName: name }))
    const id = out?.namespace?.namespaceId
    if (typeof id !== 'string')
      throw Object.assign(new Error(`namespace ${name} has no id (is it deployed?)`), {
        code: 'NAMESPACE_NOT_FOUND',
      })
    return id
  }
  const consumers = shareConsumers(config)
  const ids = {
    producer: await namespaceId(`${config.project}-producer`),
    consumers: Object.fromEntries(
      await Promise.all(
        consumers.map(async (c) => [c.name, await namespaceId(c.workgroup)] as const),
      ),
    ),
  }
  const desired = s.defineDatashare(datashareSpec(config, ids, database))
  // biome-ignore lint/suspicious/noExplicitAny: system views
  const on = (workgroupName: string, db = database): KyselyType<any> =>
    new Kysely({
      dialect: new RedshiftDataDialect({ client: clients.data, workgroupName, database: db }),
    })
  const connections = {
    producer: on(`${config.project}-producer`),
    consumers: Object.fromEntries(consumers.map((c) => [c.name, on(c.workgroup)])),
  }
  try {
    const actual = await s.readRedshiftState(desired, connections)
    const renderer = s.redshiftRenderer()
    const plan = options.teardown
      ? s.planTeardown(desired, actual, renderer)
      : s.planDatashare(desired, actual, renderer)
    if (options.dryRun || plan.isEmpty) return { plan, outcomes: [] }
    const result = await s.applyPlan(plan, connections, {
      ...(options.onOutcome ? { onOutcome: options.onOutcome } : {}),
    })
    return { plan, outcomes: result.outcomes }
  } finally {
    await Promise.all(
      [connections.producer, ...Object.values(connections.consumers)].map((k) => k.destroy()),
    )
  }
}
