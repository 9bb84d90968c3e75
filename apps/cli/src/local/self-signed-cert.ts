import { generateKeyPairSync, randomBytes, sign } from 'node:crypto'
import { isIP } from 'node:net'

/** A PEM certificate and its PKCS#8 private key. */
export interface SelfSignedCert {
  readonly cert: string
  readonly key: string
}

// Minimal DER writer: enough of X.509 for one self-signed certificate. Node's crypto makes
// keys and signatures but no certificates, and this avoids a dependency for ~60 lines.
function der(tag: number, body: Buffer): Buffer {
  const n = body.length
  const len =
    n < 0x80
      ? Buffer.from([n])
      : n < 0x100
        ? Buffer.from([0x81, n])
        : Buffer.from([0x82, n >> 8, n & 0xff])
  return Buffer.concat([Buffer.from([tag]), len, body])
}
const seq = (...parts: Buffer[]) => der(0x30, Buffer.concat(parts))
const set = (...parts: Buffer[]) => der(0x31, Buffer.concat(parts))
const explicit = (n: number, body: Buffer) => der(0xa0 + n, body)

function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number)
  const bytes = [40 * a + b]
  for (const v of rest) {
    const chunk = [v & 0x7f]
    for (let x = v >> 7; x > 0; x >>= 7) chunk.unshift((x & 0x7f) | 0x80)
    bytes.push(...chunk)
  }
  return der(0x06, Buffer.from(bytes))
}

/**
 * A non-negative DER INTEGER from big-endian bytes, in its one valid (minimal) form: redundant
 * leading zero bytes dropped, one 0x00 added when the high bit is set. OpenSSL refuses any
 * other form ("illegal padding"); a random serial starts with 0x00 one time in 256.
 */
export function derInteger(bytes: Uint8Array): Buffer {
  let start = 0
  while (start < bytes.length - 1 && bytes[start] === 0) start++
  const body = Buffer.from(bytes.subarray(start))
  if (body.length === 0) return der(0x02, Buffer.from([0]))
  return der(0x02, (body[0] ?? 0) >= 0x80 ? Buffer.concat([Buffer.from([0]), body]) : body)
}

function utcTime(d: Date): Buffer {
  const p = (n: number) => String(n).padStart(2, '0')
  const s = `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`
  return der(0x17, Buffer.from(s, 'ascii'))
}

const name = (cn: string) => seq(set(seq(oid('2.5.4.3'), der(0x0c, Buffer.from(cn, 'utf8')))))

function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split('.').map(Number))
  // IPv6: expand '::' and write 8 groups of 16 bits.
  const [head = '', tail = ''] = ip.split('::')
  const h = head ? head.split(':') : []
  const t = ip.includes('::') ? (tail ? tail.split(':') : []) : []
  const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t]
  return Buffer.from(groups.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]))
}

function pem(label: string, body: Buffer): string {
  const b64 = body.toString('base64').replace(/(.{64})/g, '$1\n')
  return `-----BEGIN ${label}-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END ${label}-----\n`
}

/**
 * A self-signed certificate (ECDSA P-256, SHA-256) valid for a year, for `hosts` (DNS names
 * and IP addresses in its subjectAltName). Clients with `sslmode=prefer` or `require` encrypt
 * with it; `verify-ca`/`verify-full` need a certificate from a CA they trust.
 *
 * `options.serial` fixes the serial number (big-endian); by default it is 16 random bytes.
 *
 * @example
 * const { cert, key } = selfSignedCert('rsp local serve', ['localhost', '127.0.0.1'])
 */
export function selfSignedCert(
  commonName: string,
  hosts: readonly string[],
  options: { readonly serial?: Uint8Array } = {},
): SelfSignedCert {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const algorithm = seq(oid('1.2.840.10045.4.3.2')) // ecdsa-with-SHA256
  const now = Date.now()
  const serial = options.serial ?? randomBytes(16)
  const altNames = hosts.map((h) =>
    isIP(h) ? der(0x87, ipBytes(h)) : der(0x82, Buffer.from(h, 'ascii')),
  )
  const extensions = explicit(
    3,
    seq(seq(oid('2.5.29.17'), der(0x04, seq(...altNames)))), // subjectAltName
  )
  const tbs = seq(
    explicit(0, derInteger(Buffer.from([2]))), // v3
    derInteger(serial),
    algorithm,
    name(commonName),
    seq(utcTime(new Date(now - 86_400_000)), utcTime(new Date(now + 365 * 86_400_000))),
    name(commonName),
    publicKey.export({ type: 'spki', format: 'der' }),
    ...(altNames.length > 0 ? [extensions] : []),
  )
  const signature = sign('sha256', tbs, { key: privateKey, dsaEncoding: 'der' })
  const cert = seq(tbs, algorithm, der(0x03, Buffer.concat([Buffer.from([0]), signature])))
  return {
    cert: pem('CERTIFICATE', cert),
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  }
}
