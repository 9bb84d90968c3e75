import type { DiagnosticsConfig } from './config/diagnostics-config.js'

/** A healthy config: 3 AZs of /23 subnets, an NLB over two identical consumers. */
export const healthyConfig: DiagnosticsConfig = Object.freeze({
  region: 'us-east-1',
  producer: {
    name: 'producer',
    namespace: 'rsp-producer',
    workgroup: 'rsp-producer',
    baseCapacity: 32,
    maxCapacity: 128,
    publiclyAccessible: false,
  },
  consumers: [
    {
      name: 'pool-1',
      namespace: 'rsp-pool-1',
      workgroup: 'rsp-pool-1',
      baseCapacity: 32,
      maxCapacity: 64,
      publiclyAccessible: false,
    },
    {
      name: 'pool-2',
      namespace: 'rsp-pool-2',
      workgroup: 'rsp-pool-2',
      baseCapacity: 32,
      maxCapacity: 64,
      publiclyAccessible: false,
    },
  ],
  consumerMode: 'pool',
  nlb: { enabled: true, port: 5439 },
  network: {
    azCount: 3,
    subnets: [
      { prefixLength: 23, availabilityZone: 'us-east-1a', id: 'subnet-a' },
      { prefixLength: 23, availabilityZone: 'us-east-1b', id: 'subnet-b' },
      { prefixLength: 23, availabilityZone: 'us-east-1c', id: 'subnet-c' },
    ],
    enhancedVpcRouting: true,
  },
  datashare: { name: 'airline_share', publicAccessible: false },
  budget: { monthlyUsd: 5000, estimatedMonthlyUsd: 4100 },
})

/** `healthyConfig` with some fields replaced (shallow per top-level key). */
export function configWith(patch: Partial<DiagnosticsConfig>): DiagnosticsConfig {
  return { ...healthyConfig, ...patch }
}

import type { Check, DiagnosticsInput, Finding } from './check/check.js'
import { type RunOptions, runChecks } from './runner/run-checks.js'

/** Runs one check through the runner and returns its findings. */
export async function findingsOf(
  check: Check,
  input: DiagnosticsInput,
  options: RunOptions = {},
): Promise<readonly Finding[]> {
  const report = await runChecks([check], input, options)
  return report.results[0]?.findings ?? []
}

/** The severities of `list`, for compact assertions. */
export const severities = (list: readonly Finding[]) => list.map((f) => f.severity)
