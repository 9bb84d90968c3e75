import {
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2'
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2'
import {
  GetNamespaceCommand,
  GetWorkgroupCommand,
  ListWorkgroupsCommand,
  RedshiftServerlessClient,
  type Workgroup,
} from '@aws-sdk/client-redshift-serverless'
import { mockClient } from 'aws-sdk-client-mock'
import { healthyConfig } from '../test-fixtures.js'

// Real SDK clients (no credentials, never reaching AWS): aws-sdk-client-mock intercepts `send`.
export const region = 'us-east-1'
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' }

export const SUBNETS = ['subnet-a', 'subnet-b', 'subnet-c'] as const
export const TARGET_GROUP_ARN =
  'arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/rsp-consumers/abc'
export const LB_ARN =
  'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/rsp-nlb/def'

/** A healthy AVAILABLE workgroup with one ENI per subnet; `octet` makes its IPs unique. */
export function workgroup(
  name: string,
  namespace: string,
  octet: number,
  patch: Partial<Workgroup> = {},
): Workgroup {
  return {
    workgroupName: name,
    namespaceName: namespace,
    status: 'AVAILABLE',
    baseCapacity: 32,
    maxCapacity: 64,
    enhancedVpcRouting: true,
    publiclyAccessible: false,
    subnetIds: [...SUBNETS],
    securityGroupIds: ['sg-redshift'],
    creationDate: new Date('2025-01-01T00:00:00Z'),
    endpoint: {
      address: `${name}.111122223333.us-east-1.redshift-serverless.amazonaws.com`,
      port: 5439,
      vpcEndpoints: [
        {
          vpcEndpointId: `vpce-${name}`,
          vpcId: 'vpc-1',
          networkInterfaces: SUBNETS.map((s, i) => ({
            networkInterfaceId: `eni-${name}-${i}`,
            subnetId: s,
            privateIpAddress: `10.0.${i * 2}.${octet}`,
            availabilityZone: `us-east-1${'abc'[i]}`,
          })),
        },
      ],
    },
    ...patch,
  }
}

export const healthyWorkgroups = (): Workgroup[] => [
  workgroup('rsp-producer', 'rsp-producer', 10),
  workgroup('rsp-pool-1', 'rsp-pool-1', 11),
  workgroup('rsp-pool-2', 'rsp-pool-2', 12),
]

/** Mocks answering like a healthy deployment; tests override single answers. */
export function healthyAws(workgroups: Workgroup[] = healthyWorkgroups()) {
  const clients = {
    redshiftServerless: new RedshiftServerlessClient({ region, credentials }),
    ec2: new EC2Client({ region, credentials }),
    elbv2: new ElasticLoadBalancingV2Client({ region, credentials }),
  }
  const rs = mockClient(clients.redshiftServerless)
  const ec2 = mockClient(clients.ec2)
  const elb = mockClient(clients.elbv2)
  for (const wg of workgroups) {
    rs.on(GetWorkgroupCommand, { workgroupName: wg.workgroupName }).resolves({ workgroup: wg })
  }
  rs.on(GetWorkgroupCommand, { workgroupName: 'missing' }).rejects(
    Object.assign(new Error('Workgroup not found'), { name: 'ResourceNotFoundException' }),
  )
  for (const w of [healthyConfig.producer, ...healthyConfig.consumers]) {
    rs.on(GetNamespaceCommand, { namespaceName: w.namespace }).resolves({
      namespace: {
        namespaceName: w.namespace,
        namespaceId: `ns-${w.namespace}`,
        status: 'AVAILABLE',
        logExports: ['userlog', 'useractivitylog', 'connectionlog'],
        creationDate: new Date('2025-01-01T00:00:00Z'),
      },
    })
  }
  rs.on(ListWorkgroupsCommand).resolves({ workgroups })
  ec2.on(DescribeSubnetsCommand).callsFake((input: { SubnetIds?: string[] }) => ({
    Subnets: (input.SubnetIds ?? []).map((id) => {
      const i = Math.max(
        0,
        ['subnet-a', 'subnet-b', 'subnet-c', 'subnet-lb-a', 'subnet-lb-b'].indexOf(id),
      )
      return {
        SubnetId: id,
        AvailabilityZone: `us-east-1${'abcab'[i]}`,
        AvailableIpAddressCount: 400,
        CidrBlock: id.startsWith('subnet-lb') ? `10.0.${100 + i}.0/24` : `10.0.${i * 2}.0/23`,
        VpcId: 'vpc-1',
      }
    }),
  }))
  ec2.on(DescribeSecurityGroupsCommand).resolves({
    SecurityGroups: [
      {
        GroupId: 'sg-redshift',
        GroupName: 'redshift',
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: 5439,
            ToPort: 5439,
            UserIdGroupPairs: [{ GroupId: 'sg-nlb' }],
          },
        ],
      },
    ],
  })
  const consumerTargets = workgroups
    .filter((w) => w.workgroupName?.startsWith('rsp-pool'))
    .flatMap((w) => w.endpoint?.vpcEndpoints?.[0]?.networkInterfaces ?? [])
    .map((ni) => ({
      Target: { Id: ni.privateIpAddress, Port: 5439 },
      TargetHealth: { State: 'healthy' as const },
    }))
  elb.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: consumerTargets })
  elb.on(DescribeLoadBalancersCommand).resolves({
    LoadBalancers: [
      {
        LoadBalancerArn: LB_ARN,
        LoadBalancerName: 'rsp-nlb',
        Type: 'network',
        Scheme: 'internal',
        State: { Code: 'active' },
        SecurityGroups: ['sg-nlb'],
        AvailabilityZones: [
          { ZoneName: 'us-east-1a', SubnetId: 'subnet-lb-a' },
          { ZoneName: 'us-east-1b', SubnetId: 'subnet-lb-b' },
        ],
      },
    ],
  })
  elb.on(DescribeListenersCommand).resolves({
    Listeners: [
      {
        ListenerArn: `${LB_ARN}/l1`,
        Port: 5439,
        Protocol: 'TCP',
        DefaultActions: [{ Type: 'forward', TargetGroupArn: TARGET_GROUP_ARN }],
      },
    ],
  })
  elb.on(DescribeTargetGroupsCommand).resolves({
    TargetGroups: [
      {
        TargetGroupArn: TARGET_GROUP_ARN,
        Protocol: 'TCP',
        Port: 5439,
        TargetType: 'ip',
        HealthCheckProtocol: 'TCP',
      },
    ],
  })
  const input = {
    config: healthyConfig,
    aws: {
      ...clients,
      loadBalancer: { loadBalancerArn: LB_ARN, targetGroupArn: TARGET_GROUP_ARN },
      baseCapacityQuota: 1000,
    },
  }
  return { rs, ec2, elb, input }
}
