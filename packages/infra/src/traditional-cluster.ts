import type { ClientAccessProps } from './client-access.js'
import { invalidProp } from './errors.js'
import { CLUSTER_NODE_TYPES, DEFAULT_CLUSTER_NODE_TYPE, DEFAULT_PORT } from './limits.js'
import {
  Construct,
  ec2,
  type iam,
  kms,
  RemovalPolicy,
  redshift,
  Tags,
  Validations,
} from './private/cdk.js'
import { admitClients, validateClientAccess, validateIntRange, who } from './private/validate.js'
import type { IWarehouseNetwork } from './warehouse-network.js'

export interface TraditionalClusterProps extends ClientAccessProps {
  readonly network: IWarehouseNetwork
  /** Lower-case letters, digits and hyphens, starting with a letter, 1–63 characters. */
  readonly clusterIdentifier: string
  /** @default 'ra3.xlplus' */
  readonly nodeType?: string
  /** @default 2 */
  readonly numberOfNodes?: number
  /** @default 'dev' */
  readonly dbName?: string
  /** @default 'rsp_admin' */
  readonly masterUsername?: string
  /** @default 5439 */
  readonly port?: number
  /**
   * Days automated snapshots are kept (1–35).
   * @default 7
   */
  readonly snapshotRetentionDays?: number
  /** @default - a new key with rotation */
  readonly encryptionKey?: kms.IKey
  /**
   * Roles the cluster may assume (e.g. the producer's COPY role); the first is the default.
   * @default - none
   */
  readonly iamRoles?: readonly iam.IRole[]
  /** @default - none */
  readonly tags?: Readonly<Record<string, string>>
  /** @default RemovalPolicy.DESTROY (it exists for the first load; snapshot before destroying) */
  readonly removalPolicy?: RemovalPolicy
}

const IDENTIFIER = /^[a-z][a-z0-9-]{0,62}$/

/**
 * A provisioned Redshift cluster for the first bulk load, then snapshot and restore into the
 * serverless producer: ra3.xlplus by default, KMS-encrypted, private, admin password managed
 * in Secrets Manager, SSL required, audit logs (connection, user, user activity) to CloudWatch,
 * enhanced VPC routing and automated snapshots.
 *
 * @example
 * const cluster = new TraditionalCluster(stack, 'Cluster', {
 *   network,
 *   clusterIdentifier: 'airline-load',
 *   numberOfNodes: 2,
 * })
 */
export class TraditionalCluster extends Construct implements ec2.IConnectable {
  readonly cluster: redshift.CfnCluster
  readonly clusterIdentifier: string
  readonly endpointAddress: string
  readonly port: number
  readonly connections: ec2.Connections
  readonly encryptionKey: kms.IKey
  /** The Secrets Manager secret with the generated admin password. */
  readonly adminSecretArn: string

  constructor(scope: Construct, id: string, props: TraditionalClusterProps) {
    super(scope, id)
    const owner = who('TraditionalCluster', id)
    const nodeType = props.nodeType ?? DEFAULT_CLUSTER_NODE_TYPE
    const nodes = props.numberOfNodes ?? 2
    const port = props.port ?? DEFAULT_PORT
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.DESTROY
    if (
      !IDENTIFIER.test(props.clusterIdentifier) ||
      props.clusterIdentifier.includes('--') ||
      props.clusterIdentifier.endsWith('-')
    ) {
      invalidProp(
        'clusterIdentifier',
        props.clusterIdentifier,
        `${owner}: clusterIdentifier '${props.clusterIdentifier}' is invalid; use 1–63 lower-case letters, digits and single hyphens, starting with a letter.`,
      )
    }
    const range = CLUSTER_NODE_TYPES[nodeType]
    if (!range) {
      invalidProp(
        'nodeType',
        nodeType,
        `${owner}: nodeType '${nodeType}' is not supported; use one of ${Object.keys(CLUSTER_NODE_TYPES).join(', ')}.`,
      )
    }
    validateIntRange(owner, 'numberOfNodes', nodes, range.min, range.max)
    validateIntRange(owner, 'snapshotRetentionDays', props.snapshotRetentionDays ?? 7, 1, 35)
    validateIntRange(owner, 'port', port, 1150, 65535)
    validateClientAccess(owner, props, port)
    props.network.claimIps(`cluster '${props.clusterIdentifier}'`, 1, 'its leader node endpoint')

    this.clusterIdentifier = props.clusterIdentifier
    this.port = port
    this.encryptionKey =
      props.encryptionKey ??
      new kms.Key(this, 'Key', {
        description: `Redshift cluster ${props.clusterIdentifier}: data and admin secret`,
        enableKeyRotation: true,
        removalPolicy,
      })
    const sg = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.network.vpc,
      description: `Redshift cluster ${props.clusterIdentifier}: port ${port} from listed clients only`,
      allowAllOutbound: true,
    })
    this.connections = new ec2.Connections({
      securityGroups: [sg],
      defaultPort: ec2.Port.tcp(port),
    })
    admitClients(this.connections, props, port)

    const subnetGroup = new redshift.CfnClusterSubnetGroup(this, 'SubnetGroup', {
      description: `Private subnets of cluster ${props.clusterIdentifier}`,
      subnetIds: props.network.subnets.map((s) => s.subnetId),
    })
    subnetGroup.applyRemovalPolicy(removalPolicy)
    const parameterGroup = new redshift.CfnClusterParameterGroup(this, 'ParameterGroup', {
      description: `Cluster ${props.clusterIdentifier}: SSL required, user activity logged`,
      parameterGroupFamily: 'redshift-1.0',
      parameters: [
        { parameterName: 'require_ssl', parameterValue: 'true' },
        { parameterName: 'enable_user_activity_logging', parameterValue: 'true' },
      ],
    })
    parameterGroup.applyRemovalPolicy(removalPolicy)

    const roles = props.iamRoles ?? []
    this.cluster = new redshift.CfnCluster(this, 'Resource', {
      clusterIdentifier: props.clusterIdentifier,
      clusterType: nodes === 1 ? 'single-node' : 'multi-node',
      nodeType,
      ...(nodes > 1 ? { numberOfNodes: nodes } : {}),
      dbName: props.dbName ?? 'dev',
      masterUsername: props.masterUsername ?? 'rsp_admin',
      manageMasterPassword: true,
      masterPasswordSecretKmsKeyId: this.encryptionKey.keyArn,
      encrypted: true,
      kmsKeyId: this.encryptionKey.keyArn,
      publiclyAccessible: false,
      enhancedVpcRouting: true,
      allowVersionUpgrade: true,
      automatedSnapshotRetentionPeriod: props.snapshotRetentionDays ?? 7,
      port,
      clusterSubnetGroupName: subnetGroup.ref,
      clusterParameterGroupName: parameterGroup.ref,
      vpcSecurityGroupIds: [sg.securityGroupId],
      loggingProperties: {
        logDestinationType: 'cloudwatch',
        logExports: ['connectionlog', 'userlog', 'useractivitylog'],
      },
      ...(roles.length > 0 ? { iamRoles: roles.map((r) => r.roleArn) } : {}),
    })
    this.cluster.applyRemovalPolicy(removalPolicy)
    this.endpointAddress = this.cluster.attrEndpointAddress
    this.adminSecretArn = this.cluster.attrMasterPasswordSecretArn
    if (port === DEFAULT_PORT) {
      Validations.of(this.cluster).acknowledge({
        id: 'AwsSolutions-RS4',
        reason: `Cluster ${props.clusterIdentifier}: keeps 5439 like the serverless workgroups so the same clients and NLB-free tooling work; access is limited by its security group, not by port obscurity.`,
      })
    }
    for (const [key, value] of Object.entries(props.tags ?? {})) Tags.of(this).add(key, value)
  }
}
