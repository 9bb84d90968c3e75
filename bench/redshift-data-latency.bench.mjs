#!/usr/bin/env node
// Redshift Data API, end to end through the real @aws-sdk/client-redshift-data against the
// emulated account's HTTP endpoint (redshift-local), in two parts:
// 1. Polling: the dialect against statements with a simulated service time of 200 ms. Target:
//    total ≤ service time + one poll interval (the interval the adaptive backoff is at when the
//    statement finishes). Baseline in the same run: the ideal client that asks exactly once,
//    right when the service time is over.
// 2. A 1-row query, ExecuteStatement → DescribeStatement until FINISHED → GetStatementResult,
//    against the same query through `pg` over the wire protocol to the same database: the
//    ratio, and the number of DescribeStatement polls. With RSP_TEST_PG_URL the account lives on
//    that PostgreSQL server and `pg` connects to it; otherwise it lives in PGlite, served to `pg`
//    with pglite-socket.
// Prints human lines, then one JSON line with the ratios. Requires built dists.
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data'
import { Kysely, sql } from 'kysely'
import pg from 'pg'
import { RedshiftDataDialect } from '../packages/redshift-data/dist/index.js'
import {
  LocalRedshift,
  PostgresEngine,
  startDataApiServer,
} from '../packages/redshift-local/dist/index.js'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
const SERVICE_MS = 200
const RUNS = 15
const ROUND_TRIPS = 40
const polling = { initialDelayMs: 10, multiplier: 1.5, maxDelayMs: 1000 } // the dialect's defaults
const QUERY = 'select g as n, g * 2 as twice from generate_series(1, 50) g'
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const credentials = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' }

const pgUrl = process.env.RSP_TEST_PG_URL
const engine = pgUrl
  ? await PostgresEngine.create({
      url: pgUrl,
      pool: (u, max) => new pg.Pool({ connectionString: u, max }),
    })
  : undefined
const rs = await LocalRedshift.create(engine ? { engine } : {})
const ns = await rs.createNamespace({ name: 'bench' })

// ── 1. polling against a 200 ms service time
const slow = await startDataApiServer({ redshift: rs, faults: { serviceTimeMs: SERVICE_MS } })
const client = new RedshiftDataClient({ endpoint: slow.url, region: 'us-east-1', credentials })
const db = new Kysely({
  dialect: new RedshiftDataDialect({
    client,
    workgroupName: 'bench',
    database: 'dev',
    secretArn: ns.adminSecretArn,
    polling,
  }),
})
let elapsed = 0
let interval = polling.initialDelayMs
for (let n = 0; elapsed < SERVICE_MS; n++) {
  interval = Math.min(polling.maxDelayMs, polling.initialDelayMs * polling.multiplier ** n)
  elapsed += interval
}
const bound = SERVICE_MS + interval
await sql.raw(QUERY).execute(db) // warm-up
const session = await rs.connect({
  workgroup: 'bench',
  database: 'dev',
  identity: { kind: 'secret', arn: ns.adminSecretArn },
})
const totals = []
const polls = []
for (let i = 0; i < RUNS; i++) {
  const before = slow.calls.DescribeStatement ?? 0
  const t0 = performance.now()
  const { rows } = await sql.raw(QUERY).execute(db)
  totals.push(performance.now() - t0)
  polls.push((slow.calls.DescribeStatement ?? 0) - before)
  if (rows.length !== 50) throw new Error(`expected 50 rows, got ${rows.length}`)
}
const baselines = []
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now()
  await sleep(SERVICE_MS)
  await session.query(QUERY)
  baselines.push(performance.now() - t0)
}
await db.destroy()
client.destroy()
await slow.close()

// ── 2. a 1-row query: the SDK's three calls against pg over the wire
const server = await startDataApiServer({ redshift: rs })
const sdk = new RedshiftDataClient({ endpoint: server.url, region: 'us-east-1', credentials })
const oneRow = 'select 1 as one'
async function viaSdk() {
  const { Id } = await sdk.send(
    new ExecuteStatementCommand({
      WorkgroupName: 'bench',
      Database: 'dev',
      SecretArn: ns.adminSecretArn,
      Sql: oneRow,
    }),
  )
  let describes = 0
  for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
    describes++
    const d = await sdk.send(new DescribeStatementCommand({ Id }))
    if (d.Status === 'FINISHED') break
    if (d.Status === 'FAILED' || d.Status === 'ABORTED') throw new Error(d.Error)
    await sleep(wait)
  }
  const r = await sdk.send(new GetStatementResultCommand({ Id }))
  if (r.Records?.[0]?.[0]?.longValue !== 1) throw new Error('unexpected result')
  return describes
}
let wire
let stopWire = async () => {}
if (pgUrl) {
  // The account's database on the same server, read directly over the wire.
  const dbName = await rs.engine.connect().then(async (c) => {
    const r = await c.query('select current_database()')
    await c.release()
    return r.rows[0][0]
  })
  const url = new URL(pgUrl)
  url.pathname = `/${dbName}`
  wire = new pg.Client({ connectionString: url.toString() })
} else {
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket')
  const socket = new PGLiteSocketServer({ db: rs.engine.db, port: 0, host: '127.0.0.1' })
  await socket.start()
  const port = Number(socket.getServerConn().split(':').pop())
  wire = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' })
  stopWire = () => socket.stop()
}
await wire.connect()
for (let i = 0; i < 5; i++) {
  await viaSdk()
  await wire.query(oneRow)
}
const sdkTimes = []
const sdkPolls = []
const wireTimes = []
for (let i = 0; i < ROUND_TRIPS; i++) {
  let t0 = performance.now()
  sdkPolls.push(await viaSdk())
  sdkTimes.push(performance.now() - t0)
  t0 = performance.now()
  await wire.query(oneRow)
  wireTimes.push(performance.now() - t0)
}
await wire.end()
await stopWire()
sdk.destroy()
await server.close()
await session.close()
await rs.close()

const total = median(totals)
const baseline = median(baselines)
const within = totals.filter((t) => t <= bound).length
const sdkMs = median(sdkTimes)
const wireMs = median(wireTimes)
console.log(`engine: ${pgUrl ? 'PostgreSQL server' : 'PGlite (wire via pglite-socket)'}`)
console.log(
  `service time ${SERVICE_MS} ms; poll interval at finish ${interval.toFixed(1)} ms; bound ${bound.toFixed(1)} ms`,
)
console.log(
  `dialect total per query: median ${total.toFixed(1)} ms (min ${Math.min(...totals).toFixed(1)}, max ${Math.max(...totals).toFixed(1)})`,
)
console.log(`baseline (ask once at exactly ${SERVICE_MS} ms): median ${baseline.toFixed(1)} ms`)
console.log(
  `DescribeStatement polls per query: median ${median(polls)}; ${within}/${RUNS} queries within the bound`,
)
console.log(
  `1-row query: SDK Execute → Describe×${median(sdkPolls)} → GetStatementResult median ${sdkMs.toFixed(2)} ms; pg over the wire ${wireMs.toFixed(2)} ms; ratio ${(sdkMs / wireMs).toFixed(1)}×`,
)
console.log(
  JSON.stringify({
    bench: 'redshift-data-latency',
    engine: pgUrl ? 'postgres' : 'pglite',
    serviceMs: SERVICE_MS,
    pollIntervalAtFinishMs: Number(interval.toFixed(1)),
    ratioTotalToService: Number((total / SERVICE_MS).toFixed(3)),
    ratioTotalToBaseline: Number((total / baseline).toFixed(3)),
    ratioBoundToService: Number((bound / SERVICE_MS).toFixed(3)),
    pollsPerQuery: median(polls),
    withinBound: `${within}/${RUNS}`,
    oneRowSdkMs: Number(sdkMs.toFixed(2)),
    oneRowWireMs: Number(wireMs.toFixed(2)),
    ratioSdkToWire: Number((sdkMs / wireMs).toFixed(2)),
    oneRowDescribePolls: median(sdkPolls),
  }),
)
