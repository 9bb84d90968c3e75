import { quoteIdent } from '../../identifiers.js'
import type { Column, SqlType } from '../../model/column.js'
import type { TableShape } from '../../model/table.js'
import type { SchemaModel } from '../../model/validate-model.js'
import {
  columnList,
  commentStatements,
  type DdlOptions,
  type DdlRenderer,
  type DdlScript,
  qualifiedTable,
  renderDdl,
  renderDefault,
  sqlTypeName,
} from '../ddl-renderer.js'

/** The Redshift spelling of a model type. */
export function redshiftType(type: SqlType): string {
  return sqlTypeName(type, 'DECIMAL')
}

function columnLine(t: TableShape, name: string, c: Column): string {
  // Redshift's order: data type, DEFAULT or IDENTITY, ENCODE, then NOT NULL.
  const parts = [quoteIdent(name), redshiftType(c.type)]
  if (c.identity) parts.push('IDENTITY(1,1)')
  else if (c.default !== undefined)
    parts.push(`DEFAULT ${renderDefault(c.default, 'redshift', 'GETDATE()', `${t.name}.${name}`)}`)
  if (c.encode !== undefined) parts.push(`ENCODE ${c.encode}`)
  if (!c.nullable) parts.push('NOT NULL')
  return parts.join(' ')
}

/**
 * Redshift DDL: DISTSTYLE/DISTKEY, COMPOUND/INTERLEAVED/AUTO SORTKEY, ENCODE per column,
 * IDENTITY(1,1), GETDATE(), and PRIMARY/FOREIGN KEY constraints (informational on Redshift:
 * the planner uses them, nothing enforces them).
 */
export class RedshiftDdlRenderer implements DdlRenderer {
  readonly target = 'redshift' as const

  createSchema(schema: string, options: DdlOptions): string {
    return `CREATE SCHEMA ${options.ifNotExists ? 'IF NOT EXISTS ' : ''}${quoteIdent(schema)}`
  }

  createTable(t: TableShape, options: DdlOptions): readonly string[] {
    const lines = Object.entries(t.columns).map(([name, c]) => columnLine(t, name, c))
    lines.push(`PRIMARY KEY ${columnList(t.primaryKey)}`)
    if (options.foreignKeys !== false) {
      for (const f of t.foreignKeys) {
        lines.push(
          `FOREIGN KEY ${columnList(f.columns)} REFERENCES ${qualifiedTable({ schema: f.references.schema, name: f.references.table } as TableShape)} ${columnList(f.references.columns)}`,
        )
      }
    }
    const attrs: string[] = []
    const d = t.distribution
    attrs.push(
      d.style === 'KEY' ? `DISTSTYLE KEY DISTKEY (${quoteIdent(d.key)})` : `DISTSTYLE ${d.style}`,
    )
    const s = t.sortKey
    attrs.push(s.style === 'AUTO' ? 'SORTKEY AUTO' : `${s.style} SORTKEY ${columnList(s.columns)}`)
    const create = [
      `CREATE TABLE ${options.ifNotExists ? 'IF NOT EXISTS ' : ''}${qualifiedTable(t)} (`,
      lines.map((l) => `  ${l}`).join(',\n'),
      `)`,
      ...attrs,
    ].join('\n')
    return Object.freeze([
      create,
      ...(options.comments === false ? [] : commentStatements(t, 'redshift')),
    ])
  }

  dropTable(t: TableShape): string {
    return `DROP TABLE IF EXISTS ${qualifiedTable(t)}`
  }

  dropSchema(schema: string, options: DdlOptions): string {
    return `DROP SCHEMA IF EXISTS ${quoteIdent(schema)}${options.cascade ? ' CASCADE' : ''}`
  }
}

/**
 * Renders a model as Amazon Redshift DDL.
 *
 * @example
 * const ddl = renderRedshiftDdl(airlineModel, { ifNotExists: true })
 * await client.send(new BatchExecuteStatementCommand({ Sqls: [...ddl.statements], … }))
 */
export function renderRedshiftDdl(model: SchemaModel, options: DdlOptions = {}): DdlScript {
  return renderDdl(new RedshiftDdlRenderer(), model, options)
}
