import { quoteIdent, quoteLiteral } from '@redshift-playground/schema/model';
import { invalidOption } from '../../errors.js';
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
/**
 * The COPY statement for one table's gzip CSV parts listed in a manifest.
 * @example
 * renderRedshiftCopy({ schema: 'airline_dw', table: 'dim_date', columns: ['date_key'], manifestUrl: 's3://b/p/dim_date/manifest.json' })
 */
export function renderRedshiftCopy(o) {
    if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(o.manifestUrl))
        invalidOption('manifestUrl', o.manifestUrl, 'Use an s3://bucket/key URL.');
    const role = o.iamRole ?? 'default';
    if (role !== 'default' && !ROLE_ARN.test(role))
        invalidOption('iamRole', role, "Use 'default' or an IAM role ARN (arn:aws:iam::123456789012:role/name).");
    if (o.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(o.region))
        invalidOption('region', o.region, 'Use an AWS region name such as us-east-1.');
    const target = `${quoteIdent(o.schema, 'schema')}.${quoteIdent(o.table, 'table')}`;
    const source = [
        `FROM ${quoteLiteral(o.manifestUrl)}`,
        `IAM_ROLE ${role === 'default' ? 'default' : quoteLiteral(role)}`,
    ];
    if (o.format === 'parquet') {
        if (o.region !== undefined)
            invalidOption('region', o.region, 'COPY from Parquet takes no REGION: keep the bucket in the warehouse’s region.');
        return [`COPY ${target}`, ...source, 'FORMAT AS PARQUET MANIFEST'].join('\n');
    }
    const columns = o.columns.map((c) => quoteIdent(c, 'column')).join(', ');
    return [
        `COPY ${target} (${columns})`,
        ...source,
        "MANIFEST GZIP CSV DATEFORMAT 'YYYY-MM-DD' TIMEFORMAT 'YYYY-MM-DD HH:MI:SS' EMPTYASNULL",
        ...(o.region ? [`REGION ${quoteLiteral(o.region)}`] : []),
    ].join('\n');
}
export function buildManifest(entries) {
    return {
        entries: entries.map((e) => ({
            url: e.url,
            mandatory: true,
            meta: { content_length: e.bytes },
        })),
    };
}
/** Part file name: `part-00000.csv.gz` (or with another extension, e.g. `.parquet`). */
export const partFileName = (part, extension = '.csv.gz') => `part-${String(part).padStart(5, '0')}${extension}`;
/** The object key `<prefix>/<table>/<file>` under an S3 prefix. */
export function s3Key(s3, table, file) {
    return `${s3.prefix ? `${s3.prefix}/` : ''}${table}/${file}`;
}
/** The S3 URL of `<prefix>/<table>/<file>`. */
export function s3Url(s3, table, file) {
    return `s3://${s3.bucket}/${s3Key(s3, table, file)}`;
}
/** Splits and checks an s3://bucket/prefix URL. */
export function parseS3Prefix(field, url) {
    const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
    if (!m)
        invalidOption(field, url, 'Use s3://bucket or s3://bucket/prefix (lower-case bucket name).');
    return { bucket: m[1], prefix: (m[2] ?? '').replace(/\/+$/, '') };
}
//# sourceMappingURL=copy-sql.js.map