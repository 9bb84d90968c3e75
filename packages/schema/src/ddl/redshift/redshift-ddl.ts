import { quoteIdent } from '../../identifiers.js'
import type { Column, SqlType } from '../../model/column.js'
import type { TableIndex, TableShape } from '../../model/table.js'
import type { SchemaModel } from '../../model/validate-model.js'
import {
  columnList,
  type DdlOptions,
  type DdlScript,
  renderDdl,
  renderDefault,
  SqlDdlRenderer,
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
export class RedshiftDdlRenderer extends SqlDdlRenderer {
  readonly target = 'redshift' as const

  protected columnLine(t: TableShape, name: string, c: Column): string {
    return columnLine(t, name, c)
  }

  // Redshift names constraints itself; the golden DDL keeps them unnamed.
  protected constraintName(_name: string): string {
    return ''
  }

  protected override tableAttributes(t: TableShape): readonly string[] {
    const d = t.distribution
    const s = t.sortKey
    return [
      d.style === 'KEY' ? `DISTSTYLE KEY DISTKEY (${quoteIdent(d.key)})` : `DISTSTYLE ${d.style}`,
      s.style === 'AUTO' ? 'SORTKEY AUTO' : `${s.style} SORTKEY ${columnList(s.columns)}`,
    ]
  }

  // Redshift has no indexes: CREATE INDEX is among the PostgreSQL features it does not support
  // (DG:c_unsupported-postgresql-features); DISTKEY and SORTKEY place the rows instead, and its
  // foreign keys are informational, so no DELETE checks them. A model's index (PostgreSQL
  // only) renders as nothing here, and a migration step that creates one runs no statement.
  createIndex(_t: TableShape, _index: TableIndex, _options: DdlOptions): readonly string[] {
    return Object.freeze([])
  }

  dropIndex(_t: TableShape, _index: TableIndex): readonly string[] {
    return Object.freeze([])
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
