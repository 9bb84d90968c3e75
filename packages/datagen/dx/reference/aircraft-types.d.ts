/**
 * Real aircraft types with the cabin layouts of one US operator each, and manufacturer ranges.
 *
 * Layout sources (operator seat maps as published in 2024; operators reconfigure, so treat as
 * a snapshot): Delta "Aircraft & seat maps" (delta.com/us/en/aircraft) for A321neo, A350-900,
 * CRJ900 and A320; United "Our fleet" (united.com/ual/en/us/fly/travel/inflight/aircraft)
 * for 737 MAX 8, 787-9 and E175; American "Aircraft" (aa.com/i18n/travel-info/experience/
 * planes) for 737-800 and 777-300ER. Ranges and cruise speeds: Airbus, Boeing, Embraer and
 * Bombardier/Mitsubishi type specifications (nautical miles converted to statute miles).
 * `maxCargoKg` is an approximate usable belly-cargo payload (manufacturer planning figures).
 */
export interface AircraftTypeRef {
    /** IATA type designator. */
    readonly code: string;
    readonly manufacturer: string;
    readonly model: string;
    readonly bodyType: 'narrowbody' | 'widebody' | 'regional';
    readonly seatsFirst: number;
    readonly seatsBusiness: number;
    readonly seatsPremiumEconomy: number;
    readonly seatsEconomy: number;
    readonly rangeMiles: number;
    readonly cruiseSpeedMph: number;
    readonly maxCargoKg: number;
    /** Seats abreast per cabin (first/business, premium, economy), for seat numbers. */
    readonly abreast: readonly [number, number, number, number];
    readonly layoutSource: string;
}
export declare const AIRCRAFT_TYPES: readonly AircraftTypeRef[];
/** Total seats of a type. */
export declare const totalSeats: (a: AircraftTypeRef) => number;
//# sourceMappingURL=aircraft-types.d.ts.map