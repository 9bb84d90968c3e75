/**
 * Prices the estimate uses: us-east-1, on demand, USD. One data module, with its source and
 * date; `prices` in rsp.config.json overrides any of them.
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
}

export interface PriceSource {
  readonly region: string
  readonly asOf: string
  readonly source: string
  readonly unconfirmed: readonly string[]
}

export const priceSource: PriceSource = Object.freeze({
  region: 'us-east-1',
  asOf: '2026-11-26',
  source:
    'FACTS.md "Prices" (secondary sources quoting the AWS price list: aws.amazon.com/redshift/pricing, aws.amazon.com/elasticloadbalancing/pricing)',
  unconfirmed: Object.freeze(['nlbHour', 'nlcuHour', 'ra3.large', 'ra3.4xlarge', 'ra3.16xlarge']),
})

export const defaultPrices: Prices = Object.freeze({
  serverlessRpuHour: 0.375,
  serverlessMinimumSeconds: 60,
  storageGbMonth: 0.024,
  provisionedNodeHour: Object.freeze({
    'ra3.xlplus': 1.086,
    // Only ra3.xlplus is in FACTS.md; the others follow AWS's list ratios. Override to confirm.
    'ra3.large': 0.543,
    'ra3.4xlarge': 3.26,
    'ra3.16xlarge': 13.04,
  }),
  nlbHour: 0.0225,
  nlcuHour: 0.006,
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
