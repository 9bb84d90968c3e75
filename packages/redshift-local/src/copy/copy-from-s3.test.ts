import { gzipSync } from 'node:zlib'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RedshiftLocalError } from '../errors.js'
import { CopyLoadError, loadFromS3 } from './copy-from-s3.js'
import {
  col,
  copyInto,
  failCopy,
  type LocalS3,
  manifest,
  parseCopy,
  runCopy,
  startLocalS3,
} from './test-copy.js'

let s3: LocalS3
let db: PGlite
let n = 0
/** A fresh key prefix per test. */
const dir = () => `t${++n}`

beforeAll(async () => {
  s3 = await startLocalS3()
  db = new PGlite()
  await db.waitReady
})
afterAll(async () => {
  await db?.close()
  await s3?.close()
})

const idName = [col('id', 'int4'), col('name', 'varchar', { maxLength: 20 })]

describe('sources (R-COPY-1)', () => {
  it('R-COPY-1: without MANIFEST, FROM is a key prefix: every object whose key starts with it loads', async () => {
    const d = dir()
    await s3.put(`${d}/cust.1`, '1|a\n')
    await s3.put(`${d}/cust.2`, '2|b\n')
    await s3.put(`${d}/custfolder/part`, '3|c\n')
    await s3.put(`${d}/other`, '4|d\n')
    const { result, written } = await runCopy(
      s3,
      `COPY t FROM 's3://bucket/${d}/cust' IAM_ROLE default`,
      idName,
    )
    expect(result.files.map((f) => f.url)).toEqual([
      `s3://bucket/${d}/cust.1`,
      `s3://bucket/${d}/cust.2`,
      `s3://bucket/${d}/custfolder/part`,
    ])
    expect(result.rows).toBe(3)
    expect(written.text()).toBe('1,a\n2,b\n3,c\n')
  })

  it('R-COPY-1: a prefix matching no object fails the COPY', async () => {
    const { error, written } = await failCopy(s3, `COPY t FROM 's3://bucket/${dir()}/none'`, idName)
    expect(error).toBeInstanceOf(RedshiftLocalError)
    expect((error as RedshiftLocalError).ruleId).toBe('R-COPY-1')
    expect(written.csv).toEqual([])
  })

  it('R-COPY-1: a manifest file listed twice loads twice; files may be anywhere in the bucket', async () => {
    const d = dir()
    await s3.put(`${d}/x/a.csv`, '1,a\n')
    await s3.put(`${d}/y/b.csv`, '2,b\n')
    await s3.put(
      `${d}/m.json`,
      manifest([
        { url: `s3://bucket/${d}/x/a.csv`, mandatory: true },
        { url: `s3://bucket/${d}/y/b.csv` },
        { url: `s3://bucket/${d}/x/a.csv`, mandatory: true },
      ]),
    )
    const { result, written } = await runCopy(
      s3,
      `COPY t FROM 's3://bucket/${d}/m.json' MANIFEST CSV`,
      idName,
    )
    expect(result.files).toEqual([
      { url: `s3://bucket/${d}/x/a.csv`, rows: 1 },
      { url: `s3://bucket/${d}/y/b.csv`, rows: 1 },
      { url: `s3://bucket/${d}/x/a.csv`, rows: 1 },
    ])
    expect(written.text()).toBe('1,a\n2,b\n1,a\n')
  })

  it('R-COPY-1: a missing mandatory file fails the COPY before anything is written', async () => {
    const d = dir()
    await s3.put(`${d}/a.csv`, '1,a\n')
    await s3.put(
      `${d}/m.json`,
      manifest([
        { url: `s3://bucket/${d}/a.csv`, mandatory: true },
        { url: `s3://bucket/${d}/gone.csv`, mandatory: true },
      ]),
    )
    const { error, written } = await failCopy(
      s3,
      `COPY t FROM 's3://bucket/${d}/m.json' MANIFEST CSV`,
      idName,
    )
    expect((error as RedshiftLocalError).ruleId).toBe('R-COPY-1')
    expect((error as Error).message).toContain(`s3://bucket/${d}/gone.csv`)
    expect(written.csv).toEqual([])
  })

  it('R-COPY-1: mandatory defaults to false: a missing optional file is skipped', async () => {
    const d = dir()
    await s3.put(`${d}/a.csv`, '1,a\n')
    await s3.put(
      `${d}/m.json`,
      manifest([
        { url: `s3://bucket/${d}/gone.csv` },
        { url: `s3://bucket/${d}/a.csv`, mandatory: true },
      ]),
    )
    const { result } = await runCopy(
      s3,
      `COPY t FROM 's3://bucket/${d}/m.json' MANIFEST CSV`,
      idName,
    )
    expect(result.files).toEqual([{ url: `s3://bucket/${d}/a.csv`, rows: 1 }])
  })

  it('R-COPY-1: a manifest with no files to load fails (no entries, or only missing optional ones)', async () => {
    const d = dir()
    await s3.put(`${d}/empty.json`, manifest([]))
    await s3.put(
      `${d}/gone.json`,
      manifest([{ url: `s3://bucket/${d}/gone.csv`, mandatory: false }]),
    )
    for (const m of ['empty.json', 'gone.json']) {
      const { error } = await failCopy(
        s3,
        `COPY t FROM 's3://bucket/${d}/${m}' MANIFEST CSV`,
        idName,
      )
      expect((error as RedshiftLocalError).ruleId).toBe('R-COPY-1')
    }
  })

  it('R-COPY-1: a missing or malformed manifest fails the COPY', async () => {
    const d = dir()
    await s3.put(`${d}/bad.json`, '{"entries": [{"url": "s3://bucket/x", }]}')
    for (const m of ['nothing.json', 'bad.json']) {
      const { error } = await failCopy(s3, `COPY t FROM 's3://bucket/${d}/${m}' MANIFEST`, idName)
      expect((error as RedshiftLocalError).ruleId).toBe('R-COPY-1')
    }
  })

  it('R-COPY-3: an invalid REGION value is refused; a valid one is accepted (the local S3 has no bucket Regions)', async () => {
    const d = dir()
    await s3.put(`${d}/a`, '1|a\n')
    const { error } = await failCopy(s3, `COPY t FROM 's3://bucket/${d}/a' REGION 'Mars-1'`, idName)
    expect((error as RedshiftLocalError).ruleId).toBe('R-COPY-3')
    const { result } = await runCopy(
      s3,
      `COPY t FROM 's3://bucket/${d}/a' REGION 'eu-west-1'`,
      idName,
    )
    expect(result.rows).toBe(1)
  })
})

describe('compression', () => {
  it('GZIP: a gzip file made of several members loads whole', async () => {
    const d = dir()
    const body = Buffer.concat([gzipSync('1,a\n2,b\n'), gzipSync('3,c\n')])
    await s3.put(`${d}/part.gz`, body)
    const { result, written } = await runCopy(
      s3,
      `COPY t FROM 's3://bucket/${d}/' GZIP CSV`,
      idName,
    )
    expect(result.rows).toBe(3)
    expect(written.text()).toBe('1,a\n2,b\n3,c\n')
  })

  it('GZIP: a file that is not gzip fails the COPY, naming the file', async () => {
    const d = dir()
    await s3.put(`${d}/plain.csv`, '1,a\n')
    const { error, written } = await failCopy(
      s3,
      `COPY t FROM 's3://bucket/${d}/' GZIP CSV`,
      idName,
    )
    expect((error as RedshiftLocalError).code).toBe('SQL')
    expect((error as Error).message).toContain(`s3://bucket/${d}/plain.csv`)
    expect(written.csv).toEqual([])
  })
})

describe('headers and blank lines', () => {
  it('D-12: IGNOREHEADER n skips the first n lines of each file, not only of the first', async () => {
    const d = dir()
    await s3.putGzip(`${d}/part-0.csv.gz`, 'id,name\n-- generated\n1,a\n2,b\n')
    await s3.putGzip(`${d}/part-1.csv.gz`, 'id,name\n-- generated\n3,c\n')
    const { result, written } = await runCopy(
      s3,
      `COPY t FROM 's3://bucket/${d}/part-' GZIP CSV IGNOREHEADER 2`,
      idName,
    )
    expect(result.files.map((f) => f.rows)).toEqual([2, 1])
    expect(written.text()).toBe('1,a\n2,b\n3,c\n')
  })
})

describe('into PostgreSQL', () => {
  it("D-12, R-COPY-6: the product's COPY (MANIFEST GZIP CSV DATEFORMAT TIMEFORMAT EMPTYASNULL) loads into a real table", async () => {
    const d = dir()
    await db.exec(`CREATE TABLE bookings (
      id int8 NOT NULL, code varchar(10), note varchar(50), seats int2, price numeric(10,2),
      paid bool, flown date, created timestamp)`)
    const part0 = [
      '1,ABC,"a, ""quoted""\nnote",3,120.50,t,2024-02-29,2024-02-29 13:45:00',
      '2,,,,,,,',
      '',
    ].join('\n')
    const part1 = '3,"",plain,-5,0.01,f,1999-12-31,1999-12-31 23:59:59\n'
    await s3.putGzip(`${d}/bookings/part-00000.csv.gz`, part0)
    await s3.putGzip(`${d}/bookings/part-00001.csv.gz`, part1)
    await s3.put(
      `${d}/bookings/manifest.json`,
      manifest([
        { url: `s3://bucket/${d}/bookings/part-00000.csv.gz`, mandatory: true, content_length: 1 },
        { url: `s3://bucket/${d}/bookings/part-00001.csv.gz`, mandatory: true, content_length: 1 },
      ]),
    )
    const sql = [
      `COPY "airline_dw"."bookings" ("id", "code", "note", "seats", "price", "paid", "flown", "created")`,
      `FROM 's3://bucket/${d}/bookings/manifest.json'`,
      'IAM_ROLE default',
      "MANIFEST GZIP CSV DATEFORMAT 'YYYY-MM-DD' TIMEFORMAT 'YYYY-MM-DD HH:MI:SS' EMPTYASNULL",
    ].join('\n')
    const columns = [
      col('id', 'int8', { notNull: true }),
      col('code', 'varchar', { maxLength: 10 }),
      col('note', 'varchar', { maxLength: 50 }),
      col('seats', 'int2'),
      col('price', 'numeric', { precision: 10, scale: 2 }),
      col('paid', 'bool'),
      col('flown', 'date'),
      col('created', 'timestamp'),
    ]
    const { result } = await runCopy(s3, sql, columns, copyInto(db, 'bookings'))
    expect(result.rows).toBe(3)
    const rows = await db.query(
      'SELECT id::int, code, note, seats, price::text, paid, flown::text, created::text FROM bookings ORDER BY id',
    )
    expect(rows.rows).toEqual([
      {
        id: 1,
        code: 'ABC',
        note: 'a, "quoted"\nnote',
        seats: 3,
        price: '120.50',
        paid: true,
        flown: '2024-02-29',
        created: '2024-02-29 13:45:00',
      },
      {
        id: 2,
        code: null,
        note: null,
        seats: null,
        price: null,
        paid: null,
        flown: null,
        created: null,
      },
      {
        id: 3,
        code: '',
        note: 'plain',
        seats: -5,
        price: '0.01',
        paid: false,
        flown: '1999-12-31',
        created: '1999-12-31 23:59:59',
      },
    ])
  })

  it('R-COPY-6: without EMPTYASNULL an empty VARCHAR field is an empty string; empty fields of other types are NULL', async () => {
    const d = dir()
    await db.exec('CREATE TABLE empties (n int4, s varchar(5), b bool, t timestamp)')
    await s3.put(`${d}/a.csv`, ',,,\n')
    await runCopy(
      s3,
      `COPY empties FROM 's3://bucket/${d}/a.csv' CSV`,
      [
        col('n', 'int4'),
        col('s', 'varchar', { maxLength: 5 }),
        col('b', 'bool'),
        col('t', 'timestamp'),
      ],
      copyInto(db, 'empties'),
    )
    const r = await db.query('SELECT n, s, b, t FROM empties')
    expect(r.rows).toEqual([{ n: null, s: '', b: null, t: null }])
  })

  it('D-12: NULL AS marks NULL fields; BLANKSASNULL makes white-space-only text NULL (only with it)', async () => {
    const d = dir()
    await db.exec('CREATE TABLE nulls (k int4, v varchar(10))')
    await s3.put(`${d}/a.csv`, '1,NULL\n2,   \n3,x\n')
    const columns = [col('k', 'int4'), col('v', 'varchar', { maxLength: 10 })]
    await runCopy(
      s3,
      `COPY nulls FROM 's3://bucket/${d}/a.csv' CSV NULL AS 'NULL'`,
      columns,
      copyInto(db, 'nulls'),
    )
    expect((await db.query('SELECT k, v FROM nulls ORDER BY k')).rows).toEqual([
      { k: 1, v: null },
      { k: 2, v: '   ' },
      { k: 3, v: 'x' },
    ])
    await db.exec('TRUNCATE nulls')
    await runCopy(
      s3,
      `COPY nulls FROM 's3://bucket/${d}/a.csv' CSV NULL AS 'NULL' BLANKSASNULL`,
      columns,
      copyInto(db, 'nulls'),
    )
    expect((await db.query('SELECT k, v FROM nulls ORDER BY k')).rows).toEqual([
      { k: 1, v: null },
      { k: 2, v: null },
      { k: 3, v: 'x' },
    ])
  })

  it("default text format: '|' delimited, '\\N' is NULL; with ESCAPE a backslash keeps |, \\ and a line feed as data", async () => {
    const d = dir()
    await db.exec('CREATE TABLE texts (k int4, v varchar(40))')
    const data = ['1|a\\|b', '2|back\\\\slash', '3|two\\', 'lines', '4|\\N', '5|'].join('\n')
    await s3.put(`${d}/a.txt`, `${data}\n`)
    const columns = [col('k', 'int4'), col('v', 'varchar', { maxLength: 40 })]
    await runCopy(
      s3,
      `COPY texts FROM 's3://bucket/${d}/a.txt' ESCAPE`,
      columns,
      copyInto(db, 'texts'),
    )
    expect((await db.query('SELECT k, v FROM texts ORDER BY k')).rows).toEqual([
      { k: 1, v: 'a|b' },
      { k: 2, v: 'back\\slash' },
      { k: 3, v: 'two\nlines' },
      { k: 4, v: null },
      { k: 5, v: '' },
    ])
  })

  it('default text format without ESCAPE: a backslash is an ordinary character (DG:copy-parameters-data-conversion)', async () => {
    const d = dir()
    await s3.put(`${d}/a.txt`, 'C:\\temp|x\\y\n')
    const { written } = await runCopy(s3, `COPY t FROM 's3://bucket/${d}/a.txt'`, [
      col('a', 'varchar', { maxLength: 20 }),
      col('b', 'varchar', { maxLength: 20 }),
    ])
    expect(written.text()).toBe('C:\\temp,x\\y\n')
  })

  it('DATEFORMAT/TIMEFORMAT: format strings (HH12 with AM/PM, MON names), epochsecs and auto load as ISO values', async () => {
    const d = dir()
    await db.exec('CREATE TABLE times (k int4, d date, ts timestamp)')
    await s3.put(
      `${d}/a.csv`,
      '1,03/15/2024,15-Mar-2024 01:02:03.5 PM\n2,12/31/1999,31-dec-1999 12:00:00 AM\n',
    )
    const columns = [col('k', 'int4'), col('d', 'date'), col('ts', 'timestamp')]
    await runCopy(
      s3,
      `COPY times FROM 's3://bucket/${d}/a.csv' CSV DATEFORMAT 'MM/DD/YYYY' TIMEFORMAT 'DD-MON-YYYY HH12:MI:SS AM'`,
      columns,
      copyInto(db, 'times'),
    )
    await s3.put(`${d}/b.csv`, '3,2024-03-15,1710507723\n')
    await runCopy(
      s3,
      `COPY times FROM 's3://bucket/${d}/b.csv' CSV TIMEFORMAT 'epochsecs'`,
      columns,
      copyInto(db, 'times'),
    )
    await s3.put(
      `${d}/c.csv`,
      '4,20240315,2024-03-15T13:02:03.25Z\n5,Mar 15 2024,J2460385 04:05:06\n',
    )
    await runCopy(
      s3,
      `COPY times FROM 's3://bucket/${d}/c.csv' CSV DATEFORMAT 'auto' TIMEFORMAT 'auto'`,
      columns,
      copyInto(db, 'times'),
    )
    const r = await db.query('SELECT k, d::text, ts::text FROM times ORDER BY k')
    expect(r.rows).toEqual([
      { k: 1, d: '2024-03-15', ts: '2024-03-15 13:02:03.5' },
      { k: 2, d: '1999-12-31', ts: '1999-12-31 00:00:00' },
      { k: 3, d: '2024-03-15', ts: '2024-03-15 13:02:03' },
      { k: 4, d: '2024-03-15', ts: '2024-03-15 13:02:03.25' },
      { k: 5, d: '2024-03-15', ts: '2024-03-15 04:05:06' },
    ])
  })

  it('a column list maps the fields to those columns in order; the others take their defaults', async () => {
    const d = dir()
    await db.exec("CREATE TABLE listed (a int4, b varchar(5) DEFAULT 'dflt', c int4)")
    await s3.put(`${d}/a.csv`, '30,10\n')
    const table = [col('a', 'int4'), col('b', 'varchar', { maxLength: 5 }), col('c', 'int4')]
    const copy = parseCopy(`COPY listed (c, a) FROM 's3://bucket/${d}/a.csv' CSV`)
    await loadFromS3({
      copy,
      table: { name: 'listed', columns: table },
      region: 'us-east-1',
      s3: s3.client,
      statement: 'COPY listed …',
      write: copyInto(db, 'listed'),
    })
    expect((await db.query('SELECT a, b, c FROM listed')).rows).toEqual([
      { a: 10, b: 'dflt', c: 30 },
    ])
  })

  it('VARCHAR lengths are bytes: a multibyte value over the limit fails; TRUNCATECOLUMNS cuts it on a character boundary', async () => {
    const d = dir()
    await db.exec('CREATE TABLE bytes (k int4, v varchar(5))')
    // 'héllo' is 6 bytes; 'ééé' is 6 bytes in 3 characters.
    await s3.put(`${d}/a.csv`, '1,héllo\n2,ééé\n3,abcde\n')
    const columns = [col('k', 'int4'), col('v', 'varchar', { maxLength: 5 })]
    const { error } = await failCopy(s3, `COPY bytes FROM 's3://bucket/${d}/a.csv' CSV`, columns)
    expect(error).toBeInstanceOf(CopyLoadError)
    expect((error as CopyLoadError).loadErrors[0]).toMatchObject({
      lineNumber: 1,
      columnName: 'v',
      columnLength: '5',
      errorCode: 1204,
      rawFieldValue: 'héllo',
      rawLine: '1,h.llo',
    })
    await runCopy(
      s3,
      `COPY bytes FROM 's3://bucket/${d}/a.csv' CSV TRUNCATECOLUMNS`,
      columns,
      copyInto(db, 'bytes'),
    )
    expect((await db.query('SELECT k, v FROM bytes ORDER BY k')).rows).toEqual([
      { k: 1, v: 'héll' },
      { k: 2, v: 'éé' },
      { k: 3, v: 'abcde' },
    ])
  })
})

describe('row errors (D-12, R-SVV-13/14, R-COPY-7)', () => {
  it('D-12: a bad integer fails the COPY with a load error row (file, line, column, raw value) and nothing is written', async () => {
    const d = dir()
    await s3.put(`${d}/a.csv`, 'id,name\n1,a\nx2,b\n3,c\n')
    const { error, written } = await failCopy(
      s3,
      `COPY people FROM 's3://bucket/${d}/a.csv' CSV IGNOREHEADER 1`,
      idName,
    )
    expect(error).toBeInstanceOf(CopyLoadError)
    const e = error as CopyLoadError
    expect(e.message).toContain(
      "Load into table 'people' failed.  Check 'stl_load_errors' system table for details.",
    )
    expect(e.ruleId).toBe('D-12')
    expect(e.loadErrors).toEqual([
      {
        fileName: `s3://bucket/${d}/a.csv`,
        lineNumber: 3,
        columnName: 'id',
        columnType: 'int4',
        columnLength: '',
        position: 0,
        errorCode: 1207,
        errorMessage: "Invalid digit, Value 'x', Pos 0, Type: Integer",
        rawLine: 'x2,b',
        rawFieldValue: 'x2',
      },
    ])
    expect(written.csv).toEqual([])
  })

  it('D-12: MAXERROR 1 still fails at the first bad row ("0 or 1: fail at the first error")', async () => {
    const d = dir()
    await s3.put(`${d}/a.csv`, '1,a\nbad,b\n3,c\n')
    const { error } = await failCopy(
      s3,
      `COPY t FROM 's3://bucket/${d}/a.csv' CSV MAXERROR 1`,
      idName,
    )
    expect((error as CopyLoadError).loadErrors).toHaveLength(1)
  })

  it('D-12: MAXERROR 2 skips one bad row, loads the rest and reports the skipped row; a second bad row fails it', async () => {
    const d = dir()
    await s3.put(`${d}/a.csv`, '1,a\nbad,b\n3,c\n')
    const { result, written } = await runCopy(
      s3,
      `COPY t FROM 's3://bucket/${d}/a.csv' CSV MAXERROR 2`,
      idName,
    )
    expect(written.text()).toBe('1,a\n3,c\n')
    expect(result.rows).toBe(2)
    expect(result.skipped).toHaveLength(1)
    expect(result.skipped[0]).toMatchObject({
      lineNumber: 2,
      columnName: 'id',
      rawFieldValue: 'bad',
    })
    await s3.put(`${d}/b.csv`, '1,a\nbad,b\n3,c\nbad,d\n')
    const { error } = await failCopy(
      s3,
      `COPY t FROM 's3://bucket/${d}/b.csv' CSV MAXERROR 2`,
      idName,
    )
    expect((error as CopyLoadError).loadErrors.map((r) => r.lineNumber)).toEqual([2, 4])
  })

  it('D-12: a NULL into a NOT NULL column is a load error (1213)', async () => {
    const d = dir()
    await s3.put(`${d}/a.txt`, '1|a\n\\N|b\n')
    const { error } = await failCopy(s3, `COPY t FROM 's3://bucket/${d}/a.txt'`, [
      col('id', 'int4', { notNull: true }),
      col('name', 'varchar', { maxLength: 20 }),
    ])
    expect((error as CopyLoadError).loadErrors[0]).toMatchObject({
      lineNumber: 2,
      columnName: 'id',
      errorCode: 1213,
    })
  })

  it('a wrong field count is a row error; FILLRECORD loads missing trailing fields as empty ones', async () => {
    const d = dir()
    await s3.put(`${d}/a.csv`, '1\n')
    await s3.put(`${d}/b.csv`, '1,a,extra\n')
    const columns = [col('id', 'int4'), col('name', 'varchar', { maxLength: 20 }), col('n', 'int4')]
    const few = await failCopy(s3, `COPY t FROM 's3://bucket/${d}/a.csv' CSV`, columns)
    expect((few.error as CopyLoadError).loadErrors[0]).toMatchObject({
      errorCode: 1214,
      columnName: 'name',
    })
    const many = await failCopy(s3, `COPY t FROM 's3://bucket/${d}/b.csv' CSV`, idName)
    expect((many.error as CopyLoadError).loadErrors[0]).toMatchObject({ errorCode: 1202 })
    const filled = await runCopy(s3, `COPY t FROM 's3://bucket/${d}/a.csv' CSV FILLRECORD`, columns)
    expect(filled.written.text()).toBe('1,"",\n')
    const filledNull = await runCopy(
      s3,
      `COPY t FROM 's3://bucket/${d}/a.csv' CSV FILLRECORD EMPTYASNULL`,
      columns,
    )
    expect(filledNull.written.text()).toBe('1,,\n')
  })

  it('R-TX-4: write is never called again once a later file has failed the COPY', async () => {
    const d = dir()
    await s3.put(`${d}/part-0.csv`, '1,a\n')
    await s3.put(`${d}/part-1.csv`, 'oops,b\n')
    await s3.put(`${d}/part-2.csv`, '3,c\n')
    const { error, written } = await failCopy(
      s3,
      `COPY t FROM 's3://bucket/${d}/part-' CSV`,
      idName,
    )
    expect(error).toBeInstanceOf(CopyLoadError)
    // The first file was written (the caller's transaction rolls it back); nothing after.
    expect(written.text()).toBe('1,a\n')
  })

  it('NOLOAD checks every row and writes nothing', async () => {
    const d = dir()
    await s3.put(`${d}/a.csv`, '1,a\n2,b\n')
    const { result, written } = await runCopy(
      s3,
      `COPY t FROM 's3://bucket/${d}/a.csv' CSV NOLOAD`,
      idName,
    )
    expect(written.csv).toEqual([])
    expect(result.rows).toBe(0)
    await s3.put(`${d}/b.csv`, '1,a\nbad,b\n')
    const { error } = await failCopy(s3, `COPY t FROM 's3://bucket/${d}/b.csv' CSV NOLOAD`, idName)
    expect(error).toBeInstanceOf(CopyLoadError)
  })

  it('an aborted signal cancels the COPY', async () => {
    const d = dir()
    await s3.put(`${d}/a.csv`, '1,a\n')
    const controller = new AbortController()
    controller.abort()
    const copy = parseCopy(`COPY t FROM 's3://bucket/${d}/a.csv' CSV`)
    await expect(
      loadFromS3({
        copy,
        table: { name: 't', columns: idName },
        region: 'us-east-1',
        s3: s3.client,
        statement: 'COPY …',
        write: async () => 0,
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' })
  })
})
