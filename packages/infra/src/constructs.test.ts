import { Match, Template } from 'aws-cdk-lib/assertions'
import { beforeAll, describe, expect, it } from 'vitest'
import { nagViolations, newStack } from '../test/helpers.js'
import { ConsumerLoadBalancer } from './consumer-load-balancer.js'
import { DataSharingArchitecture, DEFAULT_WORKLOADS } from './data-sharing-architecture.js'
import { LoadTestHost } from './load-test-host.js'
import { TraditionalCluster } from './traditional-cluster.js'
import { WarehouseMonitoring } from './warehouse-monitoring.js'
import { WarehouseNetwork } from './warehouse-network.js'

// One stack holding every remaining construct: a single synth for all their assertions.
describe('TraditionalCluster, WarehouseMonitoring, LoadTestHost, DataSharingArchitecture', () => {
  let t: Template
  let violations: string[]
  beforeAll(() => {
    const { stack } = newStack()
    const network = new WarehouseNetwork(stack, 'Network')
    const arch = new DataSharingArchitecture(stack, 'Arch', {
      network,
      producer: { baseCapacity: 32, maxCapacity: 128 },
      consumers: { mode: 'workload', workloads: DEFAULT_WORKLOADS },
      allowedCidrs: ['10.9.0.0/16'],
    })
    new TraditionalCluster(stack, 'Cluster', { network, clusterIdentifier: 'load-cluster' })
    const pool = new DataSharingArchitecture(stack, 'Pool', {
      network,
      namePrefix: 'pool',
      producer: { baseCapacity: 8 },
      consumers: { mode: 'pool', count: 2, baseCapacity: 8, maxCapacity: 16 },
      sharing: false,
    })
    const nlb = new ConsumerLoadBalancer(stack, 'Nlb', { network, consumers: pool.consumers })
    new WarehouseMonitoring(stack, 'Monitoring', {
      producer: arch.producer,
      consumers: arch.consumers,
      loadBalancer: nlb,
      alarmEmail: 'oncall@example.com',
    })
    new LoadTestHost(stack, 'Host', { network, targets: [nlb] })
    t = Template.fromStack(stack)
    violations = nagViolations(stack)
  })

  it('cluster: ra3.xlplus, encrypted, private, managed password, audit logs, snapshots, SSL', () => {
    t.hasResourceProperties('AWS::Redshift::Cluster', {
      NodeType: 'ra3.xlplus',
      ClusterType: 'multi-node',
      NumberOfNodes: 2,
      Encrypted: true,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ClusterKey'), 'Arn'] },
      PubliclyAccessible: false,
      ManageMasterPassword: true,
      EnhancedVpcRouting: true,
      AutomatedSnapshotRetentionPeriod: 7,
      LoggingProperties: {
        LogDestinationType: 'cloudwatch',
        LogExports: ['connectionlog', 'userlog', 'useractivitylog'],
      },
    })
    t.hasResourceProperties('AWS::Redshift::ClusterParameterGroup', {
      Parameters: [
        { ParameterName: 'require_ssl', ParameterValue: 'true' },
        { ParameterName: 'enable_user_activity_logging', ParameterValue: 'true' },
      ],
    })
  })

  it('architecture: workload consumers with their own RPU ranges, one shared rotating key', () => {
    t.hasResourceProperties('AWS::RedshiftServerless::Workgroup', {
      WorkgroupName: 'rsp-analytics',
      BaseCapacity: 32,
      MaxCapacity: 128,
    })
    t.hasResourceProperties('AWS::RedshiftServerless::Workgroup', {
      WorkgroupName: 'rsp-reporting',
      BaseCapacity: 32,
      MaxCapacity: 64,
    })
    t.hasResourceProperties('AWS::RedshiftServerless::Workgroup', {
      WorkgroupName: 'pool-consumer-2',
      BaseCapacity: 8,
      MaxCapacity: 16,
    })
    const keys = t.findResources('AWS::RedshiftServerless::Namespace', {
      Properties: {
        NamespaceName: Match.stringLikeRegexp('^rsp-'),
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ArchKey'), 'Arn'] },
      },
    })
    expect(Object.keys(keys)).toHaveLength(3)
  })

  it('architecture: creates namespaces and workgroups strictly one after another', () => {
    const id = (type: string, name: string, prop: string) =>
      Object.entries(t.findResources(type)).find(
        ([, r]) => (r as { Properties: Record<string, unknown> }).Properties[prop] === name,
      )![0]
    const deps = (logicalId: string) =>
      (t.toJSON().Resources[logicalId].DependsOn ?? []) as string[]
    const producerWg = id('AWS::RedshiftServerless::Workgroup', 'rsp-producer', 'WorkgroupName')
    const analyticsNs = id('AWS::RedshiftServerless::Namespace', 'rsp-analytics', 'NamespaceName')
    const analyticsWg = id('AWS::RedshiftServerless::Workgroup', 'rsp-analytics', 'WorkgroupName')
    const reportingNs = id('AWS::RedshiftServerless::Namespace', 'rsp-reporting', 'NamespaceName')
    expect(deps(analyticsNs)).toContain(producerWg)
    expect(deps(reportingNs)).toContain(analyticsWg)
    expect(deps(reportingNs)).toContain(analyticsNs)
  })

  it('architecture: outputs namespace ids, endpoints and the sharing SQL with Fn::Sub', () => {
    const outputs = t.toJSON().Outputs as Record<string, { Value: unknown }>
    const byPrefix = (p: string) => Object.entries(outputs).find(([k]) => k.startsWith(p))?.[1]
    expect(byPrefix('ArchAnalyticsNamespaceId')?.Value).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^ArchAnalyticsNamespace/), 'Namespace.NamespaceId'],
    })
    expect(byPrefix('ArchReportingEndpoint')?.Value).toEqual({
      'Fn::GetAtt': [
        expect.stringMatching(/^ArchReporting[0-9A-F]{8}$/),
        'Workgroup.Endpoint.Address',
      ],
    })
    const producer = byPrefix('ArchSharingSqlProducer')?.Value as {
      'Fn::Sub': [string, Record<string, unknown>]
    }
    const [sql, vars] = producer['Fn::Sub']
    expect(sql).toContain('CREATE DATASHARE "airline_share";')
    expect(sql).toContain(
      `GRANT USAGE ON DATASHARE "airline_share" TO NAMESPACE '\${ConsumerAnalyticsNamespaceId}';`,
    )
    expect(sql).toContain(
      `GRANT USAGE ON DATASHARE "airline_share" TO NAMESPACE '\${ConsumerReportingNamespaceId}';`,
    )
    expect(Object.keys(vars).sort()).toEqual([
      'ConsumerAnalyticsNamespaceId',
      'ConsumerReportingNamespaceId',
    ])
    const consumer = byPrefix('ArchSharingSqlConsumerAnalytics')?.Value as {
      'Fn::Sub': [string, Record<string, unknown>]
    }
    expect(consumer['Fn::Sub'][0]).toContain(
      `FROM DATASHARE "airline_share" OF NAMESPACE '\${ProducerNamespaceId}'`,
    )
    expect(consumer['Fn::Sub'][1]).toEqual({
      ProducerNamespaceId: {
        'Fn::GetAtt': [expect.stringMatching(/^ArchProducerNamespace/), 'Namespace.NamespaceId'],
      },
    })
    expect(Object.keys(outputs).some((k) => k.startsWith('PoolSharingSql'))).toBe(false)
  })

  it('monitoring: dashboard, alarms to an encrypted topic with an email subscription', () => {
    t.resourceCountIs('AWS::CloudWatch::Dashboard', 1)
    const body = JSON.stringify(t.findResources('AWS::CloudWatch::Dashboard'))
    for (const metric of [
      'ComputeCapacity',
      'QueriesCompletedPerSecond',
      'QueriesFailedPerSecond',
      'QueryDuration',
      'DataStorage',
      'HealthyHostCount',
      'ActiveFlowCount',
    ]) {
      expect(body).toContain(metric)
    }
    t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() })
    t.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
    })
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: [
        Match.objectLike({
          MetricStat: Match.objectLike({
            Metric: {
              MetricName: 'ComputeCapacity',
              Namespace: 'AWS/Redshift-Serverless',
              Dimensions: [{ Name: 'Workgroup', Value: 'rsp-analytics' }],
            },
          }),
        }),
      ],
      Threshold: 115,
    })
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'UnHealthyHostCount',
      Threshold: 1,
    })
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: [
        Match.objectLike({
          Expression: `SELECT SUM(QueriesFailedPerSecond) FROM "AWS/Redshift-Serverless" WHERE Workgroup = 'rsp-reporting'`,
        }),
      ],
    })
  })

  it('monitoring: the topic policy lets CloudWatch alarms of this account publish, TLS only', () => {
    // The topic policy replaces SNS's default policy: without the Allow, alarms never notify.
    const topicRef = { Ref: Match.stringLikeRegexp('^MonitoringAlarmTopic') }
    t.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [topicRef],
      PolicyDocument: {
        Statement: Match.arrayEquals([
          Match.objectLike({
            Effect: 'Deny',
            Principal: '*',
            Action: 'sns:Publish',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          {
            Sid: 'AllowCloudWatchAlarmsOfThisAccount',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: topicRef,
            Condition: {
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              ArnLike: {
                'aws:SourceArn': {
                  'Fn::Join': [
                    '',
                    [
                      'arn:',
                      { Ref: 'AWS::Partition' },
                      ':cloudwatch:',
                      { Ref: 'AWS::Region' },
                      ':',
                      { Ref: 'AWS::AccountId' },
                      ':alarm:*',
                    ],
                  ],
                },
              },
            },
          },
        ]),
      },
    })
    // Every alarm notifies that topic.
    const alarms = Object.values(t.findResources('AWS::CloudWatch::Alarm')) as Array<{
      Properties: { AlarmActions: unknown[] }
    }>
    expect(alarms.length).toBeGreaterThan(0)
    const topicId = Object.keys(t.findResources('AWS::SNS::Topic'))[0]
    for (const a of alarms) expect(a.Properties.AlarmActions).toEqual([{ Ref: topicId }])
  })

  it('load-test host: private, no key, IMDSv2, encrypted disk, SSM endpoints, psql', () => {
    t.hasResourceProperties('AWS::EC2::Instance', {
      InstanceType: 't3.small',
      KeyName: Match.absent(),
      Monitoring: true,
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: true, VolumeSize: 16 } }],
      NetworkInterfaces: [Match.objectLike({ AssociatePublicIpAddress: false })],
      UserData: { 'Fn::Base64': Match.stringLikeRegexp('dnf install -y postgresql15') },
    })
    t.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: { MetadataOptions: { HttpTokens: 'required' } },
    })
    for (const svc of ['ssm', 'ssmmessages', 'ec2messages']) {
      t.hasResourceProperties('AWS::EC2::VPCEndpoint', {
        ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, `.${svc}`]] },
      })
    }
  })

  it('has no unacknowledged cdk-nag findings', () => {
    expect(violations).toEqual([])
  })
})

describe('construct validation', () => {
  it('cluster: refuses unknown node types and node counts out of range', () => {
    const { stack } = newStack()
    const network = new WarehouseNetwork(stack, 'Network')
    expect(
      () =>
        new TraditionalCluster(stack, 'A', {
          network,
          clusterIdentifier: 'c-1',
          nodeType: 'dc2.large',
        }),
    ).toThrow(
      "TraditionalCluster 'A': nodeType 'dc2.large' is not supported; use one of ra3.large, ra3.xlplus, ra3.4xlarge, ra3.16xlarge.",
    )
    expect(
      () =>
        new TraditionalCluster(stack, 'B', {
          network,
          clusterIdentifier: 'c-2',
          numberOfNodes: 40,
        }),
    ).toThrow(
      "TraditionalCluster 'B': numberOfNodes 40 is out of range; use a whole number from 1 to 32.",
    )
    expect(
      () => new TraditionalCluster(stack, 'C', { network, clusterIdentifier: 'Load' }),
    ).toThrow("TraditionalCluster 'C': clusterIdentifier 'Load' is invalid")
  })

  it('cluster: refuses public client CIDRs unless allowPublicIngress', () => {
    const { stack } = newStack()
    const network = new WarehouseNetwork(stack, 'Network')
    expect(
      () =>
        new TraditionalCluster(stack, 'A', {
          network,
          clusterIdentifier: 'c-1',
          allowedCidrs: ['172.16.0.0/12', '172.32.0.0/11'],
        }),
    ).toThrow(
      "TraditionalCluster 'A': allowedCidrs contains 172.32.0.0/11, which includes public IPv4 addresses, so port 5439 would be reachable from outside private networks; list private networks only (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10), or set allowPublicIngress to true to admit public addresses on purpose.",
    )
    new TraditionalCluster(stack, 'B', {
      network,
      clusterIdentifier: 'c-2',
      allowedCidrs: ['172.32.0.0/11'],
      allowPublicIngress: true,
    })
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '172.32.0.0/11', FromPort: 5439 })],
    })
  })

  it('architecture: refuses bad consumer names and pool sizes', () => {
    const { stack } = newStack()
    const network = new WarehouseNetwork(stack, 'Network')
    expect(
      () =>
        new DataSharingArchitecture(stack, 'A', {
          network,
          consumers: { mode: 'workload', workloads: [{ name: 'Analytics' }] },
        }),
    ).toThrow(
      "DataSharingArchitecture 'A': consumers.workloads[0].name 'Analytics' is invalid; use 3–64 lower-case letters, digits and hyphens (e.g. 'analytics').",
    )
    expect(
      () =>
        new DataSharingArchitecture(stack, 'B', {
          network,
          consumers: { mode: 'workload', workloads: [{ name: 'bi' }, { name: 'bi' }] },
        }),
    ).toThrow("DataSharingArchitecture 'B': consumers.workloads[1].name 'bi' is used twice")
    expect(
      () =>
        new DataSharingArchitecture(stack, 'C', {
          network,
          consumers: { mode: 'pool', count: 21 },
        }),
    ).toThrow(
      "DataSharingArchitecture 'C': consumers.count 21 is out of range; use a whole number from 0 to 20.",
    )
  })

  it('monitoring: refuses a bad email', () => {
    const { stack } = newStack()
    const network = new WarehouseNetwork(stack, 'Network')
    const arch = new DataSharingArchitecture(stack, 'A', {
      network,
      consumers: { mode: 'pool', count: 0 },
    })
    expect(
      () =>
        new WarehouseMonitoring(stack, 'M', {
          producer: arch.producer,
          consumers: [],
          alarmEmail: 'nobody',
        }),
    ).toThrow("WarehouseMonitoring 'M': alarmEmail 'nobody' is not an email address.")
  })
})
