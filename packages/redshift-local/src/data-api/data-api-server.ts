/**
 * The Redshift Data API served over HTTP to the real AWS SDK (R-API-1): AWS JSON 1.1,
 * `POST /` with `X-Amz-Target: RedshiftData.<Operation>`, SigV4-signed requests whose access
 * key names the IAM caller, and the emulated account behind it.
 */
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { LocalRedshift } from '../account/local-redshift.js'
import type { Session } from '../account/session.js'
import type { Identity, NamespaceInfo } from '../account/types.js'
import { RedshiftLocalError } from '../errors.js'
import { ServerlessError, serverlessOperation } from '../serverless/serverless-control-plane.js'
import { tokenize } from '../sql/lexer.js'
import { type Caller, type DataApiPrincipal, SigV4Authenticator } from './data-api-auth.js'
import {
  DataApiError,
  notFoundError,
  serializationError,
  validationError,
} from './data-api-errors.js'
import {
  columnMetadata,
  csvPage,
  decodeToken,
  encodeToken,
  jsonPage,
  serializeJson,
} from './data-api-results.js'
import { type DataApiSession, DataApiSessions } from './data-api-sessions.js'
import {
  DataApiStatements,
  durationNs,
  hasResultSet,
  resultBytes,
  resultRows,
  type StatementRecord,
  type StatementRun,
  type StatementTarget,
} from './data-api-statements.js'
import {
  type BatchExecuteStatementInput,
  checkSqlSize,
  type ExecuteStatementInput,
  isOperation,
  type MetadataInput,
  type Operation,
  type OperationInputs,
  parameterMap,
  type TargetInput,
  validateInput,
} from './data-api-validation.js'

/** A canned failure: the next `times` calls of `operation` answer with the error `error`. */
export interface DataApiFault {
  /** An operation name, or `'*'` for any. */
  readonly operation: Operation | '*'
  /** The error name (`ThrottlingException`, `InternalServerException`, `ActiveStatementsExceededException`, …). */
  readonly error: string
  /** @default 1 */
  readonly times?: number
  readonly message?: string
  /** Extra members of the error (`ResourceId`, `StatementId`). */
  readonly fields?: Readonly<Record<string, string>>
}

/** Test hooks of the server. */
export interface DataApiFaults {
  /** Canned failures, consumed in order. More can be added with `DataApiServer.injectFault`. */
  readonly fail?: readonly DataApiFault[]
  /**
   * Milliseconds a request waits before it is handled: a number for every request, or per
   * operation (`{ DescribeStatement: 5000 }`; `'*'` for the others), e.g. to hold one kind of
   * request past a client's deadline.
   */
  readonly delayMs?: number | Readonly<Partial<Record<Operation | '*', number>>>
  /**
   * GetStatementResult(V2) answers every request that carries a NextToken with that same
   * NextToken again (the page repeats forever): a service fault a client must detect instead
   * of looping on it.
   */
  readonly repeatNextToken?: boolean
  /** Statements (or batches with a statement) whose SQL matches stay STARTED until cancelled. */
  readonly hang?: RegExp
  /**
   * Service time: milliseconds a statement stays STARTED before its SQL runs, as a number or
   * per SQL text (a batch waits for its slowest statement). The wait is a timer, so the event
   * loop stays free — unlike `pg_sleep`, which blocks PGlite and with it every session. A
   * CancelStatement meanwhile ends the statement ABORTED without running it; Duration counts
   * the wait.
   */
  readonly serviceTimeMs?: number | ((sql: string) => number)
}

export interface DataApiServerOptions {
  readonly redshift: LocalRedshift
  /** @default '127.0.0.1' */
  readonly host?: string
  /** @default 0 (any free port) */
  readonly port?: number
  /** IAM callers by access key id; the SigV4 Authorization header's access key picks the caller. */
  readonly principals?: readonly DataApiPrincipal[]
  /**
   * Caller for an access key not listed (its signature is not checked). Set to null to refuse
   * unknown keys with UnrecognizedClientException (403).
   * @default `arn:aws:sts::<account>:assumed-role/rsp-local/local` (database user `IAMR:rsp-local`)
   */
  readonly defaultPrincipal?: string | null
  /** Rows per GetStatementResult(V2) page (the service pages by size; tests need small pages). @default 1000 */
  readonly pageSize?: number
  readonly faults?: DataApiFaults
}

/** A running Data API server. */
export interface DataApiServer {
  /** `http://host:port`: the SDK client's `endpoint`. */
  readonly url: string
  readonly port: number
  /** Requests received per operation (a snapshot). */
  readonly calls: Readonly<Record<string, number>>
  /** Adds a canned failure (see `DataApiFaults.fail`). */
  injectFault(fault: DataApiFault): void
  /** Stops the server: aborts running statements, closes Data API sessions (the account stays open). */
  close(): Promise<void>
}

/** Largest request body read (a Sql is at most 100 KB, R-API-13; a batch up to 40 of them). */
const MAX_BODY_BYTES = 8 * 1024 * 1024
const CONTENT_TYPE = 'application/x-amz-json-1.1'
const TARGET_PREFIX = 'RedshiftData.'
const SERVERLESS_PREFIX = 'RedshiftServerless.'
const LIST_DEFAULT = 100

/**
 * Starts the Data API of an emulated account on a local port.
 *
 * @example
 * const rs = await LocalRedshift.create()
 * const ns = await rs.createNamespace({ name: 'producer' })
 * const server = await startDataApiServer({ redshift: rs })
 * const client = new RedshiftDataClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'x' } })
 * const { Id } = await client.send(new ExecuteStatementCommand({ WorkgroupName: 'producer', Database: 'dev', Sql: 'SELECT 1' }))
 * await server.close()
 */
export async function startDataApiServer(options: DataApiServerOptions): Promise<DataApiServer> {
  const pageSize = options.pageSize ?? 1000
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new RedshiftLocalError('CONFIG', `pageSize must be a positive integer, got ${pageSize}`, {
      field: 'pageSize',
    })
  const serviceTimeMs = options.faults?.serviceTimeMs
  if (typeof serviceTimeMs === 'number' && (!Number.isFinite(serviceTimeMs) || serviceTimeMs < 0))
    throw new RedshiftLocalError(
      'CONFIG',
      `faults.serviceTimeMs must be a non-negative number, got ${serviceTimeMs}`,
      { field: 'faults.serviceTimeMs' },
    )
  const rs = options.redshift
  const auth = new SigV4Authenticator(
    options.principals ?? [],
    options.defaultPrincipal === undefined
      ? `arn:aws:sts::${rs.account}:assumed-role/rsp-local/local`
      : options.defaultPrincipal,
  )
  const api = new DataApi(rs, auth, pageSize, options.faults ?? {})
  const server = createServer((req, res) => void api.serve(req, res))
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const shown =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${shown}:${port}`,
    port,
    get calls() {
      return api.callCounts()
    },
    injectFault: (fault) => api.injectFault(fault),
    close: () => api.close(server),
  }
}

type Handler<O extends Operation> = (input: OperationInputs[O], caller: Caller) => Promise<unknown>

/** The operations and the HTTP plumbing. */
class DataApi {
  readonly #rs: LocalRedshift
  readonly #auth: SigV4Authenticator
  readonly #pageSize: number
  readonly #delayMs: (operation: Operation) => number
  readonly #repeatNextToken: boolean
  readonly #faults: { fault: DataApiFault; left: number }[]
  readonly #calls: Record<string, number> = {}
  readonly #sessions: DataApiSessions
  readonly #statements: DataApiStatements
  #closing = false
  #closed: Promise<void> | undefined
  readonly #handlers: { readonly [O in Operation]: Handler<O> }

  constructor(
    rs: LocalRedshift,
    auth: SigV4Authenticator,
    pageSize: number,
    faults: DataApiFaults,
  ) {
    this.#rs = rs
    this.#auth = auth
    this.#pageSize = pageSize
    this.#delayMs = delayFor(faults.delayMs)
    this.#repeatNextToken = faults.repeatNextToken === true
    this.#faults = (faults.fail ?? []).map((fault) => ({ fault, left: fault.times ?? 1 }))
    this.#sessions = new DataApiSessions(rs)
    this.#statements = new DataApiStatements({
      redshift: rs,
      sessions: this.#sessions,
      ...(faults.hang ? { hang: faults.hang } : {}),
      ...(faults.serviceTimeMs !== undefined ? { serviceTimeMs: faults.serviceTimeMs } : {}),
    })
    this.#handlers = {
      ExecuteStatement: (i, c) => this.#execute(i, c),
      BatchExecuteStatement: (i, c) => this.#batchExecute(i, c),
      DescribeStatement: (i, c) => this.#describe(i.Id, i.WaitTimeSeconds, c),
      GetStatementResult: (i, c) => this.#result(i.Id, i.NextToken, i.WaitTimeSeconds, 'JSON', c),
      GetStatementResultV2: (i, c) => this.#result(i.Id, i.NextToken, i.WaitTimeSeconds, 'CSV', c),
      CancelStatement: async (i, c) => {
        this.#statements.cancel(i.Id, c)
        return { Status: true }
      },
      ListStatements: async (i, c) => this.#listStatements(i, c),
      ListSessions: async (i, c) => this.#listSessions(i, c),
      ListDatabases: (i, c) => this.#listDatabases(i, c),
      ListSchemas: (i, c) => this.#listSchemas(i, c),
      ListTables: (i, c) => this.#listTables(i, c),
      DescribeTable: (i, c) => this.#describeTable(i, c),
    }
  }

  callCounts(): Readonly<Record<string, number>> {
    return { ...this.#calls }
  }

  injectFault(fault: DataApiFault): void {
    this.#faults.push({ fault, left: fault.times ?? 1 })
  }

  close(server: Server): Promise<void> {
    this.#closed ??= this.#close(server)
    return this.#closed
  }

  async #close(server: Server): Promise<void> {
    this.#closing = true
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    server.closeIdleConnections()
    // Abort what runs, then close the sessions (rolling back their open transactions, which
    // statements of other sessions may be waiting for on PGlite), then wait for the runs.
    const stopping = this.#statements.close()
    await this.#sessions.closeAll()
    await stopping
    server.closeAllConnections()
    await closed
  }

  /** One request: never throws, always answers. */
  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID()
    try {
      const body = await readBody(req)
      const out = await this.#dispatch(req, body)
      send(res, 200, requestId, serializeJson(out))
    } catch (error) {
      const e =
        error instanceof DataApiError
          ? error
          : new DataApiError(
              'InternalServerException',
              `redshift-local: internal error: ${error instanceof Error ? error.message : String(error)}`,
            )
      send(res, e.status, requestId, JSON.stringify(e.toBody()), e.errorName)
    }
  }

  async #dispatch(req: IncomingMessage, body: Buffer): Promise<unknown> {
    if (this.#closing)
      throw new DataApiError('ServiceUnavailableException', 'The Data API server is shutting down.')
    if (req.method !== 'POST')
      throw new DataApiError(
        'UnknownOperationException',
        `The Data API takes POST requests, not ${req.method} [R-API-1]`,
      )
    const caller = this.#auth.authenticate({
      method: req.method,
      url: req.url ?? '/',
      headers: req.headers,
      body,
    })
    const target = header(req, 'x-amz-target')
    if (target?.startsWith(SERVERLESS_PREFIX)) return this.#serverless(target, req, body)
    const operation = target?.startsWith(TARGET_PREFIX)
      ? target.slice(TARGET_PREFIX.length)
      : undefined
    if (!operation || !isOperation(operation))
      throw new DataApiError(
        'UnknownOperationException',
        `Unknown operation ${target ?? '(no X-Amz-Target header)'} [R-API-1]`,
      )
    this.#calls[operation] = (this.#calls[operation] ?? 0) + 1
    const type = (header(req, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (type !== CONTENT_TYPE)
      throw serializationError(
        `Content-Type must be ${CONTENT_TYPE} for the Data API, got ${type || '(none)'} [R-API-1]`,
      )
    let parsed: unknown
    try {
      parsed = body.length === 0 ? {} : JSON.parse(body.toString('utf8'))
    } catch (error) {
      throw serializationError(`The request body is not valid JSON: ${(error as Error).message}`)
    }
    const delayMs = this.#delayMs(operation)
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs))
    this.#injected(operation)
    const input = validateInput(operation, parsed)
    return (this.#handlers[operation] as Handler<Operation>)(input, caller)
  }

  /** The read-only Redshift Serverless control plane on the same endpoint (GetNamespace, …). */
  #serverless(target: string, req: IncomingMessage, body: Buffer): unknown {
    const type = (header(req, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (type !== CONTENT_TYPE)
      throw serializationError(`Content-Type must be ${CONTENT_TYPE}, got ${type || '(none)'}`)
    let parsed: unknown
    try {
      parsed = body.length === 0 ? {} : JSON.parse(body.toString('utf8'))
    } catch (error) {
      throw serializationError(`The request body is not valid JSON: ${(error as Error).message}`)
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw serializationError('The request body must be a JSON object')
    const operation = target.slice(SERVERLESS_PREFIX.length)
    this.#calls[`RedshiftServerless.${operation}`] =
      (this.#calls[`RedshiftServerless.${operation}`] ?? 0) + 1
    try {
      return serverlessOperation(this.#rs, operation, parsed as Record<string, unknown>)
    } catch (error) {
      if (error instanceof ServerlessError) throw new DataApiError(error.errorName, error.message)
      throw error
    }
  }

  #injected(operation: Operation): void {
    const hit = this.#faults.find(
      (f) => f.left > 0 && (f.fault.operation === '*' || f.fault.operation === operation),
    )
    if (!hit) return
    hit.left--
    throw new DataApiError(
      hit.fault.error,
      hit.fault.message ?? `Injected ${hit.fault.error} (redshift-local faults)`,
      {
        ...(hit.fault.error === 'ResourceNotFoundException' ? { ResourceId: '' } : {}),
        ...(/^(Batch)?ExecuteStatementException$/.test(hit.fault.error) ? { StatementId: '' } : {}),
        ...hit.fault.fields,
      },
    )
  }

  // ExecuteStatement / BatchExecuteStatement -------------------------------------------------

  async #execute(input: ExecuteStatementInput, caller: Caller): Promise<unknown> {
    checkSqlSize(input.Sql, 'Sql')
    parameterMap(input.Parameters)
    const prior = this.#statements.byClientToken(caller, input.ClientToken)
    if (prior) return this.#submitted(prior, input.WaitTimeSeconds)
    const record = this.#submit(input, caller, [input.Sql], false)
    return this.#submitted(record, input.WaitTimeSeconds)
  }

  async #batchExecute(input: BatchExecuteStatementInput, caller: Caller): Promise<unknown> {
    for (const [i, sql] of input.Sqls.entries()) checkSqlSize(sql, `Sqls[${i}]`)
    parameterMap(input.Parameters)
    // R-API-5 (current): every parameter of a batch is used by at least one statement.
    if (input.Parameters) {
      const used = new Set(input.Sqls.flatMap(namedParameters))
      const unused = input.Parameters.find((p) => !used.has(p.name))
      if (unused)
        throw validationError(
          `Parameter ${unused.name} is not used by any SQL statement of the batch: each parameter must be referenced by at least one statement [R-API-5]`,
        )
    }
    const prior = this.#statements.byClientToken(caller, input.ClientToken)
    if (prior) return this.#submitted(prior, input.WaitTimeSeconds)
    const record = this.#submit(input, caller, input.Sqls, true)
    return this.#submitted(record, input.WaitTimeSeconds)
  }

  #submit(
    input: Omit<ExecuteStatementInput, 'Sql'> & {
      readonly ExecutionMode?: 'TRANSACTION' | 'AUTO_COMMIT'
    },
    caller: Caller,
    sqls: readonly string[],
    batch: boolean,
  ): StatementRecord {
    const target = this.#target(input, caller)
    try {
      const record = this.#statements.submit({
        caller,
        sqls,
        batch,
        target,
        ...(input.Parameters ? { parameters: input.Parameters } : {}),
        ...(input.StatementName !== undefined ? { statementName: input.StatementName } : {}),
        ...(input.ResultFormat ? { resultFormat: input.ResultFormat } : {}),
        ...(input.ExecutionMode ? { executionMode: input.ExecutionMode } : {}),
        ...(input.ClientToken !== undefined ? { clientToken: input.ClientToken } : {}),
      })
      // A reused session takes a new keep-alive from the call that runs on it.
      if (
        target.kind === 'session' &&
        input.SessionId !== undefined &&
        input.SessionKeepAliveSeconds !== undefined
      )
        target.session.keepAliveSeconds = input.SessionKeepAliveSeconds
      return record
    } catch (error) {
      // A session made for this request and refused at submit never runs anything.
      if (target.kind === 'session' && input.SessionId === undefined)
        void this.#sessions.close(target.session)
      throw error
    }
  }

  /**
   * Where a statement runs and as whom (R-IAM-1, R-IAM-5, R-API-4, R-API-14). Decisions where
   * the docs are silent (UNCONFIRMED): with SessionId the session fixes workgroup,
   * database and identity, so giving them too is a ValidationException; an unknown workgroup
   * or any ClusterIdentifier (the emulator has no provisioned clusters) is a
   * ResourceNotFoundException at submit (the model lists it for ExecuteStatement, R-API-3);
   * connection failures (secret, password, database) end the statement FAILED instead.
   */
  #target(
    input: TargetInput & { readonly SessionId?: string; readonly SessionKeepAliveSeconds?: number },
    caller: Caller,
  ): StatementTarget {
    if (input.SessionId !== undefined) {
      const extra = (
        ['WorkgroupName', 'ClusterIdentifier', 'Database', 'SecretArn', 'DbUser'] as const
      ).filter((k) => input[k] !== undefined)
      if (extra.length > 0)
        throw validationError(
          `${extra.join(', ')} cannot be given with SessionId: the session already fixes the workgroup, database and identity [R-API-14]`,
        )
      return { kind: 'session', session: this.#sessions.get(input.SessionId, caller) }
    }
    const { ns, database, identity, dbUser } = this.#connectTarget(input, caller)
    const secretArn = input.SecretArn
    if (input.SessionKeepAliveSeconds !== undefined) {
      const session = this.#sessions.create({
        workgroupName: ns.workgroup,
        database,
        identity,
        ...(secretArn !== undefined ? { secretArn } : {}),
        ...(dbUser !== undefined ? { dbUser } : {}),
        owner: caller,
        keepAliveSeconds: input.SessionKeepAliveSeconds,
      })
      return { kind: 'session', session }
    }
    return {
      kind: 'connect',
      workgroupName: ns.workgroup,
      database,
      identity,
      ...(secretArn !== undefined ? { secretArn } : {}),
      ...(dbUser !== undefined ? { dbUser } : {}),
    }
  }

  #connectTarget(
    input: TargetInput,
    caller: Caller,
  ): { ns: NamespaceInfo; database: string; identity: Identity; dbUser: string | undefined } {
    if (input.WorkgroupName !== undefined && input.ClusterIdentifier !== undefined)
      throw validationError('Specify either WorkgroupName or ClusterIdentifier, not both [R-API-4]')
    if (input.WorkgroupName === undefined && input.ClusterIdentifier === undefined)
      throw validationError(
        'Either WorkgroupName (Serverless) or ClusterIdentifier must be given, or a SessionId [R-API-4]',
      )
    if (input.WorkgroupName !== undefined && input.DbUser !== undefined)
      throw validationError(
        'DbUser cannot be given with WorkgroupName: on Serverless the database user is derived from the IAM identity (IAM:<user> or IAMR:<role>) or comes from SecretArn [R-IAM-1]',
      )
    if (!input.Database) throw validationError('Database is required [R-IAM-1, R-IAM-5]')
    if (input.ClusterIdentifier !== undefined)
      throw notFoundError(
        `Cluster ${input.ClusterIdentifier} not found: redshift-local emulates Redshift Serverless workgroups only; use WorkgroupName`,
        input.ClusterIdentifier,
      )
    const ns = this.#workgroup(input.WorkgroupName!)
    if (!ns)
      throw notFoundError(`Workgroup ${input.WorkgroupName} not found.`, input.WorkgroupName!)
    if (input.SecretArn !== undefined)
      return {
        ns,
        database: input.Database,
        identity: { kind: 'secret', arn: input.SecretArn },
        dbUser: undefined,
      }
    return {
      ns,
      database: input.Database,
      identity: { kind: 'iam', dbUser: caller.dbUser },
      dbUser: caller.dbUser,
    }
  }

  /** A workgroup by name or ARN (`…:workgroup/<name or id>`) of this account and region. */
  #workgroup(nameOrArn: string): NamespaceInfo | undefined {
    if (!nameOrArn.startsWith('arn:')) return this.#rs.namespace(nameOrArn)
    const parts = nameOrArn.split(':')
    if (parts[3] !== this.#rs.region || parts[4] !== this.#rs.account) return undefined
    const key = parts
      .slice(5)
      .join(':')
      .replace(/^workgroup\//, '')
      .split('/')[0]!
    return this.#rs.namespace(key)
  }

  async #submitted(record: StatementRecord, wait: number | undefined): Promise<unknown> {
    await this.#statements.wait(record, wait)
    return {
      Id: record.id,
      CreatedAt: seconds(record.createdAt),
      Database: record.database,
      ...(record.dbUser !== undefined && record.secretArn === undefined
        ? { DbUser: record.dbUser }
        : {}),
      ...(record.secretArn !== undefined ? { SecretArn: record.secretArn } : {}),
      WorkgroupName: record.workgroupName,
      ...(record.sessionId !== undefined ? { SessionId: record.sessionId } : {}),
      // Newer service versions answer these when the caller waits (WaitTimeSeconds, R-API-4).
      ...(wait !== undefined
        ? {
            Status: record.status,
            ...(record.redshiftPid ? { RedshiftPid: record.redshiftPid } : {}),
            HasResultSet: hasResultSet(record),
          }
        : {}),
    }
  }

  // DescribeStatement / GetStatementResult ---------------------------------------------------

  async #describe(id: string, wait: number | undefined, caller: Caller): Promise<unknown> {
    const { record, run } = this.#statements.get(id, caller)
    await this.#statements.wait(record, wait)
    return {
      ...runData(record, run),
      ...(run === record && record.isBatch
        ? { SubStatements: record.subStatements.map((sub) => ({ ...runData(record, sub, true) })) }
        : {}),
      ...(record.secretArn !== undefined ? { SecretArn: record.secretArn } : {}),
      ...(record.dbUser !== undefined ? { DbUser: record.dbUser } : {}),
      Database: record.database,
      WorkgroupName: record.workgroupName,
      RedshiftPid: record.redshiftPid,
      ...(record.parameters ? { QueryParameters: record.parameters } : {}),
      ResultFormat: record.resultFormat,
      ...(record.sessionId !== undefined ? { SessionId: record.sessionId } : {}),
      ...(record.executionMode ? { ExecutionMode: record.executionMode } : {}),
    }
  }

  /**
   * R-API-9: GetStatementResult for JSON results, GetStatementResultV2 for CSV ones (the other
   * is a ValidationException). D-11b: a statement not FINISHED, or without a result set, is a
   * ResourceNotFoundException; so is a batch's own id (its results are its sub-statements').
   */
  async #result(
    id: string,
    token: string | undefined,
    wait: number | undefined,
    format: 'JSON' | 'CSV',
    caller: Caller,
  ) {
    const { record, run } = this.#statements.get(id, caller)
    await this.#statements.wait(record, wait)
    if (record.resultFormat !== format)
      throw validationError(
        format === 'JSON'
          ? `Statement ${id} has ResultFormat CSV: read its results with GetStatementResultV2 [R-API-9]`
          : `Statement ${id} has ResultFormat JSON: read its results with GetStatementResult [R-API-9]`,
      )
    if (run === record && record.isBatch)
      throw notFoundError(
        `Statement ${id} is a batch: read the results of its sub-statements (${id}:1, ${id}:2, …) [R-API-6]`,
        id,
      )
    if (run.status !== 'FINISHED' || !run.result?.hasResultSet)
      throw notFoundError(
        'Query does not have result. Please check query status with DescribeStatement. [D-11b]',
        id,
      )
    const page =
      format === 'JSON'
        ? jsonPage(run.id, run.result, token, this.#pageSize)
        : csvPage(run.id, run.result, token, this.#pageSize)
    // Test hook: the page after `token` names `token` again as the next one.
    return this.#repeatNextToken && token !== undefined ? { ...page, NextToken: token } : page
  }

  // ListStatements / ListSessions ------------------------------------------------------------

  #listStatements(input: OperationInputs['ListStatements'], caller: Caller): unknown {
    if (input.WorkgroupName !== undefined && input.ClusterIdentifier !== undefined)
      throw validationError(
        'Specify either WorkgroupName or ClusterIdentifier, not both [R-API-12]',
      )
    const listing = this.#statements.list(caller, {
      // R-API-12, D-11e: finished statements only unless a Status is given.
      status: input.Status ?? 'FINISHED',
      roleLevel: input.RoleLevel ?? true,
      ...(input.StatementName !== undefined ? { statementName: input.StatementName } : {}),
      ...(input.WorkgroupName !== undefined
        ? { workgroupName: this.#workgroup(input.WorkgroupName)?.workgroup ?? input.WorkgroupName }
        : {}),
      ...(input.ClusterIdentifier !== undefined
        ? { clusterIdentifier: input.ClusterIdentifier }
        : {}),
      ...(input.Database !== undefined ? { database: input.Database } : {}),
    })
    const { items, next } = page(
      'ListStatements',
      listing,
      input.NextToken,
      input.MaxResults || LIST_DEFAULT,
    )
    return {
      Statements: items.map((r) => ({
        Id: r.id,
        ...(r.isBatch
          ? { QueryStrings: r.subStatements.map((s) => s.queryString) }
          : { QueryString: r.queryString }),
        ...(r.secretArn !== undefined ? { SecretArn: r.secretArn } : {}),
        Status: r.status,
        ...(r.statementName !== undefined ? { StatementName: r.statementName } : {}),
        CreatedAt: seconds(r.createdAt),
        UpdatedAt: seconds(r.updatedAt),
        ...(r.parameters ? { QueryParameters: r.parameters } : {}),
        IsBatchStatement: r.isBatch,
        ResultFormat: r.resultFormat,
        ...(r.sessionId !== undefined ? { SessionId: r.sessionId } : {}),
      })),
      ...(next !== undefined ? { NextToken: next } : {}),
    }
  }

  #listSessions(input: OperationInputs['ListSessions'], caller: Caller): unknown {
    if (
      input.SessionId !== undefined &&
      (input.Status ?? input.ClusterIdentifier ?? input.WorkgroupName ?? input.Database) !==
        undefined
    )
      throw validationError(
        'With SessionId, Status, ClusterIdentifier, WorkgroupName and Database cannot be given',
      )
    if (input.WorkgroupName !== undefined && input.ClusterIdentifier !== undefined)
      throw validationError('Specify either WorkgroupName or ClusterIdentifier, not both')
    const workgroup =
      input.WorkgroupName !== undefined
        ? (this.#workgroup(input.WorkgroupName)?.workgroup ?? input.WorkgroupName)
        : undefined
    const listing = this.#sessions
      .list(caller)
      .filter((s) => input.RoleLevel !== false || s.owner.arn === caller.arn)
      .filter((s) =>
        input.SessionId !== undefined
          ? s.id === input.SessionId
          : (input.Status === undefined ? s.status !== 'CLOSED' : s.status === input.Status) &&
            input.ClusterIdentifier === undefined &&
            (workgroup === undefined || s.workgroupName === workgroup) &&
            (input.Database === undefined || s.database === input.Database),
      )
      .sort((a, b) => b.createdAt - a.createdAt)
    const { items, next } = page(
      'ListSessions',
      listing,
      input.NextToken,
      input.MaxResults || LIST_DEFAULT,
    )
    return { Sessions: items.map(sessionData), ...(next !== undefined ? { NextToken: next } : {}) }
  }

  // ListDatabases / ListSchemas / ListTables / DescribeTable ---------------------------------
  // They connect like ExecuteStatement and answer at once from the system views; a connection
  // failure is a DatabaseConnectionException (listed for these operations, R-API-3).

  async #metadata<T>(
    input: MetadataInput,
    caller: Caller,
    fn: (s: Session) => Promise<T>,
  ): Promise<T> {
    const { ns, database, identity } = this.#connectTarget(input, caller)
    let session: Session
    try {
      session = await this.#rs.connect({ workgroup: ns.workgroup, database, identity })
    } catch (error) {
      throw new DataApiError(
        'DatabaseConnectionException',
        error instanceof Error ? error.message : String(error),
      )
    }
    try {
      return await fn(session)
    } catch (error) {
      if (error instanceof DataApiError) throw error
      throw new DataApiError(
        'InternalServerException',
        error instanceof Error ? error.message : String(error),
      )
    } finally {
      await session.close().catch(() => undefined)
    }
  }

  async #listDatabases(input: MetadataInput, caller: Caller): Promise<unknown> {
    const names = await this.#metadata(input, caller, async (s) =>
      (await s.query('SELECT database_name FROM svv_redshift_databases ORDER BY 1')).rows.map((r) =>
        String(r[0]),
      ),
    )
    const { items, next } = page('ListDatabases', names, input.NextToken, input.MaxResults || 1000)
    return { Databases: items, ...(next !== undefined ? { NextToken: next } : {}) }
  }

  async #listSchemas(input: MetadataInput, caller: Caller): Promise<unknown> {
    const names = await this.#metadata(input, caller, async (s) =>
      (
        await s.query(
          'SELECT DISTINCT schema_name FROM svv_all_schemas WHERE schema_name LIKE :p ORDER BY 1',
          {
            parameters: { p: input.SchemaPattern ?? '%' },
          },
        )
      ).rows.map((r) => String(r[0])),
    )
    const { items, next } = page('ListSchemas', names, input.NextToken, input.MaxResults || 1000)
    return { Schemas: items, ...(next !== undefined ? { NextToken: next } : {}) }
  }

  async #listTables(input: MetadataInput, caller: Caller): Promise<unknown> {
    const tables = await this.#metadata(input, caller, async (s) =>
      (
        await s.query(
          'SELECT table_schema, table_name, table_type FROM svv_tables WHERE table_schema LIKE :s AND table_name LIKE :t ORDER BY 1, 2',
          { parameters: { s: input.SchemaPattern ?? '%', t: input.TablePattern ?? '%' } },
        )
      ).rows.map((r) => ({
        schema: String(r[0]),
        name: String(r[1]),
        type: tableType(r[2] ?? null),
      })),
    )
    const { items, next } = page('ListTables', tables, input.NextToken, input.MaxResults || 1000)
    return { Tables: items, ...(next !== undefined ? { NextToken: next } : {}) }
  }

  async #describeTable(input: MetadataInput, caller: Caller): Promise<unknown> {
    const columns = await this.#metadata(
      input,
      caller,
      async (s) =>
        (
          await s.query(
            `SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, is_nullable, column_default
           FROM svv_columns WHERE table_schema LIKE :s AND table_name LIKE :t ORDER BY table_schema, table_name, ordinal_position`,
            { parameters: { s: input.Schema ?? '%', t: input.Table ?? '%' } },
          )
        ).rows,
    )
    const { items, next } = page(
      'DescribeTable',
      columns,
      input.NextToken,
      input.MaxResults || 1000,
    )
    return {
      ...(input.Table !== undefined ? { TableName: input.Table } : {}),
      ColumnList: items.map((r) => {
        const typeName = INFORMATION_SCHEMA_TYPES[String(r[2])] ?? String(r[2])
        const length = r[3] === null ? 0 : Number(r[3])
        return {
          ...columnMetadata({
            name: String(r[1]),
            typeName,
            precision: r[4] !== null ? Number(r[4]) : length,
            scale: r[5] === null ? 0 : Number(r[5]),
          }),
          tableName: String(r[0]),
          schemaName: input.Schema ?? '',
          length,
          nullable: r[6] === 'NO' ? 0 : 1,
          ...(r[7] !== null ? { columnDefault: String(r[7]) } : {}),
        }
      }),
      ...(next !== undefined ? { NextToken: next } : {}),
    }
  }
}

/** The `faults.delayMs` of each operation. */
function delayFor(delayMs: DataApiFaults['delayMs']): (operation: Operation) => number {
  const valid = (field: string, ms: unknown): number => {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)
      throw new RedshiftLocalError(
        'CONFIG',
        `${field} must be a non-negative number, got ${String(ms)}`,
        { field },
      )
    return ms
  }
  if (delayMs === undefined) return () => 0
  if (typeof delayMs === 'number') {
    const ms = valid('faults.delayMs', delayMs)
    return () => ms
  }
  const byOperation = new Map<string, number>()
  for (const [name, ms] of Object.entries(delayMs)) {
    if (name !== '*' && !isOperation(name))
      throw new RedshiftLocalError('CONFIG', `faults.delayMs.${name} is not a Data API operation`, {
        field: `faults.delayMs.${name}`,
      })
    byOperation.set(name, valid(`faults.delayMs.${name}`, ms))
  }
  return (operation) => byOperation.get(operation) ?? byOperation.get('*') ?? 0
}

/** information_schema's type names → Redshift's (what ColumnMetadata.typeName carries). */
const INFORMATION_SCHEMA_TYPES: Readonly<Record<string, string>> = {
  smallint: 'int2',
  integer: 'int4',
  bigint: 'int8',
  real: 'float4',
  'double precision': 'float8',
  boolean: 'bool',
  'character varying': 'varchar',
  character: 'bpchar',
  text: 'varchar',
  'timestamp without time zone': 'timestamp',
  'timestamp with time zone': 'timestamptz',
  'time without time zone': 'time',
  'time with time zone': 'timetz',
  bytea: 'varbyte',
  jsonb: 'super',
}

function tableType(pgType: string | null): string {
  if (pgType === 'BASE TABLE') return 'TABLE'
  return pgType ?? 'TABLE'
}

/** The members DescribeStatement and SubStatements share (R-API-8). */
function runData(record: StatementRecord, run: StatementRun, sub = false) {
  return {
    Id: run.id,
    Status: run.status,
    ...(run.error !== undefined ? { Error: run.error } : {}),
    Duration: durationNs(run),
    CreatedAt: seconds(run.createdAt),
    UpdatedAt: seconds(run.updatedAt),
    ...(sub || run !== record || !record.isBatch ? { QueryString: run.queryString } : {}),
    HasResultSet: hasResultSet(record, run),
    ResultRows: run.status === 'FINISHED' || record.isBatch ? resultRows(record, run) : -1,
    ResultSize: run.status === 'FINISHED' || record.isBatch ? resultBytes(record, run) : -1,
    RedshiftQueryId: run.redshiftQueryId,
  }
}

function sessionData(s: DataApiSession) {
  return {
    SessionId: s.id,
    Status: s.status,
    CreatedAt: seconds(s.createdAt),
    UpdatedAt: seconds(s.updatedAt),
    Database: s.database,
    ...(s.dbUser !== undefined ? { DbUser: s.dbUser } : {}),
    WorkgroupName: s.workgroupName,
    SessionAliveSeconds: s.keepAliveSeconds,
    ...(s.expiresAt !== undefined ? { SessionTtl: seconds(s.expiresAt) } : {}),
    ...(s.currentStatementId !== undefined ? { CurrentStatementId: s.currentStatementId } : {}),
  }
}

/** A page of a listing; the token names the listing (so one listing's token fails on another). */
function page<T>(listing: string, items: readonly T[], token: string | undefined, max: number) {
  const start = token === undefined ? 0 : decodeToken(token, listing, items.length)
  const end = Math.min(start + max, items.length)
  return {
    items: items.slice(start, end),
    next: end < items.length ? encodeToken(listing, end) : undefined,
  }
}

/** Names of the `:name` parameters a statement uses (strings and comments excluded). */
function namedParameters(sql: string): string[] {
  try {
    return tokenize(sql)
      .filter((t) => t.kind === 'named')
      .map((t) => t.value)
  } catch {
    // SQL the lexer refuses fails when it runs; it uses no parameter meanwhile.
    return []
  }
}

/** Timestamps go out as epoch seconds (awsJson1_1's default timestamp format). */
function seconds(ms: number): number {
  return ms / 1000
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name]
  return Array.isArray(v) ? v[0] : v
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(serializationError(`The request body is larger than ${MAX_BODY_BYTES} bytes`))
        req.resume()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function send(
  res: ServerResponse,
  status: number,
  requestId: string,
  body: string,
  errorType?: string,
): void {
  if (res.headersSent || res.destroyed) return
  try {
    res.writeHead(status, {
      'Content-Type': CONTENT_TYPE,
      'Content-Length': Buffer.byteLength(body, 'utf8'),
      'x-amzn-RequestId': requestId,
      ...(errorType ? { 'x-amzn-ErrorType': errorType } : {}),
    })
    res.end(body)
  } catch {
    // An unsendable answer (e.g. an injected error name that is not a valid header value).
    res.destroy()
  }
}
