// `rsp load --to s3-copy|data-api`, in-process. Only AWS is replaced: S3 by aws-sdk-client-mock
// (an in-memory object store), the Data API by createFakeDataApi, which runs the SQL on PGlite
// and performs the COPYs for real from the mocked S3 (see load/test-load-fakes.ts).
import { DATAGEN_TABLES } from '@redshift-playground/datagen'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createLoadFakes, awsTestEnv as env } from '../load/test-load-fakes.js'
import { runCli, tempProject } from '../test-cli.js'

describe('rsp load --to s3-copy | data-api (S3 mocked, Data API on PGlite)', () => {
  let f: Awaited<ReturnType<typeof createLoadFakes>>
  beforeAll(async () => {
    f = await createLoadFakes()
  }, 120_000)
  beforeEach(() => f.reset())
  afterAll(() => f?.close())

  const dir = tempProject({
    project: 'airline',
    region: 'us-east-1',
    load: { bucket: 'rsp-test-bucket', prefix: 'runs/1/', scale: 0.001 },
  })

  it('generates, uploads parts and manifests, then COPYs every table in one transaction', {
    timeout: 180_000,
  }, async () => {
    const r = await runCli(['load', '--to', 's3-copy', '--workers', '0', '--json'], {
      cwd: dir,
      env,
    })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const summary = JSON.parse(r.stdout)
    expect(summary.s3Prefix).toBe('s3://rsp-test-bucket/runs/1')
    for (const t of DATAGEN_TABLES) {
      expect(f.objects.has(`rsp-test-bucket/runs/1/${t}/manifest.json`)).toBe(true)
      expect(f.objects.has(`rsp-test-bucket/runs/1/${t}/part-00000.csv.gz`)).toBe(true)
    }
    expect(f.copies.map((c) => /^COPY "airline_dw"\."([a-z_]+)"/.exec(c.sql)?.[1])).toEqual([
      ...DATAGEN_TABLES,
    ])
    expect(f.copies[0]?.sql).toContain(
      `FROM 's3://rsp-test-bucket/runs/1/${DATAGEN_TABLES[0]}/manifest.json'\nIAM_ROLE default\nMANIFEST GZIP CSV`,
    )
    expect(new Set(f.copies.map((c) => c.workgroup))).toEqual(new Set(['airline-producer']))
    expect(new Set(f.copies.map((c) => c.database))).toEqual(new Set(['dev']))
    // One Data API session = one transaction: the DELETEs and COPYs share it, then COMMIT.
    expect(new Set(f.copies.map((c) => c.session)).size).toBe(1)
    const session = f.copies[0]?.session
    const inSession = f.fake.statements.filter((s) => s.sessionId === session).map((s) => s.sql)
    expect(inSession.filter((s) => s.startsWith('DELETE FROM'))).toHaveLength(DATAGEN_TABLES.length)
    expect(inSession.at(-1)?.toLowerCase()).toBe('commit')
    // The COPYs really loaded what was uploaded.
    const loaded = await f.counts()
    for (const t of summary.tables as { table: string; rows: number }[])
      expect(loaded[t.table]).toBe(t.rows)
  })

  it('a failed upload runs no COPY and leaves the loaded rows alone (exit 1)', {
    timeout: 180_000,
  }, async () => {
    const before = await f.counts()
    expect(before.fact_bookings).toBeGreaterThan(0)
    f.failUploads(/fact_bookings\/part-/)
    const r = await runCli(
      ['load', '--to', 's3-copy', '--bucket', 'other-bucket', '--workers', '0', '--scale', '0.002'],
      { cwd: dir, env },
    )
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('Access Denied')
    expect(f.copies).toEqual([])
    expect(await f.counts()).toEqual(before)
    expect(
      [...f.objects.keys()].some((k) => k.startsWith('other-bucket/runs/1/fact_bookings/')),
    ).toBe(false)
  })

  it('--to data-api COPYs files already in S3, with a role ARN; a missing manifest rolls back', {
    timeout: 120_000,
  }, async () => {
    const before = await f.counts()
    const role = 'arn:aws:iam::123456789012:role/airline-copy'
    const r = await runCli(
      [
        'load',
        '--to',
        'data-api',
        '--manifest-prefix',
        's3://rsp-test-bucket/runs/1/',
        '--iam-role',
        role,
        '--database',
        'airline',
        '--json',
      ],
      { cwd: dir, env },
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).tables).toHaveLength(DATAGEN_TABLES.length)
    expect(f.copies).toHaveLength(DATAGEN_TABLES.length)
    expect(f.copies[1]?.sql).toContain(
      `FROM 's3://rsp-test-bucket/runs/1/${DATAGEN_TABLES[1]}/manifest.json'\nIAM_ROLE '${role}'\nMANIFEST GZIP CSV`,
    )
    expect(f.copies[0]?.database).toBe('airline')
    expect(await f.counts()).toEqual(before) // same files, same rows
    expect(f.s3.calls()).toHaveLength(0) // no upload

    f.objects.delete(`rsp-test-bucket/runs/1/${DATAGEN_TABLES.at(-1)}/manifest.json`)
    const missing = await runCli(
      ['load', '--to', 'data-api', '--manifest-prefix', 's3://rsp-test-bucket/runs/1'],
      { cwd: dir, env },
    )
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('The specified key does not exist')
    expect(await f.counts()).toEqual(before) // the DELETEs were rolled back
  })

  it('rejects bad flags with exit 2 before any AWS call', async () => {
    const cases: [string[], string][] = [
      [['--to', 'data-api'], '--to data-api needs --manifest-prefix s3://bucket/prefix'],
      [
        ['--to', 'data-api', '--manifest-prefix', 'my-bucket/airline'],
        '--manifest-prefix "my-bucket/airline": not an s3://bucket/prefix URL',
      ],
      [
        ['--to', 's3-copy', '--iam-role', 'copy-role'],
        'iamRole (value "copy-role"): Invalid datagen option iamRole',
      ],
      [
        ['--to', 's3-copy', '--bucket', 'Bad_Bucket'],
        '--bucket "s3://Bad_Bucket/runs/1": not an s3://bucket/prefix URL',
      ],
      [
        ['--to', 's3-copy', '--manifest-prefix', 's3://b/p'],
        '--manifest-prefix is for --to data-api',
      ],
    ]
    for (const [flags, message] of cases) {
      const r = await runCli(['load', ...flags], { cwd: dir, env })
      expect(r.stderr).toContain(message)
      expect(r.code).toBe(2)
    }
    const noBucket = await runCli(['load', '--to', 's3-copy'], {
      cwd: tempProject({ project: 'airline' }),
      env,
    })
    expect(noBucket.stderr).toContain('--to s3-copy needs a bucket you own')
    expect(noBucket.code).toBe(2)
    expect(f.s3.calls()).toHaveLength(0)
    expect(f.copies).toEqual([])
  })
})
