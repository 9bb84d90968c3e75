import { parseIsoDate } from '../csv/csv-format.js'
import { ByteBuffer } from '../csv/row-encoder.js'
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
import type { OperationTotalsSink } from '../tables/operation-totals.js'
import type { TableGenerator } from '../tables/table-generator.js'
import type { TableSpecs } from '../tables/table-specs.js'
import { World } from '../world/world.js'

/** What a worker (or the inline runner) needs to rebuild the world. */
export interface RunnerInit {
  readonly seed: number
  readonly scale: number
  readonly startDate: string
  readonly days: number
  readonly headroomDays: number
  readonly bookingPrefix: Float64Array | undefined
  /** The World's time-zone table, computed once by the planner (saves each worker the Intl work). */
  readonly tzOffsets: Int16Array | undefined
  readonly specs: TableSpecs
  /** The planned tables (a worker warms up the slow generators among them). */
  readonly tables: readonly DatagenTableName[]
}

/** One part to generate: keys [from, to) of a table, in chunks of `chunkKeys`. */
export interface PartTask {
  readonly table: DatagenTableName
  readonly part: number
  readonly from: number
  readonly to: number
  readonly chunkKeys: number
}

/** Options of `PartRunner.chunks`. */
export interface ChunkOptions {
  readonly totalsSink?: OperationTotalsSink
  readonly totals?: Float64Array
  /**
   * Write chunks into two buffers in turn: chunk n's bytes stay valid only until chunk n + 2
   * is generated. For callers that are done with a chunk by then (the gzip path, where zlib
   * has consumed it), this saves mapping fresh memory for every chunk.
   */
  readonly recycle?: boolean
}

/** Holds the world and one generator per table; shared by workers and the inline path. */
export class PartRunner {
  readonly world: World
  readonly #init: RunnerInit
  readonly #generators = new Map<DatagenTableName, TableGenerator>()
  readonly #preparing = new Map<DatagenTableName, Promise<TableGenerator>>()
  #index: BookingIndex | undefined

  /** `index`: a booking index to share (lanes on the planning thread use the plan's). */
  constructor(init: RunnerInit, index?: BookingIndex) {
    this.#init = init
    this.#index = index
    this.world = new World(
      {
        seed: init.seed,
        scale: init.scale,
        startDay: parseIsoDate(init.startDate) as number,
        days: init.days,
        headroomDays: init.headroomDays,
      },
      init.tzOffsets,
    )
  }

  /** Creates the table's generator; async because only `dim_customer` loads faker. */
  async prepare(table: DatagenTableName): Promise<TableGenerator> {
    const ready = this.#generators.get(table)
    if (ready) return ready
    // One creation per table even when a warm-up and a part ask at the same time.
    let pending = this.#preparing.get(table)
    if (!pending) {
      pending = this.#create(table).then((g) => {
        this.#generators.set(table, g)
        return g
      })
      this.#preparing.set(table, pending)
    }
    return pending
  }

  /**
   * Starts preparing the planned tables whose generators are slow to create (`dim_customer`
   * loads faker and draws its name pools), so that work overlaps the small tables before it
   * instead of stalling the sink when the first customer part arrives.
   */
  warmUp(tables: readonly DatagenTableName[]): void {
    if (tables.includes('dim_customer')) this.prepare('dim_customer').catch(() => {})
  }

  async #create(table: DatagenTableName): Promise<TableGenerator> {
    const w = this.world
    const s = this.#init.specs
    switch (table) {
      case 'dim_date':
        return new DimDateGenerator(w, s.dim_date)
      case 'dim_airport':
        return new DimAirportGenerator(w, s.dim_airport)
      case 'dim_aircraft':
        return new DimAircraftGenerator(w, s.dim_aircraft)
      case 'dim_flight':
        return new DimFlightGenerator(w, s.dim_flight)
      case 'dim_customer': {
        const { buildCustomerPools } = await import('../tables/customer-pools.js')
        return new DimCustomerGenerator(w, s.dim_customer, buildCustomerPools(w.params.seed))
      }
      case 'fact_flight_operations':
        return new FlightOperationsGenerator(w, s.fact_flight_operations)
      case 'fact_bookings':
        this.#index ??= new BookingIndex(w, this.#init.bookingPrefix)
        return new BookingsGenerator(w, this.#index, s.fact_bookings)
      case 'fact_daily_revenue':
        return new DailyRevenueGenerator(w, s.fact_daily_revenue)
    }
  }

  /**
   * Yields the CSV chunks of a part, in order (call `prepare(task.table)` first). Bookings
   * report each operation's revenue totals to `totalsSink`; daily revenue reads them from
   * `totals` (rows of operations [task.from, task.to)) instead of re-simulating bookings.
   */
  *chunks(
    task: PartTask,
    options: ChunkOptions = {},
  ): Generator<{ data: Uint8Array; rows: number }> {
    const g = this.#generators.get(task.table)
    if (!g) throw new Error(`PartRunner: prepare('${task.table}') was not awaited`)
    // Two buffers of this part's own (they grow to the largest chunk on first use).
    const pool = options.recycle ? [new ByteBuffer(1 << 16), new ByteBuffer(1 << 16)] : undefined
    let i = 0
    // The first chunk is an eighth of the rest, so a sink waiting for this part (the start of
    // a table) gets bytes sooner; output does not depend on chunk boundaries.
    let size = Math.max(1, Math.floor(task.chunkKeys / 8))
    for (let k = task.from; k < task.to; k += size, size = task.chunkKeys) {
      // Set for every chunk: parts of one table may interleave on one thread.
      if (g instanceof BookingsGenerator) g.totalsSink = options.totalsSink
      if (g instanceof DailyRevenueGenerator) g.useTotals(options.totals, task.from)
      yield g.write(k, Math.min(task.to, k + size), pool?.[i++ & 1])
    }
  }
}
