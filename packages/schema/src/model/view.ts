import type { Column } from './column.js'

/** Columns of one table that a view's query reads. */
export interface ViewRead {
  readonly schema: string
  readonly table: string
  /** Every column of the table the query names (selected, joined, filtered or grouped). */
  readonly columns: readonly string[]
}

/**
 * One regular view of the model: a SELECT in SQL that Redshift and PostgreSQL both accept
 * (identifiers quoted, no `::` casts, no `FILTER`, no PostgreSQL-only functions), its output
 * columns with their types (for the Kysely types and for consumers' column lists), and what
 * it reads (so a datashare can tell whether sharing it would read around a policy).
 *
 * Regular views only: Redshift shares regular, late-binding and materialized views, and a
 * consumer reads a shared regular view without the base tables being shared
 * (DG:datashare-views). A late-binding view (`WITH NO SCHEMA BINDING`) does not exist on
 * PostgreSQL.
 */
export interface ViewDef<C extends Record<string, Column> = Record<string, Column>> {
  readonly schema: string
  readonly name: string
  readonly comment: string
  /** The output columns, in the query's order, with the types the engines give them. */
  readonly columns: C
  /** The tables and columns the query reads. */
  readonly reads: readonly ViewRead[]
  /** The view's SELECT (no trailing semicolon). */
  readonly query: string
}

/** Any view, without the literal column types: what DDL renderers and model checks accept. */
export interface ViewShape {
  readonly schema: string
  readonly name: string
  readonly comment: string
  readonly columns: Readonly<Record<string, Column>>
  readonly reads: readonly ViewRead[]
  readonly query: string
}

/** Defines a view, keeping the literal column types for the derived Kysely types. */
export function defineView<
  const C extends Record<string, Column>,
  const S extends string,
  const N extends string,
>(
  def: ViewDef<C> & { readonly schema: S; readonly name: N },
): ViewDef<C> & { readonly schema: S; readonly name: N } {
  return Object.freeze({
    ...def,
    columns: Object.freeze(def.columns),
    reads: Object.freeze(
      def.reads.map((r) => Object.freeze({ ...r, columns: Object.freeze([...r.columns]) })),
    ),
  })
}
