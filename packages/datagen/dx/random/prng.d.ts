/**
 * A small, fast, seedable PRNG (sfc32, from PractRand) plus a 32-bit integer hash used to
 * derive independent streams. Every row (or flight operation) gets its own stream seeded from
 * (seed, table, key), so output never depends on how key ranges are split into chunks or on
 * how many workers generate them — the property TPC-DS's dsdgen gets from per-child seeds.
 */
/** murmur3's finaliser: a bijective avalanche mix of a 32-bit integer. */
export declare function mix32(value: number): number;
/** Stream ids: one per table (or purpose), so two tables never share random numbers. */
export declare const STREAM: Readonly<{
    world: 1;
    date: 2;
    airport: 3;
    aircraft: 4;
    flight: 5;
    customer: 6;
    operation: 7;
    booking: 8;
    pools: 9;
}>;
/** sfc32: 128-bit state, passes PractRand to 2^42+ bytes, ~1 ns per number in V8. */
export declare class Rng {
    private a;
    private b;
    private c;
    private d;
    constructor(seed?: number, stream?: number, key?: number);
    /** Re-initialises the state from (seed, stream, key); cheap enough to call per row. */
    reseed(seed: number, stream: number, key: number): this;
    /** A uniform unsigned 32-bit integer. */
    u32(): number;
    /** A uniform float in [0, 1). */
    float(): number;
    /** A uniform integer in [0, n). */
    int(n: number): number;
    /** A uniform integer in [lo, hi]. */
    range(lo: number, hi: number): number;
    /** True with probability p. */
    chance(p: number): boolean;
    /** An approximately standard normal variate (Irwin–Hall of 4 uniforms, scaled). */
    normal(): number;
    /** An exponential variate with the given mean. */
    exponential(mean: number): number;
    /** Index drawn from a cumulative distribution (ascending, last element 1). */
    pick(cumulative: Float64Array | readonly number[]): number;
}
/** Turns weights into a cumulative distribution ending at exactly 1. */
export declare function cumulative(weights: readonly number[]): Float64Array;
//# sourceMappingURL=prng.d.ts.map