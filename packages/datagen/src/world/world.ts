import { cumulative, Rng, STREAM } from '../random/prng.js'
import { AIRCRAFT_TYPES, type AircraftTypeRef, totalSeats } from '../reference/aircraft-types.js'
import { AIRPORTS, type AirportRef, GATEWAYS, HUBS } from '../reference/airports.js'
import { holidaysBetween, isoDow } from '../reference/holidays.js'
import {
  AIRPORT_DELAY_FACTOR,
  MONTH_CANCEL_FACTOR,
  MONTH_DELAY_FACTOR,
  MONTH_LOAD_OFFSET,
} from '../reference/realism.js'
import { utcOffsets } from './time-zones.js'

/** What the whole data set is a function of. */
export interface WorldParams {
  readonly seed: number
  readonly scale: number
  /** First flight date, as days since 1970-01-01. */
  readonly startDay: number
  /** Number of flight days. */
  readonly days: number
  /**
   * Days the calendar reaches past the last flight date, for day batches (`rsp etl`): dim_date
   * and the schedule run to the 31 December on or after `startDay + days − 1 + headroomDays`.
   * The data set's facts do not depend on it; only dim_date's length does.
   */
  readonly headroomDays: number
}

/** Bookings are made up to this many days before the flight. */
export const MAX_LEAD_DAYS = 330
/** Flight operations per day at scale 1 (≈ 1,000,000 bookings over 365 days). */
export const OPS_PER_DAY_AT_SCALE_1 = 17.6
/** Customers at scale 1; the customer dimension grows with scale^0.75. */
export const CUSTOMERS_AT_SCALE_1 = 250_000
/** Days around a federal holiday that count as the holiday travel peak. */
export const HOLIDAY_WINDOW = 3

const DAY_MS = 86_400_000
const EARTH_RADIUS_MILES = 3958.8

function greatCircleMiles(a: AirportRef, b: AirportRef): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLon = (b.lon - a.lon) * rad
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2
  return Math.round(2 * EARTH_RADIUS_MILES * Math.asin(Math.sqrt(h)))
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b]
  return a
}

function modInverse(a: number, m: number): number {
  let [oldR, r] = [a % m, m]
  let [oldS, s] = [1, 0]
  while (r !== 0) {
    const q = Math.floor(oldR / r)
    ;[oldR, r] = [r, oldR - q * r]
    ;[oldS, s] = [s, oldS - q * s]
  }
  return ((oldS % m) + m) % m
}

/**
 * (a·x) mod m without losing precision for a, x < 2^31 (called once per booking). `inv` is
 * 1 / m: while the product is exact (below 2^52), the quotient is the product times `inv`,
 * a multiplication instead of a division; that rounded quotient can be one off, which the two
 * comparisons correct.
 */
function mulMod(a: number, x: number, m: number, inv: number): number {
  const p = a * x
  if (p < 4_503_599_627_370_496) {
    const r = p - Math.floor(p * inv) * m
    return r < 0 ? r + m : r >= m ? r - m : r
  }
  const hi = Math.floor(a / 65536)
  const lo = a % 65536
  return (((hi * x) % m) * 65536 + lo * x) % m
}

/**
 * Everything that does not depend on a single row: calendar, airports, routes, fleet,
 * schedule and the customer permutation. It is a pure function of the parameters, cheap to
 * build (tens of milliseconds), and rebuilt by each worker instead of being shipped to it.
 */
export class World {
  readonly params: WorldParams
  // Calendar: dim_date covers whole years from the earliest booking date to the last flight
  // date plus the headroom.
  readonly dateFirst: number
  readonly dateCount: number
  /**
   * The last date of the data set's own years (31 December of the last flight date's year):
   * where the calendar ended before it had headroom. Holiday proximity does not look past it
   * from inside (see `#nearHoliday`).
   */
  readonly loadYearsEnd: number
  readonly flightDateIndex0: number
  readonly holidayName: readonly (string | undefined)[]
  readonly holidayNear: Uint8Array
  readonly month: Uint8Array
  /** YYYYMMDD per date index. */
  readonly dateKey: Int32Array
  readonly dow: Uint8Array
  // Airports.
  readonly airports: readonly AirportRef[]
  readonly airportTz: Uint8Array
  readonly tzOffsets: Int16Array
  readonly delayFactor: Float64Array
  readonly isHubAirport: Uint8Array
  readonly types: readonly AircraftTypeRef[]
  // Logical flights (flight numbers) and their SCD2 versions.
  readonly flightCount: number
  readonly flightOrigin: Uint16Array
  readonly flightDest: Uint16Array
  readonly flightType: Uint8Array
  readonly flightAirframe: Uint32Array
  readonly flightDistance: Uint32Array
  readonly flightDuration: Uint16Array
  readonly flightDepA: Uint16Array
  readonly flightDepB: Uint16Array
  /** Date index from which version B applies; 0xffff when the flight never changes. */
  readonly flightChange: Uint16Array
  readonly flightKeyA: Uint32Array
  readonly flightKeyB: Uint32Array
  readonly flightVersionCount: number
  readonly flightNumber: readonly string[]
  // Fleet.
  readonly airframeType: Uint8Array
  readonly typeFirstAirframe: Uint32Array
  readonly typeAirframes: Uint32Array
  // Schedule: operations per flight day, in (day, slot) order.
  readonly opsTotal: number
  /**
   * `opsBefore[t]` = operations of flight days before day t (day 0 = startDay). Days 0 …
   * days − 1 are the data set's (`opsBefore[days]` = opsTotal); the schedule then continues,
   * with the same demand curve, through the calendar's last date (`scheduleDays`), so day
   * batches (ETL) can append later days whose operation keys follow the data set's.
   */
  readonly opsBefore: Int32Array
  /** Flight days the schedule covers: from startDay to the last date of the calendar (dim_date). */
  readonly scheduleDays: number
  // Customers.
  readonly customerCount: number
  /** 1 / customerCount (see `mulMod`). */
  readonly #customerInv: number
  readonly customerMul: number
  readonly customerMulInv: number
  readonly customerAdd: number
  readonly homeAirports: Float64Array
  readonly seatMul: Uint8Array

  /** `tzOffsets`: this world's own table from an earlier build (it is a pure function of params). */
  constructor(params: WorldParams, tzOffsets?: Int16Array) {
    this.params = params
    const { seed, scale, startDay, days, headroomDays } = params
    const rng = new Rng(seed, STREAM.world, 0)

    // ── calendar
    const yearOf = (day: number) => new Date(day * DAY_MS).getUTCFullYear()
    const lastFlight = startDay + days - 1
    this.dateFirst = Date.UTC(yearOf(startDay - MAX_LEAD_DAYS), 0, 1) / DAY_MS
    this.dateCount = Date.UTC(yearOf(lastFlight + headroomDays) + 1, 0, 1) / DAY_MS - this.dateFirst
    this.loadYearsEnd = Date.UTC(yearOf(lastFlight) + 1, 0, 1) / DAY_MS - 1
    this.flightDateIndex0 = startDay - this.dateFirst
    const dateLast = this.dateFirst + this.dateCount - 1
    const holidays = holidaysBetween(this.dateFirst, dateLast + HOLIDAY_WINDOW)
    this.holidayName = Array.from({ length: this.dateCount }, (_, i) =>
      holidays.get(this.dateFirst + i),
    )
    this.holidayNear = new Uint8Array(this.dateCount)
    this.month = new Uint8Array(this.dateCount)
    this.dow = new Uint8Array(this.dateCount)
    this.dateKey = new Int32Array(this.dateCount)
    for (let i = 0; i < this.dateCount; i++) {
      const day = this.dateFirst + i
      const date = new Date(day * DAY_MS)
      this.month[i] = date.getUTCMonth()
      this.dateKey[i] =
        date.getUTCFullYear() * 10000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate()
      this.dow[i] = isoDow(day)
      this.holidayNear[i] = this.#nearHoliday(day, holidays)
    }

    // ── airports
    this.airports = AIRPORTS
    const zones = [...new Set(AIRPORTS.map((a) => a.tz))]
    this.airportTz = Uint8Array.from(AIRPORTS, (a) => zones.indexOf(a.tz))
    this.tzOffsets =
      tzOffsets?.length === zones.length * this.dateCount
        ? tzOffsets
        : utcOffsets(zones, this.dateFirst, this.dateCount)
    this.delayFactor = Float64Array.from(AIRPORTS, (a) => AIRPORT_DELAY_FACTOR[a.code] ?? 0.85)
    this.isHubAirport = Uint8Array.from(AIRPORTS, (a) => (HUBS.includes(a.code) ? 1 : 0))
    this.types = AIRCRAFT_TYPES
    // Seat-number permutation multipliers, coprime with each cabin's seat count.
    this.seatMul = new Uint8Array(AIRCRAFT_TYPES.length * 4)
    AIRCRAFT_TYPES.forEach((t, i) => {
      const seats = [t.seatsFirst, t.seatsBusiness, t.seatsPremiumEconomy, t.seatsEconomy]
      seats.forEach((n, k) => {
        this.seatMul[i * 4 + k] =
          [7, 11, 13, 17, 19, 23, 29].find((m) => n === 0 || gcd(m, n) === 1) ?? 1
      })
    })

    // ── schedule: how many operations each flight day gets (seasonal, holiday and weekday demand)
    this.opsTotal = Math.max(1, Math.round(OPS_PER_DAY_AT_SCALE_1 * scale * days))
    const weights = Array.from({ length: days }, (_, t) =>
      this.dayDemand(this.flightDateIndex0 + t),
    )
    const totalWeight = weights.reduce((s, w) => s + w, 0)
    this.scheduleDays = this.dateFirst + this.dateCount - startDay
    this.opsBefore = new Int32Array(this.scheduleDays + 1)
    let acc = 0
    let maxPerDay = 1
    for (let t = 0; t < days; t++) {
      this.opsBefore[t] = Math.round((this.opsTotal * acc) / totalWeight)
      acc += weights[t] as number
    }
    this.opsBefore[days] = this.opsTotal
    for (let t = 0; t < days; t++)
      maxPerDay = Math.max(
        maxPerDay,
        (this.opsBefore[t + 1] as number) - (this.opsBefore[t] as number),
      )

    // ── flights: hub-and-spoke routes from real airports, equipment by distance and range
    const F = Math.max(24, Math.ceil(maxPerDay / 0.9))
    this.flightCount = F
    this.flightOrigin = new Uint16Array(F)
    this.flightDest = new Uint16Array(F)
    this.flightType = new Uint8Array(F)
    this.flightAirframe = new Uint32Array(F)
    this.flightDistance = new Uint32Array(F)
    this.flightDuration = new Uint16Array(F)
    this.flightDepA = new Uint16Array(F)
    this.flightDepB = new Uint16Array(F)
    this.flightChange = new Uint16Array(F).fill(0xffff)
    this.flightKeyA = new Uint32Array(F)
    this.flightKeyB = new Uint32Array(F)
    const code = (c: string) => AIRPORTS.findIndex((a) => a.code === c)
    const hubIdx = HUBS.map(code)
    const hubCum = cumulative(hubIdx.map((i) => (AIRPORTS[i] as AirportRef).weight))
    const us = AIRPORTS.map((a, i) => (a.countryCode === 'US' ? i : -1)).filter((i) => i >= 0)
    const foreign = AIRPORTS.map((a, i) => (a.countryCode !== 'US' ? i : -1)).filter((i) => i >= 0)
    const usCum = cumulative(us.map((i) => (AIRPORTS[i] as AirportRef).weight))
    const foreignCum = cumulative(foreign.map((i) => (AIRPORTS[i] as AirportRef).weight))
    const typeIdx = (c: string) => AIRCRAFT_TYPES.findIndex((t) => t.code === c)
    const flightsOfType = new Uint32Array(AIRCRAFT_TYPES.length)
    const ordinal = new Uint32Array(F)
    const fr = new Rng()
    let key = 1
    const numbers: string[] = []
    for (let f = 0; f < F; f++) {
      fr.reseed(seed, STREAM.flight, f)
      const hub = hubIdx[fr.pick(hubCum)] as number
      const hubCode = (AIRPORTS[hub] as AirportRef).code
      let spoke = hub
      const international = GATEWAYS.includes(hubCode) && fr.chance(0.14)
      while (spoke === hub)
        spoke = international
          ? (foreign[fr.pick(foreignCum)] as number)
          : (us[fr.pick(usCum)] as number)
      const outbound = fr.chance(0.5)
      const o = outbound ? hub : spoke
      const d = outbound ? spoke : hub
      const dist = greatCircleMiles(AIRPORTS[o] as AirportRef, AIRPORTS[d] as AirportRef)
      const candidates =
        dist > 3300
          ? ['789', '77W', '359']
          : dist > 2200
            ? ['32Q', '7M8', '738', '789']
            : dist > 700
              ? ['320', '32Q', '738', '7M8', '320', '738']
              : ['E75', 'CR9', 'E75', '320', '738']
      const fits = candidates
        .map(typeIdx)
        .filter((t) => (AIRCRAFT_TYPES[t] as AircraftTypeRef).rangeMiles >= dist * 1.05)
      const type = fits[fr.int(fits.length)] ?? typeIdx('359')
      this.flightOrigin[f] = o
      this.flightDest[f] = d
      this.flightType[f] = type
      this.flightDistance[f] = dist
      // Block time: a fit of US carriers' published schedules (≈ 43 min + 0.117 min per mile).
      this.flightDuration[f] = Math.round((43 + 0.117 * dist) / 5) * 5
      const dep = 360 + 5 * fr.int(192)
      this.flightDepA[f] = dep
      this.flightDepB[f] = dep
      ordinal[f] = flightsOfType[type] as number
      flightsOfType[type] = (flightsOfType[type] as number) + 1
      this.flightKeyA[f] = key++
      // SCD2: some flights are retimed part-way through the period (a new version row).
      if (days >= 28 && fr.chance(0.15)) {
        this.flightChange[f] = this.flightDateIndex0 + fr.range(7, days - 7)
        const shift = (fr.chance(0.5) ? 1 : -1) * 5 * fr.range(1, 12)
        this.flightDepB[f] = Math.min(1315, Math.max(330, dep + shift))
        this.flightKeyB[f] = key++
      } else this.flightKeyB[f] = this.flightKeyA[f] as number
      numbers.push(String(100 + f))
    }
    this.flightVersionCount = key - 1
    this.flightNumber = numbers
    this.#extendSchedule(acc, totalWeight)

    // ── fleet: about one airframe per three daily flights of its type
    this.typeFirstAirframe = new Uint32Array(AIRCRAFT_TYPES.length)
    this.typeAirframes = new Uint32Array(AIRCRAFT_TYPES.length)
    let airframes = 0
    for (let t = 0; t < AIRCRAFT_TYPES.length; t++) {
      this.typeFirstAirframe[t] = airframes
      const n =
        (flightsOfType[t] as number) === 0
          ? 0
          : Math.max(1, Math.ceil((flightsOfType[t] as number) / 3))
      this.typeAirframes[t] = n
      airframes += n
    }
    this.airframeType = new Uint8Array(airframes)
    for (let t = 0; t < AIRCRAFT_TYPES.length; t++)
      this.airframeType.fill(
        t,
        this.typeFirstAirframe[t],
        (this.typeFirstAirframe[t] as number) + (this.typeAirframes[t] as number),
      )
    for (let f = 0; f < F; f++) {
      const t = this.flightType[f] as number
      this.flightAirframe[f] =
        (this.typeFirstAirframe[t] as number) +
        ((ordinal[f] as number) % (this.typeAirframes[t] as number))
    }

    // ── customers: a multiplicative permutation maps activity rank ↔ customer key
    const C = Math.max(500, Math.round(CUSTOMERS_AT_SCALE_1 * scale ** 0.75))
    this.customerCount = C
    this.#customerInv = 1 / C
    let mul = 1 + (rng.u32() % (C - 1))
    while (gcd(mul, C) !== 1) mul++
    this.customerMul = mul % C
    this.customerMulInv = modInverse(this.customerMul, C)
    this.customerAdd = rng.u32() % C
    this.homeAirports = cumulative(AIRPORTS.map((a) => a.weight * (a.countryCode === 'US' ? 4 : 1)))
  }

  /**
   * The schedule past the data set's days, through the calendar's last date: the cumulative
   * formula of the data set's days continued (same demand curve and rate), each day capped at
   * the flight count so a flight still flies at most once a day. The data set's own days and
   * keys are untouched: those operations come first and this only appends.
   */
  #extendSchedule(acc: number, totalWeight: number): void {
    const { days } = this.params
    let previous = this.opsTotal
    for (let t = days; t < this.scheduleDays; t++) {
      acc += this.dayDemand(this.flightDateIndex0 + t)
      const rounded = Math.round((this.opsTotal * acc) / totalWeight)
      this.opsBefore[t + 1] =
        (this.opsBefore[t] as number) + Math.min(this.flightCount, rounded - previous)
      previous = rounded
    }
  }

  /**
   * Whether a date is within HOLIDAY_WINDOW days of an observed federal holiday (the travel
   * peak). A date of the data set's own years counts only holidays of those years, as when the
   * calendar ended on their last 31 December: the last days of that December do not see the next
   * New Year's Day. So adding headroom changes no fact of the data set (its schedule, loads and
   * fares use these flags). A headroom date counts every holiday by rule, so its facts do not
   * depend on how far the headroom reaches either.
   */
  #nearHoliday(day: number, holidays: ReadonlyMap<number, string>): number {
    const inLoadYears = day <= this.loadYearsEnd
    for (let k = -HOLIDAY_WINDOW; k <= HOLIDAY_WINDOW; k++)
      if (holidays.has(day + k) && (!inLoadYears || day + k <= this.loadYearsEnd)) return 1
    return 0
  }

  /** Relative travel demand of a date (by date index). */
  dayDemand(dateIndex: number): number {
    const dow = this.dow[dateIndex] as number
    const dowAdj =
      dow === 5 || dow === 7 ? 0.05 : dow === 2 || dow === 3 ? -0.06 : dow === 6 ? -0.03 : 0
    return (
      1 +
      1.5 * (MONTH_LOAD_OFFSET[this.month[dateIndex] as number] as number) +
      dowAdj +
      0.1 * (this.holidayNear[dateIndex] as number)
    )
  }

  /** Load-factor offset of a date (seasonal, weekday, holiday peak). */
  loadOffset(dateIndex: number): number {
    return this.dayDemand(dateIndex) - 1
  }

  monthDelayFactor(dateIndex: number): number {
    return MONTH_DELAY_FACTOR[this.month[dateIndex] as number] as number
  }

  monthCancelFactor(dateIndex: number): number {
    return MONTH_CANCEL_FACTOR[this.month[dateIndex] as number] as number
  }

  /** The flight day (0-based) of an operation index, by bisection of the schedule. */
  opDay(op: number): number {
    let lo = 0
    let hi = this.scheduleDays - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((this.opsBefore[mid] as number) <= op) lo = mid
      else hi = mid - 1
    }
    return lo
  }

  /** The logical flight flown by operation `op` on flight day `day` (distinct within a day). */
  opFlight(op: number, day: number): number {
    const slot = op - (this.opsBefore[day] as number)
    return (slot + ((day * 7919) % this.flightCount)) % this.flightCount
  }

  /** Customer key (1-based) of an activity rank (0 = most frequent flyer). */
  customerKeyOfRank(rank: number): number {
    const k =
      mulMod(this.customerMul, rank, this.customerCount, this.#customerInv) + this.customerAdd
    return 1 + (k >= this.customerCount ? k - this.customerCount : k)
  }

  /** Activity rank of a customer key; the inverse of `customerKeyOfRank`. */
  customerRankOfKey(key: number): number {
    const x = (key - 1 - this.customerAdd + this.customerCount) % this.customerCount
    return mulMod(this.customerMulInv, x, this.customerCount, this.#customerInv)
  }

  /** UTC offset (minutes) of an airport on a date index. */
  offset(airport: number, dateIndex: number): number {
    return this.tzOffsets[
      (this.airportTz[airport] as number) * this.dateCount + dateIndex
    ] as number
  }

  seats(type: number): readonly [number, number, number, number] {
    const t = this.types[type] as AircraftTypeRef
    return [t.seatsFirst, t.seatsBusiness, t.seatsPremiumEconomy, t.seatsEconomy]
  }

  totalSeats(type: number): number {
    return totalSeats(this.types[type] as AircraftTypeRef)
  }
}
