/**
 * The realism anchors and prices the generator is tuned to, in one place, with sources.
 * Figures retrieved 2024; fees and taxes change — treat them as a dated snapshot.
 */

/**
 * BTS airline on-time statistics (data.bts.gov/stories/s/Performance/939q-bf5e and the
 * bts.gov on-time tables): on-time arrival (< 15 min late) 77–85 %, cancellations 1–2 %,
 * diversions ≈ 0.2 %, cancellation causes since 2018 weather ≈ 52 %, carrier ≈ 33 %,
 * NAS ≈ 15 %, security < 1 %; the busiest delay airports ORD, DFW, DEN, ATL.
 * US domestic passenger load factor: low-to-mid 80s percent (BTS T-100).
 */
export const BTS_TARGETS = Object.freeze({
  onTimeArrival: [0.77, 0.85] as const,
  cancellationRate: [0.01, 0.02] as const,
  diversionRate: 0.002,
  cancellationCauses: Object.freeze({ B: 0.52, A: 0.33, C: 0.148, D: 0.002 }),
  loadFactor: [0.78, 0.88] as const,
})

/** Share of delay minutes by BTS cause (BTS "Understanding the Reporting of Causes of Flight Delays"). */
export const DELAY_CAUSE_SHARES = Object.freeze({
  carrier: 0.33,
  weather: 0.05,
  nas: 0.23,
  security: 0.002,
  lateAircraft: 0.388,
})

/** Relative delay propensity by origin airport (1 = average); BTS ranks these highest. */
export const AIRPORT_DELAY_FACTOR: Readonly<Record<string, number>> = Object.freeze({
  ORD: 1.45,
  DFW: 1.4,
  DEN: 1.4,
  ATL: 1.3,
  EWR: 1.35,
  JFK: 1.25,
  LGA: 1.25,
  SFO: 1.2,
  MCO: 1.15,
  MIA: 1.1,
  BOS: 1.1,
  LAS: 1.05,
})

/** Monthly delay propensity: winter storms and summer thunderstorms/peak traffic. */
export const MONTH_DELAY_FACTOR = Object.freeze([
  1.2, 1.15, 0.95, 0.85, 0.95, 1.3, 1.35, 1.15, 0.7, 0.75, 0.8, 1.25,
])

/** Monthly cancellation propensity (winter weather first). */
export const MONTH_CANCEL_FACTOR = Object.freeze([
  1.6, 1.5, 1.0, 0.8, 0.8, 1.0, 1.1, 1.0, 0.6, 0.6, 0.6, 1.3,
])

/** Monthly demand (load factor offset), from the BTS T-100 seasonal pattern. */
export const MONTH_LOAD_OFFSET = Object.freeze([
  -0.07, -0.05, 0.02, 0, 0.02, 0.05, 0.06, 0.03, -0.05, -0.02, -0.01, 0.01,
])

/**
 * US ticket taxes and fees (cents): 7.5 % excise tax on the base fare and the per-segment tax
 * (IRS Pub. 510 / 26 U.S.C. 4261, 2024: $5.20), the September 11th Security Fee ($5.60 per
 * one-way trip, TSA), a Passenger Facility Charge of $4.50 (FAA maximum); on international
 * departures the international transportation tax ($22.20 in 2024) plus customs, immigration
 * and APHIS user fees (≈ $17.70) and foreign taxes (approximated as 6 % of the fare).
 */
export const TAXES = Object.freeze({
  domesticExciseRate: 0.075,
  segmentFeeCents: 520,
  securityFeeCents: 560,
  pfcCents: 450,
  internationalTaxCents: 2220,
  internationalUserFeesCents: 1770,
  foreignTaxRate: 0.06,
})

/**
 * Checked-bag fees (cents) of the large US network carriers after the 2024 increases
 * (e.g. united.com "Checked bag fees", delta.com "Baggage fees"): domestic economy $35 first,
 * $45 second, $150 each further bag; transatlantic/transpacific economy first bag free, $100
 * second, $200 further; first, business and premium economy check two bags free; elite
 * loyalty members (SILVER and above) check their first bag free.
 */
export const BAG_FEES = Object.freeze({
  domesticEconomy: Object.freeze([3500, 4500, 15000]),
  internationalEconomy: Object.freeze([0, 10000, 20000]),
  premiumFreeBags: 2,
  premiumExtraBagCents: 15000,
})

/**
 * Excess-baggage charges (cents) collected at check-in, per checked bag, as the large US
 * network carriers publish them (united.com, aa.com, delta.com "Overweight and oversize bags";
 * figures as quoted by secondary sources, e.g. farecompare.com — unconfirmed against the
 * carriers' current pages): overweight 51–70 lb $100, waived in first and business, whose
 * allowance is 70 lb; 71–100 lb $200; oversize (63–115 linear inches) $200. The shares of
 * checked bags that are overweight, heavy or oversize are our own estimates (no public
 * statistics found): 2.5 %, 0.3 % and 0.4 %. Passengers whose flight did not operate, or who
 * cancelled, checked no bags: they pay none.
 */
export const EXCESS_BAGGAGE = Object.freeze({
  overweightShare: 0.025,
  heavyShare: 0.003,
  oversizeShare: 0.004,
  overweightCents: 10000,
  heavyCents: 20000,
  oversizeCents: 20000,
})

/**
 * The excess-baggage charge (cents) of one checked bag, from a uniform draw `u` in [0, 1):
 * the rule the `baggage_fee` column (the sum over a booking's checked bags) follows.
 * @example excessBagCents(3, 0.001) // 20000: an oversize bag
 */
export function excessBagCents(cabin: Cabin, u: number): number {
  const x = EXCESS_BAGGAGE
  if (u < x.oversizeShare) return x.oversizeCents
  if (u < x.oversizeShare + x.heavyShare) return x.heavyCents
  if (u < x.oversizeShare + x.heavyShare + x.overweightShare)
    return cabin < 2 ? 0 : x.overweightCents
  return 0
}

/** Cabin names as stored in `cabin_class`. */
export const CABINS = Object.freeze(['FIRST', 'BUSINESS', 'PREMIUM_ECONOMY', 'ECONOMY'] as const)
export type Cabin = 0 | 1 | 2 | 3

/**
 * The checked-bag fee (cents) for one booking: the rule the `bag_fees` column follows.
 * @example bagFeeCents(3, false, false, 2) // 8000: $35 + $45
 */
export function bagFeeCents(
  cabin: Cabin,
  international: boolean,
  elite: boolean,
  bags: number,
): number {
  let fee = 0
  for (let i = elite ? 1 : 0; i < bags; i++) {
    if (cabin !== 3) fee += i < BAG_FEES.premiumFreeBags ? 0 : BAG_FEES.premiumExtraBagCents
    else {
      const table = international ? BAG_FEES.internationalEconomy : BAG_FEES.domesticEconomy
      fee += table[Math.min(i, 2)] as number
    }
  }
  return fee
}
