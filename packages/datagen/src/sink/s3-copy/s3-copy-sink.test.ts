import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { mockClient } from 'aws-sdk-client-mock'
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely'
import { describe, expect, it } from 'vitest'
import { DatagenError } from '../../errors.js'
import { loadAirlineData } from '../../load.js'
import { S3CopySink } from './s3-copy-sink.js'

class RecordingDriver extends DummyDriver {
  constructor(readonly statements: string[]) {
    super()
  }
  override async beginTransaction() {
    this.statements.push('begin')
  }
  override async commitTransaction() {
    this.statements.push('commit')
  }
}

// Only the AWS API is mocked (no account here); the COPY SQL is captured from a Kysely whose
// driver executes nothing, since COPY FROM 's3://…' cannot run outside Redshift.
describe('S3CopySink', () => {
  it('uploads every part and manifest, then COPYs inside one transaction', async () => {
    const s3 = mockClient(S3Client)
    const bodies = new Map<string, number>()
    s3.on(PutObjectCommand).callsFake(async (input) => {
      const b = input.Body
      bodies.set(input.Key, typeof b === 'string' ? b.length : (b?.length ?? 0))
      return { ETag: '"e"' }
    })
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'u1' })
    s3.on(UploadPartCommand).resolves({ ETag: '"p"' })
    s3.on(CompleteMultipartUploadCommand).resolves({})
    const statements: string[] = []
    const db = new Kysely<any>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => new RecordingDriver(statements),
        createIntrospector: (k) => new PostgresIntrospector(k),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
      log: (e) => {
        statements.push(e.query.sql)
      },
    })
    const sink = new S3CopySink({
      client: new S3Client({ region: 'us-east-1' }),
      upload: Upload,
      s3Prefix: 's3://my-bucket/run-1',
      db,
    })
    await loadAirlineData({
      seed: 1,
      scale: 0.005,
      workers: 0,
      tables: ['dim_date', 'dim_airport', 'fact_flight_operations'],
      parts: 2,
      sink,
    })
    expect([...bodies.keys()].sort()).toEqual([
      'run-1/dim_airport/manifest.json',
      'run-1/dim_airport/part-00000.csv.gz',
      'run-1/dim_airport/part-00001.csv.gz',
      'run-1/dim_date/manifest.json',
      'run-1/dim_date/part-00000.csv.gz',
      'run-1/dim_date/part-00001.csv.gz',
      'run-1/fact_flight_operations/manifest.json',
      'run-1/fact_flight_operations/part-00000.csv.gz',
      'run-1/fact_flight_operations/part-00001.csv.gz',
    ])
    const copies = statements.filter((s) => s.startsWith('COPY'))
    expect(copies).toHaveLength(3)
    expect(copies[0]).toContain(
      `FROM 's3://my-bucket/run-1/dim_date/manifest.json'\nIAM_ROLE default\nMANIFEST GZIP CSV`,
    )
    expect(statements[0]).toBe('begin')
    expect(statements.at(-1)).toBe('commit')
    expect(statements[1]).toBe('DELETE FROM "airline_dw"."dim_date"')
  })

  it('rejects bad options with the field named', () => {
    const db = {} as Kysely<any>
    const client = { send: async () => ({}) }
    expect(() => new S3CopySink({ client, upload: Upload, s3Prefix: 'http://x', db })).toThrow(
      /s3Prefix/,
    )
    expect(
      () => new S3CopySink({ client, upload: Upload, s3Prefix: 's3://bucket', db, partSize: 1024 }),
    ).toThrow(DatagenError)
  })
})
