import { EventEmitter } from 'node:events';
import type { PartRunner } from './part-runner.js';
import { type CreditMessage, type PartMessage } from './part-server.js';
/**
 * A lane on the calling thread, with a worker's message interface: the scheduler drives it
 * exactly like a `Worker`. Lanes on one thread share its `PartRunner`; several of them run
 * parts concurrently, so while one waits for zlib (on libuv's pool) another generates.
 */
export declare class InlineLane extends EventEmitter {
    #private;
    constructor(runner: PartRunner);
    postMessage(message: PartMessage | CreditMessage): void;
    terminate(): Promise<void>;
}
//# sourceMappingURL=inline-lane.d.ts.map