import { describe, expect, it } from 'vitest'
import type { RedshiftLocalError } from '../errors.js'
import { parseManifest, parseS3Url } from './copy-manifest.js'

const read = (text: string, columnar = false) =>
  parseManifest(text, 's3://b/m.json', columnar, 'COPY …')
const ruleOf = (f: () => unknown) => {
  try {
    f()
  } catch (e) {
    return (e as RedshiftLocalError).ruleId
  }
  return undefined
}

describe('manifests (R-COPY-1, R-COPY-2)', () => {
  it('R-COPY-1: entries keep their order and duplicates; mandatory defaults to false', () => {
    const entries = read(
      JSON.stringify({
        entries: [
          { url: 's3://bkt1/k/1', mandatory: true },
          { url: 's3://bkt2/k/2' },
          { url: 's3://bkt1/k/1', mandatory: true, meta: { content_length: 9 } },
        ],
      }),
    )
    expect(entries).toEqual([
      {
        url: 's3://bkt1/k/1',
        bucket: 'bkt1',
        key: 'k/1',
        mandatory: true,
        contentLength: undefined,
      },
      {
        url: 's3://bkt2/k/2',
        bucket: 'bkt2',
        key: 'k/2',
        mandatory: false,
        contentLength: undefined,
      },
      { url: 's3://bkt1/k/1', bucket: 'bkt1', key: 'k/1', mandatory: true, contentLength: 9 },
    ])
  })

  it('R-COPY-1: malformed manifests are refused (bad JSON, smart quotes, no entries, no url, bad mandatory, not s3://)', () => {
    for (const text of [
      '{"entries": [',
      '{“entries”: []}',
      '{"files": []}',
      '{"entries": [{"mandatory": true}]}',
      '{"entries": [{"url": "s3://bkt/k", "mandatory": "yes"}]}',
      '{"entries": [{"url": "https://bkt/k"}]}',
      '{"entries": [{"url": "s3://bkt"}]}',
    ])
      expect(
        ruleOf(() => read(text)),
        text,
      ).toBe('R-COPY-1')
  })

  it('R-COPY-2: Parquet/ORC manifests need meta.content_length in every entry', () => {
    const text = JSON.stringify({ entries: [{ url: 's3://bkt/k', mandatory: true }] })
    expect(ruleOf(() => read(text, true))).toBe('R-COPY-2')
    expect(ruleOf(() => read(text, false))).toBeUndefined()
  })

  it('S3 URLs: a COPY prefix may stop at the bucket, a manifest must name an object', () => {
    expect(parseS3Url('s3://bucket', false, '')).toEqual({
      url: 's3://bucket',
      bucket: 'bucket',
      key: '',
    })
    expect(ruleOf(() => parseS3Url('s3://bucket', true, ''))).toBe('R-COPY-1')
    expect(ruleOf(() => parseS3Url('/local/file', false, ''))).toBe('R-COPY-1')
  })
})
