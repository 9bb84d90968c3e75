import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { airlineModel, type Column } from '@redshift-playground/schema/model'
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet'
import { afterAll, describe, expect, it } from 'vitest'
import { csvText } from '../src/csv/csv-format.js'
import {
  createPlan,
  type DatagenSink,
  generate,
  loadAirlineData,
  ParquetSink,
  renderRedshiftCopy,
} from '../src/index.js'
import { workerUrl } from './worker-bundle.js'

const root = mkdtempSync(join(tmpdir(), 'rsp-datagen-parquet-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const options = { seed: 5, scale: 0.01, parts: 2 }
const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** A value read back from Parquet, written the way the generator's CSV writes it. */
function csvOf(value: unknown, column: Column): string {
  if (value === null || value === undefined) return ''
  const t = column.type
  switch (t.kind) {
    case 'decimal':
      return (value as number).toFixed(t.scale)
    case 'boolean':
      return value ? 't' : 'f'
    case 'date': {
      const d = value as Date
      return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
    }
    case 'timestamp': {
      const d = value as Date
      return `${csvOf(d, { ...column, type: { kind: 'date' } })} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
    }
    case 'time': {
      const s = Number((value as bigint) / 1_000_000n)
      return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`
    }
    case 'varchar':
    case 'char':
      return csvText(value as string)
    default:
      return String(value)
  }
}

function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const t of readdirSync(dir)) {
    const p = join(dir, t)
    if (statSync(p).isDirectory())
      for (const f of readdirSync(p))
        out[`${t}/${f}`] = createHash('sha256')
          .update(readFileSync(join(p, f)))
          .digest('hex')
    else out[t] = createHash('sha256').update(readFileSync(p)).digest('hex')
  }
  return out
}

describe('ParquetSink', () => {
  const dir = join(root, 'out')

  it('writes every table so that reading it back gives the generator’s CSV, value for value', async () => {
    await loadAirlineData({
      ...options,
      workers: 0,
      sink: new ParquetSink({ dir, s3Prefix: 's3://bucket/airline', rowGroupRows: 1_000 }),
    })
    const plan = createPlan(options)
    const csv = new Map<string, string[][]>()
    for await (const c of generate(plan, { workers: 0 })) {
      const parts =
        csv.get(c.table) ?? plan.tables.find((t) => t.name === c.table)?.parts.map(() => []) ?? []
      parts[c.part]?.push(Buffer.from(c.data).toString('utf8'))
      csv.set(c.table, parts)
    }
    for (const table of plan.tables) {
      const columns = airlineModel.tables[table.name].columns as Record<string, Column>
      let rows = 0
      for (const part of table.parts) {
        const file = await asyncBufferFromFile(
          join(dir, table.name, `part-0000${part.index}.parquet`),
        )
        const read = await parquetReadObjects({ file })
        const lines = read.map((row) =>
          table.columns.map((c) => csvOf(row[c], columns[c] as Column)).join(','),
        )
        const expected = (csv.get(table.name)?.[part.index] ?? []).join('').split('\n').slice(0, -1)
        expect(lines.length, `${table.name} part ${part.index}`).toBe(expected.length)
        expect(lines, `${table.name} part ${part.index}`).toEqual(expected)
        rows += lines.length
      }
      expect(rows, table.name).toBe(table.rows)
    }
  }, 60_000)

  it('types columns as Redshift’s Parquet COPY maps them, with manifests that carry each file’s length', async () => {
    const file = join(dir, 'fact_bookings', 'part-00000.parquet')
    const meta = await parquetMetadataAsync(await asyncBufferFromFile(file))
    const field = (name: string) => meta.schema.find((s) => s.name === name)
    expect(field('base_fare')).toMatchObject({
      converted_type: 'DECIMAL',
      precision: 10,
      scale: 2,
      type: 'INT64',
    })
    expect(field('created_at')).toMatchObject({ type: 'INT64', converted_type: 'TIMESTAMP_MICROS' })
    expect(field('booking_key')).toMatchObject({ type: 'INT32', repetition_type: 'REQUIRED' })
    expect(field('seat_number')).toMatchObject({
      converted_type: 'UTF8',
      repetition_type: 'OPTIONAL',
    })
    expect(meta.row_groups.length).toBeGreaterThan(1)
    const manifest = JSON.parse(readFileSync(join(dir, 'fact_bookings', 'manifest.json'), 'utf8'))
    expect(manifest.entries).toEqual(
      [0, 1].map((p) => ({
        url: `s3://bucket/airline/fact_bookings/part-0000${p}.parquet`,
        mandatory: true,
        meta: {
          content_length: statSync(join(dir, 'fact_bookings', `part-0000${p}.parquet`)).size,
        },
      })),
    )
    const sql = readFileSync(join(dir, 'copy.sql'), 'utf8')
    expect(sql).toContain(
      `COPY "airline_dw"."fact_bookings"\nFROM 's3://bucket/airline/fact_bookings/manifest.json'\nIAM_ROLE default\nFORMAT AS PARQUET MANIFEST;`,
    )
    expect(sql.match(/FORMAT AS PARQUET/g)).toHaveLength(8)
  })

  it('leaves the previous output untouched when a run fails, and a re-run replaces it', async () => {
    const before = hashes(dir)
    const sink = new ParquetSink({ dir, s3Prefix: 's3://bucket/airline' })
    const failing: DatagenSink = {
      encoding: sink.encoding,
      begin: (plan) => sink.begin(plan),
      openTable: async (table) => {
        const t = await sink.openTable(table)
        if (table.name !== 'fact_bookings') return t
        return { write: async () => Promise.reject(new Error('disk full')), close: () => t.close() }
      },
      commit: () => sink.commit(),
      abort: (e) => sink.abort(e),
    }
    await expect(
      loadAirlineData({ ...options, seed: 6, workers: 0, sink: failing }),
    ).rejects.toMatchObject({ code: 'LOAD_FAILED' })
    expect(hashes(dir)).toEqual(before)
    expect(readdirSync(dir).filter((f) => f.startsWith('.partial'))).toEqual([])
    await loadAirlineData({
      ...options,
      seed: 6,
      workers: 0,
      sink: new ParquetSink({ dir, s3Prefix: 's3://bucket/airline' }),
    })
    expect(hashes(dir)['fact_bookings/part-00000.parquet']).not.toBe(
      before['fact_bookings/part-00000.parquet'],
    )
  }, 60_000)

  it('writes byte-identical files whatever the chunk size or worker count', async () => {
    const run = async (name: string, workers: number, chunkRows: number) => {
      const out = join(root, name)
      await loadAirlineData({
        ...options,
        tables: ['dim_customer', 'fact_bookings'],
        workers,
        chunkRows,
        workerUrl: workerUrl(),
        sink: new ParquetSink({ dir: out, s3Prefix: 's3://bucket/airline', rowGroupRows: 700 }),
      })
      return hashes(out)
    }
    const a = await run('a', 0, 8_000)
    expect(Object.keys(a)).toHaveLength(2 * 3 + 1)
    expect(await run('b', 1, 333)).toEqual(a)
  }, 60_000)

  it('rejects bad options with the field named', () => {
    expect(() => new ParquetSink({ dir, s3Prefix: 's3://bucket', rowGroupRows: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', field: 'rowGroupRows' }),
    )
    expect(() =>
      renderRedshiftCopy({
        schema: 's',
        table: 't',
        columns: ['a'],
        manifestUrl: 's3://bucket/m.json',
        format: 'parquet',
        region: 'us-east-1',
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', field: 'region' }))
  })
})
