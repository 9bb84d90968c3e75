import type { Column } from './column.js'

/** Redshift distribution style. */
export type Distribution =
  | { readonly style: 'AUTO' }
  | { readonly style: 'EVEN' }
  | { readonly style: 'ALL' }
  | { readonly style: 'KEY'; readonly key: string }

/** Redshift sort key. */
export type SortKey =
  | { readonly style: 'AUTO' }
  | { readonly style: 'COMPOUND'; readonly columns: readonly string[] }
  | { readonly style: 'INTERLEAVED'; readonly columns: readonly string[] }

/** A foreign key: local columns referencing a table's primary key. */
export interface ForeignKey {
  readonly columns: readonly string[]
  readonly references: {
    readonly schema: string
    readonly table: string
    readonly columns: readonly string[]
  }
}

/**
 * A PostgreSQL index on a table's columns. Redshift has no indexes (`CREATE INDEX` does not
 * exist there; DISTKEY and SORTKEY place the rows), so the Redshift DDL renders none: an index
 * serves the PostgreSQL and PGlite targets only, e.g. the foreign-key check a DELETE of the
 * referenced rows makes.
 */
export interface TableIndex {
  /**
   * The index name: an identifier of at most 63 bytes (PostgreSQL's limit), unique among the
   * relations of the table's schema (an index is one), spelled `<table>_<columns>_idx` as
   * PostgreSQL's own default names are.
   */
  readonly name: string
  /** The indexed columns, in order. */
  readonly columns: readonly string[]
  /** What the index is for (`COMMENT ON INDEX`). */
  readonly comment?: string
}

/** One table of the model. */
export interface TableDef<C extends Record<string, Column> = Record<string, Column>> {
  readonly schema: string
  readonly name: string
  readonly comment: string
  readonly columns: C
  readonly primaryKey: readonly (keyof C & string)[]
  readonly foreignKeys: readonly ForeignKey[]
  readonly distribution: Distribution
  readonly sortKey: SortKey
  /** PostgreSQL indexes besides the primary key's (none on Redshift). */
  readonly indexes?: readonly TableIndex[]
}

/** Defines a table, keeping the literal column types for the derived Kysely types. */
export function defineTable<
  const C extends Record<string, Column>,
  const S extends string,
  const N extends string,
>(
  def: TableDef<C> & { readonly schema: S; readonly name: N },
): TableDef<C> & { readonly schema: S; readonly name: N } {
  // The literal schema and name types matter: the Kysely table keys are built from them.
  return Object.freeze({
    ...def,
    columns: Object.freeze(def.columns),
    ...(def.indexes === undefined
      ? {}
      : {
          indexes: Object.freeze(
            def.indexes.map((i) => Object.freeze({ ...i, columns: Object.freeze([...i.columns]) })),
          ),
        }),
  })
}

/** Shorthand for a single-column foreign key. */
export function fk(column: string, schema: string, table: string, refColumn: string): ForeignKey {
  return Object.freeze({
    columns: Object.freeze([column]),
    references: Object.freeze({ schema, table, columns: Object.freeze([refColumn]) }),
  })
}

/**
 * Any table, without the literal column types: what DDL renderers and model checks accept.
 * (A `TableDef<C>` is one; the generic form cannot be widened because `primaryKey` uses `keyof C`.)
 */
export interface TableShape {
  readonly schema: string
  readonly name: string
  readonly comment: string
  readonly columns: Readonly<Record<string, Column>>
  readonly primaryKey: readonly string[]
  readonly foreignKeys: readonly ForeignKey[]
  readonly distribution: Distribution
  readonly sortKey: SortKey
  readonly indexes?: readonly TableIndex[]
}
