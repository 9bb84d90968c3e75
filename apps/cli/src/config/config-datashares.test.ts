import { describe, expect, it } from 'vitest'
import { runCli, tempProject } from '../test-cli.js'
import { DOMAIN_LAYOUT } from './domain-layout.js'
import { validateConfigOrFail } from './validate-config.js'

const HEADER = 'error rsp.config.json is invalid (nothing was synthesised or sent):\n'
const W = {
  mode: 'workload',
  workloads: [
    { name: 'analytics', baseCapacity: 32, maxCapacity: 128 },
    { name: 'sales', baseCapacity: 32, maxCapacity: 64 },
    { name: 'operations', baseCapacity: 32, maxCapacity: 64 },
  ],
}
const base = { project: 'airline', consumers: W }
const core = { name: 'core', objects: ['airline_dw.dim_date'], consumers: 'all' }
const RELATIONS =
  'airline_dw.dim_date, airline_dw.dim_airport, airline_dw.dim_aircraft, airline_dw.dim_flight, airline_dw.dim_customer, airline_dw.fact_flight_operations, airline_dw.fact_bookings, airline_dw.fact_daily_revenue, staging.flight_operations_raw, staging.bookings_raw, rsp_meta.freshness_marker, airline_dw.v_route_performance, airline_dw.v_customer_360'

// Each invalid `datashares` config and every line `rsp` prints for it (exit 2 each time).
const matrix: readonly (readonly [string, unknown, readonly string[]])[] = [
  [
    'both datashare and datashares',
    { project: 'airline', datashare: { name: 'airline_share' }, datashares: [core] },
    [
      'datashare = {"name":"airline_share"}: both "datashare" (one share to every consumer) and "datashares" (shares by domain) are given; rsp would not know which to apply. Fix: remove "datashare" and add its share to "datashares" as {"name":"airline_share","objects":["airline_dw"],"consumers":"all","includeNew":true,"publiclyAccessible":"auto"} (consumer databases are then named <share>_<consumer> instead of airline_<consumer>), or remove "datashares"',
    ],
  ],
  [
    'two shares with one name',
    {
      ...base,
      datashares: [
        core,
        { name: 'core', objects: ['airline_dw.fact_bookings'], consumers: ['sales'] },
      ],
    },
    [
      'datashares[1].name = "core": datashares[0] has the same name. Fix: give every datashare a different name',
    ],
  ],
  [
    'a consumer that is not a workload',
    {
      ...base,
      datashares: [{ ...core, consumers: ['analytics', 'sales', 'operatons', 'operations'] }],
    },
    [
      'datashares[0].consumers[2] = "operatons": not a consumer workload of this config. Fix: use one of analytics, sales, operations (consumers.workloads[].name), or "all"',
    ],
  ],
  [
    'a consumer in no share',
    { ...base, datashares: [{ ...core, consumers: ['analytics', 'sales'] }] },
    [
      'consumers.workloads[2].name = "operations": in no datashare, so this consumer would have nothing to read. Fix: add "operations" to the consumers of a share in "datashares" (or set a share\'s consumers to "all"), or remove the consumer',
    ],
  ],
  [
    'an object not in the model',
    { ...base, datashares: [{ ...core, objects: ['airline_dw.v_route_perf'] }] },
    [
      `datashares[0].objects[0] = "airline_dw.v_route_perf": no such table or view in the airline model. Fix: use one of ${RELATIONS}`,
    ],
  ],
  [
    'pool mode with a list of consumers',
    {
      project: 'airline',
      consumers: { mode: 'pool' },
      datashares: [{ ...core, consumers: ['analytics'] }],
    },
    [
      'datashares[0].consumers = ["analytics"]: pool mode deploys identical consumers behind one endpoint (the load balancer sends each connection to any member), so every member must hold the same datashares. Fix: set "consumers": "all", or use consumers.mode "workload" to give consumers different shares',
    ],
  ],
  [
    'a share named like a consumer',
    { ...base, datashares: [{ ...core, name: 'sales' }] },
    [
      'datashares[0].name = "sales": consumer sales has the same name, and on the local target the share and each consumer are roles of one database. Fix: rename the share, like "sales_domain"',
    ],
  ],
  [
    'a share name that is not an identifier',
    { ...base, datashares: [{ ...core, name: 'Core-Share' }] },
    [
      'datashares[0].name = "Core-Share": not a valid datashare name. Fix: use lower-case letters, digits and _, starting with a letter or _, at most 63 characters',
    ],
  ],
  [
    'a consumer database over 63 bytes',
    {
      ...base,
      consumers: { mode: 'workload', workloads: [W.workloads[0]] },
      datashares: [{ ...core, name: 'a'.repeat(55) }],
    },
    [
      `datashares[0].name = "${'a'.repeat(55)}": the database of consumer analytics from this share, ${'a'.repeat(55)}_analytics, is 65 bytes; the local target (PostgreSQL) allows 63. Fix: shorten the share name to at most 53 characters, or the consumer name`,
    ],
  ],
  [
    'two consumer databases with one name',
    {
      project: 'airline',
      consumers: {
        mode: 'workload',
        workloads: [
          { name: 'b-c', baseCapacity: 32, maxCapacity: 64 },
          { name: 'c', baseCapacity: 32, maxCapacity: 64 },
        ],
      },
      datashares: [
        { ...core, name: 'a', consumers: ['b-c'] },
        { ...core, name: 'a_b', consumers: ['c'] },
      ],
    },
    [
      'datashares[1].name = "a_b": the database of consumer c from this share, a_b_c, is also the database of consumer b-c from a. Fix: rename the share or the consumer so that every <share>_<consumer> differs',
    ],
  ],
  [
    'a consumer database named like a producer schema',
    {
      project: 'airline',
      consumers: {
        mode: 'workload',
        workloads: [{ name: 'dw', baseCapacity: 32, maxCapacity: 64 }],
      },
      datashares: [{ ...core, name: 'airline' }],
    },
    [
      'datashares[0].name = "airline": the database of consumer dw from this share, airline_dw, is a schema of the producer; on the local target consumer databases are schemas of the same database. Fix: rename the share or the consumer',
    ],
  ],
  [
    'a view that reads around row-level security',
    { ...base, datashares: [{ ...core, objects: ['airline_dw.v_route_performance'] }] },
    [
      'datashares[0].objects[0] = "airline_dw.v_route_performance": the view reads every row of airline_dw.dim_airport on the producer, so consumers would see rows that security.rowLevelSecurity filters out. Fix: remove the view from the share, or set security.rowLevelSecurity to false',
    ],
  ],
  [
    'a masked table reaching a consumer through two shares',
    {
      ...base,
      security: { rowLevelSecurity: false },
      datashares: [
        { ...core, objects: ['airline_dw.dim_customer'] },
        { name: 'sales_domain', objects: ['airline_dw'], consumers: ['sales'] },
      ],
    },
    [
      'datashares[1].objects = ["airline_dw"]: airline_dw.dim_customer (protected by security.masking) would reach consumer sales through core and sales_domain. Fix: share airline_dw.dim_customer with sales in one datashare only',
    ],
  ],
  [
    'an empty list',
    { project: 'airline', datashares: [] },
    [
      'datashares = []: an empty list shares nothing. Fix: list at least one datashare, or remove "datashares" to use "datashare" (one share to every consumer)',
    ],
  ],
  [
    'every problem at once, per-field and cross-field',
    {
      ...base,
      producer: { baseCapacity: 33, maxCapacity: 64 },
      datashares: [{ ...core, consumers: ['analytics', 'ghost'] }],
    },
    [
      'producer.baseCapacity = 33: not an allowed base capacity. Fix: use 4, a multiple of 8 up to 512, or a multiple of 32 from 512 to 1024',
      'datashares[0].consumers[1] = "ghost": not a consumer workload of this config. Fix: use one of analytics, sales, operations (consumers.workloads[].name), or "all"',
      'consumers.workloads[1].name = "sales": in no datashare, so this consumer would have nothing to read. Fix: add "sales" to the consumers of a share in "datashares" (or set a share\'s consumers to "all"), or remove the consumer',
      'consumers.workloads[2].name = "operations": in no datashare, so this consumer would have nothing to read. Fix: add "operations" to the consumers of a share in "datashares" (or set a share\'s consumers to "all"), or remove the consumer',
    ],
  ],
]

describe('datashares: config validation', () => {
  for (const [name, config, lines] of matrix) {
    it(`${name}: exit 2 with the exact message, nothing applied`, async () => {
      const dir = tempProject(config)
      const r = await runCli(['share', '--dir', `${dir}/db`], { cwd: dir })
      expect(r.stdout).toBe('')
      expect(r.stderr).toBe(`${HEADER}${lines.map((l) => `  - ${l}\n`).join('')}`)
      expect(r.code).toBe(2)
      // Refused before the local database was even opened.
      expect(await import('node:fs').then((fs) => fs.existsSync(`${dir}/db`))).toBe(false)
    })
  }

  it('accepts the domain layout and a pool whose shares all go to "all"', () => {
    expect(() => validateConfigOrFail({ project: 'airline', ...DOMAIN_LAYOUT })).not.toThrow()
    const pool = validateConfigOrFail({
      project: 'airline',
      consumers: { mode: 'pool', pool: { count: 2, baseCapacity: 8, maxCapacity: 32 } },
      loadBalancer: { enabled: true },
      datashares: [
        core,
        { name: 'ops', objects: ['airline_dw.fact_flight_operations'], consumers: 'all' },
      ],
    })
    expect(pool.datashares?.map((d) => d.includeNew)).toEqual([true, true])
  })
})
