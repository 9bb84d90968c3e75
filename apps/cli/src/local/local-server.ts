import type { PGlite } from '@electric-sql/pglite'

export interface LocalServerOptions {
  readonly host?: string
  /** 0 picks a free port. */
  readonly port?: number
  readonly maxConnections?: number
}

export interface LocalServer {
  readonly host: string
  readonly port: number
  stop(): Promise<void>
}

/**
 * Serves an open PGlite database over the Postgres wire protocol (pglite-socket), so psql,
 * JDBC and `pg` connect to it as they would to Redshift. PGlite runs one query at a time; the
 * socket server queues the connections' queries.
 */
export async function startLocalServer(
  db: PGlite,
  options: LocalServerOptions = {},
): Promise<LocalServer> {
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket')
  const host = options.host ?? '127.0.0.1'
  const server = new PGLiteSocketServer({
    db,
    host,
    port: options.port ?? 5439,
    maxConnections: options.maxConnections ?? 32,
  })
  await server.start()
  // getServerConn() is "host:port" once listening, with the real port when 0 was asked for.
  const conn = server.getServerConn()
  const port = Number(conn.slice(conn.lastIndexOf(':') + 1))
  return {
    host,
    port,
    stop: () => server.stop(),
  }
}
