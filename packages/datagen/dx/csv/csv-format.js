/** Calendar-date parsing and CSV quoting shared by the planner, the world and the encoders. */
const DAY_MS = 86_400_000;
/** 'YYYY-MM-DD' of an epoch day (days since 1970-01-01 UTC). */
export function isoDate(epochDay) {
    return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}
/** Parses 'YYYY-MM-DD' strictly; undefined when it is not a real calendar date. */
export function parseIsoDate(text) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m)
        return undefined;
    const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (isoDate(ms / DAY_MS) !== text)
        return undefined;
    return ms / DAY_MS;
}
/** Quotes a CSV field when it holds a delimiter, quote or line break (RFC 4180). */
export function csvText(value) {
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
//# sourceMappingURL=csv-format.js.map