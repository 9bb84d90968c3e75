import { DatagenError } from '../../errors.js';
import { PgAtomicLoad } from '../sql/pg-atomic-load.js';
const isPool = (c) => typeof c.connect === 'function' &&
    typeof c.release !== 'function' &&
    !('connection' in c);
/**
 * Streams CSV chunks into PostgreSQL with `COPY … FROM STDIN` (pg-copy-streams), respecting
 * the socket's backpressure, inside the atomic replace of {@link PgAtomicLoad}.
 *
 * @example
 * const client = new pg.Client(url); await client.connect()
 * await loadAirlineData({ scale: 0.1, sink: new PostgresSink({ client }) })
 */
export class PostgresSink {
    encoding = 'csv';
    #options;
    #client;
    #release;
    #load;
    /** pg-copy-streams' `from`, loaded by `begin` (so importing the package does not load it). */
    #copyFrom;
    constructor(options) {
        this.#options = Object.freeze({ ...options });
    }
    async begin(plan) {
        const copyStreams = import('pg-copy-streams');
        copyStreams.catch(() => { });
        const c = this.#options.client;
        if (isPool(c)) {
            const client = await c.connect();
            this.#client = client;
            this.#release = (e) => client.release(e);
        }
        else
            this.#client = c;
        this.#load = new PgAtomicLoad(this.#client, this.#options.schema);
        await this.#load.begin(plan);
        this.#copyFrom = (await copyStreams).from;
    }
    async openTable(table) {
        const client = this.#client;
        const copyFrom = this.#copyFrom;
        const stream = client.query(copyFrom(this.#load.copySql(table, 'STDIN')));
        let failure;
        stream.on('error', (e) => {
            failure = e;
        });
        const finished = new Promise((resolve, reject) => {
            stream.on('finish', resolve);
            stream.on('error', reject);
        });
        finished.catch(() => { });
        return {
            async write(chunk) {
                if (failure)
                    throw failure;
                if (chunk.data.length === 0)
                    return;
                if (!stream.write(chunk.data))
                    await new Promise((resolve, reject) => {
                        const done = (e) => {
                            stream.off('drain', done);
                            stream.off('error', done);
                            e ? reject(e) : resolve();
                        };
                        stream.on('drain', done);
                        stream.on('error', done);
                    });
            },
            async close() {
                stream.end();
                try {
                    await finished;
                }
                catch (e) {
                    throw new DatagenError('LOAD_FAILED', `COPY into ${table.name} failed: ${e.message}`, { field: 'table', value: table.name, cause: e });
                }
            },
        };
    }
    async commit() {
        try {
            await this.#load.commit();
        }
        finally {
            this.#release?.();
        }
    }
    async abort(_error) {
        try {
            await this.#load?.abort();
        }
        finally {
            this.#release?.();
        }
    }
}
//# sourceMappingURL=postgres-sink.js.map