import { describe, expect, it } from 'vitest'
import { RedshiftLocalError } from '../errors.js'
import { copySettings, zstdAvailable } from './copy-options.js'
import { parseCopy } from './test-copy.js'

const settingsOf = (options: string) => {
  const sql = `COPY t FROM 's3://bucket/x' ${options}`
  return copySettings(parseCopy(sql).options, sql)
}

function refusal(options: string): RedshiftLocalError {
  try {
    settingsOf(options)
  } catch (e) {
    expect(e).toBeInstanceOf(RedshiftLocalError)
    return e as RedshiftLocalError
  }
  throw new Error(`not refused: ${options}`)
}

describe('copySettings', () => {
  it("defaults: text format with '|', CSV with ',' and '\"', NULL AS '\\N', MAXERROR 0", () => {
    expect(settingsOf('')).toMatchObject({
      format: 'text',
      delimiter: '|',
      nullAs: '\\N',
      maxErrorsTolerated: 0,
      compression: 'none',
    })
    expect(settingsOf('CSV')).toMatchObject({ format: 'csv', delimiter: ',', quote: '"' })
    expect(settingsOf('FORMAT AS CSV')).toMatchObject({ format: 'csv', delimiter: ',' })
    expect(settingsOf('FORMAT AS PARQUET')).toMatchObject({ format: 'parquet' })
  })

  it('D-12: MAXERROR 0 and 1 fail at the first error; n tolerates n - 1 errors; the limit is 100000', () => {
    expect(settingsOf('MAXERROR 0').maxErrorsTolerated).toBe(0)
    expect(settingsOf('MAXERROR 1').maxErrorsTolerated).toBe(0)
    expect(settingsOf('MAXERROR 2').maxErrorsTolerated).toBe(1)
    expect(settingsOf('MAXERROR 500000').maxErrorsTolerated).toBe(99_999)
  })

  it.each([
    ["CSV FIXEDWIDTH 'a:1'", 'DG:copy-parameters-data-format'],
    ['CSV REMOVEQUOTES', 'DG:copy-parameters-data-format'],
    ['CSV ESCAPE', 'DG:copy-parameters-data-format'],
    ["QUOTE AS '\"'", 'DG:copy-parameters-data-format'],
    ["FIXEDWIDTH 'a:1' DELIMITER ','", 'DG:copy-parameters-data-format'],
    ["DELIMITER 'ab'", 'DG:copy-parameters-data-format'],
    ['SSH', 'DG:copy-parameters-data-source-s3'],
    ['READRATIO 50', 'DG:copy-parameters-data-source-s3'],
    ['GZIP ZSTD', 'DG:copy-parameters-file-compression'],
    [String.raw`NULL AS '\\n'`, 'DG:copy-parameters-data-conversion'],
    ["TIMEFORMAT 'YYYY-MM-DD HH:MI:SSOF'", 'DG:r_DATEFORMAT_and_TIMEFORMAT_strings'],
    ["DATEFORMAT 'epochsecs'", 'DG:r_DATEFORMAT_and_TIMEFORMAT_strings'],
    ["DATEFORMAT 'AUTO'", 'DG:r_DATEFORMAT_and_TIMEFORMAT_strings'],
    ["IAM_ROLE 'my-role'", 'R-COPY-4'],
    ["REGION 'moon'", 'R-COPY-3'],
    ['FORMAT AS PARQUET GZIP', 'R-COPY-5'],
    ['FORMAT AS PARQUET CSV', 'R-COPY-5'],
    ["FORMAT AS PARQUET REGION 'us-east-1'", 'R-COPY-5'],
  ])('refuses %s, citing %s', (options, source) => {
    const e = refusal(options)
    expect(e.ruleId).toBe(source)
    expect(e.message).toContain(`[${source}]`)
  })

  it.each([
    'FORMAT AS ORC',
    "FORMAT AS JSON 'auto'",
    "JSON 's3://bucket/paths.json'",
    "FORMAT AS AVRO 'auto'",
    "FIXEDWIDTH 'a:1,b:2'",
    'BZIP2',
    'LZOP',
    'ENCRYPTED',
    'ENCODING UTF16',
  ])('valid Redshift the emulator does not model: %s is NOT_EMULATED', (options) => {
    expect(refusal(options).code).toBe('NOT_EMULATED')
  })

  it('ZSTD: accepted where node:zlib has Zstandard, NOT_EMULATED on Node 20', () => {
    if (zstdAvailable()) expect(settingsOf('ZSTD').compression).toBe('zstd')
    else expect(refusal('ZSTD').code).toBe('NOT_EMULATED')
  })

  it('IAM_ROLE takes default or role ARNs (chained with commas) (R-COPY-4)', () => {
    expect(() => settingsOf('IAM_ROLE default')).not.toThrow()
    expect(() =>
      settingsOf("IAM_ROLE 'arn:aws:iam::123456789012:role/A,arn:aws:iam::210987654321:role/B'"),
    ).not.toThrow()
  })

  it("DELIMITER accepts '\\t' and octal '\\ddd' for control characters", () => {
    expect(settingsOf(String.raw`DELIMITER '\\t'`).delimiter).toBe('\t')
    expect(settingsOf(String.raw`DELIMITER '\\001'`).delimiter).toBe('\u0001')
  })
})
