import { csvText } from '../csv/csv-format.js'
import { ByteBuffer, int, putBytes } from '../csv/row-encoder.js'
import { type ColumnSources, compileRowWriter, type RowWriter } from '../csv/row-writer.js'
import { type CustomerGroup, GROUP_STREAM, Rng } from '../random/prng.js'
import type { World } from '../world/world.js'
import { TIER_NAMES, tierOfRank } from './booking-sim.js'
import type { CustomerPools } from './customer-pools.js'
import type { TableGenerator } from './table-generator.js'
import type { TableSpecs } from './table-specs.js'

const LIFETIME_MILES = [
  [1_000_000, 3_000_000],
  [400_000, 1_200_000],
  [100_000, 500_000],
  [0, 120_000],
] as const

/** E-mail local part: ASCII letters only (names like O'Connor or Mary Ann lose the rest). */
const emailPart = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '')

/** A CSV field's bytes (quoted when needed, UTF-8): written by copying, not per character. */
const field = (s: string) => Uint8Array.from(Buffer.from(csvText(s), 'utf8'))
/** Bytes of a value used inside a composed field (e-mail parts, domains). */
const raw = (s: string) => Uint8Array.from(Buffer.from(s, 'utf8'))

/** Decimal digits of a non-negative int32. */
function digitCount(n: number): number {
  let len = 1
  for (let x = n | 0; x >= 10; x = (x / 10) | 0) len++
  return len
}

/** `n` (a non-negative int32) left-padded with zeros to `width` digits. */
function padded(d: DataView, p: number, n: number, width: number): number {
  for (let i = digitCount(n); i < width; i++) d.setUint8(p++, 48)
  return int(d, p, n)
}

/** Pre-encoded texts, built once per generator (names, e-mail parts, places, tiers). */
interface CustomerTexts {
  readonly names: {
    readonly female: readonly Uint8Array[]
    readonly male: readonly Uint8Array[]
    readonly last: readonly Uint8Array[]
  }
  readonly mail: {
    readonly female: readonly Uint8Array[]
    readonly male: readonly Uint8Array[]
    readonly last: readonly Uint8Array[]
    readonly domains: readonly Uint8Array[]
  }
  readonly places: {
    readonly city: readonly Uint8Array[]
    readonly state: readonly (Uint8Array | null)[]
    readonly country: readonly Uint8Array[]
    readonly us: Uint8Array
  }
  readonly tiers: readonly Uint8Array[]
}

/** One customer's draws, made group by group, then read by the column sources. */
interface CustomerValues {
  key: number
  // person: sex, first and last name, whether gender is recorded, e-mail domain
  female: boolean
  first: number
  last: number
  genderKnown: boolean
  domain: number
  // home: airport (city, state, country) and phone digits
  home: number
  phone: Int32Array
  // dates: birth, join, time of day of the record's creation
  birth: number
  join: number
  createdSecond: number
  // miles
  miles: number
  tier: number
}

type CustomerColumns = TableSpecs['dim_customer']['columns']

/**
 * `dim_customer`'s columns, one source each; the composed fields (customer id, e-mail, phone,
 * loyalty number) are written as bytes in place, every text is pre-encoded.
 */
export const CUSTOMER_SOURCES: ColumnSources<CustomerColumns, CustomerValues, CustomerTexts> = {
  customer_key: (c) => c.key,
  customer_id: {
    custom: 'varchar',
    maxLength: 10,
    maxBytes: 12,
    // C + nine digits
    write(d, p, c) {
      d.setUint8(p, 67)
      return padded(d, p + 1, c.key, 9)
    },
  },
  first_name: (c, t) => (c.female ? t.names.female : t.names.male)[c.first] as Uint8Array,
  last_name: (c, t) => t.names.last[c.last] as Uint8Array,
  email: {
    custom: 'varchar',
    maxBytes: 6 * 120 + 2,
    // first.last<key>@domain
    write(d, p, c, t) {
      p = putBytes(d, p, (c.female ? t.mail.female : t.mail.male)[c.first] as Uint8Array)
      d.setUint8(p++, 46)
      p = putBytes(d, p, t.mail.last[c.last] as Uint8Array)
      p = int(d, p, c.key)
      d.setUint8(p++, 64)
      return putBytes(d, p, t.mail.domains[c.domain] as Uint8Array)
    },
  },
  phone: {
    custom: 'varchar',
    maxLength: 20,
    maxBytes: 24,
    // US: +1-AAA-EEE-NNNN; elsewhere: +CC-AAA-NNNNNN.
    write(d, p, c, t) {
      const n = c.phone
      d.setUint8(p++, 43)
      if (t.places.us[c.home] === 1) {
        d.setUint8(p, 49)
        d.setUint8(p + 1, 45)
        p = int(d, p + 2, n[0] as number)
        d.setUint8(p++, 45)
        p = int(d, p, n[1] as number)
        d.setUint8(p++, 45)
        p = padded(d, p, n[2] as number, 2)
        return padded(d, p, n[3] as number, 2)
      }
      p = int(d, p, n[0] as number)
      d.setUint8(p++, 45)
      p = int(d, p, n[1] as number)
      d.setUint8(p++, 45)
      return int(d, p, n[2] as number)
    },
  },
  birth_date: (c) => c.birth,
  gender: (c) => (c.genderKnown ? (c.female ? GENDER_F : GENDER_M) : null),
  city: (c, t) => t.places.city[c.home] as Uint8Array,
  state: (c, t) => t.places.state[c.home] ?? null,
  country_code: (c, t) => t.places.country[c.home] as Uint8Array,
  loyalty_tier: (c, t) => t.tiers[c.tier] as Uint8Array,
  loyalty_number: {
    custom: 'varchar',
    maxLength: 11,
    nullable: true,
    maxBytes: 12,
    // RP + the last nine digits of 100,000,000 + 7 × key; NULL without a tier
    write(d, p, c) {
      if (c.tier === 3) return p
      d.setUint8(p, 82)
      d.setUint8(p + 1, 80)
      return padded(d, p + 2, (100_000_000 + c.key * 7) % 1e9, 9)
    },
  },
  lifetime_miles: (c) => c.miles,
  join_date: (c) => c.join,
  created_at: (c) => c.join * 86400 + c.createdSecond,
}

const GENDER_F = Uint8Array.of(70)
const GENDER_M = Uint8Array.of(77)

/** Stream ids per column group; a test may give one group another stream. */
export type CustomerStreams = Readonly<Record<CustomerGroup, number>>

/**
 * `dim_customer`: passengers with faker-made PII. Names come from seeded pools so customers do
 * not dominate generation time. Each row's column groups draw from their own (seed, group,
 * key) streams: person (sex, names, gender recorded, e-mail domain), home (airport, phone),
 * dates (birth, join, creation time) and miles. Every text is pre-encoded once (pool names,
 * e-mail parts, cities) and composed fields are written as bytes, so a row costs no string
 * building.
 */
export class DimCustomerGenerator implements TableGenerator {
  readonly table: TableSpecs['dim_customer']
  readonly keyCount: number
  readonly #world: World
  readonly #texts: CustomerTexts
  readonly #streams: CustomerStreams
  readonly #write: RowWriter<CustomerValues, CustomerTexts>

  /** `pools` come from `buildCustomerPools(seed)` (faker, loaded only when customers are made). */
  constructor(
    world: World,
    spec: TableSpecs['dim_customer'],
    pools: CustomerPools,
    streams: CustomerStreams = GROUP_STREAM.customer,
  ) {
    this.table = spec
    this.#world = world
    this.#streams = streams
    this.keyCount = world.customerCount
    const mail = (names: readonly string[]) => names.map((n) => raw(emailPart(n)))
    this.#texts = {
      names: {
        female: pools.female.map(field),
        male: pools.male.map(field),
        last: pools.last.map(field),
      },
      mail: {
        female: mail(pools.female),
        male: mail(pools.male),
        last: mail(pools.last),
        domains: pools.domains.map(raw),
      },
      places: {
        city: world.airports.map((a) => field(a.city)),
        state: world.airports.map((a) => (a.state === null ? null : field(a.state))),
        country: world.airports.map((a) => field(a.countryCode)),
        us: Uint8Array.from(world.airports, (a) => (a.countryCode === 'US' ? 1 : 0)),
      },
      tiers: TIER_NAMES.map(field),
    }
    this.#write = compileRowWriter(spec, CUSTOMER_SOURCES)
  }

  write(from: number, to: number, reuse?: ByteBuffer) {
    const w = this.#world
    const t = this.#texts
    const g = this.#streams
    const seed = w.params.seed
    const person = new Rng()
    const home = new Rng()
    const dates = new Rng()
    const miles = new Rng()
    const start = w.params.startDay
    const c: CustomerValues = {
      key: 0,
      female: false,
      first: 0,
      last: 0,
      genderKnown: true,
      domain: 0,
      home: 0,
      phone: new Int32Array(4),
      birth: 0,
      join: 0,
      createdSecond: 0,
      miles: 0,
      tier: 3,
    }
    const out = ByteBuffer.into(reuse, (to - from) * 180 + 1024)
    for (let i = from; i < to; i++) {
      const key = i + 1
      c.key = key
      person.reseed(seed, g.person, key)
      c.female = person.chance(0.5)
      c.first = person.int(c.female ? t.names.female.length : t.names.male.length)
      c.last = person.int(t.names.last.length)
      // gender: NULL for 3 %
      c.genderKnown = !person.chance(0.03)
      c.domain = person.int(t.mail.domains.length)
      home.reseed(seed, g.home, key)
      c.home = home.pick(w.homeAirports)
      if (t.places.us[c.home] === 1) {
        c.phone[0] = home.range(201, 989)
        c.phone[1] = home.range(200, 999)
        c.phone[2] = home.int(100)
        c.phone[3] = home.int(100)
      } else {
        c.phone[0] = home.range(30, 89)
        c.phone[1] = home.range(100, 999)
        c.phone[2] = home.range(100000, 999999)
      }
      dates.reseed(seed, g.dates, key)
      c.birth = start - 365 * 18 - dates.int(365 * 62)
      c.join = Math.max(c.birth + 365 * 18, start - 30 - dates.int(365 * 15))
      c.createdSecond = dates.int(86400)
      c.tier = tierOfRank(w.customerRankOfKey(key), w.customerCount)
      const range = LIFETIME_MILES[c.tier] as readonly [number, number]
      c.miles = miles.reseed(seed, g.miles, key).range(range[0], range[1])
      this.#write(out, c, t)
    }
    return { data: out.finish(), rows: to - from }
  }
}
