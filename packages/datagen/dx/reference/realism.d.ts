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
export declare const BTS_TARGETS: Readonly<{
    onTimeArrival: readonly [0.77, 0.85];
    cancellationRate: readonly [0.01, 0.02];
    diversionRate: 0.002;
    cancellationCauses: Readonly<{
        B: 0.52;
        A: 0.33;
        C: 0.148;
        D: 0.002;
    }>;
    loadFactor: readonly [0.78, 0.88];
}>;
/** Share of delay minutes by BTS cause (BTS "Understanding the Reporting of Causes of Flight Delays"). */
export declare const DELAY_CAUSE_SHARES: Readonly<{
    carrier: 0.33;
    weather: 0.05;
    nas: 0.23;
    security: 0.002;
    lateAircraft: 0.388;
}>;
/** Relative delay propensity by origin airport (1 = average); BTS ranks these highest. */
export declare const AIRPORT_DELAY_FACTOR: Readonly<Record<string, number>>;
/** Monthly delay propensity: winter storms and summer thunderstorms/peak traffic. */
export declare const MONTH_DELAY_FACTOR: readonly number[];
/** Monthly cancellation propensity (winter weather first). */
export declare const MONTH_CANCEL_FACTOR: readonly number[];
/** Monthly demand (load factor offset), from the BTS T-100 seasonal pattern. */
export declare const MONTH_LOAD_OFFSET: readonly number[];
/**
 * US ticket taxes and fees (cents): 7.5 % excise tax on the base fare and the per-segment tax
 * (IRS Pub. 510 / 26 U.S.C. 4261, 2024: $5.20), the September 11th Security Fee ($5.60 per
 * one-way trip, TSA), a Passenger Facility Charge of $4.50 (FAA maximum); on international
 * departures the international transportation tax ($22.20 in 2024) plus customs, immigration
 * and APHIS user fees (≈ $17.70) and foreign taxes (approximated as 6 % of the fare).
 */
export declare const TAXES: Readonly<{
    domesticExciseRate: 0.075;
    segmentFeeCents: 520;
    securityFeeCents: 560;
    pfcCents: 450;
    internationalTaxCents: 2220;
    internationalUserFeesCents: 1770;
    foreignTaxRate: 0.06;
}>;
/**
 * Checked-bag fees (cents) of the large US network carriers after the 2024 increases
 * (e.g. united.com "Checked bag fees", delta.com "Baggage fees"): domestic economy $35 first,
 * $45 second, $150 each further bag; transatlantic/transpacific economy first bag free, $100
 * second, $200 further; first, business and premium economy check two bags free; elite
 * loyalty members (SILVER and above) check their first bag free.
 */
export declare const BAG_FEES: Readonly<{
    domesticEconomy: readonly number[];
    internationalEconomy: readonly number[];
    premiumFreeBags: 2;
    premiumExtraBagCents: 15000;
}>;
/** Cabin names as stored in `cabin_class`. */
export declare const CABINS: readonly ["FIRST", "BUSINESS", "PREMIUM_ECONOMY", "ECONOMY"];
export type Cabin = 0 | 1 | 2 | 3;
/**
 * The checked-bag fee (cents) for one booking: the rule the `bag_fees` column follows.
 * @example bagFeeCents(3, false, false, 2) // 8000: $35 + $45
 */
export declare function bagFeeCents(cabin: Cabin, international: boolean, elite: boolean, bags: number): number;
//# sourceMappingURL=realism.d.ts.map