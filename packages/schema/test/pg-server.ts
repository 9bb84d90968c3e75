import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { quoteIdent } from '../src/identifiers.js'

/**
 * A throw-away database on the real PostgreSQL server named by RSP_TEST_PG_URL. Several
 * helpers share that server, so each test file makes its own uniquely named database.
 */
export const pgUrl = process.env.RSP_TEST_PG_URL

/** Why the server tests are skipped (local runs without a server), or undefined to run them. */
export function pgSkipReason(): string | undefined {
  if (pgUrl) return undefined
  if (process.env.CI) {
    throw new Error(
      'RSP_TEST_PG_URL is not set but CI is: the PostgreSQL server tests must run in CI.',
    )
  }
  return 'RSP_TEST_PG_URL is not set: skipping the PostgreSQL 15 server tests (set it to run them).'
}

export interface TempDatabase {
  readonly name: string
  readonly url: string
  drop(): Promise<void>
}

export async function createTempDatabase(prefix: string): Promise<TempDatabase> {
  if (!pgUrl) throw new Error('RSP_TEST_PG_URL is not set')
  const name = `${prefix}_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: pgUrl })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}`)
  } finally {
    await admin.end()
  }
  const url = new URL(pgUrl)
  url.pathname = `/${name}`
  return {
    name,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: pgUrl })
      await c.connect()
      try {
        await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)
      } finally {
        await c.end()
      }
    },
  }
}
