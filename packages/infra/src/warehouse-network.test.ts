import { Match, Template } from 'aws-cdk-lib/assertions'
import { describe, expect, it } from 'vitest'
import { nagViolations, newStack } from '../test/helpers.js'
import { InfraError } from './errors.js'
import { LoadTestHost } from './load-test-host.js'
import { ServerlessWarehouse } from './serverless-warehouse.js'
import { WarehouseNetwork } from './warehouse-network.js'

describe('WarehouseNetwork', () => {
  it('creates 3 private isolated /23 subnets, an S3 gateway endpoint, flow logs, no IGW or NAT', () => {
    const { stack } = newStack()
    new WarehouseNetwork(stack, 'Network', {
      interfaceEndpoints: { redshiftData: true, secretsManager: true, sts: true },
    })
    const t = Template.fromStack(stack)
    t.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.20.0.0/16' })
    t.resourceCountIs('AWS::EC2::Subnet', 3)
    t.resourcePropertiesCountIs(
      'AWS::EC2::Subnet',
      { CidrBlock: Match.stringLikeRegexp('/23$'), MapPublicIpOnLaunch: false },
      3,
    )
    t.resourcePropertiesCountIs(
      'AWS::EC2::Subnet',
      { AvailabilityZone: { 'Fn::Select': [2, { 'Fn::GetAZs': '' }] } },
      1,
    )
    t.resourceCountIs('AWS::EC2::InternetGateway', 0)
    t.resourceCountIs('AWS::EC2::NatGateway', 0)
    t.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] },
      VpcEndpointType: 'Gateway',
    })
    for (const svc of ['redshift-data', 'secretsmanager', 'sts']) {
      t.hasResourceProperties('AWS::EC2::VPCEndpoint', {
        ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, `.${svc}`]] },
        VpcEndpointType: 'Interface',
        PrivateDnsEnabled: true,
      })
    }
    t.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL', ResourceType: 'VPC' })
    t.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 })
    t.resourceCountIs('Custom::VpcRestrictDefaultSG', 1)
    expect(nagViolations(stack)).toEqual([])
  })

  it('skips the S3 endpoint and allows 2 AZs without enhanced VPC routing', () => {
    const { stack } = newStack()
    new WarehouseNetwork(stack, 'Network', { availabilityZones: 2, enhancedVpcRouting: false })
    const t = Template.fromStack(stack)
    t.resourceCountIs('AWS::EC2::Subnet', 2)
    t.resourceCountIs('AWS::EC2::VPCEndpoint', 0)
  })

  it('refuses 2 AZs with enhanced VPC routing', () => {
    const { stack } = newStack()
    expect(() => new WarehouseNetwork(stack, 'Network', { availabilityZones: 2 })).toThrow(
      "WarehouseNetwork 'Network': availabilityZones is 2, but enhanced VPC routing needs subnets in at least 3 Availability Zones; set availabilityZones to 3 or enhancedVpcRouting to false.",
    )
  })

  it('refuses subnets too small for the RPU of the workgroups placed in them', () => {
    const { stack } = newStack()
    const network = new WarehouseNetwork(stack, 'Network', { subnetCidrMask: 28 })
    new ServerlessWarehouse(stack, 'Producer', {
      network,
      namespaceName: 'producer',
      workgroupName: 'producer',
      baseCapacity: 4,
    })
    let error: unknown
    try {
      new ServerlessWarehouse(stack, 'Consumer', {
        network,
        namespaceName: 'consumer',
        workgroupName: 'consumer',
        baseCapacity: 8,
      })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InfraError)
    expect((error as InfraError).field).toBe('subnetCidrMask')
    expect((error as Error).message).toBe(
      "WarehouseNetwork 'Network': subnets of /28 have 11 usable addresses each, but workgroup 'consumer' needs 9 free IPs per subnet (base capacity 8 RPU with enhanced VPC routing) on top of 9 already booked (workgroup 'producer': 9); use a larger subnet (smaller subnetCidrMask, e.g. 23) or lower the base capacity.",
    )
  })

  it('validates the CIDR and the subnet mask', () => {
    const { stack } = newStack()
    expect(() => new WarehouseNetwork(stack, 'A', { cidr: '10.0.0.0' })).toThrow(
      "WarehouseNetwork 'A': cidr '10.0.0.0' is not an IPv4 CIDR with a prefix from /16 to /28 (e.g. 10.20.0.0/16).",
    )
    expect(
      () => new WarehouseNetwork(stack, 'B', { cidr: '10.0.0.0/24', subnetCidrMask: 25 }),
    ).toThrow(
      "WarehouseNetwork 'B': 3 subnets of /25 do not fit in 10.0.0.0/24; use a longer subnetCidrMask or a larger cidr.",
    )
  })

  it('places one subnet in each given AZ ID (AvailabilityZoneId), wired like the default ones', () => {
    const { stack } = newStack()
    const network = new WarehouseNetwork(stack, 'Network', {
      availabilityZoneIds: ['use1-az1', 'use1-az2', 'use1-az4'],
    })
    new LoadTestHost(stack, 'Host', { network })
    const t = Template.fromStack(stack)
    t.resourceCountIs('AWS::EC2::Subnet', 3)
    const subnets = Object.entries(t.findResources('AWS::EC2::Subnet')) as Array<
      [string, { Properties: Record<string, unknown> }]
    >
    expect(
      subnets.map(([, s]) => [s.Properties.AvailabilityZoneId, s.Properties.CidrBlock]),
    ).toEqual([
      ['use1-az1', '10.20.0.0/23'],
      ['use1-az2', '10.20.2.0/23'],
      ['use1-az4', '10.20.4.0/23'],
    ])
    for (const [, s] of subnets) {
      expect(s.Properties.AvailabilityZone).toBeUndefined()
      expect(s.Properties.MapPublicIpOnLaunch).toBe(false)
    }
    // Each subnet has its own route table, and the S3 gateway endpoint routes through all three.
    t.resourceCountIs('AWS::EC2::SubnetRouteTableAssociation', 3)
    const routeTables = Object.keys(t.findResources('AWS::EC2::RouteTable'))
    expect(routeTables).toHaveLength(3)
    t.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      RouteTableIds: routeTables.map((id) => ({ Ref: id })),
    })
    // Whatever needs the AZ name reads it back from the subnet CloudFormation placed.
    t.hasResourceProperties('AWS::EC2::Instance', {
      AvailabilityZone: { 'Fn::GetAtt': [subnets[0]![0], 'AvailabilityZone'] },
    })
    expect(network.availabilityZoneCount).toBe(3)
    expect(nagViolations(stack)).toEqual([])
  })

  it('takes 2 AZ IDs without enhanced VPC routing', () => {
    const { stack } = newStack()
    new WarehouseNetwork(stack, 'Network', {
      availabilityZoneIds: ['usw1-az1', 'usw1-az3'],
      enhancedVpcRouting: false,
      cidr: '10.40.0.0/20',
      subnetCidrMask: 24,
    })
    const t = Template.fromStack(stack)
    t.resourceCountIs('AWS::EC2::Subnet', 2)
    t.hasResourceProperties('AWS::EC2::Subnet', {
      AvailabilityZoneId: 'usw1-az3',
      CidrBlock: '10.40.1.0/24',
    })
  })

  it('validates availabilityZoneIds: format, count, duplicates, one region', () => {
    const { stack } = newStack()
    const cases: Array<[Record<string, unknown>, string]> = [
      [
        { availabilityZoneIds: ['us-east-1a', 'us-east-1b', 'us-east-1c'] },
        "WarehouseNetwork 'N': availabilityZoneIds contains 'us-east-1a', which is not an Availability Zone ID; use IDs like use1-az1 (the ZoneId column of `aws ec2 describe-availability-zones`), not AZ names like us-east-1a.",
      ],
      [
        { availabilityZoneIds: ['use1-az1', 'use1-az2'] },
        "WarehouseNetwork 'N': availabilityZoneIds has 2 (use1-az1, use1-az2), but enhanced VPC routing needs subnets in at least 3 Availability Zones; list 3 or more AZ IDs or set enhancedVpcRouting to false.",
      ],
      [
        { availabilityZoneIds: ['use1-az1'], enhancedVpcRouting: false },
        "WarehouseNetwork 'N': availabilityZoneIds has 1 (use1-az1), but Redshift Serverless needs subnets in at least 2 Availability Zones; list 2 or more AZ IDs.",
      ],
      [
        { availabilityZoneIds: ['use1-az1', 'use1-az2', 'use1-az1'] },
        "WarehouseNetwork 'N': availabilityZoneIds lists use1-az1 twice; give each AZ ID once (one subnet per Availability Zone).",
      ],
      [
        { availabilityZoneIds: ['use1-az1', 'use1-az2', 'usw2-az1'] },
        "WarehouseNetwork 'N': availabilityZoneIds mixes AZ IDs of different Regions (use1, usw2); list AZ IDs of the Region the stack deploys to only.",
      ],
      [
        { availabilityZoneIds: ['use1-az1', 'use1-az2', 'use1-az4'], availabilityZones: 4 },
        "WarehouseNetwork 'N': availabilityZones is 4 but availabilityZoneIds has 3; leave availabilityZones out (the AZ IDs set the count).",
      ],
    ]
    for (const [props, message] of cases) {
      let error: unknown
      try {
        new WarehouseNetwork(stack, 'N', props)
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(InfraError)
      expect((error as Error).message).toBe(message)
      expect(stack.node.tryRemoveChild('N')).toBe(true)
    }
  })

  it('imports existing subnets and validates their free IPs when given', () => {
    const { stack } = newStack()
    const network = WarehouseNetwork.fromNetworkAttributes(stack, 'Imported', {
      vpcId: 'vpc-0123456789abcdef0',
      subnetIds: ['subnet-a', 'subnet-b', 'subnet-c'],
      availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      usableIpsPerSubnet: 30,
    })
    expect(network.availabilityZoneCount).toBe(3)
    expect(
      () =>
        new ServerlessWarehouse(stack, 'W', {
          network,
          namespaceName: 'w-ns',
          workgroupName: 'w-wg',
        }),
    ).toThrow(
      "subnets of the imported subnets have 30 usable addresses each, but workgroup 'w-wg' needs 37",
    )
  })
})
