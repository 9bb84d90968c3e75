import type { Client, ClientConfig } from 'pg'

/** Connection options for a Postgres-wire endpoint (Redshift, the NLB, PostgreSQL, local serve). */
export interface WireOptions {
  readonly host: string
  readonly port: number
  readonly database: string
  readonly user: string
  readonly password?: string | undefined
  /** TLS: Redshift requires it (require_ssl); local servers do not offer it. */
  readonly ssl?: boolean | undefined
  readonly connectTimeoutMs?: number | undefined
  readonly applicationName?: string | undefined
}

/** Parses `HOST:PORT` (IPv6 in brackets: `[::1]:5439`); throws a usage-shaped error naming the flag. */
export function parseEndpoint(text: string, flag = '--endpoint'): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(text)
  const port = m ? Number(m[3]) : Number.NaN
  if (!m || port < 1 || port > 65535) {
    throw Object.assign(
      new Error(`${flag} must be HOST:PORT, like 127.0.0.1:5439, got ${JSON.stringify(text)}`),
      {
        code: 'USAGE',
        field: flag,
        value: text,
      },
    )
  }
  return { host: (m[1] ?? m[2]) as string, port }
}

export function clientConfig(o: WireOptions): ClientConfig {
  return {
    host: o.host,
    port: o.port,
    database: o.database,
    user: o.user,
    password: o.password,
    // Redshift presents an AWS-issued certificate; rejectUnauthorized stays on.
    ssl: o.ssl ? { rejectUnauthorized: true } : false,
    connectionTimeoutMillis: o.connectTimeoutMs ?? 10_000,
    application_name: o.applicationName ?? 'rsp',
  }
}

/** Opens one `pg` client (a single TCP connection), runs `fn`, and always ends it. */
export async function usingPgClient<T>(
  options: WireOptions | string,
  fn: (client: Client) => Promise<T>,
): Promise<T> {
  const pg = (await import('pg')).default
  const client = new pg.Client(
    typeof options === 'string' ? { connectionString: options } : clientConfig(options),
  )
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => undefined)
  }
}
