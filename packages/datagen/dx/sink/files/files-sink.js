import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { partFileName } from '../sql/copy-sql.js';
import { StagedOutput } from './staged-output.js';
/**
 * Writes gzip CSV parts, a Redshift COPY manifest per table and `copy.sql`. Files are written
 * into a hidden staging folder and moved into place only on commit, so a failed run leaves an
 * earlier output untouched; a re-run replaces it.
 *
 * @example
 * await loadAirlineData({ scale: 1, sink: new FilesSink({ dir: 'out', s3Prefix: 's3://my-bucket/airline' }) })
 */
export class FilesSink {
    encoding = 'gzip';
    #region;
    #out;
    constructor(options) {
        this.#out = new StagedOutput(options);
        this.#region = options.region;
    }
    /** The S3 URL a part will have once the folder is uploaded to `s3Prefix`. */
    url(table, file) {
        return this.#out.url(table, file);
    }
    async begin(_plan) {
        await this.#out.begin();
    }
    async openTable(table) {
        const dir = await this.#out.tableDir(table.name);
        const streams = new Map();
        const sizes = new Map();
        return {
            write: async (chunk) => {
                let s = streams.get(chunk.part);
                if (!s) {
                    s = { stream: createWriteStream(join(dir, partFileName(chunk.part))), bytes: 0 };
                    streams.set(chunk.part, s);
                }
                const { stream } = s;
                s.bytes += chunk.data.length;
                if (!stream.write(chunk.data))
                    await new Promise((r) => stream.once('drain', () => r()));
                if (chunk.last) {
                    await new Promise((resolve, reject) => {
                        stream.once('error', reject);
                        stream.end(() => resolve());
                    });
                    sizes.set(chunk.part, s.bytes);
                    streams.delete(chunk.part);
                }
            },
            close: () => this.#out.finishTable(table, [...sizes.keys()]
                .sort((a, b) => a - b)
                .map((p) => ({ file: partFileName(p), bytes: sizes.get(p) })), this.#region ? { region: this.#region } : {}),
        };
    }
    async commit() {
        await this.#out.commit();
    }
    async abort(_error) {
        await this.#out.abort();
    }
}
//# sourceMappingURL=files-sink.js.map