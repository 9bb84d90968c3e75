import { createGzip } from 'node:zlib';
/** zlib's output buffer: more than a 50,000-row chunk compresses to at level 1 (~2.5 MB). */
const GZIP_OUTPUT_BUFFER = 4 << 20;
/**
 * Generates one part chunk by chunk and hands the bytes to `emit`. In gzip mode the part is a
 * single gzip member (zlib level 1 by default) fed chunk after chunk; zlib's output does not
 * depend on how its input was split, so files are identical whatever the chunk size. The next
 * chunk is generated while zlib compresses the previous one on the libuv thread pool.
 */
export async function runPart(runner, task, encoding, level, emit, totals = {}) {
    await runner.prepare(task.table);
    if (encoding === 'csv') {
        let pending;
        for (const chunk of runner.chunks(task, totals)) {
            if (pending)
                await emit(pending.data, pending.rows, false);
            pending = chunk;
        }
        await emit(pending?.data ?? new Uint8Array(0), pending?.rows ?? 0, true);
        return;
    }
    // zlib hands its output back to this thread each time its output buffer fills, and cannot go
    // on compressing until this thread (busy generating) takes it: a buffer that holds a whole
    // chunk's compressed bytes lets zlib finish a write on the pool in one go.
    const gzip = createGzip({ level, chunkSize: GZIP_OUTPUT_BUFFER });
    let out = [];
    let outBytes = 0;
    gzip.on('data', (b) => {
        out.push(b);
        outBytes += b.length;
    });
    const ended = new Promise((resolve, reject) => {
        gzip.on('end', resolve);
        gzip.on('error', reject);
    });
    const take = () => {
        // A standalone copy: zlib's buffers may share memory, and transfer needs its own ArrayBuffer.
        const b = new Uint8Array(new ArrayBuffer(outBytes));
        let p = 0;
        for (const x of out) {
            b.set(x, p);
            p += x.length;
        }
        out = [];
        outBytes = 0;
        return b;
    };
    let rows = 0;
    let writing = Promise.resolve();
    // Recycling is safe: chunk n + 2 is generated only after `await writing` saw zlib finish
    // with chunk n (zlib calls back once it has consumed a write's input).
    for (const chunk of runner.chunks(task, { ...totals, recycle: true })) {
        await writing;
        if (outBytes >= 1 << 20) {
            const r = rows;
            rows = 0;
            await emit(take(), r, false);
        }
        rows += chunk.rows;
        writing = new Promise((resolve, reject) => gzip.write(chunk.data, (e) => (e ? reject(e) : resolve())));
    }
    await writing;
    gzip.end();
    await ended;
    await emit(take(), rows, true);
}
//# sourceMappingURL=part-stream.js.map