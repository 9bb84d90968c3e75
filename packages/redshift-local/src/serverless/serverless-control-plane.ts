import type { LocalRedshift } from '../account/local-redshift.js'
import type { NamespaceInfo } from '../account/types.js'

/** The Redshift Serverless control-plane operations the emulator answers (read-only). */
export const SERVERLESS_OPERATIONS = [
  'GetNamespace',
  'GetWorkgroup',
  'ListNamespaces',
  'ListWorkgroups',
] as const
export type ServerlessOperation = (typeof SERVERLESS_OPERATIONS)[number]

/** A service error of the control plane: `__type` and HTTP status as the service sends them. */
export class ServerlessError extends Error {
  readonly errorName: string
  readonly status: number
  constructor(errorName: string, message: string, status = 400) {
    super(message)
    this.errorName = errorName
    this.status = status
  }
}

// The Serverless model declares its timestamps as RFC 3339 date-time strings.
const timestamp = (d: Date) => d.toISOString()

function namespaceOf(rs: LocalRedshift, ns: NamespaceInfo) {
  return {
    namespaceArn: `arn:aws:redshift-serverless:${rs.region}:${rs.account}:namespace/${ns.id}`,
    namespaceId: ns.id,
    namespaceName: ns.name,
    adminUsername: ns.adminUser,
    dbName: ns.database,
    // ManageAdminPassword: the managed secret's ARN (R-IAM-6).
    adminPasswordSecretArn: ns.adminSecretArn,
    ...(ns.defaultIamRole
      ? { defaultIamRoleArn: ns.defaultIamRole, iamRoles: [ns.defaultIamRole] }
      : { iamRoles: [] }),
    logExports: [],
    status: 'AVAILABLE',
    creationDate: timestamp(ns.createdAt),
  }
}

function workgroupOf(rs: LocalRedshift, ns: NamespaceInfo) {
  return {
    workgroupArn: `arn:aws:redshift-serverless:${rs.region}:${rs.account}:workgroup/${ns.id}`,
    workgroupId: ns.id,
    workgroupName: ns.workgroup,
    namespaceName: ns.name,
    baseCapacity: ns.baseCapacity,
    ...(ns.maxCapacity !== undefined ? { maxCapacity: ns.maxCapacity } : {}),
    enhancedVpcRouting: false,
    publiclyAccessible: ns.publiclyAccessible,
    status: 'AVAILABLE',
    port: 5439,
    // The emulator has no network endpoint per workgroup: the address is the service's
    // naming pattern, reachable only through the Data API.
    endpoint: {
      address: `${ns.workgroup}.${rs.account}.${rs.region}.redshift-serverless.amazonaws.com`,
      port: 5439,
      vpcEndpoints: [],
    },
    configParameters: [{ parameterKey: 'require_ssl', parameterValue: 'true' }],
    creationDate: timestamp(ns.createdAt),
  }
}

/**
 * Answers the read-only Redshift Serverless control-plane calls `rsp` makes to find its
 * namespaces (GetNamespace for the namespace id and the managed admin secret, GetWorkgroup
 * for status and public access), from the emulated account.
 */
export function serverlessOperation(
  rs: LocalRedshift,
  operation: string,
  input: Record<string, unknown>,
): unknown {
  const find = (key: string, kind: 'namespace' | 'workgroup') => {
    const name = input[key]
    if (typeof name !== 'string' || name === '')
      throw new ServerlessError('ValidationException', `${key} is required`)
    const ns = rs.namespaces.find((n) =>
      kind === 'namespace' ? n.name === name : n.workgroup === name,
    )
    if (!ns)
      throw new ServerlessError(
        'ResourceNotFoundException',
        `${kind === 'namespace' ? 'Namespace' : 'Workgroup'} ${name} not found.`,
      )
    return ns
  }
  switch (operation) {
    case 'GetNamespace':
      return { namespace: namespaceOf(rs, find('namespaceName', 'namespace')) }
    case 'GetWorkgroup':
      return { workgroup: workgroupOf(rs, find('workgroupName', 'workgroup')) }
    case 'ListNamespaces':
      return { namespaces: rs.namespaces.map((ns) => namespaceOf(rs, ns)) }
    case 'ListWorkgroups':
      return { workgroups: rs.namespaces.map((ns) => workgroupOf(rs, ns)) }
    default:
      throw new ServerlessError(
        'UnknownOperationException',
        `Unknown operation RedshiftServerless.${operation}: the emulator answers ${SERVERLESS_OPERATIONS.join(', ')}`,
      )
  }
}
