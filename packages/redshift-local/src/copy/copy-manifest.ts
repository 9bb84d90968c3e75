import { ruleError } from '../errors.js'

/** An S3 object named by an `s3://bucket/key` URL. */
export interface S3Location {
  readonly url: string
  readonly bucket: string
  readonly key: string
}

/** One data file a manifest lists (R-COPY-1). */
export interface ManifestEntry extends S3Location {
  /** COPY fails when a mandatory file is missing; others are skipped. Default false. */
  readonly mandatory: boolean
  /** `meta.content_length`: required for ORC/Parquet (R-COPY-2). */
  readonly contentLength: number | undefined
}

// Bucket names: 3–63 of lower-case letters, digits, dots and hyphens (the local S3 accepts the
// same; upper case and underscores are refused by S3 itself for new buckets).
const S3_URL = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/

/**
 * Splits an `s3://bucket/key` URL. `needKey`: the URL must name an object (a manifest, a manifest
 * entry); a COPY prefix may stop at the bucket.
 */
export function parseS3Url(url: string, needKey: boolean, statement: string): S3Location {
  const m = S3_URL.exec(url)
  if (!m || (needKey && !m[2]))
    throw ruleError(
      'R-COPY-1',
      needKey
        ? `COPY with MANIFEST requires the full path of an S3 object: ${JSON.stringify(url)}`
        : `COPY FROM must be an s3://bucket/prefix URL: ${JSON.stringify(url)}`,
      statement,
      '22023',
    )
  return { url, bucket: m[1] as string, key: m[2] ?? '' }
}

/**
 * Reads a COPY manifest (R-COPY-1): `{"entries":[{"url":"s3://b/k","mandatory":true,
 * "meta":{"content_length":N}}]}`. `columnar` (Parquet/ORC) makes `meta.content_length` required
 * for every entry (R-COPY-2). Entries keep their order; a URL listed twice stays twice (it loads
 * twice).
 */
export function parseManifest(
  text: string,
  manifestUrl: string,
  columnar: boolean,
  statement: string,
): ManifestEntry[] {
  let doc: unknown
  try {
    // The docs require plain ASCII double quotes: JSON.parse refuses "smart" quotes as well.
    doc = JSON.parse(text)
  } catch (e) {
    throw ruleError(
      'R-COPY-1',
      `Manifest file ${manifestUrl} is not in correct json format (${(e as Error).message})`,
      statement,
      '22023',
    )
  }
  const entries = (doc as { entries?: unknown } | null)?.entries
  if (typeof doc !== 'object' || doc === null || !Array.isArray(entries))
    throw ruleError(
      'R-COPY-1',
      `Manifest file ${manifestUrl} has no "entries" array`,
      statement,
      '22023',
    )
  return entries.map((raw, i) => {
    const e = raw as { url?: unknown; mandatory?: unknown; meta?: unknown } | null
    if (typeof e !== 'object' || e === null || typeof e.url !== 'string')
      throw ruleError(
        'R-COPY-1',
        `Manifest entry ${i} of ${manifestUrl} has no "url" string`,
        statement,
        '22023',
      )
    if (e.mandatory !== undefined && typeof e.mandatory !== 'boolean')
      throw ruleError(
        'R-COPY-1',
        `Manifest entry ${i} of ${manifestUrl}: "mandatory" must be true or false`,
        statement,
        '22023',
      )
    const location = parseS3Url(e.url, true, statement)
    const meta = e.meta as { content_length?: unknown } | undefined
    const length = meta?.content_length
    if (
      length !== undefined &&
      (typeof length !== 'number' || !Number.isInteger(length) || length < 0)
    )
      throw ruleError(
        'R-COPY-1',
        `Manifest entry ${i} of ${manifestUrl}: "content_length" must be a whole number of bytes`,
        statement,
        '22023',
      )
    if (columnar && length === undefined)
      throw ruleError(
        'R-COPY-2',
        `Manifest entry ${e.url} has no meta.content_length, which COPY from Parquet/ORC requires for every entry`,
        statement,
        '22023',
      )
    return { ...location, mandatory: e.mandatory === true, contentLength: length }
  })
}
