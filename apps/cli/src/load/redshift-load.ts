import type { LoadSummary, PlanOptions, ProgressEvent } from '@redshift-playground/datagen'
import type { Kysely } from 'kysely'
import type { ServerlessClient } from '../deploy/wait-for-workgroups.js'
import { UsageError } from '../errors/cli-errors.js'
import type { DataClient } from '../share/redshift-share.js'

/** The producer the data is COPYed into, through the Redshift Data API. */
export interface RedshiftTarget {
  readonly workgroupName: string
  readonly database: string
  /** Secrets Manager secret; without it the Data API uses the caller's IAM identity. */
  readonly secretArn?: string | undefined
}

/** COPY options shared by both ways in. */
export interface CopyOptions {
  /** `default` (the namespace's default IAM role, which infra creates from `load`) or a role ARN. */
  readonly iamRole?: string | undefined
  /** The bucket's region when it differs from the warehouse's. */
  readonly region?: string | undefined
}

/** An S3 client, typed structurally (`S3Client` from @aws-sdk/client-s3). */
export interface S3ClientLike {
  // biome-ignore lint/suspicious/noExplicitAny: the SDK's send is generic over commands
  send(command: any, options?: any): Promise<any>
}

const S3_PREFIX = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(\/.*)?$/

/** `s3://bucket/prefix` from a bucket and a key prefix (no doubled or trailing slash). */
export function s3Url(bucket: string, prefix = ''): string {
  const p = prefix.replace(/^\/+|\/+$/g, '')
  return `s3://${bucket}${p ? `/${p}` : ''}`
}

/**
 * Renders one COPY with these options (and throws datagen's validation error naming the bad
 * option), so a malformed role ARN or region fails before any client is made or anything is
 * generated or sent.
 */
export async function checkCopyOptions(
  copy: CopyOptions | undefined,
  s3Prefix = 's3://bucket/prefix',
): Promise<void> {
  const d = await import('@redshift-playground/datagen')
  d.renderRedshiftCopy({
    schema: 'airline_dw',
    table: 'dim_date',
    columns: ['date_key'],
    manifestUrl: `${s3Prefix}/dim_date/manifest.json`,
    ...(copy?.iamRole ? { iamRole: copy.iamRole } : {}),
    ...(copy?.region ? { region: copy.region } : {}),
  })
}

/** The role COPY will name, and where it comes from. */
export interface CopyRole {
  /** The role's ARN. */
  readonly arn: string
  /** `default`: the namespace's default IAM role (`IAM_ROLE default`); `given`: `--iam-role`. */
  readonly source: 'default' | 'given'
}

/** GetNamespace's `iamRoles` entries are ARNs, or `IamRole(applyStatus=…, iamRoleArn=<arn>)`. */
const associated = (roles: readonly unknown[], arn: string) =>
  roles.some((r) => typeof r === 'string' && (r === arn || r.includes(`iamRoleArn=${arn}`)))

/**
 * Makes the COPY role and the COPY statement agree before anything is generated, uploaded or
 * sent: COPY renders `IAM_ROLE default` unless a role ARN is given, and Redshift refuses
 * `IAM_ROLE default` on a namespace with no default IAM role, and a role not associated with
 * the namespace (R-COPY-4). Reads the namespace (named like its workgroup) with GetNamespace:
 * without `--iam-role` it must have a default IAM role — which the stack creates only when
 * `load.bucket` is set before `rsp deploy`; with one, the role must be associated with it. A
 * mismatch is a usage error (exit 2) naming the config key and the flag.
 */
export async function checkCopyRole(
  serverless: ServerlessClient,
  workgroup: string,
  copy?: CopyOptions,
): Promise<CopyRole> {
  const { GetNamespaceCommand } = await import('@aws-sdk/client-redshift-serverless')
  const out = await serverless.send(new GetNamespaceCommand({ namespaceName: workgroup }))
  const ns = out?.namespace ?? {}
  const roles: readonly unknown[] = Array.isArray(ns.iamRoles) ? ns.iamRoles : []
  const defaultRole = typeof ns.defaultIamRoleArn === 'string' ? ns.defaultIamRoleArn : ''
  const given = copy?.iamRole && copy.iamRole !== 'default' ? copy.iamRole : undefined
  if (given) {
    if (given !== defaultRole && !associated(roles, given))
      throw new UsageError(
        `--iam-role ${given} is not associated with namespace ${workgroup}, so COPY … IAM_ROLE '${given}' would be refused (R-COPY-4); its roles: ${defaultRole || roles.length > 0 ? [...new Set([defaultRole, ...roles].filter(Boolean))].join(', ') : 'none'}. Associate the role with the namespace, or leave out --iam-role to use its default role (set load.bucket before rsp deploy so the stack creates it)`,
        '--iam-role',
        given,
      )
    return { arn: given, source: 'given' }
  }
  if (!defaultRole)
    throw new UsageError(
      `namespace ${workgroup} has no default IAM role, so COPY … IAM_ROLE default would be refused (R-COPY-4). The stack creates the producer's COPY role (read access to s3://<load.bucket>/<load.prefix>) only when load.bucket is set in rsp.config.json before rsp deploy: set load.bucket and load.prefix, then run rsp deploy (it updates the Warehouses stack); or pass --iam-role <arn> with a role associated with the namespace that may read the bucket`,
      'load.bucket',
      undefined,
    )
  return { arn: defaultRole, source: 'default' }
}

/** Checks an `s3://bucket/prefix` flag; a bad one is a usage error naming it. */
export function checkS3Prefix(flag: string, url: string): string {
  if (!S3_PREFIX.test(url) || url.includes('..'))
    throw new UsageError(
      `${flag} ${JSON.stringify(url)}: not an s3://bucket/prefix URL; use e.g. s3://my-bucket/airline`,
      flag,
      url,
    )
  return url.replace(/\/+$/, '')
}

/**
 * Brings the producer's airline tables to the model through the Data API: Kysely's Migrator
 * applies the schema migrations not yet applied (Redshift DDL, in one transaction, under the
 * dialect's row lock) — every one on a new database, only the later ones (ALTER TABLE … ADD
 * COLUMN) on a database deployed before them. With `ifNotExists`, tables that already exist
 * (restored from a snapshot, say) are kept and a column is added only where it is missing.
 * When every table already has every column of the model, nothing runs (one catalog read).
 * Returns the migrations applied.
 */
// biome-ignore lint/suspicious/noExplicitAny: any schema
export async function migrateProducer(db: Kysely<any>): Promise<readonly string[]> {
  const [{ Migrator, sql }, s, d] = await Promise.all([
    import('kysely'),
    import('@redshift-playground/schema'),
    import('@redshift-playground/datagen'),
  ])
  const found = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns where table_schema = ${s.DW}`.execute(
    db,
  )
  const have = new Set(found.rows.map((r) => `${r.table_name}.${r.column_name}`))
  const current = d.DATAGEN_TABLES.every((t) =>
    Object.keys(s.airlineModel.tables[t].columns).every((c) => have.has(`${t}.${c}`)),
  )
  if (current) return []
  const migrator = new Migrator({
    db,
    provider: s.airlineMigrations({ target: 'redshift', ifNotExists: true }),
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/** A Kysely over the Data API on the producer (statement name `statementName`). */
export async function producerKysely(
  data: DataClient,
  target: RedshiftTarget,
  statementName = 'rsp-load',
  // biome-ignore lint/suspicious/noExplicitAny: any schema
): Promise<Kysely<any>> {
  const [{ createKysely }, { RedshiftDataDialect }] = await Promise.all([
    import('../connections/using-kysely.js'),
    import('@redshift-playground/redshift-data'),
  ])
  return createKysely(
    new RedshiftDataDialect({
      client: data,
      workgroupName: target.workgroupName,
      database: target.database,
      ...(target.secretArn ? { secretArn: target.secretArn } : {}),
      statementName,
    }),
  )
}

/** Runs `fn` on {@link producerKysely} and always destroys it. */
export async function usingProducerKysely<T>(
  data: DataClient,
  target: RedshiftTarget,
  statementName: string,
  // biome-ignore lint/suspicious/noExplicitAny: any schema
  fn: (db: Kysely<any>) => Promise<T>,
): Promise<T> {
  const { usingKysely } = await import('../connections/using-kysely.js')
  return usingKysely(await producerKysely(data, target, statementName), fn)
}

/**
 * A Kysely over the Data API on the producer, with the airline tables in place
 * ({@link migrateProducer}). Checking first also proves the target answers before anything
 * is generated or uploaded.
 */
async function usingProducer<T>(
  data: DataClient,
  target: RedshiftTarget,
  // biome-ignore lint/suspicious/noExplicitAny: any schema
  fn: (db: Kysely<any>) => Promise<T>,
): Promise<T> {
  return usingProducerKysely(data, target, 'rsp-load', async (db) => {
    await migrateProducer(db)
    return fn(db)
  })
}

/**
 * Generates the data set, multipart-uploads its gzip CSV parts and a manifest per table under
 * `s3Prefix`, then — only when every upload succeeded — replaces the tables in one transaction
 * (`DELETE` + `COPY … IAM_ROLE default MANIFEST GZIP CSV`) through the Data API. A failed
 * upload runs no COPY, and the tables keep their old rows (and their grants).
 */
export async function loadThroughS3(o: {
  readonly s3: S3ClientLike
  readonly data: DataClient
  readonly target: RedshiftTarget
  readonly s3Prefix: string
  /**
   * What the data set is a function of: seed and scale, and — left out by the CLI, which
   * uses datagen's defaults everywhere (rsp load, rsp demo, rsp deploy, rsp etl) — its calendar.
   */
  readonly generation: Pick<PlanOptions, 'startDate' | 'days' | 'headroomDays'> & {
    readonly scale: number
    readonly seed: number
    readonly workers?: number
  }
  readonly copy?: CopyOptions
  /** `Upload` from @aws-sdk/lib-storage (default: imported here). */
  readonly upload?: unknown
  readonly onProgress?: ((e: ProgressEvent) => void) | undefined
}): Promise<LoadSummary> {
  const s3Prefix = checkS3Prefix('--s3-prefix', o.s3Prefix)
  const [d, upload] = await Promise.all([
    import('@redshift-playground/datagen'),
    o.upload ?? import('@aws-sdk/lib-storage').then((m) => m.Upload),
  ])
  // The sink renders its COPY statements only after the uploads: render one now, so a bad
  // role or region fails before anything is generated or sent.
  await checkCopyOptions(o.copy, s3Prefix)
  return usingProducer(o.data, o.target, (db) =>
    d.loadAirlineData({
      ...o.generation,
      sink: new d.S3CopySink({
        client: o.s3,
        upload: upload as ConstructorParameters<typeof d.S3CopySink>[0]['upload'],
        s3Prefix,
        db,
        ...(o.copy?.iamRole ? { iamRole: o.copy.iamRole } : {}),
        ...(o.copy?.region ? { region: o.copy.region } : {}),
      }),
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    }),
  )
}

/** What {@link copyFromManifests} ran. */
export interface CopySummary {
  readonly tables: readonly { readonly table: string; readonly manifestUrl: string }[]
  readonly seconds: number
}

/**
 * COPYs files already in S3 (`rsp datagen --out DIR --s3-prefix P`, then uploaded to P): each
 * table from `<manifestPrefix>/<table>/manifest.json`, all tables replaced in one transaction
 * (`DELETE` + `COPY`, as the S3 path does). A missing manifest fails the COPY and rolls every
 * table back.
 */
export async function copyFromManifests(o: {
  readonly data: DataClient
  readonly target: RedshiftTarget
  readonly manifestPrefix: string
  readonly copy?: CopyOptions
}): Promise<CopySummary> {
  const prefix = checkS3Prefix('--manifest-prefix', o.manifestPrefix)
  const started = performance.now()
  const [d, s, { sql }] = await Promise.all([
    import('@redshift-playground/datagen'),
    import('@redshift-playground/schema'),
    import('kysely'),
  ])
  // Rendered (and validated) before anything is sent.
  const copies = d.DATAGEN_TABLES.map((name) => {
    const def = s.airlineModel.tables[name]
    const manifestUrl = `${prefix}/${name}/manifest.json`
    return {
      table: name,
      manifestUrl,
      delete: `DELETE FROM ${s.quoteIdent(def.schema, 'schema')}.${s.quoteIdent(name, 'table')}`,
      copy: d.renderRedshiftCopy({
        schema: def.schema,
        table: name,
        columns: Object.keys(def.columns),
        manifestUrl,
        ...(o.copy?.iamRole ? { iamRole: o.copy.iamRole } : {}),
        ...(o.copy?.region ? { region: o.copy.region } : {}),
      }),
    }
  })
  await usingProducer(o.data, o.target, (db) =>
    // DELETE, not TRUNCATE: Redshift's TRUNCATE commits the transaction implicitly.
    db.transaction().execute(async (trx) => {
      // Children first, so the DELETEs also pass where foreign keys are enforced.
      for (const c of [...copies].reverse()) await sql.raw(c.delete).execute(trx)
      for (const c of copies) await sql.raw(c.copy).execute(trx)
    }),
  )
  return {
    tables: copies.map(({ table, manifestUrl }) => ({ table, manifestUrl })),
    seconds: (performance.now() - started) / 1000,
  }
}
