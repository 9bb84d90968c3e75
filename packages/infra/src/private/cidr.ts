// IPv4 and IPv6 CIDR parsing and the one question the constructs ask of a client CIDR: does
// it contain any public address? A CIDR block is aligned, so it holds only non-public
// addresses exactly when it lies inside one of the non-public ranges below (none of them is
// adjacent to another in a way that forms a larger aligned block), which makes the check
// exact for any list: a list such as 0.0.0.0/1 + 128.0.0.0/1 is refused element by element.

/** A parsed CIDR: the family, the address as an integer and the prefix length. */
export interface ParsedCidr {
  readonly family: 4 | 6
  /** The address as written (host bits included), as an unsigned integer. */
  readonly address: bigint
  readonly prefix: number
}

/** IPv4 ranges that are not public: RFC 1918, RFC 6598 (shared/CGNAT), loopback, link-local. */
export const NON_PUBLIC_IPV4: readonly string[] = Object.freeze([
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
])

/** IPv6 ranges that are not public: unique local (RFC 4193) and link-local. */
export const NON_PUBLIC_IPV6: readonly string[] = Object.freeze(['fc00::/7', 'fe80::/10'])

const IPV4_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/
const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/

/** Parses an IPv4 CIDR (`10.0.0.0/16`); undefined when malformed. */
export function parseIpv4Cidr(cidr: string): ParsedCidr | undefined {
  const m = IPV4_RE.exec(cidr)
  if (!m) return undefined
  const octets = m.slice(1, 5).map(Number)
  const prefix = Number(m[5])
  if (octets.some((o) => o > 255) || prefix > 32) return undefined
  const address = octets.reduce((acc, o) => acc * 256n + BigInt(o), 0n)
  return { family: 4, address, prefix }
}

/** Parses an IPv6 CIDR (`fd00::/8`, `2001:db8:0:0:0:0:0:0/32`); undefined when malformed. */
export function parseIpv6Cidr(cidr: string): ParsedCidr | undefined {
  const slash = cidr.indexOf('/')
  if (slash < 0) return undefined
  const text = cidr.slice(0, slash)
  const prefixText = cidr.slice(slash + 1)
  if (!/^\d{1,3}$/.test(prefixText)) return undefined
  const prefix = Number(prefixText)
  if (prefix > 128) return undefined
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':'))
  const head = groupsOf(halves[0]!)
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : []
  const given = head.length + tail.length
  if (halves.length === 1 ? given !== 8 : given > 7) return undefined
  const groups = [...head, ...Array<string>(8 - given).fill('0'), ...tail]
  if (!groups.every((g) => IPV6_GROUP.test(g))) return undefined
  const address = groups.reduce((acc, g) => (acc << 16n) + BigInt(Number.parseInt(g, 16)), 0n)
  return { family: 6, address, prefix }
}

/** Parses an IPv4 or IPv6 CIDR; undefined when it is neither. */
export function parseAnyCidr(cidr: string): ParsedCidr | undefined {
  return cidr.includes(':') ? parseIpv6Cidr(cidr) : parseIpv4Cidr(cidr)
}

const bitsOf = (family: 4 | 6) => (family === 4 ? 32 : 128)

/** Whether the whole block `inner` lies inside the block `outer` (same family). */
export function cidrWithin(inner: ParsedCidr, outer: ParsedCidr): boolean {
  if (inner.family !== outer.family || inner.prefix < outer.prefix) return false
  const shift = BigInt(bitsOf(outer.family) - outer.prefix)
  return inner.address >> shift === outer.address >> shift
}

const RANGES = Object.freeze({
  4: NON_PUBLIC_IPV4.map((c) => parseIpv4Cidr(c)!),
  6: NON_PUBLIC_IPV6.map((c) => parseIpv6Cidr(c)!),
})

/**
 * Whether the block contains at least one public address, i.e. one outside every
 * non-public range of its family.
 */
export function containsPublicAddress(cidr: ParsedCidr): boolean {
  return !RANGES[cidr.family].some((range) => cidrWithin(cidr, range))
}
