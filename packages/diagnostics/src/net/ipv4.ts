/** Minimal IPv4 CIDR arithmetic for the security-group and subnet checks. */

/** Parses `a.b.c.d` to an unsigned 32-bit number, or `undefined`. */
export function parseIpv4(ip: string): number | undefined {
  const parts = ip.split('.')
  if (parts.length !== 4) return undefined
  let n = 0
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined
    const v = Number(p)
    if (v > 255) return undefined
    n = n * 256 + v
  }
  return n
}

/** Parses `a.b.c.d/n` to its first address and prefix length, or `undefined`. */
export function parseCidr(
  cidr: string,
): { readonly base: number; readonly prefix: number } | undefined {
  const [ip, len] = cidr.split('/')
  const base = ip === undefined ? undefined : parseIpv4(ip)
  const prefix = len === undefined ? 32 : Number(len)
  if (base === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined
  const size = 2 ** (32 - prefix)
  return { base: base - (base % size), prefix }
}

/** True when every address of `inner` lies inside `outer` (both CIDR strings). */
export function cidrContains(outer: string, inner: string): boolean {
  const o = parseCidr(outer)
  const i = parseCidr(inner)
  if (!o || !i || i.prefix < o.prefix) return false
  const size = 2 ** (32 - o.prefix)
  return i.base >= o.base && i.base < o.base + size
}

/** Usable addresses of a subnet with prefix length `prefix`, after AWS's reserved ones. */
export function usableAddresses(prefix: number, reserved: number): number {
  return Math.max(0, 2 ** (32 - prefix) - reserved)
}
