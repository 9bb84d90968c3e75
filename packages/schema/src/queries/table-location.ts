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

class LocationTransformer extends OperationNodeTransformer {
  readonly #from: string
  readonly #schema: string
  readonly #database: string | undefined

  constructor(from: string, location: TableLocation) {
    super()
    this.#from = from
    this.#schema = location.schema ?? from
    this.#database = location.database
  }

  protected override transformTable(node: TableNode): TableNode {
    const t = super.transformTable(node)
    const schema = t.table.schema
    if (schema?.kind !== 'IdentifierNode' || schema.name !== this.#from) return t
    // Kysely splits 'a.b.c' at the first dot only (schema 'a', table 'b'), so a three-part
    // name cannot be written as a table string. The schema slot is replaced by a raw,
    // fully quoted "database"."schema" prefix instead; the table name stays an identifier.
    const prefix =
      this.#database === undefined
        ? quoteQualified(this.#schema)
        : quoteQualified(this.#database, this.#schema)
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
  readonly #transformer: LocationTransformer | undefined

  constructor(location: TableLocation = {}, options: { readonly from?: string } = {}) {
    const from = options.from ?? DW
    if (location === null || typeof location !== 'object') {
      throw new SchemaError(
        'OPTION_INVALID',
        'location',
        location,
        'location must be an object such as { database: "consumer_db" } or { schema: "airline_dw" }.',
      )
    }
    if (location.database !== undefined) validateIdentifier(location.database, 'location.database')
    if (location.schema !== undefined) validateIdentifier(location.schema, 'location.schema')
    const moved =
      location.database !== undefined || (location.schema !== undefined && location.schema !== from)
    this.#transformer = moved ? new LocationTransformer(from, location) : undefined
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer ? this.#transformer.transformNode(args.node) : args.node
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result
  }
}
