/**
 * Test helpers for COPY: a real local S3 (s3rver on a random port in a temp directory) and the
 * real @aws-sdk/client-s3 client, a real PGlite table to load into, and COPY statements parsed by
 * the package's own grammar.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import type { PGlite } from '@electric-sql/pglite'
import { tokenize } from '../sql/lexer.js'
import { type CopyOptions, parseRedshiftCommand } from '../sql/redshift-grammar.js'
import { type CopyLoadResult, type CopyTargetColumn, loadFromS3 } from './copy-from-s3.js'

/** A running local S3 with one bucket, `bucket`. */
export interface LocalS3 {
  readonly client: S3Client
  /** Stores an object (a string is UTF-8). */
  put(key: string, body: string | Uint8Array): Promise<void>
  /** Stores `text` gzip-compressed. */
  putGzip(key: string, text: string): Promise<void>
  close(): Promise<void>
}

/** Starts s3rver (S3RVER/S3RVER credentials) and an S3Client pointed at it. */
export async function startLocalS3(): Promise<LocalS3> {
  const directory = mkdtempSync(join(tmpdir(), 'copy-s3-'))
  // s3rver ships no types; it is CommonJS.
  const S3rver = createRequire(import.meta.url)('s3rver') as new (
    options: object,
  ) => { run(): Promise<{ port: number }>; close(): Promise<void> }
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: 'bucket' }],
  })
  const { port } = await server.run()
  const client = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    // s3rver predates the SDK's default CRC32 checksums and answers them with a 500.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  const put = async (key: string, body: string | Uint8Array) => {
    await client.send(new PutObjectCommand({ Bucket: 'bucket', Key: key, Body: body }))
  }
  return {
    client,
    put,
    putGzip: (key, text) => put(key, gzipSync(Buffer.from(text, 'utf8'))),
    close: async () => {
      client.destroy()
      await server.close()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}

/** A manifest body listing `entries`. */
export function manifest(
  entries: readonly { url: string; mandatory?: boolean; content_length?: number }[],
): string {
  return JSON.stringify({
    entries: entries.map((e) => ({
      url: e.url,
      ...(e.mandatory !== undefined ? { mandatory: e.mandatory } : {}),
      ...(e.content_length !== undefined ? { meta: { content_length: e.content_length } } : {}),
    })),
  })
}

/** The parts of a COPY statement, parsed by the package's grammar. */
export function parseCopy(sql: string): {
  table: string
  columns?: readonly string[]
  from: string
  options: CopyOptions
} {
  const cmd = parseRedshiftCommand(sql, tokenize(sql))
  if (cmd?.kind !== 'copy') throw new Error(`not a COPY: ${sql}`)
  return {
    table: String(cmd.table.at(-1)),
    ...(cmd.columns ? { columns: cmd.columns } : {}),
    from: cmd.from,
    options: cmd.options,
  }
}

/** Shorthand for a target column. */
export function col(
  name: string,
  pgType: string,
  extra: Partial<CopyTargetColumn> = {},
): CopyTargetColumn {
  return { name, pgType, notNull: false, ...extra }
}

/** What a load wrote: every chunk's CSV and columns. */
export interface Written {
  readonly csv: string[]
  readonly columns: (readonly string[])[]
  /** All chunks' CSV together. */
  text(): string
}

/**
 * Runs `sql` (a COPY) with loadFromS3 against `s3`, collecting what it writes; `write` also
 * receives each chunk when given (e.g. to COPY it into PGlite).
 */
export async function runCopy(
  s3: LocalS3,
  sql: string,
  columns: readonly CopyTargetColumn[],
  write?: (csv: Uint8Array, columns: readonly string[]) => Promise<number>,
): Promise<{ result: CopyLoadResult; written: Written }> {
  const copy = parseCopy(sql)
  const csv: string[] = []
  const cols: (readonly string[])[] = []
  const result = await loadFromS3({
    copy,
    table: { name: copy.table, columns },
    region: 'us-east-1',
    s3: s3.client,
    statement: sql,
    write: async (data, names) => {
      const text = Buffer.from(data).toString('utf8')
      csv.push(text)
      cols.push(names)
      if (write) return write(data, names)
      return text.length === 0 ? 0 : countRows(text)
    },
  })
  return { result, written: { csv, columns: cols, text: () => csv.join('') } }
}

/** Like {@link runCopy} for a COPY expected to fail: the error, and what was written before it. */
export async function failCopy(
  s3: LocalS3,
  sql: string,
  columns: readonly CopyTargetColumn[],
): Promise<{ error: unknown; written: Written }> {
  const csv: string[] = []
  const cols: (readonly string[])[] = []
  const copy = parseCopy(sql)
  try {
    await loadFromS3({
      copy,
      table: { name: copy.table, columns },
      region: 'us-east-1',
      s3: s3.client,
      statement: sql,
      write: async (data, names) => {
        csv.push(Buffer.from(data).toString('utf8'))
        cols.push(names)
        return 0
      },
    })
  } catch (error) {
    return { error, written: { csv, columns: cols, text: () => csv.join('') } }
  }
  throw new Error(`COPY did not fail: ${sql}`)
}

/** Rows of PostgreSQL CSV (quoted line breaks do not end a row). */
function countRows(csv: string): number {
  let rows = 0
  let quoted = false
  for (const ch of csv) {
    if (ch === '"') quoted = !quoted
    else if (ch === '\n' && !quoted) rows++
  }
  return rows
}

/** A `write` that COPYs each chunk into `table` of a real PGlite database. */
export function copyInto(
  db: PGlite,
  table: string,
): (csv: Uint8Array, columns: readonly string[]) => Promise<number> {
  return async (csv, columns) => {
    const list = columns.map((c) => `"${c}"`).join(', ')
    const r = await db.query(`COPY ${table} (${list}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
      blob: new Blob([Buffer.from(csv)]),
    })
    return r.affectedRows ?? 0
  }
}
