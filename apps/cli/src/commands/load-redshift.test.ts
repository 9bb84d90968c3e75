// `rsp load --to s3-copy|data-api`, in-process, against a local AWS with no mocks (see
// load/test-load-fakes.ts): the CLI's real S3 client uploads to s3rver, its real Data API
// client drives redshift-local's emulated producer, whose COPY reads those objects back from
// S3. Row counts in the warehouse therefore prove the whole path: generate → upload → COPY.
import { DATAGEN_TABLES } from '@redshift-playground/datagen'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  COPY_ROLE,
  awsTestEnv as env,
  type LocalAws,
  startLocalAws,
} from '../load/test-load-fakes.js'
import { runCli, tempProject } from '../test-cli.js'

describe('rsp load --to s3-copy | data-api (local S3 and emulated Redshift)', () => {
  let aws: LocalAws
  /** The producer's admin secret, given explicitly (the default finds it with GetNamespace). */
  let secret: string[]
  beforeAll(async () => {
    // `norole-producer`: a namespace with no default IAM role (no `load` before deploy).
    aws = await startLocalAws({
      buckets: ['rsp-test-bucket', 'other-bucket'],
      namespaces: ['norole-producer'],
    })
    secret = ['--secret-arn', aws.producer.adminSecretArn]
  }, 120_000)
  beforeEach(() => aws.reset())
  afterAll(() => aws?.close())

  const dir = tempProject({
    project: 'airline',
    region: 'us-east-1',
    load: { bucket: 'rsp-test-bucket', prefix: 'runs/1/', scale: 0.001 },
  })

  it('A, R-COPY-4, R-API-14: as the managed admin secret by default, generates, uploads parts and manifests, then COPYs every table in one transaction', {
    timeout: 240_000,
  }, async () => {
    // No --secret-arn, no load.secretArn: before, this ran as the caller's IAM identity and
    // stopped at CREATE SCHEMA (permission denied for database dev, D-8/D-9).
    const r = await runCli(['load', '--to', 's3-copy', '--workers', '0', '--json'], {
      cwd: dir,
      env,
    })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const summary = JSON.parse(r.stdout)
    expect(summary.s3Prefix).toBe('s3://rsp-test-bucket/runs/1')
    const stored = new Set(await aws.objects('rsp-test-bucket', 'runs/1/'))
    for (const t of DATAGEN_TABLES) {
      expect(stored.has(`rsp-test-bucket/runs/1/${t}/manifest.json`)).toBe(true)
      expect(stored.has(`rsp-test-bucket/runs/1/${t}/part-00000.csv.gz`)).toBe(true)
    }
    const copies = await aws.copies()
    expect(copies.map((c) => /^COPY "airline_dw"\."([a-z_]+)"/.exec(c.sql)?.[1])).toEqual([
      ...DATAGEN_TABLES,
    ])
    expect(copies[0]?.sql).toContain(
      `FROM 's3://rsp-test-bucket/runs/1/${DATAGEN_TABLES[0]}/manifest.json'\nIAM_ROLE default\nMANIFEST GZIP CSV`,
    )
    expect(new Set(copies.map((c) => c.status))).toEqual(new Set(['FINISHED']))
    expect(new Set(copies.map((c) => c.workgroup))).toEqual(new Set(['airline-producer']))
    expect(new Set(copies.map((c) => c.database))).toEqual(new Set(['dev']))
    // One Data API session = one transaction: the DELETEs and COPYs share it, then COMMIT.
    expect(new Set(copies.map((c) => c.session)).size).toBe(1)
    const session = copies[0]?.session
    expect(session).toBeDefined()
    const inSession = (await aws.statements())
      .filter((s) => s.session === session)
      .map((s) => s.sql)
    expect(inSession.filter((s) => s.startsWith('DELETE FROM'))).toHaveLength(DATAGEN_TABLES.length)
    expect(inSession.at(-1)?.toLowerCase()).toBe('commit')
    // The COPYs really loaded what was uploaded: each reports its rows, and the tables hold them.
    const loaded = await aws.counts()
    for (const t of summary.tables as { table: string; rows: number }[]) {
      expect(t.rows).toBeGreaterThan(0)
      expect(loaded[t.table]).toBe(t.rows)
      expect(copies.find((c) => c.sql.includes(`"airline_dw"."${t.table}"`))?.resultRows).toBe(
        t.rows,
      )
    }
  })

  it('a failed upload runs no COPY and leaves the loaded rows alone (exit 1)', {
    timeout: 240_000,
  }, async () => {
    const before = await aws.counts()
    expect(before.fact_bookings).toBeGreaterThan(0)
    aws.failUploads(/fact_bookings\/part-/)
    const r = await runCli(
      [
        'load',
        '--to',
        's3-copy',
        '--bucket',
        'other-bucket',
        '--workers',
        '0',
        '--scale',
        '0.002',
        ...secret,
      ],
      { cwd: dir, env },
    )
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('Access Denied')
    expect(await aws.copies()).toEqual([])
    expect(await aws.counts()).toEqual(before)
    // Other tables did upload; the refused one has nothing under its prefix.
    expect(aws.uploads.some((k) => k.startsWith('other-bucket/runs/1/dim_date/'))).toBe(true)
    expect(await aws.objects('other-bucket', 'runs/1/fact_bookings/')).toEqual([])
  })

  it('R-COPY-4: --to data-api COPYs files already in S3, with a role ARN; a missing manifest rolls back', {
    timeout: 240_000,
  }, async () => {
    const before = await aws.counts()
    // Another database of the producer: the migration creates the schema there first.
    await aws.admin('dev', 'CREATE DATABASE airline')
    const r = await runCli(
      [
        'load',
        '--to',
        'data-api',
        '--manifest-prefix',
        's3://rsp-test-bucket/runs/1/',
        '--iam-role',
        COPY_ROLE,
        '--database',
        'airline',
        '--json',
        ...secret,
      ],
      { cwd: dir, env },
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).tables).toHaveLength(DATAGEN_TABLES.length)
    const copies = await aws.copies()
    expect(copies).toHaveLength(DATAGEN_TABLES.length)
    expect(copies[1]?.sql).toContain(
      `FROM 's3://rsp-test-bucket/runs/1/${DATAGEN_TABLES[1]}/manifest.json'\nIAM_ROLE '${COPY_ROLE}'\nMANIFEST GZIP CSV`,
    )
    expect(new Set(copies.map((c) => c.database))).toEqual(new Set(['airline']))
    expect(await aws.counts('airline')).toEqual(before) // the same files, the same rows
    expect(aws.s3Requests).toBe(0) // the CLI uploaded nothing (COPY read S3 itself)

    await aws.deleteObject('rsp-test-bucket', `runs/1/${DATAGEN_TABLES.at(-1)}/manifest.json`)
    aws.reset()
    const missing = await runCli(
      ['load', '--to', 'data-api', '--manifest-prefix', 's3://rsp-test-bucket/runs/1'],
      { cwd: dir, env },
    )
    expect(missing.stdout).toContain(
      `airline-producer/dev: as admin via the namespace’s managed admin secret; COPY with the namespace’s default IAM role ${COPY_ROLE}`,
    )
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain(
      `Problem reading manifest file - the manifest s3://rsp-test-bucket/runs/1/${DATAGEN_TABLES.at(-1)}/manifest.json does not exist`,
    )
    const failed = await aws.copies()
    expect(failed.at(-1)?.status).toBe('FAILED')
    expect(failed.slice(0, -1).every((c) => c.status === 'FINISHED')).toBe(true)
    expect(await aws.counts()).toEqual(before) // the DELETEs and earlier COPYs rolled back
  })

  it('A: --iam-identity without the grants stops before any DDL, upload or COPY, naming the grants (exit 1)', {
    timeout: 120_000,
  }, async () => {
    const r = await runCli(['load', '--to', 's3-copy', '--workers', '0', '--iam-identity'], {
      cwd: dir,
      env,
    })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(
      'airline-producer: your IAM identity IAMR:rsp-deployer lacks CREATE on database dev (CREATE SCHEMA airline_dw)',
    )
    expect(r.stderr).toContain('GRANT CREATE ON DATABASE dev TO "IAMR:rsp-deployer"')
    expect(r.stderr).toContain('docs/deploy-on-aws.md')
    // Only the preflight's reads of documented system views ran, as the IAM identity.
    const sent = await aws.statements()
    expect(sent.length).toBeGreaterThan(0)
    expect(sent.every((st) => /^\s*select /i.test(st.sql))).toBe(true)
    expect(aws.uploads).toEqual([])
    expect(aws.s3Requests).toBe(0)
  })

  it('A: --secret-arn and --iam-identity exclude each other (exit 2)', async () => {
    const r = await runCli(['load', '--to', 's3-copy', '--iam-identity', ...secret], {
      cwd: dir,
      env,
    })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--secret-arn and --iam-identity exclude each other')
  })

  it('C, R-COPY-4: a producer without a default IAM role is refused before anything is generated, uploaded or COPYed (exit 2)', {
    timeout: 120_000,
  }, async () => {
    // Before: the data was generated and uploaded, then COPY … IAM_ROLE default failed.
    const norole = tempProject({
      project: 'norole',
      region: 'us-east-1',
      load: { bucket: 'rsp-test-bucket', prefix: 'norole/', scale: 0.001 },
    })
    const r = await runCli(['load', '--to', 's3-copy', '--workers', '0'], { cwd: norole, env })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      'namespace norole-producer has no default IAM role, so COPY … IAM_ROLE default would be refused (R-COPY-4)',
    )
    expect(r.stderr).toContain('only when load.bucket is set in rsp.config.json before rsp deploy')
    expect(r.stderr).toContain('or pass --iam-role <arn>')
    expect(aws.uploads).toEqual([])
    expect(aws.s3Requests).toBe(0)
    expect(await aws.statements()).toEqual([])
    const copy = await runCli(
      ['load', '--to', 'data-api', '--manifest-prefix', 's3://rsp-test-bucket/runs/1'],
      { cwd: norole, env },
    )
    expect(copy.code).toBe(2)
    expect(copy.stderr).toContain('namespace norole-producer has no default IAM role')
    // A role ARN the namespace does not have is refused too.
    const other = await runCli(
      [
        'load',
        '--to',
        'data-api',
        '--manifest-prefix',
        's3://rsp-test-bucket/runs/1',
        '--iam-role',
        COPY_ROLE,
      ],
      { cwd: norole, env },
    )
    expect(other.code).toBe(2)
    expect(other.stderr).toContain(
      `--iam-role ${COPY_ROLE} is not associated with namespace norole-producer`,
    )
    expect(await aws.statements()).toEqual([])
  })

  it('rejects bad flags with exit 2 before any AWS call', async () => {
    const calls = aws.server.calls
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
      [
        ['--to', 's3-copy', '--secret-arn', 'admin'],
        '--secret-arn "admin" is not a Secrets Manager secret ARN',
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
    expect(aws.s3Requests).toBe(0)
    expect(aws.server.calls).toEqual(calls)
  })
})
