import { describe, expect, it } from 'vitest'
import {
  compileDateTimeFormat,
  isoDate,
  isoTimestamp,
  newParts,
  readDateTime,
  readTime,
} from './copy-datetime.js'

const ts = (format: string | undefined, text: string, tz = false) => {
  const p = newParts()
  return readDateTime(compileDateTimeFormat(format, 'time'), text, p, tz)
    ? isoTimestamp(p, tz)
    : undefined
}
const date = (format: string | undefined, text: string) => {
  const p = newParts()
  return readDateTime(compileDateTimeFormat(format, 'date'), text, p, false)
    ? isoDate(p)
    : undefined
}

describe('DATEFORMAT (D-12)', () => {
  it("default 'YYYY-MM-DD' checks the calendar", () => {
    expect(date(undefined, '2024-02-29')).toBe('2024-02-29')
    expect(date(undefined, '2023-02-29')).toBeUndefined()
    expect(date(undefined, '2024-13-01')).toBeUndefined()
    expect(date(undefined, '2024/01/01')).toBeUndefined()
  })

  it('format strings: MM/DD/YYYY, MON names, YY, and time parts that are read but ignored', () => {
    expect(date('MM/DD/YYYY', '7/4/1776')).toBe('1776-07-04')
    expect(date('MON DD, YYYY', 'Sep 1, 2020')).toBe('2020-09-01')
    expect(date('DD-MON-YY', '01-january-99')).toBe('1999-01-01')
    expect(date('YYYYMMDD', '20240105')).toBe('2024-01-05')
    expect(date('YYYY-MM-DD HH:MI:SS', '2024-01-05 10:11:12')).toBe('2024-01-05')
  })

  it("'auto' also reads ISO 8601, Julian days, YYYY.DDD, MDY and BC dates", () => {
    expect(date('auto', '2019-02-11T05:09:12.195Z')).toBe('2019-02-11')
    expect(date('auto', 'J2451187')).toBe('1999-01-08')
    expect(date('auto', '1996.008')).toBe('1996-01-08')
    expect(date('auto', '12/17/1997')).toBe('1997-12-17')
    expect(date('auto', 'Jan-08-95 BC')).toBe('1995-01-08 BC')
    expect(date('auto', 'nonsense')).toBeUndefined()
  })
})

describe('TIMEFORMAT (D-12)', () => {
  it("default 'YYYY-MM-DD HH:MI:SS': HH is the 24-hour clock, SS takes fractions down to microseconds", () => {
    expect(ts(undefined, '2024-01-05 23:59:59')).toBe('2024-01-05 23:59:59')
    expect(ts(undefined, '2024-01-05 23:59:59.123456')).toBe('2024-01-05 23:59:59.123456')
    expect(ts(undefined, '2024-01-05 23:59:59.1234567')).toBeUndefined()
    expect(ts(undefined, '2024-01-05 24:00:00')).toBeUndefined()
    expect(ts(undefined, '2024-01-05')).toBeUndefined()
  })

  it('HH12 with AM/PM gives a 12-hour clock', () => {
    expect(ts('YYYY-MM-DD HH12:MI:SS AM', '2024-01-05 12:30:00 AM')).toBe('2024-01-05 00:30:00')
    expect(ts('YYYY-MM-DD HH12:MI:SS PM', '2024-01-05 01:30:00 PM')).toBe('2024-01-05 13:30:00')
    expect(ts('YYYY-MM-DD HH12:MI:SS AM', '2024-01-05 13:30:00 PM')).toBeUndefined()
  })

  it('epochsecs and epochmillisecs', () => {
    expect(ts('epochsecs', '0')).toBe('1970-01-01 00:00:00')
    expect(ts('epochsecs', '1710507723')).toBe('2024-03-15 13:02:03')
    expect(ts('epochsecs', '-1.25')).toBe('1969-12-31 23:59:58.75')
    expect(ts('epochmillisecs', '1710507723456')).toBe('2024-03-15 13:02:03.456')
    expect(ts('epochsecs', '12a')).toBeUndefined()
  })

  it('TIMESTAMPTZ: an offset after the value is read; without one the value is UTC', () => {
    expect(ts(undefined, '2024-01-05 10:00:00-08', true)).toBe('2024-01-05 10:00:00-08:00')
    expect(ts(undefined, '2024-01-05 10:00:00', true)).toBe('2024-01-05 10:00:00+00')
    expect(ts('auto', '1997-12-17 07:37:16-08', true)).toBe('1997-12-17 07:37:16-08:00')
  })

  it('a time zone part in the format string is refused', () => {
    expect(() => compileDateTimeFormat('YYYY-MM-DD HH:MI:SS TZ', 'time')).toThrow(/time zone/)
  })

  it('TIME values read HH:MI[:SS[.ffffff]]', () => {
    const p = newParts()
    expect(readTime('13:45:01.5', p, false)).toBe(true)
    expect(readTime('25:00', p, false)).toBe(false)
    expect(readTime('13:45+02', p, false)).toBe(false)
    expect(readTime('13:45+02', p, true)).toBe(true)
  })
})
