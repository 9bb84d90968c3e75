import { describe, expect, it } from 'vitest'
import { DayBatchGenerator } from './day-batch.js'
import { etlDays, type ProducerDays } from './producer-days.js'

// At scale 0.01 (rsp load's and rsp etl's default) most days have no flight at all: a batch of
// such a day writes nothing, so the producer's last flight date stays where it was.
const LOAD = { seed: 42, scale: 0.01, startDate: '2024-01-01', days: 30 } as const
const g = new DayBatchGenerator(LOAD)
const flights = (day: string) => g.batchKeys(day).operations

/** What a producer holding flights through `lastFlightDate` reads as. */
const producer = (lastFlightDate: string | undefined): ProducerDays => ({
  missingTables: [],
  dimDate: { first: g.calendar.firstDate, last: g.calendar.lastDate },
  lastFlightDate,
  lastDay: undefined,
})

/** The first day with flights followed by a day without, on or after `from`. */
function dayBeforeAnEmptyOne(from: string): string {
  let day: string | undefined = from
  while (day !== undefined) {
    const next = g.nextDay(day)
    if (next !== undefined && flights(day) > 0 && flights(next) === 0) return day
    day = next
  }
  throw new Error(`no day with flights followed by one without after ${from}`)
}

describe('etlDays: where rsp etl resumes', () => {
  it('after the last flight date, skips the days without flights: an empty day is not re-run by every later run', () => {
    const last = dayBeforeAnEmptyOne(g.calendar.loadedThrough)
    const [first] = etlDays(g, producer(last), {})
    expect(first).toBeDefined()
    expect(flights(first as string)).toBeGreaterThan(0)
    // Every day between the last flight date and the first appended one has no flight.
    for (let d = g.nextDay(last); d !== undefined && d < (first as string); d = g.nextDay(d))
      expect(flights(d), d).toBe(0)
    expect(first! > (g.nextDay(last) as string)).toBe(true)
    // --days counts from there, empty days included (each is its own, empty, transaction).
    const three = etlDays(g, producer(last), { count: 3 })
    expect(three[0]).toBe(first)
    expect(three[1]).toBe(g.nextDay(first as string))
  })

  it('on an empty producer, from the first day with flights; --day is taken as given', () => {
    const [first] = etlDays(g, producer(undefined), {})
    let expected: string | undefined = g.calendar.firstFlightDate
    while (expected !== undefined && flights(expected) === 0) expected = g.nextDay(expected)
    expect(first).toBe(expected)
    const empty = g.nextDay(dayBeforeAnEmptyOne(g.calendar.firstFlightDate)) as string
    expect(etlDays(g, producer(undefined), { day: empty })).toEqual([empty])
  })

  it('refuses when no day after the last flight date has flights, naming --day', () => {
    let last: string = g.calendar.lastFlightDate
    while (flights(last) === 0)
      last = DayBatchGenerator.dateOfKey(Number(last.replaceAll('-', '')) - 1)
    expect(() => etlDays(g, producer(last), {})).toThrow(/no next day to append.*--day YYYY-MM-DD/)
  })
})
