import { invalidProp } from '../errors.js'
import { RESOURCE_NAME } from '../limits.js'
import { Token } from './cdk.js'

/** `Construct 'path'` prefix for messages. */
export function who(kind: string, id: string): string {
  return `${kind} '${id}'`
}

/** Validates a Redshift Serverless workgroup or namespace name. */
export function validateResourceName(owner: string, field: string, value: string): void {
  if (Token.isUnresolved(value)) return
  if (!RESOURCE_NAME.pattern.test(value)) {
    const hint = value
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, RESOURCE_NAME.max)
    invalidProp(
      field,
      value,
      `${owner}: ${field} '${value}' is invalid; use ${RESOURCE_NAME.min}–${RESOURCE_NAME.max} lower-case letters, digits and hyphens${hint.length >= RESOURCE_NAME.min ? ` (e.g. '${hint}')` : ''}.`,
    )
  }
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/

/** Parses an IPv4 CIDR; undefined when malformed. */
export function parseCidr(
  cidr: string,
): { readonly address: number; readonly prefix: number } | undefined {
  const m = CIDR_RE.exec(cidr)
  if (!m) return undefined
  const octets = m.slice(1, 5).map(Number)
  const prefix = Number(m[5])
  if (octets.some((o) => o > 255) || prefix > 32) return undefined
  const address = octets.reduce((acc, o) => acc * 256 + o, 0)
  return { address, prefix }
}

/** Validates client CIDRs for a database port: well-formed, never the whole internet. */
export function validateClientCidrs(
  owner: string,
  field: string,
  cidrs: readonly string[],
  port: number,
): void {
  for (const cidr of cidrs) {
    if (Token.isUnresolved(cidr)) continue
    if (cidr.trim() === '::/0' || parseCidr(cidr)?.prefix === 0) {
      invalidProp(
        field,
        cidr,
        `${owner}: ${field} contains ${cidr}, which would open port ${port} to the whole internet; list your clients' networks instead (e.g. 10.0.0.0/16).`,
      )
    }
    if (!parseCidr(cidr)) {
      invalidProp(
        field,
        cidr,
        `${owner}: ${field} contains '${cidr}', which is not an IPv4 CIDR like 10.0.0.0/16.`,
      )
    }
  }
}

/** Validates that a number is an integer within [min, max]. */
export function validateIntRange(
  owner: string,
  field: string,
  value: number,
  min: number,
  max: number,
): void {
  if (Token.isUnresolved(value)) return
  if (!Number.isInteger(value) || value < min || value > max) {
    invalidProp(
      field,
      value,
      `${owner}: ${field} ${value} is out of range; use a whole number from ${min} to ${max}.`,
    )
  }
}

/** The cdk-nag acknowledgement for an interface endpoint's security group. */
export function interfaceEndpointAck(name: string): { id: string; reason: string } {
  return {
    id: 'AwsSolutions-EC23',
    reason: `${name} interface endpoint: its security group admits HTTPS from the VPC CIDR only, a token at synth time that the rule cannot read.`,
  }
}
