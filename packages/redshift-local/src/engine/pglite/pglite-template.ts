import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PGliteLike } from './pglite-engine.js'

/** What a PGlite needs to become an emulated account: its catalog script. */
export interface TemplateSource {
  /** The SQL that sets up the catalog on an empty database. */
  readonly setupSql: string
}

/** PGlite's constructor: `(dataDir?, options?)` or `(options)`; typed loosely on purpose. */
type PGliteConstructor = new (dataDirOrOptions?: unknown, options?: unknown) => PGliteLike

interface PGliteModule {
  PGlite: PGliteConstructor
}

let memo: { key: string; blob: Promise<Blob> } | undefined

/**
 * A new PGlite that already holds the emulator's catalog. Initialising a PGlite database
 * (initdb) costs seconds; the first account builds a template once — a dump of an initialised
 * database with the catalog — keeps it for the process and in the system's temporary folder
 * (keyed by the PGlite version and the catalog script), and every later account loads it.
 */
export async function pgliteFromTemplate(
  source: TemplateSource,
  options: { readonly dataDir?: string } = {},
): Promise<{ db: PGliteLike; fromTemplate: boolean }> {
  const mod = (await import('@electric-sql/pglite')) as unknown as PGliteModule
  // A data directory that already holds a database is opened as it is.
  if (options.dataDir && (await nonEmpty(options.dataDir)))
    return { db: new mod.PGlite(options.dataDir), fromTemplate: false }
  const version = await pgliteVersion()
  const key = createHash('sha256')
    .update(`${version}\n${source.setupSql}`)
    .digest('hex')
    .slice(0, 16)
  if (memo?.key !== key) memo = { key, blob: buildTemplate(mod, source, key) }
  let blob: Blob
  try {
    blob = await memo.blob
  } catch {
    memo = undefined
    return {
      db: options.dataDir ? new mod.PGlite(options.dataDir) : new mod.PGlite(),
      fromTemplate: false,
    }
  }
  const db = options.dataDir
    ? new mod.PGlite(options.dataDir, { loadDataDir: blob })
    : new mod.PGlite({ loadDataDir: blob })
  return { db, fromTemplate: true }
}

async function buildTemplate(
  mod: PGliteModule,
  source: TemplateSource,
  key: string,
): Promise<Blob> {
  const dir = join(tmpdir(), 'redshift-local')
  const file = join(dir, `pglite-template-${key}.tar`)
  try {
    return new Blob([await readFile(file)])
  } catch {
    // Not cached yet: build it.
  }
  const db = new mod.PGlite() as PGliteLike & { dumpDataDir(compression: 'none'): Promise<Blob> }
  await db.waitReady
  await db.exec(source.setupSql)
  const blob: Blob = await db.dumpDataDir('none')
  await db.close()
  try {
    await mkdir(dir, { recursive: true })
    const tmp = `${file}.${process.pid}.tmp`
    await writeFile(tmp, new Uint8Array(await blob.arrayBuffer()))
    await rename(tmp, file)
  } catch {
    // A cache that cannot be written only costs the next process an initdb.
  }
  return blob
}

async function nonEmpty(dir: string): Promise<boolean> {
  const { readdir } = await import('node:fs/promises')
  try {
    return (await readdir(dir)).length > 0
  } catch {
    return false
  }
}

async function pgliteVersion(): Promise<string> {
  try {
    const { createRequire } = await import('node:module')
    const require = createRequire(import.meta.url)
    return String(require('@electric-sql/pglite/package.json').version)
  } catch {
    return 'unknown'
  }
}
