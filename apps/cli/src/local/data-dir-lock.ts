import { randomBytes } from 'node:crypto'
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { basename, join } from 'node:path'

/** The lock file every writer of a local data directory holds while it has it open. */
export const LOCK_FILE = 'rsp.lock'

/** Who holds a data directory: written into its lock file. */
export interface LockHolder {
  readonly pid: number
  readonly host: string
  /** What the holder runs, e.g. `rsp local serve --dir .rsp/db`. */
  readonly command: string
  /** ISO time the lock was taken. */
  readonly since: string
  readonly token: string
}

/**
 * A second process (or a second opener in this one) wants a data directory that another
 * holds. PGlite has no lock of its own: two writers on one directory corrupt it, so rsp
 * refuses instead. Carries the holder so the CLI can name it.
 */
export class DataDirInUseError extends Error {
  readonly dir: string
  readonly holder: LockHolder
  constructor(dir: string, holder: LockHolder) {
    const since = holder.since ? `, since ${holder.since.replace('T', ' ').slice(0, 19)} UTC` : ''
    super(
      [
        `${dir} is in use by \`${holder.command}\` (PID ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}${since}).`,
        'One process at a time may open a local database: stop that one first (Ctrl-C in its terminal,',
        `or kill ${holder.pid}), then run this again. If no such process runs, delete ${join(dir, LOCK_FILE)}.`,
      ].join(' '),
    )
    this.name = 'DataDirInUseError'
    this.dir = dir
    this.holder = holder
  }
}

/** A held lock; `release()` is idempotent. */
export interface DataDirLock {
  readonly dir: string
  readonly holder: LockHolder
  release(): void
}

/** What this process runs, for the lock file (`rsp …` when started as the CLI). */
export function currentCommand(): string {
  const [, script, ...args] = process.argv
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))
  if (script && /(^|[/\\])(rsp|bin\.[cm]?js)$/.test(script))
    return ['rsp', ...args.map(quote)].join(' ')
  return [basename(process.argv0), ...process.argv.slice(1).map(quote)].join(' ')
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>
    if (typeof h.pid !== 'number' || typeof h.token !== 'string') return undefined
    return {
      pid: h.pid,
      host: String(h.host ?? ''),
      command: String(h.command ?? 'rsp'),
      since: String(h.since ?? ''),
      token: h.token,
    }
  } catch {
    return undefined
  }
}

/**
 * Takes the directory's lock or fails with {@link DataDirInUseError} naming the holder.
 * The lock file is created complete and atomically (written aside, then hard-linked into
 * place, which fails if it exists). A lock left by a process that no longer runs on this
 * machine is taken over. `dir` must exist.
 *
 * @example
 * const lock = lockDataDirOrFail('/abs/.rsp/db', 'rsp load --to local')
 * try { … } finally { lock.release() }
 */
export function lockDataDirOrFail(dir: string, command = currentCommand()): DataDirLock {
  const file = join(dir, LOCK_FILE)
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command,
    since: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  }
  const aside = `${file}.${process.pid}.${holder.token}`
  writeFileSync(aside, `${JSON.stringify(holder)}\n`, { mode: 0o644 })
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(aside, file)
        break
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
      const other = readHolder(file)
      // Lock files are only ever created complete, so one that does not parse is debris.
      const stale = other === undefined || (other.host === hostname() && !isAlive(other.pid))
      if (!stale || attempt >= 3) {
        throw new DataDirInUseError(
          dir,
          other ?? { pid: 0, host: hostname(), command: 'rsp', since: '', token: '' },
        )
      }
      // Move the stale lock aside; if what moved is not what was judged stale (another
      // process took over in between), put it back and report that process.
      const moved = `${file}.stale.${holder.token}`
      try {
        renameSync(file, moved)
      } catch {
        continue
      }
      const was = readHolder(moved)
      if (other !== undefined && was?.token !== other.token) {
        try {
          linkSync(moved, file)
        } catch {}
        unlinkSync(moved)
        throw new DataDirInUseError(dir, was ?? other)
      }
      unlinkSync(moved)
    }
  } finally {
    try {
      unlinkSync(aside)
    } catch {}
  }
  let held = true
  return {
    dir,
    holder,
    release() {
      if (!held) return
      held = false
      if (readHolder(file)?.token === holder.token) {
        try {
          unlinkSync(file)
        } catch {}
      }
    },
  }
}
