/** What went wrong, for the CLI to map to a message and an exit code. */
export type DatagenErrorCode = 'INVALID_OPTION' | 'WORKER_FAILED' | 'LOAD_FAILED' | 'SINK_FAILED' | 'MISSING_TABLE';
/**
 * The one error class of the package. It carries data (`code`, `field`, `value`) and the
 * underlying `cause`; it never prints.
 *
 * @example
 * try { createPlan({ scale: -1 }) } catch (e) { if (e instanceof DatagenError) e.field // 'scale' }
 */
export declare class DatagenError extends Error {
    readonly code: DatagenErrorCode;
    readonly field: string | undefined;
    readonly value: unknown;
    constructor(code: DatagenErrorCode, message: string, details?: {
        field?: string;
        value?: unknown;
        cause?: unknown;
    });
}
/** Throws an INVALID_OPTION error naming the field, the value and the fix. */
export declare function invalidOption(field: string, value: unknown, fix: string): never;
//# sourceMappingURL=errors.d.ts.map