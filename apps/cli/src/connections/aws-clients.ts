/** Where AWS credentials and the region come from. */
export interface AwsOptions {
  readonly region?: string | undefined
  readonly profile?: string | undefined
}

// The SDK warns about Node versions on every client; rsp states its own engines.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

/**
 * Client configuration from the standard provider chain (environment, SSO, shared files, IMDS),
 * or one named profile with `--profile`. Only the CLI builds AWS clients; packages receive them.
 */
export async function awsClientConfig(options: AwsOptions): Promise<{
  region?: string
  credentials: unknown
}> {
  const providers = await import('@aws-sdk/credential-providers')
  const credentials = options.profile
    ? providers.fromIni({ profile: options.profile })
    : providers.fromNodeProviderChain()
  return { ...(options.region ? { region: options.region } : {}), credentials }
}

/** A client with `destroy()`; `usingAwsClient` always destroys it. */
export interface Destroyable {
  destroy(): void
}

export async function usingAwsClients<C extends Record<string, Destroyable>, T>(
  create: () => Promise<C>,
  fn: (clients: C) => Promise<T>,
): Promise<T> {
  const clients = await create()
  try {
    return await fn(clients)
  } finally {
    for (const c of Object.values(clients)) c.destroy()
  }
}

/** A Redshift Data API client as the commands use it. */
export interface DataApiClient extends Destroyable {
  // biome-ignore lint/suspicious/noExplicitAny: the SDK's send is generic over commands
  send(command: any, options?: any): Promise<any>
}

/**
 * How commands make their Redshift Data API client: the SDK's own, configured like every other
 * AWS client (tests point all of them at redshift-local's endpoints with the SDK's standard
 * `AWS_ENDPOINT_URL_REDSHIFT_DATA` / `_S3` / `_REDSHIFT_SERVERLESS` settings).
 */
export const dataApiClientFactory: {
  // biome-ignore lint/suspicious/noExplicitAny: the provider-chain config of awsClientConfig
  create: (config: any) => Promise<DataApiClient>
} = {
  create: async (config) =>
    new (await import('@aws-sdk/client-redshift-data')).RedshiftDataClient(config),
}
