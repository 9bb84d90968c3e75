import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely'
import {
  type DdlOptions,
  type DdlRenderer,
  type DdlTarget,
  renderDdl,
} from '../ddl/ddl-renderer.js'
import { PostgresDdlRenderer } from '../ddl/postgres/postgres-ddl.js'
import { RedshiftDdlRenderer } from '../ddl/redshift/redshift-ddl.js'
import { SchemaError } from '../errors.js'
import type { TableShape } from '../model/table.js'
import { orderedTables, orderedViews, type SchemaModel } from '../model/validate-model.js'
import { MIGRATION_0001 } from './0001-airline-star-schema.js'
import { MIGRATION_0002 } from './0002-booking-baggage-fee.js'
import { MIGRATION_0003 } from './0003-domain-views-and-freshness.js'
import { MIGRATION_0004 } from './0004-etl-delete-index.js'
import type { AirlineMigration, MigrationStep } from './migration-step.js'

/** Options of {@link airlineMigrations}. */
export interface AirlineMigrationsOptions
  extends Pick<DdlOptions, 'comments' | 'foreignKeys' | 'cascade'> {
  /** Which SQL to run: Redshift DDL (DISTKEY, SORTKEY, ENCODE) or PostgreSQL/PGlite DDL. */
  readonly target: DdlTarget
  /**
   * Adopt a database where the schema was created by other means (by hand, from a snapshot):
   * `CREATE … IF NOT EXISTS`, and a column a later migration adds is added only when the
   * table lacks it (Redshift has no `ADD COLUMN IF NOT EXISTS`: the migration reads
   * `information_schema.columns` first).
   * @default false
   */
  readonly ifNotExists?: boolean
}

/**
 * The airline schema's migrations, oldest first: its history, not a rendering of today's
 * model. A shipped migration never changes; each change of the model is a new migration,
 * and a test holds the model to what all of them build, column order included.
 */
export const AIRLINE_MIGRATIONS: readonly AirlineMigration[] = Object.freeze([
  MIGRATION_0001,
  MIGRATION_0002,
  MIGRATION_0003,
  MIGRATION_0004,
])

/** The name of the first migration (the star schema as first released). */
export const AIRLINE_SCHEMA_MIGRATION = MIGRATION_0001.name

/** Every migration's name, oldest first (names sort in this order, as Kysely requires). */
export const AIRLINE_MIGRATION_NAMES: readonly string[] = Object.freeze(
  AIRLINE_MIGRATIONS.map((m) => m.name),
)

const renderers: Readonly<Record<DdlTarget, () => DdlRenderer>> = {
  redshift: () => new RedshiftDdlRenderer(),
  postgres: () => new PostgresDdlRenderer(),
}

const invalid = (field: string, value: unknown, message: string): never => {
  throw new SchemaError('MODEL_INVALID', `${field}: ${message}`, { field, value })
}

/** The table of a model, by schema and name. */
function tableOf(
  model: SchemaModel,
  schema: string,
  table: string,
  at: string,
): [string, TableShape] {
  const hit = Object.entries(model.tables).find(([, t]) => t.schema === schema && t.name === table)
  return hit ?? invalid(at, `${schema}.${table}`, 'no such table in the model at this point.')
}

/** A model checked whole: tables, then views (a step that breaks either fails here). */
function checked(model: SchemaModel): SchemaModel {
  orderedTables(model)
  orderedViews(model)
  return model
}

/**
 * The model after adding one column, checked against what Redshift's ALTER TABLE … ADD
 * COLUMN can do: appended, not IDENTITY nor a DISTKEY or SORTKEY column, and if NOT NULL
 * with a DEFAULT (which fills the rows already there).
 */
function addColumn(
  model: SchemaModel,
  step: Extract<MigrationStep, { kind: 'add-column' }>,
  at: string,
): SchemaModel {
  const [key, t] = tableOf(model, step.schema, step.table, at)
  const c = step.definition
  const where = `${at} (${step.schema}.${step.table}.${step.column})`
  if (Object.hasOwn(t.columns, step.column))
    invalid(where, step.column, 'the column exists already.')
  if (c.identity)
    invalid(where, c, 'Redshift cannot add an IDENTITY column (ALTER TABLE ADD COLUMN).')
  if (!c.nullable && c.default === undefined)
    invalid(where, c, 'a NOT NULL column added to a table that has rows needs a DEFAULT.')
  const keyColumns = [
    ...(t.distribution.style === 'KEY' ? [t.distribution.key] : []),
    ...(t.sortKey.style === 'AUTO' ? [] : t.sortKey.columns),
  ]
  if (keyColumns.includes(step.column))
    invalid(where, step.column, 'Redshift cannot add a DISTKEY or SORTKEY column.')
  return checked(
    Object.freeze({
      ...model,
      tables: Object.freeze({
        ...model.tables,
        [key]: Object.freeze({ ...t, columns: Object.freeze({ ...t.columns, [step.column]: c }) }),
      }),
    }),
  )
}

/** The model after a step that creates a schema, a table or a view. */
function create(
  model: SchemaModel,
  step: Extract<MigrationStep, { kind: 'create-schema' | 'create-table' | 'create-view' }>,
  at: string,
): SchemaModel {
  if (step.kind === 'create-schema') {
    if (model.schemas.includes(step.schema)) invalid(at, step.schema, 'the schema exists already.')
    return checked(
      Object.freeze({ ...model, schemas: Object.freeze([...model.schemas, step.schema]) }),
    )
  }
  const taken = [...Object.keys(model.tables), ...Object.keys(model.views ?? {})]
  if (taken.includes(step.key)) invalid(at, step.key, 'the model has a table or view of this key.')
  if (step.kind === 'create-table')
    return checked(
      Object.freeze({
        ...model,
        tables: Object.freeze({ ...model.tables, [step.key]: step.table }),
      }),
    )
  return checked(
    Object.freeze({ ...model, views: Object.freeze({ ...model.views, [step.key]: step.view }) }),
  )
}

/** The model after adding an index to a table (PostgreSQL only; Redshift renders none). */
function createIndex(
  model: SchemaModel,
  step: Extract<MigrationStep, { kind: 'create-index' }>,
  at: string,
): SchemaModel {
  const [key, t] = tableOf(model, step.schema, step.table, at)
  return checked(
    Object.freeze({
      ...model,
      tables: Object.freeze({
        ...model.tables,
        [key]: Object.freeze({
          ...t,
          indexes: Object.freeze([...(t.indexes ?? []), step.index]),
        }),
      }),
    }),
  )
}

/** The model after one step, checked against what the step's SQL can do on Redshift. */
function applyStep(model: SchemaModel | undefined, step: MigrationStep, at: string): SchemaModel {
  if (step.kind === 'create-model') {
    if (model !== undefined) invalid(at, step.kind, 'only the first migration creates the model.')
    return checked(step.model)
  }
  if (model === undefined)
    return invalid(at, step.kind, 'the first migration must create the model.')
  if (step.kind === 'add-column') return addColumn(model, step, at)
  if (step.kind === 'create-index') return createIndex(model, step, at)
  return create(model, step, at)
}

/**
 * The model the migrations build, oldest first; each step is checked as it is applied.
 * @throws {SchemaError} `MODEL_INVALID` naming the migration and step that cannot be applied.
 */
export function modelAfterMigrations(
  migrations: readonly AirlineMigration[] = AIRLINE_MIGRATIONS,
): SchemaModel {
  migrations.forEach((m, i) => {
    if (i > 0 && (migrations[i - 1] as AirlineMigration).name >= m.name)
      invalid(`migrations[${i}].name`, m.name, 'names must sort after the previous migration.')
  })
  let model: SchemaModel | undefined
  migrations.forEach((m) => {
    m.steps.forEach((step, s) => {
      model = applyStep(model, step, `${m.name}.steps[${s}]`)
    })
  })
  return model ?? invalid('migrations', migrations, 'there is no migration.')
}

/** One statement a migration runs, and for an added column the column it adds. */
interface PlannedStatement {
  readonly sql: string
  /** With `ifNotExists`: skip the statement when this column exists already. */
  readonly unlessColumn?: {
    readonly schema: string
    readonly table: string
    readonly column: string
  }
}

/** A step's statements up (in order) and the statement(s) that undo it. */
function stepStatements(
  renderer: DdlRenderer,
  options: DdlOptions,
  before: SchemaModel | undefined,
  step: MigrationStep,
  at: string,
): { readonly up: PlannedStatement[]; readonly down: string[] } {
  switch (step.kind) {
    case 'create-model': {
      const ddl = renderDdl(renderer, step.model, options)
      return { up: ddl.statements.map((text) => ({ sql: text })), down: [...ddl.dropStatements] }
    }
    case 'create-schema':
      return {
        up: [{ sql: renderer.createSchema(step.schema, options) }],
        down: [renderer.dropSchema(step.schema, options)],
      }
    case 'create-table':
      return {
        up: [
          ...renderer.createTable(step.table, options),
          ...(step.table.indexes ?? []).flatMap((i) =>
            renderer.createIndex(step.table, i, options),
          ),
        ].map((text) => ({ sql: text })),
        down: [renderer.dropTable(step.table)],
      }
    case 'create-index': {
      const [, t] = tableOf(before as SchemaModel, step.schema, step.table, at)
      return {
        up: renderer.createIndex(t, step.index, options).map((text) => ({ sql: text })),
        down: [...renderer.dropIndex(t, step.index)],
      }
    }
    case 'create-view':
      return {
        up: renderer.createView(step.view, options).map((text) => ({ sql: text })),
        down: [renderer.dropView(step.view)],
      }
    case 'add-column': {
      const [, t] = tableOf(before as SchemaModel, step.schema, step.table, at)
      const unlessColumn = options.ifNotExists
        ? { schema: step.schema, table: step.table, column: step.column }
        : undefined
      return {
        up: renderer
          .addColumn(t, step.column, step.definition, options)
          .map((text) => (unlessColumn ? { sql: text, unlessColumn } : { sql: text })),
        down: [renderer.dropColumn(t, step.column)],
      }
    }
  }
}

/** The statements of each migration up and down, rendered now so a bad history fails early. */
function plan(
  renderer: DdlRenderer,
  options: DdlOptions,
): { readonly name: string; readonly up: PlannedStatement[]; readonly down: string[] }[] {
  let model: SchemaModel | undefined
  return AIRLINE_MIGRATIONS.map((m) => {
    const up: PlannedStatement[] = []
    const down: string[] = []
    m.steps.forEach((step, s) => {
      const at = `${m.name}.steps[${s}]`
      const before = model
      model = applyStep(model, step, at)
      const st = stepStatements(renderer, options, before, step, at)
      up.push(...st.up)
      down.unshift(...st.down)
    })
    return { name: m.name, up, down }
  })
}

async function columnExists(
  db: Kysely<unknown>,
  c: NonNullable<PlannedStatement['unlessColumn']>,
): Promise<boolean> {
  const r = await sql<{ n: number | string }>`select count(*) as n from information_schema.columns
    where table_schema = ${c.schema} and table_name = ${c.table} and column_name = ${c.column}`.execute(
    db,
  )
  return Number(r.rows[0]?.n ?? 0) > 0
}

async function runUp(db: Kysely<unknown>, statements: readonly PlannedStatement[]): Promise<void> {
  // Statements come from the DDL renderers: every identifier quoted, every literal escaped.
  // An added column's statement and its comment are skipped together when it exists already.
  const present = new Map<string, boolean>()
  for (const s of statements) {
    if (s.unlessColumn) {
      const key = JSON.stringify(s.unlessColumn)
      if (!present.has(key)) present.set(key, await columnExists(db, s.unlessColumn))
      if (present.get(key)) continue
    }
    await sql.raw(s.sql).execute(db)
  }
}

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db)
}

/**
 * A Kysely `MigrationProvider` with the airline schema's migrations ({@link AIRLINE_MIGRATIONS})
 * for any Kysely dialect: PGlite, `pg`, or the Redshift Data API dialect. A new database gets
 * every migration; a database at an earlier one gets only those after it (Kysely records what
 * ran in its `kysely_migration` table). `up` runs the DDL statement by statement (Kysely wraps
 * each run in a transaction where the dialect supports transactional DDL; Redshift allows ADD
 * COLUMN in one); `down` undoes a migration, newest step first (the first drops the tables in
 * reverse dependency order, then the schemas; 0003 drops its views, its table and `rsp_meta`;
 * 0004 drops its index). A step the target cannot express runs nothing there: 0004's index
 * on Redshift, which has no indexes (the migration is still recorded).
 *
 * Every migration is rendered (and the history checked) when the provider is created, so a
 * bad step fails before anything runs.
 *
 * @example
 * const migrator = new Migrator({ db, provider: airlineMigrations({ target: 'postgres' }) })
 * const { error } = await migrator.migrateToLatest()
 * if (error) throw error
 */
export function airlineMigrations(options: AirlineMigrationsOptions): MigrationProvider {
  const make = Object.hasOwn(renderers, options.target) ? renderers[options.target] : undefined
  if (!make) {
    throw new SchemaError(
      'OPTION_INVALID',
      `airlineMigrations: target must be 'redshift' or 'postgres', got ${JSON.stringify(options.target)}.`,
      { field: 'target', value: options.target },
    )
  }
  const planned = plan(make(), { ...options, dropSchemas: true })
  const migrations: Record<string, Migration> = {}
  for (const m of planned)
    migrations[m.name] = Object.freeze({
      up: (db: Kysely<unknown>) => runUp(db, m.up),
      down: (db: Kysely<unknown>) => run(db, m.down),
    })
  Object.freeze(migrations)
  return Object.freeze({ getMigrations: async () => migrations })
}
