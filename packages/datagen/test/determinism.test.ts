import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { createPlan, FilesSink, generate, loadAirlineData } from '../src/index.js'
import { workerUrl } from './worker-bundle.js'

const root = mkdtempSync(join(tmpdir(), 'rsp-datagen-det-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f)
      if (statSync(p).isDirectory()) walk(p)
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex')
    }
  }
  walk(dir)
  return out
}

async function run(name: string, workers: number, chunkRows: number) {
  const dir = join(root, name)
  await loadAirlineData({
    seed: 5,
    scale: 0.02,
    parts: 4,
    workers,
    chunkRows,
    workerUrl: workerUrl(),
    sink: new FilesSink({ dir, s3Prefix: 's3://bucket/airline' }),
  })
  return dir
}

describe('determinism', () => {
  it('gives byte-identical files for 0, 1 and 2 workers and three chunk sizes', async () => {
    const a = hashes(await run('a', 1, 50_000))
    const b = hashes(await run('b', 2, 1_500))
    // On the calling thread, gzip parts of a table interleave chunk by chunk on one runner.
    const c = hashes(await run('c', 0, 700))
    expect(Object.keys(a)).toHaveLength(8 * 5 + 1) // 4 parts + manifest per table, copy.sql
    expect(b).toEqual(a)
    expect(c).toEqual(a)
  }, 60_000)

  it('writes gzip CSV whose rows have the model column count and sum to the plan', () => {
    const plan = createPlan({ seed: 5, scale: 0.02, parts: 4 })
    for (const t of plan.tables) {
      let rows = 0
      for (let p = 0; p < 4; p++) {
        const text = gunzipSync(
          readFileSync(join(root, 'a', t.name, `part-0000${p}.csv.gz`)),
        ).toString('utf8')
        const lines = text.split('\n').filter(Boolean)
        rows += lines.length
        // no quoted fields in this data set except where names need them; count commas outside quotes
        for (const line of lines.slice(0, 50))
          expect(line.replace(/"[^"]*"/g, '').split(',')).toHaveLength(t.columns.length)
      }
      expect(rows, t.name).toBe(t.rows)
    }
    const manifest = JSON.parse(
      readFileSync(join(root, 'a', 'fact_bookings', 'manifest.json'), 'utf8'),
    )
    expect(manifest.entries[0]).toMatchObject({
      url: 's3://bucket/airline/fact_bookings/part-00000.csv.gz',
      mandatory: true,
    })
    expect(readFileSync(join(root, 'a', 'copy.sql'), 'utf8')).toMatch(
      /IAM_ROLE default\nMANIFEST GZIP CSV DATEFORMAT 'YYYY-MM-DD'/,
    )
  })

  it('changes output when the seed changes', () => {
    const p1 = createPlan({ seed: 1, scale: 0.02 })
    const p2 = createPlan({ seed: 2, scale: 0.02 })
    expect(p1.tables.find((t) => t.name === 'fact_bookings')?.rows).not.toBe(
      p2.tables.find((t) => t.name === 'fact_bookings')?.rows,
    )
  })

  it('gives the same daily revenue from the bookings pass (inline and workers) as re-simulated alone', async () => {
    const csv = async (
      tables: ('fact_bookings' | 'fact_daily_revenue')[],
      workers: number,
      encoding: 'csv' | 'gzip' = 'csv',
    ) => {
      const parts = new Map<number, Buffer[]>()
      for await (const c of generate(
        { seed: 9, scale: 0.01, parts: 3, tables },
        { workers, encoding, chunkRows: 700, workerUrl: workerUrl() },
      ))
        if (c.table === 'fact_daily_revenue')
          parts.set(c.part, [...(parts.get(c.part) ?? []), Buffer.from(c.data)])
      return [0, 1, 2].map((p) => {
        const bytes = Buffer.concat(parts.get(p) ?? [])
        return (encoding === 'gzip' ? gunzipSync(bytes) : bytes).toString('utf8')
      })
    }
    const alone = await csv(['fact_daily_revenue'], 0)
    expect(alone.join('').split('\n').length).toBeGreaterThan(60)
    expect(await csv(['fact_bookings', 'fact_daily_revenue'], 0)).toEqual(alone)
    expect(await csv(['fact_bookings', 'fact_daily_revenue'], 2)).toEqual(alone)
    // Four gzip lanes on this thread: a revenue part starts as soon as the bookings part of
    // its operations is done, while other bookings parts are still being generated.
    expect(await csv(['fact_bookings', 'fact_daily_revenue'], 0, 'gzip')).toEqual(alone)
  }, 60_000)
})
