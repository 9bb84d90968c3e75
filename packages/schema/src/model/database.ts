import type { ColumnType } from 'kysely'
import type { AirlineTables } from './airline-model.js'
import type { Column } from './column.js'

/**
 * The Kysely column type of one model column: nullable columns select `T | null`; columns
 * that are nullable or have a default (or identity) may be omitted on insert.
 */
export type KyselyColumn<C> =
  C extends Column<infer S, infer I, infer N, infer D>
    ? N extends true
      ? ColumnType<S | null, I | null | undefined, I | null>
      : D extends true
        ? ColumnType<S, I | undefined, I>
        : ColumnType<S, I, I>
    : never

/** The Kysely row type of one table. */
export type KyselyTable<T extends { readonly columns: Record<string, Column> }> = {
  -readonly [K in keyof T['columns']]: KyselyColumn<T['columns'][K]>
}

/**
 * The Kysely `Database` type, derived from the model: tables keyed as `schema.table`
 * (e.g. `airline_dw.fact_bookings`), as Kysely expects for schema-qualified names.
 */
export type AirlineDatabase = {
  [K in keyof AirlineTables as `${AirlineTables[K]['schema']}.${K & string}`]: KyselyTable<
    AirlineTables[K]
  >
}
