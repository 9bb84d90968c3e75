// `rsp load --to s3-copy|data-api`, in-process. Only AWS is replaced: S3 by aws-sdk-client-mock
// (an in-memory object store), the Data API by createFakeDataApi, which runs the SQL on PGlite.
// Redshift's COPY FROM 's3://…' cannot run there, so the fake's intercept performs it for real:
// it reads the manifest and the gzip parts the CLI uploaded to the mocked S3 and COPYs them
// into PGlite — the row counts prove the whole path, not just the SQL text.
import { gunzipSync } from 'node:zlib'
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3'
import { PGlite } from '@electric-sql/pglite'
import { DATAGEN_TABLES } from '@redshift-playground/datagen'
import { createFakeDataApi, type FakeDataApi } from '@redshift-playground/redshift-data/testing'
import { airlineMigrations } from '@redshift-playground/schema'
import { mockClient } from 'aws-sdk-client-mock'
import { Kysely, Migrator } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { dataApiClientFactory } from '../connections/aws-clients.js'
import { runCli, tempProject } from '../test-cli.js'

const env = { NO_COLOR: '1', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'example' }
const bytes = (body: unknown): Buffer =>
  typeof body === 'string' ? Buffer.from(body) : Buffer.from(body as Uint8Array)

describe('rsp load --to s3-copy | data-api (S3 mocked, Data API on PGlite)', () => {
  const objects = new Map<string, Buffer>() // "bucket/key" → body
  const multipart = new Map<string, { key: string; parts: Map<number, Buffer> }>()
  const s3 = mockClient(S3Client)
  const copies: { sql: string; workgroup?: string; database?: string; session?: string }[] = []
  let failKey: RegExp | undefined
  let pglite: PGlite
  let fake: FakeDataApi
  const original = dataApiClientFactory.create

  const mockS3 = () => {
    s3.reset()
    s3.on(PutObjectCommand).callsFake(async (input) => {
      if (failKey?.test(input.Key))
        throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied' })
      objects.set(`${input.Bucket}/${input.Key}`, bytes(input.Body))
      return { ETag: '"e"' }
    })
    s3.on(CreateMultipartUploadCommand).callsFake(async (input) => {
      const id = `u${multipart.size + 1}`
      multipart.set(id, { key: `${input.Bucket}/${input.Key}`, parts: new Map() })
      return { UploadId: id }
    })
    s3.on(UploadPartCommand).callsFake(async (input) => {
      multipart.get(input.UploadId)?.parts.set(input.PartNumber, bytes(input.Body))
      return { ETag: `"p${input.PartNumber}"` }
    })
    s3.on(CompleteMultipartUploadCommand).callsFake(async (input) => {
      const u = multipart.get(input.UploadId)
      if (!u) throw new Error('NoSuchUpload')
      const ordered = [...u.parts.entries()].sort(([a], [b]) => a - b).map(([, b]) => b)
      objects.set(u.key, Buffer.concat(ordered))
      return {}
    })
  }

  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        DATAGEN_TABLES.map(async (t) => {
          const r = await pglite.query<{ n: number }>(
            `select count(*)::int as n from airline_dw.${t}`,
          )
          return [t, r.rows[0]?.n] as const
        }),
      ),
    )

  beforeAll(async () => {
    pglite = new PGlite()
    // The producer already has the tables (PostgreSQL DDL), so the CLI's Redshift DDL is not
    // needed. Foreign keys are left out: Redshift declares them but does not enforce them.
    const { error } = await new Migrator({
      db: new Kysely({ dialect: new PGliteDialect(pglite) }),
      provider: airlineMigrations({ target: 'postgres', foreignKeys: false }),
    }).migrateToLatest()
    if (error) throw error
    fake = await createFakeDataApi({
      pglite,
      intercept: async (sql, _params, ctx) => {
        if (!/^COPY /.test(sql)) return undefined
        copies.push({
          sql,
          ...(ctx.workgroupName ? { workgroup: ctx.workgroupName } : {}),
          ...(ctx.database ? { database: ctx.database } : {}),
          ...(ctx.sessionId ? { session: ctx.sessionId } : {}),
        })
        const m = /^COPY ("[a-z_]+"\."[a-z_]+") \(([^)]+)\)\nFROM 's3:\/\/([^']+)'/.exec(sql)
        if (!m) throw new Error(`ERROR: unexpected COPY ${sql}`)
        const manifest = objects.get(m[3] as string)
        if (!manifest)
          throw new Error(`ERROR: S3ServiceException: The specified key does not exist (${m[3]})`)
        const entries = JSON.parse(manifest.toString()).entries as {
          url: string
          mandatory: boolean
        }[]
        for (const e of entries) {
          const part = objects.get(e.url.slice('s3://'.length))
          if (!part) throw new Error(`ERROR: missing part ${e.url}`)
          await ctx.pglite.query(`COPY ${m[1]} (${m[2]}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
            blob: new Blob([gunzipSync(part)]),
          })
        }
        return { rows: [] }
      },
    })
    dataApiClientFactory.create = async () => ({
      send: (command, options) => fake.client.send(command, options),
      destroy: () => undefined,
    })
  }, 120_000)

  beforeEach(() => {
    mockS3()
    failKey = undefined
    copies.length = 0
  })

  afterAll(async () => {
    dataApiClientFactory.create = original
    s3.restore()
    await fake?.close()
    await pglite?.close()
  })

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
      expect(objects.has(`rsp-test-bucket/runs/1/${t}/manifest.json`)).toBe(true)
      expect(objects.has(`rsp-test-bucket/runs/1/${t}/part-00000.csv.gz`)).toBe(true)
    }
    expect(copies.map((c) => /^COPY "airline_dw"\."([a-z_]+)"/.exec(c.sql)?.[1])).toEqual([
      ...DATAGEN_TABLES,
    ])
    expect(copies[0]?.sql).toContain(
      `FROM 's3://rsp-test-bucket/runs/1/${DATAGEN_TABLES[0]}/manifest.json'\nIAM_ROLE default\nMANIFEST GZIP CSV`,
    )
    expect(new Set(copies.map((c) => c.workgroup))).toEqual(new Set(['airline-producer']))
    expect(new Set(copies.map((c) => c.database))).toEqual(new Set(['dev']))
    // One Data API session = one transaction: the DELETEs and COPYs share it, then COMMIT.
    expect(new Set(copies.map((c) => c.session)).size).toBe(1)
    const session = copies[0]?.session
    const inSession = fake.statements.filter((s) => s.sessionId === session).map((s) => s.sql)
    expect(inSession.filter((s) => s.startsWith('DELETE FROM'))).toHaveLength(DATAGEN_TABLES.length)
    expect(inSession.at(-1)?.toLowerCase()).toBe('commit')
    // The COPYs really loaded what was uploaded.
    const loaded = await counts()
    for (const t of summary.tables as { table: string; rows: number }[])
      expect(loaded[t.table]).toBe(t.rows)
  })

  it('a failed upload runs no COPY and leaves the loaded rows alone (exit 1)', {
    timeout: 180_000,
  }, async () => {
    const before = await counts()
    expect(before.fact_bookings).toBeGreaterThan(0)
    failKey = /fact_bookings\/part-/
    const r = await runCli(
      ['load', '--to', 's3-copy', '--bucket', 'other-bucket', '--workers', '0', '--scale', '0.002'],
      { cwd: dir, env },
    )
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('Access Denied')
    expect(copies).toEqual([])
    expect(await counts()).toEqual(before)
    expect(
      [...objects.keys()].some((k) => k.startsWith('other-bucket/runs/1/fact_bookings/')),
    ).toBe(false)
  })

  it('--to data-api COPYs files already in S3, with a role ARN; a missing manifest rolls back', {
    timeout: 120_000,
  }, async () => {
    const before = await counts()
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
    expect(copies).toHaveLength(DATAGEN_TABLES.length)
    expect(copies[1]?.sql).toContain(
      `FROM 's3://rsp-test-bucket/runs/1/${DATAGEN_TABLES[1]}/manifest.json'\nIAM_ROLE '${role}'\nMANIFEST GZIP CSV`,
    )
    expect(copies[0]?.database).toBe('airline')
    expect(await counts()).toEqual(before) // same files, same rows
    expect(s3.calls()).toHaveLength(0) // no upload

    objects.delete(`rsp-test-bucket/runs/1/${DATAGEN_TABLES.at(-1)}/manifest.json`)
    const missing = await runCli(
      ['load', '--to', 'data-api', '--manifest-prefix', 's3://rsp-test-bucket/runs/1'],
      { cwd: dir, env },
    )
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('The specified key does not exist')
    expect(await counts()).toEqual(before) // the DELETEs were rolled back
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
    expect(s3.calls()).toHaveLength(0)
    expect(copies).toEqual([])
  })
})
