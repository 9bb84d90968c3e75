import type { SqlType } from '@redshift-playground/schema'

/** A logical type in the syntax Redshift and PostgreSQL share (they agree on these). */
export function sqlTypeName(type: SqlType): string {
  switch (type.kind) {
    case 'smallint':
      return 'SMALLINT'
    case 'integer':
      return 'INTEGER'
    case 'bigint':
      return 'BIGINT'
    case 'decimal':
      return `DECIMAL(${type.precision}, ${type.scale})`
    case 'double':
      return 'DOUBLE PRECISION'
    case 'varchar':
      return `VARCHAR(${type.length})`
    case 'char':
      return `CHAR(${type.length})`
    case 'boolean':
      return 'BOOLEAN'
    case 'date':
      return 'DATE'
    case 'time':
      return 'TIME'
    case 'timestamp':
      return 'TIMESTAMP'
  }
}

/**
 * The masked value of a column: for `redact`, asterisks (cut to the column's length) on
 * text and NULL on other types; for `null`, NULL. Always cast to the column's own type so
 * queries and views keep their shape.
 */
export function maskExpression(type: SqlType, mask: 'redact' | 'null'): string {
  if (mask === 'redact' && (type.kind === 'varchar' || type.kind === 'char')) {
    return `CAST('${'*'.repeat(Math.min(4, type.length))}' AS ${sqlTypeName(type)})`
  }
  return `CAST(NULL AS ${sqlTypeName(type)})`
}
