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
  readonly code: string
  readonly manufacturer: string
  readonly model: string
  readonly bodyType: 'narrowbody' | 'widebody' | 'regional'
  readonly seatsFirst: number
  readonly seatsBusiness: number
  readonly seatsPremiumEconomy: number
  readonly seatsEconomy: number
  readonly rangeMiles: number
  readonly cruiseSpeedMph: number
  readonly maxCargoKg: number
  /** Seats abreast per cabin (first/business, premium, economy), for seat numbers. */
  readonly abreast: readonly [number, number, number, number]
  readonly layoutSource: string
}

const t = (r: AircraftTypeRef): AircraftTypeRef => Object.freeze(r)

export const AIRCRAFT_TYPES: readonly AircraftTypeRef[] = Object.freeze([
  t({
    code: '320',
    manufacturer: 'Airbus',
    model: 'A320-200',
    bodyType: 'narrowbody',
    seatsFirst: 16,
    seatsBusiness: 0,
    seatsPremiumEconomy: 0,
    seatsEconomy: 141,
    rangeMiles: 3800,
    cruiseSpeedMph: 515,
    maxCargoKg: 3700,
    abreast: [4, 4, 6, 6],
    layoutSource: 'Delta A320 (16 First, 18 Comfort+ counted as economy, 123 Main)',
  }),
  t({
    code: '32Q',
    manufacturer: 'Airbus',
    model: 'A321neo',
    bodyType: 'narrowbody',
    seatsFirst: 20,
    seatsBusiness: 0,
    seatsPremiumEconomy: 0,
    seatsEconomy: 174,
    rangeMiles: 4000,
    cruiseSpeedMph: 515,
    maxCargoKg: 5000,
    abreast: [4, 4, 6, 6],
    layoutSource: 'Delta A321neo (20 First, 42 Comfort+ and 132 Main as economy)',
  }),
  t({
    code: '738',
    manufacturer: 'Boeing',
    model: '737-800',
    bodyType: 'narrowbody',
    seatsFirst: 16,
    seatsBusiness: 0,
    seatsPremiumEconomy: 0,
    seatsEconomy: 156,
    rangeMiles: 3380,
    cruiseSpeedMph: 520,
    maxCargoKg: 4500,
    abreast: [4, 4, 6, 6],
    layoutSource: 'American 737-800 (16 First, 24 Main Cabin Extra and 132 Main as economy)',
  }),
  t({
    code: '7M8',
    manufacturer: 'Boeing',
    model: '737 MAX 8',
    bodyType: 'narrowbody',
    seatsFirst: 16,
    seatsBusiness: 0,
    seatsPremiumEconomy: 0,
    seatsEconomy: 150,
    rangeMiles: 4080,
    cruiseSpeedMph: 521,
    maxCargoKg: 4500,
    abreast: [4, 4, 6, 6],
    layoutSource: 'United 737 MAX 8 (16 First, 54 Economy Plus and 96 Economy as economy)',
  }),
  t({
    code: 'E75',
    manufacturer: 'Embraer',
    model: 'E175',
    bodyType: 'regional',
    seatsFirst: 12,
    seatsBusiness: 0,
    seatsPremiumEconomy: 0,
    seatsEconomy: 64,
    rangeMiles: 2530,
    cruiseSpeedMph: 500,
    maxCargoKg: 1200,
    abreast: [3, 3, 4, 4],
    layoutSource: 'United Express E175 (12 First, 16 Economy Plus and 48 Economy as economy)',
  }),
  t({
    code: 'CR9',
    manufacturer: 'Mitsubishi (Bombardier)',
    model: 'CRJ900',
    bodyType: 'regional',
    seatsFirst: 12,
    seatsBusiness: 0,
    seatsPremiumEconomy: 0,
    seatsEconomy: 64,
    rangeMiles: 1800,
    cruiseSpeedMph: 515,
    maxCargoKg: 1000,
    abreast: [3, 3, 4, 4],
    layoutSource: 'Delta Connection CRJ900 (12 First, 20 Comfort+ and 44 Main as economy)',
  }),
  t({
    code: '789',
    manufacturer: 'Boeing',
    model: '787-9',
    bodyType: 'widebody',
    seatsFirst: 0,
    seatsBusiness: 48,
    seatsPremiumEconomy: 21,
    seatsEconomy: 188,
    rangeMiles: 8700,
    cruiseSpeedMph: 561,
    maxCargoKg: 18000,
    abreast: [4, 4, 7, 9],
    layoutSource:
      'United 787-9 (48 Polaris, 21 Premium Plus, 39 Economy Plus and 149 Economy as economy)',
  }),
  t({
    code: '77W',
    manufacturer: 'Boeing',
    model: '777-300ER',
    bodyType: 'widebody',
    seatsFirst: 8,
    seatsBusiness: 52,
    seatsPremiumEconomy: 28,
    seatsEconomy: 216,
    rangeMiles: 8480,
    cruiseSpeedMph: 554,
    maxCargoKg: 22000,
    abreast: [4, 4, 8, 10],
    layoutSource:
      'American 777-300ER (8 Flagship First, 52 Flagship Business, 28 Premium Economy, 216 Main)',
  }),
  t({
    code: '359',
    manufacturer: 'Airbus',
    model: 'A350-900',
    bodyType: 'widebody',
    seatsFirst: 0,
    seatsBusiness: 32,
    seatsPremiumEconomy: 48,
    seatsEconomy: 226,
    rangeMiles: 9320,
    cruiseSpeedMph: 561,
    maxCargoKg: 19000,
    abreast: [4, 4, 8, 9],
    layoutSource:
      'Delta A350-900 (32 Delta One, 48 Premium Select, 36 Comfort+ and 190 Main as economy)',
  }),
])

/** Total seats of a type. */
export const totalSeats = (a: AircraftTypeRef): number =>
  a.seatsFirst + a.seatsBusiness + a.seatsPremiumEconomy + a.seatsEconomy
