import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InfraError } from '../errors.js'
import { parseAnyCidr, parseIpv4Cidr, parseIpv6Cidr } from './cidr.js'
import { validateClientCidrs } from './validate.js'

// Oracles written independently of cidr.ts: by octet / leading bits of one address.
const isPrivateIpv4 = (a: number) => {
  const [o1, o2] = [Math.floor(a / 2 ** 24), Math.floor(a / 2 ** 16) % 256]
  return (
    o1 === 10 ||
    (o1 === 172 && o2 >= 16 && o2 <= 31) ||
    (o1 === 192 && o2 === 168) ||
    (o1 === 100 && o2 >= 64 && o2 <= 127) ||
    o1 === 127 ||
    (o1 === 169 && o2 === 254)
  )
}
const isPrivateIpv6 = (a: bigint) => a >> 121n === 0x7en || a >> 118n === 0x3fan

const ipv4 = (a: number) => [24, 16, 8, 0].map((s) => Math.floor(a / 2 ** s) % 256).join('.')
const ipv6 = (a: bigint) =>
  Array.from({ length: 8 }, (_, i) => ((a >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(
    ':',
  )
/** The block of `prefix` that contains address `a`, written as a CIDR. */
const block4 = (a: number, prefix: number) => {
  const size = 2 ** (32 - prefix)
  return `${ipv4(a - (a % size))}/${prefix}`
}
const block6 = (a: bigint, prefix: number) => {
  const shift = BigInt(128 - prefix)
  return `${ipv6((a >> shift) << shift)}/${prefix}`
}

const check = (cidrs: string[], allowPublic = false) =>
  validateClientCidrs("ServerlessWarehouse 'W'", 'allowedCidrs', cidrs, 5439, allowPublic)
const refusal = (cidrs: string[], allowPublic = false): string | undefined => {
  try {
    check(cidrs, allowPublic)
    return undefined
  } catch (e) {
    expect(e).toBeInstanceOf(InfraError)
    return (e as Error).message
  }
}

const u32 = fc.integer({ min: 0, max: 2 ** 32 - 1 })
const u128 = fc.bigInt({ min: 0n, max: 2n ** 128n - 1n })
const PRIVATE_V4: ReadonlyArray<readonly [number, number]> = [
  [10 * 2 ** 24, 8],
  [172 * 2 ** 24 + 16 * 2 ** 16, 12],
  [192 * 2 ** 24 + 168 * 2 ** 16, 16],
  [100 * 2 ** 24 + 64 * 2 ** 16, 10],
  [127 * 2 ** 24, 8],
  [169 * 2 ** 24 + 254 * 2 ** 16, 16],
]

describe('client CIDRs on 5439 (property-based)', () => {
  it('refuses every IPv4 CIDR that contains a public address, unless allowPublicIngress', () => {
    fc.assert(
      fc.property(
        u32.filter((a) => !isPrivateIpv4(a)),
        fc.integer({ min: 1, max: 32 }),
        (address, prefix) => {
          const cidr = block4(address, prefix)
          expect(refusal([cidr])).toContain(
            `allowedCidrs contains ${cidr}, which includes public IPv4 addresses`,
          )
          expect(refusal([cidr], true)).toBeUndefined()
        },
      ),
    )
  })

  it('accepts every IPv4 CIDR inside 10/8, 172.16/12, 192.168/16, 100.64/10, 127/8, 169.254/16', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PRIVATE_V4),
        u32,
        fc.integer({ min: 0, max: 32 }),
        ([base, rangePrefix], random, extra) => {
          const address = base + (random % 2 ** (32 - rangePrefix))
          const prefix = Math.min(32, rangePrefix + extra)
          expect(isPrivateIpv4(address)).toBe(true)
          expect(refusal([block4(address, prefix)])).toBeUndefined()
        },
      ),
    )
  })

  it('refuses every list of CIDRs whose union is the whole IPv4 internet', () => {
    // A random partition of 0.0.0.0/0 into aligned blocks (a random binary tree of splits).
    const partition = (splits: readonly boolean[]) => {
      const out: string[] = []
      const walk = (node: number, address: number, prefix: number) => {
        if (prefix === 0 || (prefix < 7 && splits[node])) {
          walk(2 * node + 1, address, prefix + 1)
          walk(2 * node + 2, address + 2 ** (31 - prefix), prefix + 1)
        } else out.push(`${ipv4(address)}/${prefix}`)
      }
      walk(0, 0, 0)
      return out
    }
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 255, maxLength: 255 }), (splits) => {
        const cidrs = partition(splits)
        expect(cidrs.length).toBeGreaterThanOrEqual(2)
        expect(refusal(cidrs)).toMatch(/which includes public IPv4 addresses/)
      }),
    )
  })

  it('refuses every IPv6 CIDR outside fc00::/7 and fe80::/10, accepts those inside', () => {
    fc.assert(
      fc.property(
        u128.filter((a) => !isPrivateIpv6(a)),
        fc.integer({ min: 1, max: 128 }),
        (address, prefix) => {
          const cidr = block6(address, prefix)
          expect(refusal([cidr])).toContain(
            `allowedCidrs contains ${cidr}, which includes public IPv6 addresses`,
          )
          expect(refusal([cidr], true)).toBeUndefined()
        },
      ),
    )
    fc.assert(
      fc.property(
        fc.constantFrom([0xfcn << 120n, 7] as const, [0xfe80n << 112n, 10] as const),
        u128,
        fc.integer({ min: 0, max: 128 }),
        ([base, rangePrefix], random, extra) => {
          const address = base + (random % 2n ** BigInt(128 - rangePrefix))
          const prefix = Math.min(128, rangePrefix + extra)
          expect(isPrivateIpv6(address)).toBe(true)
          expect(refusal([block6(address, prefix)])).toBeUndefined()
        },
      ),
    )
  })

  it('parses compressed IPv6 to the same address as the full form', () => {
    fc.assert(
      fc.property(u128, fc.integer({ min: 0, max: 128 }), (address, prefix) => {
        const full = `${ipv6(address)}/${prefix}`
        // Compress the longest run of zero groups (at least two) with '::'.
        const groups = ipv6(address).split(':')
        let best = [-1, 0]
        for (let i = 0; i < 8; i++) {
          let j = i
          while (j < 8 && groups[j] === '0') j++
          if (j - i > best[1]! && j - i >= 2) best = [i, j - i]
        }
        const compressed =
          best[0]! < 0
            ? full
            : `${groups.slice(0, best[0]).join(':')}::${groups.slice(best[0]! + best[1]!).join(':')}/${prefix}`
        expect(parseIpv6Cidr(compressed)).toEqual(parseIpv6Cidr(full))
        expect(parseIpv6Cidr(full)).toEqual({ family: 6, address, prefix })
      }),
    )
  })
})

describe('CIDR parsing', () => {
  it('refuses malformed CIDRs', () => {
    for (const bad of [
      '10.0.0.0',
      '10.0.0.256/8',
      '10.0.0.0/33',
      '10.0.0/8',
      '1::2::3/64',
      '12345::/16',
      '::/129',
      'fd00::',
      '1:2:3:4:5:6:7:8:9/64',
      '1:2:3:4:5:6:7/64',
      'g::/8',
    ]) {
      expect(parseAnyCidr(bad), bad).toBeUndefined()
    }
    expect(parseIpv4Cidr('192.168.1.0/24')).toEqual({
      family: 4,
      address: 0xc0a80100n,
      prefix: 24,
    })
    expect(parseIpv6Cidr('::/0')).toEqual({ family: 6, address: 0n, prefix: 0 })
  })
})
