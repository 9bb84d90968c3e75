import { quoteQualified } from '@redshift-playground/schema'
import { type Kysely, sql } from 'kysely'
import type { Finding } from '../../check/check.js'
import { type InputGuard, missing, ready } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { remediations } from '../../facts/remediations.js'
import type { DataPlaneInput, ExpectedConsumer, ExpectedDatashare } from './data-plane-input.js'

// biome-ignore lint/suspicious/noExplicitAny: any database
export type Db = Kysely<any>

/** A shared table or view, schema-qualified. */
export interface SharedObject {
  readonly schema: string
  readonly name: string
  /** `schema.name`, how SVV_DATASHARE_OBJECTS names it (R-SVV-2). */
  readonly qualified: string
}

/** A datashare with its objects resolved to schema-qualified names. */
export interface Share {
  readonly name: string
  readonly spec: ExpectedDatashare
  readonly objects: readonly SharedObject[]
  /** The schemas of its objects, in first-seen order. */
  readonly schemas: readonly string[]
  readonly consumers: readonly ExpectedConsumer[]
}

/** The data-plane input as the checks use it: every share resolved. */
export interface DataPlane extends DataPlaneInput {
  readonly shares: readonly Share[]
}

/** Resolves a share's names; the problem as a message when a name has no schema. */
function resolveShare(spec: ExpectedDatashare): Share | string {
  const objects: SharedObject[] = []
  for (const t of spec.tables) {
    const dot = t.indexOf('.')
    const schema = dot >= 0 ? t.slice(0, dot) : spec.schema
    const name = dot >= 0 ? t.slice(dot + 1) : t
    if (!schema)
      return `datashare ${spec.name}: ${JSON.stringify(t)} has no schema (write schema.name, or give the share a schema)`
    objects.push({ schema, name, qualified: `${schema}.${name}` })
  }
  const schemas = [
    ...new Set([...(spec.schema ? [spec.schema] : []), ...objects.map((o) => o.schema)]),
  ]
  return { name: spec.name, spec, objects, schemas, consumers: spec.consumers }
}

export const dataPlaneInputs: InputGuard<DataPlane> = (ctx) => {
  const dp = ctx.dataPlane
  const specs = dp?.datashares ?? (dp?.datashare ? [dp.datashare] : [])
  if (!dp || specs.length === 0)
    return missing(
      findings.skip(
        dp ? 'no datashare given' : 'no data-plane input given',
        'Pass `dataPlane` ({ target, producer, consumers, datashares }).',
      ),
    )
  const shares: Share[] = []
  for (const spec of specs) {
    const share = resolveShare(spec)
    if (typeof share === 'string')
      return missing(
        findings.fail(share, { datashare: spec.name }, 'Fix dataPlane.datashares.', spec.name),
      )
    shares.push(share)
  }
  return ready({ ...dp, shares })
}

/** `schema.name` on the producer; `database.schema.name` on a Redshift consumer with a datashare database (R-DS-13). */
export function tableRef(dp: DataPlaneInput, o: SharedObject, consumer?: ExpectedConsumer) {
  const parts =
    consumer && dp.target === 'redshift' && consumer.database
      ? [consumer.database, o.schema, o.name]
      : [o.schema, o.name]
  return sql.raw(quoteQualified(...parts))
}

export const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** The resource a per-share finding is about: `share`, or `share/consumer`. */
export const shareResource = (share: Share, consumer?: ExpectedConsumer) =>
  consumer ? `${share.name}/${consumer.name}` : share.name

/** Each consumer of `share` with its session, or a skip finding for those without one. */
export function sessions(
  dp: DataPlane,
  share: Share,
  out: Finding[],
): { consumer: ExpectedConsumer; db: Db }[] {
  const list: { consumer: ExpectedConsumer; db: Db }[] = []
  for (const consumer of share.consumers) {
    const db = dp.consumers[consumer.name]
    if (db) list.push({ consumer, db })
    else
      out.push(
        findings.skip(
          `no session for consumer ${consumer.name} (datashare ${share.name})`,
          `Pass dataPlane.consumers[${JSON.stringify(consumer.name)}].`,
          shareResource(share, consumer),
        ),
      )
  }
  return list
}

/** Whether `o` is listed in `list` (`name` or `schema.name`). */
export const listed = (list: readonly string[] | undefined, o: SharedObject) =>
  list?.some((t) => t === o.qualified || t === o.name) ?? false

export const shareRemedy = (share: Share, consumer: string) =>
  remediations.datashareNotVisible(share.name, consumer)
