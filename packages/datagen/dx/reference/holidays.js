const DAY_MS = 86_400_000;
const epochDay = (y, m, d) => Date.UTC(y, m - 1, d) / DAY_MS;
/** Day of week of an epoch day, ISO numbering (1 = Monday … 7 = Sunday). */
export const isoDow = (day) => ((((day + 3) % 7) + 7) % 7) + 1;
/** The n-th (1-based) given ISO weekday of a month; n = -1 for the last one. */
function nthWeekday(y, m, dow, n) {
    if (n > 0) {
        const first = epochDay(y, m, 1);
        return first + ((dow - isoDow(first) + 7) % 7) + (n - 1) * 7;
    }
    const last = epochDay(y, m + 1, 1) - 1;
    return last - ((isoDow(last) - dow + 7) % 7);
}
function observed(day) {
    const dow = isoDow(day);
    if (dow === 6)
        return day - 1;
    if (dow === 7)
        return day + 1;
    return day;
}
/** The observed federal holidays of one calendar year (some may fall in the previous year). */
export function federalHolidays(year) {
    const list = [
        { epochDay: observed(epochDay(year, 1, 1)), name: "New Year's Day" },
        { epochDay: nthWeekday(year, 1, 1, 3), name: 'Birthday of Martin Luther King, Jr.' },
        { epochDay: nthWeekday(year, 2, 1, 3), name: "Washington's Birthday" },
        { epochDay: nthWeekday(year, 5, 1, -1), name: 'Memorial Day' },
    ];
    if (year >= 2021)
        list.push({
            epochDay: observed(epochDay(year, 6, 19)),
            name: 'Juneteenth National Independence Day',
        });
    list.push({ epochDay: observed(epochDay(year, 7, 4)), name: 'Independence Day' }, { epochDay: nthWeekday(year, 9, 1, 1), name: 'Labor Day' }, { epochDay: nthWeekday(year, 10, 1, 2), name: 'Columbus Day' }, { epochDay: observed(epochDay(year, 11, 11)), name: 'Veterans Day' }, { epochDay: nthWeekday(year, 11, 4, 4), name: 'Thanksgiving Day' }, { epochDay: observed(epochDay(year, 12, 25)), name: 'Christmas Day' });
    return list;
}
/** Holidays observed within [fromDay, toDay], keyed by epoch day. */
export function holidaysBetween(fromDay, toDay) {
    const out = new Map();
    const y0 = new Date(fromDay * DAY_MS).getUTCFullYear();
    const y1 = new Date(toDay * DAY_MS).getUTCFullYear();
    for (let y = y0; y <= y1 + 1; y++)
        for (const h of federalHolidays(y))
            if (h.epochDay >= fromDay && h.epochDay <= toDay)
                out.set(h.epochDay, h.name);
    return out;
}
//# sourceMappingURL=holidays.js.map