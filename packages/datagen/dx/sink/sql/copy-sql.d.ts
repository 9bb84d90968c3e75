/** Options of a Redshift COPY from S3. */
export interface RedshiftCopyOptions {
    readonly schema: string;
    readonly table: string;
    readonly columns: readonly string[];
    /** s3:// URL of the table's manifest. */
    readonly manifestUrl: string;
    /** 'default' (the namespace's default IAM role) or a role ARN. @default 'default' */
    readonly iamRole?: string;
    /** Bucket region when it differs from the warehouse's (gzip CSV only). */
    readonly region?: string;
    /**
     * 'csv' (gzip CSV parts) or 'parquet'. Parquet COPY maps the files' columns to the table's
     * by position (no column list) and takes no REGION. @default 'csv'
     */
    readonly format?: 'csv' | 'parquet';
}
/**
 * The COPY statement for one table's gzip CSV parts listed in a manifest.
 * @example
 * renderRedshiftCopy({ schema: 'airline_dw', table: 'dim_date', columns: ['date_key'], manifestUrl: 's3://b/p/dim_date/manifest.json' })
 */
export declare function renderRedshiftCopy(o: RedshiftCopyOptions): string;
/** A Redshift COPY manifest (docs.aws.amazon.com/redshift/latest/dg/loading-data-files-using-manifest.html). */
export interface CopyManifest {
    readonly entries: readonly {
        readonly url: string;
        readonly mandatory: true;
        readonly meta: {
            readonly content_length: number;
        };
    }[];
}
export declare function buildManifest(entries: readonly {
    url: string;
    bytes: number;
}[]): CopyManifest;
/** Part file name: `part-00000.csv.gz` (or with another extension, e.g. `.parquet`). */
export declare const partFileName: (part: number, extension?: string) => string;
/** The object key `<prefix>/<table>/<file>` under an S3 prefix. */
export declare function s3Key(s3: {
    prefix: string;
}, table: string, file: string): string;
/** The S3 URL of `<prefix>/<table>/<file>`. */
export declare function s3Url(s3: {
    bucket: string;
    prefix: string;
}, table: string, file: string): string;
/** Splits and checks an s3://bucket/prefix URL. */
export declare function parseS3Prefix(field: string, url: string): {
    bucket: string;
    prefix: string;
};
//# sourceMappingURL=copy-sql.d.ts.map