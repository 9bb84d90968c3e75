#!/usr/bin/env node
// `rsp local serve` as a multi-client endpoint (issue 18). Three measurements, each against a
// baseline taken in the same run, reported as ratios:
//  1. concurrency: 10 clients × pg_sleep(1) at once, wall time ÷ one client's (≈ 1× when the
//     server runs them side by side; the PGlite socket server it replaced serialised them, ≈ 10×);
//  2. throughput: `rsp loadtest` against `rsp local serve` ÷ `pgbench -S` against the
//     PostgreSQL server of RSP_TEST_PG_URL on this machine, same concurrency and duration, on the
//     same pgbench tables (scale 1); plus the two crossed runs (pgbench -S against the served
//     endpoint, rsp loadtest against the server) to tell the tool from the server;
//  3. start-up: `rsp local serve --dir` of a scale-0.01 database (copy into a fresh server)
//     ÷ opening that database in PGlite (what the old server did before it listened).
// Requires built dists (`nx run @redshift-playground/cli:build`); pgbench and RSP_TEST_PG_URL
// are optional (their parts are skipped, and say so).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

// RSP_BIN: another build of the CLI (default: apps/cli/dist/bin.js).
const bin =
  process.env.RSP_BIN ?? fileURLToPath(new URL('../apps/cli/dist/bin.js', import.meta.url))
if (!existsSync(bin)) {
  console.error('local-serve: build the CLI first (apps/cli/dist/bin.js is missing)')
  process.exit(1)
}
const cliDir = fileURLToPath(new URL('../apps/cli/', import.meta.url))
const require = createRequire(join(cliDir, 'package.json'))
const pg = require('pg')
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8)
const work = mkdtempSync(join(tmpdir(), 'rsp-bench-serve-'))
const env = { ...process.env, NO_COLOR: '1' }
const has = (cmd) => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0

function rsp(args) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: work,
    encoding: 'utf8',
    env,
    maxBuffer: 64 << 20,
  })
  if (r.status !== 0) throw new Error(`rsp ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  return r.stdout
}

/** Starts `rsp local serve`; resolves once it prints its port. */
function serve(args) {
  const t0 = performance.now()
  const child = spawn(process.execPath, [bin, 'local', 'serve', '--port', '0', ...args], {
    cwd: work,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stderr.on('data', (d) => {
    err += d
  })
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`rsp local serve exited ${code}: ${err}`)))
    child.stdout.on('data', (d) => {
      out += d
      const port = / on 127\.0\.0\.1:(\d+), started in ([\d.]+) s/.exec(out)
      const phases =
        /read ([\d.]+) s while the server started \(([\d.]+) s\), copy restored ([\d.]+) s/.exec(
          out,
        )
      if (port && out.includes('Ctrl-C stops it'))
        resolve({
          port: Number(port[1]),
          wallMs: performance.now() - t0,
          reportedMs: Number(port[2]) * 1000,
          phases: phases
            ? { readS: Number(phases[1]), serverS: Number(phases[2]), restoreS: Number(phases[3]) }
            : undefined,
          stop: () =>
            new Promise((r) => {
              child.removeAllListeners('exit')
              child.once('exit', r)
              child.kill('SIGINT')
            }),
        })
    })
  })
}

async function sleeps(config, n) {
  const clients = await Promise.all(
    Array.from({ length: n }, async () => {
      const c = new pg.Client(config)
      await c.connect()
      return c
    }),
  )
  const t0 = performance.now()
  await Promise.all(clients.map((c) => c.query('SELECT pg_sleep(1)')))
  const ms = performance.now() - t0
  await Promise.all(clients.map((c) => c.end()))
  return ms
}

function pgbench(args, url) {
  const u = new URL(url)
  const r = spawnSync(
    'pgbench',
    [
      ...args,
      '-h',
      u.hostname,
      '-p',
      u.port || '5432',
      '-U',
      decodeURIComponent(u.username),
      u.pathname.slice(1) || 'postgres',
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password), PGSSLMODE: 'disable' },
    },
  )
  if (r.status !== 0) throw new Error(`pgbench ${args.join(' ')}: ${r.stderr}`)
  return Number(/tps = ([\d.]+)/.exec(r.stdout)?.[1] ?? Number.NaN)
}

function loadtest({ endpoint, database, user, password }) {
  const out = rsp([
    'loadtest',
    '--endpoint',
    endpoint,
    '--database',
    database,
    '--user',
    user,
    ...(password ? ['--password-env', 'BENCH_PGPASSWORD'] : []),
    '--concurrency',
    String(CONCURRENCY),
    '--duration',
    String(SECONDS),
    '--query',
    'SELECT abalance FROM pgbench_accounts WHERE aid = 4242',
    '--json',
  ])
  return JSON.parse(out).throughputQps
}

const result = { bench: 'local-serve', concurrency: CONCURRENCY, seconds: SECONDS }

// 1. concurrency
const empty = await serve([])
try {
  const config = { host: '127.0.0.1', port: empty.port, user: 'postgres', database: 'postgres' }
  const one = await sleeps(config, 1)
  const ten = await sleeps(config, 10)
  result.sleep = { oneMs: Math.round(one), tenMs: Math.round(ten), ratio: +(ten / one).toFixed(2) }
  console.log(
    `10 clients × pg_sleep(1): ${(ten / 1000).toFixed(2)} s vs one client ${(one / 1000).toFixed(2)} s → ${(ten / one).toFixed(2)}× (serialised ≈ 10×)`,
  )
  // The engine it replaced, for the record: PGlite (one session) behind pglite-socket.
  try {
    const { PGlite } = await import(require.resolve('@electric-sql/pglite'))
    const { PGLiteSocketServer } = await import(require.resolve('@electric-sql/pglite-socket'))
    const db = await PGlite.create()
    const socket = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 32 })
    await socket.start()
    const conn = socket.getServerConn()
    const single = { ...config, port: Number(conn.slice(conn.lastIndexOf(':') + 1)) }
    const oneOld = await sleeps(single, 1)
    const tenOld = await sleeps(single, 10)
    await socket.stop()
    await db.close()
    result.sleep.pgliteSocket = {
      oneMs: Math.round(oneOld),
      tenMs: Math.round(tenOld),
      ratio: +(tenOld / oneOld).toFixed(2),
    }
    console.log(
      `  the same against PGlite behind pglite-socket (the engine replaced): ${(tenOld / 1000).toFixed(2)} s vs ${(oneOld / 1000).toFixed(2)} s → ${(tenOld / oneOld).toFixed(2)}×`,
    )
  } catch (error) {
    console.log(`  (PGlite + pglite-socket baseline skipped: ${error.message})`)
  }

  // 2. throughput
  const serverUrl = process.env.RSP_TEST_PG_URL
  if (!has('pgbench') || !serverUrl) {
    console.log('throughput: skipped (needs pgbench and RSP_TEST_PG_URL)')
  } else {
    const db = `rsp_bench_${process.pid}`
    const admin = new pg.Client(serverUrl)
    await admin.connect()
    await admin.query(`CREATE DATABASE ${db}`)
    const target = new URL(serverUrl)
    target.pathname = `/${db}`
    const servedUrl = `postgres://postgres@127.0.0.1:${empty.port}/postgres`
    try {
      pgbench(['-i', '-q', '-s', '1'], target.href)
      pgbench(['-i', '-q', '-s', '1'], servedUrl)
      const args = ['-S', '-n', '-c', String(CONCURRENCY), '-j', '2', '-T', String(SECONDS)]
      const pgbenchServer = pgbench(args, target.href)
      const pgbenchServed = pgbench(args, servedUrl)
      env.BENCH_PGPASSWORD = decodeURIComponent(target.password)
      const ltServer = loadtest({
        endpoint: `${target.hostname}:${target.port || 5432}`,
        database: db,
        user: decodeURIComponent(target.username),
        password: true,
      })
      const ltServed = loadtest({
        endpoint: `127.0.0.1:${empty.port}`,
        database: 'postgres',
        user: 'postgres',
      })
      result.throughput = {
        rspLoadtestServedQps: Math.round(ltServed),
        pgbenchServerTps: Math.round(pgbenchServer),
        ratio: +(ltServed / pgbenchServer).toFixed(3),
        pgbenchServedTps: Math.round(pgbenchServed),
        rspLoadtestServerQps: Math.round(ltServer),
        serverRatioSameTool: +(pgbenchServed / pgbenchServer).toFixed(3),
      }
      console.log(`rsp loadtest → rsp local serve       ${Math.round(ltServed)} q/s`)
      console.log(
        `pgbench -S  → PostgreSQL server      ${Math.round(pgbenchServer)} tps   ratio ${(ltServed / pgbenchServer).toFixed(2)}×`,
      )
      console.log(
        `pgbench -S  → rsp local serve        ${Math.round(pgbenchServed)} tps   (server vs server, same tool: ${(pgbenchServed / pgbenchServer).toFixed(2)}×)`,
      )
      console.log(
        `rsp loadtest → PostgreSQL server     ${Math.round(ltServer)} q/s  (tool vs tool, same server: ${(ltServer / pgbenchServer).toFixed(2)}×)`,
      )
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`)
      await admin.end()
    }
  }
} finally {
  await empty.stop()
}

// 3. start-up on a scale-0.01 database
rsp(['load', '--to', 'local', '--dir', 'db', '--scale', '0.01'])
const t0 = performance.now()
const open = spawnSync(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    `const { PGlite } = await import('@electric-sql/pglite'); const db = await PGlite.create(${JSON.stringify(join(work, 'db'))}); await db.query('select 1'); await db.close()`,
  ],
  { cwd: cliDir },
)
const openMs = performance.now() - t0
if (open.status !== 0) throw new Error(String(open.stderr))
const served = await serve(['--dir', 'db'])
await served.stop()
result.startup = {
  serveMs: Math.round(served.wallMs),
  phases: served.phases,
  pgliteOpenMs: Math.round(openMs),
  ratio: +(served.wallMs / openMs).toFixed(2),
}
if (served.phases)
  console.log(
    `  of which: PGlite read ${served.phases.readS} s ∥ server initdb + start ${served.phases.serverS} s, then restore ${served.phases.restoreS} s`,
  )
console.log(
  `start-up, scale 0.01: rsp local serve --dir ${(served.wallMs / 1000).toFixed(2)} s vs node + PGlite open ${(openMs / 1000).toFixed(2)} s → ${(served.wallMs / openMs).toFixed(2)}×`,
)
console.log(JSON.stringify(result))
