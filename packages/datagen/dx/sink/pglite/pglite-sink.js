import { DatagenError } from '../../errors.js';
import { PgAtomicLoad } from '../sql/pg-atomic-load.js';
/**
 * Loads into an embedded PGlite database with `COPY … FROM '/dev/blob'`: each table's CSV
 * chunks are gathered into one Blob (PGlite holds the data in memory anyway) and copied in,
 * inside the atomic replace of {@link PgAtomicLoad}.
 *
 * @example
 * const db = new PGlite()
 * await loadAirlineData({ scale: 0.01, sink: new PGliteSink({ db }) })
 */
export class PGliteSink {
    encoding = 'csv';
    #options;
    #load;
    constructor(options) {
        this.#options = Object.freeze({ ...options });
    }
    async begin(plan) {
        this.#load = new PgAtomicLoad(this.#options.db, this.#options.schema);
        await this.#load.begin(plan);
    }
    async openTable(table) {
        const parts = [];
        const db = this.#options.db;
        const sql = this.#load.copySql(table, "'/dev/blob'");
        return {
            async write(chunk) {
                if (chunk.data.length > 0)
                    parts.push(chunk.data);
            },
            async close() {
                try {
                    await db.query(sql, [], {
                        blob: new Blob(parts),
                    });
                }
                catch (e) {
                    throw new DatagenError('LOAD_FAILED', `COPY into ${table.name} failed: ${e.message}`, { field: 'table', value: table.name, cause: e });
                }
                finally {
                    parts.length = 0;
                }
            },
        };
    }
    async commit() {
        await this.#load.commit();
    }
    async abort(_error) {
        await this.#load?.abort();
    }
}
//# sourceMappingURL=pglite-sink.js.map