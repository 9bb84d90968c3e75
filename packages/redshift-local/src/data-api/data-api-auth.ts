/**
 * Who is calling: the access key id of the SigV4 `Authorization` header picks an IAM principal
 * (configured with its secret key, so the signature is checked), or the default principal for
 * keys nobody configured (its signature cannot be checked: there is no secret to check it
 * with). The principal's ARN gives the database user on Serverless (R-IAM-1): an assumed role
 * `arn:aws:sts::<acct>:assumed-role/<role>/<session>` is `IAMR:<role>`, an IAM user
 * `arn:aws:iam::<acct>:user/<name>` is `IAM:<name>`.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { RedshiftLocalError } from '../errors.js'
import { DataApiError } from './data-api-errors.js'

/** An IAM principal the server knows by its access key. */
export interface DataApiPrincipal {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  /** `arn:aws:sts::<account>:assumed-role/<role>/<session>` or `arn:aws:iam::<account>:user/<name>`. */
  readonly arn: string
}

/** The caller of one request. */
export interface Caller {
  readonly accessKeyId: string
  /** The principal's ARN (for an assumed role: the role session). */
  readonly arn: string
  /** The IAM role (or user) the caller acts as: statements are shared at this level (R-IAM-7). */
  readonly roleArn: string
  /** The database user on Serverless (R-IAM-1). */
  readonly dbUser: string
}

/** What the authenticator reads of a request. */
export interface SignedRequest {
  readonly method: string
  /** Path and query as received (`/`, `/?a=b`). */
  readonly url: string
  /** Node's lower-cased headers. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  readonly body: Buffer
}

const ASSUMED_ROLE =
  /^arn:aws[a-z-]*:sts::(\d{12}):assumed-role\/([\w+=,.@-]{1,64})\/([\w+=,.@-]{1,64})$/
const IAM_ENTITY =
  /^arn:aws[a-z-]*:iam::(\d{12}):(user|role)\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,64})$/
const CREDENTIAL = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/

/**
 * The database user and role of an IAM ARN (R-IAM-1), or `undefined` for an ARN the Data API
 * cannot derive a database user from (the account root, a federated user, …).
 *
 * @example
 * callerOf('arn:aws:sts::123456789012:assumed-role/etl/run-1', 'AKID')
 * // → { dbUser: 'IAMR:etl', roleArn: 'arn:aws:iam::123456789012:role/etl', … }
 */
export function callerOf(arn: string, accessKeyId: string): Caller | undefined {
  const role = ASSUMED_ROLE.exec(arn)
  if (role) {
    const partition = arn.split(':')[1]
    return {
      accessKeyId,
      arn,
      roleArn: `arn:${partition}:iam::${role[1]}:role/${role[2]}`,
      dbUser: `IAMR:${role[2]}`,
    }
  }
  const entity = IAM_ENTITY.exec(arn)
  if (entity)
    return {
      accessKeyId,
      arn,
      roleArn: arn,
      dbUser: `${entity[2] === 'role' ? 'IAMR' : 'IAM'}:${entity[3]}`,
    }
  return undefined
}

/**
 * Checks SigV4 `Authorization` headers (service `redshift-data`, R-API-1) and names the caller.
 *
 * @example
 * const auth = new SigV4Authenticator([{ accessKeyId: 'AKID1', secretAccessKey: 's', arn }], defaultArn)
 * const caller = auth.authenticate({ method, url, headers, body })
 */
export class SigV4Authenticator {
  readonly #principals = new Map<string, { secret: string; caller: Omit<Caller, 'accessKeyId'> }>()
  readonly #defaultPrincipal: Omit<Caller, 'accessKeyId'> | undefined

  constructor(principals: readonly DataApiPrincipal[], defaultPrincipal: string | null) {
    for (const p of principals) {
      const caller = callerOf(p.arn, p.accessKeyId)
      if (!caller) throw unsupportedArn(p.arn, 'principals')
      this.#principals.set(p.accessKeyId, { secret: p.secretAccessKey, caller })
    }
    if (defaultPrincipal !== null) {
      const caller = callerOf(defaultPrincipal, '')
      if (!caller) throw unsupportedArn(defaultPrincipal, 'defaultPrincipal')
      this.#defaultPrincipal = caller
    }
  }

  /** The caller of a request; throws the error AWS answers with for a missing or bad signature. */
  authenticate(request: SignedRequest): Caller {
    const header = single(request.headers.authorization)
    if (!header)
      throw new DataApiError('MissingAuthenticationTokenException', 'Missing Authentication Token')
    const parsed = parseAuthorization(header)
    if (!parsed)
      throw new DataApiError(
        'IncompleteSignatureException',
        `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters (AWS4-HMAC-SHA256). Authorization=${header.slice(0, 40)}…`,
      )
    const known = this.#principals.get(parsed.accessKeyId)
    if (known) {
      const expected = signature(request, parsed, known.secret)
      const given = Buffer.from(parsed.signature, 'utf8')
      const want = Buffer.from(expected, 'utf8')
      if (given.length !== want.length || !timingSafeEqual(given, want))
        throw new DataApiError(
          'InvalidSignatureException',
          'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
        )
      return { ...known.caller, accessKeyId: parsed.accessKeyId }
    }
    if (!this.#defaultPrincipal)
      throw new DataApiError(
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
      )
    return { ...this.#defaultPrincipal, accessKeyId: parsed.accessKeyId }
  }
}

interface Authorization {
  readonly accessKeyId: string
  readonly date: string
  readonly region: string
  readonly service: string
  readonly signedHeaders: readonly string[]
  readonly signature: string
}

function parseAuthorization(header: string): Authorization | undefined {
  const m = /^AWS4-HMAC-SHA256\s+(.*)$/s.exec(header.trim())
  if (!m) return undefined
  const parts = new Map<string, string>()
  for (const piece of m[1]!.split(',')) {
    const eq = piece.indexOf('=')
    if (eq > 0) parts.set(piece.slice(0, eq).trim(), piece.slice(eq + 1).trim())
  }
  const credential = CREDENTIAL.exec(parts.get('Credential') ?? '')
  const signed = parts.get('SignedHeaders')
  const sig = parts.get('Signature')
  if (!credential || !signed || !sig) return undefined
  return {
    accessKeyId: credential[1]!,
    date: credential[2]!,
    region: credential[3]!,
    service: credential[4]!,
    signedHeaders: signed.split(';'),
    signature: sig,
  }
}

/** The SigV4 signature of a request (AWS Signature Version 4, non-S3 canonicalisation). */
function signature(request: SignedRequest, auth: Authorization, secret: string): string {
  const q = request.url.indexOf('?')
  const path = q < 0 ? request.url : request.url.slice(0, q)
  const query = q < 0 ? '' : request.url.slice(q + 1)
  const canonicalHeaders = auth.signedHeaders
    .map((name) => {
      const raw = request.headers[name]
      const value = Array.isArray(raw) ? raw.join(',') : (raw ?? '')
      return `${name}:${value.trim().replace(/\s+/g, ' ')}\n`
    })
    .join('')
  const payloadHash =
    single(request.headers['x-amz-content-sha256']) ??
    createHash('sha256').update(request.body).digest('hex')
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath(path),
    canonicalQuery(query),
    canonicalHeaders,
    auth.signedHeaders.join(';'),
    payloadHash,
  ].join('\n')
  const amzDate = single(request.headers['x-amz-date']) ?? ''
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n')
  let key: Buffer = createHmac('sha256', `AWS4${secret}`).update(auth.date).digest()
  for (const part of [auth.region, auth.service, 'aws4_request'])
    key = createHmac('sha256', key).update(part).digest()
  return createHmac('sha256', key).update(stringToSign).digest('hex')
}

/** Non-S3 services sign the normalised path with each segment URI-encoded twice. */
function canonicalPath(path: string): string {
  const segments: string[] = []
  for (const s of path.split('/')) {
    if (s === '' || s === '.') continue
    if (s === '..') segments.pop()
    else segments.push(s)
  }
  const normalized = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`
  return normalized
    .split('/')
    .map((s) => uriEncode(uriEncode(safeDecode(s))))
    .join('/')
}

function canonicalQuery(query: string): string {
  if (!query) return ''
  return query
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=')
      const k = eq < 0 ? p : p.slice(0, eq)
      const v = eq < 0 ? '' : p.slice(eq + 1)
      return [uriEncode(safeDecode(k)), uriEncode(safeDecode(v))] as const
    })
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')
}

function uriEncode(s: string): string {
  return encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

function single(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v
}

function unsupportedArn(arn: string, field: string): RedshiftLocalError {
  return new RedshiftLocalError(
    'CONFIG',
    `${field}: ${JSON.stringify(arn)} is not an IAM user or assumed-role ARN the Data API can derive a database user from (R-IAM-1)`,
    { field },
  )
}
