import { ByteBuffer } from '../csv/row-encoder.js';
import type { World } from '../world/world.js';
import type { CustomerPools } from './customer-pools.js';
import type { TableGenerator } from './table-generator.js';
import type { TableSpecs } from './table-specs.js';
/**
 * `dim_customer`: passengers with faker-made PII. Names come from seeded pools so customers do
 * not dominate generation time; each row's choices come from its own (seed, key) stream.
 * Every text is pre-encoded once (pool names, e-mail parts, cities) and composed fields are
 * written as bytes, so a row costs no string building.
 */
export declare class DimCustomerGenerator implements TableGenerator {
    #private;
    readonly table: TableSpecs['dim_customer'];
    readonly keyCount: number;
    /** `pools` come from `buildCustomerPools(seed)` (faker, loaded only when customers are made). */
    constructor(world: World, spec: TableSpecs['dim_customer'], pools: CustomerPools);
    /**
     * Writes rows straight into the output: every text is pre-encoded, and the composed fields
     * (id, e-mail, phone, loyalty number) are written in place. Column order and formats are
     * the model's (the pinned output hashes in test/golden-output.test.ts hold it to the
     * model-compiled encoder's bytes); random draws happen in column order.
     */
    write(from: number, to: number, reuse?: ByteBuffer): {
        data: Uint8Array<ArrayBufferLike>;
        rows: number;
    };
}
//# sourceMappingURL=dim-customer-generator.d.ts.map