import { quoteIdent, quoteLiteral } from '@redshift-playground/schema/model'
import { invalidOption } from '../../errors.js'

/** Options of a Redshift COPY from S3. */
export interface RedshiftCopyOptions {
  readonly schema: string
  readonly table: string
  readonly columns: readonly string[]
  /** s3:// URL of the table's manifest. */
  readonly manifestUrl: string
  /** 'default' (the namespace's default IAM role) or a role ARN. @default 'default' */
  readonly iamRole?: string
  /** Bucket region when it differs from the warehouse's (gzip CSV only). */
  readonly region?: string
  /**
   * 'csv' (gzip CSV parts) or 'parquet'. Parquet COPY maps the files' columns to the table's
   * by position (no column list) and takes no REGION. @default 'csv'
   */
  readonly format?: 'csv' | 'parquet'
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/

/**
 * The COPY statement for one table's gzip CSV parts listed in a manifest.
 * @example
 * renderRedshiftCopy({ schema: 'airline_dw', table: 'dim_date', columns: ['date_key'], manifestUrl: 's3://b/p/dim_date/manifest.json' })
 */
export function renderRedshiftCopy(o: RedshiftCopyOptions): string {
  if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(o.manifestUrl))
    invalidOption('manifestUrl', o.manifestUrl, 'Use an s3://bucket/key URL.')
  const role = o.iamRole ?? 'default'
  if (role !== 'default' && !ROLE_ARN.test(role))
    invalidOption(
      'iamRole',
      role,
      "Use 'default' or an IAM role ARN (arn:aws:iam::123456789012:role/name).",
    )
  if (o.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(o.region))
    invalidOption('region', o.region, 'Use an AWS region name such as us-east-1.')
  const target = `${quoteIdent(o.schema, 'schema')}.${quoteIdent(o.table, 'table')}`
  const source = [
    `FROM ${quoteLiteral(o.manifestUrl)}`,
    `IAM_ROLE ${role === 'default' ? 'default' : quoteLiteral(role)}`,
  ]
  if (o.format === 'parquet') {
    if (o.region !== undefined)
      invalidOption(
        'region',
        o.region,
        'COPY from Parquet takes no REGION: keep the bucket in the warehouse’s region.',
      )
    return [`COPY ${target}`, ...source, 'FORMAT AS PARQUET MANIFEST'].join('\n')
  }
  const columns = o.columns.map((c) => quoteIdent(c, 'column')).join(', ')
  return [
    `COPY ${target} (${columns})`,
    ...source,
    "MANIFEST GZIP CSV DATEFORMAT 'YYYY-MM-DD' TIMEFORMAT 'YYYY-MM-DD HH:MI:SS' EMPTYASNULL",
    ...(o.region ? [`REGION ${quoteLiteral(o.region)}`] : []),
  ].join('\n')
}

/** A Redshift COPY manifest (docs.aws.amazon.com/redshift/latest/dg/loading-data-files-using-manifest.html). */
export interface CopyManifest {
  readonly entries: readonly {
    readonly url: string
    readonly mandatory: true
    readonly meta: { readonly content_length: number }
  }[]
}

export function buildManifest(entries: readonly { url: string; bytes: number }[]): CopyManifest {
  return {
    entries: entries.map((e) => ({
      url: e.url,
      mandatory: true as const,
      meta: { content_length: e.bytes },
    })),
  }
}

/** Part file name: `part-00000.csv.gz` (or with another extension, e.g. `.parquet`). */
export const partFileName = (part: number, extension = '.csv.gz'): string =>
  `part-${String(part).padStart(5, '0')}${extension}`

/** The object key `<prefix>/<table>/<file>` under an S3 prefix. */
export function s3Key(s3: { prefix: string }, table: string, file: string): string {
  return `${s3.prefix ? `${s3.prefix}/` : ''}${table}/${file}`
}

/** The S3 URL of `<prefix>/<table>/<file>`. */
export function s3Url(s3: { bucket: string; prefix: string }, table: string, file: string): string {
  return `s3://${s3.bucket}/${s3Key(s3, table, file)}`
}

/** Splits and checks an s3://bucket/prefix URL. */
export function parseS3Prefix(field: string, url: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url)
  if (!m)
    invalidOption(field, url, 'Use s3://bucket or s3://bucket/prefix (lower-case bucket name).')
  return { bucket: m[1] as string, prefix: (m[2] ?? '').replace(/\/+$/, '') }
}
