/**
 * US federal holidays (5 U.S.C. 6103), computed by rule, with the observed date: a holiday
 * falling on a Saturday is observed on the Friday before, on a Sunday the Monday after
 * (OPM "Federal Holidays" rules). Juneteenth is a federal holiday from 2021.
 * Note: New Year's Day on a Saturday is observed on 31 December of the previous year.
 */
export interface Holiday {
    /** Observed date as days since 1970-01-01 (UTC). */
    readonly epochDay: number;
    readonly name: string;
}
/** Day of week of an epoch day, ISO numbering (1 = Monday … 7 = Sunday). */
export declare const isoDow: (day: number) => number;
/** The observed federal holidays of one calendar year (some may fall in the previous year). */
export declare function federalHolidays(year: number): Holiday[];
/** Holidays observed within [fromDay, toDay], keyed by epoch day. */
export declare function holidaysBetween(fromDay: number, toDay: number): Map<number, string>;
//# sourceMappingURL=holidays.d.ts.map