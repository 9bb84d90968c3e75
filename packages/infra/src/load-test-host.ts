import { invalidProp } from './errors.js'
import { Construct, ec2, iam, Validations } from './private/cdk.js'
import { interfaceEndpointAck, who } from './private/validate.js'
import type { IWarehouseNetwork } from './warehouse-network.js'

export interface LoadTestHostProps {
  readonly network: IWarehouseNetwork
  /**
   * What the host may connect to on their default port (the NLB, consumers, the producer).
   * @default - nothing
   */
  readonly targets?: readonly ec2.IConnectable[]
  /** @default t3.small */
  readonly instanceType?: ec2.InstanceType
  /**
   * Adds the SSM, SSM Messages and EC2 Messages interface endpoints Session Manager needs in
   * subnets without internet access. Set false when the VPC already has them.
   * @default true
   */
  readonly sessionManagerEndpoints?: boolean
}

/**
 * A small EC2 instance in a private subnet for load tests through the NLB: no SSH key, no
 * public IP, reached with SSM Session Manager; psql installed by user data from the Amazon
 * Linux 2023 repositories (served from S3, so the S3 gateway endpoint suffices).
 *
 * @example
 * const host = new LoadTestHost(stack, 'LoadTest', { network, targets: [nlb] })
 * // aws ssm start-session --target <host.instance.instanceId>
 */
export class LoadTestHost extends Construct implements ec2.IConnectable {
  readonly instance: ec2.Instance
  readonly connections: ec2.Connections

  constructor(scope: Construct, id: string, props: LoadTestHostProps) {
    super(scope, id)
    const owner = who('LoadTestHost', id)
    const subnet = props.network.subnets[0]
    if (!subnet) {
      invalidProp(
        'network',
        props.network.node.path,
        `${owner}: the network has no subnets to place the host in.`,
      )
    }
    const endpoints = props.sessionManagerEndpoints ?? true
    if (endpoints)
      props.network.claimIps('the Session Manager endpoints', 3, 'three interface endpoints')
    props.network.claimIps('the load-test host', 1, 'its network interface')

    const sg = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.network.vpc,
      description: 'Load-test host: no inbound; Session Manager and warehouse ports outbound',
      allowAllOutbound: true,
    })
    this.connections = new ec2.Connections({ securityGroups: [sg] })
    for (const target of props.targets ?? [])
      this.connections.allowToDefaultPort(target, 'load test')

    if (endpoints) {
      const services: Array<[string, ec2.InterfaceVpcEndpointAwsService]> = [
        ['Ssm', ec2.InterfaceVpcEndpointAwsService.SSM],
        ['SsmMessages', ec2.InterfaceVpcEndpointAwsService.SSM_MESSAGES],
        ['Ec2Messages', ec2.InterfaceVpcEndpointAwsService.EC2_MESSAGES],
      ]
      for (const [name, service] of services) {
        const endpoint = new ec2.InterfaceVpcEndpoint(this, `${name}Endpoint`, {
          vpc: props.network.vpc,
          service,
          subnets: { subnets: [...props.network.subnets] },
          privateDnsEnabled: true,
        })
        Validations.of(endpoint).acknowledge(interfaceEndpointAck(`Session Manager ${name}`))
      }
    }

    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: 'Load-test host: Session Manager only',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
    })
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore]',
      reason:
        'Load-test host role: AmazonSSMManagedInstanceCore is the AWS-maintained minimum for Session Manager, which replaces SSH keys here.',
    })

    const userData = ec2.UserData.forLinux()
    userData.addCommands('dnf install -y postgresql15 || dnf install -y postgresql16')
    this.instance = new ec2.Instance(this, 'Resource', {
      vpc: props.network.vpc,
      vpcSubnets: { subnets: [subnet] },
      instanceType:
        props.instanceType ?? ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.SMALL),
      machineImage: ec2.MachineImage.latestAmazonLinux2023(),
      securityGroup: sg,
      role,
      userData,
      requireImdsv2: true,
      detailedMonitoring: true,
      associatePublicIpAddress: false,
      blockDevices: [
        { deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(16, { encrypted: true }) },
      ],
    })
    Validations.of(this.instance).acknowledge({
      id: 'AwsSolutions-EC29',
      reason:
        'Load-test host: disposable, holds no data, and must go away with `rsp destroy`; termination protection would block that.',
    })
  }
}
