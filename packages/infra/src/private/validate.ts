import type { ClientAccessProps } from '../client-access.js'
import { invalidProp } from '../errors.js'
import { RESOURCE_NAME } from '../limits.js'
import { ec2, Token } from './cdk.js'
import { containsPublicAddress, parseAnyCidr } from './cidr.js'

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

/**
 * Validates client CIDRs for a database port: well-formed IPv4 or IPv6, never the whole
 * internet (`0.0.0.0/0`, `::/0`), and — unless `allowPublic` — no CIDR that contains a public
 * address (see `private/cidr.ts`), so splitting the internet into pieces cannot bypass it.
 */
export function validateClientCidrs(
  owner: string,
  field: string,
  cidrs: readonly string[],
  port: number,
  allowPublic = false,
): void {
  for (const cidr of cidrs) {
    if (Token.isUnresolved(cidr)) continue
    const parsed = parseAnyCidr(cidr.trim())
    if (!parsed) {
      invalidProp(
        field,
        cidr,
        `${owner}: ${field} contains '${cidr}', which is not an IPv4 or IPv6 CIDR like 10.0.0.0/16 or fd00::/8.`,
      )
    }
    if (parsed.prefix === 0) {
      invalidProp(
        field,
        cidr,
        `${owner}: ${field} contains ${cidr}, which would open port ${port} to the whole internet; list your clients' networks instead (e.g. 10.0.0.0/16).`,
      )
    }
    if (!allowPublic && containsPublicAddress(parsed)) {
      const fix =
        parsed.family === 4
          ? 'list private networks only (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10)'
          : 'list unique-local (fc00::/7) or link-local (fe80::/10) networks only'
      invalidProp(
        field,
        cidr,
        `${owner}: ${field} contains ${cidr}, which includes public IPv${parsed.family} addresses, so port ${port} would be reachable from outside private networks; ${fix}, or set allowPublicIngress to true to admit public addresses on purpose.`,
      )
    }
  }
}

/** Validates a construct's client access to its port (see {@link ClientAccessProps}). */
export function validateClientAccess(owner: string, access: ClientAccessProps, port: number): void {
  validateClientCidrs(
    owner,
    'allowedCidrs',
    access.allowedCidrs ?? [],
    port,
    access.allowPublicIngress ?? false,
  )
}

/** Admits the (validated) client networks and security groups on the port. */
export function admitClients(
  connections: ec2.Connections,
  access: ClientAccessProps,
  port: number,
): void {
  for (const cidr of access.allowedCidrs ?? []) {
    connections.allowFrom(clientPeer(cidr), ec2.Port.tcp(port), `clients in ${cidr}`)
  }
  for (const peer of access.allowedSecurityGroups ?? []) {
    connections.allowFrom(peer, ec2.Port.tcp(port), 'client security group')
  }
}

/** The security-group peer for a validated client CIDR (IPv4 or IPv6). */
export function clientPeer(cidr: string): ec2.IPeer {
  return !Token.isUnresolved(cidr) && cidr.includes(':')
    ? ec2.Peer.ipv6(cidr.trim())
    : ec2.Peer.ipv4(cidr.trim())
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
