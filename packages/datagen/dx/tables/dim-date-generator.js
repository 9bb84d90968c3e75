import { ByteBuffer, compileRowEncoder } from '../csv/row-encoder.js';
import { dateKey } from './table-generator.js';
const MONTHS = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/** ISO 8601 week number of an epoch day. */
function isoWeek(epochDay, isoDow) {
    const thursday = epochDay + 4 - isoDow;
    const year = new Date(thursday * 86_400_000).getUTCFullYear();
    return Math.floor((thursday - Date.UTC(year, 0, 1) / 86_400_000) / 7) + 1;
}
/** `dim_date`: one row per day of whole calendar years covering every booking and flight date. */
export class DimDateGenerator {
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
            const y = Math.floor(key / 10000);
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
            r.is_holiday = holiday !== undefined;
            r.holiday_name = holiday ?? null;
            // Fiscal year starting 1 October (US federal): October 2024 is FY2025 Q1.
            r.fiscal_year = m >= 9 ? y + 1 : y;
            r.fiscal_quarter = 1 + Math.floor(((m + 3) % 12) / 3);
            encode(out, r);
        }
        return { data: out.finish(), rows: to - from };
    }
}
//# sourceMappingURL=dim-date-generator.js.map