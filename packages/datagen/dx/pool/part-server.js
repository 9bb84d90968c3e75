import { runPart } from './part-stream.js';
/** Chunks a lane may produce ahead of the consumer. */
const LANE_CREDITS = 2;
/**
 * The lane protocol, shared by worker threads and lanes on the calling thread: generates the
 * parts it is sent, posting each chunk and waiting for a credit once `LANE_CREDITS` chunks are
 * unacknowledged, so a slow sink slows generation instead of filling memory. A lane may run
 * several parts at once; they interleave at their awaits.
 */
export function createPartServer(runner, post) {
    let credits = LANE_CREDITS;
    const waiting = [];
    return (msg) => {
        if (msg.type === 'credit') {
            credits++;
            waiting.shift()?.();
            return;
        }
        const totalsSink = msg.collectTotals
            ? (from, totals) => post({ type: 'totals', from, totals }, [totals.buffer])
            : undefined;
        runPart(runner, msg.task, msg.encoding, msg.level, async (data, rows, last) => {
            while (credits === 0)
                await new Promise((resolve) => waiting.push(resolve));
            credits--;
            post({ type: 'chunk', data, rows, last }, [data.buffer]);
        }, { totalsSink, totals: msg.totals }).catch((error) => post({
            type: 'error',
            message: error instanceof Error ? error.message : String(error),
            stack: error instanceof Error ? error.stack : undefined,
        }, []));
    };
}
//# sourceMappingURL=part-server.js.map