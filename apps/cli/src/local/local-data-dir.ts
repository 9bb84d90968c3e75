import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { UsageError } from '../errors/cli-errors.js'
import { currentCommand, type DataDirLock, LOCK_FILE, lockDataDirOrFail } from './data-dir-lock.js'

export interface LocalDataDirOptions {
  /** Absolute path of the data directory (a PGlite database). */
  readonly dir: string
  /**
   * Create the directory (and its parents) when it is missing, for commands that write a
   * database (`rsp load --to local`, `rsp demo --keep`). Without it the directory must
   * already hold a database: `rsp query --dir <typo>` fails instead of opening a new, empty one.
   * @default false
   */
  readonly create?: boolean
  /** What the lock file says holds the directory. @default this process's command line */
  readonly command?: string
}

const HOW_TO_MAKE =
  'make one with rsp demo --target postgres --keep DIR or rsp load --to local --dir DIR'

/** True when `dir` holds a PostgreSQL data directory (PGlite keeps one). */
export function holdsDatabase(dir: string): boolean {
  return existsSync(join(dir, 'PG_VERSION'))
}

/**
 * Checks a local data directory and takes its lock: the one gate every opener of a local
 * database goes through (load, demo --keep, query, share, diagnose, local serve). Throws a
 * UsageError (exit 2) for a missing or wrong directory and DataDirInUseError when another
 * process holds it.
 *
 * @example
 * const lock = openLocalDataDirOrFail({ dir: '/abs/.rsp/db' })
 * try { await PGlite.create(lock.dir) } finally { lock.release() }
 */
export function openLocalDataDirOrFail(options: LocalDataDirOptions): DataDirLock {
  const { dir } = options
  const stat = statSync(dir, { throwIfNoEntry: false })
  if (stat && !stat.isDirectory())
    throw new UsageError(`${dir} is a file, not a directory: pass a folder`, '--dir', dir)
  if (!stat) {
    if (!options.create)
      throw new UsageError(
        `${dir}: no such directory, so no database there; ${HOW_TO_MAKE}`,
        '--dir',
        dir,
      )
    mkdirSync(dir, { recursive: true })
  }
  // The lock first: a second opener racing this one (two loads into a new folder) is told
  // who holds it rather than that the folder is half made.
  const lock = lockDataDirOrFail(dir, options.command ?? currentCommand())
  try {
    if (!holdsDatabase(dir)) checkEmptyOrFail(dir, options.create ?? false)
    return lock
  } catch (error) {
    lock.release()
    throw error
  }
}

function checkEmptyOrFail(dir: string, create: boolean): void {
  if (existsSync(join(dir, 'redshift')))
    throw new UsageError(
      `${dir} holds an emulated Redshift account (rsp demo --keep), not a PostgreSQL database: serve it with rsp local serve --data-api --dir ${dir}`,
      '--dir',
      dir,
    )
  const entries = readdirSync(dir).filter((f) => !f.startsWith(LOCK_FILE))
  if (!create)
    throw new UsageError(
      `${dir} holds no database${entries.length === 0 ? ' (the folder is empty)' : ''}; ${HOW_TO_MAKE}`,
      '--dir',
      dir,
    )
  if (entries.length > 0)
    throw new UsageError(
      `${dir} holds files but no database (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}): choose an empty or new folder`,
      '--dir',
      dir,
    )
}
