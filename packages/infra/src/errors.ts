/** What went wrong, as a stable code the CLI can map to a message and exit code. */
export type InfraErrorCode = 'INVALID_PROP' | 'HANDLER_NOT_BUILT'

/**
 * The one error class of this package. Constructs throw it from their constructors, before
 * any resource is added, when a prop is invalid; the message is a full sentence naming the
 * construct, the prop, the bad value and the fix.
 *
 * @example
 * try {
 *   new ServerlessWarehouse(stack, 'Producer', { ...props, baseCapacity: 33 })
 * } catch (e) {
 *   if (e instanceof InfraError) console.error(e.field, e.value) // 'baseCapacity' 33
 * }
 */
export class InfraError extends Error {
  override readonly name = 'InfraError'
  readonly code: InfraErrorCode
  /** The prop (or config path) that is wrong. */
  readonly field: string
  /** The offending value. */
  readonly value: unknown

  constructor(
    code: InfraErrorCode,
    message: string,
    details: { readonly field: string; readonly value: unknown; readonly cause?: unknown },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.code = code
    this.field = details.field
    this.value = details.value
  }
}

/** Throws an `InfraError` for a bad prop. */
export function invalidProp(field: string, value: unknown, message: string): never {
  throw new InfraError('INVALID_PROP', message, { field, value })
}
