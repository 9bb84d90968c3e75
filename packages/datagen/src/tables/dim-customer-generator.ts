import { TWO_DIGITS } from '../csv/csv-format.js'
import { ByteBuffer, compileRowEncoder } from '../csv/row-encoder.js'
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

/**
 * `dim_customer`: passengers with faker-made PII. Names come from seeded pools so customers do
 * not dominate generation time; each row's choices come from its own (seed, key) stream.
 */
export class DimCustomerGenerator implements TableGenerator {
  readonly table: TableSpecs['dim_customer']
  readonly keyCount: number
  readonly #world: World
  readonly #pools: CustomerPools
  readonly #compiled: ReturnType<typeof compileRowEncoder<TableSpecs['dim_customer']['columns']>>

  /** `pools` come from `buildCustomerPools(seed)` (faker, loaded only when customers are made). */
  constructor(world: World, spec: TableSpecs['dim_customer'], pools: CustomerPools) {
    this.#pools = pools
    this.table = spec
    this.#compiled = compileRowEncoder(spec)
    this.#world = world
    this.keyCount = world.customerCount
  }

  write(from: number, to: number, reuse?: ByteBuffer) {
    const w = this.#world
    const { female, male, last, domains } = this.#pools
    const { row: r, encode } = this.#compiled
    const rng = new Rng()
    const start = w.params.startDay
    const out = ByteBuffer.into(reuse, (to - from) * 180 + 1024)
    for (let i = from; i < to; i++) {
      const key = i + 1
      rng.reseed(w.params.seed, STREAM.customer, key)
      const isFemale = rng.chance(0.5)
      const fi = rng.int(isFemale ? female.length : male.length)
      const li = rng.int(last.length)
      const first = (isFemale ? female : male)[fi] as string
      const lastName = last[li] as string
      const home = w.airports[rng.pick(w.homeAirports)]!
      const tier = tierOfRank(w.customerRankOfKey(key), w.customerCount)
      const birth = start - 365 * 18 - rng.int(365 * 62)
      const join = Math.max(birth + 365 * 18, start - 30 - rng.int(365 * 15))
      const [lo, hi] = LIFETIME_MILES[tier]
      r.customer_key = key
      r.customer_id = `C${String(key).padStart(9, '0')}`
      r.first_name = first
      r.last_name = lastName
      r.email = `${emailPart(first)}.${emailPart(lastName)}${key}@${domains[rng.int(domains.length)]}`
      r.phone =
        home.countryCode === 'US'
          ? `+1-${rng.range(201, 989)}-${rng.range(200, 999)}-${TWO_DIGITS[rng.int(100)]}${TWO_DIGITS[rng.int(100)]}`
          : `+${rng.range(30, 89)}-${rng.range(100, 999)}-${rng.range(100000, 999999)}`
      r.birth_date = birth
      r.gender = rng.chance(0.03) ? null : isFemale ? 'F' : 'M'
      r.city = home.city
      r.state = home.state
      r.country_code = home.countryCode
      r.loyalty_tier = TIER_NAMES[tier]
      r.loyalty_number = tier === 3 ? null : `RP${String(100_000_000 + key * 7).slice(-9)}`
      r.lifetime_miles = rng.range(lo, hi)
      r.join_date = join
      r.created_at = join * 86400 + rng.int(86400)
      encode(out, r)
    }
    return { data: out.finish(), rows: to - from }
  }
}
