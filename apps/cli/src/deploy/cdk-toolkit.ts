/** Whether the target environment is CDK-bootstrapped enough for the assembly's stacks. */
export interface BootstrapStatus {
  /** The account/region when known (`aws://123456789012/us-east-1`), else the region. */
  readonly environment: string
  /** The bootstrap stack's name (`CDKToolkit` unless overridden). */
  readonly stackName: string
  /** Its `BootstrapVersion` output; undefined when the environment is not bootstrapped. */
  readonly version: number | undefined
  /** The version the assembly's stacks require (`requiresBootstrapStackVersion`). */
  readonly required: number
}

/** Does the environment need `cdk bootstrap` before the stacks can deploy? */
export const needsBootstrap = (s: BootstrapStatus): boolean =>
  s.version === undefined || s.version < s.required

/**
 * The part of the CDK toolkit `rsp deploy`, `rsp destroy` and `rsp bootstrap` use, one stack
 * at a time. The real one wraps `@aws-cdk/toolkit-lib`; tests substitute a recording fake
 * (toolkit-lib cannot reach AWS here).
 */
export interface CdkToolkit {
  /** Deploys one stack of the assembly (by its hierarchical id); returns its outputs. */
  deployStack(stackId: string): Promise<Readonly<Record<string, string>>>
  /** Destroys one stack of the assembly (by its hierarchical id). */
  destroyStack(stackId: string): Promise<void>
  /** Reads the environment's bootstrap stack (nothing is changed). */
  bootstrapStatus(): Promise<BootstrapStatus>
  /**
   * Bootstraps the environment of the credentials and region (toolkit-lib's default bootstrap
   * template: the CDKToolkit stack, its asset bucket, roles and version parameter).
   */
  bootstrap(): Promise<{ readonly environment: string; readonly status: 'success' | 'no-op' }>
}

/** The highest `requiresBootstrapStackVersion` of the assembly's stacks (6 when none says). */
export async function requiredBootstrapVersion(cdkOut: string): Promise<number> {
  const [{ readFile }, { join }] = await Promise.all([
    import('node:fs/promises'),
    import('node:path'),
  ])
  const manifest = JSON.parse(await readFile(join(cdkOut, 'manifest.json'), 'utf8')) as {
    artifacts?: Record<
      string,
      { type?: string; properties?: { requiresBootstrapStackVersion?: number } }
    >
  }
  let required = 0
  for (const a of Object.values(manifest.artifacts ?? {}))
    if (a.type === 'aws:cloudformation:stack')
      required = Math.max(required, a.properties?.requiresBootstrapStackVersion ?? 0)
  return required || 6
}

/** The toolkit-lib implementation over a synthesised cloud assembly directory. */
export async function toolkitLib(
  cdkOut: string,
  options: { readonly profile?: string | undefined; readonly region?: string | undefined },
): Promise<CdkToolkit> {
  process.env.CDK_DISABLE_VERSION_CHECK ??= '1'
  process.env.CDK_DISABLE_CLI_TELEMETRY ??= 'true'
  const lib = await import('@aws-cdk/toolkit-lib')
  const toolkit = new lib.Toolkit({
    color: false,
    emojis: false,
    sdkConfig: {
      baseCredentials: lib.BaseCredentials.awsCliCompatible({
        ...(options.profile ? { profile: options.profile } : {}),
        ...(options.region ? { defaultRegion: options.region } : {}),
      }),
    },
  })
  const cx = await toolkit.fromAssemblyDirectory(cdkOut)
  const only = (stackId: string) => ({
    strategy: lib.StackSelectionStrategy.PATTERN_MUST_MATCH_SINGLE,
    patterns: [stackId],
  })
  return {
    async deployStack(stackId) {
      const result = await toolkit.deploy(cx, { stacks: only(stackId) })
      return result.stacks[0]?.outputs ?? {}
    },
    async destroyStack(stackId) {
      await toolkit.destroy(cx, { stacks: only(stackId) })
    },
    async bootstrapStatus() {
      // The CDK's bootstrap template outputs BootstrapVersion on its stack (CDKToolkit by
      // default); the stacks' CheckBootstrapVersion rule reads the same number from SSM.
      const [{ awsClientConfig }, cf] = await Promise.all([
        import('../connections/aws-clients.js'),
        import('@aws-sdk/client-cloudformation'),
      ])
      // biome-ignore lint/suspicious/noExplicitAny: the provider-chain config of awsClientConfig
      const cfn = new cf.CloudFormationClient((await awsClientConfig(options)) as any)
      const stackName = toolkit.toolkitStackName
      try {
        const region = await cfn.config.region()
        const required = await requiredBootstrapVersion(cdkOut)
        let version: number | undefined
        try {
          const out = await cfn.send(new cf.DescribeStacksCommand({ StackName: stackName }))
          const stack = out.Stacks?.[0]
          const usable =
            stack && !/^(REVIEW_IN_PROGRESS|DELETE_COMPLETE)$/.test(stack.StackStatus ?? '')
          const raw = stack?.Outputs?.find((o) => o.OutputKey === 'BootstrapVersion')?.OutputValue
          version = usable && raw !== undefined ? Number(raw) : undefined
        } catch (error) {
          const e = error as { name?: string; message?: string }
          if (!(e.name === 'ValidationError' && /does not exist/.test(e.message ?? ''))) throw error
        }
        return { environment: region, stackName, version, required }
      } finally {
        cfn.destroy()
      }
    },
    async bootstrap() {
      // The templates are environment-agnostic: the SDK provider fills in the account of the
      // credentials and the default region.
      const result = await toolkit.bootstrap(
        lib.BootstrapEnvironments.fromList(['aws://unknown-account/unknown-region']),
      )
      const env = result.environments[0]
      return {
        environment: env?.environment.name ?? 'the current account and region',
        status: env?.status ?? 'success',
      }
    },
  }
}
