import {
  type KyselyPlugin,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  RawNode,
  type RootOperationNode,
  type TableNode,
  type UnknownRow,
} from 'kysely'
import { SchemaError } from '../errors.js'
import { quoteQualified, validateIdentifier } from '../identifiers.js'
import { DW } from '../model/airline-model.js'

/**
 * Where the warehouse tables live for a query.
 * - `{}` (default): the producer's own `airline_dw` schema.
 * - `{ schema: 'x' }`: another schema in the current database.
 * - `{ database: 'consumer_db' }`: a datashare consumer, `consumer_db.airline_dw.table`.
 */
export interface TableLocation {
  /** The consumer database created FROM DATASHARE; three-part names when set. */
  readonly database?: string
  /** The schema holding the tables. @default 'airline_dw' */
  readonly schema?: string
}

/** A schema-qualified relation (table or view) a query names. */
export interface RelationRef {
  readonly schema: string
  readonly name: string
}

/** Where a relation is read instead, or undefined to leave it where the query names it. */
export type LocateRelation = (relation: RelationRef) => TableLocation | undefined

class RoutingTransformer extends OperationNodeTransformer {
  readonly seen = new Set<string>()
  readonly #locate: LocateRelation | undefined

  constructor(locate: LocateRelation | undefined) {
    super()
    this.#locate = locate
  }

  protected override transformTable(node: TableNode): TableNode {
    const t = super.transformTable(node)
    const schema = t.table.schema
    if (schema?.kind !== 'IdentifierNode') return t
    this.seen.add(`${schema.name}.${t.table.identifier.name}`)
    const to = this.#locate?.({ schema: schema.name, name: t.table.identifier.name })
    if (to === undefined) return t
    // Kysely splits 'a.b.c' at the first dot only (schema 'a', table 'b'), so a three-part
    // name cannot be written as a table string. The schema slot is replaced by a raw,
    // fully quoted "database"."schema" prefix instead; the table name stays an identifier.
    const target = to.schema ?? schema.name
    const prefix =
      to.database === undefined ? quoteQualified(target) : quoteQualified(to.database, target)
    return Object.freeze({
      ...t,
      table: Object.freeze({
        ...t.table,
        schema: RawNode.createWithSql(prefix) as unknown as typeof schema,
      }),
    })
  }
}

/**
 * A Kysely plugin that records every schema-qualified relation the queries it compiles name
 * (`reads`, as `schema.name`) and, given `locate`, moves each to where it is read: with
 * several datashares a consumer reads each relation from the database of the share holding
 * it (`core_sales.airline_dw.dim_date`, `sales_domain_sales.airline_dw.fact_bookings`, three-part
 * names, R-DS-13). Names are quoted (`quoteQualified`), so they are validated identifiers.
 *
 * @example
 * const routed = new RelationRoutingPlugin((r) =>
 *   r.name === 'fact_bookings' ? { database: 'sales_db' } : { database: 'core_db' })
 * db.withPlugin(routed).selectFrom('airline_dw.fact_bookings').selectAll().compile().sql
 * // → select * from "sales_db"."airline_dw"."fact_bookings"; routed.reads → ['airline_dw.fact_bookings']
 */
export class RelationRoutingPlugin implements KyselyPlugin {
  readonly #transformer: RoutingTransformer

  constructor(locate?: LocateRelation) {
    this.#transformer = new RoutingTransformer(locate)
  }

  /** `schema.name` of every relation the compiled queries named, sorted. */
  get reads(): string[] {
    return [...this.#transformer.seen].sort()
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node)
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result
  }
}

/**
 * A Kysely plugin that moves every table of the `airline_dw` schema to another location:
 * another schema, or a datashare consumer's `database.schema`. The query is still typed
 * against {@link AirlineDatabase}; only the emitted names change.
 *
 * @example
 * const consumer = db.withPlugin(new TableLocationPlugin({ database: 'analytics_share' }))
 * consumer.selectFrom('airline_dw.dim_date as d').select('d.date_key').compile().sql
 * // → select "d"."date_key" from "analytics_share"."airline_dw"."dim_date" as "d"
 */
export class TableLocationPlugin implements KyselyPlugin {
  readonly #transformer: RoutingTransformer | undefined

  constructor(location: TableLocation = {}, options: { readonly from?: string } = {}) {
    const from = options.from ?? DW
    if (location === null || typeof location !== 'object') {
      throw new SchemaError(
        'OPTION_INVALID',
        'location must be an object such as { database: "consumer_db" } or { schema: "airline_dw" }.',
        { field: 'location', value: location },
      )
    }
    if (location.database !== undefined) validateIdentifier(location.database, 'location.database')
    if (location.schema !== undefined) validateIdentifier(location.schema, 'location.schema')
    const moved =
      location.database !== undefined || (location.schema !== undefined && location.schema !== from)
    this.#transformer = moved
      ? new RoutingTransformer((r) => (r.schema === from ? location : undefined))
      : undefined
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer ? this.#transformer.transformNode(args.node) : args.node
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result
  }
}
