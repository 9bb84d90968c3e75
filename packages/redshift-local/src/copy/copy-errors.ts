import { RedshiftLocalError } from '../errors.js'

/**
 * One rejected row, with the fields STL_LOAD_ERRORS (R-SVV-14) and SYS_LOAD_ERROR_DETAIL
 * (R-SVV-13) record for it. Codes and their meaning follow DG:r_Load_Error_Reference.
 */
export interface LoadErrorRow {
  /** Complete path of the input file (`s3://bucket/key`). */
  fileName: string
  /** Line of the file where the rejected record starts (1-based, header lines counted). */
  lineNumber: number
  /** The column being loaded when the row failed ('' when the row failed as a whole). */
  columnName: string
  /** The column's type name (PostgreSQL's, e.g. `int4`, `varchar`). */
  columnType: string
  /** The column's length limit for CHAR/VARCHAR, '' for types without one. */
  columnLength: string
  /** Position of the error in the field (0-based). */
  position: number
  /** Load error code (1200–1224, DG:r_Load_Error_Reference). */
  errorCode: number
  errorMessage: string
  /** The record as read, multibyte characters shown as '.', at most 1,024 characters. */
  rawLine: string
  /** The field before parsing, at most 1,024 bytes. */
  rawFieldValue: string
}

/**
 * Thrown when rows fail a COPY: its `loadErrors` are the STL_LOAD_ERRORS rows the emulator
 * records (R-SVV-13/14, R-COPY-7) even though the COPY itself rolls back (R-TX-4, D-12).
 */
export class CopyLoadError extends RedshiftLocalError {
  readonly loadErrors: readonly LoadErrorRow[]

  constructor(table: string, loadErrors: readonly LoadErrorRow[], statement: string) {
    // Redshift's own text, two spaces included.
    super(
      'SQL',
      `Load into table '${table}' failed.  Check 'stl_load_errors' system table for details.`,
      { sqlstate: 'XX000', statement, ruleId: 'D-12' },
    )
    this.loadErrors = loadErrors
  }
}

/** A COPY that fails for a reason other than its rows (a missing file, a corrupt gzip stream). */
export function copyFailed(
  message: string,
  statement: string,
  cause?: unknown,
): RedshiftLocalError {
  return new RedshiftLocalError('SQL', message, {
    sqlstate: 'XX000',
    statement,
    ...(cause !== undefined ? { cause } : {}),
  })
}

const RAW_LIMIT = 1024

/** STL_LOAD_ERRORS.raw_line: multibyte characters replaced by periods, 1,024 characters at most. */
export function rawLineOf(text: string): string {
  const cut = text.length > RAW_LIMIT ? text.slice(0, RAW_LIMIT) : text
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is the point
  return /[^\x00-\x7f]/.test(cut) ? cut.replace(/[^\x00-\x7f]/gu, '.') : cut
}

/** STL_LOAD_ERRORS.raw_field_value: at most 1,024 bytes, cut on a character boundary. */
export function rawFieldOf(text: string): string {
  return truncateUtf8(text, RAW_LIMIT)
}

/** `text` cut to at most `bytes` UTF-8 bytes, never inside a character. */
export function truncateUtf8(text: string, bytes: number): string {
  if (text.length * 3 <= bytes) return text
  let used = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    let size: number
    let width = 1
    if (c < 0x80) size = 1
    else if (c < 0x800) size = 2
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      size = 4
      width = 2
    } else size = 3
    if (used + size > bytes) return text.slice(0, i)
    used += size
    i += width - 1
  }
  return text
}
