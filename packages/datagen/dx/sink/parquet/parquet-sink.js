import { statSync } from 'node:fs';
import { join } from 'node:path';
import { invalidOption } from '../../errors.js';
import { StagedOutput } from '../files/staged-output.js';
import { partFileName } from '../sql/copy-sql.js';
import { appendCsvRows, parquetColumnsOf } from './parquet-columns.js';
/**
 * Writes Parquet parts (Snappy, one file per planned part, row groups of `rowGroupRows`) with
 * hyparquet-writer, a Redshift COPY manifest per table (with the `content_length` that Parquet
 * COPY needs) and `copy.sql` (`FORMAT AS PARQUET`). The generator's CSV is read back into
 * typed columns: DECIMALs as exact unscaled integers, dates as days, timestamps and times as
 * microseconds. Staged like {@link FilesSink}: a failed run leaves an earlier output untouched.
 *
 * @example
 * await loadAirlineData({ scale: 1, sink: new ParquetSink({ dir: 'out', s3Prefix: 's3://my-bucket/airline' }) })
 */
export class ParquetSink {
    encoding = 'csv';
    #out;
    #rowGroupRows;
    #lib;
    constructor(options) {
        this.#out = new StagedOutput(options);
        const rows = options.rowGroupRows ?? 25_000;
        if (!Number.isInteger(rows) || rows < 1 || rows > 10_000_000)
            invalidOption('rowGroupRows', rows, 'Use a whole number of rows from 1 to 10,000,000.');
        this.#rowGroupRows = rows;
    }
    /** The S3 URL a part will have once the folder is uploaded to `s3Prefix`. */
    url(table, file) {
        return this.#out.url(table, file);
    }
    async begin(_plan) {
        this.#lib = (await import('hyparquet-writer'));
        await this.#out.begin();
    }
    async openTable(table) {
        const lib = this.#lib;
        const dir = await this.#out.tableDir(table.name);
        const { schema, fromText } = parquetColumnsOf(table);
        const groupRows = this.#rowGroupRows;
        const file = (part) => join(dir, partFileName(part, '.parquet'));
        const parts = new Map();
        const done = [];
        // Writes whole row groups of `groupRows` (all buffered rows at the part's end), keeping
        // the rest buffered, so row groups do not depend on chunk sizes.
        const flush = async (p, end) => {
            const n = end ? p.rows : p.rows - (p.rows % groupRows);
            if (n === 0)
                return;
            await p.writer.write({
                columnData: table.columns.map((name, c) => ({
                    name,
                    data: p.columns[c].slice(0, n),
                })),
                rowGroupSize: groupRows,
            });
            p.columns = p.columns.map((values) => values.slice(n));
            p.rows -= n;
        };
        return {
            write: async (chunk) => {
                let p = parts.get(chunk.part);
                if (!p) {
                    p = {
                        writer: new lib.ParquetWriter({
                            writer: lib.fileWriter(file(chunk.part)),
                            schema: [...schema],
                            createdBy: '@redshift-playground/datagen',
                        }),
                        columns: table.columns.map(() => []),
                        rows: 0,
                    };
                    parts.set(chunk.part, p);
                }
                p.rows += appendCsvRows(chunk.data, fromText, p.columns);
                if (p.rows >= groupRows)
                    await flush(p, false);
                if (chunk.last) {
                    await flush(p, true);
                    await p.writer.finish();
                    parts.delete(chunk.part);
                    done.push(chunk.part);
                }
            },
            close: () => this.#out.finishTable(table, done
                .sort((a, b) => a - b)
                .map((part) => ({
                file: partFileName(part, '.parquet'),
                bytes: statSync(file(part)).size,
            })), { format: 'parquet' }),
        };
    }
    async commit() {
        await this.#out.commit();
    }
    async abort(_error) {
        await this.#out.abort();
    }
}
//# sourceMappingURL=parquet-sink.js.map