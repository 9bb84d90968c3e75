import { resolve } from 'node:path'
import { defineCommand } from 'citty'
import { loadConfigOrFail } from '../config/load-config.js'
import { validateConfigOrFail } from '../config/validate-config.js'
import { cli, printJson, println } from '../context/cli-context.js'
import { UsageError } from '../errors/cli-errors.js'
import { ms, renderTable } from '../output/table.js'
import { intArg, jsonArg } from './shared-args.js'

export default defineCommand({
  meta: {
    name: 'query',
    description: [
      'Run a flagship analytics query: on the embedded database (--dir, as a consumer role with',
      '--consumer), on PostgreSQL (--url), or print its SQL (--sql; with --consumer, the',
      "consumer's three-part datashare names as on Redshift: each table through the database of",
      'the share holding it). `rsp query --list` names them. A query reading a table the consumer',
      'receives from no share is refused before it runs (exit 2), naming the table and its share.',
      '',
      'Examples:',
      '  rsp query --list',
      '  rsp query top-routes --dir .rsp/db --consumer analytics --limit 5',
      '  rsp query daily-revenue-7d --sql --consumer reporting',
      '  rsp query on-time-performance --url postgres://postgres@localhost/airline --json',
    ].join('\n'),
  },
  args: {
    name: { type: 'positional', description: 'Query name', required: false },
    list: { type: 'boolean', description: 'List the queries', default: false },
    consumer: {
      type: 'string',
      description: 'Run as / read through this consumer',
      valueHint: 'C',
    },
    dir: {
      type: 'string',
      description: 'Embedded database directory (rsp demo --keep DIR)',
      valueHint: 'DIR',
    },
    url: {
      type: 'string',
      description: 'A PostgreSQL URL holding the airline schema',
      valueHint: 'URL',
    },
    sql: { type: 'boolean', description: 'Print the SQL instead of running it', default: false },
    limit: { type: 'string', description: 'Rows for ranking queries', valueHint: 'N' },
    from: { type: 'string', description: 'First date key YYYYMMDD', valueHint: 'DATE_KEY' },
    to: { type: 'string', description: 'Last date key YYYYMMDD', valueHint: 'DATE_KEY' },
    config: {
      type: 'string',
      description: 'Config file (consumers)',
      default: 'rsp.config.json',
      valueHint: 'PATH',
    },
    ...jsonArg,
  },
  async run({ args }) {
    const ctx = cli()
    const schema = await import('@redshift-playground/schema')
    const queries = schema.flagshipQueries as Record<
      string,
      (typeof schema.flagshipQueries)[keyof typeof schema.flagshipQueries]
    >
    if (args.list || !args.name) {
      if (args.json)
        return printJson(
          Object.values(queries).map((q) => ({ name: q.name, description: q.description })),
        )
      println(
        renderTable(
          ['query', 'description'],
          Object.values(queries).map((q) => [q.name, q.description]),
        ),
      )
      return
    }
    const q = queries[args.name]
    if (!q) {
      throw new UsageError(
        `unknown query ${JSON.stringify(args.name)}; use one of ${Object.keys(queries).join(', ')}`,
        'NAME',
        args.name,
      )
    }
    const { existsSync } = await import('node:fs')
    const config = existsSync(resolve(ctx.cwd, args.config))
      ? await loadConfigOrFail(args.config, ctx.cwd)
      : validateConfigOrFail({ project: 'airline' }, '(defaults)')
    const { shareConsumers } = await import('../share/datashare-from-config.js')
    const consumers = shareConsumers(config)
    const consumer =
      args.consumer === undefined ? undefined : consumers.find((c) => c.name === args.consumer)
    if (args.consumer !== undefined && !consumer) {
      throw new UsageError(
        `unknown consumer ${JSON.stringify(args.consumer)}; the config has ${consumers.map((c) => c.name).join(', ')}`,
        '--consumer',
        args.consumer,
      )
    }
    const options = {
      ...(args.limit ? { limit: intArg('limit', args.limit, 1, 100_000) } : {}),
      ...(args.from ? { fromDateKey: Number(args.from) } : {}),
      ...(args.to ? { toDateKey: Number(args.to) } : {}),
    }
    const {
      Kysely,
      PostgresDialect,
      DummyDriver,
      PostgresAdapter,
      PostgresIntrospector,
      PostgresQueryCompiler,
    } = await import('kysely')
    // Compile only: no connection.
    const compiler = new Kysely<import('@redshift-playground/schema').AirlineDatabase>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (k) => new PostgresIntrospector(k),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
    })
    const routing = consumer ? await import('../share/consumer-relations.js') : undefined
    if (consumer && routing) {
      // What it reads, checked against the consumer's shares before any SQL runs.
      const reads = new routing.ConsumerRelationsPlugin()
      q.build(compiler.withPlugin(reads), options).compile()
      routing.assertEntitled(config, consumer.name, q.name, reads.reads)
    }
    if (args.sql) {
      // A consumer reads three-part names: each relation through its database from the share
      // holding it.
      const db =
        consumer && routing
          ? compiler.withPlugin(
              new routing.ConsumerRelationsPlugin(routing.consumerSources(config, consumer.name)),
            )
          : compiler
      const compiled = q.build(db, options).compile()
      if (args.json) return printJson({ sql: compiled.sql, parameters: compiled.parameters })
      println(`${compiled.sql};`)
      if (compiled.parameters.length)
        println(ctx.colors.dim(`-- parameters: ${JSON.stringify(compiled.parameters)}`))
      return
    }
    const show = (rows: readonly Record<string, unknown>[], took: number) => {
      if (args.json) return printJson(rows)
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
        ctx.colors.dim(
          `${rows.length} rows in ${ms(took)}${consumer ? ` as consumer ${consumer.name}` : ''}`,
        ),
      )
    }
    if (args.url) {
      const pg = (await import('pg')).default
      const db = new Kysely<import('@redshift-playground/schema').AirlineDatabase>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: args.url, max: 1 }) }),
      })
      try {
        const t0 = performance.now()
        const rows = await q.build(db, options).execute()
        show(rows as Record<string, unknown>[], performance.now() - t0)
      } finally {
        await db.destroy()
      }
      return
    }
    if (!args.dir)
      throw new UsageError(
        'where should it run? pass --dir DIR (rsp demo --keep DIR), --url URL, or --sql',
        '--dir',
        undefined,
      )
    const { usingLocalWarehouse } = await import('../local/local-warehouse.js')
    await usingLocalWarehouse({ dir: resolve(ctx.cwd, args.dir) }, async (w) => {
      const t0 = performance.now()
      const rows = await q.build(consumer ? w.as(consumer.name) : w.producer, options).execute()
      show(rows as Record<string, unknown>[], performance.now() - t0)
    })
  },
})
