import type { DayBatch, PgPoolLike } from '@redshift-playground/datagen'
import type { Kysely } from 'kysely'
import type { CopyOptions, RedshiftTarget, S3ClientLike } from '../load/redshift-load.js'
import type { LocalWarehouse } from '../local/local-warehouse.js'
import type { DataClient } from '../share/redshift-share.js'
import type { EtlTarget } from './run-etl.js'

/**
 * Runs the airline migrations a database has not run yet, if `rsp load` migrated it (Kysely
 * records them in `kysely_migration`): a producer loaded by an earlier rsp gets the later
 * migrations (0004's index) before the ETL writes. A database whose schema was made otherwise
 * (no `kysely_migration`) is left as it is; a missing table is then named by `readDays`.
 */
// biome-ignore lint/suspicious/noExplicitAny: any schema
export async function migrateForward(db: Kysely<any>): Promise<readonly string[]> {
  const [{ sql }, { migrateLocal }] = await Promise.all([
    import('kysely'),
    import('../local/local-warehouse.js'),
  ])
  const r = await sql<{
    present: boolean
  }>`select to_regclass('kysely_migration') is not null as present`.execute(db)
  return r.rows[0]?.present === true ? migrateLocal(db) : []
}

/** The embedded warehouse (`rsp load --to local`, `rsp demo --keep`): COPY FROM '/dev/blob'. */
export function localEtlTarget(
  w: Pick<LocalWarehouse, 'pglite' | 'producer'>,
  name = 'local',
): EtlTarget {
  return {
    name,
    prepare: () => migrateForward(w.producer),
    readDays: async () =>
      (await import('@redshift-playground/datagen')).readProducerDays(w.producer),
    apply: async (batch) =>
      (await import('@redshift-playground/datagen')).applyDayBatchPGlite(w.pglite, batch),
  }
}

/** A PostgreSQL server: COPY FROM STDIN on a connection lent by the pool for each batch. */
export function postgresEtlTarget(
  pool: PgPoolLike,
  // biome-ignore lint/suspicious/noExplicitAny: catalog and calendar reads
  db: Kysely<any>,
  name: string,
): EtlTarget {
  return {
    name,
    prepare: () => migrateForward(db),
    readDays: async () => (await import('@redshift-playground/datagen')).readProducerDays(db),
    apply: async (batch) =>
      (await import('@redshift-playground/datagen')).applyDayBatchPostgres(pool, batch),
  }
}

/** What the Redshift target needs: the clients the caller made, and where to stage. */
export interface RedshiftEtlOptions {
  readonly data: DataClient
  readonly s3: S3ClientLike
  readonly target: RedshiftTarget
  /** s3://bucket/prefix; each day goes under `<prefix>/etl/<day>/`. */
  readonly s3Prefix: string
  readonly copy?: CopyOptions | undefined
  /** `Upload` from @aws-sdk/lib-storage (default: imported here). */
  readonly upload?: unknown
}

/**
 * Redshift through S3 and the Data API: the day's gzip CSV parts and manifests are uploaded
 * (@aws-sdk/lib-storage, as `rsp load --to s3-copy`), then ONE BatchExecuteStatement deletes the
 * day and COPYs it back: serial statements in one transaction, all or nothing (R-API-6; COPY
 * atomic, R-TX-4/R-COPY-7; no TRUNCATE, which would commit, R-TX-2). Nothing runs unless every
 * upload succeeded; a failed statement rolls the whole day back.
 */
export function redshiftEtlTarget(o: RedshiftEtlOptions): EtlTarget {
  // biome-ignore lint/suspicious/noExplicitAny: any schema
  let db: Promise<Kysely<any>> | undefined
  const producer = async () => {
    const { producerKysely } = await import('../load/redshift-load.js')
    db ??= producerKysely(o.data, o.target, 'rsp-etl')
    return db
  }
  return {
    name: `${o.target.workgroupName}/${o.target.database}`,
    readDays: async () =>
      (await import('@redshift-playground/datagen')).readProducerDays(await producer()),
    apply: (batch) => applyOnRedshift(o, batch),
  }
}

async function applyOnRedshift(o: RedshiftEtlOptions, batch: DayBatch) {
  const started = performance.now()
  const [d, rd, Upload] = await Promise.all([
    import('@redshift-playground/datagen'),
    import('@redshift-playground/redshift-data'),
    o.upload ?? import('@aws-sdk/lib-storage').then((m) => m.Upload),
  ])
  const r = d.renderRedshiftDayBatch(batch, { s3Prefix: o.s3Prefix, ...o.copy })
  const U = Upload as new (p: unknown) => { done(): Promise<unknown> }
  // Every upload settles before the batch fails or runs: a refused one must not leave the
  // others still writing after the caller has moved on (and destroyed the S3 client).
  const uploads = await Promise.allSettled(
    r.objects.map((x) =>
      new U({
        client: o.s3,
        params: { Bucket: x.bucket, Key: x.key, Body: x.body, ContentType: x.contentType },
      }).done(),
    ),
  )
  const refused = uploads.find((u): u is PromiseRejectedResult => u.status === 'rejected')
  if (refused) throw refused.reason
  const config = {
    client: o.data,
    workgroupName: o.target.workgroupName,
    database: o.target.database,
    ...(o.target.secretArn ? { secretArn: o.target.secretArn } : {}),
    statementName: `rsp-etl-${batch.day}`,
  }
  let out: Awaited<ReturnType<typeof rd.batch>>
  try {
    out = await rd.batch(config, r.statements)
  } catch (error) {
    throw new d.DatagenError(
      'BATCH_FAILED',
      `The day batch ${batch.day} failed on ${o.target.workgroupName}/${o.target.database}: ${(error as Error)?.message ?? error}. The BatchExecuteStatement ran as one transaction and was rolled back: the producer keeps its previous rows for that day (the staged files stay in ${o.s3Prefix}/etl/${batch.day}/).`,
      { field: 'day', value: batch.day, cause: error },
    )
  }
  const affected = (i: number) => Math.max(0, out.subStatements[i]?.resultRows ?? 0)
  const inserted = Object.fromEntries(batch.tables.map((t) => [t.name, t.rows]))
  return {
    day: batch.day,
    dateKey: batch.dateKey,
    replaced: {
      // The DELETEs' affected rows (sub-statements 1–3): the rows of the day that were replaced.
      fact_flight_operations: affected(2),
      fact_bookings: affected(0),
      fact_daily_revenue: affected(1),
    },
    inserted: inserted as Record<(typeof d.DAY_BATCH_TABLES)[number], number>,
    rows: batch.rows,
    seconds: (performance.now() - started) / 1000,
    committedAt: new Date(),
  }
}
