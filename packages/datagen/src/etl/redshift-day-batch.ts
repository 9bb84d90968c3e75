import { gzipSync } from 'node:zlib'
import { invalidOption } from '../errors.js'
import { renderRedshiftCopy } from '../sink/sql/copy-sql.js'
import { deleteDaySql } from './apply-day-batch.js'
import type { DayBatch } from './day-batch.js'

/** Where a day batch is staged in S3 and how COPY reads it. */
export interface RedshiftDayBatchOptions {
  /** s3://bucket/prefix; the day's files go under `<prefix>/etl/<day>/<table>/`. */
  readonly s3Prefix: string
  /** 'default' (the namespace's default IAM role) or a role ARN. @default 'default' */
  readonly iamRole?: string | undefined
  /** The bucket's region when it differs from the warehouse's. */
  readonly region?: string | undefined
}

/** One object to upload before the statements run. */
export interface StagedObject {
  readonly bucket: string
  readonly key: string
  readonly body: Uint8Array
  readonly contentType: string
}

/** A day batch for Redshift: the objects to stage, then the statements of one transaction. */
export interface RedshiftDayBatch {
  readonly objects: readonly StagedObject[]
  /**
   * DELETE the day (children first), then `COPY … MANIFEST GZIP CSV` per non-empty table:
   * at most 6 statements, meant for ONE BatchExecuteStatement (R-API-6: serial, one
   * transaction, any failure rolls all back; COPY is atomic inside it, R-TX-4/R-COPY-7).
   * No TRUNCATE (it would commit, R-TX-2) and no parameters (a batch takes literals, R-API-5).
   */
  readonly statements: readonly string[]
}

/**
 * Renders a day batch for Redshift: per table a gzip CSV part and a manifest naming it
 * (`mandatory: true`, so a missing file fails the COPY, R-COPY-1), and the statements.
 * Re-staging the same day overwrites the same keys with the same bytes.
 *
 * @example
 * const r = renderRedshiftDayBatch(batch, { s3Prefix: 's3://my-bucket/airline' })
 * // upload r.objects, then run r.statements in one BatchExecuteStatement
 */
export function renderRedshiftDayBatch(
  batch: DayBatch,
  options: RedshiftDayBatchOptions,
): RedshiftDayBatch {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(options.s3Prefix)
  if (!m || options.s3Prefix.includes('..'))
    invalidOption('s3Prefix', options.s3Prefix, 'Use an s3://bucket/prefix URL.')
  const bucket = m[1] as string
  const prefix = (m[2] ?? '').replace(/^\/+|\/+$/g, '')
  const base = `${prefix ? `${prefix}/` : ''}etl/${batch.day}`
  const objects: StagedObject[] = []
  const copies: string[] = []
  for (const t of batch.tables) {
    if (t.rows === 0) continue // a manifest without files fails COPY (R-COPY-1)
    const body = gzipSync(t.csv, { level: 1 })
    const partKey = `${base}/${t.name}/part-0000.csv.gz`
    const manifestKey = `${base}/${t.name}/manifest.json`
    const manifest = {
      entries: [
        {
          url: `s3://${bucket}/${partKey}`,
          mandatory: true,
          meta: { content_length: body.length },
        },
      ],
    }
    objects.push(
      { bucket, key: partKey, body, contentType: 'application/gzip' },
      {
        bucket,
        key: manifestKey,
        body: new TextEncoder().encode(JSON.stringify(manifest)),
        contentType: 'application/json',
      },
    )
    copies.push(
      renderRedshiftCopy({
        schema: t.schema,
        table: t.name,
        columns: t.columns,
        manifestUrl: `s3://${bucket}/${manifestKey}`,
        ...(options.iamRole ? { iamRole: options.iamRole } : {}),
        ...(options.region ? { region: options.region } : {}),
      }),
    )
  }
  return Object.freeze({
    objects: Object.freeze(objects),
    statements: Object.freeze([...deleteDaySql(batch.dateKey), ...copies]),
  })
}
