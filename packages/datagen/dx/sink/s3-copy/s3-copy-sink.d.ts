import type { Kysely } from 'kysely';
import type { DatagenPlan, TablePlan } from '../../plan.js';
import type { DatagenSink, TableSink } from '../sink.js';
/** Parameters handed to `@aws-sdk/lib-storage`'s Upload. */
export interface UploadParams {
    readonly client: unknown;
    readonly params: {
        readonly Bucket: string;
        readonly Key: string;
        readonly Body: unknown;
        readonly ContentType: string;
    };
    readonly queueSize?: number;
    readonly partSize?: number;
}
/** Something with `done()`, like an `Upload`. */
export interface UploadLike {
    done(): Promise<unknown>;
}
/**
 * The Upload class (its constructor takes the SDK's own params type, so it is accepted here as
 * taking `never`) or a factory; the sink passes {@link UploadParams}.
 */
export type UploadClassOrFactory = (new (params: never) => UploadLike) | ((params: never) => UploadLike);
export interface S3CopySinkOptions {
    /** An S3 client (`S3Client` from @aws-sdk/client-s3), passed through to the uploader. */
    readonly client: {
        send(command: unknown): Promise<unknown>;
    };
    /** The `Upload` class of @aws-sdk/lib-storage, or a factory making an upload from params. */
    readonly upload: UploadClassOrFactory;
    /** s3://bucket/prefix to upload under. */
    readonly s3Prefix: string;
    /** Where the COPY statements run (e.g. the Redshift Data API Kysely dialect). */
    readonly db: Kysely<any>;
    readonly iamRole?: string;
    readonly region?: string;
    readonly schema?: string;
    /** Multipart part size in bytes (S3 minimum 5 MiB). @default 8 MiB */
    readonly partSize?: number;
}
/**
 * Uploads gzip CSV parts (multipart, streamed from the generator with backpressure) and a
 * manifest per table, then — only after every upload succeeded — replaces the tables in one
 * transaction: `DELETE FROM t; COPY t FROM manifest` for each (Redshift's TRUNCATE would
 * commit implicitly, DELETE does not). Redshift does not enforce foreign keys, so order is
 * only the model's dependency order.
 *
 * @example
 * new S3CopySink({ client: new S3Client({}), upload: Upload, s3Prefix: 's3://bucket/airline', db })
 */
export declare class S3CopySink implements DatagenSink {
    #private;
    readonly encoding: "gzip";
    constructor(options: S3CopySinkOptions);
    begin(_plan: DatagenPlan): Promise<void>;
    openTable(table: TablePlan): Promise<TableSink>;
    commit(): Promise<void>;
    abort(_error?: unknown): Promise<void>;
}
//# sourceMappingURL=s3-copy-sink.d.ts.map