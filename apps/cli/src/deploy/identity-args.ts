// The identity flags of the commands that run admin steps, with no heavy imports: command
// modules load them for --help.
import { UsageError } from '../errors/cli-errors.js'

/**
 * Who the admin steps (migrate, load, share, unshare, re-share after a restore) run as. By
 * default each namespace's admin through its managed admin secret (GetNamespace's
 * `adminPasswordSecretArn`); `secretArn` replaces it on the producer; `iamIdentity` runs every
 * step as the caller's IAM identity (`IAMR:<role>` / `IAM:<user>`), which then needs the grants
 * listed in docs/deploy-on-aws.md.
 */
export interface IdentityChoice {
  /** A Secrets Manager secret for the producer (`--secret-arn`, else `load.secretArn`). */
  readonly secretArn?: string | undefined
  /** Run as the caller's IAM identity (`--iam-identity`). */
  readonly iamIdentity?: boolean | undefined
}

/** The flags of {@link IdentityChoice}, for every command that runs admin steps. */
export const identityArgs = {
  'secret-arn': {
    type: 'string',
    description:
      "Run the producer's admin steps as the user of this Secrets Manager secret (default: load.secretArn, else the namespace's managed admin secret)",
    valueHint: 'ARN',
  },
  'iam-identity': {
    type: 'boolean',
    description:
      'Run admin steps as your IAM identity (IAMR:<role>) instead of the managed admin secrets; it needs the grants in docs/deploy-on-aws.md',
    default: false,
  },
} as const

const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@!-]+$/

/**
 * The identity choice from the flags and the config: `--secret-arn` and `--iam-identity`
 * exclude each other; `--iam-identity` also sets aside `load.secretArn`.
 */
export function identityChoice(
  args: { readonly 'secret-arn'?: string | undefined; readonly 'iam-identity'?: boolean },
  configSecretArn?: string | undefined,
): IdentityChoice {
  const flag = args['secret-arn']
  const iam = args['iam-identity'] === true
  if (flag !== undefined && iam)
    throw new UsageError(
      '--secret-arn and --iam-identity exclude each other: pass --secret-arn to run as the secret’s database user, or --iam-identity to run as your IAM identity',
      '--iam-identity',
      true,
    )
  if (flag !== undefined && !SECRET_ARN.test(flag))
    throw new UsageError(
      `--secret-arn ${JSON.stringify(flag)} is not a Secrets Manager secret ARN; use one like arn:aws:secretsmanager:us-east-1:123456789012:secret:name`,
      '--secret-arn',
      flag,
    )
  if (iam) return { iamIdentity: true }
  const secretArn = flag ?? configSecretArn
  return secretArn ? { secretArn } : {}
}
