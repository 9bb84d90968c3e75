/**
 * Worker-thread entry: rebuilds the world from the plan's parameters, then serves the lane
 * protocol (`part-server.ts`), transferring each chunk's memory to the calling thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PartRunner } from './part-runner.js';
import { createPartServer } from './part-server.js';
const port = parentPort;
if (!port)
    throw new Error('generate-worker must run in a worker thread');
const init = workerData;
const runner = new PartRunner(init);
runner.warmUp(init.tables);
port.on('message', createPartServer(runner, (message, transfer) => port.postMessage(message, transfer)));
port.postMessage({ type: 'ready' });
//# sourceMappingURL=generate-worker.js.map