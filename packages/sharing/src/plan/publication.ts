import { createHash } from 'node:crypto'
import type { Datashare, PolicyColumn } from '../desired-state.js'
import { DesiredStateError } from '../errors.js'

/** Published views carry `rsp:<hash>` as their comment: the mark of ours, and the definition. */
const COMMENT_PREFIX = 'rsp:'

/** A short hash of a view's query (16 hex digits of its SHA-256): what its comment stores. */
export function viewHash(query: string): string {
  return createHash('sha256').update(query).digest('hex').slice(0, 16)
}

/** A short hash of a view's column list (names and types, in order). */
export function columnsHash(columns: readonly PolicyColumn[]): string {
  return viewHash(JSON.stringify(columns.map((c) => [c.name, c.type])))
}

/**
 * The comment a published view carries: `rsp:<query hash>`, and `:<columns hash>` when its
 * columns are listed (a change of columns needs the view rebuilt, not replaced).
 */
export const viewComment = (hash: string, columns?: string): string =>
  `${COMMENT_PREFIX}${hash}${columns === undefined ? '' : `:${columns}`}`

/**
 * The definition in a view's comment (`<hash>` or `<hash>:<columns hash>`), or undefined
 * when the comment is not ours.
 */
export function hashFromComment(remarks: unknown): string | undefined {
  if (typeof remarks !== 'string') return undefined
  const m = /^rsp:([0-9a-f]{16}(?::[0-9a-f]{16})?)$/.exec(remarks.trim())
  return m ? m[1] : undefined
}

/**
 * The schema a Redshift consumer queries for a shared producer schema: the publication schema
 * when the entry is published as views (a masking or RLS policy applies to it, or `publishAs`
 * was given), else the schema itself. Consumers write `<consumer db>.<that schema>.<table>`.
 * (The local target keeps the producer's schema names.)
 *
 * @throws {DesiredStateError} `UNKNOWN_SCHEMA` when the share has no such schema.
 * @example
 * consumerSchema(share, 'airline_dw') // 'airline_share_airline_dw' when dim_customer is masked
 */
export function consumerSchema(desired: Datashare, schema: string): string {
  const entry = desired.schemas.find((s) => s.schema === schema)
  if (!entry)
    throw new DesiredStateError(
      'UNKNOWN_SCHEMA',
      `schema: ${JSON.stringify(schema)} is not shared by ${desired.name}; shared schemas are ${desired.schemas.map((s) => s.schema).join(', ')}.`,
      { field: 'schema', value: schema },
    )
  return entry.published ? entry.publishAs : entry.schema
}

/**
 * Every schema that may hold views published for this share: each entry's publication schema,
 * published now or not (it may have been before, and must then be cleaned up).
 */
export function publicationSchemas(desired: Datashare): readonly string[] {
  return [...new Set(desired.schemas.map((s) => s.publishAs))]
}
