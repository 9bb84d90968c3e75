import { describe, expect, it } from 'vitest'
import { ByteBuffer, cents, int } from './row-encoder.js'

const text = (write: (d: DataView, p: number) => number) => {
  const b = new Uint8Array(64)
  return Buffer.from(b.subarray(0, write(new DataView(b.buffer), 0))).toString('latin1')
}

/** Every digit-count boundary, its neighbours, and a deterministic spread between them. */
function samples(): number[] {
  const out = [0, 1, 9, 10, 99, 100, 0x7fffffff, 0x80000000, 2 ** 40 + 7, Number.MAX_SAFE_INTEGER]
  for (let p = 10; p <= 1e15; p *= 10) out.push(p - 1, p, p + 1)
  for (let x = 1, i = 0; i < 5000; i++) {
    x = (x * 48271) % 2147483647
    out.push(x, x % 100_000, x % 10_000_000, x * 1021)
  }
  return [...out, ...out.map((n) => -n)]
}

describe('field writers', () => {
  it('int writes what String(n) writes, on every digit-count boundary and both signs', () => {
    for (const n of samples()) expect(text((b, p) => int(b, p, n))).toBe(String(n))
  })

  it('cents writes a fixed two-decimal amount', () => {
    for (const n of samples()) {
      const sign = n < 0 ? '-' : ''
      const a = Math.abs(n)
      const want = `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`
      expect(text((b, p) => cents(b, p, n))).toBe(want)
    }
  })

  it('a reused ByteBuffer starts empty and keeps its memory', () => {
    const first = new ByteBuffer(8)
    first.ensure(3).setUint8(0, 1)
    first.pos = 1
    const again = ByteBuffer.into(first, 8)
    expect(again).toBe(first)
    expect(again.pos).toBe(0)
    expect(ByteBuffer.into(undefined, 8)).not.toBe(first)
  })
})
