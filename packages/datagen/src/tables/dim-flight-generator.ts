import { ByteBuffer, compileRowEncoder } from '../csv/row-encoder.js'
import type { World } from '../world/world.js'
import type { TableGenerator } from './table-generator.js'
import type { TableSpecs } from './table-specs.js'

/** The fictional carrier's two-letter code (not assigned to a real airline by IATA). */
export const AIRLINE_CODE = 'RP'

/**
 * `dim_flight`: one row per SCD2 version of each scheduled flight. Retimed flights have two
 * versions: the first valid until the day before the change, the second current.
 */
export class DimFlightGenerator implements TableGenerator {
  readonly table: TableSpecs['dim_flight']
  readonly keyCount: number
  readonly #world: World
  readonly #version: Uint32Array
  readonly #compiled: ReturnType<typeof compileRowEncoder<TableSpecs['dim_flight']['columns']>>

  constructor(world: World, spec: TableSpecs['dim_flight']) {
    this.table = spec
    this.#compiled = compileRowEncoder(spec)
    this.#world = world
    this.keyCount = world.flightVersionCount
    // key index → logical flight (versions are numbered consecutively per flight)
    this.#version = new Uint32Array(world.flightVersionCount)
    for (let f = 0; f < world.flightCount; f++) {
      this.#version[(world.flightKeyA[f] as number) - 1] = f
      this.#version[(world.flightKeyB[f] as number) - 1] = f
    }
  }

  write(from: number, to: number, reuse?: ByteBuffer) {
    const w = this.#world
    const { row: r, encode } = this.#compiled
    const out = ByteBuffer.into(reuse, 64 * 1024)
    for (let i = from; i < to; i++) {
      const f = this.#version[i] as number
      const key = i + 1
      const isB = key === w.flightKeyB[f] && w.flightKeyB[f] !== w.flightKeyA[f]
      const changed = w.flightKeyB[f] !== w.flightKeyA[f]
      const dep = (isB ? w.flightDepB[f] : w.flightDepA[f]) as number
      const o = w.flightOrigin[f] as number
      const d = w.flightDest[f] as number
      const validFromIndex = isB ? (w.flightChange[f] as number) : 0
      const arrUtc = dep - w.offset(o, validFromIndex) + (w.flightDuration[f] as number)
      const arrLocal = (((arrUtc + w.offset(d, validFromIndex)) % 1440) + 1440) % 1440
      const intl = w.airports[o]?.countryCode !== 'US' || w.airports[d]?.countryCode !== 'US'
      r.flight_key = key
      r.airline_code = AIRLINE_CODE
      r.flight_number = w.flightNumber[f] as string
      r.origin_airport_key = o + 1
      r.destination_airport_key = d + 1
      r.aircraft_key = (w.flightAirframe[f] as number) + 1
      r.scheduled_departure_time = dep * 60
      r.scheduled_arrival_time = arrLocal * 60
      r.scheduled_duration_minutes = w.flightDuration[f] as number
      r.distance_miles = w.flightDistance[f] as number
      r.route_type = intl ? 'international' : 'domestic'
      r.valid_from = w.dateFirst + validFromIndex
      r.valid_to = changed && !isB ? w.dateFirst + (w.flightChange[f] as number) - 1 : null
      r.is_current = !(changed && !isB)
      encode(out, r)
    }
    return { data: out.finish(), rows: to - from }
  }
}
