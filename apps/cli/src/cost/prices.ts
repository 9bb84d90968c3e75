/**
 * Prices the estimate uses: us-east-1, on demand, USD. One data module, with the AWS pricing
 * page of each price and the date; `prices` in rsp.config.json overrides any of them.
 */
export interface Prices {
  /** Redshift Serverless compute, per RPU-hour (billed per second). */
  readonly serverlessRpuHour: number
  /** Serverless bills at least this many seconds each time compute runs. */
  readonly serverlessMinimumSeconds: number
  /** Redshift managed storage, per GB-month. */
  readonly storageGbMonth: number
  /** Provisioned RA3 node, per node-hour, by node type. */
  readonly provisionedNodeHour: Readonly<Record<string, number>>
  /** Network Load Balancer, per hour. */
  readonly nlbHour: number
  /** Network Load Balancer capacity unit, per NLCU-hour. */
  readonly nlcuHour: number
  /** AWS KMS customer managed key, per key-month (each of the first two rotations adds as much). */
  readonly kmsKeyMonth: number
  /** AWS KMS requests beyond the free tier, per 10,000. */
  readonly kmsRequests10k: number
  /** AWS Secrets Manager, per secret-month. */
  readonly secretMonth: number
  /** Amazon CloudWatch Logs ingestion (standard class), per GB. */
  readonly logsIngestGb: number
}

export interface PriceSource {
  readonly region: string
  readonly asOf: string
  /** The AWS pricing pages, for the output. */
  readonly source: string
  /** The AWS pricing page of each price. */
  readonly sources: Readonly<Record<keyof Prices, string>>
  /** Prices that are not on the page as a plain us-east-1 figure: estimates, override them. */
  readonly unconfirmed: readonly string[]
}

/** Hours in a month as AWS bills always-on resources: 24 × 365 / 12. */
export const HOURS_PER_MONTH = 730

/** KMS requests free each month (per account and region). */
export const KMS_FREE_REQUESTS = 20_000

const REDSHIFT = 'https://aws.amazon.com/redshift/pricing/'
const ELB = 'https://aws.amazon.com/elasticloadbalancing/pricing/'
const KMS = 'https://aws.amazon.com/kms/pricing/'
const SECRETS = 'https://aws.amazon.com/secrets-manager/pricing/'
const CLOUDWATCH = 'https://aws.amazon.com/cloudwatch/pricing/'

export const priceSource: PriceSource = Object.freeze({
  region: 'us-east-1',
  asOf: '2026-12-06',
  source: `AWS pricing pages: ${[REDSHIFT, ELB, KMS, SECRETS, CLOUDWATCH].join(', ')}`,
  sources: Object.freeze({
    serverlessRpuHour: REDSHIFT,
    serverlessMinimumSeconds: REDSHIFT,
    storageGbMonth: REDSHIFT,
    provisionedNodeHour: REDSHIFT,
    nlbHour: ELB,
    nlcuHour: ELB,
    kmsKeyMonth: KMS,
    kmsRequests10k: KMS,
    secretMonth: SECRETS,
    logsIngestGb: CLOUDWATCH,
  }),
  unconfirmed: Object.freeze(['nlbHour', 'nlcuHour', 'ra3.large', 'ra3.4xlarge', 'ra3.16xlarge']),
})

export const defaultPrices: Prices = Object.freeze({
  serverlessRpuHour: 0.375,
  serverlessMinimumSeconds: 60,
  storageGbMonth: 0.024,
  provisionedNodeHour: Object.freeze({
    'ra3.xlplus': 1.086,
    // Estimates from AWS's list ratios to ra3.xlplus: override them to confirm.
    'ra3.large': 0.543,
    'ra3.4xlarge': 3.26,
    'ra3.16xlarge': 13.04,
  }),
  nlbHour: 0.0225,
  nlcuHour: 0.006,
  kmsKeyMonth: 1,
  kmsRequests10k: 0.03,
  secretMonth: 0.4,
  logsIngestGb: 0.5,
})

/** The default prices with the config's overrides applied. */
export function resolvePrices(overrides: Partial<Prices> | undefined): Prices {
  return Object.freeze({
    ...defaultPrices,
    ...Object.fromEntries(Object.entries(overrides ?? {}).filter(([, v]) => v !== undefined)),
    provisionedNodeHour: Object.freeze({
      ...defaultPrices.provisionedNodeHour,
      ...(overrides?.provisionedNodeHour ?? {}),
    }),
  })
}
