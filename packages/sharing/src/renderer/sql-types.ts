import type { SqlType } from '@redshift-playground/schema/model'

/**
 * The masked value of a column: for `redact`, asterisks (cut to the column's length) on
 * text and NULL on other types; for `null`, NULL. Always cast to the column's own type so
 * queries and views keep their shape.
 */
export function maskExpression(
  type: SqlType,
  mask: 'redact' | 'null',
  typeName: (type: SqlType) => string,
): string {
  if (mask === 'redact' && (type.kind === 'varchar' || type.kind === 'char')) {
    return `CAST('${'*'.repeat(Math.min(4, type.length))}' AS ${typeName(type)})`
  }
  return `CAST(NULL AS ${typeName(type)})`
}
