import { csvText } from '../csv/csv-format.js'
import { ByteBuffer, compileRowEncoder, int, putBytes } from '../csv/row-encoder.js'
import { Rng, STREAM } from '../random/prng.js'
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

/** `n` in decimal, left-padded with zeros to `width` digits. */
function zeroPadded(s: Scratch, p: number, n: number, width: number): number {
  const end = int(s.data, p, n)
  const shift = width - (end - p)
  if (shift <= 0) return end
  const b = s.bytes
  for (let i = end - 1; i >= p; i--) b[i + shift] = b[i] as number
  b.fill(48, p, p + shift)
  return p + width
}

/** Scratch space for one composed text field, handed to the encoder as a view. */
class Scratch {
  readonly bytes: Uint8Array
  readonly data: DataView
  constructor(size: number) {
    this.bytes = new Uint8Array(size)
    this.data = new DataView(this.bytes.buffer)
  }
  view(end: number): Uint8Array {
    return this.bytes.subarray(0, end)
  }
}

/**
 * `dim_customer`: passengers with faker-made PII. Names come from seeded pools so customers do
 * not dominate generation time; each row's choices come from its own (seed, key) stream.
 * Every text is pre-encoded once (pool names, e-mail parts, cities) and composed fields are
 * written as bytes, so a row costs no string building.
 */
export class DimCustomerGenerator implements TableGenerator {
  readonly table: TableSpecs['dim_customer']
  readonly keyCount: number
  readonly #world: World
  readonly #compiled: ReturnType<typeof compileRowEncoder<TableSpecs['dim_customer']['columns']>>
  readonly #names: {
    readonly female: readonly Uint8Array[]
    readonly male: readonly Uint8Array[]
    readonly last: readonly Uint8Array[]
  }
  readonly #mail: {
    readonly female: readonly Uint8Array[]
    readonly male: readonly Uint8Array[]
    readonly last: readonly Uint8Array[]
    readonly domains: readonly Uint8Array[]
  }
  readonly #places: {
    readonly city: readonly Uint8Array[]
    readonly state: readonly (Uint8Array | null)[]
    readonly country: readonly Uint8Array[]
    readonly us: Uint8Array
  }
  readonly #tiers = TIER_NAMES.map(field)

  /** `pools` come from `buildCustomerPools(seed)` (faker, loaded only when customers are made). */
  constructor(world: World, spec: TableSpecs['dim_customer'], pools: CustomerPools) {
    this.table = spec
    this.#compiled = compileRowEncoder(spec)
    this.#world = world
    this.keyCount = world.customerCount
    this.#names = {
      female: pools.female.map(field),
      male: pools.male.map(field),
      last: pools.last.map(field),
    }
    const mail = (names: readonly string[]) => names.map((n) => raw(emailPart(n)))
    this.#mail = {
      female: mail(pools.female),
      male: mail(pools.male),
      last: mail(pools.last),
      domains: pools.domains.map(raw),
    }
    this.#places = {
      city: world.airports.map((a) => field(a.city)),
      state: world.airports.map((a) => (a.state === null ? null : field(a.state))),
      country: world.airports.map((a) => field(a.countryCode)),
      us: Uint8Array.from(world.airports, (a) => (a.countryCode === 'US' ? 1 : 0)),
    }
  }

  write(from: number, to: number, reuse?: ByteBuffer) {
    const w = this.#world
    const names = this.#names
    const mail = this.#mail
    const places = this.#places
    const { row: r, encode } = this.#compiled
    const rng = new Rng()
    const start = w.params.startDay
    const out = ByteBuffer.into(reuse, (to - from) * 180 + 1024)
    const id = new Scratch(24)
    const email = new Scratch(256)
    const phone = new Scratch(32)
    const loyalty = new Scratch(24)
    id.bytes[0] = 67 // C
    loyalty.bytes[0] = 82 // R
    loyalty.bytes[1] = 80 // P
    for (let i = from; i < to; i++) {
      const key = i + 1
      rng.reseed(w.params.seed, STREAM.customer, key)
      const isFemale = rng.chance(0.5)
      const fi = rng.int(isFemale ? names.female.length : names.male.length)
      const li = rng.int(names.last.length)
      const home = rng.pick(w.homeAirports)
      const tier = tierOfRank(w.customerRankOfKey(key), w.customerCount)
      const birth = start - 365 * 18 - rng.int(365 * 62)
      const join = Math.max(birth + 365 * 18, start - 30 - rng.int(365 * 15))
      const [lo, hi] = LIFETIME_MILES[tier]
      r.customer_key = key
      r.customer_id = id.view(zeroPadded(id, 1, key, 9))
      r.first_name = (isFemale ? names.female : names.male)[fi] as Uint8Array
      r.last_name = names.last[li] as Uint8Array
      // first.last<key>@domain
      const m = email.data
      let p = putBytes(m, 0, (isFemale ? mail.female : mail.male)[fi] as Uint8Array)
      m.setUint8(p++, 46)
      p = putBytes(m, p, mail.last[li] as Uint8Array)
      p = int(m, p, key)
      m.setUint8(p++, 64)
      p = putBytes(m, p, mail.domains[rng.int(mail.domains.length)] as Uint8Array)
      r.email = email.view(p)
      // US: +1-AAA-EEE-NNNN; elsewhere: +CC-AAA-NNNNNN.
      const f = phone.data
      f.setUint8(0, 43)
      if (places.us[home] === 1) {
        f.setUint8(1, 49)
        f.setUint8(2, 45)
        p = int(f, 3, rng.range(201, 989))
        f.setUint8(p++, 45)
        p = int(f, p, rng.range(200, 999))
        f.setUint8(p++, 45)
        p = zeroPadded(phone, p, rng.int(100), 2)
        p = zeroPadded(phone, p, rng.int(100), 2)
      } else {
        p = int(f, 1, rng.range(30, 89))
        f.setUint8(p++, 45)
        p = int(f, p, rng.range(100, 999))
        f.setUint8(p++, 45)
        p = int(f, p, rng.range(100000, 999999))
      }
      r.phone = phone.view(p)
      r.birth_date = birth
      r.gender = rng.chance(0.03) ? null : isFemale ? 'F' : 'M'
      r.city = places.city[home] as Uint8Array
      r.state = places.state[home] as Uint8Array | null
      r.country_code = places.country[home] as Uint8Array
      r.loyalty_tier = this.#tiers[tier] as Uint8Array
      r.loyalty_number =
        tier === 3 ? null : loyalty.view(zeroPadded(loyalty, 2, (100_000_000 + key * 7) % 1e9, 9))
      r.lifetime_miles = rng.range(lo, hi)
      r.join_date = join
      r.created_at = join * 86400 + rng.int(86400)
      encode(out, r)
    }
    return { data: out.finish(), rows: to - from }
  }
}
