import { ByteBuffer } from '../csv/row-encoder.js'
import { type ColumnSources, compileRowWriter, type RowWriter } from '../csv/row-writer.js'
import { Rng, STREAM } from '../random/prng.js'
import { type AircraftTypeRef, totalSeats } from '../reference/aircraft-types.js'
import type { World } from '../world/world.js'
import type { TableGenerator } from './table-generator.js'
import type { TableSpecs } from './table-specs.js'

/** First year each type was delivered to US operators (types newer than that cannot be older). */
const FIRST_DELIVERY: Record<string, number> = {
  '32Q': 2017,
  '7M8': 2017,
  '359': 2017,
  '789': 2014,
  '77W': 2004,
  E75: 2005,
  CR9: 2003,
  '320': 1995,
  '738': 1998,
}

/** One airframe, worked out once and read by the column sources. */
interface AircraftValues {
  index: number
  type: AircraftTypeRef
  year: number
  inService: number
}

/** `dim_aircraft`'s columns, one source each. */
export const AIRCRAFT_SOURCES: ColumnSources<
  TableSpecs['dim_aircraft']['columns'],
  AircraftValues,
  World
> = {
  aircraft_key: (a) => a.index + 1,
  tail_number: (a) => `N${100 + a.index}RP`,
  aircraft_code: (a) => a.type.code,
  manufacturer: (a) => a.type.manufacturer,
  model: (a) => a.type.model,
  body_type: (a) => a.type.bodyType,
  seats_first: (a) => a.type.seatsFirst,
  seats_business: (a) => a.type.seatsBusiness,
  seats_premium_economy: (a) => a.type.seatsPremiumEconomy,
  seats_economy: (a) => a.type.seatsEconomy,
  total_seats: (a) => totalSeats(a.type),
  range_miles: (a) => a.type.rangeMiles,
  cruise_speed_mph: (a) => a.type.cruiseSpeedMph,
  max_cargo_kg: (a) => a.type.maxCargoKg,
  manufacture_year: (a) => a.year,
  in_service_date: (a) => a.inService,
}

/**
 * `dim_aircraft`: one row per airframe of the fleet. Its one random column group (manufacture
 * year and entry into service) draws from the airframe's own stream.
 */
export class DimAircraftGenerator implements TableGenerator {
  readonly table: TableSpecs['dim_aircraft']
  readonly keyCount: number
  readonly #world: World
  readonly #write: RowWriter<AircraftValues, World>

  constructor(world: World, spec: TableSpecs['dim_aircraft']) {
    this.table = spec
    this.#write = compileRowWriter(spec, AIRCRAFT_SOURCES)
    this.#world = world
    this.keyCount = world.airframeType.length
  }

  write(from: number, to: number, reuse?: ByteBuffer) {
    const w = this.#world
    const rng = new Rng()
    const lastYear = new Date((w.params.startDay - 200) * 86_400_000).getUTCFullYear()
    const out = ByteBuffer.into(reuse, 64 * 1024)
    for (let i = from; i < to; i++) {
      rng.reseed(w.params.seed, STREAM.aircraft, i)
      const type = w.types[w.airframeType[i] as number] as AircraftTypeRef
      const first = Math.min(lastYear, FIRST_DELIVERY[type.code] ?? 2000)
      const year = rng.range(first, lastYear)
      const inService =
        Date.UTC(year, rng.int(12), 1 + rng.int(28)) / 86_400_000 + 30 + rng.int(150)
      this.#write(out, { index: i, type, year, inService }, w)
    }
    return { data: out.finish(), rows: to - from }
  }
}
