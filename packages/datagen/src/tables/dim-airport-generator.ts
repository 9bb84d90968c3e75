import { ByteBuffer } from '../csv/row-encoder.js'
import { type ColumnSources, compileRowWriter, type RowWriter } from '../csv/row-writer.js'
import type { World } from '../world/world.js'
import type { TableGenerator } from './table-generator.js'
import type { TableSpecs } from './table-specs.js'

const airport = (i: number, w: World) => w.airports[i] as World['airports'][number]

/** `dim_airport`'s columns, one source each, by airport index. */
export const AIRPORT_SOURCES: ColumnSources<TableSpecs['dim_airport']['columns'], number, World> = {
  airport_key: (i) => i + 1,
  airport_code: (i, w) => airport(i, w).code,
  airport_name: (i, w) => airport(i, w).name,
  city: (i, w) => airport(i, w).city,
  state: (i, w) => airport(i, w).state,
  country: (i, w) => airport(i, w).country,
  country_code: (i, w) => airport(i, w).countryCode,
  region: (i, w) => airport(i, w).region,
  latitude: (i, w) => Math.round(airport(i, w).lat * 1e6),
  longitude: (i, w) => Math.round(airport(i, w).lon * 1e6),
  timezone: (i, w) => airport(i, w).tz,
  is_hub: (i, w) => w.isHubAirport[i] === 1,
  valid_from: (_, w) => w.dateFirst,
  valid_to: () => null,
  is_current: () => true,
}

/** `dim_airport`: the reference airports, one current SCD2 version each. */
export class DimAirportGenerator implements TableGenerator {
  readonly table: TableSpecs['dim_airport']
  readonly keyCount: number
  readonly #world: World
  readonly #write: RowWriter<number, World>

  constructor(world: World, spec: TableSpecs['dim_airport']) {
    this.table = spec
    this.#write = compileRowWriter(spec, AIRPORT_SOURCES)
    this.#world = world
    this.keyCount = world.airports.length
  }

  write(from: number, to: number, reuse?: ByteBuffer) {
    const out = ByteBuffer.into(reuse, 64 * 1024)
    for (let i = from; i < to; i++) this.#write(out, i, this.#world)
    return { data: out.finish(), rows: to - from }
  }
}
