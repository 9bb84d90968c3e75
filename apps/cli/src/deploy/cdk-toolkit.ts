/**
 * The part of the CDK toolkit `rsp deploy` and `rsp destroy` use, one stack at a time. The
 * real one wraps `@aws-cdk/toolkit-lib`; tests substitute a recording fake (toolkit-lib
 * cannot reach AWS here).
 */
export interface CdkToolkit {
  /** Deploys one stack of the assembly (by its hierarchical id); returns its outputs. */
  deployStack(stackId: string): Promise<Readonly<Record<string, string>>>
  /** Destroys one stack of the assembly (by its hierarchical id). */
  destroyStack(stackId: string): Promise<void>
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
  }
}
