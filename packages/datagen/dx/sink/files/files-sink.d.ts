import type { DatagenPlan, TablePlan } from '../../plan.js';
import type { DatagenSink, TableSink } from '../sink.js';
import { type StagedOutputOptions } from './staged-output.js';
export interface FilesSinkOptions extends StagedOutputOptions {
    /** Bucket region, when it differs from the warehouse's. */
    readonly region?: string;
}
/**
 * Writes gzip CSV parts, a Redshift COPY manifest per table and `copy.sql`. Files are written
 * into a hidden staging folder and moved into place only on commit, so a failed run leaves an
 * earlier output untouched; a re-run replaces it.
 *
 * @example
 * await loadAirlineData({ scale: 1, sink: new FilesSink({ dir: 'out', s3Prefix: 's3://my-bucket/airline' }) })
 */
export declare class FilesSink implements DatagenSink {
    #private;
    readonly encoding: "gzip";
    constructor(options: FilesSinkOptions);
    /** The S3 URL a part will have once the folder is uploaded to `s3Prefix`. */
    url(table: string, file: string): string;
    begin(_plan: DatagenPlan): Promise<void>;
    openTable(table: TablePlan): Promise<TableSink>;
    commit(): Promise<void>;
    abort(_error?: unknown): Promise<void>;
}
//# sourceMappingURL=files-sink.d.ts.map