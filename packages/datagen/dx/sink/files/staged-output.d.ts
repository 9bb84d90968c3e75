import type { TablePlan } from '../../plan.js';
/** What every file sink is told: where the files go now and where they will be uploaded. */
export interface StagedOutputOptions {
    /** Output folder: `<dir>/<table>/part-00000.<ext>`, `<dir>/<table>/manifest.json`, `<dir>/copy.sql`. */
    readonly dir: string;
    /** Where the folder will be uploaded (s3://bucket/prefix): manifests list full S3 URLs. */
    readonly s3Prefix: string;
    /** IAM role for the COPY statements: 'default' or a role ARN. @default 'default' */
    readonly iamRole?: string;
    /** Target schema of the COPY statements. @default 'airline_dw' */
    readonly schema?: string;
}
/**
 * An output folder written through a hidden staging folder beside it: each table's folder (its
 * parts and `manifest.json`) and `copy.sql` are moved into place only on commit, so a failed
 * run leaves an earlier output untouched and a re-run replaces it. Shared by the file sinks
 * (gzip CSV and Parquet), which only write the parts.
 */
export declare class StagedOutput {
    #private;
    constructor(options: StagedOutputOptions);
    /** The S3 URL a file will have once the folder is uploaded to `s3Prefix`. */
    url(table: string, file: string): string;
    begin(): Promise<void>;
    /** Creates and returns the staging folder of a table. */
    tableDir(table: string): Promise<string>;
    /**
     * Writes a finished table's manifest (its part files, in order, with their sizes) and records
     * its COPY statement for `copy.sql`.
     */
    finishTable(table: TablePlan, files: readonly {
        readonly file: string;
        readonly bytes: number;
    }[], copy?: {
        readonly format?: 'csv' | 'parquet';
        readonly region?: string;
    }): Promise<void>;
    commit(): Promise<void>;
    abort(): Promise<void>;
}
//# sourceMappingURL=staged-output.d.ts.map