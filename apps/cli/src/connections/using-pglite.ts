import type { PGlite } from '@electric-sql/pglite'

/**
 * Opens the embedded database (in memory, or persisted in `dir`), runs `fn`, and always
 * closes it. PGlite loads only here, so commands that never touch it start fast.
 *
 * A `dir` goes through the local data-directory gate first: it must already hold a database
 * unless `create` is set, and its lock is held until the database is closed, so a second
 * process opening the same directory is refused with the holder's PID instead of corrupting it.
 *
 * @example
 * await usingPglite({ dir: '/abs/.rsp/db' }, async (db) => db.query('select 1'))
 */
export async function usingPglite<T>(
  options: { readonly dir?: string | undefined; readonly create?: boolean },
  fn: (db: PGlite) => Promise<T>,
): Promise<T> {
  const { openLocalDataDirOrFail } = await import('../local/local-data-dir.js')
  const lock = options.dir
    ? openLocalDataDirOrFail({ dir: options.dir, create: options.create ?? false })
    : undefined
  try {
    const { PGlite } = await import('@electric-sql/pglite')
    const db = options.dir ? await PGlite.create(options.dir) : await PGlite.create()
    try {
      return await fn(db)
    } finally {
      await db.close()
    }
  } finally {
    lock?.release()
  }
}
