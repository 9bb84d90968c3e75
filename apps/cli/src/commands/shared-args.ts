import { UsageError } from '../errors/cli-errors.js'

/** Flags several commands share. */
export const configArg = {
  config: {
    type: 'string',
    description: 'Path of the config file',
    default: 'rsp.config.json',
    valueHint: 'PATH',
  },
} as const

export const jsonArg = {
  json: { type: 'boolean', description: 'Print the result as JSON', default: false },
} as const

export const awsArgs = {
  profile: { type: 'string', description: 'AWS profile (else the standard provider chain)' },
  region: {
    type: 'string',
    description: 'AWS region (else the config, AWS_REGION or the profile)',
  },
} as const

/** Where `rsp deploy` and `rsp destroy` keep the cloud assembly and their resumable state. */
export const deploymentArgs = {
  out: {
    type: 'string',
    description: 'Cloud assembly directory',
    default: 'cdk.out',
    valueHint: 'DIR',
  },
  state: {
    type: 'string',
    description: 'State file',
    default: '.rsp/deploy-state.json',
    valueHint: 'FILE',
  },
} as const

/** Parses an integer flag; a bad value is a usage error naming the flag. */
export function intArg(name: string, raw: unknown, min: number, max: number): number {
  const n = typeof raw === 'number' ? raw : Number(raw)
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(
      `--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`,
      `--${name}`,
      raw,
    )
  }
  return n
}

/** Parses a number flag; a bad value is a usage error naming the flag. */
export function numberArg(name: string, raw: unknown, min: number, max: number): number {
  const n = typeof raw === 'number' ? raw : Number(raw)
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new UsageError(
      `--${name} must be a number from ${min} to ${max}, got ${JSON.stringify(raw)}`,
      `--${name}`,
      raw,
    )
  }
  return n
}
