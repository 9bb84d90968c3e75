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
import { airlineModel } from '../model/airline-model.js'
import type { SchemaModel } from '../model/validate-model.js'

/** Options of {@link airlineMigrations}. */
export interface AirlineMigrationsOptions
  extends Pick<DdlOptions, 'comments' | 'foreignKeys' | 'cascade'> {
  /** Which SQL to run: Redshift DDL (DISTKEY, SORTKEY, ENCODE) or PostgreSQL/PGlite DDL. */
  readonly target: DdlTarget
  /** The model to create. @default airlineModel */
  readonly model?: SchemaModel
  /**
   * `CREATE … IF NOT EXISTS`, to adopt a database where the schema was created by hand.
   * @default false
   */
  readonly ifNotExists?: boolean
}

/** The name of the one migration; names sort, so later migrations must sort after it. */
export const AIRLINE_SCHEMA_MIGRATION = '0001_airline_star_schema'

const renderers: Readonly<Record<DdlTarget, () => DdlRenderer>> = {
  redshift: () => new RedshiftDdlRenderer(),
  postgres: () => new PostgresDdlRenderer(),
}

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  // Statements come from the DDL renderers: every identifier quoted, every literal escaped.
  for (const s of statements) await sql.raw(s).execute(db)
}

/**
 * A Kysely `MigrationProvider` that creates the airline schema through any Kysely dialect:
 * PGlite, `pg`, or the Redshift Data API dialect. `up` runs the DDL statement by statement
 * (Kysely wraps it in a transaction where the dialect supports transactional DDL); `down`
 * drops the tables in reverse dependency order, then the schemas.
 *
 * The DDL is rendered (and the model validated) when the provider is created, so a bad
 * model fails before anything runs.
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
      'target',
      options.target,
      `airlineMigrations: target must be 'redshift' or 'postgres', got ${JSON.stringify(options.target)}.`,
    )
  }
  const ddl = renderDdl(make(), options.model ?? airlineModel, {
    ...options,
    dropSchemas: true,
  })
  const migration: Migration = Object.freeze({
    up: (db: Kysely<unknown>) => run(db, ddl.statements),
    down: (db: Kysely<unknown>) => run(db, ddl.dropStatements),
  })
  const migrations = Object.freeze({ [AIRLINE_SCHEMA_MIGRATION]: migration })
  return Object.freeze({ getMigrations: async () => migrations })
}
