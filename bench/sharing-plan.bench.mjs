// Planning speed of @redshift-playground/sharing: validate + plan + render a share of all
// airline_dw tables to 200 consumers (with masking and RLS), on Redshift and the local target,
// against a baseline measured in the same run — the same statements built by bare template
// strings (no validation, no quoting, no diffing). Reports ours / baseline.
import { performance } from 'node:perf_hooks'
import {
  defineDatashare,
  emptyState,
  localRenderer,
  planDatashare,
  redshiftRenderer,
  renderScript,
} from '../packages/sharing/dist/index.js'

const tables = [
  'dim_aircraft',
  'dim_airport',
  'dim_customer',
  'dim_date',
  'dim_flight',
  'fact_bookings',
  'fact_daily_revenue',
  'fact_flight_operations',
]
const hex = (i) => i.toString(16).padStart(12, '0')
const consumers = Array.from({ length: 200 }, (_, i) => ({
  name: `consumer_${i}`,
  namespace: `a1b2c3d4-0001-4a5b-8c9d-${hex(i)}`,
  database: `airline_shared_${i}`,
  withPermissions: true,
  readers: [{ role: `bi_${i}` }],
}))
const spec = {
  name: 'airline_share',
  producer: { namespace: '13b8833d-17c6-4f16-8fe4-1a018f5ed00d', database: 'dev' },
  objects: [{ schema: 'airline_dw', tables: 'all', includeNew: true }],
  consumers,
  policies: {
    masking: [
      {
        name: 'mask_pii',
        table: 'airline_dw.dim_customer',
        columns: ['first_name', 'last_name', 'email', 'phone', 'birth_date'],
      },
    ],
    rowLevelSecurity: [
      {
        name: 'na_only',
        table: 'airline_dw.dim_airport',
        column: 'region',
        values: ['North America'],
        consumers: consumers.slice(0, 50).map((c) => c.name),
      },
    ],
  },
}

function ours(renderer) {
  const share = defineDatashare(spec)
  const plan = planDatashare(share, emptyState({ airline_dw: tables }), renderer)
  return renderScript(plan).reduce((n, s) => n + s.sql.length, 0)
}

function baseline() {
  const out = [
    `CREATE DATASHARE ${spec.name};`,
    `ALTER DATASHARE ${spec.name} ADD SCHEMA airline_dw;`,
    `ALTER DATASHARE ${spec.name} ADD ALL TABLES IN SCHEMA airline_dw;`,
  ]
  for (const c of consumers)
    out.push(`GRANT USAGE ON DATASHARE ${spec.name} TO NAMESPACE '${c.namespace}';`)
  for (const c of consumers) {
    out.push(
      `CREATE DATABASE ${c.database} WITH PERMISSIONS FROM DATASHARE ${spec.name} OF NAMESPACE '${spec.producer.namespace}';`,
    )
    out.push(`GRANT USAGE ON DATABASE ${c.database} TO ROLE bi;`)
    out.push(`CREATE MASKING POLICY mask_pii WITH (first_name varchar(50)) USING ('****');`)
    out.push(
      `ATTACH MASKING POLICY mask_pii ON ${c.database}.airline_dw.dim_customer (first_name) TO PUBLIC;`,
    )
  }
  return out.join('\n').length
}

function time(fn, rounds = 30) {
  for (let i = 0; i < 5; i++) fn()
  const samples = []
  for (let i = 0; i < rounds; i++) {
    const t = performance.now()
    fn()
    samples.push(performance.now() - t)
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]
}

const base = time(baseline)
const redshift = time(() => ours(redshiftRenderer()))
const local = time(() => ours(localRenderer()))
console.log(`baseline (bare strings, 200 consumers): ${base.toFixed(3)} ms`)
console.log(
  `redshift plan + render:                 ${redshift.toFixed(3)} ms (${(redshift / base).toFixed(1)}x baseline)`,
)
console.log(
  `local plan + render:                    ${local.toFixed(3)} ms (${(local / base).toFixed(1)}x baseline)`,
)
console.log(
  JSON.stringify({
    consumers: 200,
    baselineMs: +base.toFixed(3),
    redshiftRatio: +(redshift / base).toFixed(2),
    localRatio: +(local / base).toFixed(2),
  }),
)
