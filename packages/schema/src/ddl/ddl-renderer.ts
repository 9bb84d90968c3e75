import { SchemaError } from '../errors.js'
import { quoteIdent, quoteLiteral, quoteQualified } from '../identifiers.js'
import type { Column, ColumnDefault, SqlType } from '../model/column.js'
import type { TableIndex, TableShape } from '../model/table.js'
import { orderedTables, orderedViews, type SchemaModel } from '../model/validate-model.js'
import type { ViewShape } from '../model/view.js'

/** The SQL engines DDL can be rendered for. */
export type DdlTarget = 'redshift' | 'postgres'

/** Options shared by every DDL renderer. All default to the plain, strict form. */
export interface DdlOptions {
  /** `CREATE … IF NOT EXISTS`, so the script can be re-run. @default false */
  readonly ifNotExists?: boolean
  /** Emit `COMMENT ON TABLE/COLUMN` statements. @default true */
  readonly comments?: boolean
  /** Declare foreign keys (informational on Redshift, enforced on PostgreSQL). @default true */
  readonly foreignKeys?: boolean
  /** The drop script also drops the schemas. @default true */
  readonly dropSchemas?: boolean
  /** `DROP SCHEMA … CASCADE` (removes objects not in the model too). @default false */
  readonly cascade?: boolean
}

/** Rendered DDL: statements without trailing semicolons, and the same as one script. */
export interface DdlScript {
  readonly target: DdlTarget
  /**
   * CREATE SCHEMA, then per table (in dependency order) CREATE TABLE and its COMMENTs and, on
   * PostgreSQL, CREATE INDEX and its COMMENT per index; then per view CREATE VIEW and its COMMENT.
   */
  readonly statements: readonly string[]
  /** `statements` joined, each ended by `;`. */
  readonly script: string
  /** DROP VIEW IF EXISTS, DROP TABLE IF EXISTS in reverse dependency order, DROP SCHEMA IF EXISTS. */
  readonly dropStatements: readonly string[]
  readonly dropScript: string
}

/**
 * One SQL target's DDL syntax, in the shape of a Kysely dialect: a small interface with one
 * implementation per folder (`redshift/redshift-ddl.ts`, `postgres/postgres-ddl.ts`).
 * Implementations receive an already validated table; they only decide syntax.
 */
export interface DdlRenderer {
  readonly target: DdlTarget
  /** `CREATE SCHEMA …`. */
  createSchema(schema: string, options: DdlOptions): string
  /** `CREATE TABLE …` followed by its comment statements. */
  createTable(table: TableShape, options: DdlOptions): readonly string[]
  /** `DROP TABLE IF EXISTS …`. */
  dropTable(table: TableShape): string
  /** `DROP SCHEMA IF EXISTS …`. */
  dropSchema(schema: string, options: DdlOptions): string
  /**
   * `ALTER TABLE … ADD COLUMN …` (one column, appended) followed by its comment statement.
   * Both targets take the same column definition as in CREATE TABLE.
   */
  addColumn(table: TableShape, name: string, column: Column, options: DdlOptions): readonly string[]
  /** `ALTER TABLE … DROP COLUMN …`. */
  dropColumn(table: TableShape, name: string): string
  /**
   * `CREATE VIEW … AS <query>` (with `ifNotExists`: `CREATE OR REPLACE VIEW`, as neither
   * target has `CREATE VIEW IF NOT EXISTS`) followed by its `COMMENT ON VIEW`.
   */
  createView(view: ViewShape, options: DdlOptions): readonly string[]
  /** `DROP VIEW IF EXISTS …`. */
  dropView(view: ViewShape): string
  /**
   * `CREATE INDEX …` on a table (with `ifNotExists`: `CREATE INDEX IF NOT EXISTS`) followed by
   * its `COMMENT ON INDEX`; nothing on a target without indexes (Redshift).
   */
  createIndex(table: TableShape, index: TableIndex, options: DdlOptions): readonly string[]
  /** `DROP INDEX IF EXISTS …`; nothing on a target without indexes (Redshift). */
  dropIndex(table: TableShape, index: TableIndex): readonly string[]
}

/**
 * A model type in the syntax Redshift and PostgreSQL share; they differ only in the name of
 * the exact decimal type they print (both accept either), so each target passes its own.
 */
export function sqlTypeName(type: SqlType, decimal: 'DECIMAL' | 'NUMERIC'): string {
  switch (type.kind) {
    case 'smallint':
      return 'SMALLINT'
    case 'integer':
      return 'INTEGER'
    case 'bigint':
      return 'BIGINT'
    case 'decimal':
      return `${decimal}(${type.precision},${type.scale})`
    case 'double':
      return 'DOUBLE PRECISION'
    case 'varchar':
      return `VARCHAR(${type.length})`
    case 'char':
      return `CHAR(${type.length})`
    case 'boolean':
      return 'BOOLEAN'
    case 'date':
      return 'DATE'
    case 'time':
      return 'TIME'
    case 'timestamp':
      return 'TIMESTAMP'
  }
}

/** Joins statements into a script, one statement per paragraph, each ended by `;`. */
export function toScript(statements: readonly string[]): string {
  return statements.length === 0 ? '' : `${statements.join(';\n\n')};\n`
}

/**
 * What both SQL targets spell alike: schemas, drops, and a CREATE TABLE assembled from the
 * target's column lines, key constraints and trailing table attributes. Each target supplies
 * the parts that differ.
 */
export abstract class SqlDdlRenderer implements DdlRenderer {
  abstract readonly target: DdlTarget

  /** One column's definition line. */
  protected abstract columnLine(table: TableShape, name: string, column: Column): string

  /** A constraint-name prefix (`CONSTRAINT "x" `) or `''` to let the engine name it. */
  protected abstract constraintName(name: string): string

  /** Clauses after the closing parenthesis (DISTSTYLE, SORTKEY …). */
  protected tableAttributes(_table: TableShape): readonly string[] {
    return []
  }

  createSchema(schema: string, options: DdlOptions): string {
    return `CREATE SCHEMA ${options.ifNotExists ? 'IF NOT EXISTS ' : ''}${quoteIdent(schema)}`
  }

  createTable(t: TableShape, options: DdlOptions): readonly string[] {
    const lines = Object.entries(t.columns).map(([name, c]) => this.columnLine(t, name, c))
    lines.push(`${this.constraintName(`${t.name}_pkey`)}PRIMARY KEY ${columnList(t.primaryKey)}`)
    if (options.foreignKeys !== false) {
      for (const f of t.foreignKeys) {
        const target = { schema: f.references.schema, name: f.references.table } as TableShape
        lines.push(
          `${this.constraintName(`${t.name}_${f.columns.join('_')}_fkey`)}FOREIGN KEY ${columnList(f.columns)} REFERENCES ${qualifiedTable(target)} ${columnList(f.references.columns)}`,
        )
      }
    }
    const create = [
      `CREATE TABLE ${options.ifNotExists ? 'IF NOT EXISTS ' : ''}${qualifiedTable(t)} (`,
      lines.map((l) => `  ${l}`).join(',\n'),
      `)`,
      ...this.tableAttributes(t),
    ].join('\n')
    return Object.freeze([
      create,
      ...(options.comments === false ? [] : commentStatements(t, this.target)),
    ])
  }

  dropTable(t: TableShape): string {
    return `DROP TABLE IF EXISTS ${qualifiedTable(t)}`
  }

  dropSchema(schema: string, options: DdlOptions): string {
    return `DROP SCHEMA IF EXISTS ${quoteIdent(schema)}${options.cascade ? ' CASCADE' : ''}`
  }

  addColumn(t: TableShape, name: string, c: Column, options: DdlOptions): readonly string[] {
    const add = `ALTER TABLE ${qualifiedTable(t)} ADD COLUMN ${this.columnLine(t, name, c)}`
    return Object.freeze([
      add,
      ...(options.comments === false || c.comment === undefined
        ? []
        : [
            `COMMENT ON COLUMN ${quoteQualified(t.schema, t.name, name)} IS ${quoteLiteral(c.comment, { target: this.target })}`,
          ]),
    ])
  }

  dropColumn(t: TableShape, name: string): string {
    return `ALTER TABLE ${qualifiedTable(t)} DROP COLUMN ${quoteIdent(name)}`
  }

  createView(v: ViewShape, options: DdlOptions): readonly string[] {
    const name = quoteQualified(v.schema, v.name)
    return Object.freeze([
      `CREATE ${options.ifNotExists ? 'OR REPLACE ' : ''}VIEW ${name} AS ${v.query.trim()}`,
      ...(options.comments === false
        ? []
        : [`COMMENT ON VIEW ${name} IS ${quoteLiteral(v.comment, { target: this.target })}`]),
    ])
  }

  dropView(v: ViewShape): string {
    return `DROP VIEW IF EXISTS ${quoteQualified(v.schema, v.name)}`
  }

  abstract createIndex(t: TableShape, index: TableIndex, options: DdlOptions): readonly string[]

  abstract dropIndex(t: TableShape, index: TableIndex): readonly string[]
}

/**
 * Renders a whole model with one renderer, after validating it ({@link orderedTables},
 * {@link orderedViews}). Tables come in dependency order so foreign keys always point at
 * existing tables, each followed by its indexes (PostgreSQL; dropping a table drops them);
 * views come after every table (and are dropped before them).
 */
export function renderDdl(
  renderer: DdlRenderer,
  model: SchemaModel,
  options: DdlOptions = {},
): DdlScript {
  const tables = orderedTables(model)
  const views = orderedViews(model)
  const statements = [
    ...model.schemas.map((s) => renderer.createSchema(s, options)),
    ...tables.flatMap((t) => [
      ...renderer.createTable(t, options),
      ...(t.indexes ?? []).flatMap((i) => renderer.createIndex(t, i, options)),
    ]),
    ...views.flatMap((v) => renderer.createView(v, options)),
  ]
  const dropStatements = [
    ...[...views].reverse().map((v) => renderer.dropView(v)),
    ...[...tables].reverse().map((t) => renderer.dropTable(t)),
    ...(options.dropSchemas === false
      ? []
      : [...model.schemas].reverse().map((s) => renderer.dropSchema(s, options))),
  ]
  return Object.freeze({
    target: renderer.target,
    statements: Object.freeze(statements),
    script: toScript(statements),
    dropStatements: Object.freeze(dropStatements),
    dropScript: toScript(dropStatements),
  })
}

// Helpers shared by the renderers (not exported from the package).

export const qualifiedTable = (t: TableShape): string => quoteQualified(t.schema, t.name)

export const columnList = (columns: readonly string[]): string =>
  `(${columns.map((c) => quoteIdent(c)).join(', ')})`

export function renderDefault(
  d: ColumnDefault,
  target: DdlTarget,
  now: string,
  field: string,
): string {
  if (d.kind === 'current_timestamp') return now
  const v = d.value
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'
  if (typeof v === 'number') {
    if (!Number.isFinite(v))
      throw new SchemaError(
        'MODEL_INVALID',
        `${field}: default ${v} is not a finite number; use a finite number.`,
        { field, value: v },
      )
    return String(v)
  }
  return quoteLiteral(v, { target, field })
}

/** `COMMENT ON TABLE/COLUMN` statements of one table (the same syntax on both targets). */
export function commentStatements(t: TableShape, target: DdlTarget): string[] {
  const out = [`COMMENT ON TABLE ${qualifiedTable(t)} IS ${quoteLiteral(t.comment, { target })}`]
  for (const [name, c] of Object.entries(t.columns) as [string, Column][]) {
    if (c.comment === undefined) continue
    out.push(
      `COMMENT ON COLUMN ${quoteQualified(t.schema, t.name, name)} IS ${quoteLiteral(c.comment, { target })}`,
    )
  }
  return out
}
