// dist/errors.js
var DatagenError = class extends Error {
  code;
  field;
  value;
  constructor(code, message, details = {}) {
    super(message, details.cause === void 0 ? void 0 : { cause: details.cause });
    this.name = "DatagenError";
    this.code = code;
    this.field = details.field;
    this.value = details.value;
  }
};
function invalidOption(field2, value, fix) {
  throw new DatagenError("INVALID_OPTION", `Invalid datagen option ${field2}: ${JSON.stringify(value)}. ${fix}`, { field: field2, value });
}

// dist/generate.js
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

// ../schema/dist/errors.js
var SchemaError = class extends Error {
  name = "SchemaError";
  /** Stable machine-readable reason. */
  code;
  /** The input field (config path, option name, model path) that held the bad value. */
  field;
  /** The offending value, as given. */
  value;
  constructor(code, field2, value, message, options) {
    super(message, options?.cause === void 0 ? void 0 : { cause: options.cause });
    this.code = code;
    this.field = field2;
    this.value = value;
  }
};
var IdentifierError = class extends SchemaError {
  name = "IdentifierError";
};

// ../schema/dist/identifiers.js
var REDSHIFT_MAX_IDENTIFIER_BYTES = 127;
var REDSHIFT_RESERVED_WORDS = Object.freeze(new Set(`AES128 AES256 ALL ALLOWOVERWRITE ANALYSE ANALYZE AND ANY ARRAY AS ASC AUTHORIZATION AZ64
BACKUP BETWEEN BINARY BLANKSASNULL BOTH BYTEDICT BZIP2 CASE CAST CHECK COLLATE COLUMN
CONSTRAINT CREATE CREDENTIALS CROSS CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER
CURRENT_USER_ID DEFAULT DEFERRABLE DEFLATE DEFRAG DELTA DELTA32K DESC DISABLE DISTINCT DO ELSE
EMPTYASNULL ENABLE ENCODE ENCRYPT ENCRYPTION END EXCEPT EXPLICIT FALSE FOR FOREIGN FREEZE FROM
FULL GLOBALDICT256 GLOBALDICT64K GRANT GROUP GZIP HAVING IDENTITY IGNORE ILIKE IN INITIALLY
INNER INTERSECT INTERVAL INTO IS ISNULL JOIN LEADING LEFT LIKE LIMIT LOCALTIME LOCALTIMESTAMP
LUN LUNS LZO LZOP MINUS MOSTLY16 MOSTLY32 MOSTLY8 NATURAL NEW NOT NOTNULL NULL NULLS OFF
OFFLINE OFFSET OID OLD ON ONLY OPEN OR ORDER OUTER OVERLAPS PARALLEL PARTITION PERCENT
PERMISSIONS PIVOT PLACING PRIMARY RAW READRATIO RECOVER REFERENCES REJECTLOG RESORT RESPECT
RESTORE RIGHT SELECT SESSION_USER SIMILAR SNAPSHOT SOME SYSDATE SYSTEM TABLE TAG TDES TEXT255
TEXT32K THEN TIMESTAMP TO TOP TRAILING TRUE TRUNCATECOLUMNS UNION UNIQUE UNNEST UNPIVOT USER
USING VERBOSE WALLET WHEN WHERE WITH WITHOUT`.split(/\s+/).map((w) => w.toLowerCase())));
var encoder = new TextEncoder();
var utf8Length = (s) => encoder.encode(s).length;
var describe = (value) => typeof value === "string" ? JSON.stringify(value) : String(value);
function checkLength(name, field2, maxBytes) {
  if (name.length === 0) {
    throw new IdentifierError("IDENTIFIER_EMPTY", field2, name, `${field2}: the name is empty; give a name of 1 to ${maxBytes} bytes, e.g. "airline_dw".`);
  }
  const bytes = utf8Length(name);
  if (bytes > maxBytes) {
    throw new IdentifierError("IDENTIFIER_TOO_LONG", field2, name, `${field2}: ${describe(name)} is ${bytes} bytes of UTF-8; names are limited to ${maxBytes} bytes. Shorten it.`);
  }
}
var CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
function quoteIdent(name, field2 = "identifier") {
  if (typeof name !== "string") {
    throw new IdentifierError("IDENTIFIER_NOT_A_STRING", field2, name, `${field2}: expected a name (string), got ${name === null ? "null" : typeof name}.`);
  }
  checkLength(name, field2, REDSHIFT_MAX_IDENTIFIER_BYTES);
  const bad = CONTROL.exec(name);
  if (bad) {
    throw new IdentifierError("IDENTIFIER_INVALID_CHARACTER", field2, name, `${field2}: ${describe(name)} contains the control character U+${(bad[0].codePointAt(0) ?? 0).toString(16).padStart(4, "0").toUpperCase()}; identifiers may contain only printable characters. Remove it.`);
  }
  if (/[\ud800-\udfff]/u.test(name.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ""))) {
    throw new IdentifierError("IDENTIFIER_INVALID_CHARACTER", field2, name, `${field2}: ${describe(name)} contains a lone UTF-16 surrogate, which is not valid UTF-8. Fix the string's encoding.`);
  }
  return `"${name.replaceAll('"', '""')}"`;
}
function quoteLiteral(value, options = {}) {
  const field2 = options.field ?? "literal";
  if (typeof value !== "string") {
    throw new SchemaError("LITERAL_NOT_A_STRING", field2, value, `${field2}: expected a string, got ${value === null ? "null" : typeof value}.`);
  }
  if (value.includes("\0")) {
    throw new SchemaError("LITERAL_NUL", field2, value, `${field2}: the value contains a NUL character (U+0000), which SQL strings cannot hold. Remove it.`);
  }
  let body = value.replaceAll("'", "''");
  if (body.includes("\\")) {
    if (options.target === void 0) {
      throw new SchemaError("LITERAL_BACKSLASH", field2, value, `${field2}: the value contains a backslash, which Redshift reads as an escape and PostgreSQL does not; pass { target: 'redshift' } or { target: 'postgres' } to quoteLiteral.`);
    }
    if (options.target === "redshift")
      body = body.replaceAll("\\", "\\\\");
  }
  return `'${body}'`;
}

// ../schema/dist/model/column.js
var _a;
var ColumnBuilder = class {
  type;
  nullable;
  hasDefault;
  default;
  identity;
  encode;
  comment;
  constructor(init) {
    this.type = init.type;
    this.nullable = init.nullable;
    this.hasDefault = init.hasDefault;
    if (init.default !== void 0)
      this.default = init.default;
    this.identity = init.identity;
    if (init.encode !== void 0)
      this.encode = init.encode;
    if (init.comment !== void 0)
      this.comment = init.comment;
    Object.freeze(this);
  }
  #with(patch) {
    return new _a({ ...this.#plain(), ...patch });
  }
  #plain() {
    const c = {
      type: this.type,
      nullable: this.nullable,
      hasDefault: this.hasDefault,
      identity: this.identity
    };
    if (this.default !== void 0)
      c.default = this.default;
    if (this.encode !== void 0)
      c.encode = this.encode;
    if (this.comment !== void 0)
      c.comment = this.comment;
    return c;
  }
  /** Allows NULL. */
  nullable_() {
    return this.#with({ nullable: true });
  }
  /** A default the database fills in when the insert omits the column. */
  defaultTo(value) {
    return this.#with({ hasDefault: true, default: { kind: "literal", value } });
  }
  /** Defaults to the current timestamp (Redshift `GETDATE()`, Postgres `now()`). */
  defaultNow() {
    return this.#with({ hasDefault: true, default: { kind: "current_timestamp" } });
  }
  /** An identity column (Redshift `IDENTITY(1,1)`, Postgres `GENERATED BY DEFAULT AS IDENTITY`). */
  identity_() {
    return this.#with({ hasDefault: true, identity: true });
  }
  /** The Redshift compression encoding. */
  encoding(encode) {
    return this.#with({ encode });
  }
  /** A comment rendered as `COMMENT ON COLUMN`. */
  describe(comment) {
    return this.#with({ comment });
  }
};
_a = ColumnBuilder;
var make = (type, encode) => new ColumnBuilder({
  type: Object.freeze(type),
  nullable: false,
  hasDefault: false,
  identity: false,
  ...encode ? { encode } : {}
});
var col = {
  smallint: () => make({ kind: "smallint" }, "AZ64"),
  integer: () => make({ kind: "integer" }, "AZ64"),
  bigint: () => make({ kind: "bigint" }, "AZ64"),
  decimal: (precision, scale) => make({ kind: "decimal", precision, scale }, "AZ64"),
  double: () => make({ kind: "double" }, "RAW"),
  varchar: (length) => make({ kind: "varchar", length }, "ZSTD"),
  char: (length) => make({ kind: "char", length }, "ZSTD"),
  boolean: () => make({ kind: "boolean" }, "RAW"),
  date: () => make({ kind: "date" }, "AZ64"),
  // AZ64 does not support TIME (only integer, decimal, date and timestamp types): ZSTD.
  time: () => make({ kind: "time" }, "ZSTD"),
  timestamp: () => make({ kind: "timestamp" }, "AZ64")
};

// ../schema/dist/model/table.js
function defineTable(def) {
  return Object.freeze({ ...def, columns: Object.freeze(def.columns) });
}
function fk(column, schema, table, refColumn) {
  return Object.freeze({
    columns: Object.freeze([column]),
    references: Object.freeze({ schema, table, columns: Object.freeze([refColumn]) })
  });
}

// ../schema/dist/model/airline-model.js
var DW = "airline_dw";
var STAGING = "staging";
var scd2 = {
  valid_from: col.date().describe("SCD2: first day this version is valid"),
  valid_to: col.date().nullable_().describe("SCD2: last day this version is valid; NULL while current"),
  is_current: col.boolean().defaultTo(true).describe("SCD2: TRUE for the current version")
};
var dimDate = defineTable({
  schema: DW,
  name: "dim_date",
  comment: "Calendar dimension, one row per day; covers every booking and flight date.",
  columns: {
    date_key: col.integer().describe("YYYYMMDD"),
    full_date: col.date(),
    year: col.smallint(),
    quarter: col.smallint(),
    month: col.smallint(),
    month_name: col.varchar(10).encoding("BYTEDICT"),
    day_of_month: col.smallint(),
    day_of_week: col.smallint().describe("ISO: 1 = Monday \u2026 7 = Sunday"),
    day_name: col.varchar(10).encoding("BYTEDICT"),
    week_of_year: col.smallint().describe("ISO week number"),
    is_weekend: col.boolean(),
    is_holiday: col.boolean().describe("US federal holiday (observed date)"),
    holiday_name: col.varchar(50).nullable_(),
    fiscal_year: col.smallint().describe("Fiscal year starting 1 October"),
    fiscal_quarter: col.smallint()
  },
  primaryKey: ["date_key"],
  foreignKeys: [],
  distribution: { style: "ALL" },
  sortKey: { style: "COMPOUND", columns: ["date_key"] }
});
var dimAirport = defineTable({
  schema: DW,
  name: "dim_airport",
  comment: "Airports (real IATA data), slowly changing type 2.",
  columns: {
    airport_key: col.integer(),
    airport_code: col.char(3).describe("IATA code"),
    airport_name: col.varchar(100),
    city: col.varchar(50),
    state: col.varchar(50).nullable_().describe("State or province; NULL where none applies"),
    country: col.varchar(50).encoding("BYTEDICT"),
    country_code: col.char(2).encoding("BYTEDICT").describe("ISO 3166-1 alpha-2"),
    region: col.varchar(20).encoding("BYTEDICT").describe("Reporting region, used by the RLS example"),
    latitude: col.decimal(9, 6),
    longitude: col.decimal(9, 6),
    timezone: col.varchar(40).encoding("BYTEDICT").describe("IANA time zone"),
    is_hub: col.boolean().defaultTo(false),
    ...scd2
  },
  primaryKey: ["airport_key"],
  foreignKeys: [],
  distribution: { style: "ALL" },
  sortKey: { style: "COMPOUND", columns: ["airport_code"] }
});
var dimAircraft = defineTable({
  schema: DW,
  name: "dim_aircraft",
  comment: "Fleet: one row per airframe, with its type, real cabin layout and range.",
  columns: {
    aircraft_key: col.integer(),
    tail_number: col.varchar(10),
    aircraft_code: col.varchar(4).encoding("BYTEDICT").describe("IATA type designator, e.g. 738"),
    manufacturer: col.varchar(50).encoding("BYTEDICT"),
    model: col.varchar(50).encoding("BYTEDICT"),
    body_type: col.varchar(20).encoding("BYTEDICT").describe("narrowbody, widebody or regional"),
    seats_first: col.smallint(),
    seats_business: col.smallint(),
    seats_premium_economy: col.smallint(),
    seats_economy: col.smallint(),
    total_seats: col.smallint(),
    range_miles: col.integer(),
    cruise_speed_mph: col.smallint(),
    max_cargo_kg: col.integer(),
    manufacture_year: col.smallint(),
    in_service_date: col.date()
  },
  primaryKey: ["aircraft_key"],
  foreignKeys: [],
  distribution: { style: "ALL" },
  sortKey: { style: "COMPOUND", columns: ["aircraft_key"] }
});
var dimFlight = defineTable({
  schema: DW,
  name: "dim_flight",
  comment: "Scheduled flights (route, number, equipment), slowly changing type 2.",
  columns: {
    flight_key: col.integer(),
    airline_code: col.char(2).encoding("BYTEDICT"),
    flight_number: col.varchar(10),
    origin_airport_key: col.integer(),
    destination_airport_key: col.integer(),
    aircraft_key: col.integer().describe("Scheduled airframe"),
    scheduled_departure_time: col.time().describe("Local time at the origin"),
    scheduled_arrival_time: col.time().describe("Local time at the destination"),
    scheduled_duration_minutes: col.smallint(),
    distance_miles: col.integer().describe("Great-circle distance"),
    route_type: col.varchar(20).encoding("BYTEDICT").describe("domestic or international"),
    ...scd2
  },
  primaryKey: ["flight_key"],
  foreignKeys: [
    fk("origin_airport_key", DW, "dim_airport", "airport_key"),
    fk("destination_airport_key", DW, "dim_airport", "airport_key"),
    fk("aircraft_key", DW, "dim_aircraft", "aircraft_key")
  ],
  distribution: { style: "ALL" },
  sortKey: { style: "COMPOUND", columns: ["flight_key"] }
});
var dimCustomer = defineTable({
  schema: DW,
  name: "dim_customer",
  comment: "Passengers and loyalty members. first_name \u2026 birth_date are PII (masked for consumers).",
  columns: {
    customer_key: col.integer(),
    customer_id: col.varchar(20).describe("Natural key"),
    first_name: col.varchar(50).describe("PII"),
    last_name: col.varchar(50).describe("PII"),
    email: col.varchar(120).describe("PII"),
    phone: col.varchar(30).describe("PII"),
    birth_date: col.date().describe("PII"),
    gender: col.char(1).nullable_(),
    city: col.varchar(50),
    state: col.varchar(50).nullable_(),
    country_code: col.char(2).encoding("BYTEDICT"),
    loyalty_tier: col.varchar(20).encoding("BYTEDICT").describe("NONE, SILVER, GOLD, PLATINUM"),
    loyalty_number: col.varchar(20).nullable_(),
    lifetime_miles: col.integer().defaultTo(0),
    join_date: col.date(),
    created_at: col.timestamp().defaultNow()
  },
  primaryKey: ["customer_key"],
  foreignKeys: [],
  distribution: { style: "KEY", key: "customer_key" },
  sortKey: { style: "COMPOUND", columns: ["customer_key"] }
});
var factFlightOperations = defineTable({
  schema: DW,
  name: "fact_flight_operations",
  comment: "One row per operated (or cancelled) flight on a date: times, delays, passengers, cargo.",
  columns: {
    operation_key: col.integer(),
    flight_key: col.integer(),
    date_key: col.integer().describe("Scheduled departure date"),
    origin_airport_key: col.integer(),
    destination_airport_key: col.integer(),
    aircraft_key: col.integer().describe("Airframe actually flown"),
    scheduled_departure: col.timestamp().describe("UTC"),
    actual_departure: col.timestamp().nullable_().describe("UTC; NULL when cancelled"),
    scheduled_arrival: col.timestamp().describe("UTC"),
    actual_arrival: col.timestamp().nullable_().describe("UTC; NULL when cancelled or diverted"),
    departure_delay_minutes: col.smallint().nullable_(),
    arrival_delay_minutes: col.smallint().nullable_(),
    carrier_delay_minutes: col.smallint().defaultTo(0),
    weather_delay_minutes: col.smallint().defaultTo(0),
    nas_delay_minutes: col.smallint().defaultTo(0),
    security_delay_minutes: col.smallint().defaultTo(0),
    late_aircraft_delay_minutes: col.smallint().defaultTo(0),
    taxi_out_minutes: col.smallint().nullable_(),
    taxi_in_minutes: col.smallint().nullable_(),
    departure_gate: col.varchar(5).nullable_(),
    arrival_gate: col.varchar(5).nullable_(),
    passengers_first: col.smallint(),
    passengers_business: col.smallint(),
    passengers_premium_economy: col.smallint(),
    passengers_economy: col.smallint(),
    total_passengers: col.smallint(),
    cargo_weight_kg: col.integer(),
    mail_weight_kg: col.integer(),
    flight_status: col.varchar(20).encoding("BYTEDICT").describe("ON_TIME, DELAYED, CANCELLED or DIVERTED"),
    cancellation_code: col.char(1).nullable_().describe("BTS cause: A carrier, B weather, C NAS, D security"),
    is_diverted: col.boolean().defaultTo(false)
  },
  primaryKey: ["operation_key"],
  foreignKeys: [
    fk("flight_key", DW, "dim_flight", "flight_key"),
    fk("date_key", DW, "dim_date", "date_key"),
    fk("origin_airport_key", DW, "dim_airport", "airport_key"),
    fk("destination_airport_key", DW, "dim_airport", "airport_key"),
    fk("aircraft_key", DW, "dim_aircraft", "aircraft_key")
  ],
  distribution: { style: "KEY", key: "flight_key" },
  // Operations are filtered by date, origin and destination together far more than by date
  // alone: an interleaved key gives each of the three equal weight.
  sortKey: {
    style: "INTERLEAVED",
    columns: ["date_key", "origin_airport_key", "destination_airport_key"]
  }
});
var factBookings = defineTable({
  schema: DW,
  name: "fact_bookings",
  comment: "One row per passenger booking (a ticket on one flight operation).",
  columns: {
    booking_key: col.integer(),
    booking_reference: col.char(6),
    customer_key: col.integer(),
    flight_key: col.integer(),
    operation_key: col.integer(),
    booking_date_key: col.integer(),
    flight_date_key: col.integer(),
    cabin_class: col.varchar(20).encoding("BYTEDICT").describe("FIRST, BUSINESS, PREMIUM_ECONOMY, ECONOMY"),
    fare_class: col.char(1).encoding("BYTEDICT"),
    booking_channel: col.varchar(20).encoding("BYTEDICT").describe("WEB, MOBILE, AGENT, CALL_CENTER, OTA"),
    booking_status: col.varchar(20).encoding("BYTEDICT").describe("CONFIRMED, CANCELLED or REFUNDED"),
    seat_number: col.varchar(4).nullable_(),
    lead_time_days: col.smallint(),
    base_fare: col.decimal(10, 2),
    taxes: col.decimal(10, 2),
    fees: col.decimal(10, 2),
    bags_checked: col.smallint(),
    bag_fees: col.decimal(10, 2),
    total_amount: col.decimal(10, 2),
    currency: col.char(3).defaultTo("USD"),
    miles_earned: col.integer(),
    miles_redeemed: col.integer().defaultTo(0),
    is_refunded: col.boolean().defaultTo(false),
    refund_amount: col.decimal(10, 2).defaultTo(0),
    created_at: col.timestamp()
  },
  primaryKey: ["booking_key"],
  foreignKeys: [
    fk("customer_key", DW, "dim_customer", "customer_key"),
    fk("flight_key", DW, "dim_flight", "flight_key"),
    fk("operation_key", DW, "fact_flight_operations", "operation_key"),
    fk("booking_date_key", DW, "dim_date", "date_key"),
    fk("flight_date_key", DW, "dim_date", "date_key")
  ],
  distribution: { style: "KEY", key: "customer_key" },
  sortKey: { style: "COMPOUND", columns: ["flight_date_key", "flight_key"] }
});
var factDailyRevenue = defineTable({
  schema: DW,
  name: "fact_daily_revenue",
  comment: "Revenue per flight and day by stream, derived from bookings and operations.",
  columns: {
    date_key: col.integer(),
    flight_key: col.integer(),
    origin_airport_key: col.integer(),
    destination_airport_key: col.integer(),
    revenue_first: col.decimal(12, 2),
    revenue_business: col.decimal(12, 2),
    revenue_premium_economy: col.decimal(12, 2),
    revenue_economy: col.decimal(12, 2),
    ticket_revenue: col.decimal(12, 2).describe("Base fares of all bookings sold (gross, later refunds included)"),
    ancillary_revenue: col.decimal(12, 2).describe("Bag fees and other fees"),
    cargo_revenue: col.decimal(12, 2),
    mail_revenue: col.decimal(12, 2),
    refunds: col.decimal(12, 2).describe("Fares, fees and bag fees refunded (taxes excluded: never revenue)"),
    total_revenue: col.decimal(12, 2).describe("Net: ticket + ancillary + cargo + mail \u2212 refunds"),
    passenger_count: col.integer(),
    available_seats: col.integer(),
    average_fare: col.decimal(10, 2),
    load_factor: col.decimal(5, 4).describe("passenger_count / available_seats")
  },
  primaryKey: ["date_key", "flight_key"],
  foreignKeys: [
    fk("date_key", DW, "dim_date", "date_key"),
    fk("flight_key", DW, "dim_flight", "flight_key"),
    fk("origin_airport_key", DW, "dim_airport", "airport_key"),
    fk("destination_airport_key", DW, "dim_airport", "airport_key")
  ],
  distribution: { style: "KEY", key: "flight_key" },
  sortKey: { style: "COMPOUND", columns: ["date_key", "flight_key"] }
});
var flightOperationsRaw = defineTable({
  schema: STAGING,
  name: "flight_operations_raw",
  comment: "Landing table for raw operational feeds, loaded as text before validation.",
  columns: {
    raw_id: col.bigint().identity_(),
    source_file: col.varchar(256),
    loaded_at: col.timestamp().defaultNow(),
    flight_number: col.varchar(10),
    airline_code: col.varchar(3),
    flight_date: col.varchar(10),
    origin: col.varchar(3),
    destination: col.varchar(3),
    tail_number: col.varchar(10).nullable_(),
    scheduled_departure: col.varchar(32).nullable_(),
    actual_departure: col.varchar(32).nullable_(),
    scheduled_arrival: col.varchar(32).nullable_(),
    actual_arrival: col.varchar(32).nullable_(),
    status: col.varchar(20).nullable_(),
    cancellation_code: col.varchar(1).nullable_(),
    passengers: col.varchar(10).nullable_(),
    payload: col.varchar(65535).nullable_().encoding("ZSTD").describe("Original record")
  },
  primaryKey: ["raw_id"],
  foreignKeys: [],
  distribution: { style: "EVEN" },
  sortKey: { style: "COMPOUND", columns: ["loaded_at"] }
});
var bookingsRaw = defineTable({
  schema: STAGING,
  name: "bookings_raw",
  comment: "Landing table for raw booking feeds, loaded as text before validation.",
  columns: {
    raw_id: col.bigint().identity_(),
    source_file: col.varchar(256),
    loaded_at: col.timestamp().defaultNow(),
    booking_reference: col.varchar(6),
    customer_id: col.varchar(20),
    flight_number: col.varchar(10),
    flight_date: col.varchar(10),
    booking_date: col.varchar(10),
    cabin_class: col.varchar(20).nullable_(),
    fare_class: col.varchar(1).nullable_(),
    channel: col.varchar(20).nullable_(),
    status: col.varchar(20).nullable_(),
    base_fare: col.varchar(20).nullable_(),
    taxes: col.varchar(20).nullable_(),
    fees: col.varchar(20).nullable_(),
    bags_checked: col.varchar(5).nullable_(),
    payload: col.varchar(65535).nullable_().encoding("ZSTD").describe("Original record")
  },
  primaryKey: ["raw_id"],
  foreignKeys: [],
  distribution: { style: "EVEN" },
  sortKey: { style: "COMPOUND", columns: ["loaded_at"] }
});
var airlineModel = Object.freeze({
  schemas: Object.freeze([DW, STAGING]),
  tables: Object.freeze({
    dim_date: dimDate,
    dim_airport: dimAirport,
    dim_aircraft: dimAircraft,
    dim_flight: dimFlight,
    dim_customer: dimCustomer,
    fact_flight_operations: factFlightOperations,
    fact_bookings: factBookings,
    fact_daily_revenue: factDailyRevenue,
    flight_operations_raw: flightOperationsRaw,
    bookings_raw: bookingsRaw
  })
});

// dist/csv/csv-format.js
var DAY_MS = 864e5;
function isoDate(epochDay2) {
  return new Date(epochDay2 * DAY_MS).toISOString().slice(0, 10);
}
function parseIsoDate(text2) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text2);
  if (!m)
    return void 0;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (isoDate(ms / DAY_MS) !== text2)
    return void 0;
  return ms / DAY_MS;
}
function csvText(value) {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

// dist/random/prng.js
function mix32(value) {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 2246822507);
  h ^= h >>> 13;
  h = Math.imul(h, 3266489909);
  h ^= h >>> 16;
  return h >>> 0;
}
var STREAM = Object.freeze({
  world: 1,
  date: 2,
  airport: 3,
  aircraft: 4,
  flight: 5,
  customer: 6,
  operation: 7,
  booking: 8,
  pools: 9
});
var INV_2_32 = 1 / 4294967296;
var Rng = class {
  a = 0;
  b = 0;
  c = 0;
  d = 1;
  constructor(seed = 0, stream = 0, key = 0) {
    this.reseed(seed, stream, key);
  }
  /** Re-initialises the state from (seed, stream, key); cheap enough to call per row. */
  reseed(seed, stream, key) {
    const k = mix32(key ^ Math.imul(stream, 668265263));
    this.a = mix32(seed ^ 2654435769);
    this.b = mix32(k + 1663821227);
    this.c = mix32(Math.imul(seed, 374761393) ^ k);
    this.d = 1;
    for (let i = 0; i < 8; i++)
      this.u32();
    return this;
  }
  /** A uniform unsigned 32-bit integer. */
  u32() {
    const a = this.a;
    const b = this.b;
    const c = this.c;
    const t2 = (a + b | 0) + this.d | 0;
    this.d = this.d + 1 | 0;
    this.a = b ^ b >>> 9;
    this.b = c + (c << 3) | 0;
    this.c = (c << 21 | c >>> 11) + t2 | 0;
    return t2 >>> 0;
  }
  /** A uniform float in [0, 1). */
  float() {
    return this.u32() * INV_2_32;
  }
  /** A uniform integer in [0, n). */
  int(n) {
    return Math.floor(this.float() * n);
  }
  /** A uniform integer in [lo, hi]. */
  range(lo, hi) {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }
  /** True with probability p. */
  chance(p) {
    return this.float() < p;
  }
  /** An approximately standard normal variate (Irwin–Hall of 4 uniforms, scaled). */
  normal() {
    return (this.float() + this.float() + this.float() + this.float() - 2) * 1.7320508075688772;
  }
  /** An exponential variate with the given mean. */
  exponential(mean) {
    return -Math.log(1 - this.float()) * mean;
  }
  /** Index drawn from a cumulative distribution (ascending, last element 1). */
  pick(cumulative2) {
    const u = this.float();
    const n = cumulative2.length;
    for (let i = 0; i < n - 1; i++)
      if (u < cumulative2[i])
        return i;
    return n - 1;
  }
};
function cumulative(weights) {
  const total = weights.reduce((s, w) => s + w, 0);
  const out = new Float64Array(weights.length);
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i] / total;
    out[i] = acc;
  }
  out[weights.length - 1] = 1;
  return out;
}

// dist/reference/realism.js
var BTS_TARGETS = Object.freeze({
  onTimeArrival: [0.77, 0.85],
  cancellationRate: [0.01, 0.02],
  diversionRate: 2e-3,
  cancellationCauses: Object.freeze({ B: 0.52, A: 0.33, C: 0.148, D: 2e-3 }),
  loadFactor: [0.78, 0.88]
});
var DELAY_CAUSE_SHARES = Object.freeze({
  carrier: 0.33,
  weather: 0.05,
  nas: 0.23,
  security: 2e-3,
  lateAircraft: 0.388
});
var AIRPORT_DELAY_FACTOR = Object.freeze({
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
  LAS: 1.05
});
var MONTH_DELAY_FACTOR = Object.freeze([
  1.2,
  1.15,
  0.95,
  0.85,
  0.95,
  1.3,
  1.35,
  1.15,
  0.7,
  0.75,
  0.8,
  1.25
]);
var MONTH_CANCEL_FACTOR = Object.freeze([
  1.6,
  1.5,
  1,
  0.8,
  0.8,
  1,
  1.1,
  1,
  0.6,
  0.6,
  0.6,
  1.3
]);
var MONTH_LOAD_OFFSET = Object.freeze([
  -0.07,
  -0.05,
  0.02,
  0,
  0.02,
  0.05,
  0.06,
  0.03,
  -0.05,
  -0.02,
  -0.01,
  0.01
]);
var TAXES = Object.freeze({
  domesticExciseRate: 0.075,
  segmentFeeCents: 520,
  securityFeeCents: 560,
  pfcCents: 450,
  internationalTaxCents: 2220,
  internationalUserFeesCents: 1770,
  foreignTaxRate: 0.06
});
var BAG_FEES = Object.freeze({
  domesticEconomy: Object.freeze([3500, 4500, 15e3]),
  internationalEconomy: Object.freeze([0, 1e4, 2e4]),
  premiumFreeBags: 2,
  premiumExtraBagCents: 15e3
});
var CABINS = Object.freeze(["FIRST", "BUSINESS", "PREMIUM_ECONOMY", "ECONOMY"]);
function bagFeeCents(cabin, international, elite, bags) {
  let fee = 0;
  for (let i = elite ? 1 : 0; i < bags; i++) {
    if (cabin !== 3)
      fee += i < BAG_FEES.premiumFreeBags ? 0 : BAG_FEES.premiumExtraBagCents;
    else {
      const table = international ? BAG_FEES.internationalEconomy : BAG_FEES.domesticEconomy;
      fee += table[Math.min(i, 2)];
    }
  }
  return fee;
}

// dist/tables/operation-sim.js
var CANCEL_CODES = ["B", "A", "C", "D"];
var CANCEL_CUM = cumulative([
  BTS_TARGETS.cancellationCauses.B,
  BTS_TARGETS.cancellationCauses.A,
  BTS_TARGETS.cancellationCauses.C,
  BTS_TARGETS.cancellationCauses.D
]);
var CAUSE_CUM = cumulative([
  DELAY_CAUSE_SHARES.carrier,
  DELAY_CAUSE_SHARES.weather,
  DELAY_CAUSE_SHARES.nas,
  DELAY_CAUSE_SHARES.security,
  DELAY_CAUSE_SHARES.lateAircraft
]);
var BASE_LATE = 0.118;
var BASE_CANCEL = 0.0118;
var NOMINAL_TAXI_OUT = 16;
var NOMINAL_TAXI_IN = 8;
var CABIN_LOAD = [0.9, 0.9, 0.93, 1];
var GATES = Array.from({ length: 200 }, (_, i) => `${"ABCDE"[i % 5]}${1 + Math.floor(i / 5)}`);
var OperationSim = class {
  world;
  #rng = new Rng();
  op = 0;
  day = 0;
  dateIndex = 0;
  flight = 0;
  flightKey = 0;
  origin = 0;
  dest = 0;
  airframe = 0;
  type = 0;
  international = false;
  schedDep = 0;
  schedArr = 0;
  cancelled = false;
  cancelCode = "";
  diverted = false;
  depDelay = 0;
  arrDelay = 0;
  taxiOut = 0;
  taxiIn = 0;
  causes = new Int32Array(5);
  depGate = "";
  arrGate = "";
  /** Seats sold per cabin (first, business, premium economy, economy); ≤ seats. */
  sold = new Int32Array(4);
  soldTotal = 0;
  /** Extra bookings cancelled by the customer before departure. */
  customerCancelled = 0;
  cargoKg = 0;
  mailKg = 0;
  constructor(world) {
    this.world = world;
  }
  /** Bookings this operation has (sold seats + customer cancellations). */
  get bookingCount() {
    return this.soldTotal + this.customerCancelled;
  }
  simulate(op) {
    const w = this.world;
    const r = this.#rng.reseed(w.params.seed, STREAM.operation, op);
    this.op = op;
    const day = w.opDay(op);
    this.day = day;
    const di = w.flightDateIndex0 + day;
    this.dateIndex = di;
    const f = w.opFlight(op, day);
    this.flight = f;
    const versionB = di >= w.flightChange[f];
    this.flightKey = versionB ? w.flightKeyB[f] : w.flightKeyA[f];
    const o = w.flightOrigin[f];
    const d = w.flightDest[f];
    this.origin = o;
    this.dest = d;
    this.international = w.airports[o]?.countryCode !== "US" || w.airports[d]?.countryCode !== "US";
    const type = w.flightType[f];
    this.type = type;
    this.airframe = r.chance(0.03) ? w.typeFirstAirframe[type] + r.int(w.typeAirframes[type]) : w.flightAirframe[f];
    const depLocal = versionB ? w.flightDepB[f] : w.flightDepA[f];
    this.schedDep = (w.dateFirst + di) * 1440 + depLocal - w.offset(o, di);
    this.schedArr = this.schedDep + w.flightDuration[f];
    const airport = w.delayFactor[o];
    const pCancel = BASE_CANCEL * w.monthCancelFactor(di) * (0.6 + 0.4 * airport);
    this.cancelled = r.chance(pCancel);
    this.cancelCode = this.cancelled ? CANCEL_CODES[r.pick(CANCEL_CUM)] : "";
    this.diverted = !this.cancelled && r.chance(BTS_TARGETS.diversionRate);
    const causes = this.causes;
    causes.fill(0);
    if (this.cancelled) {
      this.depDelay = 0;
      this.arrDelay = 0;
      this.taxiOut = 0;
      this.taxiIn = 0;
      this.depGate = "";
      this.arrGate = "";
    } else {
      const hour = depLocal < 600 ? 0.65 : depLocal < 960 ? 1 : 1.35;
      const pLate = BASE_LATE * w.monthDelayFactor(di) * airport * hour;
      this.depDelay = r.chance(pLate) ? Math.min(900, 15 + Math.round(r.exponential(38))) : r.range(-8, 10);
      this.taxiOut = 10 + r.int(9) + (w.isHubAirport[o] ? 5 : 0) + (airport > 1.2 ? r.int(6) : 0);
      this.taxiIn = 4 + r.int(8);
      const enroute = Math.round(r.normal() * 5) - 4;
      this.arrDelay = this.depDelay + (this.taxiOut - NOMINAL_TAXI_OUT) + (this.taxiIn - NOMINAL_TAXI_IN) + enroute;
      if (this.arrDelay >= 15 && !this.diverted) {
        const main = r.pick(CAUSE_CUM);
        const share = 0.55 + 0.45 * r.float();
        const first = Math.round(this.arrDelay * share);
        causes[main] = first;
        causes[main === 4 ? 2 : 4] = causes[main === 4 ? 2 : 4] + this.arrDelay - first;
      }
      this.depGate = GATES[r.int(GATES.length)];
      this.arrGate = GATES[r.int(GATES.length)];
    }
    const seats = w.seats(type);
    const lf = Math.min(1.02, Math.max(0.3, 0.835 + w.loadOffset(di) + 0.075 * r.normal()));
    let total = 0;
    for (let k = 0; k < 4; k++) {
      const n = seats[k];
      const want = Math.round(n * lf * CABIN_LOAD[k] + 1.2 * r.normal());
      const sold = n === 0 ? 0 : Math.min(n, Math.max(0, want));
      this.sold[k] = sold;
      total += sold;
    }
    this.soldTotal = total;
    this.customerCancelled = Math.round(total * (0.035 + 0.03 * r.float()));
    const maxCargo = w.types[type]?.maxCargoKg ?? 0;
    this.cargoKg = this.cancelled ? 0 : Math.round(maxCargo * (0.2 + 0.5 * r.float()));
    this.mailKg = this.cancelled ? 0 : Math.round(this.cargoKg * (0.02 + 0.08 * r.float()));
    return this;
  }
  /** Passengers who flew in cabin k: confirmed bookings; zero when the flight was cancelled. */
  passengers(k) {
    return this.cancelled ? 0 : this.sold[k];
  }
  get status() {
    if (this.cancelled)
      return "CANCELLED";
    if (this.diverted)
      return "DIVERTED";
    return this.arrDelay >= 15 ? "DELAYED" : "ON_TIME";
  }
};

// dist/tables/booking-index.js
var BOOKING_BLOCK = 256;
var BookingIndex = class {
  /** `prefix[b]` = bookings of operations before block b; last entry = total. */
  prefix;
  #sim;
  constructor(world, prefix) {
    this.#sim = new OperationSim(world);
    if (prefix) {
      this.prefix = prefix;
      return;
    }
    const blocks = Math.ceil(world.opsTotal / BOOKING_BLOCK);
    this.prefix = new Float64Array(blocks + 1);
    let total = 0;
    for (let op = 0; op < world.opsTotal; op++) {
      if (op % BOOKING_BLOCK === 0)
        this.prefix[op / BOOKING_BLOCK] = total;
      total += this.#sim.simulate(op).bookingCount;
    }
    this.prefix[blocks] = total;
  }
  get total() {
    return this.prefix[this.prefix.length - 1];
  }
  /** Bookings of operations [0, op). */
  before(op) {
    const block = Math.floor(op / BOOKING_BLOCK);
    let n = this.prefix[block];
    for (let o = block * BOOKING_BLOCK; o < op; o++)
      n += this.#sim.simulate(o).bookingCount;
    return n;
  }
};

// dist/tables/table-specs.js
function tableSpecs(model, tables) {
  const out = {};
  for (const name of tables) {
    const t2 = model.tables[name];
    const columns = {};
    for (const [c, def] of Object.entries(t2.columns))
      columns[c] = { type: { ...def.type }, nullable: def.nullable };
    out[name] = { name: t2.name, schema: t2.schema, columns };
  }
  return out;
}

// dist/reference/aircraft-types.js
var t = (r) => Object.freeze(r);
var AIRCRAFT_TYPES = Object.freeze([
  t({
    code: "320",
    manufacturer: "Airbus",
    model: "A320-200",
    bodyType: "narrowbody",
    seatsFirst: 16,
    seatsBusiness: 0,
    seatsPremiumEconomy: 0,
    seatsEconomy: 141,
    rangeMiles: 3800,
    cruiseSpeedMph: 515,
    maxCargoKg: 3700,
    abreast: [4, 4, 6, 6],
    layoutSource: "Delta A320 (16 First, 18 Comfort+ counted as economy, 123 Main)"
  }),
  t({
    code: "32Q",
    manufacturer: "Airbus",
    model: "A321neo",
    bodyType: "narrowbody",
    seatsFirst: 20,
    seatsBusiness: 0,
    seatsPremiumEconomy: 0,
    seatsEconomy: 174,
    rangeMiles: 4e3,
    cruiseSpeedMph: 515,
    maxCargoKg: 5e3,
    abreast: [4, 4, 6, 6],
    layoutSource: "Delta A321neo (20 First, 42 Comfort+ and 132 Main as economy)"
  }),
  t({
    code: "738",
    manufacturer: "Boeing",
    model: "737-800",
    bodyType: "narrowbody",
    seatsFirst: 16,
    seatsBusiness: 0,
    seatsPremiumEconomy: 0,
    seatsEconomy: 156,
    rangeMiles: 3380,
    cruiseSpeedMph: 520,
    maxCargoKg: 4500,
    abreast: [4, 4, 6, 6],
    layoutSource: "American 737-800 (16 First, 24 Main Cabin Extra and 132 Main as economy)"
  }),
  t({
    code: "7M8",
    manufacturer: "Boeing",
    model: "737 MAX 8",
    bodyType: "narrowbody",
    seatsFirst: 16,
    seatsBusiness: 0,
    seatsPremiumEconomy: 0,
    seatsEconomy: 150,
    rangeMiles: 4080,
    cruiseSpeedMph: 521,
    maxCargoKg: 4500,
    abreast: [4, 4, 6, 6],
    layoutSource: "United 737 MAX 8 (16 First, 54 Economy Plus and 96 Economy as economy)"
  }),
  t({
    code: "E75",
    manufacturer: "Embraer",
    model: "E175",
    bodyType: "regional",
    seatsFirst: 12,
    seatsBusiness: 0,
    seatsPremiumEconomy: 0,
    seatsEconomy: 64,
    rangeMiles: 2530,
    cruiseSpeedMph: 500,
    maxCargoKg: 1200,
    abreast: [3, 3, 4, 4],
    layoutSource: "United Express E175 (12 First, 16 Economy Plus and 48 Economy as economy)"
  }),
  t({
    code: "CR9",
    manufacturer: "Mitsubishi (Bombardier)",
    model: "CRJ900",
    bodyType: "regional",
    seatsFirst: 12,
    seatsBusiness: 0,
    seatsPremiumEconomy: 0,
    seatsEconomy: 64,
    rangeMiles: 1800,
    cruiseSpeedMph: 515,
    maxCargoKg: 1e3,
    abreast: [3, 3, 4, 4],
    layoutSource: "Delta Connection CRJ900 (12 First, 20 Comfort+ and 44 Main as economy)"
  }),
  t({
    code: "789",
    manufacturer: "Boeing",
    model: "787-9",
    bodyType: "widebody",
    seatsFirst: 0,
    seatsBusiness: 48,
    seatsPremiumEconomy: 21,
    seatsEconomy: 188,
    rangeMiles: 8700,
    cruiseSpeedMph: 561,
    maxCargoKg: 18e3,
    abreast: [4, 4, 7, 9],
    layoutSource: "United 787-9 (48 Polaris, 21 Premium Plus, 39 Economy Plus and 149 Economy as economy)"
  }),
  t({
    code: "77W",
    manufacturer: "Boeing",
    model: "777-300ER",
    bodyType: "widebody",
    seatsFirst: 8,
    seatsBusiness: 52,
    seatsPremiumEconomy: 28,
    seatsEconomy: 216,
    rangeMiles: 8480,
    cruiseSpeedMph: 554,
    maxCargoKg: 22e3,
    abreast: [4, 4, 8, 10],
    layoutSource: "American 777-300ER (8 Flagship First, 52 Flagship Business, 28 Premium Economy, 216 Main)"
  }),
  t({
    code: "359",
    manufacturer: "Airbus",
    model: "A350-900",
    bodyType: "widebody",
    seatsFirst: 0,
    seatsBusiness: 32,
    seatsPremiumEconomy: 48,
    seatsEconomy: 226,
    rangeMiles: 9320,
    cruiseSpeedMph: 561,
    maxCargoKg: 19e3,
    abreast: [4, 4, 8, 9],
    layoutSource: "Delta A350-900 (32 Delta One, 48 Premium Select, 36 Comfort+ and 190 Main as economy)"
  })
]);
var totalSeats = (a) => a.seatsFirst + a.seatsBusiness + a.seatsPremiumEconomy + a.seatsEconomy;

// dist/reference/airports.js
var US = (rows) => rows.map(([code, name, city, state, region, lat, lon, tz, weight]) => ({
  code,
  name,
  city,
  state,
  country: "United States",
  countryCode: "US",
  region,
  lat,
  lon,
  tz,
  weight
}));
var NY = "America/New_York";
var CHI = "America/Chicago";
var DEN = "America/Denver";
var LA = "America/Los_Angeles";
var US_AIRPORTS = [
  [
    "ATL",
    "Hartsfield-Jackson Atlanta International Airport",
    "Atlanta",
    "GA",
    "SOUTHEAST",
    33.6407,
    -84.4277,
    NY,
    104.7
  ],
  [
    "DFW",
    "Dallas/Fort Worth International Airport",
    "Dallas-Fort Worth",
    "TX",
    "SOUTHWEST",
    32.8998,
    -97.0403,
    CHI,
    81.8
  ],
  ["DEN", "Denver International Airport", "Denver", "CO", "WEST", 39.8561, -104.6737, DEN, 77.8],
  [
    "LAX",
    "Los Angeles International Airport",
    "Los Angeles",
    "CA",
    "WEST",
    33.9416,
    -118.4085,
    LA,
    75.1
  ],
  [
    "ORD",
    "Chicago O'Hare International Airport",
    "Chicago",
    "IL",
    "MIDWEST",
    41.9742,
    -87.9073,
    CHI,
    73.9
  ],
  [
    "JFK",
    "John F. Kennedy International Airport",
    "New York",
    "NY",
    "NORTHEAST",
    40.6413,
    -73.7781,
    NY,
    62.5
  ],
  [
    "LAS",
    "Harry Reid International Airport",
    "Las Vegas",
    "NV",
    "WEST",
    36.084,
    -115.1537,
    LA,
    57.7
  ],
  [
    "MCO",
    "Orlando International Airport",
    "Orlando",
    "FL",
    "SOUTHEAST",
    28.4312,
    -81.3081,
    NY,
    57.2
  ],
  ["MIA", "Miami International Airport", "Miami", "FL", "SOUTHEAST", 25.7959, -80.287, NY, 52.3],
  [
    "CLT",
    "Charlotte Douglas International Airport",
    "Charlotte",
    "NC",
    "SOUTHEAST",
    35.214,
    -80.9431,
    NY,
    53.4
  ],
  [
    "SEA",
    "Seattle-Tacoma International Airport",
    "Seattle",
    "WA",
    "WEST",
    47.4502,
    -122.3088,
    LA,
    52.6
  ],
  [
    "PHX",
    "Phoenix Sky Harbor International Airport",
    "Phoenix",
    "AZ",
    "SOUTHWEST",
    33.4373,
    -112.0078,
    "America/Phoenix",
    48.8
  ],
  [
    "EWR",
    "Newark Liberty International Airport",
    "Newark",
    "NJ",
    "NORTHEAST",
    40.6895,
    -74.1745,
    NY,
    49.1
  ],
  [
    "SFO",
    "San Francisco International Airport",
    "San Francisco",
    "CA",
    "WEST",
    37.6213,
    -122.379,
    LA,
    50.2
  ],
  [
    "IAH",
    "George Bush Intercontinental Airport",
    "Houston",
    "TX",
    "SOUTHWEST",
    29.9902,
    -95.3368,
    CHI,
    46.1
  ],
  [
    "BOS",
    "Boston Logan International Airport",
    "Boston",
    "MA",
    "NORTHEAST",
    42.3656,
    -71.0096,
    NY,
    40.8
  ],
  [
    "FLL",
    "Fort Lauderdale-Hollywood International Airport",
    "Fort Lauderdale",
    "FL",
    "SOUTHEAST",
    26.0742,
    -80.1506,
    NY,
    35.1
  ],
  [
    "MSP",
    "Minneapolis-Saint Paul International Airport",
    "Minneapolis",
    "MN",
    "MIDWEST",
    44.8848,
    -93.2223,
    CHI,
    34.4
  ],
  ["LGA", "LaGuardia Airport", "New York", "NY", "NORTHEAST", 40.7769, -73.874, NY, 32.5],
  [
    "DTW",
    "Detroit Metropolitan Wayne County Airport",
    "Detroit",
    "MI",
    "MIDWEST",
    42.2162,
    -83.3554,
    "America/Detroit",
    30.8
  ],
  [
    "PHL",
    "Philadelphia International Airport",
    "Philadelphia",
    "PA",
    "NORTHEAST",
    39.8744,
    -75.2424,
    NY,
    28
  ],
  [
    "SLC",
    "Salt Lake City International Airport",
    "Salt Lake City",
    "UT",
    "WEST",
    40.7899,
    -111.9791,
    DEN,
    26.9
  ],
  [
    "BWI",
    "Baltimore/Washington International Thurgood Marshall Airport",
    "Baltimore",
    "MD",
    "NORTHEAST",
    39.1774,
    -76.6684,
    NY,
    26
  ],
  [
    "DCA",
    "Ronald Reagan Washington National Airport",
    "Arlington",
    "VA",
    "NORTHEAST",
    38.8512,
    -77.0402,
    NY,
    25.5
  ],
  [
    "SAN",
    "San Diego International Airport",
    "San Diego",
    "CA",
    "WEST",
    32.7338,
    -117.1933,
    LA,
    24.9
  ],
  [
    "IAD",
    "Washington Dulles International Airport",
    "Dulles",
    "VA",
    "NORTHEAST",
    38.9531,
    -77.4565,
    NY,
    24.9
  ],
  ["TPA", "Tampa International Airport", "Tampa", "FL", "SOUTHEAST", 27.9755, -82.5332, NY, 24.9],
  [
    "BNA",
    "Nashville International Airport",
    "Nashville",
    "TN",
    "SOUTHEAST",
    36.1263,
    -86.6774,
    CHI,
    22.9
  ],
  [
    "AUS",
    "Austin-Bergstrom International Airport",
    "Austin",
    "TX",
    "SOUTHWEST",
    30.1975,
    -97.6664,
    CHI,
    21.8
  ],
  [
    "MDW",
    "Chicago Midway International Airport",
    "Chicago",
    "IL",
    "MIDWEST",
    41.7868,
    -87.7522,
    CHI,
    20.9
  ],
  [
    "HNL",
    "Daniel K. Inouye International Airport",
    "Honolulu",
    "HI",
    "PACIFIC",
    21.3187,
    -157.9225,
    "Pacific/Honolulu",
    20.2
  ],
  ["DAL", "Dallas Love Field", "Dallas", "TX", "SOUTHWEST", 32.8471, -96.8518, CHI, 17.6],
  ["PDX", "Portland International Airport", "Portland", "OR", "WEST", 45.5898, -122.5951, LA, 16.6],
  [
    "STL",
    "St. Louis Lambert International Airport",
    "St. Louis",
    "MO",
    "MIDWEST",
    38.7499,
    -90.3748,
    CHI,
    15
  ],
  [
    "RDU",
    "Raleigh-Durham International Airport",
    "Raleigh",
    "NC",
    "SOUTHEAST",
    35.8801,
    -78.788,
    NY,
    14.5
  ],
  ["HOU", "William P. Hobby Airport", "Houston", "TX", "SOUTHWEST", 29.6454, -95.2789, CHI, 14],
  [
    "SMF",
    "Sacramento International Airport",
    "Sacramento",
    "CA",
    "WEST",
    38.6951,
    -121.5908,
    LA,
    13
  ],
  [
    "MSY",
    "Louis Armstrong New Orleans International Airport",
    "New Orleans",
    "LA",
    "SOUTHEAST",
    29.9911,
    -90.2592,
    CHI,
    13
  ],
  [
    "SJU",
    "Luis Munoz Marin International Airport",
    "San Juan",
    "PR",
    "CARIBBEAN",
    18.4394,
    -66.0018,
    "America/Puerto_Rico",
    12.5
  ],
  [
    "SJC",
    "San Jose Mineta International Airport",
    "San Jose",
    "CA",
    "WEST",
    37.3639,
    -121.9289,
    LA,
    11.3
  ],
  [
    "SAT",
    "San Antonio International Airport",
    "San Antonio",
    "TX",
    "SOUTHWEST",
    29.5312,
    -98.4683,
    CHI,
    10.6
  ],
  ["OAK", "Oakland International Airport", "Oakland", "CA", "WEST", 37.7126, -122.2197, LA, 11],
  [
    "MCI",
    "Kansas City International Airport",
    "Kansas City",
    "MO",
    "MIDWEST",
    39.2976,
    -94.7139,
    CHI,
    11.2
  ],
  [
    "RSW",
    "Southwest Florida International Airport",
    "Fort Myers",
    "FL",
    "SOUTHEAST",
    26.5362,
    -81.7552,
    NY,
    10.4
  ],
  ["SNA", "John Wayne Airport", "Santa Ana", "CA", "WEST", 33.6762, -117.8675, LA, 11.4],
  [
    "CLE",
    "Cleveland Hopkins International Airport",
    "Cleveland",
    "OH",
    "MIDWEST",
    41.4058,
    -81.8539,
    NY,
    9.7
  ],
  [
    "IND",
    "Indianapolis International Airport",
    "Indianapolis",
    "IN",
    "MIDWEST",
    39.7173,
    -86.2944,
    "America/Indiana/Indianapolis",
    9.3
  ],
  [
    "PIT",
    "Pittsburgh International Airport",
    "Pittsburgh",
    "PA",
    "NORTHEAST",
    40.4915,
    -80.2329,
    NY,
    9.6
  ],
  [
    "CVG",
    "Cincinnati/Northern Kentucky International Airport",
    "Hebron",
    "KY",
    "MIDWEST",
    39.0489,
    -84.6678,
    NY,
    8.6
  ],
  [
    "CMH",
    "John Glenn Columbus International Airport",
    "Columbus",
    "OH",
    "MIDWEST",
    39.998,
    -82.8919,
    NY,
    9
  ],
  [
    "JAX",
    "Jacksonville International Airport",
    "Jacksonville",
    "FL",
    "SOUTHEAST",
    30.4941,
    -81.6879,
    NY,
    7.6
  ],
  [
    "OGG",
    "Kahului Airport",
    "Kahului",
    "HI",
    "PACIFIC",
    20.8986,
    -156.4305,
    "Pacific/Honolulu",
    7.4
  ],
  [
    "BDL",
    "Bradley International Airport",
    "Windsor Locks",
    "CT",
    "NORTHEAST",
    41.9389,
    -72.6832,
    NY,
    6.2
  ],
  [
    "MKE",
    "Milwaukee Mitchell International Airport",
    "Milwaukee",
    "WI",
    "MIDWEST",
    42.9472,
    -87.8966,
    CHI,
    6.2
  ],
  [
    "ANC",
    "Ted Stevens Anchorage International Airport",
    "Anchorage",
    "AK",
    "PACIFIC",
    61.1743,
    -149.9963,
    "America/Anchorage",
    5.6
  ],
  [
    "ABQ",
    "Albuquerque International Sunport",
    "Albuquerque",
    "NM",
    "SOUTHWEST",
    35.0402,
    -106.609,
    DEN,
    5.2
  ],
  ["BOI", "Boise Airport", "Boise", "ID", "WEST", 43.5644, -116.2228, "America/Boise", 5],
  ["ONT", "Ontario International Airport", "Ontario", "CA", "WEST", 34.056, -117.6012, LA, 6.4],
  ["OMA", "Eppley Airfield", "Omaha", "NE", "MIDWEST", 41.3032, -95.8941, CHI, 5],
  [
    "MEM",
    "Memphis International Airport",
    "Memphis",
    "TN",
    "SOUTHEAST",
    35.0421,
    -89.9792,
    CHI,
    4.4
  ],
  [
    "ELP",
    "El Paso International Airport",
    "El Paso",
    "TX",
    "SOUTHWEST",
    31.8072,
    -106.3776,
    DEN,
    4.1
  ]
];
var intl = (code, name, city, state, country, countryCode, region, lat, lon, tz, weight) => ({ code, name, city, state, country, countryCode, region, lat, lon, tz, weight });
var INTERNATIONAL = [
  intl("YYZ", "Toronto Pearson International Airport", "Toronto", "ON", "Canada", "CA", "CANADA", 43.6777, -79.6248, "America/Toronto", 44.8),
  intl("YVR", "Vancouver International Airport", "Vancouver", "BC", "Canada", "CA", "CANADA", 49.1967, -123.1815, "America/Vancouver", 24.9),
  intl("MEX", "Mexico City International Airport", "Mexico City", "CDMX", "Mexico", "MX", "LATAM", 19.4361, -99.0719, "America/Mexico_City", 48.4),
  intl("CUN", "Cancun International Airport", "Cancun", "Quintana Roo", "Mexico", "MX", "LATAM", 21.0365, -86.8771, "America/Cancun", 32),
  intl("GRU", "Sao Paulo/Guarulhos International Airport", "Sao Paulo", "SP", "Brazil", "BR", "LATAM", -23.4356, -46.4731, "America/Sao_Paulo", 41.3),
  intl("LHR", "London Heathrow Airport", "London", null, "United Kingdom", "GB", "EUROPE", 51.47, -0.4543, "Europe/London", 79.2),
  intl("CDG", "Paris Charles de Gaulle Airport", "Paris", null, "France", "FR", "EUROPE", 49.0097, 2.5479, "Europe/Paris", 67.4),
  intl("FRA", "Frankfurt Airport", "Frankfurt", "Hesse", "Germany", "DE", "EUROPE", 50.0379, 8.5622, "Europe/Berlin", 59.4),
  intl("AMS", "Amsterdam Airport Schiphol", "Amsterdam", "North Holland", "Netherlands", "NL", "EUROPE", 52.3105, 4.7683, "Europe/Amsterdam", 61.9),
  intl("MAD", "Adolfo Suarez Madrid-Barajas Airport", "Madrid", null, "Spain", "ES", "EUROPE", 40.4983, -3.5676, "Europe/Madrid", 60.2),
  intl("FCO", "Rome Fiumicino Airport", "Rome", "Lazio", "Italy", "IT", "EUROPE", 41.8003, 12.2389, "Europe/Rome", 40.5),
  intl("DUB", "Dublin Airport", "Dublin", null, "Ireland", "IE", "EUROPE", 53.4264, -6.2499, "Europe/Dublin", 33.5),
  intl("HND", "Tokyo Haneda Airport", "Tokyo", null, "Japan", "JP", "ASIA_PACIFIC", 35.5494, 139.7798, "Asia/Tokyo", 78.7),
  intl("NRT", "Narita International Airport", "Tokyo", "Chiba", "Japan", "JP", "ASIA_PACIFIC", 35.772, 140.3929, "Asia/Tokyo", 30.9),
  intl("ICN", "Incheon International Airport", "Seoul", "Incheon", "South Korea", "KR", "ASIA_PACIFIC", 37.4602, 126.4407, "Asia/Seoul", 56.1),
  intl("SYD", "Sydney Kingsford Smith Airport", "Sydney", "NSW", "Australia", "AU", "ASIA_PACIFIC", -33.9399, 151.1753, "Australia/Sydney", 38.3)
];
var AIRPORTS = Object.freeze([...US(US_AIRPORTS), ...INTERNATIONAL]);
var HUBS = Object.freeze(["ATL", "ORD", "DFW", "DEN", "JFK", "LAX"]);
var GATEWAYS = Object.freeze(["JFK", "LAX", "ATL", "ORD", "DFW"]);

// dist/reference/holidays.js
var DAY_MS2 = 864e5;
var epochDay = (y, m, d) => Date.UTC(y, m - 1, d) / DAY_MS2;
var isoDow = (day) => ((day + 3) % 7 + 7) % 7 + 1;
function nthWeekday(y, m, dow, n) {
  if (n > 0) {
    const first = epochDay(y, m, 1);
    return first + (dow - isoDow(first) + 7) % 7 + (n - 1) * 7;
  }
  const last = epochDay(y, m + 1, 1) - 1;
  return last - (isoDow(last) - dow + 7) % 7;
}
function observed(day) {
  const dow = isoDow(day);
  if (dow === 6)
    return day - 1;
  if (dow === 7)
    return day + 1;
  return day;
}
function federalHolidays(year) {
  const list = [
    { epochDay: observed(epochDay(year, 1, 1)), name: "New Year's Day" },
    { epochDay: nthWeekday(year, 1, 1, 3), name: "Birthday of Martin Luther King, Jr." },
    { epochDay: nthWeekday(year, 2, 1, 3), name: "Washington's Birthday" },
    { epochDay: nthWeekday(year, 5, 1, -1), name: "Memorial Day" }
  ];
  if (year >= 2021)
    list.push({
      epochDay: observed(epochDay(year, 6, 19)),
      name: "Juneteenth National Independence Day"
    });
  list.push({ epochDay: observed(epochDay(year, 7, 4)), name: "Independence Day" }, { epochDay: nthWeekday(year, 9, 1, 1), name: "Labor Day" }, { epochDay: nthWeekday(year, 10, 1, 2), name: "Columbus Day" }, { epochDay: observed(epochDay(year, 11, 11)), name: "Veterans Day" }, { epochDay: nthWeekday(year, 11, 4, 4), name: "Thanksgiving Day" }, { epochDay: observed(epochDay(year, 12, 25)), name: "Christmas Day" });
  return list;
}
function holidaysBetween(fromDay, toDay) {
  const out = /* @__PURE__ */ new Map();
  const y0 = new Date(fromDay * DAY_MS2).getUTCFullYear();
  const y1 = new Date(toDay * DAY_MS2).getUTCFullYear();
  for (let y = y0; y <= y1 + 1; y++)
    for (const h of federalHolidays(y))
      if (h.epochDay >= fromDay && h.epochDay <= toDay)
        out.set(h.epochDay, h.name);
  return out;
}

// dist/world/time-zones.js
var DAY_MS3 = 864e5;
function offsetAt(format, epochMs) {
  const text2 = format.format(epochMs);
  const at = text2.lastIndexOf("GMT");
  if (at < 0)
    throw new Error(`Unexpected time-zone name in "${text2}"`);
  const m = /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?)?$/.exec(text2.slice(at));
  if (!m)
    throw new Error(`Unexpected time-zone offset in "${text2}"`);
  if (!m[1])
    return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === "-" ? -minutes : minutes;
}
function utcOffsets(zones, firstDay, count) {
  const out = new Int16Array(zones.length * count);
  zones.forEach((zone, z) => {
    const format = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" });
    const at = (i) => offsetAt(format, (firstDay + i) * DAY_MS3 + 12 * 36e5);
    const base = z * count;
    const fill = (from, to, a, b) => {
      if (a === b) {
        for (let i = from; i <= to; i++)
          out[base + i] = a;
        return;
      }
      if (to - from === 1) {
        out[base + from] = a;
        out[base + to] = b;
        return;
      }
      const mid = from + to >> 1;
      const m = at(mid);
      fill(from, mid, a, m);
      fill(mid, to, m, b);
    };
    let prev = at(0);
    for (let i = 0; i < count - 1; i += 16) {
      const j = Math.min(i + 16, count - 1);
      const next = at(j);
      fill(i, j, prev, next);
      prev = next;
    }
    if (count === 1)
      out[base] = prev;
  });
  return out;
}

// dist/world/world.js
var MAX_LEAD_DAYS = 330;
var OPS_PER_DAY_AT_SCALE_1 = 17.6;
var CUSTOMERS_AT_SCALE_1 = 25e4;
var HOLIDAY_WINDOW = 3;
var DAY_MS4 = 864e5;
var EARTH_RADIUS_MILES = 3958.8;
function greatCircleMiles(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_MILES * Math.asin(Math.sqrt(h)));
}
function gcd(a, b) {
  while (b)
    [a, b] = [b, a % b];
  return a;
}
function modInverse(a, m) {
  let [oldR, r] = [a % m, m];
  let [oldS, s] = [1, 0];
  while (r !== 0) {
    const q = Math.floor(oldR / r);
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return (oldS % m + m) % m;
}
function mulMod(a, x, m) {
  const p = a * x;
  if (p <= Number.MAX_SAFE_INTEGER) {
    const r = p - Math.floor(p / m) * m;
    return r < 0 ? r + m : r >= m ? r - m : r;
  }
  const hi = Math.floor(a / 65536);
  const lo = a % 65536;
  return (hi * x % m * 65536 + lo * x) % m;
}
var World = class {
  params;
  // Calendar: dim_date covers whole years from the earliest booking date to the last flight.
  dateFirst;
  dateCount;
  flightDateIndex0;
  holidayName;
  holidayNear;
  month;
  /** YYYYMMDD per date index. */
  dateKey;
  dow;
  // Airports.
  airports;
  airportTz;
  tzOffsets;
  delayFactor;
  isHubAirport;
  types;
  // Logical flights (flight numbers) and their SCD2 versions.
  flightCount;
  flightOrigin;
  flightDest;
  flightType;
  flightAirframe;
  flightDistance;
  flightDuration;
  flightDepA;
  flightDepB;
  /** Date index from which version B applies; 0xffff when the flight never changes. */
  flightChange;
  flightKeyA;
  flightKeyB;
  flightVersionCount;
  flightNumber;
  // Fleet.
  airframeType;
  typeFirstAirframe;
  typeAirframes;
  // Schedule: operations per flight day, in (day, slot) order.
  opsTotal;
  opsBefore;
  // Customers.
  customerCount;
  customerMul;
  customerMulInv;
  customerAdd;
  homeAirports;
  seatMul;
  /** `tzOffsets`: this world's own table from an earlier build (it is a pure function of params). */
  constructor(params, tzOffsets) {
    this.params = params;
    const { seed, scale, startDay, days: days2 } = params;
    const rng = new Rng(seed, STREAM.world, 0);
    const firstYear = new Date((startDay - MAX_LEAD_DAYS) * DAY_MS4).getUTCFullYear();
    const lastYear = new Date((startDay + days2 - 1) * DAY_MS4).getUTCFullYear();
    this.dateFirst = Date.UTC(firstYear, 0, 1) / DAY_MS4;
    this.dateCount = Date.UTC(lastYear + 1, 0, 1) / DAY_MS4 - this.dateFirst;
    this.flightDateIndex0 = startDay - this.dateFirst;
    const holidays = holidaysBetween(this.dateFirst, this.dateFirst + this.dateCount - 1);
    this.holidayName = Array.from({ length: this.dateCount }, (_, i) => holidays.get(this.dateFirst + i));
    this.holidayNear = new Uint8Array(this.dateCount);
    this.month = new Uint8Array(this.dateCount);
    this.dow = new Uint8Array(this.dateCount);
    this.dateKey = new Int32Array(this.dateCount);
    for (let i = 0; i < this.dateCount; i++) {
      const day = this.dateFirst + i;
      const date2 = new Date(day * DAY_MS4);
      this.month[i] = date2.getUTCMonth();
      this.dateKey[i] = date2.getUTCFullYear() * 1e4 + (date2.getUTCMonth() + 1) * 100 + date2.getUTCDate();
      this.dow[i] = isoDow(day);
      for (let k = -HOLIDAY_WINDOW; k <= HOLIDAY_WINDOW; k++)
        if (holidays.has(day + k))
          this.holidayNear[i] = 1;
    }
    this.airports = AIRPORTS;
    const zones = [...new Set(AIRPORTS.map((a) => a.tz))];
    this.airportTz = Uint8Array.from(AIRPORTS, (a) => zones.indexOf(a.tz));
    this.tzOffsets = tzOffsets?.length === zones.length * this.dateCount ? tzOffsets : utcOffsets(zones, this.dateFirst, this.dateCount);
    this.delayFactor = Float64Array.from(AIRPORTS, (a) => AIRPORT_DELAY_FACTOR[a.code] ?? 0.85);
    this.isHubAirport = Uint8Array.from(AIRPORTS, (a) => HUBS.includes(a.code) ? 1 : 0);
    this.types = AIRCRAFT_TYPES;
    this.seatMul = new Uint8Array(AIRCRAFT_TYPES.length * 4);
    AIRCRAFT_TYPES.forEach((t2, i) => {
      const seats = [t2.seatsFirst, t2.seatsBusiness, t2.seatsPremiumEconomy, t2.seatsEconomy];
      seats.forEach((n, k) => {
        this.seatMul[i * 4 + k] = [7, 11, 13, 17, 19, 23, 29].find((m) => n === 0 || gcd(m, n) === 1) ?? 1;
      });
    });
    this.opsTotal = Math.max(1, Math.round(OPS_PER_DAY_AT_SCALE_1 * scale * days2));
    const weights = Array.from({ length: days2 }, (_, t2) => this.dayDemand(this.flightDateIndex0 + t2));
    const totalWeight = weights.reduce((s, w) => s + w, 0);
    this.opsBefore = new Int32Array(days2 + 1);
    let acc = 0;
    let maxPerDay = 1;
    for (let t2 = 0; t2 < days2; t2++) {
      this.opsBefore[t2] = Math.round(this.opsTotal * acc / totalWeight);
      acc += weights[t2];
    }
    this.opsBefore[days2] = this.opsTotal;
    for (let t2 = 0; t2 < days2; t2++)
      maxPerDay = Math.max(maxPerDay, this.opsBefore[t2 + 1] - this.opsBefore[t2]);
    const F = Math.max(24, Math.ceil(maxPerDay / 0.9));
    this.flightCount = F;
    this.flightOrigin = new Uint16Array(F);
    this.flightDest = new Uint16Array(F);
    this.flightType = new Uint8Array(F);
    this.flightAirframe = new Uint32Array(F);
    this.flightDistance = new Uint32Array(F);
    this.flightDuration = new Uint16Array(F);
    this.flightDepA = new Uint16Array(F);
    this.flightDepB = new Uint16Array(F);
    this.flightChange = new Uint16Array(F).fill(65535);
    this.flightKeyA = new Uint32Array(F);
    this.flightKeyB = new Uint32Array(F);
    const code = (c) => AIRPORTS.findIndex((a) => a.code === c);
    const hubIdx = HUBS.map(code);
    const hubCum = cumulative(hubIdx.map((i) => AIRPORTS[i].weight));
    const us = AIRPORTS.map((a, i) => a.countryCode === "US" ? i : -1).filter((i) => i >= 0);
    const foreign = AIRPORTS.map((a, i) => a.countryCode !== "US" ? i : -1).filter((i) => i >= 0);
    const usCum = cumulative(us.map((i) => AIRPORTS[i].weight));
    const foreignCum = cumulative(foreign.map((i) => AIRPORTS[i].weight));
    const typeIdx = (c) => AIRCRAFT_TYPES.findIndex((t2) => t2.code === c);
    const flightsOfType = new Uint32Array(AIRCRAFT_TYPES.length);
    const ordinal = new Uint32Array(F);
    const fr = new Rng();
    let key = 1;
    const numbers = [];
    for (let f = 0; f < F; f++) {
      fr.reseed(seed, STREAM.flight, f);
      const hub = hubIdx[fr.pick(hubCum)];
      const hubCode = AIRPORTS[hub].code;
      let spoke = hub;
      const international = GATEWAYS.includes(hubCode) && fr.chance(0.14);
      while (spoke === hub)
        spoke = international ? foreign[fr.pick(foreignCum)] : us[fr.pick(usCum)];
      const outbound = fr.chance(0.5);
      const o = outbound ? hub : spoke;
      const d = outbound ? spoke : hub;
      const dist = greatCircleMiles(AIRPORTS[o], AIRPORTS[d]);
      const candidates = dist > 3300 ? ["789", "77W", "359"] : dist > 2200 ? ["32Q", "7M8", "738", "789"] : dist > 700 ? ["320", "32Q", "738", "7M8", "320", "738"] : ["E75", "CR9", "E75", "320", "738"];
      const fits = candidates.map(typeIdx).filter((t2) => AIRCRAFT_TYPES[t2].rangeMiles >= dist * 1.05);
      const type = fits[fr.int(fits.length)] ?? typeIdx("359");
      this.flightOrigin[f] = o;
      this.flightDest[f] = d;
      this.flightType[f] = type;
      this.flightDistance[f] = dist;
      this.flightDuration[f] = Math.round((43 + 0.117 * dist) / 5) * 5;
      const dep = 360 + 5 * fr.int(192);
      this.flightDepA[f] = dep;
      this.flightDepB[f] = dep;
      ordinal[f] = flightsOfType[type];
      flightsOfType[type] = flightsOfType[type] + 1;
      this.flightKeyA[f] = key++;
      if (days2 >= 28 && fr.chance(0.15)) {
        this.flightChange[f] = this.flightDateIndex0 + fr.range(7, days2 - 7);
        const shift = (fr.chance(0.5) ? 1 : -1) * 5 * fr.range(1, 12);
        this.flightDepB[f] = Math.min(1315, Math.max(330, dep + shift));
        this.flightKeyB[f] = key++;
      } else
        this.flightKeyB[f] = this.flightKeyA[f];
      numbers.push(String(100 + f));
    }
    this.flightVersionCount = key - 1;
    this.flightNumber = numbers;
    this.typeFirstAirframe = new Uint32Array(AIRCRAFT_TYPES.length);
    this.typeAirframes = new Uint32Array(AIRCRAFT_TYPES.length);
    let airframes = 0;
    for (let t2 = 0; t2 < AIRCRAFT_TYPES.length; t2++) {
      this.typeFirstAirframe[t2] = airframes;
      const n = flightsOfType[t2] === 0 ? 0 : Math.max(1, Math.ceil(flightsOfType[t2] / 3));
      this.typeAirframes[t2] = n;
      airframes += n;
    }
    this.airframeType = new Uint8Array(airframes);
    for (let t2 = 0; t2 < AIRCRAFT_TYPES.length; t2++)
      this.airframeType.fill(t2, this.typeFirstAirframe[t2], this.typeFirstAirframe[t2] + this.typeAirframes[t2]);
    for (let f = 0; f < F; f++) {
      const t2 = this.flightType[f];
      this.flightAirframe[f] = this.typeFirstAirframe[t2] + ordinal[f] % this.typeAirframes[t2];
    }
    const C = Math.max(500, Math.round(CUSTOMERS_AT_SCALE_1 * scale ** 0.75));
    this.customerCount = C;
    let mul = 1 + rng.u32() % (C - 1);
    while (gcd(mul, C) !== 1)
      mul++;
    this.customerMul = mul % C;
    this.customerMulInv = modInverse(this.customerMul, C);
    this.customerAdd = rng.u32() % C;
    this.homeAirports = cumulative(AIRPORTS.map((a) => a.weight * (a.countryCode === "US" ? 4 : 1)));
  }
  /** Relative travel demand of a date (by date index). */
  dayDemand(dateIndex) {
    const dow = this.dow[dateIndex];
    const dowAdj = dow === 5 || dow === 7 ? 0.05 : dow === 2 || dow === 3 ? -0.06 : dow === 6 ? -0.03 : 0;
    return 1 + 1.5 * MONTH_LOAD_OFFSET[this.month[dateIndex]] + dowAdj + 0.1 * this.holidayNear[dateIndex];
  }
  /** Load-factor offset of a date (seasonal, weekday, holiday peak). */
  loadOffset(dateIndex) {
    return this.dayDemand(dateIndex) - 1;
  }
  monthDelayFactor(dateIndex) {
    return MONTH_DELAY_FACTOR[this.month[dateIndex]];
  }
  monthCancelFactor(dateIndex) {
    return MONTH_CANCEL_FACTOR[this.month[dateIndex]];
  }
  /** The flight day (0-based) of an operation index, by bisection of the schedule. */
  opDay(op) {
    let lo = 0;
    let hi = this.params.days - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (this.opsBefore[mid] <= op)
        lo = mid;
      else
        hi = mid - 1;
    }
    return lo;
  }
  /** The logical flight flown by operation `op` on flight day `day` (distinct within a day). */
  opFlight(op, day) {
    const slot = op - this.opsBefore[day];
    return (slot + day * 7919 % this.flightCount) % this.flightCount;
  }
  /** Customer key (1-based) of an activity rank (0 = most frequent flyer). */
  customerKeyOfRank(rank) {
    const k = mulMod(this.customerMul, rank, this.customerCount) + this.customerAdd;
    return 1 + (k >= this.customerCount ? k - this.customerCount : k);
  }
  /** Activity rank of a customer key; the inverse of `customerKeyOfRank`. */
  customerRankOfKey(key) {
    const x = (key - 1 - this.customerAdd + this.customerCount) % this.customerCount;
    return mulMod(this.customerMulInv, x, this.customerCount);
  }
  /** UTC offset (minutes) of an airport on a date index. */
  offset(airport, dateIndex) {
    return this.tzOffsets[this.airportTz[airport] * this.dateCount + dateIndex];
  }
  seats(type) {
    const t2 = this.types[type];
    return [t2.seatsFirst, t2.seatsBusiness, t2.seatsPremiumEconomy, t2.seatsEconomy];
  }
  totalSeats(type) {
    return totalSeats(this.types[type]);
  }
};

// dist/plan.js
var DATAGEN_TABLES = Object.freeze([
  "dim_date",
  "dim_airport",
  "dim_aircraft",
  "dim_flight",
  "dim_customer",
  "fact_flight_operations",
  "fact_bookings",
  "fact_daily_revenue"
]);
var GZIP_BYTES_PER_ROW = {
  dim_date: 30,
  dim_airport: 60,
  dim_aircraft: 40,
  dim_flight: 40,
  dim_customer: 70,
  fact_flight_operations: 90,
  fact_bookings: 55,
  fact_daily_revenue: 70
};
var MB = 1024 * 1024;
function resolvePlanOptions(options = {}) {
  const seed = options.seed ?? 42;
  if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295)
    invalidOption("seed", seed, "Use an integer from 0 to 4294967295.");
  const scale = options.scale ?? 1;
  if (typeof scale !== "number" || !Number.isFinite(scale) || scale < 1e-3 || scale > 1e3)
    invalidOption("scale", scale, "Use a number from 0.001 to 1000 (1 \u2248 one million bookings).");
  const startDate = options.startDate ?? "2024-01-01";
  const startDay = typeof startDate === "string" ? parseIsoDate(startDate) : void 0;
  if (startDay === void 0 || startDay < parseIsoDate("1971-01-01") || startDay > parseIsoDate("2199-01-01"))
    invalidOption("startDate", startDate, "Use a calendar date 'YYYY-MM-DD' between 1971 and 2199.");
  const days2 = options.days ?? 365;
  if (!Number.isInteger(days2) || days2 < 1 || days2 > 3660)
    invalidOption("days", days2, "Use a whole number of days from 1 to 3660.");
  const slices = options.slices ?? 4;
  if (!Number.isInteger(slices) || slices < 1 || slices > 1024)
    invalidOption("slices", slices, "Use the slice count of the target cluster (1 to 1024).");
  if (options.parts !== void 0 && (!Number.isInteger(options.parts) || options.parts < 1 || options.parts > 1e4))
    invalidOption("parts", options.parts, `Use a whole number of files per table (1 to 10000), ideally a multiple of ${slices}.`);
  const tables = options.tables ?? DATAGEN_TABLES;
  if (!Array.isArray(tables) || tables.length === 0)
    invalidOption("tables", tables, `List one or more of: ${DATAGEN_TABLES.join(", ")}.`);
  for (const t2 of tables)
    if (!DATAGEN_TABLES.includes(t2))
      invalidOption("tables", t2, `Unknown table; use one of: ${DATAGEN_TABLES.join(", ")}.`);
  if (17.6 * scale * days2 * 400 > 2147483647)
    invalidOption("scale", scale, `scale \xD7 days = ${scale * days2} is too large for INTEGER booking keys; keep it under 270,000.`);
  return Object.freeze({
    seed,
    scale,
    startDate,
    startDay,
    days: days2,
    slices,
    parts: options.parts,
    tables: DATAGEN_TABLES.filter((t2) => tables.includes(t2))
  });
}
function createPlan(options = {}) {
  const o = resolvePlanOptions(options);
  const world = new World({ seed: o.seed, scale: o.scale, startDay: o.startDay, days: o.days });
  const needIndex = o.tables.includes("fact_bookings");
  const index = needIndex ? new BookingIndex(world) : void 0;
  const tables = o.tables.map((name) => {
    const def = airlineModel.tables[name];
    const keyCount = keyCountOf(world, name);
    const rows = name === "fact_bookings" ? index.total : keyCount;
    const est = rows * GZIP_BYTES_PER_ROW[name];
    let parts = o.parts ?? (est < o.slices * MB ? 1 : o.slices * Math.ceil(est / (o.slices * 256 * MB)));
    parts = Math.max(1, Math.min(parts, keyCount));
    return Object.freeze({
      name,
      schema: def.schema,
      columns: Object.freeze(Object.keys(def.columns)),
      rows,
      keyCount,
      parts: Object.freeze(Array.from({ length: parts }, (_, p) => Object.freeze({
        index: p,
        from: Math.floor(p * keyCount / parts),
        to: Math.floor((p + 1) * keyCount / parts)
      })))
    });
  });
  return Object.freeze({
    seed: o.seed,
    scale: o.scale,
    startDate: isoDate(o.startDay),
    days: o.days,
    tables: Object.freeze(tables),
    totalRows: tables.reduce((s, t2) => s + t2.rows, 0),
    bookingPrefix: index?.prefix,
    tzOffsets: world.tzOffsets,
    specs: tableSpecs(airlineModel, DATAGEN_TABLES)
  });
}
function keyCountOf(world, name) {
  switch (name) {
    case "dim_date":
      return world.dateCount;
    case "dim_airport":
      return world.airports.length;
    case "dim_aircraft":
      return world.airframeType.length;
    case "dim_flight":
      return world.flightVersionCount;
    case "dim_customer":
      return world.customerCount;
    default:
      return world.opsTotal;
  }
}

// dist/pool/inline-lane.js
import { EventEmitter } from "node:events";

// dist/pool/part-stream.js
import { createGzip } from "node:zlib";
var GZIP_OUTPUT_BUFFER = 4 << 20;
async function runPart(runner, task, encoding, level, emit, totals = {}) {
  await runner.prepare(task.table);
  if (encoding === "csv") {
    let pending;
    for (const chunk of runner.chunks(task, totals)) {
      if (pending)
        await emit(pending.data, pending.rows, false);
      pending = chunk;
    }
    await emit(pending?.data ?? new Uint8Array(0), pending?.rows ?? 0, true);
    return;
  }
  const gzip = createGzip({ level, chunkSize: GZIP_OUTPUT_BUFFER });
  let out = [];
  let outBytes = 0;
  gzip.on("data", (b) => {
    out.push(b);
    outBytes += b.length;
  });
  const ended = new Promise((resolve, reject) => {
    gzip.on("end", resolve);
    gzip.on("error", reject);
  });
  const take = () => {
    const b = new Uint8Array(new ArrayBuffer(outBytes));
    let p = 0;
    for (const x of out) {
      b.set(x, p);
      p += x.length;
    }
    out = [];
    outBytes = 0;
    return b;
  };
  let rows = 0;
  let writing = Promise.resolve();
  for (const chunk of runner.chunks(task, { ...totals, recycle: true })) {
    await writing;
    if (outBytes >= 1 << 20) {
      const r = rows;
      rows = 0;
      await emit(take(), r, false);
    }
    rows += chunk.rows;
    writing = new Promise((resolve, reject) => gzip.write(chunk.data, (e) => e ? reject(e) : resolve()));
  }
  await writing;
  gzip.end();
  await ended;
  await emit(take(), rows, true);
}

// dist/pool/part-server.js
var LANE_CREDITS = 2;
function createPartServer(runner, post) {
  let credits = LANE_CREDITS;
  const waiting = [];
  return (msg) => {
    if (msg.type === "credit") {
      credits++;
      waiting.shift()?.();
      return;
    }
    const totalsSink = msg.collectTotals ? (from, totals) => post({ type: "totals", from, totals }, [totals.buffer]) : void 0;
    runPart(runner, msg.task, msg.encoding, msg.level, async (data, rows, last) => {
      while (credits === 0)
        await new Promise((resolve) => waiting.push(resolve));
      credits--;
      post({ type: "chunk", data, rows, last }, [data.buffer]);
    }, { totalsSink, totals: msg.totals }).catch((error) => post({
      type: "error",
      message: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : void 0
    }, []));
  };
}

// dist/pool/inline-lane.js
var InlineLane = class extends EventEmitter {
  #serve;
  constructor(runner) {
    super();
    this.#serve = createPartServer(runner, (message) => this.emit("message", message));
  }
  postMessage(message) {
    this.#serve(message);
  }
  async terminate() {
    this.removeAllListeners();
  }
};

// dist/csv/row-encoder.js
var ByteBuffer = class _ByteBuffer {
  buf;
  view;
  pos = 0;
  constructor(capacity = 1 << 20) {
    this.buf = Buffer.allocUnsafeSlow(capacity);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
  }
  /**
   * Room for `extra` more bytes after `pos`. Writers may store up to 3 bytes past the end of
   * what they write (word stores of shorter runs), so callers reserve a bound, not an exact
   * size.
   */
  ensure(extra) {
    if (this.pos + extra > this.buf.length)
      this.#grow(extra);
    return this.view;
  }
  #grow(extra) {
    const next = Buffer.allocUnsafeSlow(Math.max(this.pos + extra, this.buf.length * 2));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.length);
  }
  /**
   * `reuse` emptied for a new chunk, or a new buffer of `capacity` bytes. Reusing a buffer
   * whose pages are already mapped saves a page fault per 4 KiB of output, which costs more
   * than encoding those bytes.
   */
  static into(reuse, capacity) {
    if (!reuse)
      return new _ByteBuffer(capacity);
    reuse.pos = 0;
    return reuse;
  }
  /**
   * The bytes written, as a view. The buffer must not be written again while the view is in
   * use (callers that reuse buffers wait until the consumer is done with it).
   */
  finish() {
    return new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.pos);
  }
};
function asciiBytes(s) {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}
function asciiWord(s) {
  let w = 0;
  for (let i = 0; i < s.length && i < 4; i++)
    w |= (s.charCodeAt(i) & 255) << 8 * i;
  return w >>> 0;
}
var PAD4 = Uint32Array.from({ length: 1e4 }, (_, i) => asciiWord(String(i).padStart(4, "0")));
var WORD4 = Uint32Array.from({ length: 1e4 }, (_, i) => asciiWord(String(i)));
var LEN4 = Uint8Array.from({ length: 1e4 }, (_, i) => String(i).length);
var PAD2 = Uint16Array.from({ length: 100 }, (_, i) => asciiWord(String(i).padStart(2, "0")));
function putBytes(d, p, src) {
  const n = src.length;
  for (let i = 0; i < n; i++)
    d.setUint8(p + i, src[i]);
  return p + n;
}
function int(d, p, v) {
  if (v < 0) {
    d.setUint8(p++, 45);
    v = -v;
  }
  if (v > 2147483647)
    return bigInt(d, p, v);
  const n = v | 0;
  if (n < 1e4) {
    d.setUint32(p, WORD4[n], true);
    return p + LEN4[n];
  }
  const hi = n / 1e4 | 0;
  const lo = n - hi * 1e4;
  if (hi < 1e4) {
    d.setUint32(p, WORD4[hi], true);
    p += LEN4[hi];
  } else {
    const top = hi / 1e4 | 0;
    d.setUint32(p, WORD4[top], true);
    p += LEN4[top];
    d.setUint32(p, PAD4[hi - top * 1e4], true);
    p += 4;
  }
  d.setUint32(p, PAD4[lo], true);
  return p + 4;
}
function bigInt(d, p, n) {
  let len = 1;
  for (let x = n; x >= 10; x = Math.floor(x / 10))
    len++;
  let q = p + len;
  while (n >= 10) {
    const t2 = Math.floor(n / 10);
    d.setUint8(--q, 48 + (n - t2 * 10));
    n = t2;
  }
  d.setUint8(--q, 48 + n);
  return p + len;
}
function scaled(d, p, v, scale, unit) {
  if (v < 0) {
    d.setUint8(p++, 45);
    v = -v;
  }
  const whole = Math.floor(v / unit);
  p = int(d, p, whole);
  d.setUint8(p++, 46);
  let frac = v - whole * unit;
  for (let i = scale - 1; i >= 0; i--) {
    const t2 = Math.floor(frac / 10);
    d.setUint8(p + i, 48 + (frac - t2 * 10));
    frac = t2;
  }
  return p + scale;
}
function cents(d, p, v) {
  if (v < 0) {
    d.setUint8(p++, 45);
    v = -v;
  }
  if (v > 2147483647)
    return scaled(d, p, v, 2, 100);
  const n = v | 0;
  const whole = n / 100 | 0;
  p = int(d, p, whole);
  d.setUint8(p, 46);
  d.setUint16(p + 1, PAD2[n - whole * 100], true);
  return p + 3;
}
var DATE_MIN = -5e4;
var DATE_MAX = 95e3;
var dateWords;
function civil(days2) {
  const z = days2 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}
function dateSlow(d, p, days2) {
  const c = civil(days2);
  const text2 = `${String(c.y).padStart(4, "0")}-${String(c.m).padStart(2, "0")}-${String(c.d).padStart(2, "0")}`;
  return putBytes(d, p, asciiBytes(text2));
}
function date(d, p, days2) {
  if (days2 < DATE_MIN || days2 >= DATE_MAX)
    return dateSlow(d, p, days2);
  dateWords ??= new Uint32Array((DATE_MAX - DATE_MIN) * 3);
  const w = dateWords;
  const at = (days2 - DATE_MIN) * 3;
  if (w[at] === 0) {
    const c = civil(days2);
    w[at] = PAD4[c.y];
    w[at + 1] = (45 | PAD2[c.m] << 8 | 45 << 24) >>> 0;
    w[at + 2] = PAD2[c.d];
  }
  d.setUint32(p, w[at], true);
  d.setUint32(p + 4, w[at + 1], true);
  d.setUint16(p + 8, w[at + 2], true);
  return p + 10;
}
function time(d, p, seconds) {
  const s = seconds | 0;
  const h = s / 3600 | 0;
  const rest = s - h * 3600;
  const m = rest / 60 | 0;
  d.setUint16(p, PAD2[h], true);
  d.setUint8(p + 2, 58);
  d.setUint16(p + 3, PAD2[m], true);
  d.setUint8(p + 5, 58);
  d.setUint16(p + 6, PAD2[rest - m * 60], true);
  return p + 8;
}
function timestamp(d, p, epochSeconds) {
  const days2 = Math.floor(epochSeconds / 86400);
  p = date(d, p, days2);
  d.setUint8(p, 32);
  return time(d, p + 1, epochSeconds - days2 * 86400);
}
function bool(d, p, v) {
  d.setUint8(p, v ? 116 : 102);
  return p + 1;
}
function text(d, out, p, s) {
  if (typeof s !== "string")
    return putBytes(d, p, s);
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c > 126 || c === 34 || c === 44)
      return textSlow(out, p, s);
    d.setUint8(p + i, c);
  }
  return p + n;
}
function textSlow(out, p, s) {
  return p + out.write(csvText(s), p, "utf8");
}
var WRITERS = { int, scaled, cents, date, time, timestamp, bool, text };
function writerFor(type, value) {
  switch (type.kind) {
    case "smallint":
    case "integer":
    case "bigint":
    case "double":
      return `p = W.int(d, p, ${value})`;
    case "decimal":
      return type.scale === 2 ? `p = W.cents(d, p, ${value})` : `p = W.scaled(d, p, ${value}, ${type.scale}, ${10 ** type.scale})`;
    case "date":
      return `p = W.date(d, p, ${value})`;
    case "time":
      return `p = W.time(d, p, ${value})`;
    case "timestamp":
      return `p = W.timestamp(d, p, ${value})`;
    case "boolean":
      return `p = W.bool(d, p, ${value})`;
    case "varchar":
    case "char":
      return `p = W.text(d, out.buf, p, ${value})`;
  }
}
var IDENT = /^[a-z_][a-z0-9_]*$/;
function maxRowBytes(table) {
  let n = 1;
  for (const c of Object.values(table.columns)) {
    const t2 = c.type;
    n += 1 + (t2.kind === "varchar" || t2.kind === "char" ? 6 * t2.length + 2 : 48);
  }
  return n;
}
function compileRowEncoder(table) {
  const columns = Object.entries(table.columns);
  const lines = [
    `const d = out.ensure(${maxRowBytes(table)})`,
    "let p = out.pos",
    "let v"
  ];
  columns.forEach(([name, column], i) => {
    if (!IDENT.test(name))
      throw new Error(`column ${name} of ${table.name} is not a plain identifier`);
    if (i > 0)
      lines.push("d.setUint8(p++, 44)");
    lines.push(`v = r.${name}`);
    if (column.nullable)
      lines.push(`if (v !== null) ${writerFor(column.type, "v")}`);
    else
      lines.push(writerFor(column.type, "v"));
  });
  lines.push("d.setUint8(p++, 10)", "out.pos = p");
  const factory = new Function("W", `return function encode_${table.name}(out, r) {
${lines.join("\n")}
}`);
  const encode = factory(WRITERS);
  const row = Object.fromEntries(columns.map(([c]) => [c, null]));
  return { row, encode };
}

// dist/tables/operation-totals.js
var TOTALS = Object.freeze({
  revenueFirst: 0,
  revenueBusiness: 1,
  revenuePremiumEconomy: 2,
  revenueEconomy: 3,
  ancillary: 4,
  refunds: 5,
  confirmedFares: 6,
  confirmed: 7
});
var TOTALS_STRIDE = 8;
var TOTALS_CACHE_MAX_OPERATIONS = 5e5;

// dist/tables/booking-sim.js
var TIER_SHARES = Object.freeze({ PLATINUM: 0.02, GOLD: 0.07, SILVER: 0.18 });
var MILES_PER_DOLLAR = [11, 8, 7, 5];
function tierOfRank(rank, count) {
  const share = rank / count;
  if (share < TIER_SHARES.PLATINUM)
    return 0;
  if (share < TIER_SHARES.GOLD)
    return 1;
  if (share < TIER_SHARES.SILVER)
    return 2;
  return 3;
}
var TIER_NAMES = Object.freeze(["PLATINUM", "GOLD", "SILVER", "NONE"]);
var CHANNELS = Object.freeze(["WEB", "MOBILE", "OTA", "AGENT", "CALL_CENTER"]);
var CALL_CENTER = 4;
var CHANNEL_CUM = cumulative([40, 30, 18, 8, 4]);
var CABIN_FARE = [4.2, 3.6, 1.8, 1];
var CABIN_LEAD = [28, 32, 40, 46];
var BAGS_DOMESTIC_ECONOMY = cumulative([0.55, 0.35, 0.08, 0.02]);
var BAGS_INTERNATIONAL_ECONOMY = cumulative([0.22, 0.56, 0.18, 0.04]);
var BAGS_PREMIUM = cumulative([0.3, 0.45, 0.2, 0.05]);
var STATUSES = Object.freeze(["CONFIRMED", "CANCELLED", "REFUNDED"]);
var CONFIRMED = 0;
var CANCELLED = 1;
var REFUNDED = 2;
var FARE_CLASSES = Object.freeze("FAJCDWPYBMQLT".split(""));
var REFUNDABLE = Uint8Array.from(FARE_CLASSES, (c) => c === "F" || c === "J" || c === "Y" ? 1 : 0);
function fareClassOf(k, lead) {
  if (k === 0)
    return lead < 14 ? "F" : "A";
  if (k === 1)
    return lead < 14 ? "J" : lead < 45 ? "C" : "D";
  if (k === 2)
    return lead < 21 ? "W" : "P";
  if (lead < 7)
    return "Y";
  if (lead < 14)
    return "B";
  if (lead < 21)
    return "M";
  if (lead < 45)
    return "Q";
  return lead < 90 ? "L" : "T";
}
var FARE_CLASS_BY_LEAD = Uint8Array.from({ length: 4 * (MAX_LEAD_DAYS + 1) }, (_, i) => FARE_CLASSES.indexOf(fareClassOf(Math.floor(i / (MAX_LEAD_DAYS + 1)), i % (MAX_LEAD_DAYS + 1))));
var LEAD_FACTOR = Float64Array.from({ length: MAX_LEAD_DAYS + 1 }, (_, lead) => 0.86 + 1.1 * Math.exp(-lead / 9));
var BAG_FEE = Int32Array.from({ length: 64 }, (_, i) => bagFeeCents(i >> 4, (i >> 3 & 1) === 1, (i >> 2 & 1) === 1, i & 3));
var SEAT_LETTERS = {
  3: "ACD",
  4: "ACDF",
  6: "ABCDEF",
  7: "ABCDEFG",
  8: "ABCDEFGH",
  9: "ABCDEFGHJ",
  10: "ABCDEFGHJK"
};
var B36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
function scramble(key) {
  let x = key & 2147483647;
  x = Math.imul(x, 739982445) & 2147483647;
  x ^= x >>> 15;
  x = Math.imul(x, 695872825) & 2147483647;
  x ^= x >>> 13;
  return x;
}
var B36_BYTES = asciiBytes(B36);
var base36Triples;
function triples() {
  if (!base36Triples) {
    base36Triples = new Uint32Array(36 ** 3);
    for (let i = 0; i < 36 ** 3; i++)
      base36Triples[i] = B36_BYTES[i / 1296 | 0] | B36_BYTES[(i / 36 | 0) % 36] << 8 | B36_BYTES[i % 36] << 16;
  }
  return base36Triples;
}
function bookingReferenceWords(key, d, at) {
  const x = scramble(key);
  const hi = x / 46656 | 0;
  const t2 = base36Triples ?? triples();
  d.setUint32(at, t2[hi], true);
  d.setUint32(at + 3, t2[x - hi * 46656], true);
}
var BookingSim = class {
  #rng = new Rng();
  #seatMul;
  values = {
    key: 0,
    customerKey: 0,
    bookingDateIndex: 0,
    cabin: 3,
    fareClass: 0,
    channel: 0,
    status: CONFIRMED,
    seat: void 0,
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
    createdAt: 0
  };
  totals = {
    revenue: new Float64Array(4),
    ancillary: 0,
    refunds: 0,
    confirmedFares: 0,
    confirmed: 0
  };
  /** Seat labels per aircraft type and cabin, as bytes and as words (see `#seatLabels`). */
  #labels = [];
  constructor(seatMul) {
    this.#seatMul = seatMul;
  }
  /** Seat labels ('12C') per cabin of a type: rows numbered from the front, cabin by cabin. */
  #seatLabels(typeIndex, type) {
    let labels = this.#labels[typeIndex];
    if (!labels) {
      const seats = [
        type.seatsFirst,
        type.seatsBusiness,
        type.seatsPremiumEconomy,
        type.seatsEconomy
      ];
      let rowStart = 1;
      const texts = seats.map((n, k) => {
        const abreast = type.abreast[k];
        const letters = SEAT_LETTERS[abreast] ?? "ABCDEF";
        const list = Array.from({ length: n }, (_, s) => `${rowStart + Math.floor(s / abreast)}${letters[s % abreast]}`);
        rowStart += Math.ceil(n / abreast);
        return list;
      });
      labels = {
        // Plain Uint8Arrays (not Buffers): the row writer copies long ones on its hot path.
        bytes: texts.map((list) => list.map((text2) => asciiBytes(text2))),
        words: texts.map((list) => Uint32Array.from(list, (text2) => asciiWord(text2)))
      };
      this.#labels[typeIndex] = labels;
    }
    return labels;
  }
  /** Copies `totals` into `out[at … at + TOTALS_STRIDE)` (see operation-totals.ts). */
  storeTotals(out, at) {
    const t2 = this.totals;
    out[at + TOTALS.revenueFirst] = t2.revenue[0];
    out[at + TOTALS.revenueBusiness] = t2.revenue[1];
    out[at + TOTALS.revenuePremiumEconomy] = t2.revenue[2];
    out[at + TOTALS.revenueEconomy] = t2.revenue[3];
    out[at + TOTALS.ancillary] = t2.ancillary;
    out[at + TOTALS.refunds] = t2.refunds;
    out[at + TOTALS.confirmedFares] = t2.confirmedFares;
    out[at + TOTALS.confirmed] = t2.confirmed;
  }
  /** Reads `totals` back from a row stored by `storeTotals`. */
  loadTotals(from, at) {
    const t2 = this.totals;
    t2.revenue[0] = from[at + TOTALS.revenueFirst];
    t2.revenue[1] = from[at + TOTALS.revenueBusiness];
    t2.revenue[2] = from[at + TOTALS.revenuePremiumEconomy];
    t2.revenue[3] = from[at + TOTALS.revenueEconomy];
    t2.ancillary = from[at + TOTALS.ancillary];
    t2.refunds = from[at + TOTALS.refunds];
    t2.confirmedFares = from[at + TOTALS.confirmedFares];
    t2.confirmed = from[at + TOTALS.confirmed];
  }
  /**
   * Runs the bookings of `op` (already simulated) with keys from `firstKey`, calling `emit`
   * for each; totals are left in `this.totals`.
   */
  run(op, firstKey, emit) {
    const w = op.world;
    const r = this.#rng.reseed(w.params.seed, STREAM.booking, op.op);
    const t2 = this.totals;
    t2.revenue.fill(0);
    t2.ancillary = 0;
    t2.refunds = 0;
    t2.confirmedFares = 0;
    t2.confirmed = 0;
    const type = w.types[op.type];
    const distance = w.flightDistance[op.flight];
    const economyFare = 55 + 0.115 * distance;
    const demand = 1 + 0.8 * w.loadOffset(op.dateIndex);
    let key = firstKey;
    const labels = this.#seatLabels(op.type, type);
    const seatsOf = [
      type.seatsFirst,
      type.seatsBusiness,
      type.seatsPremiumEconomy,
      type.seatsEconomy
    ];
    for (let k = 0; k < 4; k = k + 1) {
      const sold = op.sold[k];
      const n = seatsOf[k];
      const mul = this.#seatMul[op.type * 4 + k];
      const cabinLabels = labels.bytes[k];
      const cabinWords = labels.words[k];
      for (let j = 0; j < sold; j++) {
        const v = this.#one(op, r, k, key++, economyFare, demand, distance, false);
        if (!op.cancelled) {
          const s = (j * mul + op.op) % n;
          v.seat = cabinLabels[s];
          v.seatWord = cabinWords[s];
        }
        if (emit !== void 0)
          emit(v);
      }
    }
    for (let j = 0; j < op.customerCancelled; j++) {
      const u = r.int(op.soldTotal || 1);
      let k = 3;
      for (let c = 0, acc = 0; c < 4; c++) {
        acc += op.sold[c];
        if (u < acc) {
          k = c;
          break;
        }
      }
      const v = this.#one(op, r, k, key++, economyFare, demand, distance, true);
      if (emit !== void 0)
        emit(v);
    }
  }
  #one(op, r, k, key, economyFare, demand, distance, customerCancel) {
    const w = op.world;
    const v = this.values;
    const intl2 = op.international;
    v.key = key;
    v.cabin = k;
    const lead = 1 + Math.min(MAX_LEAD_DAYS - 1, Math.floor(r.exponential(CABIN_LEAD[k])));
    v.lead = lead;
    v.bookingDateIndex = op.dateIndex - lead;
    const u = r.float();
    const C = w.customerCount;
    const rank = Math.floor(C * u * u);
    v.customerKey = w.customerKeyOfRank(rank);
    const tier = tierOfRank(rank, C);
    const channel = r.pick(CHANNEL_CUM);
    v.channel = channel;
    const premiumIntl = intl2 && k < 3 ? 1.35 : 1;
    const fare = economyFare * CABIN_FARE[k] * premiumIntl * LEAD_FACTOR[lead] * demand * Math.exp(0.2 * r.normal());
    const award = r.chance(0.03);
    const fareCents = Math.round(fare * 100);
    const baseFare = award ? 0 : fareCents;
    v.baseFare = baseFare;
    v.milesRedeemed = award ? Math.round(fare * 0.8) * 100 : 0;
    const fareClass = FARE_CLASS_BY_LEAD[k * (MAX_LEAD_DAYS + 1) + lead];
    v.fareClass = fareClass;
    const taxes = intl2 ? TAXES.internationalTaxCents + TAXES.internationalUserFeesCents + TAXES.securityFeeCents + Math.round(baseFare * TAXES.foreignTaxRate) : Math.round(baseFare * TAXES.domesticExciseRate) + TAXES.segmentFeeCents + TAXES.securityFeeCents + TAXES.pfcCents;
    v.taxes = taxes;
    let fees = channel === CALL_CENTER ? 2500 : 0;
    if (k === 3 && r.chance(0.22))
      fees += 1500 + 500 * r.int(8) + (distance > 2e3 ? 2e3 : 0);
    v.fees = fees;
    const bags = r.pick(k < 3 ? BAGS_PREMIUM : intl2 ? BAGS_INTERNATIONAL_ECONOMY : BAGS_DOMESTIC_ECONOMY);
    v.bags = bags;
    const bagFees = BAG_FEE[k << 4 | (intl2 ? 8 : 0) | (tier < 3 ? 4 : 0) | bags];
    v.bagFees = bagFees;
    const total = baseFare + taxes + fees + bagFees;
    v.total = total;
    v.seat = void 0;
    const status = customerCancel ? REFUNDABLE[fareClass] === 1 ? REFUNDED : CANCELLED : op.cancelled ? REFUNDED : CONFIRMED;
    v.status = status;
    v.refund = status === REFUNDED ? total : 0;
    v.milesEarned = status === CONFIRMED ? Math.floor(baseFare / 100 * MILES_PER_DOLLAR[tier]) : 0;
    v.createdAt = (w.dateFirst + v.bookingDateIndex) * 86400 + r.int(86400);
    const t2 = this.totals;
    t2.revenue[k] = t2.revenue[k] + baseFare;
    t2.ancillary += fees + bagFees;
    if (status === CONFIRMED) {
      t2.confirmedFares += baseFare;
      t2.confirmed++;
    } else if (status === REFUNDED)
      t2.refunds += baseFare + fees + bagFees;
    return v;
  }
};

// dist/tables/booking-row-writer.js
var MAX_ROW = 320;
var WordRuns = class {
  words;
  at;
  length;
  constructor(runs) {
    this.at = new Uint32Array(runs.length);
    this.length = Uint8Array.from(runs, (r) => r.length);
    const words = [];
    runs.forEach((run, i) => {
      this.at[i] = words.length;
      for (let k = 0; k < run.length; k += 4)
        words.push(asciiWord(run.slice(k, k + 4)));
    });
    this.words = Uint32Array.from(words);
  }
  put(d, p, i) {
    const n = this.length[i];
    const w = this.words;
    let at = this.at[i];
    for (let k = 0; k < n; k += 4)
      d.setUint32(p + k, w[at++], true);
    return p + n;
  }
};
var COMBOS = new WordRuns(CABINS.flatMap((cabin) => FARE_CLASSES.flatMap((fare) => CHANNELS.flatMap((channel) => STATUSES.map((status) => `${cabin},${fare},${channel},${status},`)))));
function comboIndex(v) {
  return ((v.cabin * FARE_CLASSES.length + v.fareClass) * CHANNELS.length + v.channel) * STATUSES.length + v.status;
}
var USD_WORD = asciiWord(",USD");
var BookingRowWriter = class {
  /** `YYYYMMDD` per date index as two words (the comma is stored separately). */
  #dateKeys;
  /** `,flight_key,operation_key,` of the current operation, as words. */
  #opRun = new Uint32Array(8);
  #opRunLength = 0;
  #flightDateIndex = 0;
  constructor(world) {
    const keys = world.dateKey;
    this.#dateKeys = new Uint32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      const text2 = String(keys[i]);
      this.#dateKeys[2 * i] = asciiWord(text2.slice(0, 4));
      this.#dateKeys[2 * i + 1] = asciiWord(text2.slice(4, 8));
    }
  }
  /** Sets the per-operation columns for the rows that follow. */
  operation(flightKey, operationKey, flightDateIndex) {
    const run = `,${flightKey},${operationKey},`;
    for (let k = 0; k < run.length; k += 4)
      this.#opRun[k >> 2] = asciiWord(run.slice(k, k + 4));
    this.#opRunLength = run.length;
    this.#flightDateIndex = flightDateIndex;
  }
  /** Appends one booking row to `out`. */
  write(out, v) {
    const d = out.ensure(MAX_ROW);
    let p = out.pos;
    p = int(d, p, v.key);
    d.setUint8(p++, 44);
    bookingReferenceWords(v.key, d, p);
    p += 6;
    d.setUint8(p++, 44);
    p = int(d, p, v.customerKey);
    const run = this.#opRun;
    for (let k = 0; k < this.#opRunLength; k += 4)
      d.setUint32(p + k, run[k >> 2], true);
    p += this.#opRunLength;
    const dk = this.#dateKeys;
    const b = v.bookingDateIndex << 1;
    d.setUint32(p, dk[b], true);
    d.setUint32(p + 4, dk[b + 1], true);
    d.setUint8(p + 8, 44);
    const f = this.#flightDateIndex << 1;
    d.setUint32(p + 9, dk[f], true);
    d.setUint32(p + 13, dk[f + 1], true);
    d.setUint8(p + 17, 44);
    p = COMBOS.put(d, p + 18, comboIndex(v));
    const seat = v.seat;
    if (seat !== void 0) {
      if (seat.length <= 4) {
        d.setUint32(p, v.seatWord, true);
        p += seat.length;
      } else
        p = putBytes(d, p, seat);
    }
    d.setUint8(p++, 44);
    p = int(d, p, v.lead);
    d.setUint8(p++, 44);
    p = cents(d, p, v.baseFare);
    d.setUint8(p++, 44);
    p = cents(d, p, v.taxes);
    d.setUint8(p++, 44);
    p = cents(d, p, v.fees);
    d.setUint8(p++, 44);
    p = int(d, p, v.bags);
    d.setUint8(p++, 44);
    p = cents(d, p, v.bagFees);
    d.setUint8(p++, 44);
    p = cents(d, p, v.total);
    d.setUint32(p, USD_WORD, true);
    d.setUint8(p + 4, 44);
    p = int(d, p + 5, v.milesEarned);
    d.setUint8(p++, 44);
    p = int(d, p, v.milesRedeemed);
    d.setUint8(p, 44);
    d.setUint8(p + 1, v.status === REFUNDED ? 116 : 102);
    d.setUint8(p + 2, 44);
    p = cents(d, p + 3, v.refund);
    d.setUint8(p++, 44);
    p = timestamp(d, p, v.createdAt);
    d.setUint8(p++, 10);
    out.pos = p;
  }
};

// dist/tables/bookings-generator.js
var BookingsGenerator = class {
  table;
  keyCount;
  #index;
  #op;
  #bookings;
  #writer;
  /** The chunk being written, and one emit callback for every chunk: a fresh closure per
   * chunk would be a new call target in BookingSim.run each time, which deoptimises it. */
  #out;
  #emit = (v) => this.#writer.write(this.#out, v);
  /** Receives each written chunk's per-operation revenue totals (for `fact_daily_revenue`). */
  totalsSink;
  /** Next booking key if generation continues at #nextOp (saves re-deriving it per chunk). */
  #nextOp = -1;
  #nextKey = 0;
  constructor(world, index, spec) {
    this.table = spec;
    this.#writer = new BookingRowWriter(world);
    this.#index = index;
    this.#op = new OperationSim(world);
    this.#bookings = new BookingSim(world.seatMul);
    this.keyCount = world.opsTotal;
  }
  write(from, to, reuse) {
    const writer = this.#writer;
    const emit = this.#emit;
    let key = from === this.#nextOp ? this.#nextKey : this.#index.before(from);
    const out = ByteBuffer.into(reuse, (this.#index.before(to) - key) * 168 + 4096);
    this.#out = out;
    let rows = 0;
    const sink = this.totalsSink;
    const totals = sink ? new Float64Array((to - from) * TOTALS_STRIDE) : void 0;
    for (let op = from; op < to; op++) {
      const s = this.#op.simulate(op);
      writer.operation(s.flightKey, op + 1, s.dateIndex);
      this.#bookings.run(s, key + 1, emit);
      if (totals)
        this.#bookings.storeTotals(totals, (op - from) * TOTALS_STRIDE);
      key += s.bookingCount;
      rows += s.bookingCount;
    }
    if (sink && totals)
      sink(from, totals);
    this.#nextOp = to;
    this.#nextKey = key;
    this.#out = void 0;
    return { data: out.finish(), rows };
  }
};

// dist/tables/daily-revenue-generator.js
var cargoRateCents = (miles) => Math.round(120 + 0.12 * miles);
var mailRateCents = (miles) => Math.round(1.25 * cargoRateCents(miles));
var DailyRevenueGenerator = class {
  table;
  keyCount;
  #world;
  #op;
  #bookings;
  #compiled;
  constructor(world, spec) {
    this.table = spec;
    this.#compiled = compileRowEncoder(spec);
    this.#world = world;
    this.#op = new OperationSim(world);
    this.#bookings = new BookingSim(world.seatMul);
    this.keyCount = world.opsTotal;
  }
  #totals;
  #totalsFrom = 0;
  /** Booking totals of operations [from, from + totals.length / TOTALS_STRIDE), or none. */
  useTotals(totals, from) {
    this.#totals = totals;
    this.#totalsFrom = from;
  }
  write(from, to, reuse) {
    const w = this.#world;
    const { row: r, encode } = this.#compiled;
    const out = ByteBuffer.into(reuse, (to - from) * 160 + 1024);
    for (let op = from; op < to; op++) {
      const s = this.#op.simulate(op);
      const cached = this.#totals;
      if (cached)
        this.#bookings.loadTotals(cached, (op - this.#totalsFrom) * TOTALS_STRIDE);
      else
        this.#bookings.run(s, 1);
      const t2 = this.#bookings.totals;
      const miles = w.flightDistance[s.flight];
      const ticket = t2.revenue[0] + t2.revenue[1] + t2.revenue[2] + t2.revenue[3];
      const cargo = s.cargoKg * cargoRateCents(miles);
      const mail = s.mailKg * mailRateCents(miles);
      const pax = t2.confirmed;
      const seats = w.totalSeats(s.type);
      r.date_key = w.dateKey[s.dateIndex];
      r.flight_key = s.flightKey;
      r.origin_airport_key = s.origin + 1;
      r.destination_airport_key = s.dest + 1;
      r.revenue_first = t2.revenue[0];
      r.revenue_business = t2.revenue[1];
      r.revenue_premium_economy = t2.revenue[2];
      r.revenue_economy = t2.revenue[3];
      r.ticket_revenue = ticket;
      r.ancillary_revenue = t2.ancillary;
      r.cargo_revenue = cargo;
      r.mail_revenue = mail;
      r.refunds = t2.refunds;
      r.total_revenue = ticket + t2.ancillary + cargo + mail - t2.refunds;
      r.passenger_count = pax;
      r.available_seats = seats;
      r.average_fare = pax === 0 ? 0 : Math.round(t2.confirmedFares / pax);
      r.load_factor = Math.round(pax * 1e4 / seats);
      encode(out, r);
    }
    return { data: out.finish(), rows: to - from };
  }
};

// dist/tables/dim-aircraft-generator.js
var FIRST_DELIVERY = {
  "32Q": 2017,
  "7M8": 2017,
  "359": 2017,
  "789": 2014,
  "77W": 2004,
  E75: 2005,
  CR9: 2003,
  "320": 1995,
  "738": 1998
};
var DimAircraftGenerator = class {
  table;
  keyCount;
  #world;
  #compiled;
  constructor(world, spec) {
    this.table = spec;
    this.#compiled = compileRowEncoder(spec);
    this.#world = world;
    this.keyCount = world.airframeType.length;
  }
  write(from, to, reuse) {
    const w = this.#world;
    const { row: r, encode } = this.#compiled;
    const rng = new Rng();
    const lastYear = new Date((w.params.startDay - 200) * 864e5).getUTCFullYear();
    const out = ByteBuffer.into(reuse, 64 * 1024);
    for (let i = from; i < to; i++) {
      rng.reseed(w.params.seed, STREAM.aircraft, i);
      const t2 = w.types[w.airframeType[i]];
      const first = Math.min(lastYear, FIRST_DELIVERY[t2.code] ?? 2e3);
      const year = rng.range(first, lastYear);
      r.aircraft_key = i + 1;
      r.tail_number = `N${100 + i}RP`;
      r.aircraft_code = t2.code;
      r.manufacturer = t2.manufacturer;
      r.model = t2.model;
      r.body_type = t2.bodyType;
      r.seats_first = t2.seatsFirst;
      r.seats_business = t2.seatsBusiness;
      r.seats_premium_economy = t2.seatsPremiumEconomy;
      r.seats_economy = t2.seatsEconomy;
      r.total_seats = totalSeats(t2);
      r.range_miles = t2.rangeMiles;
      r.cruise_speed_mph = t2.cruiseSpeedMph;
      r.max_cargo_kg = t2.maxCargoKg;
      r.manufacture_year = year;
      r.in_service_date = Date.UTC(year, rng.int(12), 1 + rng.int(28)) / 864e5 + 30 + rng.int(150);
      encode(out, r);
    }
    return { data: out.finish(), rows: to - from };
  }
};

// dist/tables/dim-airport-generator.js
var DimAirportGenerator = class {
  table;
  keyCount;
  #world;
  #compiled;
  constructor(world, spec) {
    this.table = spec;
    this.#compiled = compileRowEncoder(spec);
    this.#world = world;
    this.keyCount = world.airports.length;
  }
  write(from, to, reuse) {
    const w = this.#world;
    const { row: r, encode } = this.#compiled;
    const out = ByteBuffer.into(reuse, 64 * 1024);
    for (let i = from; i < to; i++) {
      const a = w.airports[i];
      r.airport_key = i + 1;
      r.airport_code = a.code;
      r.airport_name = a.name;
      r.city = a.city;
      r.state = a.state;
      r.country = a.country;
      r.country_code = a.countryCode;
      r.region = a.region;
      r.latitude = Math.round(a.lat * 1e6);
      r.longitude = Math.round(a.lon * 1e6);
      r.timezone = a.tz;
      r.is_hub = w.isHubAirport[i] === 1;
      r.valid_from = w.dateFirst;
      r.valid_to = null;
      r.is_current = true;
      encode(out, r);
    }
    return { data: out.finish(), rows: to - from };
  }
};

// dist/tables/dim-customer-generator.js
var LIFETIME_MILES = [
  [1e6, 3e6],
  [4e5, 12e5],
  [1e5, 5e5],
  [0, 12e4]
];
var emailPart = (s) => s.toLowerCase().replace(/[^a-z]/g, "");
var field = (s) => Uint8Array.from(Buffer.from(csvText(s), "utf8"));
var raw = (s) => Uint8Array.from(Buffer.from(s, "utf8"));
function digitCount(n) {
  let len = 1;
  for (let x = n | 0; x >= 10; x = x / 10 | 0)
    len++;
  return len;
}
function padded(d, p, n, width) {
  for (let i = digitCount(n); i < width; i++)
    d.setUint8(p++, 48);
  return int(d, p, n);
}
var MAX_ROW2 = 2048;
var DimCustomerGenerator = class {
  table;
  keyCount;
  #world;
  #names;
  #mail;
  #places;
  #tiers = TIER_NAMES.map(field);
  /** `pools` come from `buildCustomerPools(seed)` (faker, loaded only when customers are made). */
  constructor(world, spec, pools) {
    this.table = spec;
    this.#world = world;
    this.keyCount = world.customerCount;
    this.#names = {
      female: pools.female.map(field),
      male: pools.male.map(field),
      last: pools.last.map(field)
    };
    const mail = (names) => names.map((n) => raw(emailPart(n)));
    this.#mail = {
      female: mail(pools.female),
      male: mail(pools.male),
      last: mail(pools.last),
      domains: pools.domains.map(raw)
    };
    this.#places = {
      city: world.airports.map((a) => field(a.city)),
      state: world.airports.map((a) => a.state === null ? null : field(a.state)),
      country: world.airports.map((a) => field(a.countryCode)),
      us: Uint8Array.from(world.airports, (a) => a.countryCode === "US" ? 1 : 0)
    };
  }
  /**
   * Writes rows straight into the output: every text is pre-encoded, and the composed fields
   * (id, e-mail, phone, loyalty number) are written in place. Column order and formats are
   * the model's (the pinned output hashes in test/golden-output.test.ts hold it to the
   * model-compiled encoder's bytes); random draws happen in column order.
   */
  write(from, to, reuse) {
    const w = this.#world;
    const names = this.#names;
    const mail = this.#mail;
    const places = this.#places;
    const tiers = this.#tiers;
    const rng = new Rng();
    const start = w.params.startDay;
    const out = ByteBuffer.into(reuse, (to - from) * 180 + 1024);
    for (let i = from; i < to; i++) {
      const key = i + 1;
      rng.reseed(w.params.seed, STREAM.customer, key);
      const isFemale = rng.chance(0.5);
      const fi = rng.int(isFemale ? names.female.length : names.male.length);
      const li = rng.int(names.last.length);
      const home = rng.pick(w.homeAirports);
      const tier = tierOfRank(w.customerRankOfKey(key), w.customerCount);
      const birth = start - 365 * 18 - rng.int(365 * 62);
      const join4 = Math.max(birth + 365 * 18, start - 30 - rng.int(365 * 15));
      const range = LIFETIME_MILES[tier];
      const d = out.ensure(MAX_ROW2);
      let p = int(d, out.pos, key);
      d.setUint8(p, 44);
      d.setUint8(p + 1, 67);
      p = padded(d, p + 2, key, 9);
      d.setUint8(p++, 44);
      p = putBytes(d, p, (isFemale ? names.female : names.male)[fi]);
      d.setUint8(p++, 44);
      p = putBytes(d, p, names.last[li]);
      d.setUint8(p++, 44);
      p = putBytes(d, p, (isFemale ? mail.female : mail.male)[fi]);
      d.setUint8(p++, 46);
      p = putBytes(d, p, mail.last[li]);
      p = int(d, p, key);
      d.setUint8(p++, 64);
      p = putBytes(d, p, mail.domains[rng.int(mail.domains.length)]);
      d.setUint8(p, 44);
      d.setUint8(p + 1, 43);
      p += 2;
      if (places.us[home] === 1) {
        d.setUint8(p, 49);
        d.setUint8(p + 1, 45);
        p = int(d, p + 2, rng.range(201, 989));
        d.setUint8(p++, 45);
        p = int(d, p, rng.range(200, 999));
        d.setUint8(p++, 45);
        p = padded(d, p, rng.int(100), 2);
        p = padded(d, p, rng.int(100), 2);
      } else {
        p = int(d, p, rng.range(30, 89));
        d.setUint8(p++, 45);
        p = int(d, p, rng.range(100, 999));
        d.setUint8(p++, 45);
        p = int(d, p, rng.range(1e5, 999999));
      }
      d.setUint8(p++, 44);
      p = date(d, p, birth);
      d.setUint8(p++, 44);
      if (!rng.chance(0.03))
        d.setUint8(p++, isFemale ? 70 : 77);
      d.setUint8(p++, 44);
      p = putBytes(d, p, places.city[home]);
      d.setUint8(p++, 44);
      const state = places.state[home];
      if (state)
        p = putBytes(d, p, state);
      d.setUint8(p++, 44);
      p = putBytes(d, p, places.country[home]);
      d.setUint8(p++, 44);
      p = putBytes(d, p, tiers[tier]);
      d.setUint8(p++, 44);
      if (tier !== 3) {
        d.setUint8(p, 82);
        d.setUint8(p + 1, 80);
        p = padded(d, p + 2, (1e8 + key * 7) % 1e9, 9);
      }
      d.setUint8(p++, 44);
      p = int(d, p, rng.range(range[0], range[1]));
      d.setUint8(p++, 44);
      p = date(d, p, join4);
      d.setUint8(p++, 44);
      p = timestamp(d, p, join4 * 86400 + rng.int(86400));
      d.setUint8(p++, 10);
      out.pos = p;
    }
    return { data: out.finish(), rows: to - from };
  }
};

// dist/tables/table-generator.js
function dateKey(epochDay2) {
  const d = new Date(epochDay2 * 864e5);
  return d.getUTCFullYear() * 1e4 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

// dist/tables/dim-date-generator.js
var MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December"
];
var DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
function isoWeek(epochDay2, isoDow2) {
  const thursday = epochDay2 + 4 - isoDow2;
  const year = new Date(thursday * 864e5).getUTCFullYear();
  return Math.floor((thursday - Date.UTC(year, 0, 1) / 864e5) / 7) + 1;
}
var DimDateGenerator = class {
  table;
  keyCount;
  #world;
  #compiled;
  constructor(world, spec) {
    this.table = spec;
    this.#compiled = compileRowEncoder(spec);
    this.#world = world;
    this.keyCount = world.dateCount;
  }
  write(from, to, reuse) {
    const w = this.#world;
    const { row: r, encode } = this.#compiled;
    const out = ByteBuffer.into(reuse, 64 * 1024);
    for (let i = from; i < to; i++) {
      const day = w.dateFirst + i;
      const key = dateKey(day);
      const y = Math.floor(key / 1e4);
      const m = w.month[i];
      const dow = w.dow[i];
      const holiday = w.holidayName[i];
      r.date_key = key;
      r.full_date = day;
      r.year = y;
      r.quarter = 1 + Math.floor(m / 3);
      r.month = m + 1;
      r.month_name = MONTHS[m];
      r.day_of_month = key % 100;
      r.day_of_week = dow;
      r.day_name = DAYS[dow - 1];
      r.week_of_year = isoWeek(day, dow);
      r.is_weekend = dow >= 6;
      r.is_holiday = holiday !== void 0;
      r.holiday_name = holiday ?? null;
      r.fiscal_year = m >= 9 ? y + 1 : y;
      r.fiscal_quarter = 1 + Math.floor((m + 3) % 12 / 3);
      encode(out, r);
    }
    return { data: out.finish(), rows: to - from };
  }
};

// dist/tables/dim-flight-generator.js
var AIRLINE_CODE = "RP";
var DimFlightGenerator = class {
  table;
  keyCount;
  #world;
  #version;
  #compiled;
  constructor(world, spec) {
    this.table = spec;
    this.#compiled = compileRowEncoder(spec);
    this.#world = world;
    this.keyCount = world.flightVersionCount;
    this.#version = new Uint32Array(world.flightVersionCount);
    for (let f = 0; f < world.flightCount; f++) {
      this.#version[world.flightKeyA[f] - 1] = f;
      this.#version[world.flightKeyB[f] - 1] = f;
    }
  }
  write(from, to, reuse) {
    const w = this.#world;
    const { row: r, encode } = this.#compiled;
    const out = ByteBuffer.into(reuse, 64 * 1024);
    for (let i = from; i < to; i++) {
      const f = this.#version[i];
      const key = i + 1;
      const isB = key === w.flightKeyB[f] && w.flightKeyB[f] !== w.flightKeyA[f];
      const changed = w.flightKeyB[f] !== w.flightKeyA[f];
      const dep = isB ? w.flightDepB[f] : w.flightDepA[f];
      const o = w.flightOrigin[f];
      const d = w.flightDest[f];
      const validFromIndex = isB ? w.flightChange[f] : 0;
      const arrUtc = dep - w.offset(o, validFromIndex) + w.flightDuration[f];
      const arrLocal = ((arrUtc + w.offset(d, validFromIndex)) % 1440 + 1440) % 1440;
      const intl2 = w.airports[o]?.countryCode !== "US" || w.airports[d]?.countryCode !== "US";
      r.flight_key = key;
      r.airline_code = AIRLINE_CODE;
      r.flight_number = w.flightNumber[f];
      r.origin_airport_key = o + 1;
      r.destination_airport_key = d + 1;
      r.aircraft_key = w.flightAirframe[f] + 1;
      r.scheduled_departure_time = dep * 60;
      r.scheduled_arrival_time = arrLocal * 60;
      r.scheduled_duration_minutes = w.flightDuration[f];
      r.distance_miles = w.flightDistance[f];
      r.route_type = intl2 ? "international" : "domestic";
      r.valid_from = w.dateFirst + validFromIndex;
      r.valid_to = changed && !isB ? w.dateFirst + w.flightChange[f] - 1 : null;
      r.is_current = !(changed && !isB);
      encode(out, r);
    }
    return { data: out.finish(), rows: to - from };
  }
};

// dist/tables/flight-operations-generator.js
var FlightOperationsGenerator = class {
  table;
  keyCount;
  #world;
  #sim;
  #compiled;
  constructor(world, spec) {
    this.table = spec;
    this.#compiled = compileRowEncoder(spec);
    this.#world = world;
    this.#sim = new OperationSim(world);
    this.keyCount = world.opsTotal;
  }
  write(from, to, reuse) {
    const w = this.#world;
    const s = this.#sim;
    const { row: r, encode } = this.#compiled;
    const out = ByteBuffer.into(reuse, (to - from) * 200 + 1024);
    for (let op = from; op < to; op++) {
      s.simulate(op);
      const ok = !s.cancelled;
      r.operation_key = op + 1;
      r.flight_key = s.flightKey;
      r.date_key = w.dateKey[s.dateIndex];
      r.origin_airport_key = s.origin + 1;
      r.destination_airport_key = s.dest + 1;
      r.aircraft_key = s.airframe + 1;
      r.scheduled_departure = s.schedDep * 60;
      r.actual_departure = ok ? (s.schedDep + s.depDelay) * 60 : null;
      r.scheduled_arrival = s.schedArr * 60;
      r.actual_arrival = ok && !s.diverted ? (s.schedArr + s.arrDelay) * 60 : null;
      r.departure_delay_minutes = ok ? s.depDelay : null;
      r.arrival_delay_minutes = ok && !s.diverted ? s.arrDelay : null;
      r.carrier_delay_minutes = s.causes[0];
      r.weather_delay_minutes = s.causes[1];
      r.nas_delay_minutes = s.causes[2];
      r.security_delay_minutes = s.causes[3];
      r.late_aircraft_delay_minutes = s.causes[4];
      r.taxi_out_minutes = ok ? s.taxiOut : null;
      r.taxi_in_minutes = ok && !s.diverted ? s.taxiIn : null;
      r.departure_gate = ok ? s.depGate : null;
      r.arrival_gate = ok && !s.diverted ? s.arrGate : null;
      r.passengers_first = s.passengers(0);
      r.passengers_business = s.passengers(1);
      r.passengers_premium_economy = s.passengers(2);
      r.passengers_economy = s.passengers(3);
      r.total_passengers = ok ? s.soldTotal : 0;
      r.cargo_weight_kg = s.cargoKg;
      r.mail_weight_kg = s.mailKg;
      r.flight_status = s.status;
      r.cancellation_code = s.cancelled ? s.cancelCode : null;
      r.is_diverted = s.diverted;
      encode(out, r);
    }
    return { data: out.finish(), rows: to - from };
  }
};

// dist/pool/part-runner.js
var PartRunner = class {
  world;
  #init;
  #generators = /* @__PURE__ */ new Map();
  #preparing = /* @__PURE__ */ new Map();
  #index;
  constructor(init) {
    this.#init = init;
    this.world = new World({
      seed: init.seed,
      scale: init.scale,
      startDay: parseIsoDate(init.startDate),
      days: init.days
    }, init.tzOffsets);
  }
  /** Creates the table's generator; async because only `dim_customer` loads faker. */
  async prepare(table) {
    const ready = this.#generators.get(table);
    if (ready)
      return ready;
    let pending = this.#preparing.get(table);
    if (!pending) {
      pending = this.#create(table).then((g) => {
        this.#generators.set(table, g);
        return g;
      });
      this.#preparing.set(table, pending);
    }
    return pending;
  }
  /**
   * Starts preparing the planned tables whose generators are slow to create (`dim_customer`
   * loads faker and draws its name pools), so that work overlaps the small tables before it
   * instead of stalling the sink when the first customer part arrives.
   */
  warmUp(tables) {
    if (tables.includes("dim_customer"))
      this.prepare("dim_customer").catch(() => {
      });
  }
  async #create(table) {
    const w = this.world;
    const s = this.#init.specs;
    switch (table) {
      case "dim_date":
        return new DimDateGenerator(w, s.dim_date);
      case "dim_airport":
        return new DimAirportGenerator(w, s.dim_airport);
      case "dim_aircraft":
        return new DimAircraftGenerator(w, s.dim_aircraft);
      case "dim_flight":
        return new DimFlightGenerator(w, s.dim_flight);
      case "dim_customer": {
        const { buildCustomerPools } = await import("./customer-pools-ODL4ZASG.js");
        return new DimCustomerGenerator(w, s.dim_customer, buildCustomerPools(w.params.seed));
      }
      case "fact_flight_operations":
        return new FlightOperationsGenerator(w, s.fact_flight_operations);
      case "fact_bookings":
        this.#index ??= new BookingIndex(w, this.#init.bookingPrefix);
        return new BookingsGenerator(w, this.#index, s.fact_bookings);
      case "fact_daily_revenue":
        return new DailyRevenueGenerator(w, s.fact_daily_revenue);
    }
  }
  /**
   * Yields the CSV chunks of a part, in order (call `prepare(task.table)` first). Bookings
   * report each operation's revenue totals to `totalsSink`; daily revenue reads them from
   * `totals` (rows of operations [task.from, task.to)) instead of re-simulating bookings.
   */
  *chunks(task, options = {}) {
    const g = this.#generators.get(task.table);
    if (!g)
      throw new Error(`PartRunner: prepare('${task.table}') was not awaited`);
    const pool = options.recycle ? [new ByteBuffer(1 << 16), new ByteBuffer(1 << 16)] : void 0;
    let i = 0;
    let size = Math.max(1, Math.floor(task.chunkKeys / 8));
    for (let k = task.from; k < task.to; k += size, size = task.chunkKeys) {
      if (g instanceof BookingsGenerator)
        g.totalsSink = options.totalsSink;
      if (g instanceof DailyRevenueGenerator)
        g.useTotals(options.totals, task.from);
      yield g.write(k, Math.min(task.to, k + size), pool?.[i++ & 1]);
    }
  }
};

// dist/generate.js
var Channel = class {
  #items = [];
  #wake;
  push(item) {
    this.#items.push(item);
    this.#wake?.();
    this.#wake = void 0;
  }
  async take() {
    while (this.#items.length === 0)
      await new Promise((r) => this.#wake = r);
    return this.#items.shift();
  }
};
function startWorker(url, workerData) {
  if (!process.execArgv.some((a) => a.startsWith("--input-type")))
    return new Worker(url, { workerData });
  try {
    const execArgv = process.execArgv.filter((a) => !a.startsWith("--input-type"));
    return new Worker(url, { workerData, execArgv });
  } catch (error) {
    if (error.code !== "ERR_WORKER_INVALID_EXEC_ARGV")
      throw error;
    return new Worker(url, { workerData, execArgv: [] });
  }
}
function defaultWorkers(encoding, cores = availableParallelism()) {
  if (cores <= 2)
    return 0;
  return encoding === "gzip" ? Math.ceil(cores / 2) : cores - 1;
}
function resolveRun(run) {
  const encoding = run.encoding ?? "csv";
  if (encoding !== "csv" && encoding !== "gzip")
    invalidOption("encoding", encoding, "Use 'csv' or 'gzip'.");
  const workers = run.workers ?? defaultWorkers(encoding);
  if (!Number.isInteger(workers) || workers < 0 || workers > 256)
    invalidOption("workers", workers, "Use 0 (same thread) or a number of worker threads up to 256.");
  const chunkRows = run.chunkRows ?? (workers === 0 ? 8e3 : 5e4);
  if (!Number.isInteger(chunkRows) || chunkRows < 1 || chunkRows > 1e7)
    invalidOption("chunkRows", chunkRows, "Use a whole number of rows per chunk from 1 to 10,000,000.");
  const level = run.gzipLevel ?? 1;
  if (!Number.isInteger(level) || level < 0 || level > 9)
    invalidOption("gzipLevel", level, "Use a zlib level from 0 to 9.");
  return { workers, chunkRows, encoding, level, workerUrl: run.workerUrl };
}
function tasksOf(chunkRows, table) {
  const perKey = table.keyCount === 0 ? 1 : table.rows / table.keyCount;
  const chunkKeys = Math.max(1, Math.round(chunkRows / Math.max(1, perKey)));
  return table.parts.map((p) => ({
    table: table.name,
    part: p.index,
    from: p.from,
    to: p.to,
    chunkKeys
  }));
}
var initOf = (plan) => ({
  seed: plan.seed,
  scale: plan.scale,
  startDate: plan.startDate,
  days: plan.days,
  bookingPrefix: plan.bookingPrefix,
  tzOffsets: plan.tzOffsets,
  specs: plan.specs,
  tables: plan.tables.map((t2) => t2.name)
});
function totalsCacheOf(plan) {
  const names = plan.tables.map((t2) => t2.name);
  const ops = plan.tables.find((t2) => t2.name === "fact_bookings")?.keyCount ?? 0;
  if (!names.includes("fact_daily_revenue") || ops === 0 || ops > TOTALS_CACHE_MAX_OPERATIONS)
    return void 0;
  return new Float64Array(ops * TOTALS_STRIDE);
}
function totalsFor(cache, task) {
  if (!cache)
    return {};
  if (task.table === "fact_bookings")
    return {
      totalsSink: (from, totals) => cache.set(totals, from * TOTALS_STRIDE)
    };
  if (task.table === "fact_daily_revenue")
    return { totals: cache.subarray(task.from * TOTALS_STRIDE, task.to * TOTALS_STRIDE) };
  return {};
}
function inlineLanes(encoding) {
  return encoding === "gzip" ? 4 : 1;
}
async function startWorkers(plan, o, lanes, channel) {
  const url = o.workerUrl ?? new URL("./pool/generate-worker.js", import.meta.url);
  if (url.pathname.endsWith(".ts"))
    invalidOption("workerUrl", url.href, "Workers need JavaScript: build the package, pass workerUrl, or use workers: 0.");
  const ready = [];
  for (let i = 0; i < o.workers; i++) {
    const worker = startWorker(url, initOf(plan));
    lanes.push(worker);
    worker.on("error", (error) => channel.push({
      error: new DatagenError("WORKER_FAILED", `A generator worker failed: ${error.message}`, {
        cause: error
      })
    }));
    ready.push(new Promise((resolve) => {
      const onReady = (m) => {
        if (m.type === "ready") {
          worker.off("message", onReady);
          resolve();
        }
      };
      worker.on("message", onReady);
    }));
  }
  await Promise.race([
    Promise.all(ready),
    channel.take().then((item) => {
      throw item.error;
    })
  ]);
}
async function* generate(planOrOptions, run = {}) {
  const plan = "totalRows" in planOrOptions ? planOrOptions : createPlan(planOrOptions);
  const o = resolveRun(run);
  const cache = totalsCacheOf(plan);
  const channel = new Channel();
  const lanes = [];
  try {
    if (o.workers === 0) {
      const runner = new PartRunner(initOf(plan));
      runner.warmUp(plan.tables.map((t2) => t2.name));
      for (let i = 0; i < inlineLanes(o.encoding); i++)
        lanes.push(new InlineLane(runner));
    } else
      await startWorkers(plan, o, lanes, channel);
    const tables = plan.tables.map((t2) => t2.name);
    const indexOf = new Map(tables.map((name, i) => [name, i]));
    const partCount = plan.tables.map((t2) => t2.parts.length);
    const queue = plan.tables.flatMap((t2) => tasksOf(o.chunkRows, t2));
    const producedParts = tables.map(() => 0);
    const bookings = indexOf.get("fact_bookings");
    const runnable = (task) => !(cache && task.table === "fact_daily_revenue" && bookings !== void 0) || producedParts[bookings] === partCount[bookings];
    const idle = [];
    const start = (lane, task) => {
      const table = indexOf.get(task.table);
      const onMessage = (m) => {
        if (m.type === "totals") {
          cache?.set(m.totals, m.from * TOTALS_STRIDE);
          return;
        }
        if (m.type === "error") {
          lane.off("message", onMessage);
          const error = new DatagenError("WORKER_FAILED", `Generating ${task.table} part ${task.part} failed: ${m.message}`);
          if (m.stack)
            error.stack = m.stack;
          channel.push({ error });
          return;
        }
        if (m.type !== "chunk")
          return;
        channel.push({
          chunk: { table: task.table, part: task.part, data: m.data, rows: m.rows, last: m.last },
          ack: () => lane.postMessage({ type: "credit" })
        });
        if (m.last) {
          lane.off("message", onMessage);
          producedParts[table] = producedParts[table] + 1;
          idle.push(lane);
          assign();
        }
      };
      lane.on("message", onMessage);
      const t2 = totalsFor(cache, task);
      const totals = t2.totals?.slice();
      lane.postMessage({
        type: "part",
        task,
        encoding: o.encoding,
        level: o.level,
        collectTotals: t2.totalsSink !== void 0,
        totals
      }, totals ? [totals.buffer] : []);
    };
    let next = 0;
    const assign = () => {
      while (idle.length > 0 && next < queue.length && runnable(queue[next]))
        start(idle.shift(), queue[next++]);
    };
    idle.push(...lanes);
    assign();
    const ahead = tables.map(() => []);
    for (let current = 0; current < tables.length; current++) {
      let partsLeft = partCount[current];
      const waiting = ahead[current];
      while (partsLeft > 0) {
        let item = waiting.shift();
        if (!item) {
          item = await channel.take();
          if (item.error !== void 0)
            throw item.error;
          const at = indexOf.get(item.chunk.table);
          if (at !== current) {
            ;
            ahead[at].push(item);
            continue;
          }
        }
        const chunk = item.chunk;
        yield chunk;
        item.ack?.();
        if (chunk.last)
          partsLeft--;
      }
    }
  } finally {
    await Promise.all(lanes.map((lane) => lane.terminate()));
  }
}

// dist/load.js
async function loadAirlineData(options) {
  const { sink, onProgress, workers, chunkRows, gzipLevel, workerUrl, ...planOptions } = options;
  const plan = createPlan(planOptions);
  const started = performance.now();
  const summary = [];
  const chunks = generate(plan, {
    workers,
    chunkRows,
    gzipLevel,
    workerUrl,
    encoding: sink.encoding
  });
  try {
    const first = chunks.next();
    first.catch(() => {
    });
    await sink.begin(plan);
    let current;
    let state;
    const finish = async () => {
      if (!current || !state)
        return;
      await current.close();
      const seconds = (performance.now() - state.t0) / 1e3;
      summary.push({ table: state.table, rows: state.rows, bytes: state.bytes, seconds });
      onProgress?.({
        table: state.table,
        rows: state.rows,
        totalRows: state.total,
        bytes: state.bytes,
        rowsPerSecond: state.rows / Math.max(seconds, 1e-6),
        etaSeconds: 0,
        done: true
      });
    };
    for (let next = await first; !next.done; next = await chunks.next()) {
      const chunk = next.value;
      if (chunk.table !== state?.table) {
        await finish();
        const t2 = plan.tables.find((x) => x.name === chunk.table);
        if (!t2)
          throw new DatagenError("SINK_FAILED", `unplanned table ${chunk.table}`);
        current = await sink.openTable(t2);
        state = { table: t2.name, total: t2.rows, rows: 0, bytes: 0, t0: performance.now() };
      }
      await current.write(chunk);
      state.rows += chunk.rows;
      state.bytes += chunk.data.length;
      if (onProgress) {
        const seconds = Math.max((performance.now() - state.t0) / 1e3, 1e-6);
        const rate = state.rows / seconds;
        onProgress({
          table: state.table,
          rows: state.rows,
          totalRows: state.total,
          bytes: state.bytes,
          rowsPerSecond: rate,
          etaSeconds: rate > 0 ? (state.total - state.rows) / rate : 0,
          done: false
        });
      }
    }
    await finish();
    await sink.commit();
  } catch (error) {
    await chunks.return(void 0).catch(() => {
    });
    await sink.abort(error).catch(() => {
    });
    if (error instanceof DatagenError)
      throw error;
    throw new DatagenError("LOAD_FAILED", `Loading the airline data failed: ${error?.message ?? error}`, { cause: error });
  }
  const rows = summary.reduce((s, t2) => s + t2.rows, 0);
  return { tables: summary, rows, seconds: (performance.now() - started) / 1e3 };
}

// dist/sink/files/files-sink.js
import { createWriteStream } from "node:fs";
import { join as join2 } from "node:path";

// dist/sink/sql/copy-sql.js
var ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
function renderRedshiftCopy(o) {
  if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(o.manifestUrl))
    invalidOption("manifestUrl", o.manifestUrl, "Use an s3://bucket/key URL.");
  const role = o.iamRole ?? "default";
  if (role !== "default" && !ROLE_ARN.test(role))
    invalidOption("iamRole", role, "Use 'default' or an IAM role ARN (arn:aws:iam::123456789012:role/name).");
  if (o.region !== void 0 && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(o.region))
    invalidOption("region", o.region, "Use an AWS region name such as us-east-1.");
  const target = `${quoteIdent(o.schema, "schema")}.${quoteIdent(o.table, "table")}`;
  const source = [
    `FROM ${quoteLiteral(o.manifestUrl)}`,
    `IAM_ROLE ${role === "default" ? "default" : quoteLiteral(role)}`
  ];
  if (o.format === "parquet") {
    if (o.region !== void 0)
      invalidOption("region", o.region, "COPY from Parquet takes no REGION: keep the bucket in the warehouse\u2019s region.");
    return [`COPY ${target}`, ...source, "FORMAT AS PARQUET MANIFEST"].join("\n");
  }
  const columns = o.columns.map((c) => quoteIdent(c, "column")).join(", ");
  return [
    `COPY ${target} (${columns})`,
    ...source,
    "MANIFEST GZIP CSV DATEFORMAT 'YYYY-MM-DD' TIMEFORMAT 'YYYY-MM-DD HH:MI:SS' EMPTYASNULL",
    ...o.region ? [`REGION ${quoteLiteral(o.region)}`] : []
  ].join("\n");
}
function buildManifest(entries) {
  return {
    entries: entries.map((e) => ({
      url: e.url,
      mandatory: true,
      meta: { content_length: e.bytes }
    }))
  };
}
var partFileName = (part, extension = ".csv.gz") => `part-${String(part).padStart(5, "0")}${extension}`;
function s3Key(s3, table, file) {
  return `${s3.prefix ? `${s3.prefix}/` : ""}${table}/${file}`;
}
function s3Url(s3, table, file) {
  return `s3://${s3.bucket}/${s3Key(s3, table, file)}`;
}
function parseS3Prefix(field2, url) {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!m)
    invalidOption(field2, url, "Use s3://bucket or s3://bucket/prefix (lower-case bucket name).");
  return { bucket: m[1], prefix: (m[2] ?? "").replace(/\/+$/, "") };
}

// dist/sink/files/staged-output.js
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
var StagedOutput = class {
  #o;
  #s3;
  #staging;
  #tables = [];
  #copies = [];
  constructor(options) {
    if (typeof options.dir !== "string" || options.dir.length === 0)
      invalidOption("dir", options.dir, "Give an output folder path.");
    this.#s3 = parseS3Prefix("s3Prefix", options.s3Prefix);
    this.#o = Object.freeze({ ...options });
    this.#staging = join(options.dir, `.partial-${process.pid}-${Date.now()}`);
  }
  /** The S3 URL a file will have once the folder is uploaded to `s3Prefix`. */
  url(table, file) {
    return s3Url(this.#s3, table, file);
  }
  async begin() {
    await mkdir(this.#staging, { recursive: true });
  }
  /** Creates and returns the staging folder of a table. */
  async tableDir(table) {
    const dir = join(this.#staging, table);
    await mkdir(dir, { recursive: true });
    return dir;
  }
  /**
   * Writes a finished table's manifest (its part files, in order, with their sizes) and records
   * its COPY statement for `copy.sql`.
   */
  async finishTable(table, files, copy = {}) {
    const manifest = buildManifest(files.map((f) => ({ url: this.url(table.name, f.file), bytes: f.bytes })));
    await writeFile(join(this.#staging, table.name, "manifest.json"), `${JSON.stringify(manifest, null, 2)}
`);
    const o = this.#o;
    const sql = renderRedshiftCopy({
      schema: o.schema ?? DW,
      table: table.name,
      columns: table.columns,
      manifestUrl: this.url(table.name, "manifest.json"),
      ...o.iamRole ? { iamRole: o.iamRole } : {},
      ...copy
    });
    this.#tables.push(table.name);
    this.#copies.push(`${sql};
`);
  }
  async commit() {
    await writeFile(join(this.#staging, "copy.sql"), `-- Generated by @redshift-playground/datagen
${this.#copies.join("\n")}`);
    for (const t2 of this.#tables) {
      await rm(join(this.#o.dir, t2), { recursive: true, force: true });
      await rename(join(this.#staging, t2), join(this.#o.dir, t2));
    }
    await rename(join(this.#staging, "copy.sql"), join(this.#o.dir, "copy.sql"));
    await rm(this.#staging, { recursive: true, force: true });
  }
  async abort() {
    await rm(this.#staging, { recursive: true, force: true });
  }
};

// dist/sink/files/files-sink.js
var FilesSink = class {
  encoding = "gzip";
  #region;
  #out;
  constructor(options) {
    this.#out = new StagedOutput(options);
    this.#region = options.region;
  }
  /** The S3 URL a part will have once the folder is uploaded to `s3Prefix`. */
  url(table, file) {
    return this.#out.url(table, file);
  }
  async begin(_plan) {
    await this.#out.begin();
  }
  async openTable(table) {
    const dir = await this.#out.tableDir(table.name);
    const streams = /* @__PURE__ */ new Map();
    const sizes = /* @__PURE__ */ new Map();
    return {
      write: async (chunk) => {
        let s = streams.get(chunk.part);
        if (!s) {
          s = { stream: createWriteStream(join2(dir, partFileName(chunk.part))), bytes: 0 };
          streams.set(chunk.part, s);
        }
        const { stream } = s;
        s.bytes += chunk.data.length;
        if (!stream.write(chunk.data))
          await new Promise((r) => stream.once("drain", () => r()));
        if (chunk.last) {
          await new Promise((resolve, reject) => {
            stream.once("error", reject);
            stream.end(() => resolve());
          });
          sizes.set(chunk.part, s.bytes);
          streams.delete(chunk.part);
        }
      },
      close: () => this.#out.finishTable(table, [...sizes.keys()].sort((a, b) => a - b).map((p) => ({ file: partFileName(p), bytes: sizes.get(p) })), this.#region ? { region: this.#region } : {})
    };
  }
  async commit() {
    await this.#out.commit();
  }
  async abort(_error) {
    await this.#out.abort();
  }
};

// dist/sink/parquet/parquet-sink.js
import { statSync } from "node:fs";
import { join as join3 } from "node:path";

// dist/sink/parquet/parquet-columns.js
var DAY_MS5 = 864e5;
function days(text2) {
  return Date.UTC(Number(text2.slice(0, 4)), Number(text2.slice(5, 7)) - 1, Number(text2.slice(8, 10))) / DAY_MS5;
}
function micros(text2) {
  const s = Number(text2.slice(0, 2)) * 3600 + Number(text2.slice(3, 5)) * 60 + Number(text2.slice(6, 8));
  return BigInt(s) * 1000000n;
}
function unscaled(text2, scale) {
  const dot = text2.indexOf(".");
  const whole = dot < 0 ? text2 : text2.slice(0, dot);
  const frac = (dot < 0 ? "" : text2.slice(dot + 1)).padEnd(scale, "0");
  if (frac.length > scale)
    throw new Error(`"${text2}" has more than ${scale} decimal places`);
  return BigInt(`${whole}${frac}`);
}
function fieldOf(name, type, nullable) {
  const repetition_type = nullable ? "OPTIONAL" : "REQUIRED";
  switch (type.kind) {
    case "smallint":
      return [{ name, type: "INT32", converted_type: "INT_16", repetition_type }, Number];
    case "integer":
      return [{ name, type: "INT32", repetition_type }, Number];
    case "bigint":
      return [{ name, type: "INT64", repetition_type }, BigInt];
    case "double":
      return [{ name, type: "DOUBLE", repetition_type }, Number];
    case "boolean":
      return [{ name, type: "BOOLEAN", repetition_type }, (t2) => t2 === "t"];
    case "varchar":
    case "char":
      return [{ name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type }, String];
    case "date":
      return [{ name, type: "INT32", converted_type: "DATE", repetition_type }, days];
    case "timestamp":
      return [
        { name, type: "INT64", converted_type: "TIMESTAMP_MICROS", repetition_type },
        (t2) => BigInt(days(t2)) * 86400000000n + micros(t2.slice(11))
      ];
    case "time":
      return [
        {
          name,
          type: "INT64",
          logical_type: { type: "TIME", isAdjustedToUTC: false, unit: "MICROS" },
          repetition_type
        },
        micros
      ];
    case "decimal": {
      const { precision, scale } = type;
      const decimal = {
        name,
        converted_type: "DECIMAL",
        precision,
        scale,
        repetition_type
      };
      const exact = (t2) => unscaled(t2, scale);
      if (precision <= 9)
        return [{ ...decimal, type: "INT32" }, exact];
      if (precision <= 18)
        return [{ ...decimal, type: "INT64" }, exact];
      const type_length = Math.ceil((Math.log2(10 ** precision) + 1) / 8);
      return [{ ...decimal, type: "FIXED_LEN_BYTE_ARRAY", type_length }, exact];
    }
  }
}
function parquetColumnsOf(table) {
  const defs = airlineModel.tables[table.name].columns;
  const fields = table.columns.map((c) => {
    const def = defs[c];
    return fieldOf(c, def.type, def.nullable);
  });
  return {
    schema: [{ name: "root", num_children: fields.length }, ...fields.map(([f]) => f)],
    fromText: fields.map(([, from]) => from)
  };
}
function appendCsvRows(bytes, fromText, columns) {
  const text2 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  const n = fromText.length;
  let rows = 0;
  let i = 0;
  while (i < text2.length) {
    for (let c = 0; c < n; c++) {
      let value;
      if (text2.charCodeAt(i) === 34) {
        let end2 = i + 1;
        let out = "";
        for (; ; ) {
          const q = text2.indexOf('"', end2);
          if (q < 0)
            throw new Error("unterminated quoted CSV field");
          out += text2.slice(end2, q);
          if (text2.charCodeAt(q + 1) === 34) {
            out += '"';
            end2 = q + 2;
          } else {
            end2 = q + 1;
            break;
          }
        }
        value = out;
        i = end2 + 1;
        columns[c].push(fromText[c](value));
        continue;
      }
      const stop = c === n - 1 ? text2.indexOf("\n", i) : text2.indexOf(",", i);
      const end = stop < 0 ? text2.length : stop;
      value = text2.slice(i, end);
      columns[c].push(value === "" ? null : fromText[c](value));
      i = end + 1;
    }
    rows++;
  }
  return rows;
}

// dist/sink/parquet/parquet-sink.js
var ParquetSink = class {
  encoding = "csv";
  #out;
  #rowGroupRows;
  #lib;
  constructor(options) {
    this.#out = new StagedOutput(options);
    const rows = options.rowGroupRows ?? 25e3;
    if (!Number.isInteger(rows) || rows < 1 || rows > 1e7)
      invalidOption("rowGroupRows", rows, "Use a whole number of rows from 1 to 10,000,000.");
    this.#rowGroupRows = rows;
  }
  /** The S3 URL a part will have once the folder is uploaded to `s3Prefix`. */
  url(table, file) {
    return this.#out.url(table, file);
  }
  async begin(_plan) {
    this.#lib = await import("hyparquet-writer");
    await this.#out.begin();
  }
  async openTable(table) {
    const lib = this.#lib;
    const dir = await this.#out.tableDir(table.name);
    const { schema, fromText } = parquetColumnsOf(table);
    const groupRows = this.#rowGroupRows;
    const file = (part) => join3(dir, partFileName(part, ".parquet"));
    const parts = /* @__PURE__ */ new Map();
    const done = [];
    const flush = async (p, end) => {
      const n = end ? p.rows : p.rows - p.rows % groupRows;
      if (n === 0)
        return;
      await p.writer.write({
        columnData: table.columns.map((name, c) => ({
          name,
          data: p.columns[c].slice(0, n)
        })),
        rowGroupSize: groupRows
      });
      p.columns = p.columns.map((values) => values.slice(n));
      p.rows -= n;
    };
    return {
      write: async (chunk) => {
        let p = parts.get(chunk.part);
        if (!p) {
          p = {
            writer: new lib.ParquetWriter({
              writer: lib.fileWriter(file(chunk.part)),
              schema: [...schema],
              createdBy: "@redshift-playground/datagen"
            }),
            columns: table.columns.map(() => []),
            rows: 0
          };
          parts.set(chunk.part, p);
        }
        p.rows += appendCsvRows(chunk.data, fromText, p.columns);
        if (p.rows >= groupRows)
          await flush(p, false);
        if (chunk.last) {
          await flush(p, true);
          await p.writer.finish();
          parts.delete(chunk.part);
          done.push(chunk.part);
        }
      },
      close: () => this.#out.finishTable(table, done.sort((a, b) => a - b).map((part) => ({
        file: partFileName(part, ".parquet"),
        bytes: statSync(file(part)).size
      })), { format: "parquet" })
    };
  }
  async commit() {
    await this.#out.commit();
  }
  async abort(_error) {
    await this.#out.abort();
  }
};

// dist/sink/sql/pg-atomic-load.js
var qualified = (t2, schema) => `${quoteIdent(schema ?? t2.schema, "schema")}.${quoteIdent(t2.name, "table")}`;
function copyFromSql(t2, source, schema) {
  return `COPY ${qualified(t2, schema)} (${t2.columns.map((c) => quoteIdent(c, "column")).join(", ")}) FROM ${source} WITH (FORMAT csv)`;
}
var PgAtomicLoad = class {
  #db;
  #schema;
  #saved = [];
  #open = false;
  constructor(db, schema) {
    this.#db = db;
    this.#schema = schema;
  }
  copySql(t2, source) {
    return copyFromSql(t2, source, this.#schema);
  }
  async begin(plan) {
    const names = plan.tables.map((t2) => qualified(t2, this.#schema));
    for (const [i, name] of names.entries()) {
      const { rows: rows2 } = await this.#db.query("SELECT to_regclass($1) IS NOT NULL AS present", [name]);
      if (rows2[0]?.present !== true)
        throw new DatagenError("MISSING_TABLE", `Table ${name} does not exist. Create the schema first (the schema package's Postgres DDL / migrations), then load.`, { field: "tables", value: plan.tables[i]?.name });
    }
    await this.#db.query("BEGIN");
    this.#open = true;
    const { rows } = await this.#db.query(`SELECT c.conrelid::regclass::text AS tbl, c.conname AS name, pg_get_constraintdef(c.oid) AS def
         FROM pg_constraint c
        WHERE c.contype = 'f' AND (c.conrelid = ANY($1::regclass[]) OR c.confrelid = ANY($1::regclass[]))
        ORDER BY c.conrelid::regclass::text, c.conname`, [names]);
    this.#saved = rows.map((r) => ({
      tbl: String(r.tbl),
      name: String(r.name),
      def: String(r.def)
    }));
    for (const fk2 of this.#saved)
      await this.#db.query(`ALTER TABLE ${fk2.tbl} DROP CONSTRAINT ${quoteIdent(fk2.name, "constraint")}`);
    await this.#db.query(`TRUNCATE TABLE ${names.join(", ")}`);
  }
  async commit() {
    for (const fk2 of this.#saved)
      await this.#db.query(`ALTER TABLE ${fk2.tbl} ADD CONSTRAINT ${quoteIdent(fk2.name, "constraint")} ${fk2.def}`);
    await this.#db.query("COMMIT");
    this.#open = false;
  }
  async abort() {
    if (!this.#open)
      return;
    this.#open = false;
    await this.#db.query("ROLLBACK");
  }
};

// dist/sink/pglite/pglite-sink.js
var PGliteSink = class {
  encoding = "csv";
  #options;
  #load;
  constructor(options) {
    this.#options = Object.freeze({ ...options });
  }
  async begin(plan) {
    this.#load = new PgAtomicLoad(this.#options.db, this.#options.schema);
    await this.#load.begin(plan);
  }
  async openTable(table) {
    const parts = [];
    const db = this.#options.db;
    const sql = this.#load.copySql(table, "'/dev/blob'");
    return {
      async write(chunk) {
        if (chunk.data.length > 0)
          parts.push(chunk.data);
      },
      async close() {
        try {
          await db.query(sql, [], {
            blob: new Blob(parts)
          });
        } catch (e) {
          throw new DatagenError("LOAD_FAILED", `COPY into ${table.name} failed: ${e.message}`, { field: "table", value: table.name, cause: e });
        } finally {
          parts.length = 0;
        }
      }
    };
  }
  async commit() {
    await this.#load.commit();
  }
  async abort(_error) {
    await this.#load?.abort();
  }
};

// dist/sink/postgres/postgres-sink.js
import { from as copyFrom } from "pg-copy-streams";
var isPool = (c) => typeof c.connect === "function" && typeof c.release !== "function" && !("connection" in c);
var PostgresSink = class {
  encoding = "csv";
  #options;
  #client;
  #release;
  #load;
  constructor(options) {
    this.#options = Object.freeze({ ...options });
  }
  async begin(plan) {
    const c = this.#options.client;
    if (isPool(c)) {
      const client = await c.connect();
      this.#client = client;
      this.#release = (e) => client.release(e);
    } else
      this.#client = c;
    this.#load = new PgAtomicLoad(this.#client, this.#options.schema);
    await this.#load.begin(plan);
  }
  async openTable(table) {
    const client = this.#client;
    const stream = client.query(copyFrom(this.#load.copySql(table, "STDIN")));
    let failure;
    stream.on("error", (e) => {
      failure = e;
    });
    const finished = new Promise((resolve, reject) => {
      stream.on("finish", resolve);
      stream.on("error", reject);
    });
    finished.catch(() => {
    });
    return {
      async write(chunk) {
        if (failure)
          throw failure;
        if (chunk.data.length === 0)
          return;
        if (!stream.write(chunk.data))
          await new Promise((resolve, reject) => {
            const done = (e) => {
              stream.off("drain", done);
              stream.off("error", done);
              e ? reject(e) : resolve();
            };
            stream.on("drain", done);
            stream.on("error", done);
          });
      },
      async close() {
        stream.end();
        try {
          await finished;
        } catch (e) {
          throw new DatagenError("LOAD_FAILED", `COPY into ${table.name} failed: ${e.message}`, { field: "table", value: table.name, cause: e });
        }
      }
    };
  }
  async commit() {
    try {
      await this.#load.commit();
    } finally {
      this.#release?.();
    }
  }
  async abort(_error) {
    try {
      await this.#load?.abort();
    } finally {
      this.#release?.();
    }
  }
};

// dist/sink/s3-copy/s3-copy-sink.js
import { PassThrough } from "node:stream";
var S3CopySink = class {
  encoding = "gzip";
  #o;
  #s3;
  #copies = [];
  constructor(options) {
    if (typeof options.client?.send !== "function")
      invalidOption("client", typeof options.client, "Pass an S3Client from @aws-sdk/client-s3.");
    if (typeof options.upload !== "function")
      invalidOption("upload", typeof options.upload, "Pass the Upload class of @aws-sdk/lib-storage (an optional peer dependency) or a factory.");
    if (options.partSize !== void 0 && (!Number.isInteger(options.partSize) || options.partSize < 5 * 1024 * 1024))
      invalidOption("partSize", options.partSize, "S3 multipart parts must be at least 5 MiB (5242880 bytes).");
    this.#s3 = parseS3Prefix("s3Prefix", options.s3Prefix);
    this.#o = Object.freeze({ ...options });
  }
  #upload(key, body, contentType) {
    const params = {
      client: this.#o.client,
      params: { Bucket: this.#s3.bucket, Key: key, Body: body, ContentType: contentType },
      queueSize: 2,
      partSize: this.#o.partSize ?? 8 * 1024 * 1024
    };
    const U = this.#o.upload;
    return /^class[\s{]/.test(Function.prototype.toString.call(U)) || U.prototype?.done ? new U(params) : U(params);
  }
  async begin(_plan) {
  }
  async openTable(table) {
    const open = /* @__PURE__ */ new Map();
    const sizes = /* @__PURE__ */ new Map();
    return {
      write: async (chunk) => {
        let u = open.get(chunk.part);
        if (!u) {
          const body2 = new PassThrough({ highWaterMark: 4 * 1024 * 1024 });
          const done = this.#upload(s3Key(this.#s3, table.name, partFileName(chunk.part)), body2, "application/gzip").done();
          done.catch(() => {
          });
          u = { body: body2, done, bytes: 0 };
          open.set(chunk.part, u);
        }
        u.bytes += chunk.data.length;
        const { body } = u;
        if (!body.write(chunk.data))
          await new Promise((r) => body.once("drain", () => r()));
        if (chunk.last) {
          body.end();
          await u.done;
          sizes.set(chunk.part, u.bytes);
          open.delete(chunk.part);
        }
      },
      close: async () => {
        const parts = [...sizes.keys()].sort((a, b) => a - b);
        const url = (file) => s3Url(this.#s3, table.name, file);
        const manifest = buildManifest(parts.map((p) => ({ url: url(partFileName(p)), bytes: sizes.get(p) })));
        await this.#upload(s3Key(this.#s3, table.name, "manifest.json"), JSON.stringify(manifest), "application/json").done();
        this.#copies.push({
          table,
          sql: renderRedshiftCopy({
            schema: this.#o.schema ?? DW,
            table: table.name,
            columns: table.columns,
            manifestUrl: url("manifest.json"),
            ...this.#o.iamRole ? { iamRole: this.#o.iamRole } : {},
            ...this.#o.region ? { region: this.#o.region } : {}
          })
        });
      }
    };
  }
  async commit() {
    const schema = this.#o.schema ?? DW;
    const { sql } = await import("kysely");
    await this.#o.db.transaction().execute(async (trx) => {
      for (const { table, sql: copy } of this.#copies) {
        await sql.raw(`DELETE FROM ${quoteIdent(schema, "schema")}.${quoteIdent(table.name, "table")}`).execute(trx);
        await sql.raw(copy).execute(trx);
      }
    });
  }
  async abort(_error) {
  }
};
export {
  AIRCRAFT_TYPES,
  AIRPORTS,
  BAG_FEES,
  BTS_TARGETS,
  DATAGEN_TABLES,
  DatagenError,
  FilesSink,
  HUBS,
  PGliteSink,
  ParquetSink,
  PostgresSink,
  S3CopySink,
  TAXES,
  bagFeeCents,
  cargoRateCents,
  createPlan,
  defaultWorkers,
  federalHolidays,
  generate,
  loadAirlineData,
  mailRateCents,
  renderRedshiftCopy
};
