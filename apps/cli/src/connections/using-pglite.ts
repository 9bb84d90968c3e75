import type { PGlite } from '@electric-sql/pglite'

/**
 * Opens the embedded database (in memory, or persisted in `dir`), runs `fn`, and always
 * closes it. PGlite loads only here, so commands that never touch it start fast.
 *
 * @example
 * await usingPglite({ dir: '.rsp/db' }, async (db) => db.query('select 1'))
 */
export async function usingPglite<T>(
  options: { readonly dir?: string | undefined },
  fn: (db: PGlite) => Promise<T>,
): Promise<T> {
  const { PGlite } = await import('@electric-sql/pglite')
  const db = options.dir ? await PGlite.create(options.dir) : await PGlite.create()
  try {
    return await fn(db)
  } finally {
    await db.close()
  }
}
