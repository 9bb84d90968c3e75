// Test helper (excluded from the build): a recording fake of the CDK toolkit (toolkit-lib
// cannot reach AWS here). Every call is recorded in order; the environment starts bootstrapped
// unless `bootstrapped: false` (then `bootstrap()` makes it so).
import type { BootstrapStatus, CdkToolkit } from './cdk-toolkit.js'

export interface RecordingToolkit extends CdkToolkit {
  /** `deploy <id>`, `destroy <id>`, `bootstrap status`, `bootstrap`, in call order. */
  readonly calls: string[]
}

export function recordingToolkit(
  options: {
    /** Stacks whose deploy fails once. */
    readonly failOn?: readonly string[]
    /** @default true */
    readonly bootstrapped?: boolean
    /** The version an existing bootstrap stack has. @default 29 */
    readonly version?: number
    /** Record into this list instead of a new one (several toolkits, one history). */
    readonly calls?: string[]
  } = {},
): RecordingToolkit {
  const calls = options.calls ?? []
  const failing = new Set(options.failOn ?? [])
  let version: number | undefined =
    options.bootstrapped === false ? undefined : (options.version ?? 29)
  return {
    calls,
    async deployStack(id) {
      calls.push(`deploy ${id}`)
      if (failing.delete(id))
        throw Object.assign(new Error(`${id}: CREATE_FAILED`), { code: 'STACK_FAILED' })
      return { [`${id}Output`]: 'value' }
    },
    async destroyStack(id) {
      calls.push(`destroy ${id}`)
    },
    async bootstrapStatus(): Promise<BootstrapStatus> {
      calls.push('bootstrap status')
      return {
        environment: 'aws://123456789012/us-east-1',
        stackName: 'CDKToolkit',
        version,
        required: 6,
      }
    },
    async bootstrap() {
      calls.push('bootstrap')
      const status = version === undefined || version < 6 ? 'success' : 'no-op'
      version = 29
      return { environment: 'aws://123456789012/us-east-1', status }
    },
  }
}

/**
 * Sets example AWS credentials (and optionally a region) on process.env, where the SDK's
 * provider chain reads them, for tests whose AWS calls are mocked; returns the undo.
 */
export function exampleAwsEnv(
  values: Readonly<Record<string, string | undefined>> = {},
): () => void {
  const set: Record<string, string | undefined> = {
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'example',
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    ...values,
  }
  const saved = Object.fromEntries(Object.keys(set).map((k) => [k, process.env[k]]))
  const apply = (v: Record<string, string | undefined>) => {
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) delete process.env[k]
      else process.env[k] = x
    }
  }
  apply(set)
  return () => apply(saved)
}
