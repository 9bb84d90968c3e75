import { defineCommand } from 'citty'
import { cli } from '../context/cli-context.js'
import { UsageError } from '../errors/cli-errors.js'
import { describe } from './catalogue.js'
import { intArg } from './shared-args.js'

const serve = defineCommand({
  meta: {
    name: 'serve',
    description: [
      'Serve a local database. Without --data-api: the database in DIR (made by rsp demo --target',
      'postgres --keep or rsp load --to local) over the Postgres wire protocol, through a real',
      'PostgreSQL server, so psql, JDBC/BI tools and drivers connect as they would to Redshift:',
      'a session per connection, concurrent queries, TLS offered, Ctrl-C in psql cancels, consumers',
      'log in as their own role. The server holds a copy made at start: writes through it are',
      'not saved to DIR, and DIR stays locked (rsp load/share wait for Ctrl-C). Beyond loopback',
      '(--host 0.0.0.0) every role needs a password (SCRAM-SHA-256), generated unless',
      '--password-env names one. With --data-api: the emulated Redshift Serverless account (kept',
      'by rsp demo --keep DIR, or a new one with the config’s namespaces) behind the Redshift Data',
      'API and the read-only Serverless control plane, with its local S3, for your own AWS SDK',
      'code. Ctrl-C stops.',
      '',
      'Examples:',
      '  rsp demo --target postgres --keep .rsp/db && rsp local serve --dir .rsp/db',
      '  psql "postgres://analytics@127.0.0.1:5439/postgres"',
      '  rsp local serve --dir .rsp/db --host 0.0.0.0 --password-env RSP_SERVE_PASSWORD',
      '  rsp demo --keep .rsp/account && rsp local serve --data-api --dir .rsp/account --port 4599',
    ].join('\n'),
  },
  args: {
    port: {
      type: 'string',
      description: 'TCP port (0: any free port; default 5439, or 4599 with --data-api)',
    },
    host: {
      type: 'string',
      description: 'Address to listen on (beyond loopback, a password is required)',
      default: '127.0.0.1',
    },
    dir: {
      type: 'string',
      description:
        'Data directory: a PGlite database, or with --data-api an account kept by rsp demo --keep',
      valueHint: 'DIR',
    },
    'data-api': {
      type: 'boolean',
      description: 'Serve the emulated Redshift account over the Redshift Data API instead',
      default: false,
    },
    config: {
      type: 'string',
      description: 'Config for a new account’s namespaces (--data-api without --dir)',
      default: 'rsp.config.json',
      valueHint: 'PATH',
    },
    'max-connections': {
      type: 'string',
      description: 'Concurrent client connections; one more gets SQLSTATE 53300',
      default: '32',
    },
    'password-env': {
      type: 'string',
      description: 'Environment variable holding the password of every role (SCRAM-SHA-256)',
      valueHint: 'VAR',
    },
    'idle-in-transaction-timeout': {
      type: 'string',
      description: 'End a session idle inside a transaction after S seconds (0: never)',
      default: '600',
      valueHint: 'S',
    },
  },
  async run({ args }) {
    const port = intArg('port', args.port ?? (args['data-api'] ? '4599' : '5439'), 0, 65535)
    if (args['data-api']) {
      const { serveDataApi } = await import('../local/serve-from-cli.js')
      return serveDataApi({ port, host: args.host, dir: args.dir, config: args.config })
    }
    const maxConnections = intArg('max-connections', args['max-connections'], 1, 1000)
    const idleSeconds = intArg(
      'idle-in-transaction-timeout',
      args['idle-in-transaction-timeout'],
      0,
      86_400,
    )
    let password: string | undefined
    if (args['password-env'] !== undefined) {
      password = cli().env[args['password-env']]
      if (!password)
        throw new UsageError(
          `--password-env ${args['password-env']}: the variable is not set (or empty)`,
          '--password-env',
          args['password-env'],
        )
    }
    const { serveDatabase } = await import('../local/serve-from-cli.js')
    await serveDatabase({
      dir: args.dir,
      host: args.host,
      port,
      maxConnections,
      idleSeconds,
      password,
      passwordEnv: args['password-env'],
    })
  },
})

export default defineCommand({
  meta: {
    name: 'local',
    description: describe('local'),
  },
  subCommands: { serve },
})
