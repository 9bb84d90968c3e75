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
  profile?: string
  credentials: unknown
}> {
  const providers = await import('@aws-sdk/credential-providers')
  const credentials = options.profile
    ? providers.fromIni({ profile: options.profile })
    : providers.fromNodeProviderChain()
  return {
    ...(options.region ? { region: options.region } : {}),
    // The profile's region (and other settings) apply to the clients too, not only its keys.
    ...(options.profile ? { profile: options.profile } : {}),
    credentials,
  }
}

/** Why AWS cannot be reached from here, in words a user can act on. */
export interface AwsAccessProblem {
  readonly problem: 'region' | 'credentials'
  /** What is missing, with the SDK's own words in brackets. */
  readonly message: string
  /** How to fix it: the flags and environment variables that set it. */
  readonly fix: string
}

/** The region the clients will use and the credentials' source worked, or why not. */
export type AwsAccess =
  | { readonly ok: true; readonly region: string }
  | ({ readonly ok: false } & AwsAccessProblem)

export const REGION_FIX =
  'Pass --region us-east-1, set "region" in rsp.config.json, or export AWS_REGION=us-east-1 (a profile with a region also works: --profile NAME or AWS_PROFILE=NAME).'
export const CREDENTIALS_FIX =
  'Sign in and name the profile: aws sso login --profile NAME, then pass --profile NAME (or export AWS_PROFILE=NAME); or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys).'

/**
 * Resolves the region and the credentials the AWS clients of a command will use — the same
 * provider chain, without sending a request — so a command can say what is missing and how to
 * set it instead of failing on its first call with the SDK's "Region is missing" or "Could not
 * load credentials from any providers".
 */
// biome-ignore lint/suspicious/noExplicitAny: the provider-chain config of awsClientConfig
export async function checkAwsAccess(clientConfig: any): Promise<AwsAccess> {
  const { RedshiftServerlessClient } = await import('@aws-sdk/client-redshift-serverless')
  const client = new RedshiftServerlessClient(clientConfig)
  const sdk = (error: unknown) => (error instanceof Error ? error.message : String(error))
  try {
    let region: string
    try {
      region = await client.config.region()
      if (!region) throw new Error('Region is missing')
    } catch (error) {
      return {
        ok: false,
        problem: 'region',
        message: `no AWS region: none was given with --region, in rsp.config.json or in the environment (${sdk(error)})`,
        fix: REGION_FIX,
      }
    }
    try {
      await client.config.credentials()
    } catch (error) {
      return {
        ok: false,
        problem: 'credentials',
        message: `no AWS credentials${clientConfig?.profile ? ` for profile ${clientConfig.profile}` : ''} (${sdk(error)})`,
        fix: CREDENTIALS_FIX,
      }
    }
    return { ok: true, region }
  } finally {
    client.destroy()
  }
}

/**
 * The AWS access a command needs before it synthesises or sends anything: a usage error
 * (exit 2) naming what is missing and how to set it.
 */
// biome-ignore lint/suspicious/noExplicitAny: the provider-chain config of awsClientConfig
export async function requireAwsAccess(clientConfig: any): Promise<string> {
  const access = await checkAwsAccess(clientConfig)
  if (access.ok) return access.region
  const { UsageError } = await import('../errors/cli-errors.js')
  throw new UsageError(
    `${access.message}. Fix: ${access.fix}`,
    access.problem === 'region' ? '--region' : '--profile',
    undefined,
  )
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
