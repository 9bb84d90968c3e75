/** Calendar-date parsing and CSV quoting shared by the planner, the world and the encoders. */
/** 'YYYY-MM-DD' of an epoch day (days since 1970-01-01 UTC). */
export declare function isoDate(epochDay: number): string;
/** Parses 'YYYY-MM-DD' strictly; undefined when it is not a real calendar date. */
export declare function parseIsoDate(text: string): number | undefined;
/** Quotes a CSV field when it holds a delimiter, quote or line break (RFC 4180). */
export declare function csvText(value: string): string;
//# sourceMappingURL=csv-format.d.ts.map