import { createServer } from 'node:net'

/** The address `rsp local serve` was asked to listen on is taken. Exit code 1. */
export class PortInUseError extends Error {
  readonly host: string
  readonly port: number
  constructor(host: string, port: number) {
    super(
      `port ${port} on ${host} is already in use (another rsp local serve, or a PostgreSQL server?). Fix: pick another port with --port ${port === 65535 ? port - 1 : port + 1} (or --port 0 for any free one), or stop what listens there (lsof -i :${port} shows it).`,
    )
    this.name = 'PortInUseError'
    this.host = host
    this.port = port
  }
}

/**
 * Binds `host:port` for a moment to learn, before anything slow starts, whether it is free;
 * with port 0, returns a free port picked by the OS. Fails at once with PortInUseError.
 */
export function claimPortOrFail(host: string, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new PortInUseError(host, port))
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
        reject(
          new Error(
            `--host ${host}: no such address on this machine (${error.code}); use 127.0.0.1, 0.0.0.0 or one of this machine's addresses`,
          ),
        )
      else reject(error)
    })
    server.listen({ host: host === '*' ? '0.0.0.0' : host, port, exclusive: true }, () => {
      const address = server.address()
      const bound = typeof address === 'object' && address ? address.port : port
      server.close(() => resolvePort(bound))
    })
  })
}
