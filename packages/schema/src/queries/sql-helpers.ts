import {
  type AliasableExpression,
  type Expression,
  type ExpressionBuilder,
  type SqlBool,
  sql,
} from 'kysely'

// Small Redshift-safe building blocks: conditional counts with CASE inside SUM (Redshift has
// no FILTER clause), and ratios computed in DECIMAL so integer division never truncates.

/** `CAST(SUM(CASE WHEN cond THEN 1 ELSE 0 END) AS INTEGER)`. */
export function countIf<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  condition: Expression<SqlBool>,
): AliasableExpression<number> {
  return eb.cast<number>(
    eb.fn.sum(eb.case().when(condition).then(eb.lit(1)).else(eb.lit(0)).end()),
    'integer',
  )
}

/** `CAST(COUNT(*) AS INTEGER)`: counts come back as numbers from every driver. */
export function countRows<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
): AliasableExpression<number> {
  return eb.cast<number>(eb.fn.countAll(), 'integer')
}

/** `ROUND(CAST(num AS DECIMAL(18,6)) / NULLIF(den, 0), scale)`; NULL when den is 0. */
export function ratio(
  numerator: Expression<unknown>,
  denominator: Expression<unknown>,
  scale = 4,
): AliasableExpression<string | null> {
  return sql<
    string | null
  >`round(cast(${numerator} as decimal(18,6)) / nullif(${denominator}, 0), ${sql.lit(scale)})`
}

/** `ROUND(expr, scale)` for DECIMAL results (strings, to keep every digit). */
export function round(expr: Expression<unknown>, scale = 2): AliasableExpression<string> {
  return sql<string>`round(${expr}, ${sql.lit(scale)})`
}
