import type {
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
} from 'kysely'
import { RedshiftDataAdapter } from './redshift-data-adapter.js'
import {
  type RedshiftDataDialectConfig,
  type ResolvedDialectConfig,
  resolveDialectConfig,
} from './redshift-data-dialect-config.js'
import { RedshiftDataDriver } from './redshift-data-driver.js'
import { RedshiftDataIntrospector } from './redshift-data-introspector.js'
import { RedshiftDataQueryCompiler } from './redshift-data-query-compiler.js'

/**
 * Kysely dialect for the Amazon Redshift Data API: typed SQL on a Redshift Serverless
 * workgroup or a provisioned cluster over HTTPS, with no network path to the warehouse and no
 * database driver. The config is validated here, so a bad one fails before any query.
 *
 * @example
 * ```ts
 * import { RedshiftDataClient } from '@aws-sdk/client-redshift-data'
 * import { Kysely } from 'kysely'
 * import { RedshiftDataDialect } from '@redshift-playground/redshift-data'
 *
 * const db = new Kysely<Database>({
 *   dialect: new RedshiftDataDialect({
 *     client: new RedshiftDataClient({ region: 'us-east-1' }),
 *     workgroupName: 'producer',
 *     database: 'dev',
 *     secretArn: process.env.REDSHIFT_SECRET_ARN,
 *   }),
 * })
 * const rows = await db.selectFrom('airline_dw.dim_airport').selectAll().limit(5).execute()
 * ```
 */
export class RedshiftDataDialect implements Dialect {
  readonly #config: ResolvedDialectConfig

  constructor(config: RedshiftDataDialectConfig) {
    this.#config = resolveDialectConfig(config)
  }

  createDriver(): Driver {
    return new RedshiftDataDriver(this.#config)
  }

  createQueryCompiler(): QueryCompiler {
    return new RedshiftDataQueryCompiler()
  }

  createAdapter(): DialectAdapter {
    return new RedshiftDataAdapter(this.#config.migrationLock)
  }

  // biome-ignore lint/suspicious/noExplicitAny: Kysely's own Dialect signature.
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new RedshiftDataIntrospector(db)
  }
}
