import { EventEmitter } from 'node:events';
import { createPartServer } from './part-server.js';
/**
 * A lane on the calling thread, with a worker's message interface: the scheduler drives it
 * exactly like a `Worker`. Lanes on one thread share its `PartRunner`; several of them run
 * parts concurrently, so while one waits for zlib (on libuv's pool) another generates.
 */
export class InlineLane extends EventEmitter {
    #serve;
    constructor(runner) {
        super();
        this.#serve = createPartServer(runner, (message) => this.emit('message', message));
    }
    postMessage(message) {
        this.#serve(message);
    }
    async terminate() {
        this.removeAllListeners();
    }
}
//# sourceMappingURL=inline-lane.js.map