import { quoteQualified } from '@redshift-playground/schema'
import { type Kysely, sql } from 'kysely'
import type { Finding } from '../../check/check.js'
import { type InputGuard, missing, ready } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { remediations } from '../../facts/remediations.js'
import type { DataPlaneInput, ExpectedConsumer } from './data-plane-input.js'

// biome-ignore lint/suspicious/noExplicitAny: any database
export type Db = Kysely<any>

export const dataPlaneInputs: InputGuard<DataPlaneInput> = (ctx) => {
  if (!ctx.dataPlane)
    return missing(
      findings.skip(
        'no data-plane input given',
        'Pass `dataPlane` ({ target, producer, consumers, datashare }).',
      ),
    )
  return ready(ctx.dataPlane)
}

/** `schema.table` on the producer; `database.schema.table` on a Redshift consumer with a datashare database. */
export function tableRef(dp: DataPlaneInput, table: string, consumer?: ExpectedConsumer) {
  const parts =
    consumer && dp.target === 'redshift' && consumer.database
      ? [consumer.database, dp.datashare.schema, table]
      : [dp.datashare.schema, table]
  return sql.raw(quoteQualified(...parts))
}

export const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** Each consumer with its session, or a skip finding for those without one. */
export function sessions(
  dp: DataPlaneInput,
  out: Finding[],
): { consumer: ExpectedConsumer; db: Db }[] {
  const list: { consumer: ExpectedConsumer; db: Db }[] = []
  for (const consumer of dp.datashare.consumers) {
    const db = dp.consumers[consumer.name]
    if (db) list.push({ consumer, db })
    else
      out.push(
        findings.skip(
          `no session for consumer ${consumer.name}`,
          `Pass dataPlane.consumers[${JSON.stringify(consumer.name)}].`,
          consumer.name,
        ),
      )
  }
  return list
}

export const shareRemedy = (dp: DataPlaneInput, consumer: string) =>
  remediations.datashareNotVisible(dp.datashare.name, consumer)
