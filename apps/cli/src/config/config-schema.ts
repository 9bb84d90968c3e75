import {
  AVAILABILITY_ZONE_ID,
  parseAnyCidr,
  parseIpv4Cidr,
} from '@redshift-playground/infra/network-rules'
import {
  isAllowedMaxCapacity,
  MAX_CAPACITY_CEILING,
  isAllowedBaseCapacity as onBaseCapacityLadder,
} from '@redshift-playground/schema/aws-limits'
import * as v from 'valibot'

// Messages carry the problem and the fix separated by a NUL, so the issue formatter can
// name field, value, problem and fix separately (see parse-config.ts).
const SEP = '\u0000'
const m = (problem: string, fix: string): string => `${problem}${SEP}${fix}`
export const MESSAGE_SEPARATOR = SEP

function strict<const E extends v.ObjectEntries>(entries: E, description: string) {
  return v.pipe(
    v.strictObject(
      entries,
      m(
        'unknown key',
        `remove it or fix its spelling; the keys allowed here are ${Object.keys(entries).join(', ')}`,
      ),
    ),
    v.description(description),
  )
}

/**
 * Role names PostgreSQL refuses (`CREATE ROLE public` fails: "role name "public" is reserved";
 * `pg_` starts the names of its predefined roles). Consumers and the datashare become roles
 * on the local target.
 */
export function isReservedRoleName(name: string): boolean {
  return name === 'public' || name === 'none' || name.startsWith('pg_')
}

/**
 * Allowed Serverless base capacities: 4, 8–512 in steps of 8, 544–1024 in steps of 32 (the
 * ladder lives in `@redshift-playground/schema/aws-limits`; which Regions offer more than 512
 * is a cross-field check).
 */
export function isAllowedBaseCapacity(capacity: number): boolean {
  return onBaseCapacityLadder(capacity)
}

/** S3 bucket naming rules: 3–63 characters, lower-case letters, digits, dots and hyphens. */
export function isS3BucketName(name: string): boolean {
  return (
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) &&
    !name.includes('..') &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(name)
  )
}

/** A key prefix: no leading slash, no URL, at most 512 characters, no control characters. */
export function isS3KeyPrefix(prefix: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  return prefix.length <= 512 && !prefix.startsWith('/') && !/^s3:|[\u0000-\u001f]/.test(prefix)
}

const baseCapacity = v.pipe(
  v.number(),
  v.check(
    isAllowedBaseCapacity,
    m(
      'not an allowed base capacity',
      'use 4, a multiple of 8 up to 512, or a multiple of 32 from 512 to 1024',
    ),
  ),
  v.description(
    'Base capacity in RPUs (CreateWorkgroup baseCapacity): 4, 8–512 in steps of 8, 512–1024 in steps of 32.',
  ),
)
const maxCapacity = v.pipe(
  v.number(),
  v.check(
    isAllowedMaxCapacity,
    m('not an allowed maximum capacity', `use 4 or a multiple of 8 up to ${MAX_CAPACITY_CEILING}`),
  ),
  v.description(
    'Maximum capacity in RPUs (CreateWorkgroup maxCapacity); at least the base capacity.',
  ),
)
const hoursPerDay = v.pipe(
  v.number(),
  v.minValue(0, m('hours per day cannot be negative', 'use a number from 0 to 24')),
  v.maxValue(24, m('a day has 24 hours', 'use a number from 0 to 24')),
  v.description('Hours of active use per day, for the cost estimate.'),
)

/** True for a syntactically valid IPv4 CIDR block. */
export function isIpv4Cidr(text: string): boolean {
  return parseIpv4Cidr(text) !== undefined
}
const cidr = (what: string) =>
  v.pipe(
    v.string(),
    v.check(isIpv4Cidr, m(`not an IPv4 CIDR block`, `write ${what} like 10.20.0.0/16`)),
  )
const clientCidr = v.pipe(
  v.string(),
  v.check(
    (text: string) => parseAnyCidr(text) !== undefined,
    m('not an IPv4 or IPv6 CIDR block', 'write each CIDR like 10.0.0.0/8 or fd00::/8'),
  ),
)

const workload = strict(
  {
    name: v.pipe(
      v.string(),
      v.regex(
        /^[a-z][a-z0-9-]{0,29}$/,
        m(
          'not a valid consumer name',
          'use 1–30 characters: lower-case letters, digits and -, starting with a letter',
        ),
      ),
      // It names the workgroup, the CloudFormation parameter of its namespace id
      // (a-b → ABNamespaceId: a double or trailing - leaves an invalid Fn::Sub variable) and,
      // with - as _, the consumer's role on the local target.
      v.check(
        (name) => !/--|-$/.test(name),
        m(
          'a consumer name cannot have a double - or end with -',
          'join the words with a single -, like "sales-eu"',
        ),
      ),
      v.check(
        (name) => !isReservedRoleName(name.replaceAll('-', '_')),
        m(
          'a reserved role name in PostgreSQL (the local target makes a role per consumer)',
          'pick another name, like "analytics"; names starting with pg- and the names public and none are reserved',
        ),
      ),
    ),
    baseCapacity,
    maxCapacity,
    public: v.optional(
      v.pipe(v.boolean(), v.description('Publicly accessible workgroup (default false).')),
      false,
    ),
    hoursPerDay: v.optional(hoursPerDay, 8),
  },
  'A consumer workgroup sized for one workload.',
)

const usageLimit = strict(
  {
    rpuHours: v.pipe(
      v.number(),
      v.integer(m('must be a whole number of RPU-hours', 'use an integer like 500')),
      v.minValue(1, m('must be at least 1 RPU-hour', 'use an integer like 500')),
    ),
    period: v.optional(
      v.picklist(
        ['daily', 'weekly', 'monthly'],
        m('unknown period', 'use daily, weekly or monthly'),
      ),
      'monthly',
    ),
    breachAction: v.optional(
      v.picklist(
        ['log', 'emit-metric', 'deactivate'],
        m('unknown breach action', 'use log, emit-metric or deactivate'),
      ),
      'emit-metric',
    ),
  },
  'A usage limit (CreateUsageLimit, serverless-compute).',
)

const positivePrice = v.pipe(
  v.number(),
  v.minValue(0, m('a price cannot be negative', 'use a USD amount of 0 or more')),
)

export const SEED_WORKLOADS = Object.freeze([
  Object.freeze({
    name: 'analytics',
    baseCapacity: 32,
    maxCapacity: 128,
    public: false,
    hoursPerDay: 8,
  }),
  Object.freeze({
    name: 'reporting',
    baseCapacity: 32,
    maxCapacity: 64,
    public: false,
    hoursPerDay: 8,
  }),
])

/** A datashare name: an identifier of the local target (a role) and of Redshift. */
const shareName = v.pipe(
  v.string(),
  v.regex(
    /^[a-z_][a-z0-9_]{0,126}$/,
    m(
      'not a valid datashare name',
      'use lower-case letters, digits and _, starting with a letter or _, at most 63 characters',
    ),
  ),
  v.maxLength(
    63,
    m(
      'longer than 63 characters, the limit of the local target (PostgreSQL truncates longer names; Redshift allows 127)',
      'use at most 63 characters, like "airline_share"',
    ),
  ),
  v.check(
    (name) => !isReservedRoleName(name),
    m(
      'a reserved name in PostgreSQL (the local target keeps the share’s grants in a role of this name)',
      'pick another name, like "airline_share"; names starting with pg_ and the names public and none are reserved',
    ),
  ),
)
const shareObjects = v.pipe(
  v.array(v.string()),
  v.minLength(
    1,
    m(
      'a datashare needs at least one object',
      'list a schema ("airline_dw") or tables ("airline_dw.dim_date")',
    ),
  ),
  v.description(
    '"schema" shares all tables in it; "schema.table" (or "schema.view") shares one table or view of the airline model.',
  ),
)
const includeNew = v.pipe(
  v.boolean(),
  v.description(
    'Tables created later in a shared schema join the share (INCLUDENEW). Not set in a share whose tables carry a masking or row-level-security policy (a view created later could read around it); there new tables and views join at the next rsp share, each view checked.',
  ),
)
const publiclyAccessible = v.union(
  [v.literal('auto'), v.boolean()],
  m(
    'must be "auto", true or false',
    'use "auto" (true only if a consumer is public), true or false',
  ),
)

/** The `rsp.config.json` schema (structure and per-field rules; cross-field rules live in validate-config.ts). */
export const configSchema = strict(
  {
    $schema: v.optional(v.string()),
    project: v.pipe(
      v.string(),
      v.regex(
        /^[a-z][a-z0-9-]{2,39}$/,
        m(
          'not a valid project name',
          'use 3–40 characters: lower-case letters, digits and -, starting with a letter (it prefixes every workgroup name)',
        ),
      ),
      v.description('Project name: prefixes stacks, namespaces and workgroups.'),
    ),
    region: v.optional(
      v.pipe(
        v.string(),
        v.regex(
          /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/,
          m('not an AWS region name', 'use a region code like us-east-1'),
        ),
      ),
    ),
    profile: v.optional(
      v.pipe(
        v.string(),
        v.minLength(
          1,
          m('empty profile name', 'remove the key or name a profile from ~/.aws/config'),
        ),
      ),
    ),
    network: v.optional(
      strict(
        {
          vpcCidr: v.optional(cidr('the VPC CIDR'), '10.20.0.0/16'),
          availabilityZones: v.optional(
            v.picklist(
              [2, 3],
              m(
                'Redshift Serverless needs 2 or 3 availability zones here',
                'use 2, or 3 (required with enhanced VPC routing)',
              ),
            ),
            3,
          ),
          subnetPrefix: v.optional(
            v.pipe(
              v.number(),
              v.integer(m('must be an integer prefix length', 'use a prefix like 23')),
              v.minValue(
                16,
                m(
                  'subnets larger than /16 are not allowed in a VPC',
                  'use a prefix from 16 to 28, like 23',
                ),
              ),
              v.maxValue(
                28,
                m(
                  'subnets smaller than /28 are not allowed in a VPC',
                  'use a prefix from 16 to 28, like 23',
                ),
              ),
            ),
            23,
          ),
          enhancedVpcRouting: v.optional(v.boolean(), true),
          availabilityZoneIds: v.optional(
            v.pipe(
              v.array(
                v.pipe(
                  v.string(),
                  v.regex(
                    AVAILABILITY_ZONE_ID,
                    m(
                      'not an Availability Zone ID',
                      'use IDs like use1-az1 (the ZoneId column of aws ec2 describe-availability-zones), not AZ names like us-east-1a',
                    ),
                  ),
                ),
              ),
              v.description(
                'Place the new VPC’s subnets in these Availability Zone IDs (one subnet each) instead of the Region’s first AZs; use AZ IDs where Redshift Serverless is offered. Sets the AZ count.',
              ),
            ),
          ),
          vpcId: v.optional(
            v.pipe(
              v.string(),
              v.regex(
                /^vpc-[0-9a-f]{8,17}$/,
                m('not a VPC id', 'use an id like vpc-0abc12345def67890'),
              ),
            ),
          ),
          subnetIds: v.optional(
            v.array(
              v.pipe(
                v.string(),
                v.regex(
                  /^subnet-[0-9a-f]{8,17}$/,
                  m('not a subnet id', 'use ids like subnet-0abc12345def67890'),
                ),
              ),
            ),
          ),
          subnetAvailabilityZones: v.optional(
            v.pipe(
              v.array(
                v.pipe(
                  v.string(),
                  v.regex(
                    /^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/,
                    m('not an availability zone name', 'use names like us-east-1a'),
                  ),
                ),
              ),
              v.description(
                'The availability zone of each imported subnet, in the order of subnetIds.',
              ),
            ),
          ),
        },
        'A new VPC (vpcCidr, availabilityZones, subnetPrefix) or an imported one (vpcId, subnetIds, subnetAvailabilityZones).',
      ),
      {},
    ),
    producer: v.optional(
      strict(
        { baseCapacity, maxCapacity, hoursPerDay: v.optional(hoursPerDay, 8) },
        'The producer (ETL/write) workgroup.',
      ),
      { baseCapacity: 32, maxCapacity: 128 },
    ),
    consumers: v.optional(
      strict(
        {
          mode: v.optional(
            v.picklist(
              ['workload', 'pool'],
              m(
                'unknown consumer mode',
                'use "workload" (named, sized per workload) or "pool" (identical consumers)',
              ),
            ),
            'workload',
          ),
          workloads: v.optional(v.array(workload), () => SEED_WORKLOADS.map((w) => ({ ...w }))),
          pool: v.optional(
            strict(
              {
                count: v.pipe(
                  v.number(),
                  v.integer(
                    m('must be a whole number of consumers', 'use an integer from 1 to 20'),
                  ),
                  v.minValue(
                    1,
                    m('a pool needs at least one consumer', 'use an integer from 1 to 20'),
                  ),
                  v.maxValue(
                    20,
                    m(
                      'more than 20 consumers per project is not supported',
                      'use an integer from 1 to 20',
                    ),
                  ),
                ),
                baseCapacity,
                maxCapacity,
                public: v.optional(v.boolean(), false),
                hoursPerDay: v.optional(hoursPerDay, 8),
              },
              'An identical pool of consumers, usually behind the NLB.',
            ),
            { count: 3, baseCapacity: 32, maxCapacity: 64 },
          ),
        },
        'Consumers: "workload" mode deploys `workloads`, "pool" mode deploys `pool`; `rsp cost` compares both.',
      ),
      {},
    ),
    loadBalancer: v.optional(
      strict(
        {
          enabled: v.optional(v.boolean(), false),
          stickiness: v.optional(v.boolean(), false),
          syncMinutes: v.optional(
            v.pipe(
              v.number(),
              v.integer(m('must be whole minutes', 'use an integer from 1 to 1440')),
              v.minValue(
                1,
                m(
                  'target sync needs at least 1 minute between runs',
                  'use an integer from 1 to 1440',
                ),
              ),
              v.maxValue(1440, m('sync at least once a day', 'use an integer from 1 to 1440')),
            ),
            5,
          ),
          nlcu: v.optional(
            v.pipe(
              v.number(),
              v.minValue(
                0,
                m('NLCUs cannot be negative', 'use the expected average NLCUs, like 1'),
              ),
            ),
            1,
          ),
        },
        'Internal NLB over every consumer endpoint IP (TCP 5439).',
      ),
      {},
    ),
    traditionalCluster: v.optional(
      strict(
        {
          enabled: v.optional(v.boolean(), false),
          nodeType: v.optional(
            v.picklist(
              ['ra3.large', 'ra3.xlplus', 'ra3.4xlarge', 'ra3.16xlarge'],
              m('unknown RA3 node type', 'use ra3.large, ra3.xlplus, ra3.4xlarge or ra3.16xlarge'),
            ),
            'ra3.xlplus',
          ),
          nodes: v.optional(
            v.pipe(
              v.number(),
              v.integer(m('must be a whole number of nodes', 'use an integer from 1 to 128')),
              v.minValue(1, m('a cluster needs at least one node', 'use an integer from 1 to 128')),
              v.maxValue(128, m('more than 128 nodes', 'use an integer from 1 to 128')),
            ),
            2,
          ),
          hoursPerDay: v.optional(hoursPerDay, 24),
        },
        'A provisioned RA3 cluster for the first load, then snapshot and restore.',
      ),
      {},
    ),
    datashare: v.optional(
      strict(
        {
          name: v.optional(shareName, 'airline_share'),
          objects: v.optional(shareObjects, ['airline_dw']),
          includeNew: v.optional(includeNew, true),
          publiclyAccessible: v.optional(publiclyAccessible, 'auto'),
        },
        'The datashare from the producer to every consumer (one share; for several, use `datashares` instead).',
      ),
      {},
    ),
    datashares: v.optional(
      v.pipe(
        v.array(
          strict(
            {
              name: shareName,
              objects: shareObjects,
              consumers: v.pipe(
                v.union(
                  [
                    v.literal('all'),
                    v.pipe(
                      v.array(v.string()),
                      v.minLength(
                        1,
                        m(
                          'a datashare needs at least one consumer',
                          'list consumer workload names like ["sales"], or use "all"',
                        ),
                      ),
                    ),
                  ],
                  m(
                    'must be "all" or a list of consumer workload names',
                    'use "all", or a list like ["analytics", "sales"]',
                  ),
                ),
                v.description(
                  '"all": every consumer of the selected mode; or the names of consumers.workloads that receive this share (workload mode only).',
                ),
              ),
              includeNew: v.optional(includeNew, true),
              publiclyAccessible: v.optional(publiclyAccessible, 'auto'),
            },
            'A datashare by domain: its objects go to the listed consumers only. Consumer database: <share>_<consumer>.',
          ),
        ),
        v.minLength(
          1,
          m(
            'an empty list shares nothing',
            'list at least one datashare, or remove "datashares" to use "datashare" (one share to every consumer)',
          ),
        ),
        v.description(
          'Several datashares by domain (replaces `datashare`; give one or the other). Every consumer must be in at least one share.',
        ),
      ),
    ),
    security: v.optional(
      strict(
        {
          masking: v.optional(v.boolean(), true),
          rowLevelSecurity: v.optional(v.boolean(), true),
          rowLevelSecurityRegions: v.optional(
            v.pipe(
              v.array(
                v.pipe(
                  v.string(),
                  v.regex(
                    /^[A-Z_]{2,30}$/,
                    m('not a region code', 'use upper-case region codes like WEST or NORTHEAST'),
                  ),
                ),
              ),
              v.minLength(
                1,
                m(
                  'row-level security needs at least one region',
                  'list regions like ["WEST"], or set rowLevelSecurity to false',
                ),
              ),
              v.description(
                'dim_airport.region values every consumer of the datashare sees (the share publishes only these airports).',
              ),
            ),
            ['WEST', 'SOUTHWEST', 'PACIFIC'],
          ),
          allowedCidrs: v.optional(
            v.pipe(
              v.array(clientCidr),
              v.description(
                'Who may reach port 5439; default: the VPC CIDR only. CIDRs with public addresses are refused unless allowPublicIngress; 0.0.0.0/0 and ::/0 always.',
              ),
            ),
            [],
          ),
          allowPublicIngress: v.optional(
            v.pipe(
              v.boolean(),
              v.description(
                'Admit allowedCidrs that contain public addresses (a partner’s office range); the whole internet (0.0.0.0/0, ::/0) stays refused.',
              ),
            ),
            false,
          ),
        },
        'Masking of customer PII, row-level security, and network access.',
      ),
      {},
    ),
    usageLimits: v.optional(
      strict(
        { producer: v.optional(usageLimit), consumers: v.optional(usageLimit) },
        'Usage limits per workgroup.',
      ),
      {},
    ),
    monitoring: v.optional(
      strict(
        {
          email: v.optional(
            v.pipe(
              v.string(),
              v.email(m('not an e-mail address', 'use an address like ops@example.com')),
            ),
          ),
          logGbPerMonth: v.optional(
            v.pipe(
              v.number(),
              v.minValue(
                0,
                m('log volume cannot be negative', 'use the expected GB per month, like 3'),
              ),
              v.description(
                'GB per month the log exports (connection, user and user-activity logs of every namespace, and of the traditional cluster) send to CloudWatch Logs, for the cost estimate; default 1 GB per warehouse.',
              ),
            ),
          ),
        },
        'CloudWatch dashboard and alarms (alarms go to `email`), and the log volume for the cost estimate.',
      ),
      {},
    ),
    budget: v.optional(
      strict(
        {
          monthlyUsd: v.pipe(
            v.number(),
            v.minValue(0, m('a budget cannot be negative', 'use a monthly USD amount, like 3000')),
          ),
        },
        'Monthly budget: diagnostics warn when the estimate is above it.',
      ),
    ),
    diagnostics: v.optional(
      strict(
        {
          freshnessMaxLagSeconds: v.optional(
            v.pipe(
              v.number(),
              v.minValue(
                0.1,
                m(
                  'a lag threshold must be at least 0.1 s',
                  'use seconds from 0.1 to 3600, like 60',
                ),
              ),
              v.maxValue(
                3600,
                m('a lag threshold of more than an hour', 'use seconds from 0.1 to 3600, like 60'),
              ),
              v.description(
                'data-plane/freshness fails when a consumer reads the producer’s marker row later than this many seconds, and warns above half of it (default 60 on Redshift, 5 on the local target). rsp diagnose --freshness-threshold overrides it.',
              ),
            ),
          ),
        },
        'Thresholds of rsp diagnose’s checks.',
      ),
      {},
    ),
    storage: v.optional(
      strict(
        {
          gb: v.optional(
            v.pipe(
              v.number(),
              v.minValue(
                0,
                m('storage cannot be negative', 'use the expected managed storage in GB, like 100'),
              ),
            ),
            100,
          ),
        },
        'Managed storage, for the cost estimate (shared data is stored once).',
      ),
      {},
    ),
    daysPerMonth: v.optional(
      v.pipe(
        v.number(),
        v.minValue(1, m('a month has at least 1 day of use', 'use a number from 1 to 31')),
        v.maxValue(31, m('a month has at most 31 days', 'use a number from 1 to 31')),
      ),
      30,
    ),
    prices: v.optional(
      strict(
        {
          serverlessRpuHour: v.optional(positivePrice),
          serverlessMinimumSeconds: v.optional(positivePrice),
          storageGbMonth: v.optional(positivePrice),
          provisionedNodeHour: v.optional(
            v.record(
              v.picklist(
                ['ra3.large', 'ra3.xlplus', 'ra3.4xlarge', 'ra3.16xlarge'],
                m(
                  'unknown RA3 node type',
                  'use ra3.large, ra3.xlplus, ra3.4xlarge or ra3.16xlarge',
                ),
              ),
              positivePrice,
            ),
          ),
          nlbHour: v.optional(positivePrice),
          nlcuHour: v.optional(positivePrice),
          kmsKeyMonth: v.optional(positivePrice),
          kmsRequests10k: v.optional(positivePrice),
          secretMonth: v.optional(positivePrice),
          logsIngestGb: v.optional(positivePrice),
        },
        'Price overrides in USD (defaults: us-east-1, see `rsp cost`).',
      ),
      {},
    ),
    local: v.optional(
      strict(
        {
          scale: v.optional(
            v.pipe(
              v.number(),
              v.minValue(0.0001, m('scale too small', 'use a scale from 0.0001 to 10, like 0.01')),
              v.maxValue(
                10,
                m(
                  'scale above 10 is too big for the embedded target',
                  'use a scale from 0.0001 to 10, or a PostgreSQL server with rsp load',
                ),
              ),
            ),
            0.01,
          ),
          seed: v.optional(
            v.pipe(v.number(), v.integer(m('must be an integer', 'use an integer seed like 42'))),
            42,
          ),
          dir: v.optional(
            v.pipe(
              v.string(),
              v.minLength(1, m('empty directory', 'remove the key for an in-memory database')),
            ),
          ),
          port: v.optional(
            v.pipe(
              v.number(),
              v.integer(m('must be an integer port', 'use a port from 1024 to 65535, like 5439')),
              v.minValue(
                1024,
                m('ports below 1024 need root', 'use a port from 1024 to 65535, like 5439'),
              ),
              v.maxValue(65535, m('not a TCP port', 'use a port from 1024 to 65535, like 5439')),
            ),
            5439,
          ),
        },
        'The embedded (PGlite) target of rsp demo and rsp local serve.',
      ),
      {},
    ),
    load: v.optional(
      strict(
        {
          bucket: v.pipe(
            v.string(),
            v.check(
              isS3BucketName,
              m(
                'not an S3 bucket name',
                'use the name of a bucket you own (3–63 lower-case letters, digits, . and -, no s3://); rsp does not create it',
              ),
            ),
            v.description(
              'An existing bucket you own: rsp load and rsp deploy upload the data here, and the producer’s COPY role may read it.',
            ),
          ),
          prefix: v.optional(
            v.pipe(
              v.string(),
              v.check(
                isS3KeyPrefix,
                m(
                  'not an S3 key prefix',
                  'use a key prefix like "airline/" (no leading /, no s3://, at most 512 characters)',
                ),
              ),
              v.description('Key prefix for the uploaded parts and manifests.'),
            ),
            'airline/',
          ),
          scale: v.optional(
            v.pipe(
              v.number(),
              v.minValue(0.001, m('scale too small', 'use a scale from 0.001 to 1000, like 1')),
              v.maxValue(1000, m('scale too large', 'use a scale from 0.001 to 1000, like 1')),
              v.description('Scale of the data set rsp deploy loads (1 ≈ 1M bookings).'),
            ),
            1,
          ),
          seed: v.optional(
            v.pipe(v.number(), v.integer(m('must be an integer', 'use an integer seed like 42'))),
            42,
          ),
          database: v.optional(
            v.pipe(
              v.string(),
              v.regex(
                /^[a-z_][a-z0-9_$]{0,126}$/,
                m('not a database name', 'use lower-case letters, digits and _, like "dev"'),
              ),
            ),
            'dev',
          ),
          secretArn: v.optional(
            v.pipe(
              v.string(),
              v.regex(
                /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@!-]+$/,
                m(
                  'not a Secrets Manager secret ARN',
                  'use an ARN like arn:aws:secretsmanager:us-east-1:123456789012:secret:name, or remove the key to use the producer namespace’s managed admin secret',
                ),
              ),
              v.description(
                'A Secrets Manager secret whose database user runs the producer’s migration, COPY and datashare statements (default: the namespace’s managed admin secret, found with GetNamespace; --secret-arn overrides, --iam-identity sets it aside).',
              ),
            ),
          ),
        },
        'Loading the data set into the producer: S3 upload, then COPY through the Data API (rsp load --to s3-copy, and rsp deploy’s load step).',
      ),
    ),
  },
  'rsp.config.json: the Redshift Serverless producer/consumer data-sharing project.',
)

export type RspConfigInput = v.InferInput<typeof configSchema>
export type RspConfig = v.InferOutput<typeof configSchema>
export type WorkloadConsumer = RspConfig['consumers']['workloads'][number]
export type DatashareConfig = NonNullable<RspConfig['datashares']>[number]
