// Test helper (excluded from the build): AWS for `rsp load --to s3-copy|data-api` and
// `rsp deploy`'s load step. S3 is aws-sdk-client-mock over an in-memory object store; the Data
// API is createFakeDataApi running the SQL on PGlite. Redshift's COPY FROM 's3://…' cannot run
// there, so the fake's intercept performs it for real: it reads the manifest and the gzip parts
// uploaded to the mocked S3 and COPYs them into PGlite, so row counts prove the whole path.
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
import { dataApiClientFactory } from '../connections/aws-clients.js'

export const awsTestEnv = {
  NO_COLOR: '1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'example',
}

export interface InterceptedCopy {
  readonly sql: string
  readonly workgroup: string | undefined
  readonly database: string | undefined
  readonly session: string | undefined
}

const bytes = (body: unknown): Buffer =>
  typeof body === 'string' ? Buffer.from(body) : Buffer.from(body as Uint8Array)

export async function createLoadFakes() {
  const objects = new Map<string, Buffer>() // "bucket/key" → body
  const multipart = new Map<string, { key: string; parts: Map<number, Buffer> }>()
  const copies: InterceptedCopy[] = []
  const state: { failKey: RegExp | undefined } = { failKey: undefined }
  const s3 = mockClient(S3Client)
  const mockS3 = () => {
    s3.reset()
    s3.on(PutObjectCommand).callsFake(async (input) => {
      if (state.failKey?.test(input.Key))
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
  mockS3()

  const pglite = new PGlite()
  // The producer already has the tables (PostgreSQL DDL), so the CLI's Redshift DDL is not
  // needed. Foreign keys are left out: Redshift declares them but does not enforce them.
  const { error } = await new Migrator({
    db: new Kysely({ dialect: new PGliteDialect(pglite) }),
    provider: airlineMigrations({ target: 'postgres', foreignKeys: false }),
  }).migrateToLatest()
  if (error) throw error
  const fake: FakeDataApi = await createFakeDataApi({
    pglite,
    intercept: async (sql, _params, ctx) => {
      if (!/^COPY /.test(sql)) return undefined
      copies.push({
        sql,
        workgroup: ctx.workgroupName,
        database: ctx.database,
        session: ctx.sessionId,
      })
      const m = /^COPY ("[a-z_]+"\."[a-z_]+") \(([^)]+)\)\nFROM 's3:\/\/([^']+)'/.exec(sql)
      if (!m) throw new Error(`ERROR: unexpected COPY ${sql}`)
      const manifest = objects.get(m[3] as string)
      if (!manifest)
        throw new Error(`ERROR: S3ServiceException: The specified key does not exist (${m[3]})`)
      const entries = JSON.parse(manifest.toString()).entries as { url: string }[]
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
  const original = dataApiClientFactory.create
  dataApiClientFactory.create = async () => ({
    send: (command, options) => fake.client.send(command, options),
    destroy: () => undefined,
  })

  return {
    objects,
    copies,
    s3,
    fake,
    /** S3 keys matching this fail with AccessDenied. */
    failUploads(key: RegExp | undefined) {
      state.failKey = key
    },
    /** Clears recorded calls and COPYs (keeps the objects and the database). */
    reset() {
      mockS3()
      state.failKey = undefined
      copies.length = 0
    },
    async counts(): Promise<Record<string, number | undefined>> {
      return Object.fromEntries(
        await Promise.all(
          DATAGEN_TABLES.map(async (t) => {
            const r = await pglite.query<{ n: number }>(
              `select count(*)::int as n from airline_dw.${t}`,
            )
            return [t, r.rows[0]?.n] as const
          }),
        ),
      )
    },
    async close() {
      dataApiClientFactory.create = original
      s3.restore()
      await fake.close()
      await pglite.close()
    },
  }
}
