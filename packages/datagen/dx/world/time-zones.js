/**
 * UTC offsets (minutes) of IANA time zones for every day of a range, from the platform's tz
 * database (Intl). Offsets are sampled at 12:00 UTC; a zone's offset only changes at DST
 * transitions, so days are sampled every 16 and bisected only where the offset differs.
 */
const DAY_MS = 86_400_000;
/**
 * The zone's UTC offset in minutes at an instant. The `longOffset` zone name ("GMT-05:00",
 * "GMT+05:30", or "GMT" at zero) is about 6× quicker to get than the local time's parts.
 */
function offsetAt(format, epochMs) {
    const text = format.format(epochMs);
    const at = text.lastIndexOf('GMT');
    if (at < 0)
        throw new Error(`Unexpected time-zone name in "${text}"`);
    const m = /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?)?$/.exec(text.slice(at));
    if (!m)
        throw new Error(`Unexpected time-zone offset in "${text}"`);
    if (!m[1])
        return 0;
    const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
    return m[1] === '-' ? -minutes : minutes;
}
/** Offsets for days [firstDay, firstDay + count) of each zone: `out[zone * count + day]`. */
export function utcOffsets(zones, firstDay, count) {
    const out = new Int16Array(zones.length * count);
    zones.forEach((zone, z) => {
        const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
        const at = (i) => offsetAt(format, (firstDay + i) * DAY_MS + 12 * 3_600_000);
        const base = z * count;
        const fill = (from, to, a, b) => {
            // Invariant: out[from] = a, out[to] = b; at most one transition in between.
            if (a === b) {
                for (let i = from; i <= to; i++)
                    out[base + i] = a;
                return;
            }
            if (to - from === 1) {
                out[base + from] = a;
                out[base + to] = b;
                return;
            }
            const mid = (from + to) >> 1;
            const m = at(mid);
            fill(from, mid, a, m);
            fill(mid, to, m, b);
        };
        let prev = at(0);
        for (let i = 0; i < count - 1; i += 16) {
            const j = Math.min(i + 16, count - 1);
            const next = at(j);
            fill(i, j, prev, next);
            prev = next;
        }
        if (count === 1)
            out[base] = prev;
    });
    return out;
}
//# sourceMappingURL=time-zones.js.map