import {
  ActiveStatementsExceededException,
  BatchExecuteStatementCommand,
  CancelStatementCommand,
  type ColumnMetadata,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  type Field,
  GetStatementResultCommand,
  InternalServerException,
  RedshiftDataClient,
  RedshiftDataServiceException,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-redshift-data'
import { PGlite } from '@electric-sql/pglite'
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock'
import { translateNamedParameters } from './named-parameters.js'

/** The Data API commands the fake serves. */
export type FakeCommandName =
  | 'ExecuteStatement'
  | 'BatchExecuteStatement'
  | 'DescribeStatement'
  | 'GetStatementResult'
  | 'CancelStatement'

/** Errors the fake can inject in front of a command. */
export type FakeFaultError =
  | 'ThrottlingException'
  | 'ActiveStatementsExceededException'
  | 'InternalServerException'
  | 'ValidationException'

export interface FakeFault {
  readonly command: FakeCommandName
  readonly error: FakeFaultError
  /** How many calls fail before the command works again. @default 1 */
  readonly times?: number
}

/** A column of an intercepted result. `typeName` as Redshift reports it (int4, varchar …). */
export interface FakeColumn {
  readonly name: string
  readonly typeName: string
}

/** What `intercept` returns to answer a statement itself (rows as objects or arrays). */
export interface FakeInterceptResult {
  readonly rows: readonly (Readonly<Record<string, unknown>> | readonly unknown[])[]
  readonly columns?: readonly FakeColumn[]
}

/** Who sent the statement: lets one fake stand in for several workgroups. */
export interface FakeInterceptContext {
  readonly statementId: string
  readonly sessionId: string | undefined
  readonly workgroupName: string | undefined
  readonly clusterIdentifier: string | undefined
  readonly database: string | undefined
  readonly dbUser: string | undefined
  readonly secretArn: string | undefined
  readonly pglite: PGlite
}

/**
 * Answers a statement before PGlite sees it (to emulate Redshift-only SQL such as
 * `CREATE DATASHARE` or `SVV_*` views). Return undefined to let PGlite run it; throw to make
 * the statement FAILED with the error's message.
 */
export type FakeIntercept = (
  sql: string,
  parameters: Readonly<Record<string, string>>,
  context: FakeInterceptContext,
) => FakeInterceptResult | undefined | Promise<FakeInterceptResult | undefined>

export interface FakeDataApiOptions {
  /** The database the SQL runs on. @default a new in-memory PGlite (closed by `close()`) */
  readonly pglite?: PGlite
  /** Rows per GetStatementResult page. @default 1000 */
  readonly pageSize?: number
  /** Simulated service time of each statement (ms): it stays STARTED that long. @default 0 */
  readonly latencyMs?: number | ((sql: string) => number)
  /** Delay of every API call (the HTTPS round trip), in ms. @default 0 */
  readonly requestLatencyMs?: number
  readonly intercept?: FakeIntercept
  /** ThrottlingException on the first n ExecuteStatement calls (or per command). */
  readonly throttle?: number | Partial<Record<FakeCommandName, number>>
  /** ActiveStatementsExceededException on the first n ExecuteStatement calls. */
  readonly activeStatementsExceeded?: number
  /** InternalServerException (HTTP 500) on the first n ExecuteStatement calls (or per command). */
  readonly serverErrors?: number | Partial<Record<FakeCommandName, number>>
  /** Statements that never finish (until CancelStatement aborts them). */
  readonly hang?: RegExp | ((sql: string) => boolean)
  /**
   * Emulate Redshift's string literals, where a backslash escapes (sets
   * `standard_conforming_strings = off` on the PGlite session). @default true
   */
  readonly redshiftStringLiterals?: boolean
}

/** One statement as the fake saw it. */
export interface FakeStatementRecord {
  readonly id: string
  readonly sql: string
  readonly parameters: Readonly<Record<string, string>>
  readonly sessionId: string | undefined
  readonly status: string
  readonly error: string | undefined
}

export interface FakeDataApi {
  /** A real `RedshiftDataClient` whose `send` is answered by the fake (aws-sdk-client-mock). */
  readonly client: RedshiftDataClient
  readonly mock: AwsClientStub<RedshiftDataClient>
  readonly pglite: PGlite
  /** Calls received per command. */
  readonly calls: Readonly<Record<FakeCommandName, number>>
  /** Every statement received, in order, with its current status. */
  readonly statements: readonly FakeStatementRecord[]
  /** Sessions that are open now. */
  readonly openSessions: readonly string[]
  /** Makes the next `times` calls of `command` fail with `error`. */
  inject(fault: FakeFault): void
  /** Changes the simulated service time. */
  setLatency(latencyMs: number | ((sql: string) => number)): void
  /** Restores the client, ends sessions and closes the PGlite it created. */
  close(): Promise<void>
}

interface StatementResult {
  readonly columns: ColumnMetadata[]
  readonly records: Field[][]
  readonly hasResultSet: boolean
  readonly resultRows: number
}

interface Statement {
  readonly id: string
  readonly sql: string
  readonly parameters: Record<string, string>
  readonly sessionId: string | undefined
  readonly target: Record<string, string | undefined>
  readonly createdAt: number
  readonly serviceMs: number
  readonly hung: boolean
  readonly subStatements: Statement[] | undefined
  done: boolean
  cancelled: boolean
  failed: string | undefined
  aborted: boolean
  completedAt: number | undefined
  result: StatementResult | undefined
}

interface Session {
  readonly id: string
  readonly keepAliveSeconds: number
  readonly target: Record<string, string | undefined>
  current: Statement | undefined
  timer: ReturnType<typeof setTimeout> | undefined
}

/** The request fields the fake reads to find a statement's target and session. */
interface RequestInput {
  readonly SessionId?: string | undefined
  readonly SessionKeepAliveSeconds?: number | undefined
  readonly WorkgroupName?: string | undefined
  readonly ClusterIdentifier?: string | undefined
  readonly Database?: string | undefined
  readonly DbUser?: string | undefined
  readonly SecretArn?: string | undefined
}

interface Job {
  readonly sessionId: string | undefined
  readonly run: () => Promise<void>
}

const RAW_TYPE_NAMES: Readonly<Record<string, string>> = { text: 'varchar' }
const LONG_TYPES = new Set(['int2', 'int4', 'int8', 'oid'])
const DOUBLE_TYPES = new Set(['float4', 'float8'])
const SIGNED_TYPES = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric'])
const TEXT_TYPES = new Set(['varchar', 'bpchar', 'text', 'char', 'name'])
const TERMINAL = new Set(['FINISHED', 'FAILED', 'ABORTED'])
const MAX_SQL_BYTES = 100 * 1024
const PARAMETER_NAME = /^[0-9a-zA-Z_]+$/

/**
 * A fake Amazon Redshift Data API for tests: a real `RedshiftDataClient` mocked with
 * aws-sdk-client-mock whose statements run for real on PGlite. It validates requests like the
 * service, binds `:name` parameters, reports SUBMITTED → STARTED → FINISHED/FAILED over the
 * simulated service time, pages results by `NextToken`, keeps sessions (one PGlite
 * transaction per session; other work waits while one is open, since PGlite has a single
 * connection), runs batches in one transaction with sub-statement ids `<id>:<n>`, and can
 * throttle, fail with 500s, hit the concurrency limit, or hang.
 *
 * @example
 * ```ts
 * const fake = await createFakeDataApi({ pageSize: 2, latencyMs: 20 })
 * const db = new Kysely<any>({
 *   dialect: new RedshiftDataDialect({ client: fake.client, workgroupName: 'wg', database: 'dev' }),
 * })
 * await sql`select 1 as one`.execute(db)
 * await fake.close()
 * ```
 */
export async function createFakeDataApi(options: FakeDataApiOptions = {}): Promise<FakeDataApi> {
  const ownsPglite = options.pglite === undefined
  const pglite = options.pglite ?? new PGlite()
  await pglite.waitReady
  if (options.redshiftStringLiterals !== false)
    await pglite.exec('set standard_conforming_strings = off; set escape_string_warning = off')
  const pageSize = options.pageSize ?? 1000
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new Error(`createFakeDataApi: pageSize must be a positive integer, got ${pageSize}`)
  let latency = options.latencyMs ?? 0
  const requestLatencyMs = options.requestLatencyMs ?? 0

  // Raw text for every type PGlite knows, so the fake builds Fields from the server's own text.
  const typeNames = new Map<number, string>()
  const rawParsers: Record<number, (value: string) => string> = {}
  // Parameters are already the service's strings: hand them to Postgres untouched.
  const rawSerializers: Record<number, (value: unknown) => string> = {}
  const loadTypes = async () => {
    const types = await pglite.query<{ oid: number; typname: string }>(
      'select oid::int4 as oid, typname::text as typname from pg_type',
    )
    for (const t of types.rows) {
      typeNames.set(t.oid, t.typname)
      rawParsers[t.oid] = (value: string) => value
      rawSerializers[t.oid] = (value: unknown) => String(value)
    }
  }
  await loadTypes()

  const calls: Record<FakeCommandName, number> = {
    ExecuteStatement: 0,
    BatchExecuteStatement: 0,
    DescribeStatement: 0,
    GetStatementResult: 0,
    CancelStatement: 0,
  }
  const faults: { command: FakeCommandName; error: FakeFaultError; left: number }[] = []
  const addFaults = (
    spec: number | Partial<Record<FakeCommandName, number>> | undefined,
    error: FakeFaultError,
  ) => {
    if (spec === undefined) return
    const entries = typeof spec === 'number' ? { ExecuteStatement: spec } : spec
    for (const [command, times] of Object.entries(entries))
      if (times && times > 0)
        faults.push({ command: command as FakeCommandName, error, left: times })
  }
  addFaults(options.throttle, 'ThrottlingException')
  addFaults(options.activeStatementsExceeded, 'ActiveStatementsExceededException')
  addFaults(options.serverErrors, 'InternalServerException')

  const statements = new Map<string, Statement>()
  const order: Statement[] = []
  const tokens = new Map<string, string>()
  const sessions = new Map<string, Session>()
  const queue: Job[] = []
  let running = false
  let txOwner: string | undefined
  let closed = false

  const pump = () => {
    if (running || closed) return
    const index = queue.findIndex((job) => txOwner === undefined || job.sessionId === txOwner)
    if (index === -1) return
    const [job] = queue.splice(index, 1)
    running = true
    job!
      .run()
      .catch(() => {
        // Jobs record their own failures on the statement.
      })
      .finally(async () => {
        try {
          if (pglite.isInTransaction()) {
            // A transaction stays open only inside a live session; a lone BEGIN outside one
            // ends with its implicit session, as on the service.
            if (job!.sessionId && sessions.has(job!.sessionId)) txOwner = job!.sessionId
            else {
              await pglite.exec('rollback')
              txOwner = undefined
            }
          } else if (txOwner === job!.sessionId) txOwner = undefined
        } finally {
          running = false
          pump()
        }
      })
  }
  const enqueue = (job: Job) => {
    queue.push(job)
    pump()
  }

  const fault = (command: FakeCommandName) => {
    const f = faults.find((x) => x.command === command && x.left > 0)
    if (!f) return
    f.left--
    throw makeError(f.error, `${f.error} injected by the fake for ${command}`)
  }

  const runSql = async (
    statement: Statement,
    sql: string,
    parameters: Record<string, string>,
  ): Promise<StatementResult> => {
    if (options.intercept) {
      const intercepted = await options.intercept(sql, parameters, {
        statementId: statement.id,
        sessionId: statement.sessionId,
        workgroupName: statement.target.WorkgroupName,
        clusterIdentifier: statement.target.ClusterIdentifier,
        database: statement.target.Database,
        dbUser: statement.target.DbUser,
        secretArn: statement.target.SecretArn,
        pglite,
      })
      if (intercepted) return interceptedResult(intercepted)
    }
    const translated = translateNamedParameters(sql, parameters)
    if (translated.missing.length > 0)
      throw new Error(`ERROR: parameter :${translated.missing[0]} is not defined in Parameters`)
    const result = await pglite.query<unknown[]>(translated.sql, translated.values, {
      rowMode: 'array',
      parsers: rawParsers,
      serializers: rawSerializers,
    })
    if (result.fields.some((f) => !typeNames.has(f.dataTypeID))) await loadTypes()
    const types = result.fields.map((f) => {
      const name = typeNames.get(f.dataTypeID) ?? 'varchar'
      return RAW_TYPE_NAMES[name] ?? name
    })
    const columns = result.fields.map((f, i) => columnMetadata(f.name, types[i]!))
    const records = result.rows.map((row) => row.map((value, i) => toField(value, types[i]!)))
    const hasResultSet = result.fields.length > 0
    return {
      columns,
      records,
      hasResultSet,
      resultRows: hasResultSet ? records.length : (result.affectedRows ?? 0),
    }
  }

  const execute = async (statement: Statement) => {
    if (statement.cancelled) return
    try {
      statement.result = await runSql(statement, statement.sql, statement.parameters)
    } catch (error) {
      statement.failed = serverMessage(error)
    } finally {
      statement.done = true
      statement.completedAt = Date.now()
    }
  }

  const executeBatch = async (statement: Statement) => {
    const subs = statement.subStatements!
    const ownTransaction = !pglite.isInTransaction()
    try {
      if (ownTransaction) await pglite.exec('begin')
      let failedAt = -1
      for (let i = 0; i < subs.length; i++) {
        const sub = subs[i]!
        if (failedAt >= 0 || statement.cancelled) {
          sub.aborted = true
        } else {
          try {
            sub.result = await runSql(sub, sub.sql, {})
          } catch (error) {
            sub.failed = serverMessage(error)
            failedAt = i
          }
        }
        sub.done = true
        sub.completedAt = Date.now()
      }
      if (failedAt >= 0) {
        statement.failed = subs[failedAt]!.failed
        await pglite.exec('rollback')
      } else if (ownTransaction) await pglite.exec('commit')
    } catch (error) {
      statement.failed ??= serverMessage(error)
      if (pglite.isInTransaction()) await pglite.exec('rollback')
    } finally {
      statement.done = true
      statement.completedAt = Date.now()
    }
  }

  const touchSession = (session: Session, extraMs = 0) => {
    if (session.timer) clearTimeout(session.timer)
    session.timer = setTimeout(
      () => {
        sessions.delete(session.id)
        // An expired session ends its transaction the way a dropped connection does.
        if (txOwner === session.id)
          enqueue({
            sessionId: session.id,
            run: async () => {
              if (pglite.isInTransaction()) await pglite.exec('rollback')
            },
          })
      },
      session.keepAliveSeconds * 1000 + extraMs,
    )
    session.timer.unref?.()
  }

  const resolveTarget = (input: RequestInput, session: Session | undefined) => {
    if (session) return session.target
    return {
      WorkgroupName: input.WorkgroupName,
      ClusterIdentifier: input.ClusterIdentifier,
      Database: input.Database,
      DbUser: input.DbUser,
      SecretArn: input.SecretArn,
    }
  }

  const validateTarget = (input: RequestInput): Session | undefined => {
    if (input.SessionId !== undefined) {
      if (
        input.WorkgroupName ||
        input.ClusterIdentifier ||
        input.Database ||
        input.SecretArn ||
        input.DbUser
      )
        throw makeError(
          'ValidationException',
          'SessionId cannot be specified together with WorkgroupName, ClusterIdentifier, Database, SecretArn or DbUser',
        )
      if (input.SessionKeepAliveSeconds !== undefined)
        throw makeError(
          'ValidationException',
          'SessionKeepAliveSeconds cannot be specified with SessionId',
        )
      const session = sessions.get(input.SessionId)
      if (!session)
        throw makeError(
          'ResourceNotFoundException',
          `Session ${input.SessionId} does not exist or has expired`,
        )
      if (session.current && !TERMINAL.has(status(session.current)))
        throw makeError(
          'ValidationException',
          `Session ${input.SessionId} is busy running another statement`,
        )
      return session
    }
    if (Boolean(input.WorkgroupName) === Boolean(input.ClusterIdentifier))
      throw makeError(
        'ValidationException',
        'Specify exactly one of WorkgroupName or ClusterIdentifier',
      )
    if (!input.Database) throw makeError('ValidationException', 'Database is required')
    if (input.WorkgroupName && input.DbUser)
      throw makeError('ValidationException', 'DbUser is not supported for serverless workgroups')
    if (input.SecretArn && input.DbUser)
      throw makeError('ValidationException', 'Specify either SecretArn or DbUser, not both')
    return undefined
  }

  const openSession = (
    input: RequestInput,
    target: Record<string, string | undefined>,
    existing: Session | undefined,
  ) => {
    if (existing) return existing
    if (input.SessionKeepAliveSeconds === undefined) return undefined
    const keepAliveSeconds = Number(input.SessionKeepAliveSeconds)
    if (!Number.isInteger(keepAliveSeconds) || keepAliveSeconds < 0 || keepAliveSeconds > 86_400)
      throw makeError('ValidationException', 'SessionKeepAliveSeconds must be between 0 and 86400')
    const session: Session = {
      id: globalThis.crypto.randomUUID(),
      keepAliveSeconds,
      target,
      current: undefined,
      timer: undefined,
    }
    sessions.set(session.id, session)
    return session
  }

  const serviceTime = (sql: string) => (typeof latency === 'function' ? latency(sql) : latency)
  const isHung = (sql: string) =>
    options.hang === undefined
      ? false
      : options.hang instanceof RegExp
        ? options.hang.test(sql)
        : options.hang(sql)

  const newStatement = (
    sql: string,
    parameters: Record<string, string>,
    session: Session | undefined,
    target: Record<string, string | undefined>,
    id: string,
  ): Statement => ({
    id,
    sql,
    parameters,
    sessionId: session?.id,
    target,
    createdAt: Date.now(),
    serviceMs: serviceTime(sql),
    hung: isHung(sql),
    subStatements: undefined,
    done: false,
    cancelled: false,
    failed: undefined,
    aborted: false,
    completedAt: undefined,
    result: undefined,
  })

  const submit = (
    statement: Statement,
    session: Session | undefined,
    run: (s: Statement) => Promise<void>,
  ) => {
    statements.set(statement.id, statement)
    order.push(statement)
    if (session) {
      session.current = statement
      touchSession(session, statement.serviceMs)
    }
    if (statement.hung) return
    enqueue({
      sessionId: session?.id,
      run: () => run(statement),
    })
  }

  const status = (s: Statement): string => {
    if (s.cancelled) return 'ABORTED'
    if (s.aborted) return 'ABORTED'
    const elapsed = Date.now() - s.createdAt
    if (!s.done || elapsed < s.serviceMs)
      return elapsed < 2 ? 'SUBMITTED' : elapsed < 5 ? 'PICKED' : 'STARTED'
    return s.failed ? 'FAILED' : 'FINISHED'
  }

  const client = new RedshiftDataClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'FAKE', secretAccessKey: 'FAKE' },
  })
  const mock = mockClient(client)
  const delay = async () => {
    if (requestLatencyMs > 0) await new Promise((r) => setTimeout(r, requestLatencyMs))
  }

  mock.on(ExecuteStatementCommand).callsFake(async (input) => {
    calls.ExecuteStatement++
    await delay()
    fault('ExecuteStatement')
    if (typeof input.Sql !== 'string' || input.Sql.length === 0)
      throw makeError('ValidationException', 'Sql must be a non-empty string')
    if (Buffer.byteLength(input.Sql, 'utf8') > MAX_SQL_BYTES)
      throw makeError(
        'ValidationException',
        `Sql exceeds the maximum length of ${MAX_SQL_BYTES} bytes`,
      )
    const session = validateTarget(input)
    const parameters: Record<string, string> = {}
    for (const p of input.Parameters ?? []) {
      if (typeof p.name !== 'string' || !PARAMETER_NAME.test(p.name))
        throw makeError(
          'ValidationException',
          `Parameter name ${String(p.name)} must match [0-9a-zA-Z_]+`,
        )
      if (typeof p.value !== 'string' || p.value.length < 1)
        throw makeError(
          'ValidationException',
          `Parameter ${p.name} value must be a string of at least 1 character`,
        )
      parameters[p.name] = p.value
    }
    if (input.ClientToken && tokens.has(input.ClientToken)) {
      const previous = statements.get(tokens.get(input.ClientToken)!)!
      return executeResponse(previous)
    }
    const target = resolveTarget(input, session)
    const opened = openSession(input, target, session)
    const statement = newStatement(
      input.Sql,
      parameters,
      opened,
      target,
      globalThis.crypto.randomUUID(),
    )
    if (input.ClientToken) tokens.set(input.ClientToken, statement.id)
    submit(statement, opened, execute)
    return executeResponse(statement)
  })

  mock.on(BatchExecuteStatementCommand).callsFake(async (input) => {
    calls.BatchExecuteStatement++
    await delay()
    fault('BatchExecuteStatement')
    const sqls: unknown = input.Sqls
    if (!Array.isArray(sqls) || sqls.length < 1 || sqls.length > 40)
      throw makeError('ValidationException', 'Sqls must hold 1 to 40 statements')
    for (const s of sqls)
      if (typeof s !== 'string' || s.length === 0 || Buffer.byteLength(s, 'utf8') > MAX_SQL_BYTES)
        throw makeError('ValidationException', 'Each SQL of Sqls must be 1 to 102400 bytes')
    const session = validateTarget(input)
    if (input.ClientToken && tokens.has(input.ClientToken))
      return executeResponse(statements.get(tokens.get(input.ClientToken)!)!)
    const target = resolveTarget(input, session)
    const opened = openSession(input, target, session)
    const id = globalThis.crypto.randomUUID()
    const parent = newStatement(sqls.join(';\n'), {}, opened, target, id)
    const subs = (sqls as string[]).map((sql, i) => ({
      ...newStatement(sql, {}, opened, target, `${id}:${i + 1}`),
      createdAt: parent.createdAt,
      serviceMs: parent.serviceMs,
      hung: parent.hung,
    }))
    const batchStatement: Statement = { ...parent, subStatements: subs }
    for (const sub of subs) statements.set(sub.id, sub)
    if (input.ClientToken) tokens.set(input.ClientToken, id)
    submit(batchStatement, opened, executeBatch)
    return executeResponse(batchStatement)
  })

  mock.on(DescribeStatementCommand).callsFake(async (input) => {
    calls.DescribeStatement++
    await delay()
    fault('DescribeStatement')
    const s = statements.get(String(input.Id))
    if (!s) throw makeError('ResourceNotFoundException', `Query ${String(input.Id)} does not exist`)
    return describe(s, status(s))
  })

  mock.on(GetStatementResultCommand).callsFake(async (input) => {
    calls.GetStatementResult++
    await delay()
    fault('GetStatementResult')
    const s = statements.get(String(input.Id))
    if (!s) throw makeError('ResourceNotFoundException', `Query ${String(input.Id)} does not exist`)
    const st = s.subStatements ? status(s) : statusOf(s)
    if (st !== 'FINISHED')
      throw makeError(
        'ValidationException',
        `Query ${s.id} is in ${st} state; results are available only for FINISHED queries`,
      )
    if (!s.result?.hasResultSet)
      throw makeError(
        'ValidationException',
        'Query does not have result. Please check query status with DescribeStatement.',
      )
    let offset = 0
    if (input.NextToken) {
      const parsed = decodeToken(String(input.NextToken))
      if (!parsed || parsed.id !== s.id) throw makeError('ValidationException', 'Invalid NextToken')
      offset = parsed.offset
    }
    const records = s.result.records.slice(offset, offset + pageSize)
    const next = offset + pageSize
    return {
      Records: records,
      ColumnMetadata: s.result.columns,
      TotalNumRows: s.result.records.length,
      ...(next < s.result.records.length ? { NextToken: encodeToken(s.id, next) } : {}),
    }
  })

  mock.on(CancelStatementCommand).callsFake(async (input) => {
    calls.CancelStatement++
    await delay()
    fault('CancelStatement')
    const s = statements.get(String(input.Id))
    if (!s) throw makeError('ResourceNotFoundException', `Query ${String(input.Id)} does not exist`)
    const st = status(s)
    if (st === 'FINISHED' || st === 'FAILED' || st === 'ABORTED')
      throw makeError(
        'ValidationException',
        `Could not cancel a query that is already in ${st} state`,
      )
    s.cancelled = true
    s.completedAt = Date.now()
    return { Status: true }
  })

  // Sub-statements report their own status once the batch is over.
  const statusOf = (s: Statement): string => {
    const parentId = s.id.includes(':') ? s.id.slice(0, s.id.lastIndexOf(':')) : undefined
    const parent = parentId ? statements.get(parentId) : undefined
    if (!parent) return status(s)
    const parentStatus = status(parent)
    if (!['FINISHED', 'FAILED', 'ABORTED'].includes(parentStatus)) return parentStatus
    if (s.aborted || parent.cancelled) return 'ABORTED'
    return s.failed ? 'FAILED' : 'FINISHED'
  }

  const describe = (s: Statement, st: string) => {
    const terminal = st === 'FINISHED' || st === 'FAILED' || st === 'ABORTED'
    const error =
      st === 'ABORTED' && s.cancelled ? "ERROR: Query cancelled on user's request" : s.failed
    return {
      Id: s.id,
      Status: st,
      QueryString: s.sql,
      CreatedAt: new Date(s.createdAt),
      UpdatedAt: new Date(),
      Duration: terminal
        ? Math.max(s.serviceMs, (s.completedAt ?? Date.now()) - s.createdAt) * 1_000_000
        : -1,
      HasResultSet: terminal && st === 'FINISHED' ? Boolean(s.result?.hasResultSet) : false,
      ResultRows: terminal && s.result ? s.result.resultRows : -1,
      ResultSize: terminal && s.result ? s.result.records.length * 16 : -1,
      RedshiftPid: 1073741824,
      RedshiftQueryId: 0,
      ...(s.sessionId ? { SessionId: s.sessionId } : {}),
      ...(s.target.WorkgroupName ? { WorkgroupName: s.target.WorkgroupName } : {}),
      ...(s.target.ClusterIdentifier ? { ClusterIdentifier: s.target.ClusterIdentifier } : {}),
      ...(s.target.Database ? { Database: s.target.Database } : {}),
      ...(s.target.DbUser ? { DbUser: s.target.DbUser } : {}),
      ...(s.target.SecretArn ? { SecretArn: s.target.SecretArn } : {}),
      ...(terminal && error ? { Error: error } : {}),
      ...(Object.keys(s.parameters).length > 0
        ? {
            QueryParameters: Object.entries(s.parameters).map(([name, value]) => ({ name, value })),
          }
        : {}),
      ...(s.subStatements
        ? {
            SubStatements: s.subStatements.map((sub) => {
              const subStatus = statusOf(sub)
              const subTerminal = ['FINISHED', 'FAILED', 'ABORTED'].includes(subStatus)
              return {
                Id: sub.id,
                Status: subStatus,
                QueryString: sub.sql,
                CreatedAt: new Date(sub.createdAt),
                UpdatedAt: new Date(),
                Duration: subTerminal ? 1_000_000 : -1,
                HasResultSet: subStatus === 'FINISHED' && Boolean(sub.result?.hasResultSet),
                ResultRows: subTerminal && sub.result ? sub.result.resultRows : -1,
                ...(sub.failed ? { Error: sub.failed } : {}),
              }
            }),
          }
        : {}),
    }
  }

  const executeResponse = (s: Statement) => ({
    Id: s.id,
    CreatedAt: new Date(s.createdAt),
    ...(s.sessionId ? { SessionId: s.sessionId } : {}),
    ...(s.target.WorkgroupName ? { WorkgroupName: s.target.WorkgroupName } : {}),
    ...(s.target.ClusterIdentifier ? { ClusterIdentifier: s.target.ClusterIdentifier } : {}),
    ...(s.target.Database ? { Database: s.target.Database } : {}),
    ...(s.target.DbUser ? { DbUser: s.target.DbUser } : {}),
    ...(s.target.SecretArn ? { SecretArn: s.target.SecretArn } : {}),
  })

  return {
    client,
    mock,
    pglite,
    get calls() {
      return { ...calls }
    },
    get statements() {
      return order.map((s) => ({
        id: s.id,
        sql: s.sql,
        parameters: s.parameters,
        sessionId: s.sessionId,
        status: status(s),
        error: s.failed,
      }))
    },
    get openSessions() {
      return [...sessions.keys()]
    },
    inject(f: FakeFault) {
      faults.push({ command: f.command, error: f.error, left: f.times ?? 1 })
    },
    setLatency(value) {
      latency = value
    },
    async close() {
      for (const session of sessions.values()) if (session.timer) clearTimeout(session.timer)
      sessions.clear()
      // Let the statement in progress finish before the database goes away.
      while (running) await new Promise((r) => setTimeout(r, 5))
      closed = true
      queue.length = 0
      if (pglite.isInTransaction()) await pglite.exec('rollback')
      mock.restore()
      if (ownsPglite) await pglite.close()
      else if (options.redshiftStringLiterals !== false)
        await pglite.exec('reset standard_conforming_strings; reset escape_string_warning')
    },
  }
}

function makeError(name: FakeFaultError | 'ResourceNotFoundException', message: string): Error {
  const metadata = { httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 }
  switch (name) {
    case 'ValidationException':
      return new ValidationException({ message, Message: message, $metadata: metadata })
    case 'ResourceNotFoundException':
      return new ResourceNotFoundException({
        message,
        Message: message,
        ResourceId: 'unknown',
        $metadata: metadata,
      })
    case 'ActiveStatementsExceededException':
      return new ActiveStatementsExceededException({
        message,
        Message: message,
        $metadata: metadata,
      })
    case 'InternalServerException':
      return new InternalServerException({
        message,
        Message: message,
        $metadata: { ...metadata, httpStatusCode: 500 },
      })
    case 'ThrottlingException':
      return new RedshiftDataServiceException({
        name: 'ThrottlingException',
        $fault: 'client',
        message,
        $metadata: metadata,
      })
  }
}

function serverMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.startsWith('ERROR:') ? message : `ERROR: ${message}`
}

function columnMetadata(name: string, typeName: string): ColumnMetadata {
  return {
    name,
    label: name,
    typeName,
    isCaseSensitive: TEXT_TYPES.has(typeName),
    isCurrency: false,
    isSigned: SIGNED_TYPES.has(typeName),
    nullable: 1,
    precision: 0,
    scale: 0,
    length: 0,
    schemaName: '',
    tableName: '',
  }
}

function toField(value: unknown, typeName: string): Field {
  if (value === null || value === undefined) return { isNull: true }
  const text = String(value)
  if (LONG_TYPES.has(typeName)) return { longValue: Number(text) }
  if (DOUBLE_TYPES.has(typeName)) {
    const n = Number(text)
    return Number.isFinite(n) ? { doubleValue: n } : { stringValue: text }
  }
  if (typeName === 'bool') return { booleanValue: text === 't' || text === 'true' }
  if (typeName === 'bytea') return { blobValue: Uint8Array.from(Buffer.from(text.slice(2), 'hex')) }
  return { stringValue: text }
}

/** Types an intercepted value the way Redshift would report it. */
function inferTypeName(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'int4' : 'float8'
  if (typeof value === 'bigint') return 'int8'
  if (typeof value === 'boolean') return 'bool'
  if (value instanceof Date) return 'timestamp'
  return 'varchar'
}

function interceptedResult(result: FakeInterceptResult): StatementResult {
  const first = result.rows[0]
  const columns: FakeColumn[] = result.columns
    ? [...result.columns]
    : first && !Array.isArray(first)
      ? Object.entries(first).map(([name, value]) => ({ name, typeName: inferTypeName(value) }))
      : []
  if (columns.length === 0 && first !== undefined)
    throw new Error('createFakeDataApi intercept: rows given as arrays need `columns`')
  const records = result.rows.map((row) => {
    const values = Array.isArray(row)
      ? row
      : columns.map((c) => (row as Record<string, unknown>)[c.name])
    return columns.map((c, i) => toInterceptField(values[i], c.typeName))
  })
  return {
    columns: columns.map((c) => columnMetadata(c.name, c.typeName)),
    records,
    hasResultSet: columns.length > 0,
    resultRows: records.length,
  }
}

function toInterceptField(value: unknown, typeName: string): Field {
  if (value === null || value === undefined) return { isNull: true }
  if (value instanceof Date) {
    const iso = value.toISOString().replace('T', ' ').replace('Z', '')
    return { stringValue: typeName === 'date' ? iso.slice(0, 10) : iso }
  }
  if (typeof value === 'object') return { stringValue: JSON.stringify(value) }
  return toField(String(value), typeName)
}

function encodeToken(id: string, offset: number): string {
  return Buffer.from(JSON.stringify({ id, offset })).toString('base64url')
}

function decodeToken(token: string): { id: string; offset: number } | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
    return typeof parsed.id === 'string' && Number.isInteger(parsed.offset) ? parsed : undefined
  } catch {
    return undefined
  }
}
