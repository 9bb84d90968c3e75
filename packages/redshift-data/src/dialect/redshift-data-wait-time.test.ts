// `waitTimeSeconds` on the emulated Data API of @redshift-playground/redshift-local, which
// honours WaitTimeSeconds and answers with Status / HasResultSet (R-API-4): the real SDK client
// over HTTP, each request counted by a middleware on that client.
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data'
import {
  type DataApiServer,
  LocalRedshift,
  type NamespaceInfo,
  startDataApiServer,
} from '@redshift-playground/redshift-local'
import { Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DataApiStatementError } from '../errors.js'
import { RedshiftDataDialect } from './redshift-data-dialect.js'
import type { RedshiftDataDialectConfig } from './redshift-data-dialect-config.js'

let rs: LocalRedshift
let ns: NamespaceInfo
let server: DataApiServer
let client: RedshiftDataClient
const sent: { command: string; input: Record<string, unknown> }[] = []

beforeAll(async () => {
  rs = await LocalRedshift.create()
  ns = await rs.createNamespace({ name: 'waiter' })
  server = await startDataApiServer({ redshift: rs })
  client = new RedshiftDataClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
  })
  client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push({
        command: String(context.commandName),
        input: args.input as Record<string, unknown>,
      })
      return next(args)
    },
    { step: 'initialize', name: 'countDataApiRequests' },
  )
}, 120_000)

afterAll(async () => {
  client?.destroy()
  await server?.close()
  await rs?.close()
})

/** Runs `fn` on a Kysely over the dialect and returns the commands it sent, in order. */
async function commandsOf(
  options: Partial<RedshiftDataDialectConfig>,
  // biome-ignore lint/suspicious/noExplicitAny: raw SQL only
  fn: (db: Kysely<any>) => Promise<unknown>,
): Promise<{ commands: string[]; inputs: Record<string, unknown>[]; result: unknown }> {
  // biome-ignore lint/suspicious/noExplicitAny: raw SQL only
  const db = new Kysely<any>({
    dialect: new RedshiftDataDialect({
      client,
      workgroupName: 'waiter',
      database: 'dev',
      secretArn: ns.adminSecretArn,
      polling: { initialDelayMs: 1, maxDelayMs: 10 },
      ...options,
    }),
  })
  sent.length = 0
  try {
    const result = await fn(db).catch((e: unknown) => e)
    return {
      commands: sent.map((s) => s.command),
      inputs: sent.map((s) => s.input),
      result,
    }
  } finally {
    await db.destroy()
  }
}

describe('waitTimeSeconds on the emulated Data API (R-API-4)', () => {
  it('a quick query: ExecuteStatement then GetStatementResult, no DescribeStatement', async () => {
    const query = (db: Kysely<unknown>) =>
      sql<{ n: number }>`select 41 + 1 as n`.execute(db).then((r) => r.rows)
    const polled = await commandsOf({}, query)
    const waited = await commandsOf({ waitTimeSeconds: 5 }, query)
    expect(polled.result).toEqual([{ n: 42 }])
    expect(waited.result).toEqual([{ n: 42 }])
    expect(polled.commands).toContain('DescribeStatementCommand')
    expect(waited.commands).toEqual(['ExecuteStatementCommand', 'GetStatementResultCommand'])
    expect(waited.inputs[0]).toMatchObject({ WaitTimeSeconds: 5 })
  })

  it('a transaction: BEGIN, DDL, COMMIT need no DescribeStatement; a DML is described for its row count', async () => {
    const work = (db: Kysely<unknown>) =>
      db.transaction().execute(async (tx) => {
        await sql`create table wait_t (n int)`.execute(tx)
        const r = await sql`insert into wait_t values (1), (2)`.execute(tx)
        return r.numAffectedRows
      })
    const waited = await commandsOf({ waitTimeSeconds: 5 }, work)
    expect(waited.result).toBe(2n)
    expect(waited.commands.filter((c) => c === 'DescribeStatementCommand')).toHaveLength(1)
    expect(waited.commands.filter((c) => c === 'ExecuteStatementCommand')).toHaveLength(4)
  })

  it('a failing statement: the same error as without a wait, read with one DescribeStatement', async () => {
    const query = (db: Kysely<unknown>) => sql`select * from no_such_table`.execute(db)
    const polled = await commandsOf({}, query)
    const waited = await commandsOf({ waitTimeSeconds: 5 }, query)
    expect(polled.result).toBeInstanceOf(DataApiStatementError)
    expect(waited.result).toBeInstanceOf(DataApiStatementError)
    const shape = (e: unknown) => {
      const s = e as DataApiStatementError
      return {
        code: s.code,
        status: s.status,
        serverMessage: s.serverMessage,
        message: s.message.replace(s.statementId, '<id>'),
      }
    }
    expect(shape(waited.result)).toEqual(shape(polled.result))
    expect(waited.commands).toEqual(['ExecuteStatementCommand', 'DescribeStatementCommand'])
  })
})
