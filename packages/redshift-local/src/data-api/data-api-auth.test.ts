import { describe, expect, it } from 'vitest'
import { RedshiftLocalError } from '../errors.js'
import { callerOf, type SignedRequest, SigV4Authenticator } from './data-api-auth.js'
import { DataApiError } from './data-api-errors.js'

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
const USER = 'arn:aws:iam::123456789012:user/example'

/** AWS's SigV4 test suite (aws-sig-v4-test-suite, region us-east-1, service `service`). */
function vanilla(url: string, signature: string): SignedRequest {
  return {
    method: 'GET',
    url,
    headers: {
      host: 'example.amazonaws.com',
      'x-amz-date': '20150830T123600Z',
      authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`,
    },
    body: Buffer.alloc(0),
  }
}

function errorOf(fn: () => unknown): DataApiError {
  try {
    fn()
  } catch (error) {
    if (error instanceof DataApiError) return error
    throw error
  }
  throw new Error('expected a DataApiError')
}

describe('callerOf', () => {
  it('R-IAM-1: an assumed role is IAMR:<role>, shared at the role level', () => {
    expect(callerOf('arn:aws:sts::123456789012:assumed-role/etl-role/run-1', 'AK')).toEqual({
      accessKeyId: 'AK',
      arn: 'arn:aws:sts::123456789012:assumed-role/etl-role/run-1',
      roleArn: 'arn:aws:iam::123456789012:role/etl-role',
      dbUser: 'IAMR:etl-role',
    })
  })

  it('R-IAM-1: an IAM user is IAM:<name> (a path is not part of the name)', () => {
    expect(callerOf('arn:aws:iam::123456789012:user/division/alice', 'AK')?.dbUser).toBe(
      'IAM:alice',
    )
    expect(callerOf('arn:aws:iam::123456789012:role/service-role/etl', 'AK')?.dbUser).toBe(
      'IAMR:etl',
    )
  })

  it('R-IAM-1: the account root and other ARNs have no database user', () => {
    expect(callerOf('arn:aws:iam::123456789012:root', 'AK')).toBeUndefined()
    expect(callerOf('arn:aws:sts::123456789012:federated-user/bob', 'AK')).toBeUndefined()
  })
})

describe('SigV4Authenticator', () => {
  const auth = new SigV4Authenticator(
    [{ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET, arn: USER }],
    null,
  )

  it('R-API-1: accepts the test suite get-vanilla and get-vanilla-query-order-key-case signatures', () => {
    expect(
      auth.authenticate(
        vanilla('/', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'),
      ),
    ).toMatchObject({
      arn: USER,
      dbUser: 'IAM:example',
    })
    expect(
      auth.authenticate(
        vanilla(
          '/?Param2=value2&Param1=value1',
          'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
        ),
      ).accessKeyId,
    ).toBe('AKIDEXAMPLE')
  })

  it('R-API-1: a signature made with another secret is an InvalidSignatureException (403)', () => {
    const e = errorOf(() => auth.authenticate(vanilla('/', '0'.repeat(64))))
    expect([e.errorName, e.status]).toEqual(['InvalidSignatureException', 403])
    const tampered = vanilla(
      '/?x=1',
      '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    )
    expect(errorOf(() => auth.authenticate(tampered)).errorName).toBe('InvalidSignatureException')
  })

  it('R-API-1: no Authorization header, a malformed one, an unknown key without a default principal', () => {
    const request = vanilla('/', 'x')
    expect(errorOf(() => auth.authenticate({ ...request, headers: {} })).errorName).toBe(
      'MissingAuthenticationTokenException',
    )
    expect(
      errorOf(() => auth.authenticate({ ...request, headers: { authorization: 'Basic abc' } }))
        .errorName,
    ).toBe('IncompleteSignatureException')
    const unknown = {
      ...request,
      headers: {
        authorization: request.headers
          .authorization!.toString()
          .replace('AKIDEXAMPLE', 'AKIDOTHER'),
      },
    }
    expect(errorOf(() => auth.authenticate(unknown)).errorName).toBe('UnrecognizedClientException')
  })

  it('R-IAM-1: an unknown key is the default principal, unchecked', () => {
    const open = new SigV4Authenticator(
      [],
      'arn:aws:sts::123456789012:assumed-role/rsp-local/local',
    )
    expect(open.authenticate(vanilla('/', 'anything')).dbUser).toBe('IAMR:rsp-local')
  })

  it('R-IAM-1: a principal ARN without a database user is a configuration error', () => {
    expect(() => new SigV4Authenticator([], 'arn:aws:iam::123456789012:root')).toThrow(
      RedshiftLocalError,
    )
  })
})
