import { Match, Template } from 'aws-cdk-lib/assertions'
import * as ec2 from 'aws-cdk-lib/aws-ec2'
import { beforeAll, describe, expect, it } from 'vitest'
import { nagViolations, newStack } from '../test/helpers.js'
import { InfraError } from './errors.js'
import { ServerlessWarehouse, type ServerlessWarehouseProps } from './serverless-warehouse.js'
import { WarehouseNetwork } from './warehouse-network.js'

function setup() {
  const { app, stack } = newStack()
  const network = new WarehouseNetwork(stack, 'Network')
  return { app, stack, network }
}

describe('ServerlessWarehouse', () => {
  let template: Template
  let violations: string[]
  beforeAll(() => {
    const { stack, network } = setup()
    const clients = new ec2.SecurityGroup(stack, 'Clients', { vpc: network.vpc })
    new ServerlessWarehouse(stack, 'Producer', {
      network,
      namespaceName: 'rsp-producer',
      workgroupName: 'rsp-producer',
      baseCapacity: 32,
      maxCapacity: 256,
      allowedCidrs: ['10.1.0.0/16'],
      allowedSecurityGroups: [clients],
      copySource: { bucketName: 'airline-data', prefix: 'runs/' },
      usageLimit: { amount: 500, period: 'weekly', breachAction: 'deactivate' },
      tags: { team: 'data' },
    })
    template = Template.fromStack(stack)
    violations = nagViolations(stack)
  })

  it('creates an encrypted namespace with a managed admin password and all log exports', () => {
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true })
    template.hasResourceProperties('AWS::RedshiftServerless::Namespace', {
      NamespaceName: 'rsp-producer',
      ManageAdminPassword: true,
      AdminUsername: 'rsp_admin',
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ProducerKey'), 'Arn'] },
      AdminPasswordSecretKmsKeyId: {
        'Fn::GetAtt': [Match.stringLikeRegexp('^ProducerKey'), 'Arn'],
      },
      LogExports: ['userlog', 'useractivitylog', 'connectionlog'],
      DefaultIamRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ProducerCopyRole'), 'Arn'] },
      Tags: Match.arrayWith([{ Key: 'team', Value: 'data' }]),
    })
    const ns = template.findResources('AWS::RedshiftServerless::Namespace')
    expect(Object.values(ns)[0]).toMatchObject({ DeletionPolicy: 'Delete' })
  })

  it('creates a private workgroup with SSL required, user activity logging and enhanced VPC routing', () => {
    template.hasResourceProperties('AWS::RedshiftServerless::Workgroup', {
      WorkgroupName: 'rsp-producer',
      NamespaceName: {
        'Fn::GetAtt': [Match.stringLikeRegexp('^ProducerNamespace'), 'Namespace.NamespaceName'],
      },
      BaseCapacity: 32,
      MaxCapacity: 256,
      EnhancedVpcRouting: true,
      PubliclyAccessible: false,
      Port: 5439,
      SubnetIds: Match.arrayWith([{ Ref: Match.stringLikeRegexp('^NetworkwarehouseSubnet1') }]),
      ConfigParameters: [
        { ParameterKey: 'enable_user_activity_logging', ParameterValue: 'true' },
        { ParameterKey: 'require_ssl', ParameterValue: 'true' },
      ],
    })
  })

  it('admits 5439 only from the given CIDRs and security groups', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription:
        'Redshift Serverless workgroup rsp-producer: port 5439 from listed clients only',
      SecurityGroupIngress: [
        {
          CidrIp: '10.1.0.0/16',
          FromPort: 5439,
          ToPort: 5439,
          IpProtocol: 'tcp',
          Description: 'clients in 10.1.0.0/16',
        },
      ],
    })
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 5439,
      ToPort: 5439,
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Clients'), 'GroupId'] },
    })
  })

  it('gives the COPY role read-only access to the bucket prefix', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'redshift-serverless.amazonaws.com' } }),
        ]),
      },
    })
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Action: 's3:GetObject',
            Effect: 'Allow',
            Resource: {
              'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::airline-data/runs/*']],
            },
          },
          {
            Action: 's3:ListBucket',
            Effect: 'Allow',
            Resource: {
              'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::airline-data']],
            },
            Condition: { StringLike: { 's3:prefix': ['runs/*'] } },
          },
          {
            Action: 's3:GetBucketLocation',
            Effect: 'Allow',
            Resource: {
              'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::airline-data']],
            },
          },
        ],
      },
    })
  })

  it('adds the usage limit as a custom resource over the usage-limit API', () => {
    const limits = template.findResources('Custom::RedshiftServerlessUsageLimit')
    expect(Object.keys(limits)).toHaveLength(1)
    const [resource] = Object.values(limits) as Array<{
      Properties: Record<string, unknown>
      DependsOn: string[]
    }>
    const create = JSON.stringify(resource!.Properties.Create)
    expect(create).toContain('"action\\":\\"CreateUsageLimit\\"')
    expect(create).toContain('\\"usageType\\":\\"serverless-compute\\"')
    expect(create).toContain('\\"period\\":\\"weekly\\"')
    expect(create).toContain('\\"amount\\":500')
    expect(create).toContain('\\"breachAction\\":\\"deactivate\\"')
    expect(JSON.stringify(resource!.Properties.Delete)).toContain('DeleteUsageLimit')
    expect(JSON.stringify(resource!.Properties.Update)).toContain('UpdateUsageLimit')
    expect(resource!.DependsOn.some((d) => d.startsWith('Producer'))).toBe(true)
  })

  it('has no unacknowledged cdk-nag findings', () => {
    expect(violations).toEqual([])
  })
})

describe('ServerlessWarehouse validation', () => {
  const base = (network: WarehouseNetwork): ServerlessWarehouseProps => ({
    network,
    namespaceName: 'producer',
    workgroupName: 'producer',
  })

  it('refuses a base capacity that is not an allowed RPU value', () => {
    const { stack, network } = setup()
    expect(
      () => new ServerlessWarehouse(stack, 'W', { ...base(network), baseCapacity: 33 }),
    ).toThrow(
      "ServerlessWarehouse 'W': baseCapacity 33 is not an allowed value; use 4, a multiple of 8 up to 512, or a multiple of 32 from 512 to 1024 (nearest: 32 or 40).",
    )
  })

  it('refuses a base capacity above the max', () => {
    const { stack, network } = setup()
    expect(
      () =>
        new ServerlessWarehouse(stack, 'W', {
          ...base(network),
          baseCapacity: 128,
          maxCapacity: 64,
        }),
    ).toThrow(
      "ServerlessWarehouse 'W': baseCapacity 128 is above maxCapacity 64; set maxCapacity to at least 128 or lower baseCapacity.",
    )
  })

  it('refuses enhanced VPC routing on subnets in 2 AZs', () => {
    const { stack } = newStack()
    const network = WarehouseNetwork.fromNetworkAttributes(stack, 'Two', {
      vpcId: 'vpc-1',
      subnetIds: ['subnet-a', 'subnet-b'],
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    })
    expect(() => new ServerlessWarehouse(stack, 'W', base(network as WarehouseNetwork))).toThrow(
      "ServerlessWarehouse 'W': enhancedVpcRouting needs subnets in at least 3 Availability Zones, but the network spans 2; add subnets in another AZ or set enhancedVpcRouting to false.",
    )
    expect(
      () =>
        new ServerlessWarehouse(stack, 'Ok', {
          ...base(network as WarehouseNetwork),
          enhancedVpcRouting: false,
        }),
    ).not.toThrow()
  })

  it('refuses 0.0.0.0/0 on 5439', () => {
    const { stack, network } = setup()
    let error: unknown
    try {
      new ServerlessWarehouse(stack, 'W', {
        ...base(network),
        allowedCidrs: ['10.0.0.0/8', '0.0.0.0/0'],
      })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InfraError)
    expect(error).toMatchObject({ code: 'INVALID_PROP', field: 'allowedCidrs', value: '0.0.0.0/0' })
    expect((error as Error).message).toBe(
      "ServerlessWarehouse 'W': allowedCidrs contains 0.0.0.0/0, which would open port 5439 to the whole internet; list your clients' networks instead (e.g. 10.0.0.0/16).",
    )
  })

  it('refuses CIDRs whose union covers the internet (0.0.0.0/1 + 128.0.0.0/1)', () => {
    const { stack, network } = setup()
    let error: unknown
    try {
      new ServerlessWarehouse(stack, 'W', {
        ...base(network),
        allowedCidrs: ['10.0.0.0/8', '0.0.0.0/1', '128.0.0.0/1'],
      })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InfraError)
    expect(error).toMatchObject({ code: 'INVALID_PROP', field: 'allowedCidrs', value: '0.0.0.0/1' })
    expect((error as Error).message).toBe(
      "ServerlessWarehouse 'W': allowedCidrs contains 0.0.0.0/1, which includes public IPv4 addresses, so port 5439 would be reachable from outside private networks; list private networks only (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10), or set allowPublicIngress to true to admit public addresses on purpose.",
    )
    expect(stack.node.tryFindChild('W')?.node.children.length ?? 0).toBe(0)
  })

  it('refuses public IPv6 CIDRs and admits unique-local ones as IPv6 rules', () => {
    const { stack, network } = setup()
    expect(
      () => new ServerlessWarehouse(stack, 'W', { ...base(network), allowedCidrs: ['2000::/3'] }),
    ).toThrow(
      "ServerlessWarehouse 'W': allowedCidrs contains 2000::/3, which includes public IPv6 addresses, so port 5439 would be reachable from outside private networks; list unique-local (fc00::/7) or link-local (fe80::/10) networks only, or set allowPublicIngress to true to admit public addresses on purpose.",
    )
    expect(
      () => new ServerlessWarehouse(stack, 'X', { ...base(network), allowedCidrs: ['::/0'] }),
    ).toThrow(
      "ServerlessWarehouse 'X': allowedCidrs contains ::/0, which would open port 5439 to the whole internet; list your clients' networks instead (e.g. 10.0.0.0/16).",
    )
    expect(
      () => new ServerlessWarehouse(stack, 'Y', { ...base(network), allowedCidrs: ['10.0.0/8'] }),
    ).toThrow(
      "ServerlessWarehouse 'Y': allowedCidrs contains '10.0.0/8', which is not an IPv4 or IPv6 CIDR like 10.0.0.0/16 or fd00::/8.",
    )
    new ServerlessWarehouse(stack, 'Ok', {
      ...base(network),
      namespaceName: 'ok-ns',
      workgroupName: 'ok-wg',
      allowedCidrs: ['fd12:3456::/48', '100.64.0.0/10'],
    })
    const t = Template.fromStack(stack)
    t.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: Match.arrayWith([
        Match.objectLike({ CidrIpv6: 'fd12:3456::/48', FromPort: 5439, ToPort: 5439 }),
        Match.objectLike({ CidrIp: '100.64.0.0/10', FromPort: 5439, ToPort: 5439 }),
      ]),
    })
  })

  it('admits public CIDRs only with allowPublicIngress, and never 0.0.0.0/0', () => {
    const { stack, network } = setup()
    new ServerlessWarehouse(stack, 'W', {
      ...base(network),
      allowedCidrs: ['203.0.113.7/32'],
      allowPublicIngress: true,
    })
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '203.0.113.7/32', FromPort: 5439 })],
    })
    expect(
      () =>
        new ServerlessWarehouse(stack, 'X', {
          ...base(network),
          namespaceName: 'x-ns',
          workgroupName: 'x-wg',
          allowedCidrs: ['0.0.0.0/0'],
          allowPublicIngress: true,
        }),
    ).toThrow(
      "ServerlessWarehouse 'X': allowedCidrs contains 0.0.0.0/0, which would open port 5439 to the whole internet; list your clients' networks instead (e.g. 10.0.0.0/16).",
    )
  })

  it('refuses an upper-case workgroup name', () => {
    const { stack, network } = setup()
    expect(
      () => new ServerlessWarehouse(stack, 'W', { ...base(network), workgroupName: 'Analytics' }),
    ).toThrow(
      "ServerlessWarehouse 'W': workgroupName 'Analytics' is invalid; use 3–64 lower-case letters, digits and hyphens (e.g. 'analytics').",
    )
  })

  it('refuses turning off require_ssl and bad usage limits', () => {
    const { stack, network } = setup()
    expect(
      () =>
        new ServerlessWarehouse(stack, 'A', {
          ...base(network),
          configParameters: { require_ssl: 'false' },
        }),
    ).toThrow(
      "ServerlessWarehouse 'A': configParameters.require_ssl cannot be set: it is always 'true' (secure by default).",
    )
    expect(
      () =>
        new ServerlessWarehouse(stack, 'B', {
          ...base(network),
          usageLimit: { amount: 10, breachAction: 'stop' as 'log' },
        }),
    ).toThrow(
      "ServerlessWarehouse 'B': usageLimit.breachAction 'stop' is invalid; use one of log, emit-metric, deactivate.",
    )
  })

  it('adds no resource when the props are invalid', () => {
    const { stack, network } = setup()
    expect(() => new ServerlessWarehouse(stack, 'W', { ...base(network), port: 6000 })).toThrow(
      "ServerlessWarehouse 'W': port 6000 is not allowed; use 5439 or a port in 5431–5455 or 8191–8215.",
    )
    const w = stack.node.tryFindChild('W')
    expect(w?.node.children ?? []).toHaveLength(0)
  })

  it('imports an existing warehouse', () => {
    const { stack } = newStack()
    const w = ServerlessWarehouse.fromWarehouseAttributes(stack, 'Existing', {
      namespaceName: 'old-producer',
      namespaceId: '13b8833d-17c6-4f16-8fe4-1a018f5ed00d',
      workgroupName: 'old-producer',
      workgroupArn: 'arn:aws:redshift-serverless:us-east-1:111122223333:workgroup/abc',
      endpointAddress: 'old-producer.111122223333.us-east-1.redshift-serverless.amazonaws.com',
      securityGroupId: 'sg-12345678',
    })
    expect(w.port).toBe(5439)
    expect(w.connections.securityGroups).toHaveLength(1)
    expect(() =>
      ServerlessWarehouse.fromWarehouseAttributes(stack, 'Bad', {
        namespaceName: 'Old',
        namespaceId: 'x',
        workgroupName: 'old',
        workgroupArn: 'arn',
        endpointAddress: 'x',
      }),
    ).toThrow("ServerlessWarehouse 'Bad': namespaceName 'Old' is invalid")
  })
})
