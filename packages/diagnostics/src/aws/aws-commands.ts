import { DiagnosticsError } from '../errors/diagnostics-error.js'

/*
 * Why the command classes come from lazily imported optional peer dependencies (and not from
 * a `commands` factory the caller passes in):
 * - An SDK client only runs commands built from the SDK's own classes (they carry the
 *   middleware and serializers), and aws-sdk-client-mock matches those classes by identity.
 *   Whoever hands us a `RedshiftServerlessClient` has `@aws-sdk/client-redshift-serverless`
 *   installed; as a peer it resolves to that same copy, so the classes match the client.
 * - The caller wires clients only, not a dozen constructors that could come from a different
 *   SDK version than the client.
 * - `import()` runs only when an AWS check runs: offline `config` and `data-plane` runs never
 *   load the SDK, and the package installs without it.
 */

// biome-ignore lint/suspicious/noExplicitAny: SDK commands are opaque to us; the client types them
type CommandClass = new (input: any) => object

const load = async (pkg: string, field: string, loader: () => Promise<unknown>) => {
  try {
    return (await loader()) as Record<string, CommandClass>
  } catch (cause) {
    throw new DiagnosticsError(
      'MISSING_PEER_DEPENDENCY',
      `${field}: a client was given but ${pkg} cannot be imported; install it next to the client (npm install ${pkg}).`,
      { field, value: pkg, cause },
    )
  }
}

let serverless: Promise<Record<string, CommandClass>> | undefined
let ec2: Promise<Record<string, CommandClass>> | undefined
let elbv2: Promise<Record<string, CommandClass>> | undefined

/** The Redshift Serverless command classes. */
export async function redshiftServerlessCommands() {
  serverless ??= load(
    '@aws-sdk/client-redshift-serverless',
    'aws.redshiftServerless',
    () => import('@aws-sdk/client-redshift-serverless'),
  )
  const m = await serverless
  return {
    GetWorkgroup: m.GetWorkgroupCommand as CommandClass,
    GetNamespace: m.GetNamespaceCommand as CommandClass,
    ListWorkgroups: m.ListWorkgroupsCommand as CommandClass,
    ListNamespaces: m.ListNamespacesCommand as CommandClass,
  }
}

/** The EC2 command classes. */
export async function ec2Commands() {
  ec2 ??= load('@aws-sdk/client-ec2', 'aws.ec2', () => import('@aws-sdk/client-ec2'))
  const m = await ec2
  return {
    DescribeSubnets: m.DescribeSubnetsCommand as CommandClass,
    DescribeSecurityGroups: m.DescribeSecurityGroupsCommand as CommandClass,
  }
}

/** The Elastic Load Balancing v2 command classes. */
export async function elbv2Commands() {
  elbv2 ??= load(
    '@aws-sdk/client-elastic-load-balancing-v2',
    'aws.elbv2',
    () => import('@aws-sdk/client-elastic-load-balancing-v2'),
  )
  const m = await elbv2
  return {
    DescribeTargetHealth: m.DescribeTargetHealthCommand as CommandClass,
    DescribeListeners: m.DescribeListenersCommand as CommandClass,
    DescribeLoadBalancers: m.DescribeLoadBalancersCommand as CommandClass,
    DescribeTargetGroups: m.DescribeTargetGroupsCommand as CommandClass,
  }
}
