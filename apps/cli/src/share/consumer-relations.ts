import { RelationRoutingPlugin } from '@redshift-playground/schema'
import { configDatashares, modelRelations } from '../config/config-datashares.js'
import type { RspConfig } from '../config/config-schema.js'
import { UsageError } from '../errors/cli-errors.js'

/** Where a consumer reads one relation: the share holding it and its database from that share. */
export interface RelationSource {
  readonly share: string
  readonly database: string
}

/** The relations (`schema.name`) each share of the config holds, `'schema'` entries expanded. */
export function shareRelations(config: RspConfig): Map<string, Set<string>> {
  const { relations } = modelRelations()
  return new Map(
    configDatashares(config).map((s) => [
      s.name,
      new Set(
        s.objects.flatMap((o) =>
          o.includes('.')
            ? [o]
            : [...relations.values()].filter((r) => r.schema === o).map((r) => `${o}.${r.name}`),
        ),
      ),
    ]),
  )
}

/**
 * Where a consumer reads each relation it receives: the first share (in config order) holding
 * it, and the consumer's database from that share (`<share>_<consumer>`; `airline_<consumer>`
 * with the single `datashare`).
 */
export function consumerSources(config: RspConfig, consumer: string): Map<string, RelationSource> {
  const held = shareRelations(config)
  const out = new Map<string, RelationSource>()
  for (const s of configDatashares(config)) {
    const mine = s.consumers.find((c) => c.name === consumer)
    if (!mine) continue
    for (const r of held.get(s.name) ?? [])
      if (!out.has(r)) out.set(r, { share: s.name, database: mine.database })
  }
  return out
}

/**
 * Refuses (exit 2, before any SQL) a query that reads relations the consumer receives from no
 * share: names each missing relation, the shares holding it and their consumers, and the fix.
 */
export function assertEntitled(
  config: RspConfig,
  consumer: string,
  query: string,
  reads: readonly string[],
): void {
  const sources = consumerSources(config, consumer)
  const missing = reads.filter((r) => !sources.has(r))
  if (missing.length === 0) return
  const held = shareRelations(config)
  const shares = configDatashares(config)
  const holders = (r: string) => shares.filter((s) => held.get(s.name)?.has(r))
  const detail = missing
    .map((r) => {
      const h = holders(r)
      return h.length === 0
        ? `${r} (in no datashare of the config)`
        : `${r} (in ${h.map((s) => `${s.name}, consumers ${s.consumers.map((c) => c.name).join(', ') || 'none'}`).join('; ')})`
    })
    .join(', ')
  const others = shareMembersReading(config, reads)
  throw new UsageError(
    `query ${JSON.stringify(query)} reads ${missing.length === 1 ? 'a relation' : 'relations'} consumer ${consumer} does not receive: ${detail}. ${
      others.length > 0
        ? `Run it as a consumer that receives them (--consumer ${others.join(' or --consumer ')}), or add ${consumer} to the share's consumers in the config`
        : `No single consumer receives all it reads: add ${consumer} to the shares named above in the config`
    }, then run rsp share.`,
    '--consumer',
    consumer,
  )
}

/** Consumers that receive every relation of `reads`. */
function shareMembersReading(config: RspConfig, reads: readonly string[]): string[] {
  const names = [
    ...new Set(configDatashares(config).flatMap((s) => s.consumers.map((c) => c.name))),
  ]
  return names.filter((n) => {
    const sources = consumerSources(config, n)
    return reads.every((r) => sources.has(r))
  })
}

/**
 * A Kysely plugin that records the schema-qualified relations a query reads (`reads`) and,
 * given sources, writes each as the three-part name of the consumer database it comes from
 * (`core_sales.airline_dw.dim_date`, `sales_domain_sales.airline_dw.fact_bookings`): with
 * several shares a consumer reads each relation from the database of the share holding it.
 */
export class ConsumerRelationsPlugin extends RelationRoutingPlugin {
  constructor(sources?: ReadonlyMap<string, RelationSource>) {
    super(
      sources &&
        ((r) => {
          const source = sources.get(`${r.schema}.${r.name}`)
          return source && { database: source.database }
        }),
    )
  }
}
