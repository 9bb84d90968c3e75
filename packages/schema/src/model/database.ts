import type { ColumnType } from 'kysely'
import type { AirlineTables, AirlineViews } from './airline-model.js'
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

/** The Kysely row type of one view: read-only (views accept no INSERT or UPDATE). */
export type KyselyView<V extends { readonly columns: Record<string, Column> }> = {
  -readonly [K in keyof V['columns']]: V['columns'][K] extends Column<infer S, unknown, infer N>
    ? ColumnType<N extends true ? S | null : S, never, never>
    : never
}

/**
 * The Kysely `Database` type, derived from the model: tables and views keyed as
 * `schema.name` (e.g. `airline_dw.fact_bookings`, `airline_dw.v_customer_360`), as Kysely
 * expects for schema-qualified names. Views are select-only.
 */
export type AirlineDatabase = {
  [K in keyof AirlineTables as `${AirlineTables[K]['schema']}.${K & string}`]: KyselyTable<
    AirlineTables[K]
  >
} & {
  [K in keyof AirlineViews as `${AirlineViews[K]['schema']}.${K & string}`]: KyselyView<
    AirlineViews[K]
  >
}
