import { resolve } from 'node:path'
import { defineCommand } from 'citty'
import { cli, printJson, println } from '../context/cli-context.js'
import { UsageError } from '../errors/cli-errors.js'
import { genArgs, genOptions, progress } from './datagen.js'
import { jsonArg } from './shared-args.js'

export default defineCommand({
  meta: {
    name: 'load',
    description: [
      'Create the airline schema (migrations) and load generated data, each table swapped in',
      'atomically: into the embedded database (--to local --dir DIR) or a PostgreSQL server',
      '(--to postgres://…). Re-running replaces the data; a failed load leaves the old data.',
      'After loading into a shared local database, run rsp share again (new tables carry no grants).',
      '',
      'Examples:',
      '  rsp load --to local --dir .rsp/db --scale 0.1',
      '  rsp load --to postgres://postgres@localhost:5432/airline --scale 1',
    ].join('\n'),
  },
  args: {
    to: {
      type: 'string',
      description: 'local, or a postgres:// URL',
      required: true,
      valueHint: 'TARGET',
    },
    dir: { type: 'string', description: 'Local target: PGlite data directory', valueHint: 'DIR' },
    ...genArgs,
    ...jsonArg,
  },
  async run({ args }) {
    const ctx = cli()
    const options = genOptions(args)
    const d = await import('@redshift-playground/datagen')
    const bars = await progress()
    let summary: Awaited<ReturnType<typeof d.loadAirlineData>>
    try {
      if (args.to === 'local') {
        if (!args.dir)
          throw new UsageError(
            '--to local needs --dir DIR (an in-memory database would be lost at exit)',
            '--dir',
            undefined,
          )
        const { usingLocalWarehouse, migrateLocal } = await import('../local/local-warehouse.js')
        summary = await usingLocalWarehouse({ dir: resolve(ctx.cwd, args.dir) }, async (w) => {
          await migrateLocal(w.producer)
          return d.loadAirlineData({
            ...options,
            sink: new d.PGliteSink({ db: w.pglite }),
            ...(bars.onProgress ? { onProgress: bars.onProgress } : {}),
          })
        })
      } else if (/^postgres(ql)?:\/\//.test(args.to)) {
        const [pg, { Kysely, PostgresDialect }, { migrateLocal }] = await Promise.all([
          import('pg').then((m) => m.default),
          import('kysely'),
          import('../local/local-warehouse.js'),
        ])
        const pool = new pg.Pool({ connectionString: args.to, max: 4 })
        const db = new Kysely({ dialect: new PostgresDialect({ pool }) })
        try {
          await migrateLocal(db)
          summary = await d.loadAirlineData({
            ...options,
            sink: new d.PostgresSink({ client: pool }),
            ...(bars.onProgress ? { onProgress: bars.onProgress } : {}),
          })
        } finally {
          await db.destroy() // ends the pool
        }
      } else {
        throw new UsageError(
          `--to ${JSON.stringify(args.to)}: use local or a postgres:// URL (S3 + COPY through the Data API is not in this build; use rsp datagen --out and COPY)`,
          '--to',
          args.to,
        )
      }
    } finally {
      bars.stop()
    }
    if (args.json) return printJson(summary)
    println(
      `${ctx.colors.green('✔')} loaded ${summary.rows.toLocaleString('en-US')} rows into ${summary.tables.length} tables in ${summary.seconds.toFixed(1)} s`,
    )
  },
})
