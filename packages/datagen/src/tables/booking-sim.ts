import { cumulative, Rng, STREAM } from '../random/prng.js'
import type { AircraftTypeRef } from '../reference/aircraft-types.js'
import { bagFeeCents, type Cabin, TAXES } from '../reference/realism.js'
import { MAX_LEAD_DAYS as MAX_LEAD } from '../world/world.js'
import type { OperationSim } from './operation-sim.js'

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

const CHANNELS = ['WEB', 'MOBILE', 'OTA', 'AGENT', 'CALL_CENTER'] as const
const CHANNEL_CUM = cumulative([40, 30, 18, 8, 4])
/** Fare multiplier over economy by cabin. */
const CABIN_FARE = [4.2, 3.6, 1.8, 1] as const
/** Mean booking lead time (days) by cabin. */
const CABIN_LEAD = [28, 32, 40, 46] as const
const BAGS_DOMESTIC_ECONOMY = cumulative([0.55, 0.35, 0.08, 0.02])
const BAGS_INTERNATIONAL_ECONOMY = cumulative([0.22, 0.56, 0.18, 0.04])
const BAGS_PREMIUM = cumulative([0.3, 0.45, 0.2, 0.05])
/** Refundable fare classes (full fares); the rest are non-refundable. */
const REFUNDABLE = new Set(['F', 'J', 'Y'])
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
const B36_3: readonly string[] = Array.from(
  { length: 36 ** 3 },
  (_, i) => `${B36[Math.floor(i / 1296)]}${B36[Math.floor(i / 36) % 36]}${B36[i % 36]}`,
)

/**
 * A six-character booking reference from the booking key: a bijection of [0, 2^31) (odd
 * multiplier and xorshift, both invertible modulo 2^31) printed in base 36, so references are
 * unique and look random.
 */
export function bookingReference(key: number): string {
  let x = key & 0x7fffffff
  x = Math.imul(x, 0x2c1b3c6d) & 0x7fffffff
  x ^= x >>> 15
  x = Math.imul(x, 0x297a2d39) & 0x7fffffff
  x ^= x >>> 13
  return B36_3[Math.floor(x / 46656)]! + B36_3[x % 46656]!
}

/** Everything one generated booking holds, as numbers (money in cents). */
export interface BookingValues {
  key: number
  customerKey: number
  bookingDateIndex: number
  cabin: Cabin
  fareClass: string
  channel: string
  status: 'CONFIRMED' | 'CANCELLED' | 'REFUNDED'
  seat: string
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
  createdAt: number
}

/** Per-operation aggregates, which `fact_daily_revenue` reports. */
export interface BookingTotals {
  /** Base fares of confirmed bookings per cabin (cents). */
  readonly revenue: Float64Array
  ancillary: number
  refunds: number
  confirmed: number
}

/**
 * Generates the bookings of one flight operation. Rule: each sold seat is one booking —
 * CONFIRMED when the flight operates, REFUNDED (refund = total) when it is cancelled; then the
 * customer cancellations, REFUNDED in full on refundable fares (F, J, Y) and CANCELLED without
 * refund otherwise. So per cabin, passengers = count of CONFIRMED bookings.
 */
export class BookingSim {
  readonly #rng = new Rng()
  readonly #seatMul: Uint8Array
  readonly values: BookingValues = {
    key: 0,
    customerKey: 0,
    bookingDateIndex: 0,
    cabin: 3,
    fareClass: 'Y',
    channel: 'WEB',
    status: 'CONFIRMED',
    seat: '',
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
  }
  readonly totals: BookingTotals = {
    revenue: new Float64Array(4),
    ancillary: 0,
    refunds: 0,
    confirmed: 0,
  }

  readonly #labels: (readonly (readonly string[])[])[] = []

  constructor(seatMul: Uint8Array) {
    this.#seatMul = seatMul
  }

  /** Seat labels ('12C') per cabin of a type: rows numbered from the front, cabin by cabin. */
  #seatLabels(typeIndex: number, type: AircraftTypeRef): readonly (readonly string[])[] {
    let labels = this.#labels[typeIndex]
    if (!labels) {
      const seats = [
        type.seatsFirst,
        type.seatsBusiness,
        type.seatsPremiumEconomy,
        type.seatsEconomy,
      ]
      let rowStart = 1
      labels = seats.map((n, k) => {
        const abreast = type.abreast[k] as number
        const letters = SEAT_LETTERS[abreast] ?? 'ABCDEF'
        const list = Array.from(
          { length: n },
          (_, s) => `${rowStart + Math.floor(s / abreast)}${letters[s % abreast]}`,
        )
        rowStart += Math.ceil(n / abreast)
        return list
      })
      this.#labels[typeIndex] = labels
    }
    return labels
  }

  /**
   * Runs the bookings of `op` (already simulated) with keys from `firstKey`, calling `emit`
   * for each; totals are left in `this.totals`.
   */
  run(op: OperationSim, firstKey: number, emit?: (v: BookingValues) => void): void {
    const w = op.world
    const r = this.#rng.reseed(w.params.seed, STREAM.booking, op.op)
    const v = this.values
    const t = this.totals
    t.revenue.fill(0)
    t.ancillary = 0
    t.refunds = 0
    t.confirmed = 0
    const type = w.types[op.type]!
    const seats = w.seats(op.type)
    const distance = w.flightDistance[op.flight] as number
    const intl = op.international
    const economyFare = 55 + 0.115 * distance
    const demand = 1 + 0.8 * w.loadOffset(op.dateIndex)
    const C = w.customerCount
    let key = firstKey
    const labels = this.#seatLabels(op.type, type)
    for (let k = 0 as Cabin; k < 4; k = (k + 1) as Cabin) {
      const sold = op.sold[k] as number
      const n = seats[k] as number
      const mul = this.#seatMul[op.type * 4 + k] as number
      const cabinLabels = labels[k] as readonly string[]
      for (let j = 0; j < sold; j++) {
        this.#one(op, r, v, k, key++, economyFare, demand, distance, intl, C, false)
        if (!op.cancelled) v.seat = cabinLabels[(j * mul + op.op) % n] as string
        emit?.(v)
      }
    }
    for (let j = 0; j < op.customerCancelled; j++) {
      const u = r.int(op.soldTotal || 1)
      let k = 3 as Cabin
      for (let c = 0, acc = 0; c < 4; c++) {
        acc += op.sold[c] as number
        if (u < acc) {
          k = c as Cabin
          break
        }
      }
      this.#one(op, r, v, k, key++, economyFare, demand, distance, intl, C, true)
      emit?.(v)
    }
  }

  #one(
    op: OperationSim,
    r: Rng,
    v: BookingValues,
    k: Cabin,
    key: number,
    economyFare: number,
    demand: number,
    distance: number,
    intl: boolean,
    C: number,
    customerCancel: boolean,
  ): void {
    const w = op.world
    v.key = key
    v.cabin = k
    const lead = 1 + Math.min(MAX_LEAD - 1, Math.floor(r.exponential(CABIN_LEAD[k] as number)))
    v.lead = lead
    v.bookingDateIndex = op.dateIndex - lead
    const u = r.float()
    const rank = Math.floor(C * u * u)
    v.customerKey = w.customerKeyOfRank(rank)
    const tier = tierOfRank(rank, C)
    v.channel = CHANNELS[r.pick(CHANNEL_CUM)] as string
    // Fares rise with distance, cabin, short lead time and peak demand; lognormal noise.
    const leadFactor = 0.86 + 1.1 * Math.exp(-lead / 9)
    const premiumIntl = intl && k < 3 ? 1.35 : 1
    const fare =
      economyFare *
      (CABIN_FARE[k] as number) *
      premiumIntl *
      leadFactor *
      demand *
      Math.exp(0.2 * r.normal())
    const award = r.chance(0.03)
    const fareCents = Math.round(fare * 100)
    v.baseFare = award ? 0 : fareCents
    v.milesRedeemed = award ? Math.round(fare * 0.8) * 100 : 0
    v.fareClass =
      k === 0
        ? lead < 14
          ? 'F'
          : 'A'
        : k === 1
          ? lead < 14
            ? 'J'
            : lead < 45
              ? 'C'
              : 'D'
          : k === 2
            ? lead < 21
              ? 'W'
              : 'P'
            : lead < 7
              ? 'Y'
              : lead < 14
                ? 'B'
                : lead < 21
                  ? 'M'
                  : lead < 45
                    ? 'Q'
                    : lead < 90
                      ? 'L'
                      : 'T'
    v.taxes = intl
      ? TAXES.internationalTaxCents +
        TAXES.internationalUserFeesCents +
        TAXES.securityFeeCents +
        Math.round(v.baseFare * TAXES.foreignTaxRate)
      : Math.round(v.baseFare * TAXES.domesticExciseRate) +
        TAXES.segmentFeeCents +
        TAXES.securityFeeCents +
        TAXES.pfcCents
    let fees = v.channel === 'CALL_CENTER' ? 2500 : 0
    if (k === 3 && r.chance(0.22)) fees += 1500 + 500 * r.int(8) + (distance > 2000 ? 2000 : 0)
    v.fees = fees
    const bags = r.pick(
      k < 3 ? BAGS_PREMIUM : intl ? BAGS_INTERNATIONAL_ECONOMY : BAGS_DOMESTIC_ECONOMY,
    )
    v.bags = bags
    v.bagFees = bagFeeCents(k, intl, tier < 3, bags)
    v.total = v.baseFare + v.taxes + v.fees + v.bagFees
    const refundable = REFUNDABLE.has(v.fareClass)
    v.seat = ''
    if (customerCancel) v.status = refundable ? 'REFUNDED' : 'CANCELLED'
    else v.status = op.cancelled ? 'REFUNDED' : 'CONFIRMED'
    v.refund = v.status === 'REFUNDED' ? v.total : 0
    v.milesEarned =
      v.status === 'CONFIRMED'
        ? Math.floor((v.baseFare / 100) * (MILES_PER_DOLLAR[tier] as number))
        : 0
    v.createdAt = (w.dateFirst + v.bookingDateIndex) * 86400 + r.int(86400)
    const t = this.totals
    if (v.status === 'CONFIRMED') {
      t.revenue[k] = (t.revenue[k] as number) + v.baseFare
      t.ancillary += v.fees + v.bagFees
      t.confirmed++
    }
    t.refunds += v.refund
  }
}
