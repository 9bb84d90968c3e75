import { ByteBuffer } from '../csv/row-encoder.js'
import { type ColumnSources, compileRowWriter, type RowWriter } from '../csv/row-writer.js'
import type { World } from '../world/world.js'
import type { TableGenerator } from './table-generator.js'
import type { TableSpecs } from './table-specs.js'

/** The fictional carrier's two-letter code (not assigned to a real airline by IATA). */
export const AIRLINE_CODE = 'RP'

/** One SCD2 version of a scheduled flight, worked out once and read by the column sources. */
interface FlightValues {
  key: number
  /** The logical flight. */
  f: number
  origin: number
  dest: number
  /** Scheduled local departure and arrival, minutes of the day. */
  dep: number
  arr: number
  international: boolean
  validFrom: number
  /** Last valid day, or null for the current version. */
  validTo: number | null
}

/** `dim_flight`'s columns, one source each. */
export const FLIGHT_SOURCES: ColumnSources<
  TableSpecs['dim_flight']['columns'],
  FlightValues,
  World
> = {
  flight_key: (v) => v.key,
  airline_code: () => AIRLINE_CODE,
  flight_number: (v, w) => w.flightNumber[v.f] as string,
  origin_airport_key: (v) => v.origin + 1,
  destination_airport_key: (v) => v.dest + 1,
  aircraft_key: (v, w) => (w.flightAirframe[v.f] as number) + 1,
  scheduled_departure_time: (v) => v.dep * 60,
  scheduled_arrival_time: (v) => v.arr * 60,
  scheduled_duration_minutes: (v, w) => w.flightDuration[v.f] as number,
  distance_miles: (v, w) => w.flightDistance[v.f] as number,
  route_type: (v) => (v.international ? 'international' : 'domestic'),
  valid_from: (v) => v.validFrom,
  valid_to: (v) => v.validTo,
  is_current: (v) => v.validTo === null,
}

/**
 * `dim_flight`: one row per SCD2 version of each scheduled flight. Retimed flights have two
 * versions: the first valid until the day before the change, the second current.
 */
export class DimFlightGenerator implements TableGenerator {
  readonly table: TableSpecs['dim_flight']
  readonly keyCount: number
  readonly #world: World
  readonly #version: Uint32Array
  readonly #write: RowWriter<FlightValues, World>

  constructor(world: World, spec: TableSpecs['dim_flight']) {
    this.table = spec
    this.#write = compileRowWriter(spec, FLIGHT_SOURCES)
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
      const arr = (((arrUtc + w.offset(d, validFromIndex)) % 1440) + 1440) % 1440
      this.#write(
        out,
        {
          key,
          f,
          origin: o,
          dest: d,
          dep,
          arr,
          international: w.airports[o]?.countryCode !== 'US' || w.airports[d]?.countryCode !== 'US',
          validFrom: w.dateFirst + validFromIndex,
          validTo: changed && !isB ? w.dateFirst + (w.flightChange[f] as number) - 1 : null,
        },
        w,
      )
    }
    return { data: out.finish(), rows: to - from }
  }
}
