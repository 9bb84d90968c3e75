import { execFileSync } from 'node:child_process'
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { selfSignedCert } from './self-signed-cert.js'

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

  it('is read by OpenSSL when it is installed', () => {
    let openssl = true
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' })
    } catch {
      openssl = false
    }
    if (!openssl) {
      console.warn('openssl not installed: the OpenSSL parse of the certificate is skipped')
      return
    }
    const dir = mkdtempSync(join(tmpdir(), 'rsp-cert-'))
    const { cert } = selfSignedCert('x', ['localhost'])
    writeFileSync(join(dir, 'c.pem'), cert)
    const text = execFileSync('openssl', ['x509', '-in', join(dir, 'c.pem'), '-noout', '-text'], {
      encoding: 'utf8',
    })
    expect(text).toContain('ecdsa-with-SHA256')
    expect(text).toContain('DNS:localhost')
  })
})
