import { describe, expect, it } from 'vitest'
import { runCli, tempProject } from '../test-cli.js'

const base = { project: 'airline' }
const HEADER = 'error rsp.config.json is invalid (nothing was synthesised or sent):\n'

// Each invalid config, and the exact message `rsp` prints for it (exit 2 every time).
const matrix: readonly (readonly [string, unknown, string])[] = [
  [
    'missing project',
    {},
    'project = (missing): required key is missing. Fix: add "project": a name like "airline"',
  ],
  [
    'upper-case project',
    { project: 'Air' },
    'project = "Air": not a valid project name. Fix: use 3–40 characters: lower-case letters, digits and -, starting with a letter (it prefixes every workgroup name)',
  ],
  [
    'misspelt top-level key',
    { ...base, netwrok: {} },
    'netwrok = "netwrok": unknown key. Fix: remove it or fix its spelling; the keys allowed here are $schema, project, region, profile, network, producer, consumers, loadBalancer, traditionalCluster, datashare, datashares, security, usageLimits, monitoring, budget, diagnostics, storage, daysPerMonth, prices, local, load',
  ],
  [
    'load bucket given as a URL',
    { ...base, load: { bucket: 's3://my-bucket' } },
    'load.bucket = "s3://my-bucket": not an S3 bucket name. Fix: use the name of a bucket you own (3–63 lower-case letters, digits, . and -, no s3://); rsp does not create it',
  ],
  [
    'load without a bucket',
    { ...base, load: { prefix: 'airline/' } },
    'load.bucket = (missing): required key is missing. Fix: add "bucket": the name of an S3 bucket you own (rsp does not create it), or remove "load"',
  ],
  [
    'load prefix with a leading slash',
    { ...base, load: { bucket: 'my-bucket', prefix: '/airline/' } },
    'load.prefix = "/airline/": not an S3 key prefix. Fix: use a key prefix like "airline/" (no leading /, no s3://, at most 512 characters)',
  ],
  [
    'load secret that is not an ARN',
    { ...base, load: { bucket: 'my-bucket', secretArn: 'redshift-admin' } },
    'load.secretArn = "redshift-admin": not a Secrets Manager secret ARN. Fix: use an ARN like arn:aws:secretsmanager:us-east-1:123456789012:secret:name, or remove the key to use the producer namespace’s managed admin secret',
  ],
  [
    'negative log volume',
    { ...base, monitoring: { logGbPerMonth: -1 } },
    'monitoring.logGbPerMonth = -1: log volume cannot be negative. Fix: use the expected GB per month, like 3',
  ],
  [
    'bad region',
    { ...base, region: 'US-East-1' },
    'region = "US-East-1": not an AWS region name. Fix: use a region code like us-east-1',
  ],
  [
    'RPU 33',
    { ...base, producer: { baseCapacity: 33, maxCapacity: 128 } },
    'producer.baseCapacity = 33: not an allowed base capacity. Fix: use 4, a multiple of 8 up to 512, or a multiple of 32 from 512 to 1024',
  ],
  [
    'RPU as a string',
    { ...base, producer: { baseCapacity: '32', maxCapacity: 128 } },
    'producer.baseCapacity = "32": expected number but got "32". Fix: use a number without quotes',
  ],
  [
    'max below base',
    { ...base, producer: { baseCapacity: 64, maxCapacity: 32 } },
    'producer.maxCapacity = 32: below baseCapacity (64 RPUs). Fix: set maxCapacity to 64 or more, or lower baseCapacity',
  ],
  [
    'max above ceiling',
    { ...base, producer: { baseCapacity: 64, maxCapacity: 6000 } },
    'producer.maxCapacity = 6000: not an allowed maximum capacity. Fix: use 4 or a multiple of 8 up to 5632',
  ],
  [
    '1024 RPU outside its regions',
    { ...base, region: 'ap-south-1', producer: { baseCapacity: 1024, maxCapacity: 1024 } },
    'producer.baseCapacity = 1024: base capacities above 512 RPUs are not offered in ap-south-1. Fix: use 512 or less, or one of us-east-1, us-east-2, us-west-2, eu-west-1, eu-central-1',
  ],
  [
    // The whole 544–1024 ladder is regional (schema's aws-limits), not 1024 alone: the CLI
    // used to accept 544–992 anywhere, and CreateWorkgroup would refuse it at deploy time.
    '544 RPU outside the large-capacity regions',
    { ...base, region: 'ap-south-1', producer: { baseCapacity: 544, maxCapacity: 1024 } },
    'producer.baseCapacity = 544: base capacities above 512 RPUs are not offered in ap-south-1. Fix: use 512 or less, or one of us-east-1, us-east-2, us-west-2, eu-west-1, eu-central-1',
  ],
  [
    '2 AZs with enhanced routing',
    { ...base, network: { availabilityZones: 2 } },
    'network.availabilityZones = 2: enhanced VPC routing needs 3 availability zones. Fix: use 3, or set network.enhancedVpcRouting to false',
  ],
  [
    '4 AZs',
    { ...base, network: { availabilityZones: 4 } },
    'network.availabilityZones = 4: Redshift Serverless needs 2 or 3 availability zones here. Fix: use 2, or 3 (required with enhanced VPC routing)',
  ],
  [
    'subnets too small for the RPUs',
    { ...base, network: { subnetPrefix: 27 } },
    "network.subnetPrefix = 27: a /27 subnet has 27 free IPs but the 3 workgroups need 39 in each subnet with enhanced VPC routing. Fix: use /26 or larger (the seed's lesson: /23)",
  ],
  [
    'subnets do not fit the VPC',
    { ...base, network: { vpcCidr: '10.0.0.0/24', subnetPrefix: 24 } },
    'network.subnetPrefix = 24: 3 subnets of /24 do not fit in 10.0.0.0/24. Fix: use a prefix of at least /26, or a larger VPC',
  ],
  [
    'bad VPC CIDR',
    { ...base, network: { vpcCidr: '10.0.0.300/16' } },
    'network.vpcCidr = "10.0.0.300/16": not an IPv4 CIDR block. Fix: write the VPC CIDR like 10.20.0.0/16',
  ],
  [
    'imported subnets without a VPC',
    {
      ...base,
      network: {
        subnetIds: [
          'subnet-0123456789abcdef0',
          'subnet-0123456789abcdef1',
          'subnet-0123456789abcdef2',
        ],
        subnetAvailabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      },
    },
    'network.vpcId = (missing): subnetIds are given without the VPC they belong to. Fix: add network.vpcId, or remove network.subnetIds to create a new VPC',
  ],
  [
    'imported VPC with too few subnets',
    {
      ...base,
      network: {
        vpcId: 'vpc-0123456789abcdef0',
        subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
        subnetAvailabilityZones: ['us-east-1a', 'us-east-1b'],
      },
    },
    'network.subnetIds = ["subnet-0123456789abcdef0","subnet-0123456789abcdef1"]: 2 subnet(s); Redshift Serverless needs 3 with enhanced VPC routing. Fix: list 3 subnets in different availability zones',
  ],
  [
    '0.0.0.0/0 on 5439',
    { ...base, security: { allowedCidrs: ['0.0.0.0/0'] } },
    'security.allowedCidrs[0] = "0.0.0.0/0": opens port 5439 to the whole internet. Fix: list the CIDRs of your clients or VPN, like 10.0.0.0/8',
  ],
  [
    'two halves of the internet on 5439 (issue 17: the 0.0.0.0/0 guard was bypassed)',
    { ...base, security: { allowedCidrs: ['10.0.0.0/8', '0.0.0.0/1'] } },
    'security.allowedCidrs[1] = "0.0.0.0/1": includes public IPv4 addresses, so port 5439 would be reachable from outside private networks. Fix: list private networks only (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10), or set security.allowPublicIngress to true to admit public addresses on purpose',
  ],
  [
    'a public IPv6 range on 5439',
    { ...base, security: { allowedCidrs: ['2001:db8::/32'] } },
    'security.allowedCidrs[0] = "2001:db8::/32": includes public IPv6 addresses, so port 5439 would be reachable from outside private networks. Fix: list unique-local (fc00::/7) or link-local (fe80::/10) networks only, or set security.allowPublicIngress to true to admit public addresses on purpose',
  ],
  [
    'the whole IPv6 internet, even with allowPublicIngress',
    { ...base, security: { allowedCidrs: ['::/0'], allowPublicIngress: true } },
    'security.allowedCidrs[0] = "::/0": opens port 5439 to the whole internet. Fix: list the CIDRs of your clients or VPN, like 10.0.0.0/8',
  ],
  [
    'an AZ name where an AZ ID belongs',
    { ...base, network: { availabilityZoneIds: ['us-east-1a', 'use1-az2', 'use1-az4'] } },
    'network.availabilityZoneIds[0] = "us-east-1a": not an Availability Zone ID. Fix: use IDs like use1-az1 (the ZoneId column of aws ec2 describe-availability-zones), not AZ names like us-east-1a',
  ],
  [
    'two AZ IDs with enhanced VPC routing',
    { ...base, network: { availabilityZoneIds: ['use1-az1', 'use1-az2'] } },
    'network.availabilityZoneIds = ["use1-az1","use1-az2"]: 2 AZ ID(s); Redshift Serverless needs subnets in 3 Availability Zones with enhanced VPC routing. Fix: list 3 or more AZ IDs, or set network.enhancedVpcRouting to false',
  ],
  [
    'AZ IDs of two Regions',
    { ...base, network: { availabilityZoneIds: ['use1-az1', 'use1-az2', 'usw2-az1'] } },
    'network.availabilityZoneIds = ["use1-az1","use1-az2","usw2-az1"]: the AZ IDs belong to different Regions (use1, usw2). Fix: list AZ IDs of the Region you deploy to only',
  ],
  [
    'AZ IDs with an imported VPC',
    {
      ...base,
      network: {
        vpcId: 'vpc-0123456789abcdef0',
        subnetIds: [
          'subnet-0123456789abcdef0',
          'subnet-0123456789abcdef1',
          'subnet-0123456789abcdef2',
        ],
        subnetAvailabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
        availabilityZoneIds: ['use1-az1', 'use1-az2', 'use1-az4'],
      },
    },
    'network.availabilityZoneIds = ["use1-az1","use1-az2","use1-az4"]: AZ IDs place the subnets of a new VPC; an imported VPC brings its own subnets. Fix: remove network.availabilityZoneIds, or remove vpcId and subnetIds to create a new VPC',
  ],
  [
    'public consumer, private share',
    {
      ...base,
      consumers: { workloads: [{ name: 'bi', baseCapacity: 32, maxCapacity: 64, public: true }] },
      datashare: { publiclyAccessible: false },
    },
    'datashare.publiclyAccessible = false: consumer airline-bi is publicly accessible and would fail with "Publicly accessible consumer cannot access object in the database". Fix: use "auto" or true, or make the consumer private',
  ],
  [
    'duplicate consumer names',
    {
      ...base,
      consumers: {
        workloads: [
          { name: 'bi', baseCapacity: 32, maxCapacity: 64 },
          { name: 'bi', baseCapacity: 8, maxCapacity: 64 },
        ],
      },
    },
    'consumers.workloads[1].name = "bi": duplicate consumer name. Fix: give every consumer a different name',
  ],
  [
    'upper-case consumer name',
    { ...base, consumers: { workloads: [{ name: 'BI', baseCapacity: 32, maxCapacity: 64 }] } },
    'consumers.workloads[0].name = "BI": not a valid consumer name. Fix: use 1–30 characters: lower-case letters, digits and -, starting with a letter',
  ],
  [
    'workload mode without consumers',
    { ...base, consumers: { workloads: [] } },
    'consumers.workloads = []: workload mode needs at least one consumer. Fix: add a consumer like { "name": "analytics", "baseCapacity": 32, "maxCapacity": 128 }, or use mode "pool"',
  ],
  [
    'unknown consumer mode',
    { ...base, consumers: { mode: 'nlb' } },
    'consumers.mode = "nlb": unknown consumer mode. Fix: use "workload" (named, sized per workload) or "pool" (identical consumers)',
  ],
  [
    'pool of zero',
    { ...base, consumers: { mode: 'pool', pool: { count: 0, baseCapacity: 32, maxCapacity: 64 } } },
    'consumers.pool.count = 0: a pool needs at least one consumer. Fix: use an integer from 1 to 20',
  ],
  [
    'sync interval zero',
    { ...base, loadBalancer: { enabled: true, syncMinutes: 0 } },
    'loadBalancer.syncMinutes = 0: target sync needs at least 1 minute between runs. Fix: use an integer from 1 to 1440',
  ],
  [
    'unknown node type',
    { ...base, traditionalCluster: { enabled: true, nodeType: 'dc2.large' } },
    'traditionalCluster.nodeType = "dc2.large": unknown RA3 node type. Fix: use ra3.large, ra3.xlplus, ra3.4xlarge or ra3.16xlarge',
  ],
  [
    'unknown shared table',
    { ...base, datashare: { objects: ['airline_dw.dim_dat'] } },
    'datashare.objects[0] = "airline_dw.dim_dat": no such table or view in the airline model. Fix: use one of airline_dw.dim_date, airline_dw.dim_airport, airline_dw.dim_aircraft, airline_dw.dim_flight, airline_dw.dim_customer, airline_dw.fact_flight_operations, airline_dw.fact_bookings, airline_dw.fact_daily_revenue, staging.flight_operations_raw, staging.bookings_raw, rsp_meta.freshness_marker, airline_dw.v_route_performance, airline_dw.v_customer_360',
  ],
  [
    'datashare name with a quote',
    { ...base, datashare: { name: 'share"; drop' } },
    'datashare.name = "share\\"; drop": not a valid datashare name. Fix: use lower-case letters, digits and _, starting with a letter or _, at most 63 characters',
  ],
  [
    'bad e-mail',
    { ...base, monitoring: { email: 'ops-at-example' } },
    'monitoring.email = "ops-at-example": not an e-mail address. Fix: use an address like ops@example.com',
  ],
  [
    '25 hours a day',
    { ...base, producer: { baseCapacity: 32, maxCapacity: 64, hoursPerDay: 25 } },
    'producer.hoursPerDay = 25: a day has 24 hours. Fix: use a number from 0 to 24',
  ],
  [
    'negative price',
    { ...base, prices: { serverlessRpuHour: -1 } },
    'prices.serverlessRpuHour = -1: a price cannot be negative. Fix: use a USD amount of 0 or more',
  ],
  [
    'usage limit breach action',
    { ...base, usageLimits: { producer: { rpuHours: 100, breachAction: 'stop' } } },
    'usageLimits.producer.breachAction = "stop": unknown breach action. Fix: use log, emit-metric or deactivate',
  ],
  [
    'local port below 1024',
    { ...base, local: { port: 80 } },
    'local.port = 80: ports below 1024 need root. Fix: use a port from 1024 to 65535, like 5439',
  ],
]

describe('config error matrix', () => {
  it('has at least 20 cases', () => expect(matrix.length).toBeGreaterThanOrEqual(20))

  it.each(matrix)('%s: exit 2 with the exact message', async (_name, config, message) => {
    const dir = tempProject(config)
    const result = await runCli(['cost'], { cwd: dir })
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe(`${HEADER}  - ${message}\n`)
    expect(result.code).toBe(2)
  })

  it('lists every problem at once', async () => {
    const dir = tempProject({ project: 'x', producer: { baseCapacity: 33, maxCapacity: 128 } })
    const result = await runCli(['config', 'validate'], { cwd: dir })
    expect(result.code).toBe(2)
    expect(result.stderr.split('\n').filter((l) => l.startsWith('  - '))).toHaveLength(2)
  })

  it('reports a missing file and broken JSON with exit 2', async () => {
    const missing = await runCli(['cost'], { cwd: tempProject() })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain(
      ': no such file. Fix: run `rsp init` to write one, or pass --config PATH',
    )
    const broken = await runCli(['cost'], { cwd: tempProject('{ "project": ') })
    expect(broken.code).toBe(2)
    expect(broken.stderr).toContain('not valid JSON')
  })

  it('passes AZ IDs and allowPublicIngress through to the synthesised app', async () => {
    const { architectureFromConfig } = await import('../infra/architecture-from-config.js')
    const { configSchema } = await import('./config-schema.js')
    const v = await import('valibot')
    const config = v.parse(configSchema, {
      ...base,
      network: { availabilityZoneIds: ['use1-az1', 'use1-az2', 'use1-az4', 'use1-az6'] },
      security: { allowedCidrs: ['203.0.113.0/24', 'fd00::/8'], allowPublicIngress: true },
    })
    const dir = tempProject(config)
    const checked = await runCli(['config', 'validate'], { cwd: dir })
    expect(checked.code, checked.stderr).toBe(0)
    const arch = architectureFromConfig(config)
    expect(arch.network).toMatchObject({
      availabilityZoneIds: ['use1-az1', 'use1-az2', 'use1-az4', 'use1-az6'],
    })
    expect(arch.network).not.toHaveProperty('availabilityZones')
    expect(arch.access).toEqual({
      allowedCidrs: ['203.0.113.0/24', 'fd00::/8'],
      allowPublicIngress: true,
    })
    const { buildApp } = await import('@redshift-playground/infra')
    const assembly = buildApp(arch).app.synth()
    const azIds = assembly.stacks
      .flatMap((st) =>
        Object.values(
          (
            st.template as {
              Resources: Record<
                string,
                { Type: string; Properties: { AvailabilityZoneId?: string } }
              >
            }
          ).Resources,
        ),
      )
      .filter((r) => r.Type === 'AWS::EC2::Subnet')
      .map((r) => r.Properties.AvailabilityZoneId)
      .sort()
    expect(azIds).toEqual(['use1-az1', 'use1-az2', 'use1-az4', 'use1-az6'])
  })

  it('accepts the minimal config and applies the defaults', async () => {
    const result = await runCli(['config', 'validate', '--json'], { cwd: tempProject(base) })
    expect(result.code).toBe(0)
    const config = JSON.parse(result.stdout)
    expect(config.network).toEqual({
      vpcCidr: '10.20.0.0/16',
      availabilityZones: 3,
      subnetPrefix: 23,
      enhancedVpcRouting: true,
    })
    expect(config.consumers.workloads.map((w: { name: string }) => w.name)).toEqual([
      'analytics',
      'reporting',
    ])
    expect(config.datashare).toEqual({
      name: 'airline_share',
      objects: ['airline_dw'],
      includeNew: true,
      publiclyAccessible: 'auto',
    })
  })
})
