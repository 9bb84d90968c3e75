import type { Kysely } from 'kysely'
import type { DdlOptions, DdlRenderer } from '../ddl/ddl-renderer.js'
import type { Column } from '../model/column.js'
import type { TableIndex, TableShape } from '../model/table.js'
import type { SchemaModel } from '../model/validate-model.js'
import type { ViewShape } from '../model/view.js'

/** What a migration's statements are rendered with: the target's renderer and the options. */
export interface MigrationContext {
  readonly renderer: DdlRenderer
  readonly options: DdlOptions
  /** Reads whether a column exists (for `ifNotExists`: adopting a database made elsewhere). */
  readonly db: Kysely<unknown>
}

/** One change a migration makes, as data: what it does to the model and to a database. */
export type MigrationStep =
  /** Creates the schemas and tables of a model (the first migration). */
  | { readonly kind: 'create-model'; readonly model: SchemaModel }
  /**
   * Adds one column at the end of a table (`ALTER TABLE … ADD COLUMN`, which appends: the
   * model must list it last). Redshift adds one column per statement and refuses IDENTITY,
   * PRIMARY KEY, UNIQUE and REFERENCES on an added column, and a DISTKEY or SORTKEY column;
   * a NOT NULL column needs a DEFAULT, which fills the existing rows.
   */
  | {
      readonly kind: 'add-column'
      readonly schema: string
      readonly table: string
      readonly column: string
      readonly definition: Column
    }
  /** Creates a schema (`CREATE SCHEMA`), listed last in the model's schemas. */
  | { readonly kind: 'create-schema'; readonly schema: string }
  /** Creates a table in a schema that exists; its foreign keys reference existing tables. */
  | { readonly kind: 'create-table'; readonly key: string; readonly table: TableShape }
  /** Creates a regular view over existing tables (`CREATE VIEW … AS SELECT`). */
  | { readonly kind: 'create-view'; readonly key: string; readonly view: ViewShape }
  /**
   * Creates an index on a table's columns (`CREATE INDEX`; with `ifNotExists`, `CREATE INDEX
   * IF NOT EXISTS`), PostgreSQL and PGlite only: Redshift has no indexes, so on Redshift the
   * step runs no statement (the migration is only recorded). It takes a SHARE lock on the
   * table while the index builds: writes wait, reads go on.
   */
  | {
      readonly kind: 'create-index'
      readonly schema: string
      readonly table: string
      readonly index: TableIndex
    }

/**
 * A migration of the airline schema: its name (they sort: `NNNN_what`) and its steps. Once
 * shipped a migration never changes; a later change of the model is a new migration.
 */
export interface AirlineMigration {
  readonly name: string
  readonly steps: readonly MigrationStep[]
}
