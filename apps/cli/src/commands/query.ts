import { defineCommand } from 'citty'
import { describe } from './catalogue.js'
import { intArg, jsonArg } from './shared-args.js'

export default defineCommand({
  meta: {
    name: 'query',
    description: describe('query'),
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
    const { runQuery } = await import('../query/run-query.js')
    await runQuery({
      name: args.name,
      list: args.list,
      consumer: args.consumer,
      dir: args.dir,
      url: args.url,
      sql: args.sql,
      options: () => ({
        ...(args.limit ? { limit: intArg('limit', args.limit, 1, 100_000) } : {}),
        ...(args.from ? { fromDateKey: Number(args.from) } : {}),
        ...(args.to ? { toDateKey: Number(args.to) } : {}),
      }),
      config: args.config,
      json: args.json,
    })
  },
})
