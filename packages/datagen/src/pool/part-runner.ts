import { parseIsoDate } from '../csv/csv-format.js'
import type { DatagenTableName } from '../plan.js'
import { BookingIndex } from '../tables/booking-index.js'
import { BookingsGenerator } from '../tables/bookings-generator.js'
import { DailyRevenueGenerator } from '../tables/daily-revenue-generator.js'
import { DimAircraftGenerator } from '../tables/dim-aircraft-generator.js'
import { DimAirportGenerator } from '../tables/dim-airport-generator.js'
import { DimCustomerGenerator } from '../tables/dim-customer-generator.js'
import { DimDateGenerator } from '../tables/dim-date-generator.js'
import { DimFlightGenerator } from '../tables/dim-flight-generator.js'
import { FlightOperationsGenerator } from '../tables/flight-operations-generator.js'
import type { TableGenerator } from '../tables/table-generator.js'
import { World } from '../world/world.js'

/** What a worker (or the inline runner) needs to rebuild the world. */
export interface RunnerInit {
  readonly seed: number
  readonly scale: number
  readonly startDate: string
  readonly days: number
  readonly bookingPrefix: Float64Array | undefined
}

/** One part to generate: keys [from, to) of a table, in chunks of `chunkKeys`. */
export interface PartTask {
  readonly table: DatagenTableName
  readonly part: number
  readonly from: number
  readonly to: number
  readonly chunkKeys: number
}

/** Holds the world and one generator per table; shared by workers and the inline path. */
export class PartRunner {
  readonly world: World
  readonly #init: RunnerInit
  readonly #generators = new Map<DatagenTableName, TableGenerator>()
  #index: BookingIndex | undefined

  constructor(init: RunnerInit) {
    this.#init = init
    this.world = new World({
      seed: init.seed,
      scale: init.scale,
      startDay: parseIsoDate(init.startDate) as number,
      days: init.days,
    })
  }

  generator(table: DatagenTableName): TableGenerator {
    let g = this.#generators.get(table)
    if (!g) {
      g = this.#create(table)
      this.#generators.set(table, g)
    }
    return g
  }

  #create(table: DatagenTableName): TableGenerator {
    const w = this.world
    switch (table) {
      case 'dim_date':
        return new DimDateGenerator(w)
      case 'dim_airport':
        return new DimAirportGenerator(w)
      case 'dim_aircraft':
        return new DimAircraftGenerator(w)
      case 'dim_flight':
        return new DimFlightGenerator(w)
      case 'dim_customer':
        return new DimCustomerGenerator(w)
      case 'fact_flight_operations':
        return new FlightOperationsGenerator(w)
      case 'fact_bookings':
        this.#index ??= new BookingIndex(w, this.#init.bookingPrefix)
        return new BookingsGenerator(w, this.#index)
      case 'fact_daily_revenue':
        return new DailyRevenueGenerator(w)
    }
  }

  /** Yields the CSV chunks of a part, in order. */
  *chunks(task: PartTask): Generator<{ data: Uint8Array; rows: number }> {
    const g = this.generator(task.table)
    for (let k = task.from; k < task.to; k += task.chunkKeys)
      yield g.write(k, Math.min(task.to, k + task.chunkKeys))
  }
}
