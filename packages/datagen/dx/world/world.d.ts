import { type AircraftTypeRef } from '../reference/aircraft-types.js';
import { type AirportRef } from '../reference/airports.js';
/** What the whole data set is a function of. */
export interface WorldParams {
    readonly seed: number;
    readonly scale: number;
    /** First flight date, as days since 1970-01-01. */
    readonly startDay: number;
    /** Number of flight days. */
    readonly days: number;
}
/** Bookings are made up to this many days before the flight. */
export declare const MAX_LEAD_DAYS = 330;
/** Flight operations per day at scale 1 (≈ 1,000,000 bookings over 365 days). */
export declare const OPS_PER_DAY_AT_SCALE_1 = 17.6;
/** Customers at scale 1; the customer dimension grows with scale^0.75. */
export declare const CUSTOMERS_AT_SCALE_1 = 250000;
/** Days around a federal holiday that count as the holiday travel peak. */
export declare const HOLIDAY_WINDOW = 3;
/**
 * Everything that does not depend on a single row: calendar, airports, routes, fleet,
 * schedule and the customer permutation. It is a pure function of the parameters, cheap to
 * build (tens of milliseconds), and rebuilt by each worker instead of being shipped to it.
 */
export declare class World {
    readonly params: WorldParams;
    readonly dateFirst: number;
    readonly dateCount: number;
    readonly flightDateIndex0: number;
    readonly holidayName: readonly (string | undefined)[];
    readonly holidayNear: Uint8Array;
    readonly month: Uint8Array;
    /** YYYYMMDD per date index. */
    readonly dateKey: Int32Array;
    readonly dow: Uint8Array;
    readonly airports: readonly AirportRef[];
    readonly airportTz: Uint8Array;
    readonly tzOffsets: Int16Array;
    readonly delayFactor: Float64Array;
    readonly isHubAirport: Uint8Array;
    readonly types: readonly AircraftTypeRef[];
    readonly flightCount: number;
    readonly flightOrigin: Uint16Array;
    readonly flightDest: Uint16Array;
    readonly flightType: Uint8Array;
    readonly flightAirframe: Uint32Array;
    readonly flightDistance: Uint32Array;
    readonly flightDuration: Uint16Array;
    readonly flightDepA: Uint16Array;
    readonly flightDepB: Uint16Array;
    /** Date index from which version B applies; 0xffff when the flight never changes. */
    readonly flightChange: Uint16Array;
    readonly flightKeyA: Uint32Array;
    readonly flightKeyB: Uint32Array;
    readonly flightVersionCount: number;
    readonly flightNumber: readonly string[];
    readonly airframeType: Uint8Array;
    readonly typeFirstAirframe: Uint32Array;
    readonly typeAirframes: Uint32Array;
    readonly opsTotal: number;
    readonly opsBefore: Int32Array;
    readonly customerCount: number;
    readonly customerMul: number;
    readonly customerMulInv: number;
    readonly customerAdd: number;
    readonly homeAirports: Float64Array;
    readonly seatMul: Uint8Array;
    /** `tzOffsets`: this world's own table from an earlier build (it is a pure function of params). */
    constructor(params: WorldParams, tzOffsets?: Int16Array);
    /** Relative travel demand of a date (by date index). */
    dayDemand(dateIndex: number): number;
    /** Load-factor offset of a date (seasonal, weekday, holiday peak). */
    loadOffset(dateIndex: number): number;
    monthDelayFactor(dateIndex: number): number;
    monthCancelFactor(dateIndex: number): number;
    /** The flight day (0-based) of an operation index, by bisection of the schedule. */
    opDay(op: number): number;
    /** The logical flight flown by operation `op` on flight day `day` (distinct within a day). */
    opFlight(op: number, day: number): number;
    /** Customer key (1-based) of an activity rank (0 = most frequent flyer). */
    customerKeyOfRank(rank: number): number;
    /** Activity rank of a customer key; the inverse of `customerKeyOfRank`. */
    customerRankOfKey(key: number): number;
    /** UTC offset (minutes) of an airport on a date index. */
    offset(airport: number, dateIndex: number): number;
    seats(type: number): readonly [number, number, number, number];
    totalSeats(type: number): number;
}
//# sourceMappingURL=world.d.ts.map