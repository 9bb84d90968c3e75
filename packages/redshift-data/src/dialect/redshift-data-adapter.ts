import { DialectAdapterBase, type Kysely, type MigrationLockOptions, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: Kysely's own adapter signature.
type AnyKysely = Kysely<any>

/**
 * Redshift's abilities as Kysely sees them: transactional DDL yes, RETURNING no. Redshift has
 * no advisory locks, so the migration lock is a table lock (`LOCK`), taken inside the
 * migration transaction and released by its COMMIT or ROLLBACK.
 */
export class RedshiftDataAdapter extends DialectAdapterBase {
  override get supportsTransactionalDdl(): boolean {
    return true
  }

  override get supportsReturning(): boolean {
    return false
  }

  override get supportsCreateIfNotExists(): boolean {
    return true
  }

  override async acquireMigrationLock(db: AnyKysely, options: MigrationLockOptions): Promise<void> {
    const table = options.lockTableSchema
      ? sql.table(`${options.lockTableSchema}.${options.lockTable}`)
      : sql.table(options.lockTable)
    await sql`lock ${table}`.execute(db)
  }

  override async releaseMigrationLock(
    _db: AnyKysely,
    _options: MigrationLockOptions,
  ): Promise<void> {
    // Released when the migration transaction ends.
  }
}
