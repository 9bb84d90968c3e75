import { cumulative, GROUP_STREAM, type OperationGroup, Rng } from '../random/prng.js'
import { BTS_TARGETS, DELAY_CAUSE_SHARES } from '../reference/realism.js'
import type { World } from '../world/world.js'

const CANCEL_CODES = ['B', 'A', 'C', 'D'] as const
const CANCEL_CUM = cumulative([
  BTS_TARGETS.cancellationCauses.B,
  BTS_TARGETS.cancellationCauses.A,
  BTS_TARGETS.cancellationCauses.C,
  BTS_TARGETS.cancellationCauses.D,
])
const CAUSE_CUM = cumulative([
  DELAY_CAUSE_SHARES.carrier,
  DELAY_CAUSE_SHARES.weather,
  DELAY_CAUSE_SHARES.nas,
  DELAY_CAUSE_SHARES.security,
  DELAY_CAUSE_SHARES.lateAircraft,
])
/** Base probability that a departure is 15+ minutes late, before month/airport/hour factors. */
const BASE_LATE = 0.118
/** Base cancellation probability, before month and airport factors (BTS: 1–2 %). */
const BASE_CANCEL = 0.0118
/** Taxi times built into the schedule (minutes). */
const NOMINAL_TAXI_OUT = 16
const NOMINAL_TAXI_IN = 8
/** Relative load factor by cabin: premium cabins sell a little less of their seats. */
const CABIN_LOAD = [0.9, 0.9, 0.93, 1.0] as const

/** Gate names: concourse letter + number. */
export const GATES: readonly string[] = Array.from(
  { length: 200 },
  (_, i) => `${'ABCDE'[i % 5]}${1 + Math.floor(i / 5)}`,
)

/** Stream ids per column group; a test may give one group another stream. */
export type OperationStreams = Readonly<Record<OperationGroup, number>>

/**
 * The numeric simulation of one flight operation: schedule, disruption, delays, passengers by
 * cabin and cargo. It is a pure function of (world, operation index), so the operations table,
 * the bookings (which must add up to the passenger counts) and the daily revenue can each be
 * generated independently and still agree. Each column group draws from its own stream
 * (`GROUP_STREAM.operation`): equipment (aircraft_key), disruption (status, cancellation,
 * diversion), delay (delays, taxi times, causes), gates, load (passengers, customer
 * cancellations) and cargo (cargo and mail).
 */
export class OperationSim {
  readonly world: World
  readonly #streams: OperationStreams
  readonly #equipment = new Rng()
  readonly #disruption = new Rng()
  readonly #delay = new Rng()
  readonly #gates = new Rng()
  readonly #load = new Rng()
  readonly #cargo = new Rng()
  op = 0
  day = 0
  dateIndex = 0
  flight = 0
  flightKey = 0
  origin = 0
  dest = 0
  airframe = 0
  type = 0
  international = false
  schedDep = 0
  schedArr = 0
  cancelled = false
  cancelCode = ''
  diverted = false
  depDelay = 0
  arrDelay = 0
  taxiOut = 0
  taxiIn = 0
  readonly causes = new Int32Array(5)
  depGate = ''
  arrGate = ''
  /** Seats sold per cabin (first, business, premium economy, economy); ≤ seats. */
  readonly sold = new Int32Array(4)
  soldTotal = 0
  /** Extra bookings cancelled by the customer before departure. */
  customerCancelled = 0
  cargoKg = 0
  mailKg = 0

  constructor(world: World, streams: OperationStreams = GROUP_STREAM.operation) {
    this.world = world
    this.#streams = streams
  }

  /** Bookings this operation has (sold seats + customer cancellations). */
  get bookingCount(): number {
    return this.soldTotal + this.customerCancelled
  }

  simulate(op: number): this {
    const w = this.world
    const seed = w.params.seed
    const g = this.#streams
    const equipment = this.#equipment.reseed(seed, g.equipment, op)
    const disruption = this.#disruption.reseed(seed, g.disruption, op)
    const delay = this.#delay.reseed(seed, g.delay, op)
    const gates = this.#gates.reseed(seed, g.gates, op)
    const load = this.#load.reseed(seed, g.load, op)
    const cargo = this.#cargo.reseed(seed, g.cargo, op)
    this.op = op
    const day = w.opDay(op)
    this.day = day
    const di = w.flightDateIndex0 + day
    this.dateIndex = di
    const f = w.opFlight(op, day)
    this.flight = f
    // Both versions' values are read on every call (not just the one chosen): operations run
    // in date order, so version B appears only later, and a property first read then would
    // make V8 throw away and recompile this function.
    const versionB = di >= (w.flightChange[f] as number)
    const keyA = w.flightKeyA[f] as number
    const keyB = w.flightKeyB[f] as number
    this.flightKey = versionB ? keyB : keyA
    const o = w.flightOrigin[f] as number
    const d = w.flightDest[f] as number
    this.origin = o
    this.dest = d
    this.international = w.airports[o]?.countryCode !== 'US' || w.airports[d]?.countryCode !== 'US'
    const type = w.flightType[f] as number
    this.type = type
    // Equipment swap: 3 % of operations fly another airframe of the same type.
    this.airframe = equipment.chance(0.03)
      ? (w.typeFirstAirframe[type] as number) + equipment.int(w.typeAirframes[type] as number)
      : (w.flightAirframe[f] as number)
    const depA = w.flightDepA[f] as number
    const depB = w.flightDepB[f] as number
    const depLocal = versionB ? depB : depA
    this.schedDep = (w.dateFirst + di) * 1440 + depLocal - w.offset(o, di)
    this.schedArr = this.schedDep + (w.flightDuration[f] as number)

    const airport = w.delayFactor[o] as number
    const pCancel = BASE_CANCEL * w.monthCancelFactor(di) * (0.6 + 0.4 * airport)
    this.cancelled = disruption.chance(pCancel)
    this.cancelCode = this.cancelled ? (CANCEL_CODES[disruption.pick(CANCEL_CUM)] as string) : ''
    this.diverted = !this.cancelled && disruption.chance(BTS_TARGETS.diversionRate)
    const causes = this.causes
    causes.fill(0)
    if (this.cancelled) {
      this.depDelay = 0
      this.arrDelay = 0
      this.taxiOut = 0
      this.taxiIn = 0
      this.depGate = ''
      this.arrGate = ''
    } else {
      const hour = depLocal < 600 ? 0.65 : depLocal < 960 ? 1.0 : 1.35
      const pLate = BASE_LATE * w.monthDelayFactor(di) * airport * hour
      this.depDelay = delay.chance(pLate)
        ? Math.min(900, 15 + Math.round(delay.exponential(38)))
        : delay.range(-8, 10)
      this.taxiOut =
        10 + delay.int(9) + (w.isHubAirport[o] ? 5 : 0) + (airport > 1.2 ? delay.int(6) : 0)
      this.taxiIn = 4 + delay.int(8)
      const enroute = Math.round(delay.normal() * 5) - 4
      this.arrDelay =
        this.depDelay +
        (this.taxiOut - NOMINAL_TAXI_OUT) +
        (this.taxiIn - NOMINAL_TAXI_IN) +
        enroute
      if (this.arrDelay >= 15 && !this.diverted) {
        // BTS attributes the minutes of a 15+ minute arrival delay to causes.
        const main = delay.pick(CAUSE_CUM)
        const share = 0.55 + 0.45 * delay.float()
        const first = Math.round(this.arrDelay * share)
        causes[main] = first
        causes[main === 4 ? 2 : 4] = (causes[main === 4 ? 2 : 4] as number) + this.arrDelay - first
      }
      this.depGate = GATES[gates.int(GATES.length)] as string
      this.arrGate = GATES[gates.int(GATES.length)] as string
    }

    // Passengers: a load factor around the BTS low-to-mid 80s, seasonal and holiday peaks.
    const seats = w.seats(type)
    const lf = Math.min(1.02, Math.max(0.3, 0.835 + w.loadOffset(di) + 0.075 * load.normal()))
    let total = 0
    for (let k = 0; k < 4; k++) {
      const n = seats[k] as number
      const want = Math.round(n * lf * (CABIN_LOAD[k] as number) + 1.2 * load.normal())
      const sold = n === 0 ? 0 : Math.min(n, Math.max(0, want))
      this.sold[k] = sold
      total += sold
    }
    this.soldTotal = total
    this.customerCancelled = Math.round(total * (0.035 + 0.03 * load.float()))
    const maxCargo = w.types[type]?.maxCargoKg ?? 0
    this.cargoKg = this.cancelled ? 0 : Math.round(maxCargo * (0.2 + 0.5 * cargo.float()))
    this.mailKg = this.cancelled ? 0 : Math.round(this.cargoKg * (0.02 + 0.08 * cargo.float()))
    return this
  }

  /** Passengers who flew in cabin k: confirmed bookings; zero when the flight was cancelled. */
  passengers(k: number): number {
    return this.cancelled ? 0 : (this.sold[k] as number)
  }

  get status(): string {
    if (this.cancelled) return 'CANCELLED'
    if (this.diverted) return 'DIVERTED'
    return this.arrDelay >= 15 ? 'DELAYED' : 'ON_TIME'
  }
}
