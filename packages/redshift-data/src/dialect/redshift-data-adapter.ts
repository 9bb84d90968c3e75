import { DialectAdapterBase, type Kysely, type MigrationLockOptions, sql } from 'kysely'
import { RedshiftDataError } from '../errors.js'

// biome-ignore lint/suspicious/noExplicitAny: Kysely's own adapter signature.
type AnyKysely = Kysely<any>

/** How long {@link RedshiftDataAdapter} waits for another migrator's lock. */
export interface MigrationLockWait {
  /** Give up after this long. @default 600_000 (10 minutes) */
  readonly timeoutMs?: number
  /** Retry the lock this often. @default 2_000 */
  readonly pollMs?: number
}

/**
 * Redshift's abilities as Kysely sees them: transactional DDL yes, RETURNING no.
 *
 * The migration lock: Redshift has no advisory locks, and Kysely's Migrator takes the lock on
 * a plain connection before it opens the migration transaction (so `LOCK TABLE`, which needs
 * a transaction block, cannot be used). Each Data API statement outside a session commits on
 * its own, so the lock is the row Kysely keeps in its lock table, claimed with a conditional
 * UPDATE (`is_locked = 0 → 1`, one row affected means ours) and released by setting it back.
 */
export class RedshiftDataAdapter extends DialectAdapterBase {
  readonly #timeoutMs: number
  readonly #pollMs: number

  constructor(wait: MigrationLockWait = {}) {
    super()
    this.#timeoutMs = wait.timeoutMs ?? 600_000
    this.#pollMs = wait.pollMs ?? 2_000
  }

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
    const deadline = Date.now() + this.#timeoutMs
    for (;;) {
      const result =
        await sql`update ${lockTable(options)} set is_locked = 1 where id = ${options.lockRowId} and is_locked = 0`.execute(
          db,
        )
      if ((result.numAffectedRows ?? 0n) > 0n) return
      if (Date.now() + this.#pollMs > deadline) {
        throw new RedshiftDataError(
          'MIGRATION_LOCK_TIMEOUT',
          `Another migration holds the lock row ${JSON.stringify(options.lockRowId)} in ${options.lockTable}; gave up after ${this.#timeoutMs} ms. If no migration is running, release it: UPDATE ${options.lockTable} SET is_locked = 0 WHERE id = '${options.lockRowId}'`,
        )
      }
      await new Promise((resolve) => setTimeout(resolve, this.#pollMs))
    }
  }

  override async releaseMigrationLock(db: AnyKysely, options: MigrationLockOptions): Promise<void> {
    await sql`update ${lockTable(options)} set is_locked = 0 where id = ${options.lockRowId}`.execute(
      db,
    )
  }
}

function lockTable(options: MigrationLockOptions) {
  return options.lockTableSchema
    ? sql.table(`${options.lockTableSchema}.${options.lockTable}`)
    : sql.table(options.lockTable)
}
