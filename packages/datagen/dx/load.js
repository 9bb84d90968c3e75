import { DatagenError } from './errors.js';
import { generate } from './generate.js';
import { createPlan } from './plan.js';
/**
 * Plans, generates and loads the data set into a sink. Nothing becomes visible until the
 * sink's commit; any failure calls the sink's abort (which restores the previous state) and is
 * rethrown as a DatagenError.
 *
 * @example
 * await loadAirlineData({ seed: 1, scale: 0.01, sink: new PGliteSink({ db }), onProgress: console.log })
 */
export async function loadAirlineData(options) {
    const { sink, onProgress, workers, chunkRows, gzipLevel, workerUrl, ...planOptions } = options;
    const plan = createPlan(planOptions);
    const started = performance.now();
    const summary = [];
    const chunks = generate(plan, {
        workers,
        chunkRows,
        gzipLevel,
        workerUrl,
        encoding: sink.encoding,
    });
    try {
        // Generation starts before the sink's `begin` (its round trips to the database leave this
        // thread idle): faker loads and the first tables are made meanwhile. Nothing is written
        // to the sink before `begin` has finished.
        const first = chunks.next();
        first.catch(() => { });
        await sink.begin(plan);
        let current;
        let state;
        const finish = async () => {
            if (!current || !state)
                return;
            await current.close();
            const seconds = (performance.now() - state.t0) / 1000;
            summary.push({ table: state.table, rows: state.rows, bytes: state.bytes, seconds });
            onProgress?.({
                table: state.table,
                rows: state.rows,
                totalRows: state.total,
                bytes: state.bytes,
                rowsPerSecond: state.rows / Math.max(seconds, 1e-6),
                etaSeconds: 0,
                done: true,
            });
        };
        for (let next = await first; !next.done; next = await chunks.next()) {
            const chunk = next.value;
            if (chunk.table !== state?.table) {
                await finish();
                const t = plan.tables.find((x) => x.name === chunk.table);
                if (!t)
                    throw new DatagenError('SINK_FAILED', `unplanned table ${chunk.table}`);
                current = await sink.openTable(t);
                state = { table: t.name, total: t.rows, rows: 0, bytes: 0, t0: performance.now() };
            }
            await current.write(chunk);
            state.rows += chunk.rows;
            state.bytes += chunk.data.length;
            if (onProgress) {
                const seconds = Math.max((performance.now() - state.t0) / 1000, 1e-6);
                const rate = state.rows / seconds;
                onProgress({
                    table: state.table,
                    rows: state.rows,
                    totalRows: state.total,
                    bytes: state.bytes,
                    rowsPerSecond: rate,
                    etaSeconds: rate > 0 ? (state.total - state.rows) / rate : 0,
                    done: false,
                });
            }
        }
        await finish();
        await sink.commit();
    }
    catch (error) {
        // Stops the workers (and lanes) if generation is still running.
        await chunks.return(undefined).catch(() => { });
        await sink.abort(error).catch(() => { });
        if (error instanceof DatagenError)
            throw error;
        throw new DatagenError('LOAD_FAILED', `Loading the airline data failed: ${error?.message ?? error}`, { cause: error });
    }
    const rows = summary.reduce((s, t) => s + t.rows, 0);
    return { tables: summary, rows, seconds: (performance.now() - started) / 1000 };
}
//# sourceMappingURL=load.js.map