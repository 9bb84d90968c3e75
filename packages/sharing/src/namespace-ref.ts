import { DesiredStateError } from './errors.js'

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const ACCOUNT = /^[0-9]{12}$/
// CloudFormation Fn::Sub variable names: `Name`, `Resource.Attribute`, `AWS::Region`.
const SUB_VARIABLE = /^[A-Za-z][A-Za-z0-9]*(?:(?:::|\.)[A-Za-z0-9]+)*$/

/**
 * A value that is not known yet and will be substituted later, e.g. a namespace id that is a
 * CloudFormation token at synth time. Rendered as `${Name}` inside the string literal, ready
 * for `Fn::Sub`. Only values built by {@link placeholder} are accepted (never plain strings
 * that look like one), so real GUIDs keep their full validation.
 */
export class Placeholder {
  readonly name: string
  /** @internal use {@link placeholder}. */
  constructor(name: string) {
    this.name = name
    Object.freeze(this)
  }
  /** `${Name}`: the Fn::Sub variable reference. */
  toString(): string {
    return `\${${this.name}}`
  }
}

/**
 * Makes a {@link Placeholder} for a namespace id or account id that is substituted later
 * (e.g. with CloudFormation `Fn::Sub`). Plans holding placeholders can be rendered as
 * scripts but not applied.
 *
 * @example
 * defineDatashare({ ..., producer: { namespace: placeholder('ProducerNamespaceId'), database: 'dev' } })
 */
export function placeholder(name: string): Placeholder {
  if (typeof name !== 'string' || !SUB_VARIABLE.test(name)) {
    throw new DesiredStateError(
      'PLACEHOLDER_INVALID',
      `placeholder: ${JSON.stringify(name)} is not a valid Fn::Sub variable name; use letters and digits, e.g. "ProducerNamespaceId" or "Producer.NamespaceId".`,
      { field: 'placeholder', value: name },
    )
  }
  return new Placeholder(name)
}

/** A namespace GUID (lower case) or a placeholder for one. */
export type NamespaceRef = string | Placeholder
/** A 12-digit AWS account id or a placeholder for one. */
export type AccountRef = string | Placeholder

/** True when the value is a {@link Placeholder}. */
export const isPlaceholder = (v: unknown): v is Placeholder => v instanceof Placeholder

/** Validates a namespace GUID (any case; returned in lower case, as Redshift reports it). */
export function validateNamespace(value: unknown, field: string): NamespaceRef {
  if (isPlaceholder(value)) return value
  if (typeof value !== 'string' || !GUID.test(value.toLowerCase())) {
    throw new DesiredStateError(
      'NAMESPACE_INVALID',
      `${field}: ${JSON.stringify(value)} is not a namespace id; give the namespace GUID (8-4-4-4-12 hex digits, as "SELECT current_namespace" prints it), e.g. "13b8833d-17c6-4f16-8fe4-1a018f5ed00d".`,
      { field, value },
    )
  }
  return value.toLowerCase()
}

/** Validates a 12-digit AWS account id. */
export function validateAccount(value: unknown, field: string): AccountRef {
  if (isPlaceholder(value)) return value
  if (typeof value !== 'string' || !ACCOUNT.test(value)) {
    throw new DesiredStateError(
      'ACCOUNT_INVALID',
      `${field}: ${JSON.stringify(value)} is not an AWS account id; give the 12 digits as a string, e.g. "123456789012".`,
      { field, value },
    )
  }
  return value
}

/** A stable text form for comparisons and keys. */
export const refText = (ref: NamespaceRef | AccountRef): string =>
  isPlaceholder(ref) ? ref.toString() : ref
