import { describe, expect, it } from 'vitest'
import { DelimitedParser, readDelimited } from './copy-csv.js'
import type { LoadErrorRow } from './copy-errors.js'
import type { CopyTargetColumn } from './copy-from-s3.js'
import { copySettings } from './copy-options.js'
import { CsvOutput, RowConverter } from './copy-values.js'
import { col, parseCopy } from './test-copy.js'

const two = [col('a', 'varchar', { maxLength: 100 }), col('b', 'varchar', { maxLength: 100 })]

/** Reads `pieces` (one file, cut where the array is cut) with the COPY options of `options`. */
function read(
  pieces: string | readonly string[],
  options = 'CSV',
  columns: readonly CopyTargetColumn[] = two,
): { csv: string; errors: LoadErrorRow[] } {
  const sql = `COPY t FROM 's3://bucket/x' ${options}`
  const settings = copySettings(parseCopy(sql).options, sql)
  const out = new CsvOutput()
  const errors: LoadErrorRow[] = []
  const rows = new RowConverter(columns, settings, out, (e) => errors.push(e))
  rows.fileName = 's3://bucket/x'
  const parser = new DelimitedParser(settings, rows)
  const list = typeof pieces === 'string' ? [pieces] : pieces
  let carry = ''
  list.forEach((piece, i) => {
    const text = carry + piece
    const used = parser.feed(text, i === list.length - 1)
    carry = text.slice(used)
  })
  out.flush()
  const csv = out
    .take()
    .map((c) => Buffer.from(c.data).toString('utf8'))
    .join('')
  return { csv, errors }
}

/** The same input read whole and cut in two at every position gives the same result. */
function expectCutInvariant(text: string, options = 'CSV', columns = two): void {
  const whole = read(text, options, columns)
  for (let i = 0; i <= text.length; i++) {
    const cut = read([text.slice(0, i), text.slice(i)], options, columns)
    expect(cut, `cut at ${i}`).toEqual(whole)
  }
}

describe('CSV (DG:copy-parameters-data-format)', () => {
  it('quoted fields hold delimiters, line breaks and doubled quotes', () => {
    const { csv, errors } = read('"a,b","line1\nline2"\n"say ""hi""",x\n')
    expect(errors).toEqual([])
    expect(csv).toBe('"a,b","line1\nline2"\n"say ""hi""",x\n')
  })

  it('non-ASCII text holding a delimiter or quote is still quoted in the output', () => {
    expect(read('"é, ""x""",ü\n').csv).toBe('"é, ""x""",ü\n')
  })

  it('white space between a delimiter and a quoted field is ignored; inside an unquoted field it is kept', () => {
    expect(read('  "a" ,  b \n').csv).toBe('a,  b \n')
  })

  it('CRLF ends a line; a last line without a line feed is read', () => {
    expect(read('a,b\r\nc,d').csv).toBe('a,b\nc,d\n')
  })

  it("QUOTE AS changes the quotation mark; then '\"' is an ordinary character", () => {
    expect(read(`'x,y',say "hi"\n`, "CSV QUOTE AS ''''").csv).toBe('"x,y","say ""hi"""\n')
  })

  it('DELIMITER with CSV, including a tab given as \\t', () => {
    expect(read('a;"b;c"\n', "CSV DELIMITER ';'").csv).toBe('a,b;c\n')
    expect(read('a\t"b\tc"\n', String.raw`CSV DELIMITER '\\t'`).csv).toBe('a,b\tc\n')
  })

  it('a record cut anywhere between two reads is the same record (quotes, CRLF, escapes)', () => {
    expectCutInvariant('"a,""b""\r\nc",d\r\n,\n"",""\r\nlast,"q"')
    expectCutInvariant('x|y\\|z\n\\N|two\\\nlines\n', 'ESCAPE')
    expectCutInvariant('1|\'a|b\'\n2|"c"\n', 'REMOVEQUOTES')
  })

  it('line numbers count the lines inside quoted fields and the header (D-12: IGNOREHEADER per file)', () => {
    const { errors } = read('h1,h2\n"multi\nline",ok\ntoo,many,fields\n', 'CSV IGNOREHEADER 1')
    expect(errors.map((e) => [e.lineNumber, e.errorCode, e.rawLine])).toEqual([
      [4, 1202, 'too,many,fields'],
    ])
  })

  it('an unterminated quote at the end of the file is a row error (1216)', () => {
    const { csv, errors } = read('a,b\n"open,x\n')
    expect(csv).toBe('a,b\n')
    expect(errors).toMatchObject([{ lineNumber: 2, errorCode: 1216 }])
  })

  it('characters after a closing quote are a row error; reading goes on at the next line', () => {
    const { csv, errors } = read('"a"x,b\nc,d\n')
    expect(csv).toBe('c,d\n')
    expect(errors).toMatchObject([{ lineNumber: 1, errorCode: 1214 }])
  })

  it('an empty line is a row error (1211) unless IGNOREBLANKLINES', () => {
    expect(read('a,b\n\nc,d\n').errors).toMatchObject([{ lineNumber: 2, errorCode: 1211 }])
    const skipped = read('a,b\n\nc,d\n', 'CSV IGNOREBLANKLINES')
    expect(skipped).toEqual({ csv: 'a,b\nc,d\n', errors: [] })
  })

  it('R-COPY-6: "" is an empty string for text; with EMPTYASNULL an unquoted empty field is NULL', () => {
    expect(read(',""\n').csv).toBe('"",""\n')
    expect(read(',""\n', 'CSV EMPTYASNULL').csv).toBe(',""\n')
  })

  it("NULL AS matches unquoted fields only; the default NULL string is '\\N'", () => {
    expect(read('\\N,"\\N"\n').csv).toBe(',"\\N"\n')
    expect(read('nil,"nil"\n', "CSV NULL AS 'nil'").csv).toBe(',nil\n')
  })
})

describe('text format (the default)', () => {
  it("fields are separated by '|'; without ESCAPE a backslash is data", () => {
    expect(read('a\\b|c\n', '').csv).toBe('a\\b,c\n')
    // Quoted so PostgreSQL never reads a line holding only \. as the end of the data.
    expect(read('\\.|c\n', '').csv).toBe('"\\.",c\n')
  })

  it('ESCAPE: \\\\N and \\N are both NULL with the default NULL string', () => {
    expect(read('\\N|\\\\N\n', 'ESCAPE').csv).toBe(',\n')
  })

  it('REMOVEQUOTES: surrounding quotes go, delimiters inside them stay; an unmatched quote fails the row', () => {
    const { csv, errors } = read(`'a|b'|"c"\n'open|x\n`, 'REMOVEQUOTES')
    expect(csv).toBe('a|b,c\n')
    expect(errors).toMatchObject([{ lineNumber: 2, errorCode: 1214 }])
  })

  it('a carriage return is data in the text format (a Windows line end breaks an integer)', () => {
    const { errors } = read('1|2\r\n', '', [col('a', 'int4'), col('b', 'int4')])
    expect(errors).toMatchObject([{ columnName: 'b', errorCode: 1207, rawFieldValue: '2\r' }])
  })
})

describe('readDelimited', () => {
  it('reads a file larger than one decode segment (8 MiB) with records across the cut, in small chunks', async () => {
    const sql = "COPY t FROM 's3://bucket/x' CSV"
    const settings = copySettings(parseCopy(sql).options, sql)
    const out = new CsvOutput()
    const rows = new RowConverter(
      [col('k', 'int4'), col('v', 'varchar', { maxLength: 100 })],
      settings,
      out,
      (e) => {
        throw new Error(e.errorMessage)
      },
    )
    const parser = new DelimitedParser(settings, rows)
    const line = (i: number) => `${i},"row ${i}\nsecond line, ""quoted"" é"\n`
    const count = 200_000
    const text = Array.from({ length: count }, (_, i) => line(i)).join('')
    const bytes = Buffer.from(text, 'utf8')
    expect(bytes.length).toBeGreaterThan(8 << 20)
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 65_521) yield bytes.subarray(i, i + 65_521)
    }
    let written = 0
    await readDelimited(chunks(), parser, rows, async () => {
      for (const c of out.take()) written += c.rows
    })
    out.flush()
    for (const c of out.take()) written += c.rows
    expect(written).toBe(count)
    expect(parser.line).toBe(count * 2 + 1)
  })

  it('invalid UTF-8 is a row error (1220); ACCEPTINVCHARS replaces it in VARCHAR', async () => {
    const run = async (options: string) => {
      const sql = `COPY t FROM 's3://bucket/x' CSV ${options}`
      const settings = copySettings(parseCopy(sql).options, sql)
      const out = new CsvOutput()
      const errors: LoadErrorRow[] = []
      const rows = new RowConverter(
        [col('v', 'varchar', { maxLength: 10 })],
        settings,
        out,
        (e) => {
          errors.push(e)
        },
      )
      const bytes = Buffer.from([0x61, 0xff, 0x62, 0x0a, 0x63, 0x0a])
      await readDelimited(
        (async function* () {
          yield bytes
        })(),
        new DelimitedParser(settings, rows),
        rows,
        async () => {},
      )
      out.flush()
      return {
        csv: out
          .take()
          .map((c) => Buffer.from(c.data).toString('utf8'))
          .join(''),
        errors,
      }
    }
    const strict = await run('MAXERROR 5')
    expect(strict.errors).toMatchObject([{ errorCode: 1220, lineNumber: 1 }])
    expect(strict.csv).toBe('c\n')
    expect((await run("ACCEPTINVCHARS AS '^'")).csv).toBe('a^b\nc\n')
  })
})
