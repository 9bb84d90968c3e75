/**
 * The one error class of the package. It carries data (`code`, `field`, `value`) and the
 * underlying `cause`; it never prints.
 *
 * @example
 * try { createPlan({ scale: -1 }) } catch (e) { if (e instanceof DatagenError) e.field // 'scale' }
 */
export class DatagenError extends Error {
    code;
    field;
    value;
    constructor(code, message, details = {}) {
        super(message, details.cause === undefined ? undefined : { cause: details.cause });
        this.name = 'DatagenError';
        this.code = code;
        this.field = details.field;
        this.value = details.value;
    }
}
/** Throws an INVALID_OPTION error naming the field, the value and the fix. */
export function invalidOption(field, value, fix) {
    throw new DatagenError('INVALID_OPTION', `Invalid datagen option ${field}: ${JSON.stringify(value)}. ${fix}`, { field, value });
}
//# sourceMappingURL=errors.js.map