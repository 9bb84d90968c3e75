import { resolve } from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import type { RoleSessions } from '@redshift-playground/diagnostics'
import type { Kysely } from 'kysely'

/**
 * The embedded warehouse: one PGlite database standing in for the account's managed storage.
 * The producer is the session user; each consumer namespace is a role, and its queries run
 * through the same session with `SET ROLE` (diagnostics' RoleSessions serialises them).
 */
export interface LocalWarehouse {
  readonly pglite: PGlite
  // biome-ignore lint/suspicious/noExplicitAny: the producer runs DDL and catalog queries
  readonly producer: Kysely<any>
  /** A Kysely whose every connection runs as `role`. */
  // biome-ignore lint/suspicious/noExplicitAny: consumers run the flagship queries and checks
  as(role: string): Kysely<any>
}

/**
 * Opens the embedded warehouse (in memory, or persisted in `dir`), runs `fn`, and always
 * closes it. PGlite, Kysely and the session machinery load only here.
 *
 * A `dir` must already hold a database unless `create` is set (`rsp load --to local`,
 * `rsp demo --keep`): a mistyped `--dir` fails instead of opening a new, empty database. Its
 * lock is held until the database is closed; a second process is refused with the holder's PID.
 */
export async function usingLocalWarehouse<T>(
  options: { readonly dir?: string | undefined; readonly create?: boolean },
  fn: (w: LocalWarehouse) => Promise<T>,
): Promise<T> {
  const { openLocalDataDirOrFail } = await import('./local-data-dir.js')
  const lock = options.dir
    ? openLocalDataDirOrFail({ dir: resolve(options.dir), create: options.create ?? false })
    : undefined
  try {
    return await openWarehouse(options.dir, fn)
  } finally {
    lock?.release()
  }
}

async function openWarehouse<T>(
  dir: string | undefined,
  fn: (w: LocalWarehouse) => Promise<T>,
): Promise<T> {
  const [{ PGlite }, { createKysely }, { PGliteDialect }, { RoleSessions }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('../connections/using-kysely.js'),
    import('kysely-pglite-dialect'),
    import('@redshift-playground/diagnostics'),
  ])
  const pglite = dir ? await PGlite.create(resolve(dir)) : await PGlite.create()
  let sessions: RoleSessions | undefined
  try {
    sessions = new RoleSessions(new PGliteDialect(pglite))
    const s = sessions
    // biome-ignore lint/suspicious/noExplicitAny: see LocalWarehouse
    const producer = createKysely<any>(s.dialect())
    const cache = new Map<string, Kysely<unknown>>()
    return await fn({
      pglite,
      producer,
      as(role) {
        let db = cache.get(role)
        if (!db) {
          db = createKysely<unknown>(s.dialect(role))
          cache.set(role, db)
        }
        // biome-ignore lint/suspicious/noExplicitAny: see LocalWarehouse
        return db as Kysely<any>
      },
    })
  } finally {
    await sessions?.destroy().catch(() => undefined)
    if (!pglite.closed) await pglite.close()
  }
}

/** Applies the airline schema migrations (PostgreSQL DDL) as the producer; idempotent. */
// biome-ignore lint/suspicious/noExplicitAny: any schema
export async function migrateLocal(producer: Kysely<any>): Promise<readonly string[]> {
  const [{ Migrator }, { airlineMigrations }] = await Promise.all([
    import('kysely'),
    import('@redshift-playground/schema'),
  ])
  const migrator = new Migrator({
    db: producer,
    provider: airlineMigrations({ target: 'postgres' }),
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
