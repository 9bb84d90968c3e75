import type { AirlineMigration } from './migration-step.js'

// FROZEN once released: never edit; change the model with a new numbered migration.

/**
 * An index on `fact_bookings.operation_key`, PostgreSQL and PGlite only. `rsp etl` replaces a
 * day by deleting its bookings, its daily revenue and then its flight operations; each deleted
 * operation makes PostgreSQL check that no booking still references it (the foreign key
 * `fact_bookings_operation_key_fkey`), and without an index every check scans all bookings.
 * It is the only foreign key into a fact table the ETL deletes from: `fact_daily_revenue`
 * references dimensions only, and nothing references bookings or revenue.
 *
 * Redshift has no indexes (its foreign keys are informational: no DELETE checks them), so
 * the Redshift renderer emits nothing for this step and Kysely only records the migration.
 */
export const MIGRATION_0004: AirlineMigration = Object.freeze({
  name: '0004_etl_delete_index',
  steps: Object.freeze([
    Object.freeze({
      kind: 'create-index',
      schema: 'airline_dw',
      table: 'fact_bookings',
      index: Object.freeze({
        name: 'fact_bookings_operation_key_idx',
        columns: Object.freeze(['operation_key']),
        comment:
          'Serves the foreign-key check of deleting flight operations (rsp etl replacing a day); PostgreSQL only',
      }),
    } as const),
  ]),
})
