import { asciiBytes, asciiWord } from '../csv/row-encoder.js'
import { type BookingGroup, cumulative, GROUP_STREAM, INV_2_32, Rng } from '../random/prng.js'
import type { AircraftTypeRef } from '../reference/aircraft-types.js'
import {
  bagFeeCents,
  type Cabin,
  EXCESS_BAGGAGE,
  excessBagCents,
  TAXES,
} from '../reference/realism.js'
import { MAX_LEAD_DAYS as MAX_LEAD } from '../world/world.js'
import type { OperationSim } from './operation-sim.js'
import { TOTALS } from './operation-totals.js'

/** Loyalty tiers by activity rank share (the most active customers hold the highest tiers). */
export const TIER_SHARES = Object.freeze({ PLATINUM: 0.02, GOLD: 0.07, SILVER: 0.18 })
/** Miles earned per US dollar of base fare, by tier (revenue-based programmes). */
const MILES_PER_DOLLAR = [11, 8, 7, 5] as const

export function tierOfRank(rank: number, count: number): 0 | 1 | 2 | 3 {
  const share = rank / count
  if (share < TIER_SHARES.PLATINUM) return 0
  if (share < TIER_SHARES.GOLD) return 1
  if (share < TIER_SHARES.SILVER) return 2
  return 3
}
export const TIER_NAMES = Object.freeze(['PLATINUM', 'GOLD', 'SILVER', 'NONE'] as const)

/**
 * The first rank of tiers 1, 2 and 3 among `count` customers: `tierOfRank` is monotone in the
 * rank, so comparing with these bounds (`tierIn`) gives exactly its answer without a division
 * per row.
 */
export function tierBounds(count: number): Float64Array {
  const bounds = new Float64Array(3)
  for (let tier = 1; tier <= 3; tier++) {
    let lo = 0
    let hi = count
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2)
      if (tierOfRank(mid, count) >= tier) hi = mid
      else lo = mid + 1
    }
    bounds[tier - 1] = lo
  }
  return bounds
}

/** `tierOfRank(rank, count)` from `tierBounds(count)`. */
export function tierIn(bounds: Float64Array, rank: number): 0 | 1 | 2 | 3 {
  if (rank < (bounds[0] as number)) return 0
  if (rank < (bounds[1] as number)) return 1
  return rank < (bounds[2] as number) ? 2 : 3
}

/** Booking channels as stored in `booking_channel`, and their shares. */
export const CHANNELS = Object.freeze(['WEB', 'MOBILE', 'OTA', 'AGENT', 'CALL_CENTER'] as const)
const CALL_CENTER = 4
const CHANNEL_CUM = cumulative([40, 30, 18, 8, 4])
/** Fare multiplier over economy by cabin. */
const CABIN_FARE = [4.2, 3.6, 1.8, 1] as const
/** Mean booking lead time (days) by cabin. */
export const CABIN_LEAD = [28, 32, 40, 46] as const
/** Days before departure a booking is made, less one, from a uniform u32 (exponential, capped). */
export function leadDaysOf(x: number, mean: number): number {
  return Math.min(MAX_LEAD - 1, Math.floor(-Math.log(1 - x * INV_2_32) * mean))
}
/** Buckets of the u32 range per cabin in `leadTable()`: the top 13 bits of the draw. */
export const LEAD_BUCKET_SHIFT = 19
/**
 * `leadDaysOf` per cabin and bucket of 2^19 draws where it is the same across the whole bucket
 * (it is monotone in the draw, so equal ends mean an equal bucket), else −1: most draws then
 * cost a table read instead of a logarithm, and the answer is exactly `leadDaysOf`'s.
 */
let leadByBucket: Int16Array | undefined
export function leadTable(): Int16Array {
  if (!leadByBucket) {
    const buckets = 2 ** (32 - LEAD_BUCKET_SHIFT)
    leadByBucket = new Int16Array(4 * buckets)
    const width = 2 ** LEAD_BUCKET_SHIFT
    for (let k = 0; k < 4; k++) {
      const mean = CABIN_LEAD[k] as number
      for (let b = 0; b < buckets; b++) {
        const low = leadDaysOf(b * width, mean)
        const high = leadDaysOf((b + 1) * width - 1, mean)
        leadByBucket[k * buckets + b] = low === high ? low : -1
      }
    }
  }
  return leadByBucket
}
/** `leadDaysOf(x, CABIN_LEAD[k])`, read from `table` (`leadTable()`) where the bucket decides it. */
export function leadDays(table: Int16Array, k: number, x: number): number {
  const days = table[(k << (32 - LEAD_BUCKET_SHIFT)) | (x >>> LEAD_BUCKET_SHIFT)] as number
  return days < 0 ? leadDaysOf(x, CABIN_LEAD[k] as number) : days
}
/**
 * Draws (u32) below this are the bags that pay an excess-baggage charge (`excessBagCents` of
 * the draw as a float; the comparison is exact: both sides scale by 2^32).
 */
const EXCESS_BAG_DRAWS =
  (EXCESS_BAGGAGE.oversizeShare + EXCESS_BAGGAGE.heavyShare + EXCESS_BAGGAGE.overweightShare) *
  2 ** 32
const BAGS_DOMESTIC_ECONOMY = cumulative([0.55, 0.35, 0.08, 0.02])
const BAGS_INTERNATIONAL_ECONOMY = cumulative([0.22, 0.56, 0.18, 0.04])
const BAGS_PREMIUM = cumulative([0.3, 0.45, 0.2, 0.05])
/** Booking statuses as stored in `booking_status`. */
export const STATUSES = Object.freeze(['CONFIRMED', 'CANCELLED', 'REFUNDED'] as const)
export const CONFIRMED = 0
export const CANCELLED = 1
export const REFUNDED = 2
/** Fare classes (booking codes); F, J and Y are the refundable full fares. */
export const FARE_CLASSES = Object.freeze('FAJCDWPYBMQLT'.split(''))
const REFUNDABLE = Uint8Array.from(FARE_CLASSES, (c) =>
  c === 'F' || c === 'J' || c === 'Y' ? 1 : 0,
)

/** Fare class by cabin and lead time: short lead times book the expensive buckets. */
function fareClassOf(k: number, lead: number): string {
  if (k === 0) return lead < 14 ? 'F' : 'A'
  if (k === 1) return lead < 14 ? 'J' : lead < 45 ? 'C' : 'D'
  if (k === 2) return lead < 21 ? 'W' : 'P'
  if (lead < 7) return 'Y'
  if (lead < 14) return 'B'
  if (lead < 21) return 'M'
  if (lead < 45) return 'Q'
  return lead < 90 ? 'L' : 'T'
}
/** `FARE_CLASS_BY_LEAD[cabin * (MAX_LEAD + 1) + lead]` = index into FARE_CLASSES. */
const FARE_CLASS_BY_LEAD = Uint8Array.from({ length: 4 * (MAX_LEAD + 1) }, (_, i) =>
  FARE_CLASSES.indexOf(fareClassOf(Math.floor(i / (MAX_LEAD + 1)), i % (MAX_LEAD + 1))),
)
/** Fare factor of a lead time: 0.86 + 1.1·e^(−lead/9) (late bookings pay up to 2×). */
const LEAD_FACTOR = Float64Array.from(
  { length: MAX_LEAD + 1 },
  (_, lead) => 0.86 + 1.1 * Math.exp(-lead / 9),
)
/** `bagFeeCents` for every (cabin, international, elite, bags ≤ 3). */
const BAG_FEE = Int32Array.from({ length: 64 }, (_, i) =>
  bagFeeCents((i >> 4) as Cabin, ((i >> 3) & 1) === 1, ((i >> 2) & 1) === 1, i & 3),
)
const SEAT_LETTERS: Record<number, string> = {
  3: 'ACD',
  4: 'ACDF',
  6: 'ABCDEF',
  7: 'ABCDEFG',
  8: 'ABCDEFGH',
  9: 'ABCDEFGHJ',
  10: 'ABCDEFGHJK',
}
const B36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'

/** The reference's 31-bit scramble: odd multipliers and xorshifts, invertible modulo 2^31. */
function scramble(key: number): number {
  let x = key & 0x7fffffff
  x = Math.imul(x, 0x2c1b3c6d) & 0x7fffffff
  x ^= x >>> 15
  x = Math.imul(x, 0x297a2d39) & 0x7fffffff
  x ^= x >>> 13
  return x
}

/**
 * A six-character booking reference from the booking key: a bijection of [0, 2^31) printed in
 * base 36, so references are unique and look random.
 */
export function bookingReference(key: number): string {
  const out = new Uint8Array(8)
  bookingReferenceWords(key, new DataView(out.buffer), 0)
  return String.fromCharCode(...out.subarray(0, 6))
}

const B36_BYTES = asciiBytes(B36)

/** Every three-digit base-36 string ('000' … 'ZZZ') as a little-endian word, built on first use. */
let base36Triples: Uint32Array | undefined

function triples(): Uint32Array {
  if (!base36Triples) {
    base36Triples = new Uint32Array(36 ** 3)
    for (let i = 0; i < 36 ** 3; i++)
      base36Triples[i] =
        (B36_BYTES[(i / 1296) | 0] as number) |
        ((B36_BYTES[((i / 36) | 0) % 36] as number) << 8) |
        ((B36_BYTES[i % 36] as number) << 16)
  }
  return base36Triples
}

/**
 * `bookingReference` stored at `d[at … at + 6)` (the row writer's path): two three-character
 * word stores. Writes one byte past the reference, which the caller overwrites.
 */
export function bookingReferenceWords(key: number, d: DataView, at: number): void {
  const x = scramble(key)
  const hi = (x / 46_656) | 0
  const t = base36Triples ?? triples()
  d.setUint32(at, t[hi] as number, true)
  d.setUint32(at + 3, t[x - hi * 46_656] as number, true)
}

/** Everything one generated booking holds, as numbers (money in cents, names as indices). */
export interface BookingValues {
  key: number
  customerKey: number
  bookingDateIndex: number
  cabin: Cabin
  /** Index into FARE_CLASSES. */
  fareClass: number
  /** Index into CHANNELS. */
  channel: number
  /** CONFIRMED, CANCELLED or REFUNDED. */
  status: number
  /** Seat label bytes ('12C'), or undefined when no seat was assigned. */
  seat: Uint8Array | undefined
  /** The seat label's first four bytes as a little-endian word (valid while `seat` is set). */
  seatWord: number
  lead: number
  baseFare: number
  taxes: number
  fees: number
  bags: number
  bagFees: number
  total: number
  milesEarned: number
  milesRedeemed: number
  refund: number
  /** Seconds since the epoch. */
  createdAt: number
  /** `createdAt`'s second of the day (its date is the booking date). */
  createdSecond: number
  /** Excess-baggage charges at check-in (overweight, oversize), cents; 0 unless flown. */
  baggageFee: number
}

/**
 * Per-operation aggregates, which `fact_daily_revenue` reports (cents). Gross figures count
 * every booking sold; refunds are what was given back of them.
 */
export interface BookingTotals {
  /** Base fares of all bookings per cabin (gross). */
  readonly revenue: Float64Array
  /** Fees, bag fees and excess-baggage fees of all bookings (gross). */
  ancillary: number
  /** Base fares, fees and bag fees of REFUNDED bookings (taxes are not revenue). */
  refunds: number
  /** Base fares of CONFIRMED bookings (what flown passengers paid). */
  confirmedFares: number
  /** CONFIRMED bookings. */
  confirmed: number
}

/** A type's seat labels per cabin: the bytes, and each label's first four bytes as a word. */
interface SeatLabels {
  readonly bytes: readonly (readonly Uint8Array[])[]
  readonly words: readonly Uint32Array[]
}

/** Stream ids per column group; a test may give one group another stream. */
export type BookingStreams = Readonly<Record<BookingGroup, number>>

/** Options of {@link BookingSim}. */
export interface BookingSimOptions {
  /** @default GROUP_STREAM.booking */
  readonly streams?: BookingStreams
  /**
   * Draw excess-baggage charges (`baggage_fee`, added by migration 0002). `false` makes the
   * bookings as they were before that column existed: every charge 0, nothing drawn from its
   * stream — how a test shows that adding it left every other column as it was.
   * @default true
   */
  readonly excessBaggage?: boolean
}

/**
 * Generates the bookings of one flight operation. Rule: each sold seat is one booking —
 * CONFIRMED when the flight operates, REFUNDED (refund = total) when it is cancelled; then the
 * customer cancellations, REFUNDED in full on refundable fares (F, J, Y) and CANCELLED without
 * refund otherwise. So per cabin, passengers = count of CONFIRMED bookings.
 *
 * Each column group draws from its own stream of the operation (`GROUP_STREAM.booking`), every
 * booking in turn: lead (lead time, so booking date, fare class and fare factor), customer,
 * channel, fare (price noise, award), fees, bags, created (time of day), cancel (the cabin of a
 * customer cancellation) and baggage (excess-baggage charges).
 */
export class BookingSim {
  readonly #streams: BookingStreams
  readonly #excessBaggage: boolean
  readonly #lead = new Rng()
  readonly #customer = new Rng()
  readonly #channel = new Rng()
  readonly #fare = new Rng()
  readonly #fees = new Rng()
  readonly #bags = new Rng()
  readonly #created = new Rng()
  readonly #cancel = new Rng()
  readonly #baggage = new Rng()
  readonly #seatMul: Uint8Array
  readonly values: BookingValues = {
    key: 0,
    customerKey: 0,
    bookingDateIndex: 0,
    cabin: 3,
    fareClass: 0,
    channel: 0,
    status: CONFIRMED,
    seat: undefined,
    seatWord: 0,
    lead: 0,
    baseFare: 0,
    taxes: 0,
    fees: 0,
    bags: 0,
    bagFees: 0,
    total: 0,
    milesEarned: 0,
    milesRedeemed: 0,
    refund: 0,
    createdAt: 0,
    createdSecond: 0,
    baggageFee: 0,
  }
  readonly totals: BookingTotals = {
    revenue: new Float64Array(4),
    ancillary: 0,
    refunds: 0,
    confirmedFares: 0,
    confirmed: 0,
  }

  /** Seat labels per aircraft type and cabin, as bytes and as words (see `#seatLabels`). */
  readonly #labels: SeatLabels[] = []

  /** `tierBounds(#tierCount)`, recomputed when a world of another customer count is run. */
  #tierBounds: Float64Array = new Float64Array(3)
  #tierCount = -1
  readonly #leads = leadTable()

  constructor(seatMul: Uint8Array, options: BookingSimOptions = {}) {
    this.#seatMul = seatMul
    this.#streams = options.streams ?? GROUP_STREAM.booking
    this.#excessBaggage = options.excessBaggage ?? true
  }

  /** Seat labels ('12C') per cabin of a type: rows numbered from the front, cabin by cabin. */
  #seatLabels(typeIndex: number, type: AircraftTypeRef): SeatLabels {
    let labels = this.#labels[typeIndex]
    if (!labels) {
      const seats = [
        type.seatsFirst,
        type.seatsBusiness,
        type.seatsPremiumEconomy,
        type.seatsEconomy,
      ]
      let rowStart = 1
      const texts = seats.map((n, k) => {
        const abreast = type.abreast[k] as number
        const letters = SEAT_LETTERS[abreast] ?? 'ABCDEF'
        const list = Array.from(
          { length: n },
          (_, s) => `${rowStart + Math.floor(s / abreast)}${letters[s % abreast]}`,
        )
        rowStart += Math.ceil(n / abreast)
        return list
      })
      labels = {
        // Plain Uint8Arrays (not Buffers): the row writer copies long ones on its hot path.
        bytes: texts.map((list) => list.map((text) => asciiBytes(text))),
        words: texts.map((list) => Uint32Array.from(list, (text) => asciiWord(text))),
      }
      this.#labels[typeIndex] = labels
    }
    return labels
  }

  /** Copies `totals` into `out[at … at + TOTALS_STRIDE)` (see operation-totals.ts). */
  storeTotals(out: Float64Array, at: number): void {
    const t = this.totals
    out[at + TOTALS.revenueFirst] = t.revenue[0] as number
    out[at + TOTALS.revenueBusiness] = t.revenue[1] as number
    out[at + TOTALS.revenuePremiumEconomy] = t.revenue[2] as number
    out[at + TOTALS.revenueEconomy] = t.revenue[3] as number
    out[at + TOTALS.ancillary] = t.ancillary
    out[at + TOTALS.refunds] = t.refunds
    out[at + TOTALS.confirmedFares] = t.confirmedFares
    out[at + TOTALS.confirmed] = t.confirmed
  }

  /** Reads `totals` back from a row stored by `storeTotals`. */
  loadTotals(from: Float64Array, at: number): void {
    const t = this.totals
    t.revenue[0] = from[at + TOTALS.revenueFirst] as number
    t.revenue[1] = from[at + TOTALS.revenueBusiness] as number
    t.revenue[2] = from[at + TOTALS.revenuePremiumEconomy] as number
    t.revenue[3] = from[at + TOTALS.revenueEconomy] as number
    t.ancillary = from[at + TOTALS.ancillary] as number
    t.refunds = from[at + TOTALS.refunds] as number
    t.confirmedFares = from[at + TOTALS.confirmedFares] as number
    t.confirmed = from[at + TOTALS.confirmed] as number
  }

  /**
   * Runs the bookings of `op` (already simulated) with keys from `firstKey`, calling `emit`
   * for each; totals are left in `this.totals`.
   */
  run(op: OperationSim, firstKey: number, emit?: (v: BookingValues) => void): void {
    const w = op.world
    const seed = w.params.seed
    const g = this.#streams
    const key0 = op.op
    this.#lead.reseed(seed, g.lead, key0)
    this.#customer.reseed(seed, g.customer, key0)
    this.#channel.reseed(seed, g.channel, key0)
    this.#fare.reseed(seed, g.fare, key0)
    this.#fees.reseed(seed, g.fees, key0)
    this.#bags.reseed(seed, g.bags, key0)
    this.#created.reseed(seed, g.created, key0)
    this.#baggage.reseed(seed, g.baggage, key0)
    const cancel = this.#cancel.reseed(seed, g.cancel, key0)
    if (w.customerCount !== this.#tierCount) {
      this.#tierBounds = tierBounds(w.customerCount)
      this.#tierCount = w.customerCount
    }
    const t = this.totals
    t.revenue.fill(0)
    t.ancillary = 0
    t.refunds = 0
    t.confirmedFares = 0
    t.confirmed = 0
    const type = w.types[op.type] as AircraftTypeRef
    const distance = w.flightDistance[op.flight] as number
    const economyFare = 55 + 0.115 * distance
    const demand = 1 + 0.8 * w.loadOffset(op.dateIndex)
    let key = firstKey
    const labels = this.#seatLabels(op.type, type)
    const seatsOf = [
      type.seatsFirst,
      type.seatsBusiness,
      type.seatsPremiumEconomy,
      type.seatsEconomy,
    ]
    for (let k = 0 as Cabin; k < 4; k = (k + 1) as Cabin) {
      const sold = op.sold[k] as number
      const n = seatsOf[k] as number
      const mul = this.#seatMul[op.type * 4 + k] as number
      const cabinLabels = labels.bytes[k] as readonly Uint8Array[]
      const cabinWords = labels.words[k] as Uint32Array
      for (let j = 0; j < sold; j++) {
        const v = this.#one(op, k, key++, economyFare, demand, distance, false)
        if (!op.cancelled) {
          const s = (j * mul + op.op) % n
          v.seat = cabinLabels[s]
          v.seatWord = cabinWords[s] as number
        }
        if (emit !== undefined) emit(v)
      }
    }
    for (let j = 0; j < op.customerCancelled; j++) {
      const u = cancel.int(op.soldTotal || 1)
      let k = 3 as Cabin
      for (let c = 0, acc = 0; c < 4; c++) {
        acc += op.sold[c] as number
        if (u < acc) {
          k = c as Cabin
          break
        }
      }
      const v = this.#one(op, k, key++, economyFare, demand, distance, true)
      if (emit !== undefined) emit(v)
    }
  }

  #one(
    op: OperationSim,
    k: Cabin,
    key: number,
    economyFare: number,
    demand: number,
    distance: number,
    customerCancel: boolean,
  ): BookingValues {
    const w = op.world
    const v = this.values
    const intl = op.international
    v.key = key
    v.cabin = k
    const lead = 1 + leadDays(this.#leads, k, this.#lead.u32())
    v.lead = lead
    v.bookingDateIndex = op.dateIndex - lead
    const u = this.#customer.float()
    const C = w.customerCount
    const rank = Math.floor(C * u * u)
    v.customerKey = w.customerKeyOfRank(rank)
    const tier = tierIn(this.#tierBounds, rank)
    const channel = this.#channel.pick(CHANNEL_CUM)
    v.channel = channel
    // Fares rise with distance, cabin, short lead time and peak demand; lognormal noise.
    const premiumIntl = intl && k < 3 ? 1.35 : 1
    const fare =
      economyFare *
      (CABIN_FARE[k] as number) *
      premiumIntl *
      (LEAD_FACTOR[lead] as number) *
      demand *
      Math.exp(0.2 * this.#fare.normal())
    const award = this.#fare.chance(0.03)
    const fareCents = Math.round(fare * 100)
    const baseFare = award ? 0 : fareCents
    v.baseFare = baseFare
    v.milesRedeemed = award ? Math.round(fare * 0.8) * 100 : 0
    const fareClass = FARE_CLASS_BY_LEAD[k * (MAX_LEAD + 1) + lead] as number
    v.fareClass = fareClass
    const taxes = intl
      ? TAXES.internationalTaxCents +
        TAXES.internationalUserFeesCents +
        TAXES.securityFeeCents +
        Math.round(baseFare * TAXES.foreignTaxRate)
      : Math.round(baseFare * TAXES.domesticExciseRate) +
        TAXES.segmentFeeCents +
        TAXES.securityFeeCents +
        TAXES.pfcCents
    v.taxes = taxes
    return this.#charges(op, k, distance, customerCancel, tier, channel)
  }

  /**
   * The rest of `#one`: fees, bags, status, refund, miles, creation time and the totals. A
   * method of its own because V8 inlines only so much bytecode into one optimised function;
   * split in two, both halves get their random draws inlined instead of called.
   */
  #charges(
    op: OperationSim,
    k: Cabin,
    distance: number,
    customerCancel: boolean,
    tier: number,
    channel: number,
  ): BookingValues {
    const w = op.world
    const v = this.values
    const intl = op.international
    const baseFare = v.baseFare
    const taxes = v.taxes
    const fareClass = v.fareClass
    let fees = channel === CALL_CENTER ? 2500 : 0
    const f = this.#fees
    if (k === 3 && f.chance(0.22)) fees += 1500 + 500 * f.int(8) + (distance > 2000 ? 2000 : 0)
    v.fees = fees
    const bags = this.#bags.pick(
      k < 3 ? BAGS_PREMIUM : intl ? BAGS_INTERNATIONAL_ECONOMY : BAGS_DOMESTIC_ECONOMY,
    )
    v.bags = bags
    const bagFees = BAG_FEE[(k << 4) | (intl ? 8 : 0) | (tier < 3 ? 4 : 0) | bags] as number
    v.bagFees = bagFees
    const total = baseFare + taxes + fees + bagFees
    v.total = total
    v.seat = undefined
    const status = customerCancel
      ? REFUNDABLE[fareClass] === 1
        ? REFUNDED
        : CANCELLED
      : op.cancelled
        ? REFUNDED
        : CONFIRMED
    v.status = status
    v.refund = status === REFUNDED ? total : 0
    v.milesEarned =
      status === CONFIRMED ? Math.floor((baseFare / 100) * (MILES_PER_DOLLAR[tier] as number)) : 0
    const second = this.#created.int(86400)
    v.createdSecond = second
    v.createdAt = (w.dateFirst + v.bookingDateIndex) * 86400 + second
    // Excess baggage is charged at check-in: only passengers who flew checked their bags. One
    // draw per bag; most pay nothing, so the rule is looked up only for the few that do.
    let baggageFee = 0
    if (status === CONFIRMED && this.#excessBaggage) {
      const b = this.#baggage
      for (let i = 0; i < bags; i++) {
        const u = b.u32()
        if (u < EXCESS_BAG_DRAWS) baggageFee += excessBagCents(k, u * INV_2_32)
      }
    }
    v.baggageFee = baggageFee
    const t = this.totals
    t.revenue[k] = (t.revenue[k] as number) + baseFare
    t.ancillary += fees + bagFees + baggageFee
    if (status === CONFIRMED) {
      t.confirmedFares += baseFare
      t.confirmed++
    } else if (status === REFUNDED) t.refunds += baseFare + fees + bagFees
    return v
  }
}
