import {
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  DEFAULT_MIGRATION_LOCK_TABLE,
  DEFAULT_MIGRATION_TABLE,
  type Kysely,
  type SchemaMetadata,
  sql,
  type TableMetadata,
} from 'kysely'
import { DataApiStatementError } from '../errors.js'

const SYSTEM_SCHEMAS = ['pg_catalog', 'information_schema', 'pg_internal', 'pg_toast', 'pg_automv']

interface ColumnRow {
  readonly table_schema: string
  readonly table_name: string
  readonly table_type: string
  readonly column_name: string
  readonly data_type: string
  readonly is_nullable: string
  readonly column_default: string | null
  readonly remarks: string | null
}

/**
 * Reads tables and columns from Redshift's `SVV_TABLES` / `SVV_COLUMNS` (which also list
 * external and datashare tables); where those views do not exist (a PostgreSQL engine behind a
 * Data API-compatible endpoint) it falls back to `information_schema`.
 */
export class RedshiftDataIntrospector implements DatabaseIntrospector {
  // biome-ignore lint/suspicious/noExplicitAny: introspection queries are untyped.
  readonly #db: Kysely<any>

  // biome-ignore lint/suspicious/noExplicitAny: introspection queries are untyped.
  constructor(db: Kysely<any>) {
    this.#db = db
  }

  async getSchemas(): Promise<SchemaMetadata[]> {
    const rows = await this.#withFallback<{ name: string }>(
      sql`select schema_name as name from svv_all_schemas where schema_name not in (${sql.join(SYSTEM_SCHEMAS)}) order by schema_name`,
      sql`select schema_name as name from information_schema.schemata where schema_name not in (${sql.join(SYSTEM_SCHEMAS)}) and left(schema_name, 3) <> 'pg_' order by schema_name`,
    )
    return [...new Set(rows.map((r) => r.name))].map((name) => ({ name }))
  }

  async getTables(
    options: DatabaseMetadataOptions = { withInternalKyselyTables: false },
  ): Promise<TableMetadata[]> {
    const excluded = options.withInternalKyselyTables
      ? ['']
      : [DEFAULT_MIGRATION_TABLE, DEFAULT_MIGRATION_LOCK_TABLE]
    const rows = await this.#withFallback<ColumnRow>(
      sql`select c.table_schema, c.table_name, t.table_type, c.column_name, c.data_type, c.is_nullable,
        c.column_default, c.remarks
        from svv_columns c join svv_tables t
          on t.table_catalog = c.table_catalog and t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema not in (${sql.join(SYSTEM_SCHEMAS)}) and c.table_name not in (${sql.join(excluded)})
        order by c.table_schema, c.table_name, c.ordinal_position`,
      sql`select c.table_schema, c.table_name, t.table_type, c.column_name, c.data_type, c.is_nullable,
        c.column_default, null as remarks
        from information_schema.columns c join information_schema.tables t
          on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema not in (${sql.join(SYSTEM_SCHEMAS)}) and left(c.table_schema, 3) <> 'pg_'
          and c.table_name not in (${sql.join(excluded)})
        order by c.table_schema, c.table_name, c.ordinal_position`,
    )
    const tables = new Map<
      string,
      { table: TableMetadata; columns: TableMetadata['columns'][number][] }
    >()
    for (const row of rows) {
      const key = `${row.table_schema}.${row.table_name}`
      let entry = tables.get(key)
      if (!entry) {
        const columns: TableMetadata['columns'][number][] = []
        entry = {
          columns,
          table: {
            name: row.table_name,
            schema: row.table_schema,
            isView: row.table_type === 'VIEW',
            columns,
          },
        }
        tables.set(key, entry)
      }
      const columnDefault = row.column_default ?? null
      entry.columns.push(
        Object.freeze({
          name: row.column_name,
          dataType: row.data_type,
          isNullable: row.is_nullable === 'YES',
          hasDefaultValue: columnDefault !== null,
          isAutoIncrementing:
            columnDefault !== null && /^(identity|"identity"|nextval)\(/i.test(columnDefault),
          ...(row.remarks ? { comment: row.remarks } : {}),
        }),
      )
    }
    return [...tables.values()].map((e) => Object.freeze(e.table))
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) }
  }

  async #withFallback<R>(
    redshift: ReturnType<typeof sql>,
    postgres: ReturnType<typeof sql>,
  ): Promise<R[]> {
    try {
      return (await redshift.execute(this.#db)).rows as R[]
    } catch (error) {
      // Only a missing SVV view means "not Redshift"; anything else is a real failure.
      if (
        error instanceof DataApiStatementError &&
        /svv_\w+.*does not exist/i.test(error.serverMessage)
      )
        return (await postgres.execute(this.#db)).rows as R[]
      throw error
    }
  }
}
