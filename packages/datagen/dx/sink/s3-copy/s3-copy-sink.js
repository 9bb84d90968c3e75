import { PassThrough } from 'node:stream';
import { DW, quoteIdent } from '@redshift-playground/schema/model';
import { invalidOption } from '../../errors.js';
import { buildManifest, parseS3Prefix, partFileName, renderRedshiftCopy, s3Key, s3Url, } from '../sql/copy-sql.js';
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
export class S3CopySink {
    encoding = 'gzip';
    #o;
    #s3;
    #copies = [];
    constructor(options) {
        if (typeof options.client?.send !== 'function')
            invalidOption('client', typeof options.client, 'Pass an S3Client from @aws-sdk/client-s3.');
        if (typeof options.upload !== 'function')
            invalidOption('upload', typeof options.upload, 'Pass the Upload class of @aws-sdk/lib-storage (an optional peer dependency) or a factory.');
        if (options.partSize !== undefined &&
            (!Number.isInteger(options.partSize) || options.partSize < 5 * 1024 * 1024))
            invalidOption('partSize', options.partSize, 'S3 multipart parts must be at least 5 MiB (5242880 bytes).');
        this.#s3 = parseS3Prefix('s3Prefix', options.s3Prefix);
        this.#o = Object.freeze({ ...options });
    }
    #upload(key, body, contentType) {
        const params = {
            client: this.#o.client,
            params: { Bucket: this.#s3.bucket, Key: key, Body: body, ContentType: contentType },
            queueSize: 2,
            partSize: this.#o.partSize ?? 8 * 1024 * 1024,
        };
        const U = this.#o.upload;
        // A class (Upload) must be constructed; a factory is called.
        return /^class[\s{]/.test(Function.prototype.toString.call(U)) || U.prototype?.done
            ? new U(params)
            : U(params);
    }
    async begin(_plan) { }
    async openTable(table) {
        const open = new Map();
        const sizes = new Map();
        return {
            write: async (chunk) => {
                let u = open.get(chunk.part);
                if (!u) {
                    const body = new PassThrough({ highWaterMark: 4 * 1024 * 1024 });
                    const done = this.#upload(s3Key(this.#s3, table.name, partFileName(chunk.part)), body, 'application/gzip').done();
                    done.catch(() => { });
                    u = { body, done, bytes: 0 };
                    open.set(chunk.part, u);
                }
                u.bytes += chunk.data.length;
                const { body } = u;
                if (!body.write(chunk.data))
                    await new Promise((r) => body.once('drain', () => r()));
                if (chunk.last) {
                    body.end();
                    await u.done;
                    sizes.set(chunk.part, u.bytes);
                    open.delete(chunk.part);
                }
            },
            close: async () => {
                const parts = [...sizes.keys()].sort((a, b) => a - b);
                const url = (file) => s3Url(this.#s3, table.name, file);
                const manifest = buildManifest(parts.map((p) => ({ url: url(partFileName(p)), bytes: sizes.get(p) })));
                await this.#upload(s3Key(this.#s3, table.name, 'manifest.json'), JSON.stringify(manifest), 'application/json').done();
                this.#copies.push({
                    table,
                    sql: renderRedshiftCopy({
                        schema: this.#o.schema ?? DW,
                        table: table.name,
                        columns: table.columns,
                        manifestUrl: url('manifest.json'),
                        ...(this.#o.iamRole ? { iamRole: this.#o.iamRole } : {}),
                        ...(this.#o.region ? { region: this.#o.region } : {}),
                    }),
                });
            },
        };
    }
    async commit() {
        const schema = this.#o.schema ?? DW;
        // Loaded here, not at import: kysely's ESM graph costs ~200 ms to load, and only this
        // sink needs it (the package's other entry points stay quick to import).
        const { sql } = await import('kysely');
        await this.#o.db.transaction().execute(async (trx) => {
            for (const { table, sql: copy } of this.#copies) {
                await sql
                    .raw(`DELETE FROM ${quoteIdent(schema, 'schema')}.${quoteIdent(table.name, 'table')}`)
                    .execute(trx);
                await sql.raw(copy).execute(trx);
            }
        });
    }
    async abort(_error) {
        // Nothing was COPYed (that happens only in commit); uploaded parts are simply overwritten by a re-run.
    }
}
//# sourceMappingURL=s3-copy-sink.js.map