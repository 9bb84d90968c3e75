import type { AirlineModel, AirlineTables } from '@redshift-playground/schema/model';
import type { DatagenTableName } from '../plan.js';
/**
 * What a generator needs of a model table: its name, schema and columns (type and
 * nullability, in column order). Plain data, so the main thread hands it to workers and they
 * never load the schema package (its import costs more than a small generation).
 */
export type TableSpecs = {
    readonly [T in DatagenTableName]: Pick<AirlineTables[T], 'name' | 'schema' | 'columns'>;
};
/** The specs of every generated table, as structured-cloneable plain objects. */
export declare function tableSpecs(model: AirlineModel, tables: readonly DatagenTableName[]): TableSpecs;
//# sourceMappingURL=table-specs.d.ts.map