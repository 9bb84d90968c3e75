import { mkdir, stat } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { UsageError } from '../errors/cli-errors.js'

async function kindOf(path: string): Promise<'file' | 'dir' | undefined> {
  try {
    return (await stat(path)).isDirectory() ? 'dir' : 'file'
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined
    throw error
  }
}

/** The first existing path on the way to `path` that is a file (so no folder can be made there). */
async function fileInTheWay(path: string): Promise<string | undefined> {
  for (let p = path; ; p = dirname(p)) {
    const kind = await kindOf(p)
    if (kind === 'file') return p
    if (kind === 'dir' || dirname(p) === p) return undefined
  }
}

/**
 * An output folder given by a flag (`--keep DIR`): resolved against `cwd` and created with
 * its parents. A file in its place, or on the way to it, is a usage error (exit 2) found
 * before anything runs.
 */
export async function outputDirOrFail(flag: string, path: string, cwd: string): Promise<string> {
  const abs = resolve(cwd, path)
  const blocker = await fileInTheWay(abs)
  if (blocker !== undefined)
    throw new UsageError(
      `${flag} ${path}: ${blocker === abs ? 'is a file' : `${blocker} is a file`}, not a folder; give a folder path (it is created when missing)`,
      flag,
      path,
    )
  await mkdir(abs, { recursive: true })
  return abs
}

/**
 * An output file given by a flag (`--out FILE`): its folder is created with its parents; a
 * folder in its place, or a file on the way to it, is a usage error (exit 2).
 */
export async function outputFileOrFail(flag: string, path: string, cwd: string): Promise<string> {
  const abs = resolve(cwd, path)
  if ((await kindOf(abs)) === 'dir')
    throw new UsageError(`${flag} ${path}: is a folder; give a file path`, flag, path)
  const blocker = await fileInTheWay(dirname(abs))
  if (blocker !== undefined)
    throw new UsageError(
      `${flag} ${path}: ${blocker} is a file, not a folder; give a path inside a folder (missing folders are created)`,
      flag,
      path,
    )
  await mkdir(dirname(abs), { recursive: true })
  return abs
}
