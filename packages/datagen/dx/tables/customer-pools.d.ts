/** Name and e-mail pools drawn once per seed from faker (faker is far too slow per row). */
export interface CustomerPools {
    readonly female: readonly string[];
    readonly male: readonly string[];
    readonly last: readonly string[];
    readonly domains: readonly string[];
}
/**
 * Builds the pools from faker (en_US only: importing every locale costs half a second per
 * worker) seeded with `seed`: deterministic, independent of chunking.
 */
export declare function buildCustomerPools(seed: number): CustomerPools;
//# sourceMappingURL=customer-pools.d.ts.map