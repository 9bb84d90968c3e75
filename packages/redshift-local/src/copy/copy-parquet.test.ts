import { gzipSync } from 'node:zlib'
import { PGlite } from '@electric-sql/pglite'
import { parquetWriteBuffer } from 'hyparquet-writer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RedshiftLocalError } from '../errors.js'
import { CopyLoadError } from './copy-from-s3.js'
import {
  col,
  copyInto,
  failCopy,
  type LocalS3,
  manifest,
  runCopy,
  startLocalS3,
} from './test-copy.js'

let s3: LocalS3
let db: PGlite
let n = 0
const dir = () => `pq${++n}`

beforeAll(async () => {
  s3 = await startLocalS3()
  db = new PGlite()
  await db.waitReady
})
afterAll(async () => {
  await db?.close()
  await s3?.close()
})

/** A Parquet file shaped like the product's (datagen's ParquetSink): typed columns, exact decimals. */
function productParquet(): Uint8Array {
  // Microseconds since the epoch, exactly (Date keeps milliseconds only).
  const micros = (iso: string, us: bigint) => BigInt(Date.parse(`${iso}Z`)) * 1000n + us
  const buffer = parquetWriteBuffer({
    schema: [
      { name: 'root', num_children: 9 },
      { name: 'c_small', type: 'INT32', converted_type: 'INT_16', repetition_type: 'OPTIONAL' },
      { name: 'c_id', type: 'INT64', repetition_type: 'REQUIRED' },
      {
        name: 'c_price',
        type: 'INT64',
        converted_type: 'DECIMAL',
        precision: 12,
        scale: 2,
        repetition_type: 'OPTIONAL',
      },
      { name: 'c_rate', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
      { name: 'c_ok', type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
      { name: 'c_name', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'c_day', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
      {
        name: 'c_at',
        type: 'INT64',
        converted_type: 'TIMESTAMP_MICROS',
        repetition_type: 'OPTIONAL',
      },
      {
        name: 'c_time',
        type: 'INT64',
        logical_type: { type: 'TIME', isAdjustedToUTC: false, unit: 'MICROS' },
        repetition_type: 'OPTIONAL',
      },
    ],
    columnData: [
      { name: 'c_small', data: [7, null] },
      { name: 'c_id', data: [9007199254740993n, 2n] },
      // Unscaled: 12345678901.23 and -0.05 — more digits than a double keeps.
      { name: 'c_price', data: [1234567890123n, -5n] },
      { name: 'c_rate', data: [0.25, null] },
      { name: 'c_ok', data: [true, false] },
      { name: 'c_name', data: ['Zoë, "quoted"', ''] },
      { name: 'c_day', data: [19782, null] },
      { name: 'c_at', data: [micros('2024-02-29T13:45:00', 123456n), null] },
      { name: 'c_time', data: [(13n * 3600n + 45n * 60n) * 1_000_000n + 5n, null] },
    ],
  })
  return new Uint8Array(buffer)
}

const productColumns = [
  col('small', 'int2'),
  col('id', 'int8', { notNull: true }),
  col('price', 'numeric', { precision: 13, scale: 2 }),
  col('rate', 'float8'),
  col('ok', 'bool'),
  col('name', 'varchar', { maxLength: 40 }),
  col('day', 'date'),
  col('at', 'timestamp'),
  col('tm', 'time'),
]

describe('COPY FORMAT AS PARQUET', () => {
  it("R-COPY-5: a Parquet file's columns load by position (names ignored) into a real table, values exact", async () => {
    const d = dir()
    const file = productParquet()
    await s3.put(`${d}/part-00000.parquet`, file)
    await s3.put(
      `${d}/manifest.json`,
      manifest([
        {
          url: `s3://bucket/${d}/part-00000.parquet`,
          mandatory: true,
          content_length: file.byteLength,
        },
      ]),
    )
    await db.exec(`CREATE TABLE pq (small int2, id int8 NOT NULL, price numeric(13,2), rate float8, ok bool,
      name varchar(40), day date, at timestamp, tm time)`)
    const { result } = await runCopy(
      s3,
      `COPY pq FROM 's3://bucket/${d}/manifest.json' IAM_ROLE default FORMAT AS PARQUET MANIFEST`,
      productColumns,
      copyInto(db, 'pq'),
    )
    expect(result.rows).toBe(2)
    const r = await db.query(
      'SELECT small, id::text, price::text, rate, ok, name, day::text, at::text, tm::text FROM pq ORDER BY id',
    )
    expect(r.rows).toEqual([
      {
        small: null,
        id: '2',
        price: '-0.05',
        rate: null,
        ok: false,
        name: '',
        day: null,
        at: null,
        tm: null,
      },
      {
        small: 7,
        id: '9007199254740993',
        price: '12345678901.23',
        rate: 0.25,
        ok: true,
        name: 'Zoë, "quoted"',
        day: '2024-02-29',
        at: '2024-02-29 13:45:00.123456',
        tm: '13:45:00.000005',
      },
    ])
  })

  it('R-COPY-5: a file whose column count differs from the table fails; FILLRECORD allows fewer columns', async () => {
    const d = dir()
    const file = productParquet()
    await s3.put(`${d}/a.parquet`, file)
    const { error, written } = await failCopy(
      s3,
      `COPY t FROM 's3://bucket/${d}/a.parquet' FORMAT AS PARQUET`,
      productColumns.slice(0, 8),
    )
    expect((error as RedshiftLocalError).ruleId).toBe('R-COPY-5')
    expect(written.csv).toEqual([])
    const { written: filled } = await runCopy(
      s3,
      `COPY t FROM 's3://bucket/${d}/a.parquet' FORMAT AS PARQUET FILLRECORD`,
      [...productColumns, col('extra', 'varchar', { maxLength: 5 })],
    )
    expect(filled.text().split('\n')[0]?.endsWith(',')).toBe(true)
  })

  it.each([
    "DATEFORMAT 'YYYY-MM-DD'",
    "TIMEFORMAT 'auto'",
    'EMPTYASNULL',
    'GZIP',
    'CSV',
    "DELIMITER ','",
    'IGNOREHEADER 1',
    'MAXERROR 10',
    "REGION 'us-east-1'",
    'TRUNCATECOLUMNS',
  ])('R-COPY-5: FORMAT AS PARQUET refuses %s before reading any file', async (option) => {
    const { error, written } = await failCopy(
      s3,
      `COPY t FROM 's3://bucket/${dir()}/none.parquet' IAM_ROLE default FORMAT AS PARQUET ${option}`,
      productColumns,
    )
    expect(error).toBeInstanceOf(RedshiftLocalError)
    expect((error as RedshiftLocalError).ruleId).toBe('R-COPY-5')
    expect(written.csv).toEqual([])
  })

  it('R-COPY-2: through a manifest, every Parquet entry needs meta.content_length', async () => {
    const d = dir()
    const file = productParquet()
    await s3.put(`${d}/a.parquet`, file)
    await s3.put(
      `${d}/manifest.json`,
      manifest([
        { url: `s3://bucket/${d}/a.parquet`, mandatory: true, content_length: file.byteLength },
        { url: `s3://bucket/${d}/a.parquet`, mandatory: true },
      ]),
    )
    const { error, written } = await failCopy(
      s3,
      `COPY t FROM 's3://bucket/${d}/manifest.json' FORMAT AS PARQUET MANIFEST`,
      productColumns,
    )
    expect((error as RedshiftLocalError).ruleId).toBe('R-COPY-2')
    expect(written.csv).toEqual([])
  })

  it('R-COPY-5: any bad row fails a Parquet COPY (no MAXERROR): a NULL into NOT NULL', async () => {
    const d = dir()
    await s3.put(`${d}/a.parquet`, productParquet())
    const columns = productColumns.map((c) => (c.name === 'small' ? { ...c, notNull: true } : c))
    const { error } = await failCopy(
      s3,
      `COPY t FROM 's3://bucket/${d}/a.parquet' FORMAT AS PARQUET`,
      columns,
    )
    expect(error).toBeInstanceOf(CopyLoadError)
    expect((error as CopyLoadError).loadErrors).toEqual([
      expect.objectContaining({ lineNumber: 2, columnName: 'small', errorCode: 1213 }),
    ])
  })

  it('a Parquet column of an incompatible type (text into an integer) fails the COPY', async () => {
    const d = dir()
    await s3.put(`${d}/a.parquet`, productParquet())
    const columns = productColumns.map((c) => (c.name === 'name' ? { ...c, pgType: 'int4' } : c))
    const { error } = await failCopy(
      s3,
      `COPY t FROM 's3://bucket/${d}/a.parquet' FORMAT AS PARQUET`,
      columns,
    )
    expect((error as RedshiftLocalError).code).toBe('SQL')
    expect((error as Error).message).toContain("column 'name'")
  })

  it('Parquet DATE loads into TIMESTAMP (midnight) and TIMESTAMP into DATE and TIMESTAMPTZ (UTC)', async () => {
    const d = dir()
    await s3.put(`${d}/a.parquet`, productParquet())
    const columns = productColumns.map((c) =>
      c.name === 'day'
        ? { ...c, pgType: 'timestamp' }
        : c.name === 'at'
          ? { ...c, pgType: 'timestamptz' }
          : c,
    )
    const { written } = await runCopy(
      s3,
      `COPY t FROM 's3://bucket/${d}/a.parquet' FORMAT AS PARQUET`,
      columns,
    )
    expect(written.text()).toContain(',2024-02-29 00:00:00,2024-02-29 13:45:00.123456+00,')
    const asDate = productColumns.map((c) => (c.name === 'at' ? { ...c, pgType: 'date' } : c))
    const { written: dates } = await runCopy(
      s3,
      `COPY t FROM 's3://bucket/${d}/a.parquet' FORMAT AS PARQUET`,
      asDate,
    )
    expect(dates.text()).toContain(',2024-02-29,2024-02-29,')
  })

  it('R-COPY-5: a .gz Parquet file is decompressed without a GZIP option', async () => {
    const d = dir()
    await s3.put(`${d}/a.parquet.gz`, gzipSync(productParquet()))
    const { result } = await runCopy(
      s3,
      `COPY t FROM 's3://bucket/${d}/a.parquet.gz' FORMAT AS PARQUET`,
      productColumns,
    )
    expect(result.rows).toBe(2)
  })
})
