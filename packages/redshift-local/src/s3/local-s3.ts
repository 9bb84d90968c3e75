import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RedshiftLocalError } from '../errors.js'

/** A running S3-compatible endpoint for COPY (s3rver). */
export interface LocalS3 {
  /** `http://127.0.0.1:<port>` — the `endpoint` of an `S3Client` (with `forcePathStyle: true`). */
  readonly url: string
  readonly port: number
  /** Where the objects are kept. */
  readonly directory: string
  /**
   * Settings for `new S3Client(...)` that reach this endpoint: path-style addressing, its
   * credentials, and no CRC32 checksums (s3rver predates them and answers them with a 500).
   */
  readonly clientConfig: {
    readonly endpoint: string
    readonly forcePathStyle: true
    readonly region: string
    readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string }
    readonly requestChecksumCalculation: 'WHEN_REQUIRED'
    readonly responseChecksumValidation: 'WHEN_REQUIRED'
  }
  close(): Promise<void>
}

interface S3rverInstance {
  run(): Promise<{ port: number }>
  close(): Promise<void>
}

/**
 * Starts a local S3 endpoint — [s3rver](https://github.com/jamhall/s3rver), a kept-up
 * S3-compatible server on the file system — so the real `@aws-sdk/client-s3` (and
 * `@aws-sdk/lib-storage`'s multipart `Upload`) uploads to it and the emulator's COPY reads from
 * it. Objects live in `directory` (a new temporary folder, removed on close, unless given).
 *
 * @example
 * const s3 = await startLocalS3({ buckets: ['airline-data'] })
 * const client = new S3Client(s3.clientConfig)
 * const rs = await LocalRedshift.create({ s3: client })
 */
export async function startLocalS3(
  options: {
    readonly buckets?: readonly string[]
    readonly directory?: string
    readonly port?: number
    readonly host?: string
    readonly region?: string
  } = {},
): Promise<LocalS3> {
  const owned = options.directory === undefined
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), 'redshift-local-s3-')))
  await mkdir(directory, { recursive: true })
  // s3rver is CommonJS and ships no types.
  const S3rver = createRequire(import.meta.url)('s3rver') as new (options: object) => S3rverInstance
  const host = options.host ?? '127.0.0.1'
  const server = new S3rver({
    port: options.port ?? 0,
    address: host,
    silent: true,
    directory,
    configureBuckets: (options.buckets ?? []).map((name) => ({ name })),
  })
  let port: number
  try {
    port = (await server.run()).port
  } catch (cause) {
    if (owned) await rm(directory, { recursive: true, force: true })
    throw new RedshiftLocalError(
      'CONFIG',
      `could not start the local S3 on ${host}:${options.port ?? 0}: ${(cause as Error).message}`,
      {
        field: 'port',
        cause,
      },
    )
  }
  const url = `http://${host}:${port}`
  return {
    url,
    port,
    directory,
    clientConfig: {
      endpoint: url,
      forcePathStyle: true,
      region: options.region ?? 'us-east-1',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    },
    close: async () => {
      await server.close()
      if (owned) await rm(directory, { recursive: true, force: true })
    },
  }
}
