import { EventEmitter } from 'node:events'
import type { PartRunner } from './part-runner.js'
import { type CreditMessage, createPartServer, type PartMessage } from './part-server.js'

/**
 * A lane on the calling thread, with a worker's message interface: the scheduler drives it
 * exactly like a `Worker`. Lanes on one thread share its `PartRunner`; several of them run
 * parts concurrently, so while one waits for zlib (on libuv's pool) another generates.
 */
export class InlineLane extends EventEmitter {
  readonly #serve: (message: PartMessage | CreditMessage) => void

  constructor(runner: PartRunner) {
    super()
    this.#serve = createPartServer(runner, (message) => this.emit('message', message), false)
  }

  postMessage(message: PartMessage | CreditMessage): void {
    this.#serve(message)
  }

  async terminate(): Promise<void> {
    this.removeAllListeners()
  }
}
