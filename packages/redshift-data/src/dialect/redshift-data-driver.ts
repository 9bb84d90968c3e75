import {
  AbortedTransactionError,
  type DatabaseConnection,
  type Driver,
  type TransactionSettings,
} from 'kysely'
import { loadCommands } from '../data-api/commands.js'
import { StatementRunner } from '../data-api/statement-runner.js'
import { RedshiftDataConnection } from './redshift-data-connection.js'
import type { ResolvedDialectConfig } from './redshift-data-dialect-config.js'

/**
 * The Data API has no connections to pool: every request is an HTTPS call. A "connection" is
 * a cheap object; a transaction is a Data API session opened by BEGIN with
 * `SessionKeepAliveSeconds` and continued by `SessionId`. Redshift has no savepoints, so the
 * savepoint methods are left out and Kysely reports them as unsupported.
 */
export class RedshiftDataDriver implements Driver {
  readonly #config: ResolvedDialectConfig
  #runner: StatementRunner | undefined

  constructor(config: ResolvedDialectConfig) {
    this.#config = config
  }

  async init(): Promise<void> {
    this.#runner = new StatementRunner(this.#config, await loadCommands(this.#config.commands))
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (!this.#runner) throw new Error('RedshiftDataDriver: init() was not called or destroy() was')
    return new RedshiftDataConnection(this.#runner)
  }

  async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    let sql = 'begin'
    if (settings.isolationLevel) sql += ` isolation level ${settings.isolationLevel}`
    if (settings.accessMode) sql += ` ${settings.accessMode}`
    await (connection as RedshiftDataConnection).begin(sql)
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as RedshiftDataConnection
    if (c.transactionFailed) {
      // The server already aborted the transaction: COMMIT would only roll back silently.
      await c.end('rollback')
      throw new AbortedTransactionError()
    }
    await c.end('commit')
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as RedshiftDataConnection).end('rollback')
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const c = connection as RedshiftDataConnection
    // A transaction left open (the caller never committed) must not leak into reuse.
    if (c.inTransaction) await c.end('rollback')
  }

  async destroy(): Promise<void> {
    this.#runner = undefined
  }
}
