/** YYYYMMDD of an epoch day (the integer `date_key`). */
export function dateKey(epochDay) {
    const d = new Date(epochDay * 86_400_000);
    return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}
//# sourceMappingURL=table-generator.js.map