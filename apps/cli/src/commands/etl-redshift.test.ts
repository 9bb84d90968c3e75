// `rsp etl --target redshift`, in-process against a local AWS with no mocks (see
// load/test-load-fakes.ts): the real S3 and Data API clients of the AWS SDK, s3rver, and
// redshift-local's emulated producer, whose COPY reads the staged objects back from S3. The
// initial load goes the way `rsp load --to s3-copy` goes (loadThroughS3: generate → upload →
// DELETE + COPY in one transaction); day batches then go through `redshiftEtlTarget` (the
// target `rsp etl` builds) and through the command itself. Rows in the warehouse prove the
// whole path: generate → stage in S3 → one BatchExecuteStatement (R-API-6).
import {
  DescribeStatementCommand,
  type DescribeStatementCommandOutput,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data'
import { S3Client } from '@aws-sdk/client-s3'
import { type DayBatch, DayBatchGenerator } from '@redshift-playground/datagen'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { redshiftEtlTarget } from '../etl/etl-targets.js'
import { runEtlBatch } from '../etl/run-etl.js'
import { loadThroughS3, type RedshiftTarget } from '../load/redshift-load.js'
import { awsTestEnv as env, type LocalAws, startLocalAws } from '../load/test-load-fakes.js'
import { runCli, tempProject } from '../test-cli.js'

// January 2024 at scale 0.1: ≈ 2 flights and ≈ 300 bookings a day, 44,000 customers.
const LOAD = { seed: 5, scale: 0.1, startDate: '2024-01-01', days: 30 } as const
const FLAGS = ['--target', 'redshift', '--seed', '5', '--scale', '0.1', '--load-days', '30']
const BUCKET = 'rsp-test-bucket'

describe('rsp etl --target redshift (local S3 and emulated Redshift)', () => {
  let aws: LocalAws
  let s3: S3Client
  let data: RedshiftDataClient
  let producer: RedshiftTarget
  /** One row of a query as the producer's admin, as an array of values. */
  const row = async (sql: string) => (await aws.admin('dev', sql))[0]?.rows[0] as unknown[]
  /** Rows and money totals of the fact tables: what a failed batch must leave as it was. */
  const snapshot = async () => {
    const [ops, bookings, revenue, sales, net, last] = await row(
      `SELECT (SELECT count(*) FROM airline_dw.fact_flight_operations),
        (SELECT count(*) FROM airline_dw.fact_bookings),
        (SELECT count(*) FROM airline_dw.fact_daily_revenue),
        (SELECT sum(total_amount)::varchar FROM airline_dw.fact_bookings),
        (SELECT sum(total_revenue)::varchar FROM airline_dw.fact_daily_revenue),
        (SELECT max(date_key) FROM airline_dw.fact_flight_operations)`,
    )
    return {
      ops: Number(ops),
      bookings: Number(bookings),
      revenue: Number(revenue),
      sales,
      net,
      last: Number(last),
    }
  }
  /**
   * The BatchExecuteStatements run since the last reset, as DescribeStatement tells them (a
   * batch is the statement with sub-statements; ListStatements gives it no single QueryString).
   */
  const etlBatches = async (): Promise<DescribeStatementCommandOutput[]> => {
    const described = await Promise.all(
      (await aws.statements()).map((s) => data.send(new DescribeStatementCommand({ Id: s.id }))),
    )
    return described.filter((d) => (d.SubStatements?.length ?? 0) > 0)
  }
  const target = (prefix: string) =>
    redshiftEtlTarget({ data, s3, target: producer, s3Prefix: `s3://${BUCKET}/${prefix}` })

  beforeAll(async () => {
    aws = await startLocalAws({ buckets: [BUCKET] })
    // The SDK's clients as the CLI makes them: endpoints, keys and region from the environment.
    s3 = new S3Client({})
    data = new RedshiftDataClient({})
    producer = {
      workgroupName: aws.producer.workgroup,
      database: 'dev',
      secretArn: aws.producer.adminSecretArn,
    }
    await loadThroughS3({
      s3,
      data,
      target: producer,
      s3Prefix: `s3://${BUCKET}/load`,
      generation: { ...LOAD, workers: 0 },
    })
  }, 300_000)
  beforeEach(() => aws.reset())
  afterAll(async () => {
    s3?.destroy()
    data?.destroy()
    await aws?.close()
  })

  it('R-API-6, R-TX-4: appends the next days, each staged in S3 and applied by ONE BatchExecuteStatement (DELETE ×3 + COPY ×3); a re-run replaces the day', {
    timeout: 240_000,
  }, async () => {
    const before = await snapshot()
    expect(before.last).toBe(20240130)
    const t = target('etl-lib')
    const r = await runEtlBatch({ target: t, generation: LOAD, days: 2 })
    expect(r.batches.map((b) => b.day)).toEqual(['2024-01-31', '2024-02-01'])
    expect(r.lastDay).toBe('2024-02-01')
    const added = (k: 'fact_flight_operations' | 'fact_bookings' | 'fact_daily_revenue') =>
      r.batches.reduce((s, b) => s + b.tables[k], 0)
    expect(added('fact_flight_operations')).toBeGreaterThan(0)
    expect(added('fact_bookings')).toBeGreaterThan(100)
    for (const b of r.batches)
      expect(b.replaced).toEqual({
        fact_flight_operations: 0,
        fact_bookings: 0,
        fact_daily_revenue: 0,
      })
    const after = await snapshot()
    expect(after.ops).toBe(before.ops + added('fact_flight_operations'))
    expect(after.bookings).toBe(before.bookings + added('fact_bookings'))
    expect(after.revenue).toBe(before.revenue + added('fact_daily_revenue'))
    expect(after.last).toBe(20240201)

    // Each day: a gzip part and a mandatory manifest per table under <prefix>/etl/<day>/.
    expect((await aws.objects(BUCKET, 'etl-lib/etl/2024-01-31/')).sort()).toEqual(
      ['fact_bookings', 'fact_daily_revenue', 'fact_flight_operations'].flatMap((table) => [
        `${BUCKET}/etl-lib/etl/2024-01-31/${table}/manifest.json`,
        `${BUCKET}/etl-lib/etl/2024-01-31/${table}/part-0000.csv.gz`,
      ]),
    )
    // One BatchExecuteStatement a day: its sub-statements `<id>:1…6` ran in order, all FINISHED.
    const batches = await etlBatches()
    expect(batches).toHaveLength(2)
    for (const b of batches) {
      expect(b.Status).toBe('FINISHED')
      const subs = b.SubStatements ?? []
      expect(subs.map((s) => s.Id)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `${b.Id}:${n}`))
      expect(subs.map((s) => s.QueryString?.split(' ')[0])).toEqual([
        'DELETE',
        'DELETE',
        'DELETE',
        'COPY',
        'COPY',
        'COPY',
      ])
      expect(new Set(subs.map((s) => s.Status))).toEqual(new Set(['FINISHED']))
    }
    // The COPYs loaded what was staged (ResultRows of a COPY = rows loaded, R-API-8).
    const copied = batches[0]?.SubStatements?.slice(3).map((s) => s.ResultRows)
    expect(copied).toEqual([
      r.batches[0]?.tables.fact_flight_operations,
      r.batches[0]?.tables.fact_bookings,
      r.batches[0]?.tables.fact_daily_revenue,
    ])

    // Revenue reconciles to the cent with the bookings of the appended days.
    const [revenue, sales] = await row(`SELECT
      (SELECT sum(ticket_revenue + ancillary_revenue - refunds) FROM airline_dw.fact_daily_revenue WHERE date_key > 20240130)::varchar,
      (SELECT sum(base_fare + fees + bag_fees + baggage_fee) - sum(CASE WHEN booking_status = 'REFUNDED' THEN base_fare + fees + bag_fees ELSE 0 END)
         FROM airline_dw.fact_bookings WHERE flight_date_key > 20240130)::varchar`)
    expect(Number(revenue)).toBeGreaterThan(0)
    expect(revenue).toBe(sales)

    // Again: the DELETEs' affected rows say what was replaced; the same rows come back.
    const again = await runEtlBatch({ target: t, generation: LOAD, day: '2024-02-01' })
    expect(again.batches[0]?.replaced).toEqual(r.batches[1]?.tables)
    expect(await snapshot()).toEqual(after)
    // A day of the initial load, re-run through S3: exactly what the load COPYed.
    const jan15 = await runEtlBatch({ target: t, generation: LOAD, day: '2024-01-15' })
    expect(jan15.batches[0]?.replaced).toEqual(jan15.batches[0]?.tables)
    expect(jan15.batches[0]?.tables.fact_bookings).toBeGreaterThan(0)
    expect(await snapshot()).toEqual(after)
  })

  it('R-API-6, R-TX-4, R-COPY-7: a COPY that fails mid-batch rolls the whole day back — its DELETEs and the COPYs before it', {
    timeout: 240_000,
  }, async () => {
    const before = await snapshot()
    const good = new DayBatchGenerator(LOAD).batch('2024-02-01') // on the producer already
    const bookings = good.tables[1]!
    const last = new TextDecoder().decode(bookings.csv).trimEnd().split('\n').at(-1) as string
    // A booking whose key is not an integer: the bookings COPY fails after the three DELETEs
    // and the operations COPY succeeded in the same transaction.
    const broken: DayBatch = {
      ...good,
      tables: [
        good.tables[0]!,
        {
          ...bookings,
          rows: bookings.rows + 1,
          csv: Buffer.concat([bookings.csv, Buffer.from(`x${last}\n`)]),
        },
        good.tables[2]!,
      ],
    }
    const error = await target('etl-lib')
      .apply(broken)
      .catch((e) => e)
    expect(error).toMatchObject({ code: 'BATCH_FAILED', field: 'day', value: '2024-02-01' })
    expect(error.message).toContain("Load into table 'fact_bookings' failed")
    expect(error.message).toMatch(/one transaction and was rolled back: the producer keeps/)
    expect(await snapshot()).toEqual(before)
    const [b] = await etlBatches()
    expect(b?.Status).toBe('FAILED')
    expect(b?.SubStatements?.map((s) => s.Status)).toEqual([
      'FINISHED',
      'FINISHED',
      'FINISHED',
      'FINISHED',
      'FAILED',
      'ABORTED',
    ])
    // R-SVV-14: the bad row is in STL_LOAD_ERRORS, with the file it came from.
    const [file, column, value] = await row(
      'SELECT trim(filename), trim(colname), trim(raw_field_value) FROM stl_load_errors ORDER BY starttime DESC LIMIT 1',
    )
    expect(file).toBe(`s3://${BUCKET}/etl-lib/etl/2024-02-01/fact_bookings/part-0000.csv.gz`)
    expect(column).toBe('booking_key')
    expect(String(value)).toMatch(/^x\d+$/)
  })

  const dir = tempProject({
    project: 'airline',
    region: 'us-east-1',
    load: { bucket: BUCKET, prefix: 'runs/etl/', scale: 0.1 },
  })

  it('A: rsp etl --target redshift stages the next day under load.bucket/prefix and commits it, as the managed admin secret by default', {
    timeout: 240_000,
  }, async () => {
    const before = await snapshot()
    const r = await runCli(['etl', ...FLAGS, '--json'], { cwd: dir, env })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.target).toBe('airline-producer/dev')
    expect(out.batches.map((b: { day: string }) => b.day)).toEqual(['2024-02-02'])
    const b = out.batches[0]
    const after = await snapshot()
    expect(after.ops).toBe(before.ops + b.tables.fact_flight_operations)
    expect(after.bookings).toBe(before.bookings + b.tables.fact_bookings)
    expect(after.last).toBe(20240202)
    expect(await aws.objects(BUCKET, 'runs/etl/etl/2024-02-02/')).toHaveLength(6)
    const [batch] = await etlBatches()
    expect(batch?.Status).toBe('FINISHED')
    expect(batch?.SubStatements).toHaveLength(6)
    expect(batch?.SubStatements?.[3]?.QueryString).toContain(
      `FROM 's3://${BUCKET}/runs/etl/etl/2024-02-02/fact_flight_operations/manifest.json'\nIAM_ROLE default\nMANIFEST GZIP CSV`,
    )
  })

  it('a failed upload runs no statement and leaves the day as it was (exit 1)', {
    timeout: 240_000,
  }, async () => {
    const before = await snapshot()
    aws.failUploads(/fact_bookings\/part-/)
    const r = await runCli(['etl', ...FLAGS, '--day', '2024-02-01'], { cwd: dir, env })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('Access Denied')
    // Every other upload had settled when the command returned: none goes on writing after it
    // (before, the first refusal returned at once and the rest landed later, on a destroyed client).
    const staged = [
      'fact_flight_operations/part-0000.csv.gz',
      'fact_flight_operations/manifest.json',
    ]
    staged.push('fact_bookings/manifest.json', 'fact_daily_revenue/part-0000.csv.gz')
    staged.push('fact_daily_revenue/manifest.json')
    expect([...aws.uploads].sort()).toEqual(
      staged.map((k) => `${BUCKET}/runs/etl/etl/2024-02-01/${k}`).sort(),
    )
    expect(await etlBatches()).toEqual([])
    expect(await snapshot()).toEqual(before)
  })

  it('refuses a day past the calendar before staging anything (exit 2)', {
    timeout: 120_000,
  }, async () => {
    const r = await runCli(['etl', ...FLAGS, '--day', '2026-01-01'], { cwd: dir, env })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/day 2026-01-01 is outside the calendar: .* to 2025-12-31/)
    expect(aws.uploads).toEqual([])
    expect(await etlBatches()).toEqual([])
  })
})
