/**
 * Real airports: the busiest US airports by passenger boardings plus international hubs.
 *
 * Sources (retrieved 2024): ranking and `weight` (approximate annual passengers, millions) from
 * the FAA "Passenger Boarding (Enplanement) and All-Cargo Data for U.S. Airports", CY2023, and
 * ACI World traffic for the non-US hubs; coordinates (WGS84, 4 decimals) and names from
 * OurAirports (ourairports.com/data, public domain); IANA time zones from the tz database.
 * `region` is this project's reporting region (used by the row-level-security example).
 */
export interface AirportRef {
    readonly code: string;
    readonly name: string;
    readonly city: string;
    readonly state: string | null;
    readonly country: string;
    readonly countryCode: string;
    readonly region: string;
    readonly lat: number;
    readonly lon: number;
    readonly tz: string;
    /** Approximate passengers per year (millions); drives route and customer choice. */
    readonly weight: number;
}
/** All reference airports, US first (in boarding order), then international hubs. */
export declare const AIRPORTS: readonly AirportRef[];
/**
 * The fictional carrier's hubs. The first four are also BTS's busiest delay airports; JFK and
 * LAX are the long-haul gateways.
 */
export declare const HUBS: readonly string[];
/** Gateways from which long-haul international flights leave. */
export declare const GATEWAYS: readonly string[];
//# sourceMappingURL=airports.d.ts.map