// The runner against a scripted client (structural `{ send }`, fake command classes): what a
// service answer the emulator cannot be made to give does to the runner.
import { describe, expect, it } from 'vitest'
import {
  type RedshiftDataDialectConfig,
  resolveDialectConfig,
} from '../dialect/redshift-data-dialect-config.js'
import { DataApiInputError, DataApiResultError, DataApiTimeoutError } from '../errors.js'
import type { DataApiCommands } from './commands.js'
import { StatementRunner } from './statement-runner.js'

class Command {
  constructor(readonly input: Record<string, unknown>) {}
}
class ExecuteStatementCommand extends Command {}
class BatchExecuteStatementCommand extends Command {}
class DescribeStatementCommand extends Command {}
class GetStatementResultCommand extends Command {}
class GetStatementResultV2Command extends Command {}
class CancelStatementCommand extends Command {}
const commands: DataApiCommands = {
  ExecuteStatementCommand,
  BatchExecuteStatementCommand,
  DescribeStatementCommand,
  GetStatementResultCommand,
  GetStatementResultV2Command,
  CancelStatementCommand,
}

type Handler = (input: Record<string, unknown>, options: { abortSignal?: AbortSignal }) => unknown

/** A runner over a client answering each command with `handlers[<command class name>]`. */
function runner(
  handlers: Record<string, Handler>,
  config: Partial<RedshiftDataDialectConfig> = {},
): { runner: StatementRunner; sent: { command: string; abortSignal: unknown }[] } {
  const sent: { command: string; abortSignal: unknown }[] = []
  const client = {
    async send(command: Command, options: { abortSignal?: AbortSignal } = {}) {
      const name = command.constructor.name
      sent.push({ command: name, abortSignal: options.abortSignal })
      const handler = handlers[name]
      if (!handler) throw new Error(`unexpected ${name}`)
      return handler(command.input, options)
    },
  }
  const resolved = resolveDialectConfig({
    client,
    workgroupName: 'wg-unit',
    database: 'dev',
    commands,
    polling: { initialDelayMs: 0, maxDelayMs: 1 },
    retry: { baseDelayMs: 0, maxDelayMs: 1 },
    ...config,
  })
  return { runner: new StatementRunner(resolved, commands), sent }
}

const finished = {
  ExecuteStatementCommand: () => ({ Id: 'st-1' }),
  DescribeStatementCommand: () => ({ Id: 'st-1', Status: 'FINISHED', HasResultSet: true }),
}
const columns = [{ name: 'n', label: 'n', typeName: 'int4' }]

describe('StatementRunner', () => {
  it('R-API-12: a NextToken cycle (A → B → A) ends paging with DataApiResultError', async () => {
    const next: Record<string, string> = { '': 'A', A: 'B', B: 'A' }
    const { runner: r } = runner({
      ...finished,
      GetStatementResultCommand: (input) => ({
        ColumnMetadata: columns,
        Records: [[{ longValue: 1 }]],
        NextToken: next[String(input.NextToken ?? '')],
      }),
    })
    const pages: unknown[] = []
    const error = await (async () => {
      for await (const page of r.pages('st-1')) pages.push(page.rows)
    })().catch((e) => e)
    expect(error).toBeInstanceOf(DataApiResultError)
    expect(error).toMatchObject({
      code: 'NEXT_TOKEN_REPEATED',
      statementId: 'st-1',
      nextToken: 'A',
    })
    expect(pages).toHaveLength(2)
  })

  it('sends every request with an abortSignal', async () => {
    const { runner: r, sent } = runner({
      ...finished,
      GetStatementResultCommand: () => ({ ColumnMetadata: columns, Records: [[{ longValue: 1 }]] }),
    })
    const outcome = await r.execute({ sql: 'select 1 as n' })
    expect(await r.rows(outcome.statementId)).toEqual([{ n: 1 }])
    expect(sent.map((s) => s.command)).toEqual([
      'ExecuteStatementCommand',
      'DescribeStatementCommand',
      'GetStatementResultCommand',
    ])
    for (const s of sent) expect(s.abortSignal).toBeInstanceOf(AbortSignal)
  })

  it('does not wait past the deadline for a client that ignores its abortSignal', async () => {
    const { runner: r } = runner(
      { ExecuteStatementCommand: () => new Promise(() => {}) },
      { timeoutMs: 50 },
    )
    const started = performance.now()
    const error = await r.execute({ sql: 'select 1' }).catch((e) => e)
    expect(error).toBeInstanceOf(DataApiTimeoutError)
    expect(error).toMatchObject({ phase: 'submit', statementId: undefined, cancelled: false })
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it("R-API-9: resultFormat 'CSV' asks for CSV, skips a header line and keeps int8 exact", async () => {
    const { runner: r, sent } = runner(
      {
        ExecuteStatementCommand: (input) => {
          expect(input.ResultFormat).toBe('CSV')
          return { Id: 'st-1' }
        },
        DescribeStatementCommand: finished.DescribeStatementCommand,
        GetStatementResultV2Command: () => ({
          ColumnMetadata: [
            { name: 'id', typeName: 'int8' },
            { name: 's', typeName: 'varchar' },
          ],
          Records: [{ CSVRecords: 'id,s\n9007199254740993,x\n' }, { CSVRecords: '-1,""\n' }],
          TotalNumRows: 2,
          ResultFormat: 'CSV',
        }),
      },
      { resultFormat: 'CSV', int8: 'bigint' },
    )
    const outcome = await r.execute({ sql: 'select id, s from t' })
    expect(await r.rows(outcome.statementId)).toEqual([
      { id: 9007199254740993n, s: 'x' },
      { id: -1n, s: '' },
    ])
    expect(sent.at(-1)?.command).toBe('GetStatementResultV2Command')
    // Without the V2 command class, CSV results cannot be read: said before any request.
    const { GetStatementResultV2Command: _, ...v1Only } = commands
    const old = new StatementRunner(
      resolveDialectConfig({
        client: { send: async () => ({}) },
        workgroupName: 'wg-unit',
        database: 'dev',
        resultFormat: 'CSV',
      }),
      v1Only,
    )
    const error = await old.rows('st-1').catch((e) => e)
    expect(error).toBeInstanceOf(DataApiInputError)
    expect(error).toMatchObject({ field: 'commands.GetStatementResultV2Command' })
  })
})
