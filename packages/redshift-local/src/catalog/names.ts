import { notEmulated } from '../errors.js'
import { pgIdent } from '../sql/lexer.js'

/** PostgreSQL's identifier limit: longer physical names would be silently truncated. */
const MAX_PG_IDENTIFIER = 63

/**
 * The PostgreSQL schema that holds Redshift schema `schema` of database `dbId`:
 * `d<dbId>:<schema>`. Every database of every namespace lives in one PostgreSQL database,
 * each of its schemas under this prefix; the emulator's views strip it again.
 */
export function physicalSchema(dbId: number, schema: string, statement?: string): string {
  const name = `d${dbId}:${schema}`
  if (Buffer.byteLength(name, 'utf8') > MAX_PG_IDENTIFIER)
    throw notEmulated(
      `a schema name of ${Buffer.byteLength(schema, 'utf8')} bytes (the emulator keeps schema names to ${MAX_PG_IDENTIFIER - `d${dbId}:`.length} bytes)`,
      statement,
    )
  return name
}

/** The database id and Redshift schema name of a physical schema, or undefined. */
export function logicalSchema(physical: string): { dbId: number; schema: string } | undefined {
  const m = /^d(\d+):(.*)$/s.exec(physical)
  return m ? { dbId: Number(m[1]), schema: m[2]! } : undefined
}

/** `"d1:airline_dw"."fact_bookings"`. */
export function physicalTable(dbId: number, schema: string, table: string): string {
  return `${pgIdent(physicalSchema(dbId, schema))}.${pgIdent(table)}`
}

/** Schemas of the emulator itself (never reachable by name from Redshift SQL). */
export const CATALOG_SCHEMA = 'rsl'
export const VIEWS_SCHEMA = 'rsl_sys'
export const FUNCTIONS_SCHEMA = 'rsl_fn'
