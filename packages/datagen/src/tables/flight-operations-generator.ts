import { ByteBuffer } from '../csv/row-encoder.js'
import { type ColumnSources, compileRowWriter, type RowWriter } from '../csv/row-writer.js'
import type { World } from '../world/world.js'
import { OperationSim } from './operation-sim.js'
import type { TableGenerator } from './table-generator.js'
import type { TableSpecs } from './table-specs.js'

type OperationColumns = TableSpecs['fact_flight_operations']['columns']

/** Whether the flight left (not cancelled), and reached its destination (not diverted). */
const flew = (s: OperationSim) => !s.cancelled
const arrived = (s: OperationSim) => !s.cancelled && !s.diverted

/**
 * `fact_flight_operations`' columns, one source each, from the operation's simulation. The
 * writer is compiled in the model's column order; a model column without a source here fails
 * `tsc` naming it.
 */
export const OPERATION_SOURCES: ColumnSources<OperationColumns, OperationSim, World> = {
  operation_key: (s) => s.op + 1,
  flight_key: (s) => s.flightKey,
  date_key: (s, w) => w.dateKey[s.dateIndex] as number,
  origin_airport_key: (s) => s.origin + 1,
  destination_airport_key: (s) => s.dest + 1,
  aircraft_key: (s) => s.airframe + 1,
  scheduled_departure: (s) => s.schedDep * 60,
  actual_departure: (s) => (flew(s) ? (s.schedDep + s.depDelay) * 60 : null),
  scheduled_arrival: (s) => s.schedArr * 60,
  actual_arrival: (s) => (arrived(s) ? (s.schedArr + s.arrDelay) * 60 : null),
  departure_delay_minutes: (s) => (flew(s) ? s.depDelay : null),
  arrival_delay_minutes: (s) => (arrived(s) ? s.arrDelay : null),
  carrier_delay_minutes: (s) => s.causes[0] as number,
  weather_delay_minutes: (s) => s.causes[1] as number,
  nas_delay_minutes: (s) => s.causes[2] as number,
  security_delay_minutes: (s) => s.causes[3] as number,
  late_aircraft_delay_minutes: (s) => s.causes[4] as number,
  taxi_out_minutes: (s) => (flew(s) ? s.taxiOut : null),
  taxi_in_minutes: (s) => (arrived(s) ? s.taxiIn : null),
  departure_gate: (s) => (flew(s) ? s.depGate : null),
  arrival_gate: (s) => (arrived(s) ? s.arrGate : null),
  passengers_first: (s) => s.passengers(0),
  passengers_business: (s) => s.passengers(1),
  passengers_premium_economy: (s) => s.passengers(2),
  passengers_economy: (s) => s.passengers(3),
  total_passengers: (s) => (flew(s) ? s.soldTotal : 0),
  cargo_weight_kg: (s) => s.cargoKg,
  mail_weight_kg: (s) => s.mailKg,
  flight_status: (s) => s.status,
  cancellation_code: (s) => (s.cancelled ? s.cancelCode : null),
  is_diverted: (s) => s.diverted,
}

/** `fact_flight_operations`: one row per scheduled flight on a date. */
export class FlightOperationsGenerator implements TableGenerator {
  readonly table: TableSpecs['fact_flight_operations']
  readonly keyCount: number
  readonly #world: World
  readonly #sim: OperationSim
  readonly #write: RowWriter<OperationSim, World>

  constructor(
    world: World,
    spec: TableSpecs['fact_flight_operations'],
    sim = new OperationSim(world),
  ) {
    this.table = spec
    this.#write = compileRowWriter(spec, OPERATION_SOURCES)
    this.#world = world
    this.#sim = sim
    this.keyCount = world.opsTotal
  }

  write(from: number, to: number, reuse?: ByteBuffer) {
    const w = this.#world
    const s = this.#sim
    const write = this.#write
    const out = ByteBuffer.into(reuse, (to - from) * 200 + 1024)
    for (let op = from; op < to; op++) write(out, s.simulate(op), w)
    return { data: out.finish(), rows: to - from }
  }
}
