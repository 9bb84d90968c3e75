/** Offsets for days [firstDay, firstDay + count) of each zone: `out[zone * count + day]`. */
export declare function utcOffsets(zones: readonly string[], firstDay: number, count: number): Int16Array;
//# sourceMappingURL=time-zones.d.ts.map