import type { LoadErrorEntry } from '../../account/local-redshift.js'
import { commandResult, type StatementContext } from '../../account/session.js'
import type { QueryResult } from '../../account/types.js'
import {
  CopyLoadError,
  type CopyTargetColumn,
  type LoadErrorRow,
  loadFromS3,
} from '../../copy/copy-from-s3.js'
import { notEmulated, RedshiftLocalError, ruleError } from '../../errors.js'
import { pgIdent } from '../../sql/lexer.js'
import type { RedshiftCommand } from '../../sql/redshift-grammar.js'
import { resolveRelation } from '../support.js'

type Result = Omit<QueryResult, 'queryId' | 'notices'>
type Cmd<K extends RedshiftCommand['kind']> = Extract<RedshiftCommand, { kind: K }>

const ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]+$/

/**
 * COPY … FROM 's3://…' into a table of the connected database: the IAM role must be one
 * the namespace may use (R-COPY-4), the user needs INSERT on the table, the files come from
 * the account's S3 (the local S3 endpoint), and the load is all or nothing in the statement's
 * transaction (R-TX-4). Rejected rows land in STL_LOAD_ERRORS / SYS_LOAD_ERROR_DETAIL.
 */
export async function copyStatement(c: Cmd<'copy'>, ctx: StatementContext): Promise<Result> {
  const s = ctx.session
  if (!c.from.startsWith('s3://'))
    throw notEmulated('COPY from a source other than Amazon S3', ctx.text)
  const rel = await resolveRelation(ctx, c.table, {
    what: 'the COPY target',
    shared: () =>
      ruleError(
        'R-DS-14',
        'COPY into a database created from a datashare: it is read-only',
        ctx.text,
        '25006',
      ),
  })
  const role = c.options.get('iam_role')
  if (role === undefined && !c.options.has('credentials') && !c.options.has('access_key_id'))
    throw ruleError(
      'R-COPY-4',
      'COPY from Amazon S3 needs authorization: IAM_ROLE, CREDENTIALS or ACCESS_KEY_ID',
      ctx.text,
      '42601',
    )
  if (role === 'default' || role === true) {
    if (!s.namespace.defaultIamRole)
      throw ruleError(
        'R-COPY-4',
        `IAM_ROLE default: namespace ${s.namespace.name} has no default IAM role (set DefaultIamRoleArn, or name a role ARN)`,
        ctx.text,
        '42501',
      )
  } else if (typeof role === 'string') {
    if (!ROLE_ARN.test(role))
      throw new RedshiftLocalError('SQL', `invalid IAM role ARN '${role}'`, {
        sqlstate: '22023',
        statement: ctx.text,
      })
    if (role !== s.namespace.defaultIamRole)
      throw ruleError(
        'R-COPY-4',
        `IAM role ${role} is not associated with namespace ${s.namespace.name}`,
        ctx.text,
        '42501',
      )
  }
  if (!s.rs.s3)
    throw notEmulated('COPY without an S3 endpoint (give LocalRedshift an s3 client)', ctx.text)
  if (!s.user.superuser) {
    const may = await s.conn.query("SELECT has_table_privilege($1::oid, 'INSERT')", [rel.oid])
    if (may.rows[0]?.[0] !== 't')
      throw new RedshiftLocalError('SQL', `permission denied for relation ${rel.relname}`, {
        sqlstate: '42501',
        statement: ctx.text,
      })
  }
  const cols = await s.catalog(
    `SELECT a.attname, t.typname, a.attnotnull, a.atttypmod FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
     WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [rel.oid],
  )
  const columns: CopyTargetColumn[] = cols.rows.map(([name, type, notNull, mod]) => {
    const m = Number(mod)
    const char = type === 'varchar' || type === 'bpchar'
    const numeric = type === 'numeric' && m > 4
    return {
      name: String(name),
      pgType: String(type),
      notNull: notNull === 't',
      ...(char && m > 4 ? { maxLength: m - 4 } : {}),
      ...(numeric ? { precision: ((m - 4) >> 16) & 0xffff, scale: (m - 4) & 0xffff } : {}),
    }
  })
  if (c.columns) {
    const known = new Set(columns.map((col) => col.name))
    for (const col of c.columns)
      if (!known.has(col))
        throw new RedshiftLocalError(
          'SQL',
          `column "${col}" of relation "${rel.relname}" does not exist`,
          {
            sqlstate: '42703',
            statement: ctx.text,
          },
        )
  }
  const record = (rows: readonly LoadErrorRow[]) => {
    for (const e of rows) s.rs.loadErrors.push(loadErrorEntry(ctx, Number(rel.oid), e))
  }
  try {
    const result = await loadFromS3({
      copy: { from: c.from, options: c.options, ...(c.columns ? { columns: c.columns } : {}) },
      table: { name: rel.relname, columns },
      region: s.rs.region,
      s3: s.rs.s3,
      statement: ctx.text,
      signal: ctx.signal,
      // COPY reads server-side data: it runs with the engine's rights once INSERT was checked.
      write: (csv, names) =>
        s.privileged(() =>
          s.conn.copyFrom(
            `COPY ${rel.physical} (${names.map(pgIdent).join(', ')}) FROM STDIN WITH (FORMAT csv)`,
            csv,
          ),
        ),
    })
    record(result.skipped)
    return commandResult('COPY', result.rows)
  } catch (error) {
    if (error instanceof CopyLoadError) record(error.loadErrors)
    throw error
  }
}

function loadErrorEntry(ctx: StatementContext, tableId: number, e: LoadErrorRow): LoadErrorEntry {
  const s = ctx.session
  return {
    user_id: s.user.id,
    query_id: ctx.queryId,
    session_id: s.pid,
    database_name: s.database.name,
    table_id: tableId,
    start_time: new Date(),
    file_name: e.fileName,
    line_number: e.lineNumber,
    column_name: e.columnName,
    column_type: e.columnType,
    column_length: e.columnLength,
    position: e.position,
    error_code: e.errorCode,
    error_message: e.errorMessage,
    raw_line: e.rawLine,
    raw_field_value: e.rawFieldValue,
    namespace_id: s.namespace.id,
  }
}
