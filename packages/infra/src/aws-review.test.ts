// The synthesized app as a reviewer of the deployed templates sees it (issue 17): every stack of
// every shape of the app — both consumer modes, with and without the NLB, the traditional
// cluster and the load-test host — has no unacknowledged cdk-nag AwsSolutions finding, whether
// found on the construct tree or on the template, and no cfn-lint error.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CloudAssembly } from 'aws-cdk-lib/cx-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  assemblyNagViolations,
  type CfnLintFinding,
  cfnLint,
  findCfnLint,
  recordAcknowledgements,
} from '../test/aws-review.js'
import type { ArchitectureConfig } from './architecture-config.js'
import { buildApp } from './build-app.js'
import { DEFAULT_WORKLOADS } from './data-sharing-architecture.js'

const CONFIGS: Record<string, ArchitectureConfig> = {
  // Workload consumers, traditional cluster, no NLB, no load-test host.
  'workload-cluster': {
    name: 'wlc',
    producer: { baseCapacity: 32, maxCapacity: 256 },
    consumers: { mode: 'workload', workloads: DEFAULT_WORKLOADS },
    traditionalCluster: { enabled: true },
    usageLimits: { producer: { amount: 1000 }, consumers: { amount: 300 } },
    monitoring: { email: 'oncall@example.com' },
    access: { allowedCidrs: ['10.0.0.0/8'], allowedSecurityGroupIds: ['sg-0123456789abcdef0'] },
    copySource: { bucketName: 'airline-data', prefix: 'airline/' },
    tags: { project: 'redshift-playground' },
  },
  // Workload consumers without cluster, without enhanced VPC routing (2 AZs), every
  // interface endpoint.
  'workload-plain': {
    name: 'wlp',
    network: {
      availabilityZones: 2,
      interfaceEndpoints: { redshiftData: true, secretsManager: true, sts: true },
    },
    enhancedVpcRouting: false,
    consumers: { mode: 'workload', workloads: DEFAULT_WORKLOADS },
    access: { allowedCidrs: ['192.168.0.0/16'] },
  },
  // Pool behind the NLB, load-test host, cluster, subnets placed by AZ ID.
  'pool-nlb-cluster-loadtest': {
    name: 'pnl',
    network: { availabilityZoneIds: ['use1-az1', 'use1-az2', 'use1-az4'] },
    consumers: { mode: 'pool', count: 2, baseCapacity: 32, maxCapacity: 64 },
    nlb: { enabled: true, stickiness: true },
    traditionalCluster: { enabled: true, nodes: 1 },
    loadTestHost: { enabled: true },
    usageLimits: { consumers: { amount: 200, breachAction: 'deactivate' } },
    access: { allowedCidrs: ['10.0.0.0/8', 'fd00::/8'] },
  },
  // Pool without NLB, cluster, monitoring or sharing.
  'pool-bare': {
    name: 'pbr',
    consumers: { mode: 'pool', count: 1 },
    monitoring: { enabled: false },
    sharing: false,
  },
}

const outRoot = mkdtempSync(join(tmpdir(), 'infra-review-'))
const outdir = (key: string) => join(outRoot, key)
let assemblies: Array<ReturnType<typeof buildApp> & { key: string; assembly: CloudAssembly }>
beforeAll(() => {
  assemblies = Object.entries(CONFIGS).map(([key, config]) => {
    const built = buildApp(config, { appProps: { outdir: outdir(key) } })
    recordAcknowledgements(built.app)
    return { key, ...built, assembly: built.app.synth() }
  })
})
afterAll(() => rmSync(outRoot, { recursive: true, force: true }))

describe('cdk-nag AwsSolutions over every stack of the app (tree and template)', () => {
  for (const key of Object.keys(CONFIGS)) {
    it(`${key}: no unacknowledged finding`, () => {
      const b = assemblies.find((a) => a.key === key)!
      expect(assemblyNagViolations(b.assembly, b.stacks)).toEqual([])
    })
  }

  it('sees the role that strips the default security group as an IAM role (no blind spot)', () => {
    // The provider role is a plain CfnResource in the construct tree; only the template pass
    // checks it. Strip the acknowledgements and the finding must come back.
    const app = buildApp(CONFIGS['pool-bare']!, { appProps: { outdir: outdir('raw') } })
    const assembly = app.app.synth()
    expect(assemblyNagViolations(assembly, [])).toContain(
      'pbr-network: AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole] @ CustomVpcRestrictDefaultSGCustomResourceProviderRole26592FE0',
    )
  })
})

const CFN_LINT = findCfnLint()
if (!CFN_LINT) {
  console.warn(
    'cfn-lint is not installed (pip install cfn-lint, or set CFN_LINT): the cfn-lint checks of the synthesized templates are SKIPPED.',
  )
}

describe('cfn-lint over every synthesized template', () => {
  let errors: CfnLintFinding[] = []
  let warnings: CfnLintFinding[] = []
  beforeAll(() => {
    if (!CFN_LINT) return
    const files = assemblies.flatMap((a) => a.assembly.stacks.map((s) => s.templateFullPath))
    ;({ errors, warnings } = cfnLint(CFN_LINT, files))
    if (warnings.length > 0) {
      console.info(
        `cfn-lint warnings (not failures):\n${warnings.map((w) => `  ${w.rule} ${w.file}:${w.line} ${w.message}`).join('\n')}`,
      )
    }
  })

  for (const key of Object.keys(CONFIGS)) {
    it.skipIf(!CFN_LINT)(`${key}: no cfn-lint error (E-level)`, () => {
      const mine = errors.filter((e) => e.file.startsWith(`${outdir(key)}/`))
      expect(
        mine.map((e) => `${e.rule} ${e.file.split('/').pop()}:${e.line} ${e.message}`),
      ).toEqual([])
    })
  }
})
