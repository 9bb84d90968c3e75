import { describe, expect, it } from 'vitest'
import { asciiWord, ByteBuffer, cents, int } from './row-encoder.js'

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

  it('int writes every number of one and two four-digit groups (its digit tables) exactly', () => {
    for (let n = 0; n < 10_000; n++) {
      expect(text((b, p) => int(b, p, n))).toBe(String(n))
      const wide = 10_000 * ((n * 7919) % 10_000) + n
      expect(text((b, p) => int(b, p, wide))).toBe(String(wide))
    }
  })

  it('asciiWord reads up to four characters from an index', () => {
    expect(asciiWord('AB')).toBe(0x4241)
    expect(asciiWord('xxABCDE', 2)).toBe(0x44434241)
    expect(asciiWord('ABC', 2)).toBe(0x43)
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
    // Asked for more than it holds: the same object, at once as large as asked.
    const memory = again.buf
    expect(ByteBuffer.into(again, 8)).toBe(again)
    expect(again.buf).toBe(memory)
    expect(ByteBuffer.into(again, 1000).buf.length).toBe(1000)
  })
})
