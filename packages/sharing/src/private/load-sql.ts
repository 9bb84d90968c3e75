import type { sql } from 'kysely'

let loaded: typeof sql | undefined

/**
 * Kysely's `sql` tag, loaded on first use: only the state readers and the applier run SQL, and
 * Kysely's ESM graph costs a few hundred milliseconds to load — rendering a plan (what infra
 * does at synth time) should not pay for it.
 */
export async function loadSql(): Promise<typeof sql> {
  loaded ??= (await import('kysely')).sql
  return loaded
}
