import { ByteBuffer, compileRowEncoder } from '../csv/row-encoder.js'
import type { World } from '../world/world.js'
import type { TableGenerator } from './table-generator.js'
import type { TableSpecs } from './table-specs.js'

/** `dim_airport`: the reference airports, one current SCD2 version each. */
export class DimAirportGenerator implements TableGenerator {
  readonly table: TableSpecs['dim_airport']
  readonly keyCount: number
  readonly #world: World
  readonly #compiled: ReturnType<typeof compileRowEncoder<TableSpecs['dim_airport']['columns']>>

  constructor(world: World, spec: TableSpecs['dim_airport']) {
    this.table = spec
    this.#compiled = compileRowEncoder(spec)
    this.#world = world
    this.keyCount = world.airports.length
  }

  write(from: number, to: number, reuse?: ByteBuffer) {
    const w = this.#world
    const { row: r, encode } = this.#compiled
    const out = ByteBuffer.into(reuse, 64 * 1024)
    for (let i = from; i < to; i++) {
      const a = w.airports[i]!
      r.airport_key = i + 1
      r.airport_code = a.code
      r.airport_name = a.name
      r.city = a.city
      r.state = a.state
      r.country = a.country
      r.country_code = a.countryCode
      r.region = a.region
      r.latitude = Math.round(a.lat * 1e6)
      r.longitude = Math.round(a.lon * 1e6)
      r.timezone = a.tz
      r.is_hub = w.isHubAirport[i] === 1
      r.valid_from = w.dateFirst
      r.valid_to = null
      r.is_current = true
      encode(out, r)
    }
    return { data: out.finish(), rows: to - from }
  }
}
