import { Readable } from 'node:stream'
import * as zlib from 'node:zlib'
import { RedshiftLocalError, ruleError } from '../errors.js'
import type { CopyOptions } from '../sql/redshift-grammar.js'
import { DelimitedParser, readDelimited } from './copy-csv.js'
import { CopyLoadError, copyFailed, type LoadErrorRow } from './copy-errors.js'
import { type ManifestEntry, parseManifest, parseS3Url, type S3Location } from './copy-manifest.js'
import { type CopySettings, copySettings } from './copy-options.js'
import { readParquetFile } from './copy-parquet.js'
import { CsvOutput, RowConverter } from './copy-values.js'

export { CopyLoadError, type LoadErrorRow } from './copy-errors.js'

/** A column of the COPY's target table. */
export interface CopyTargetColumn {
  readonly name: string
  /** PostgreSQL type name of the column: int2, int4, int8, numeric, float4, float8, bool, date, timestamp, timestamptz, time, varchar, bpchar, text, … */
  readonly pgType: string
  /** Character length limit (varchar(n)/char(n)), undefined when none. */
  readonly maxLength?: number
  readonly notNull: boolean
  /** NUMERIC(p, s) precision: when given, values with more integer digits are rejected. */
  readonly precision?: number
  /**
   * NUMERIC(p, s) scale: when given, extra decimals are truncated (ROUNDEC: rounded) as Redshift's
   * COPY does; without it PostgreSQL rounds them.
   */
  readonly scale?: number
}

/** What a COPY loaded. */
export interface CopyLoadResult {
  /** Rows written, all files together. */
  readonly rows: number
  /** Each file read, in load order (a manifest entry listed twice appears twice). */
  readonly files: readonly { url: string; rows: number }[]
  /**
   * Rows skipped under MAXERROR, to record in STL_LOAD_ERRORS / SYS_LOAD_ERROR_DETAIL like the
   * rows of a failed load (R-SVV-13/14).
   */
  readonly skipped: readonly LoadErrorRow[]
}

/** An S3 object to load. */
interface SourceFile extends S3Location {
  readonly size: number
}

/** The commands of @aws-sdk/client-s3 this module sends (loaded on first use). */
type S3Commands = Pick<
  typeof import('@aws-sdk/client-s3'),
  'GetObjectCommand' | 'HeadObjectCommand' | 'ListObjectsV2Command'
>

/**
 * Runs a Redshift `COPY … FROM 's3://…'` against S3 (R-COPY-*, D-12): checks the options, lists
 * the files (an S3 prefix, or a MANIFEST's entries), reads each file (gzip/zstd CSV or text, or
 * Parquet), converts every field for its column, and hands PostgreSQL COPY CSV to `write`.
 *
 * Nothing is written until the options, the manifest and every file's presence have been
 * checked. Rows are then written in chunks as files are read; when a row error goes past
 * MAXERROR, `write` is not called again and a {@link CopyLoadError} carrying the STL_LOAD_ERRORS
 * rows is thrown. COPY is atomic (R-TX-4): the caller must run all `write` calls in one
 * transaction (or savepoint) and roll it back when this throws.
 */
export async function loadFromS3(o: {
  readonly copy: {
    readonly from: string
    readonly options: CopyOptions
    readonly columns?: readonly string[]
  }
  /** The target's columns in table order (all of them); when copy.columns is given, only those are loaded, in that order. */
  readonly table: { readonly name: string; readonly columns: readonly CopyTargetColumn[] }
  /** The warehouse's region (R-COPY-3). */
  readonly region: string
  /** S3 client, typed structurally: an @aws-sdk/client-s3 S3Client's send(). */
  // biome-ignore lint/suspicious/noExplicitAny: structural S3Client.send
  readonly s3: { send(command: any): Promise<any> }
  readonly statement: string
  /**
   * Writes rows into the table: `csv` is PostgreSQL COPY CSV (delimiter ',', quote '"', NULL = unquoted empty field,
   * an empty string is written as ""), in the order of `columns`. Called once per file or per chunk; returns rows written.
   */
  readonly write: (csv: Uint8Array, columns: readonly string[]) => Promise<number>
  readonly signal?: AbortSignal
}): Promise<CopyLoadResult> {
  const { statement, signal } = o
  checkCancelled(signal)
  const settings = copySettings(o.copy.options, statement)
  const columns = targetColumns(o.table, o.copy.columns, statement)
  // R-COPY-3: the files must be in the warehouse's Region (o.region), or all in the REGION named.
  // The local S3 has no bucket Regions, so every bucket is taken to be where it should be; only
  // the REGION value's form is checked (copySettings).
  void o.region
  const commands: S3Commands = await import('@aws-sdk/client-s3')
  const files = settings.manifest
    ? await manifestFiles(o.s3, commands, o.copy.from, settings, statement, signal)
    : await prefixFiles(o.s3, commands, o.copy.from, statement, signal)

  const skipped: LoadErrorRow[] = []
  const onError = (row: LoadErrorRow) => {
    skipped.push(row)
    if (skipped.length > settings.maxErrorsTolerated)
      throw new CopyLoadError(o.table.name, skipped, statement)
  }
  const out = new CsvOutput()
  const rows = new RowConverter(columns, settings, out, onError)
  const names = columns.map((c) => c.name)
  const results: { url: string; rows: number }[] = []
  let total = 0
  let fileRows = 0
  const drain = async (final: boolean) => {
    if (final) out.flush()
    for (const chunk of out.take()) {
      checkCancelled(signal)
      if (!settings.noLoad) fileRows += await o.write(chunk.data, names)
    }
    checkCancelled(signal)
  }
  for (const file of files) {
    checkCancelled(signal)
    rows.fileName = file.url
    rows.rows = 0
    rows.invalidUtf8 = false
    rows.describeRaw = undefined
    fileRows = 0
    const body = await getBody(o.s3, commands, file, statement)
    if (settings.format === 'parquet') {
      await readParquetFile({
        bytes: await collect(body, file.url, statement),
        url: file.url,
        columns,
        fillRecord: settings.fillRecord,
        rows,
        statement,
        afterBatch: () => drain(false),
      })
    } else {
      const parser = new DelimitedParser(settings, rows)
      await readDelimited(decompress(body, settings, file.url, statement), parser, rows, () =>
        drain(false),
      )
    }
    await drain(true)
    results.push({ url: file.url, rows: fileRows })
    total += fileRows
  }
  return { rows: total, files: results, skipped }
}

function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw new RedshiftLocalError('CANCELLED', 'Query cancelled on user request', {
      sqlstate: '57014',
    })
}

/** The columns loaded, in file order: the column list, or all of the table's. */
function targetColumns(
  table: { readonly name: string; readonly columns: readonly CopyTargetColumn[] },
  list: readonly string[] | undefined,
  statement: string,
): readonly CopyTargetColumn[] {
  if (!list) return table.columns
  const seen = new Set<string>()
  return list.map((name) => {
    const col = table.columns.find((c) => c.name === name)
    if (!col)
      throw new RedshiftLocalError(
        'SQL',
        `column "${name}" of relation "${table.name}" does not exist`,
        {
          sqlstate: '42703',
          statement,
        },
      )
    if (seen.has(name))
      throw new RedshiftLocalError('SQL', `column "${name}" specified more than once`, {
        sqlstate: '42701',
        statement,
      })
    seen.add(name)
    return col
  })
}

/** An S3 error meaning "no such object / bucket". */
function isNotFound(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } }
  return (
    err?.$metadata?.httpStatusCode === 404 ||
    err?.name === 'NotFound' ||
    err?.name === 'NoSuchKey' ||
    err?.name === 'NoSuchBucket'
  )
}

function s3Failed(e: unknown, url: string, statement: string): RedshiftLocalError {
  const err = e as { name?: string; message?: string }
  return copyFailed(
    `S3ServiceException: ${err?.name ?? 'Error'}: ${err?.message ?? String(e)} (${url})`,
    statement,
    e,
  )
}

/** Without MANIFEST: every object whose key starts with the FROM prefix (R-COPY-1). */
async function prefixFiles(
  // biome-ignore lint/suspicious/noExplicitAny: structural S3Client.send
  s3: { send(command: any): Promise<any> },
  commands: S3Commands,
  from: string,
  statement: string,
  signal: AbortSignal | undefined,
): Promise<SourceFile[]> {
  const prefix = parseS3Url(from, false, statement)
  const files: SourceFile[] = []
  let token: string | undefined
  do {
    checkCancelled(signal)
    let page: {
      Contents?: { Key?: string; Size?: number }[]
      IsTruncated?: boolean
      NextContinuationToken?: string
    }
    try {
      page = await s3.send(
        new commands.ListObjectsV2Command({
          Bucket: prefix.bucket,
          Prefix: prefix.key,
          ...(token ? { ContinuationToken: token } : {}),
        }),
      )
    } catch (e) {
      if (isNotFound(e))
        throw ruleError(
          'R-COPY-1',
          `The specified S3 prefix '${prefix.key}' does not exist (${from})`,
          statement,
          'XX000',
        )
      throw s3Failed(e, from, statement)
    }
    for (const obj of page.Contents ?? []) {
      const key = obj.Key ?? ''
      // Zero-byte "folder" markers are not data files.
      if (key.endsWith('/') && (obj.Size ?? 0) === 0) continue
      files.push({
        url: `s3://${prefix.bucket}/${key}`,
        bucket: prefix.bucket,
        key,
        size: obj.Size ?? 0,
      })
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined
  } while (token)
  if (files.length === 0)
    throw ruleError(
      'R-COPY-1',
      `The specified S3 prefix '${prefix.key}' does not exist (${from})`,
      statement,
      'XX000',
    )
  return files
}

/**
 * With MANIFEST: the manifest's entries, each checked with HEAD before anything loads. A missing
 * mandatory file fails the COPY, a missing optional one is skipped, no file at all fails it;
 * an entry listed twice loads twice (R-COPY-1).
 */
async function manifestFiles(
  // biome-ignore lint/suspicious/noExplicitAny: structural S3Client.send
  s3: { send(command: any): Promise<any> },
  commands: S3Commands,
  from: string,
  settings: CopySettings,
  statement: string,
  signal: AbortSignal | undefined,
): Promise<SourceFile[]> {
  const location = parseS3Url(from, true, statement)
  let text: string
  try {
    const res = await s3.send(
      new commands.GetObjectCommand({ Bucket: location.bucket, Key: location.key }),
    )
    text = await res.Body.transformToString('utf-8')
  } catch (e) {
    if (isNotFound(e))
      throw ruleError(
        'R-COPY-1',
        `Problem reading manifest file - the manifest ${from} does not exist`,
        statement,
        'XX000',
      )
    throw s3Failed(e, from, statement)
  }
  const entries: ManifestEntry[] = parseManifest(
    text,
    from,
    settings.format === 'parquet',
    statement,
  )
  const files: SourceFile[] = []
  const sizes = new Map<string, number | null>()
  for (const entry of entries) {
    checkCancelled(signal)
    let size = sizes.get(entry.url)
    if (size === undefined) {
      try {
        const head = await s3.send(
          new commands.HeadObjectCommand({ Bucket: entry.bucket, Key: entry.key }),
        )
        size = Number(head.ContentLength ?? 0)
      } catch (e) {
        if (!isNotFound(e)) throw s3Failed(e, entry.url, statement)
        size = null
      }
      sizes.set(entry.url, size)
    }
    if (size === null) {
      if (entry.mandatory)
        throw ruleError(
          'R-COPY-1',
          `Manifest file ${from}: mandatory file ${entry.url} was not found`,
          statement,
          'XX000',
        )
      continue
    }
    files.push({ url: entry.url, bucket: entry.bucket, key: entry.key, size })
  }
  if (files.length === 0)
    throw ruleError(
      'R-COPY-1',
      `Manifest file ${from} lists no file that exists: nothing to load`,
      statement,
      'XX000',
    )
  return files
}

async function getBody(
  // biome-ignore lint/suspicious/noExplicitAny: structural S3Client.send
  s3: { send(command: any): Promise<any> },
  commands: S3Commands,
  file: SourceFile,
  statement: string,
): Promise<AsyncIterable<Uint8Array>> {
  try {
    const res = await s3.send(new commands.GetObjectCommand({ Bucket: file.bucket, Key: file.key }))
    const body = res.Body
    if (body && typeof body[Symbol.asyncIterator] === 'function')
      return body as AsyncIterable<Uint8Array>
    const bytes: Uint8Array = await body.transformToByteArray()
    return (async function* () {
      yield bytes
    })()
  } catch (e) {
    // Checked with HEAD/LIST a moment ago: gone since is a load error, as in Redshift.
    if (isNotFound(e))
      throw copyFailed(`Load file ${file.url} was not found (load error 1212)`, statement, e)
    throw s3Failed(e, file.url, statement)
  }
}

async function collect(
  body: AsyncIterable<Uint8Array>,
  url: string,
  statement: string,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  try {
    for await (const chunk of body) parts.push(chunk)
  } catch (e) {
    throw s3Failed(e, url, statement)
  }
  return parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts)
}

/**
 * The file's data, uncompressed as the options say: GZIP (multi-member files too) or ZSTD
 * (node:zlib on Node ≥ 22.15; copySettings refuses it before). Errors name the file.
 */
function decompress(
  body: AsyncIterable<Uint8Array>,
  settings: CopySettings,
  url: string,
  statement: string,
): AsyncIterable<Uint8Array> {
  if (settings.compression === 'none') return body
  const z = zlib as unknown as Record<string, () => NodeJS.ReadWriteStream>
  const stream =
    settings.compression === 'gzip'
      ? zlib.createGunzip()
      : (z.createZstdDecompress as () => zlib.Gunzip)()
  const source = Readable.from(body)
  source.on('error', (e) => stream.destroy(e))
  source.pipe(stream)
  const name = settings.compression
  return (async function* () {
    try {
      for await (const chunk of stream) yield chunk as Uint8Array
    } catch (e) {
      throw copyFailed(`${name}: ${(e as Error).message} (${url})`, statement, e)
    } finally {
      // Stopped early (a failed row): let go of the S3 response too.
      source.destroy()
    }
  })()
}
