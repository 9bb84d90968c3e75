import { defineCommand } from 'citty'
import { cli, interruption, println } from '../context/cli-context.js'
import { intArg } from './shared-args.js'

const serve = defineCommand({
  meta: {
    name: 'serve',
    description: [
      'Serve the embedded database over the Postgres wire protocol, so psql and BI tools',
      'connect as they would to Redshift. Ctrl-C stops it.',
      '',
      'Examples:',
      '  rsp demo --keep .rsp/db && rsp local serve --dir .rsp/db',
      '  psql "postgres://postgres@127.0.0.1:5439/postgres?sslmode=disable"',
    ].join('\n'),
  },
  args: {
    port: { type: 'string', description: 'TCP port (0: any free port)', default: '5439' },
    host: { type: 'string', description: 'Address to listen on', default: '127.0.0.1' },
    dir: {
      type: 'string',
      description: 'PGlite data directory (default: a new in-memory database)',
      valueHint: 'DIR',
    },
    'max-connections': { type: 'string', description: 'Concurrent connections', default: '32' },
  },
  async run({ args }) {
    const port = intArg('port', args.port, 0, 65535)
    const maxConnections = intArg('max-connections', args['max-connections'], 1, 1000)
    const { usingPglite } = await import('../connections/using-pglite.js')
    const { startLocalServer } = await import('../local/local-server.js')
    const signal = interruption()
    const c = cli().colors
    await usingPglite({ dir: args.dir }, async (db) => {
      const server = await startLocalServer(db, { host: args.host, port, maxConnections })
      try {
        println(
          `${c.green('●')} serving ${args.dir ? `the database in ${args.dir}` : 'an in-memory database'} on ${server.host}:${server.port}`,
        )
        println(
          `  psql "postgres://postgres@${server.host}:${server.port}/postgres?sslmode=disable"`,
        )
        println(
          c.dim(
            '  Every connection is the superuser: act as a consumer with SET ROLE <consumer role>. Ctrl-C stops.',
          ),
        )
        if (!signal.aborted)
          await new Promise<void>((resolve) =>
            signal.addEventListener('abort', () => resolve(), { once: true }),
          )
      } finally {
        await server.stop()
      }
    })
    println('stopped')
  },
})

export default defineCommand({
  meta: { name: 'local', description: 'The embedded database: rsp local serve' },
  subCommands: { serve },
})
