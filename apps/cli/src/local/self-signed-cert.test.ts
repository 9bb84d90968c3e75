import { execFileSync } from 'node:child_process'
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { derInteger, selfSignedCert } from './self-signed-cert.js'

describe('selfSignedCert', () => {
  it('makes a certificate that parses, verifies with its own key and names its hosts', () => {
    const { cert, key } = selfSignedCert('rsp local serve', ['localhost', '127.0.0.1', '::1'])
    const x = new X509Certificate(cert)
    expect(x.subject).toBe('CN=rsp local serve')
    expect(x.issuer).toBe(x.subject)
    expect(x.verify(createPublicKey(createPrivateKey(key)))).toBe(true)
    expect(x.checkPrivateKey(createPrivateKey(key))).toBe(true)
    expect(x.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1')
    expect(x.checkIP('127.0.0.1')).toBe('127.0.0.1')
    expect(new Date(x.validTo).getTime()).toBeGreaterThan(Date.now() + 300 * 86_400_000)
  })

  it('writes every INTEGER in its minimal DER form (X.690 8.3.2)', () => {
    const hex = (b: Buffer) => b.toString('hex')
    expect(hex(derInteger(Buffer.from([2])))).toBe('020102')
    expect(hex(derInteger(Buffer.from([0x80])))).toBe('02020080')
    // Redundant leading zeros are dropped: OpenSSL calls them "illegal padding".
    expect(hex(derInteger(Buffer.from([0, 0x05, 0x01])))).toBe('02020501')
    expect(hex(derInteger(Buffer.from([0, 0, 0x90])))).toBe('02020090')
    expect(hex(derInteger(Buffer.from([0, 0])))).toBe('020100')
    expect(hex(derInteger(Buffer.alloc(0)))).toBe('020100')
  })

  // Serials with a leading zero byte made PostgreSQL refuse the certificate ("could not load
  // server certificate file … illegal padding") once in 128 runs of rsp local serve.
  const serials: Array<[string, number[]]> = [
    ['random', []],
    ['leading zero, then a low byte', [0x00, 0x05, ...Array(14).fill(0x11)]],
    ['two leading zeros, then a high byte', [0x00, 0x00, 0x9a, ...Array(13).fill(0x22)]],
    ['high bit set', [0xff, ...Array(15).fill(0x33)]],
  ]

  it.each(serials)('is read by Node with a %s serial', (_, bytes) => {
    const serial = bytes.length > 0 ? Buffer.from(bytes) : undefined
    const { cert } = selfSignedCert('x', ['localhost'], serial ? { serial } : {})
    const x = new X509Certificate(cert)
    if (serial) {
      expect(BigInt(`0x${x.serialNumber}`)).toBe(BigInt(`0x${serial.toString('hex')}`))
    }
  })

  const openssl = (() => {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' })
      return true
    } catch {
      return false
    }
  })()
  if (!openssl)
    console.warn('openssl not installed: the OpenSSL parse of the certificate is skipped')

  it.skipIf(!openssl).each(serials)('is read by OpenSSL with a %s serial', (_, bytes) => {
    const dir = mkdtempSync(join(tmpdir(), 'rsp-cert-'))
    const serial = bytes.length > 0 ? Buffer.from(bytes) : undefined
    const { cert, key } = selfSignedCert('x', ['localhost'], serial ? { serial } : {})
    writeFileSync(join(dir, 'c.pem'), cert)
    writeFileSync(join(dir, 'k.pem'), key)
    const text = execFileSync('openssl', ['x509', '-in', join(dir, 'c.pem'), '-noout', '-text'], {
      encoding: 'utf8',
    })
    expect(text).toContain('ecdsa-with-SHA256')
    expect(text).toContain('DNS:localhost')
    // The check PostgreSQL's server makes when it loads ssl_cert_file and ssl_key_file.
    execFileSync('openssl', ['x509', '-in', join(dir, 'c.pem'), '-noout', '-checkend', '0'])
  })
})
