import type {
  AwsInput,
  Check,
  DataPlaneInput,
  FreshnessCheckOptions,
} from '@redshift-playground/diagnostics'
import type { RspConfig } from '../config/config-schema.js'
import type { AwsAccess, DataApiClient } from '../connections/aws-clients.js'
import type { IdentityChoice } from '../deploy/identity-args.js'
import type { ServerlessClient } from '../deploy/wait-for-workgroups.js'
import { standIn } from './aws-data-plane.js'

/** What `rsp diagnose --target aws` runs beyond the config checks, and with what. */
export interface AwsCheckPlan {
  /** The AWS checks, each of which reports a finding whatever happens. */
  readonly checks: readonly Check[]
  /** The clients and deployment outputs the diagnostics' AWS checks read (none without access). */
  readonly aws: AwsInput | undefined
  /** The Data API sessions and datashares the data-plane checks read (none when they cannot run). */
  readonly dataPlane?: DataPlaneInput | undefined
  /** Notes for stderr: stacks not deployed, workgroups missing from them. */
  readonly notes: readonly string[]
  /** One line for the table output: what was found deployed. */
  readonly summary: string | undefined
  /** Destroys the sessions and the clients. */
  close(): Promise<void>
}

const ACCESS_CHECK = {
  id: 'control-plane/aws-access',
  title: 'AWS credentials and region',
  group: 'control-plane',
} as const
const STACKS_CHECK = {
  id: 'control-plane/deployed-stacks',
  title: 'Deployed stacks readable (CloudFormation)',
  group: 'control-plane',
} as const
const ADMIN_CHECK = {
  id: 'control-plane/admin-identity',
  title: 'Admin identity for the data steps',
  group: 'control-plane',
} as const

/**
 * The AWS checks of `rsp diagnose --target aws`. With a region and credentials: the
 * diagnostics' control-plane checks (and load-balancer checks with the NLB) over the deployed
 * stacks read through CloudFormation, plus three of the CLI's own: AWS access, the deployed
 * stacks, and the admin identity preflight of `rsp deploy` ({@link adminPreflight}); then,
 * unless `dataPlane` is false, the data-plane checks on the deployed workgroups through the
 * Data API ({@link awsDataPlane}). Without them — or when CloudFormation cannot be read —
 * nothing is sent that would fail with the SDK's raw words: `aws-access` (or `deployed-stacks`)
 * fails with the reason and the fix and every other AWS check reports `skip` with the same, so
 * every output format lists every check.
 */
export async function awsChecks(o: AwsChecksInput): Promise<AwsCheckPlan> {
  const d = await import('@redshift-playground/diagnostics')
  const lb = o.config.loadBalancer.enabled
  const library = [
    ...d.checksOf('control-plane'),
    ...(lb ? d.checksOf('load-balancer') : []),
    ...(o.dataPlane === false ? [] : d.checksOf('data-plane')),
  ]
  if (!o.access.ok) return noAccessPlan(d, o.access, library)
  const region = o.access.region
  const [rs, ec2, elb, cf, { readDeployedStacks }] = await Promise.all([
    import('@aws-sdk/client-redshift-serverless'),
    import('@aws-sdk/client-ec2'),
    import('@aws-sdk/client-elastic-load-balancing-v2'),
    import('@aws-sdk/client-cloudformation'),
    import('./deployed-stacks.js'),
  ])
  const clients = {
    redshiftServerless: new rs.RedshiftServerlessClient(o.clientConfig),
    ec2: new ec2.EC2Client(o.clientConfig),
    elbv2: new elb.ElasticLoadBalancingV2Client(o.clientConfig),
  }
  const cfn = new cf.CloudFormationClient(o.clientConfig)
  const data = await o.dataApiClientFactory.create(o.clientConfig)
  const close = async () => {
    for (const c of Object.values(clients)) c.destroy()
    cfn.destroy()
    data.destroy()
  }
  const accessOk = standIn(ACCESS_CHECK, [
    d.findings.ok(`region ${region}; credentials found`, { region }),
  ])
  try {
    // The deployed stacks name the NLB's target group (the flag overrides it) and the
    // workgroups that really exist.
    let deployed: DeployedStacks
    try {
      deployed = await readDeployedStacks(cfn, o.config, {
        loadBalancer: lb && !o.targetGroupArn,
      })
    } catch (error) {
      return unreadableStacksPlan(d, error, [accessOk], library, close)
    }
    const adminCheck = adminIdentityCheck(d, o, clients.redshiftServerless, data)
    const dataPlane = await dataPlaneOf(o, deployed, clients.redshiftServerless, data)
    const closeAll = async () => {
      try {
        await dataPlane?.close()
      } finally {
        await close()
      }
    }
    try {
      return await deployedPlan(
        d,
        o,
        deployed,
        [accessOk, adminCheck],
        clients,
        dataPlane,
        closeAll,
      )
    } catch (error) {
      await dataPlane?.close()
      throw error
    }
  } catch (error) {
    await close()
    throw error
  }
}

type Diagnostics = typeof import('@redshift-playground/diagnostics')
type DeployedStacks = Awaited<ReturnType<typeof import('./deployed-stacks.js').readDeployedStacks>>

/** What `awsChecks` works from. */
export interface AwsChecksInput {
  readonly config: RspConfig
  readonly access: AwsAccess
  // biome-ignore lint/suspicious/noExplicitAny: the provider-chain config of awsClientConfig
  readonly clientConfig: any
  readonly dataApiClientFactory: { create(config: unknown): Promise<DataApiClient> }
  readonly choice: IdentityChoice
  readonly targetGroupArn?: string | undefined
  /** Run the data-plane checks through the Data API (`--skip-data-plane`: false). @default true */
  readonly dataPlane?: boolean
  /** Options of `data-plane/freshness` (the threshold from the config or the flag). */
  readonly freshness?: FreshnessCheckOptions
}

type AwsDataPlane = import('./aws-data-plane.js').AwsDataPlane

/** The data-plane checks on the deployed workgroups, unless left out. */
async function dataPlaneOf(
  o: AwsChecksInput,
  deployed: DeployedStacks,
  serverless: ServerlessClient,
  data: DataApiClient,
): Promise<AwsDataPlane | undefined> {
  if (o.dataPlane === false) return undefined
  const { awsDataPlane } = await import('./aws-data-plane.js')
  return awsDataPlane({
    config: o.config,
    serverless,
    data,
    choice: o.choice,
    deployedWorkgroups: deployed.workgroups,
    ...(o.freshness ? { freshness: o.freshness } : {}),
  })
}

/** No region or no credentials: aws-access fails with the fix, every other check skips. */
function noAccessPlan(
  d: Diagnostics,
  access: Extract<AwsAccess, { ok: false }>,
  library: readonly Check[],
): AwsCheckPlan {
  const { message, fix, problem } = access
  return {
    checks: [
      standIn(ACCESS_CHECK, [d.findings.fail(message, { problem }, fix)]),
      ...[STACKS_CHECK, ADMIN_CHECK, ...library].map((c) =>
        standIn(c, [
          d.findings.skip(`not checked: no AWS ${problem} (see control-plane/aws-access)`, fix),
        ]),
      ),
    ],
    aws: undefined,
    notes: [],
    summary: undefined,
    close: async () => undefined,
  }
}

/** CloudFormation cannot be read: deployed-stacks fails with the reason, the rest skip. */
function unreadableStacksPlan(
  d: Diagnostics,
  error: unknown,
  [accessOk]: readonly [Check],
  library: readonly Check[],
  close: () => Promise<void>,
): AwsCheckPlan {
  const e = error as { name?: string; message?: string }
  const why = `${e.name && e.name !== 'Error' ? `AWS ${e.name}: ` : ''}${e.message ?? String(error)}`
  const fix =
    'Your credentials need cloudformation:DescribeStacks and cloudformation:DescribeStackResources on the project’s stacks (docs/deploy-on-aws.md lists every permission), or check --region / --profile.'
  return {
    checks: [
      accessOk,
      standIn(STACKS_CHECK, [
        d.findings.fail(`could not read the deployed stacks: ${why}`, { error: why }, fix),
      ]),
      ...[ADMIN_CHECK, ...library].map((c) =>
        standIn(c, [
          d.findings.skip(`not checked: the deployed stacks could not be read (${why})`, fix),
        ]),
      ),
    ],
    aws: undefined,
    notes: [`could not read the deployed stacks: ${why}`],
    summary: undefined,
    close,
  }
}

/** The admin identity preflight of `rsp deploy`, as a check. */
function adminIdentityCheck(
  d: Diagnostics,
  o: AwsChecksInput,
  serverless: ServerlessClient,
  data: DataApiClient,
): Check {
  const needs = { load: o.config.load !== undefined, share: true }
  const database = o.config.load?.database ?? 'dev'
  return Object.freeze({
    ...ADMIN_CHECK,
    async run() {
      const [admin, { plannedWorkgroups }] = await Promise.all([
        import('../deploy/admin-identity.js'),
        import('../config/validate-config.js'),
      ])
      const found = await admin.adminPreflight({
        serverless,
        data,
        workgroups: admin.adminWorkgroups(plannedWorkgroups(o.config), needs),
        database,
        choice: o.choice,
        needs,
      })
      return found.map((f) =>
        f.severity === 'ok'
          ? d.findings.ok(f.message, f.evidence, f.workgroup)
          : f.evidence.code === 'NAMESPACE_NOT_FOUND'
            ? d.findings.skip(`${f.workgroup}: not deployed`, 'Run rsp deploy.', f.workgroup)
            : d.findings.fail(f.message, f.evidence, f.remediation, f.workgroup),
      )
    },
  })
}

/** The checks over what is deployed: the stacks' workgroups and the NLB's target group. */
async function deployedPlan(
  d: Diagnostics,
  o: AwsChecksInput,
  deployed: DeployedStacks,
  [accessOk, adminCheck]: readonly [Check, Check],
  clients: Omit<AwsInput, 'loadBalancer'>,
  dataPlane: AwsDataPlane | undefined,
  close: () => Promise<void>,
): Promise<AwsCheckPlan> {
  const { plannedWorkgroups } = await import('../config/validate-config.js')
  const lb = o.config.loadBalancer.enabled
  const override = o.targetGroupArn
  const loadBalancer = override ? { targetGroupArn: override } : deployed.loadBalancer
  const notes = [...deployed.notes]
  if (deployed.workgroups.length > 0) {
    for (const w of plannedWorkgroups(o.config))
      if (!deployed.workgroups.includes(w.name))
        notes.push(
          `workgroup ${w.name} is in the config but not in the deployed stack (run rsp deploy)`,
        )
  }
  if (lb && !loadBalancer) notes.push('load-balancer checks skipped: no target group found')
  const stacksFinding =
    deployed.workgroups.length > 0
      ? d.findings.ok(`${deployed.workgroups.length} workgroups in the deployed stacks`, {
          workgroups: deployed.workgroups,
        })
      : d.findings.skip(
          deployed.notes[0] ?? 'no workgroups in the deployed stacks',
          'Run rsp deploy.',
        )
  const checks = [
    accessOk,
    standIn(STACKS_CHECK, [stacksFinding]),
    adminCheck,
    ...d.checksOf('control-plane'),
    ...(lb
      ? loadBalancer
        ? d.checksOf('load-balancer')
        : d
            .checksOf('load-balancer')
            .map((c) =>
              standIn(c, [
                d.findings.skip(
                  'no target group: the load balancer stack is not deployed',
                  'Run rsp deploy, or pass --target-group-arn.',
                ),
              ]),
            )
      : []),
    // After the control plane: the data plane, through the Data API.
    ...(dataPlane?.checks ?? []),
  ]
  return {
    checks,
    aws: { ...clients, ...(loadBalancer ? { loadBalancer } : {}) },
    ...(dataPlane?.dataPlane ? { dataPlane: dataPlane.dataPlane } : {}),
    notes,
    summary: `deployed: ${deployed.workgroups.length} workgroups${loadBalancer ? `, target group ${loadBalancer.targetGroupArn}${override ? ' (--target-group-arn)' : ''}` : ''}`,
    close,
  }
}
