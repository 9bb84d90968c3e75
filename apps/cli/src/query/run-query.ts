import { resolve } from 'node:path'
import type { AirlineDatabase } from '@redshift-playground/schema'
import type { Kysely } from 'kysely'
import { loadConfigOrFail } from '../config/load-config.js'
import { validateConfigOrFail } from '../config/validate-config.js'
import { compileOnlyKysely, usingPostgres } from '../connections/using-kysely.js'
import { cli, printJson, println } from '../context/cli-context.js'
import { UsageError } from '../errors/cli-errors.js'
import { ms, renderTable } from '../output/table.js'

/** What `rsp query` was asked, its flags parsed. */
export interface QueryRequest {
  readonly name: string | undefined
  readonly list: boolean
  readonly consumer: string | undefined
  readonly dir: string | undefined
  readonly url: string | undefined
  readonly sql: boolean
  /** `--limit`, `--from`, `--to`, parsed once the query and the consumer are known. */
  readonly options: () => QueryOptions
  readonly config: string
  readonly json: boolean
}

export interface QueryOptions {
  readonly limit?: number
  readonly fromDateKey?: number
  readonly toDateKey?: number
}

type Schema = typeof import('@redshift-playground/schema')
type FlagshipQuery = Schema['flagshipQueries'][keyof Schema['flagshipQueries']]
type Config = ReturnType<typeof validateConfigOrFail>

/** `rsp query`: list the flagship queries, print one's SQL, or run it. */
export async function runQuery(request: QueryRequest): Promise<void> {
  const schema = await import('@redshift-playground/schema')
  const queries = schema.flagshipQueries as Record<string, FlagshipQuery>
  if (request.list || !request.name) return listQueries(queries, request.json)
  const q = queries[request.name]
  if (!q) {
    throw new UsageError(
      `unknown query ${JSON.stringify(request.name)}; use one of ${Object.keys(queries).join(', ')}`,
      'NAME',
      request.name,
    )
  }
  const { config, consumer } = await queryConsumer(request)
  const options = request.options()
  const compiler = compileOnlyKysely<AirlineDatabase>()
  const routing = consumer ? await import('../share/consumer-relations.js') : undefined
  if (consumer && routing) {
    // What it reads, checked against the consumer's shares before any SQL runs.
    const reads = new routing.ConsumerRelationsPlugin()
    q.build(compiler.withPlugin(reads), options).compile()
    routing.assertEntitled(config, consumer, q.name, reads.reads)
  }
  if (request.sql) {
    // A consumer reads three-part names: each relation through its database from the share
    // holding it.
    const db =
      consumer && routing
        ? compiler.withPlugin(
            new routing.ConsumerRelationsPlugin(routing.consumerSources(config, consumer)),
          )
        : compiler
    return printSql(q.build(db, options).compile(), request.json)
  }
  return executeQuery(q, options, consumer, request)
}

function listQueries(queries: Record<string, FlagshipQuery>, json: boolean): void {
  if (json) {
    printJson(Object.values(queries).map((q) => ({ name: q.name, description: q.description })))
    return
  }
  println(
    renderTable(
      ['query', 'description'],
      Object.values(queries).map((q) => [q.name, q.description]),
    ),
  )
}

/** The config (or the defaults without one) and the consumer `--consumer` names, if any. */
async function queryConsumer(
  request: QueryRequest,
): Promise<{ config: Config; consumer: string | undefined }> {
  const ctx = cli()
  const { existsSync } = await import('node:fs')
  const config = existsSync(resolve(ctx.cwd, request.config))
    ? await loadConfigOrFail(request.config, ctx.cwd)
    : validateConfigOrFail({ project: 'airline' }, '(defaults)')
  const { shareConsumers } = await import('../share/datashare-from-config.js')
  const consumers = shareConsumers(config)
  const consumer =
    request.consumer === undefined ? undefined : consumers.find((c) => c.name === request.consumer)
  if (request.consumer !== undefined && !consumer) {
    throw new UsageError(
      `unknown consumer ${JSON.stringify(request.consumer)}; the config has ${consumers.map((c) => c.name).join(', ')}`,
      '--consumer',
      request.consumer,
    )
  }
  return { config, consumer: consumer?.name }
}

function printSql(
  compiled: { readonly sql: string; readonly parameters: readonly unknown[] },
  json: boolean,
): void {
  if (json) {
    printJson({ sql: compiled.sql, parameters: compiled.parameters })
    return
  }
  println(`${compiled.sql};`)
  if (compiled.parameters.length)
    println(cli().colors.dim(`-- parameters: ${JSON.stringify(compiled.parameters)}`))
}

/** Runs the query on PostgreSQL (`--url`) or the embedded database (`--dir`) and prints it. */
async function executeQuery(
  q: FlagshipQuery,
  options: QueryOptions,
  consumer: string | undefined,
  request: QueryRequest,
): Promise<void> {
  const timed = async (db: Kysely<AirlineDatabase>) => {
    const t0 = performance.now()
    const rows = await q.build(db, options).execute()
    showRows(rows as Record<string, unknown>[], performance.now() - t0, consumer, request.json)
  }
  if (request.url) {
    await usingPostgres<AirlineDatabase, void>({ connectionString: request.url, max: 1 }, timed)
    return
  }
  if (!request.dir)
    throw new UsageError(
      'where should it run? pass --dir DIR (rsp demo --keep DIR), --url URL, or --sql',
      '--dir',
      undefined,
    )
  const { usingLocalWarehouse } = await import('../local/local-warehouse.js')
  await usingLocalWarehouse({ dir: resolve(cli().cwd, request.dir) }, (w) =>
    timed(consumer ? w.as(consumer) : w.producer),
  )
}

function showRows(
  rows: readonly Record<string, unknown>[],
  took: number,
  consumer: string | undefined,
  json: boolean,
): void {
  if (json) {
    printJson(rows)
    return
  }
  const cols = Object.keys(rows[0] ?? {})
  println(
    renderTable(
      cols,
      rows.map((r) =>
        cols.map((c) =>
          r[c] instanceof Date ? (r[c] as Date).toISOString().slice(0, 10) : String(r[c] ?? ''),
        ),
      ),
    ),
  )
  println(
    cli().colors.dim(
      `${rows.length} rows in ${ms(took)}${consumer ? ` as consumer ${consumer}` : ''}`,
    ),
  )
}
