import { type TableSpecs } from './tables/table-specs.js';
import { World } from './world/world.js';
/** The tables the generator fills, in dependency order (staging tables are not generated). */
export declare const DATAGEN_TABLES: readonly ["dim_date", "dim_airport", "dim_aircraft", "dim_flight", "dim_customer", "fact_flight_operations", "fact_bookings", "fact_daily_revenue"];
export type DatagenTableName = (typeof DATAGEN_TABLES)[number];
/** What the data set is a function of. */
export interface PlanOptions {
    /** Unsigned 32-bit integer. @default 42 */
    readonly seed?: number;
    /** Scale factor: 1 ≈ 1,000,000 bookings over 365 days; 0.001 – 1000. @default 1 */
    readonly scale?: number;
    /** First flight date, 'YYYY-MM-DD'. @default '2024-01-01' */
    readonly startDate?: string;
    /** Number of flight days (1 – 3660). Operations scale with days × scale. @default 365 */
    readonly days?: number;
    /** Tables to generate (dependency order is kept). @default all of DATAGEN_TABLES */
    readonly tables?: readonly DatagenTableName[];
    /** Files per table; default: 1 for small tables, else a multiple of `slices` (≈ ≤ 256 MB gzip each). */
    readonly parts?: number;
    /** Slices of the target cluster; part counts are multiples of it. @default 4 */
    readonly slices?: number;
}
/** One output part: a range of keys (rows, or flight operations for operation-driven tables). */
export interface PartPlan {
    readonly index: number;
    readonly from: number;
    readonly to: number;
}
export interface TablePlan {
    readonly name: DatagenTableName;
    readonly schema: string;
    /** Column order of every CSV row: `Object.keys(model table.columns)`. */
    readonly columns: readonly string[];
    /** Exact row count. */
    readonly rows: number;
    readonly keyCount: number;
    readonly parts: readonly PartPlan[];
}
export interface DatagenPlan {
    readonly seed: number;
    readonly scale: number;
    readonly startDate: string;
    readonly days: number;
    readonly tables: readonly TablePlan[];
    readonly totalRows: number;
    /** Internal: booking-key index handed to workers. */
    readonly bookingPrefix: Float64Array | undefined;
    /** Internal: the world's time-zone table handed to workers. */
    readonly tzOffsets: Int16Array;
    /** Internal: the model's column specs handed to workers (they never load the schema package). */
    readonly specs: TableSpecs;
}
/** Validates options and fills defaults; the result is frozen. */
export declare function resolvePlanOptions(options?: PlanOptions): Readonly<{
    seed: number;
    scale: number;
    startDate: string;
    startDay: number;
    days: number;
    slices: number;
    parts: number | undefined;
    tables: ("dim_date" | "dim_airport" | "dim_aircraft" | "dim_flight" | "dim_customer" | "fact_flight_operations" | "fact_bookings" | "fact_daily_revenue")[];
}>;
/**
 * Plans a generation: validates the options, builds the world, counts every table's rows
 * exactly and splits each table into parts. Output files depend only on seed, scale,
 * startDate, days and the part counts — never on chunk size or worker count.
 *
 * @example
 * const plan = createPlan({ seed: 7, scale: 0.01 })
 * plan.tables.find((t) => t.name === 'fact_bookings')?.rows // ≈ 10,000
 */
export declare function createPlan(options?: PlanOptions): DatagenPlan;
export declare function keyCountOf(world: World, name: DatagenTableName): number;
//# sourceMappingURL=plan.d.ts.map