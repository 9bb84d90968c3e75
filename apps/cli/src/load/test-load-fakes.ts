// Test helper (excluded from the build): a local AWS for `rsp load --to s3-copy|data-api` and
// `rsp deploy`'s load step, with no mocks. S3 is s3rver (a real S3 server on a local port), the
// Redshift Data API and the Serverless control plane are @redshift-playground/redshift-local's
// server over an emulated account (rules from AWS's documentation, each with an id) whose COPY
// reads the uploaded objects from that S3. The CLI makes its real SDK clients as in production;
// they reach the local endpoints through the SDK's standard endpoint settings
// (AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_REDSHIFT_DATA, AWS_ENDPOINT_URL_REDSHIFT_SERVERLESS),
// set on process.env while the helper runs. (The file keeps its old name so its importers stay.)
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  DescribeStatementCommand,
  ListStatementsCommand,
  RedshiftDataClient,
  type StatementData,
} from '@aws-sdk/client-redshift-data'
import { DeleteObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import { DATAGEN_TABLES } from '@redshift-playground/datagen'
import {
  type DataApiServer,
  LocalRedshift,
  startDataApiServer,
} from '@redshift-playground/redshift-local'

/** The `env` the CLI runs with (its context; the SDK reads process.env, set by startLocalAws). */
export const awsTestEnv = {
  NO_COLOR: '1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'example',
}

/** The IAM identity the CLI runs as (its key is s3rver's, so S3 accepts its signatures too). */
export const CLI_PRINCIPAL = {
  accessKeyId: 'S3RVER',
  secretAccessKey: 'S3RVER',
  arn: 'arn:aws:sts::123456789012:assumed-role/rsp-deployer/cli',
} as const
/** The producer's default IAM role (the role COPY … IAM_ROLE default uses, R-COPY-4). */
export const COPY_ROLE = 'arn:aws:iam::123456789012:role/airline-copy'

/** A statement the Data API ran, as DescribeStatement reports it. */
export interface RanStatement {
  readonly id: string
  readonly sql: string
  readonly status: string
  readonly workgroup: string | undefined
  readonly database: string | undefined
  readonly session: string | undefined
  /** Rows returned or affected (COPY: rows loaded); -1 when not known. */
  readonly resultRows: number
  readonly error: string | undefined
}

export interface LocalAwsOptions {
  /** Buckets s3rver starts with. */
  readonly buckets: readonly string[]
  /** @default 'airline' (the producer is `<project>-producer`) */
  readonly project?: string
  /** Further namespaces (the consumers' workgroups `rsp deploy` waits for). */
  readonly namespaces?: readonly string[]
}

/**
 * Starts s3rver, an emulated Redshift account reading COPY sources from it, the Data API
 * server (which also answers the Serverless control plane), and points the SDK at them.
 */
export async function startLocalAws(options: LocalAwsOptions) {
  const project = options.project ?? 'airline'
  const directory = mkdtempSync(join(tmpdir(), 'rsp-s3-'))
  // s3rver ships no types; it is CommonJS.
  const S3rver = createRequire(import.meta.url)('s3rver') as new (
    options: object,
  ) => {
    run(): Promise<{ port: number }>
    close(): Promise<void>
    on(event: 'event', fn: (e: S3EventRecords) => void): void
  }
  const s3rver = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: options.buckets.map((name) => ({ name })),
  })
  const { port: s3Port } = await s3rver.run()
  const s3Url = `http://127.0.0.1:${s3Port}`
  const created: string[] = []
  s3rver.on('event', (e) => {
    for (const r of e.Records)
      if (r.eventName.startsWith('ObjectCreated:'))
        created.push(`${r.s3.bucket.name}/${decodeURIComponent(r.s3.object.key)}`)
  })
  // The test's own S3 client (the emulator's COPY reads with one like it).
  const s3 = new S3Client({
    endpoint: s3Url,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    // s3rver predates the SDK's default CRC32 checksums and answers them with a 500.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  const gate = await startS3Gate(s3Port)

  const rs = await LocalRedshift.create({ s3 })
  const producer = await rs.createNamespace({
    name: `${project}-producer`,
    defaultIamRole: COPY_ROLE,
  })
  for (const name of options.namespaces ?? []) await rs.createNamespace({ name })
  const server: DataApiServer = await startDataApiServer({
    redshift: rs,
    principals: [CLI_PRINCIPAL],
    defaultPrincipal: null, // every request must carry the CLI's credentials
  })
  const data = new RedshiftDataClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: CLI_PRINCIPAL,
  })

  const saved = new Map<string, string | undefined>()
  const setEnv = (name: string, value: string | undefined) => {
    if (!saved.has(name)) saved.set(name, process.env[name])
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  setEnv('AWS_ACCESS_KEY_ID', CLI_PRINCIPAL.accessKeyId)
  setEnv('AWS_SECRET_ACCESS_KEY', CLI_PRINCIPAL.secretAccessKey)
  setEnv('AWS_SESSION_TOKEN', undefined)
  setEnv('AWS_PROFILE', undefined)
  setEnv('AWS_REGION', 'us-east-1')
  setEnv('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', undefined)
  setEnv('AWS_ENDPOINT_URL_S3', gate.url)
  setEnv('AWS_ENDPOINT_URL_REDSHIFT_DATA', server.url)
  setEnv('AWS_ENDPOINT_URL_REDSHIFT_SERVERLESS', server.url)
  setEnv('AWS_REQUEST_CHECKSUM_CALCULATION', 'WHEN_REQUIRED')
  setEnv('AWS_RESPONSE_CHECKSUM_VALIDATION', 'WHEN_REQUIRED')

  let since = Date.now()

  const admin = async (database: string, text: string) => {
    const s = await rs.connect({
      workgroup: producer.workgroup,
      database,
      identity: { kind: 'secret', arn: producer.adminSecretArn },
    })
    try {
      return await s.execute(text)
    } finally {
      await s.close()
    }
  }

  return {
    rs,
    producer,
    server,
    s3,
    /** Objects created in S3 since the last reset (`bucket/key`). */
    uploads: created,
    /** Requests the CLI's S3 client sent since the last reset. */
    get s3Requests() {
      return gate.requests
    },
    /** Keys (`bucket/key`) in a bucket under a prefix. */
    async objects(bucket: string, prefix = ''): Promise<string[]> {
      const keys: string[] = []
      let token: string | undefined
      do {
        const page = await s3.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
        )
        for (const o of page.Contents ?? []) keys.push(`${bucket}/${o.Key}`)
        token = page.NextContinuationToken
      } while (token)
      return keys
    },
    async deleteObject(bucket: string, key: string): Promise<void> {
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))
    },
    /** Uploads whose `bucket/key` matches are refused with S3's AccessDenied (403). */
    failUploads(key: RegExp | undefined) {
      gate.failKey = key
    },
    /** SQL as the producer's admin, on one of its databases, behind the Data API's back. */
    admin,
    /**
     * The statements the Data API ran for the CLI since the last reset, oldest first (from
     * ListStatements and DescribeStatement, as the CLI's IAM role sees them).
     */
    async statements(): Promise<RanStatement[]> {
      const listed: StatementData[] = []
      let token: string | undefined
      do {
        const page = await data.send(
          new ListStatementsCommand({ Status: 'ALL', MaxResults: 100, NextToken: token }),
        )
        listed.push(...(page.Statements ?? []))
        token = page.NextToken
      } while (token)
      // D-11e: no order is documented; CreatedAt orders them (the listing order breaks ties).
      const recent = listed
        .map((s, i) => ({ s, i }))
        .filter(({ s }) => (s.CreatedAt?.getTime() ?? 0) >= since)
        .sort((a, b) => a.s.CreatedAt!.getTime() - b.s.CreatedAt!.getTime() || b.i - a.i)
      return Promise.all(
        recent.map(async ({ s }) => {
          const d = await data.send(new DescribeStatementCommand({ Id: s.Id }))
          return {
            id: String(s.Id),
            sql: d.QueryString ?? s.QueryString ?? '',
            status: String(d.Status),
            workgroup: d.WorkgroupName,
            database: d.Database,
            session: d.SessionId,
            resultRows: d.ResultRows ?? -1,
            error: d.Error,
          }
        }),
      )
    },
    /** The COPY statements among {@link statements}. */
    async copies(): Promise<RanStatement[]> {
      return (await this.statements()).filter((s) => /^COPY /.test(s.sql))
    },
    /** Forgets what was uploaded, requested and run so far (keeps the objects and the data). */
    reset() {
      since = Date.now()
      created.length = 0
      gate.requests = 0
      gate.failKey = undefined
    },
    /** Rows per airline table of a producer database (undefined: the table does not exist). */
    async counts(database = 'dev'): Promise<Record<string, number | undefined>> {
      const have = new Set(
        (
          await admin(
            database,
            "SELECT table_name FROM svv_tables WHERE table_schema = 'airline_dw'",
          )
        )[0]?.rows.map((r) => String(r[0])),
      )
      const out: Record<string, number | undefined> = {}
      for (const t of DATAGEN_TABLES)
        out[t] = have.has(t)
          ? Number((await admin(database, `SELECT count(*) FROM airline_dw.${t}`))[0]?.rows[0]?.[0])
          : undefined
      return out
    },
    async close() {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
      data.destroy()
      await server.close()
      await rs.close()
      await gate.close()
      s3.destroy()
      await s3rver.close()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}

export type LocalAws = Awaited<ReturnType<typeof startLocalAws>>

interface S3EventRecords {
  readonly Records: readonly {
    readonly eventName: string
    readonly s3: {
      readonly bucket: { readonly name: string }
      readonly object: { readonly key: string }
    }
  }[]
}

/**
 * The CLI's way to the local S3: a pass-through proxy in front of s3rver that counts requests
 * and can refuse uploads of chosen keys with S3's own AccessDenied answer (as a bucket policy
 * denying a prefix would). Signatures stay valid: the request goes on unchanged, Host included.
 */
async function startS3Gate(s3Port: number) {
  const gate = {
    url: '',
    requests: 0,
    failKey: undefined as RegExp | undefined,
    close: () => Promise.resolve(),
  }
  const server: Server = createServer((req, res) => {
    gate.requests++
    // Path style (the endpoint is an IP address): /bucket/key?query
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!.slice(1))
    if ((req.method === 'PUT' || req.method === 'POST') && gate.failKey?.test(path)) {
      req.resume()
      const body =
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>0000000000000000</RequestId></Error>'
      res.writeHead(403, { 'Content-Type': 'application/xml', 'Content-Length': body.length })
      res.end(body)
      return
    }
    const upstream = request(
      { host: '127.0.0.1', port: s3Port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    upstream.on('error', (error) => res.destroy(error))
    req.pipe(upstream)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  gate.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  gate.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return gate
}
