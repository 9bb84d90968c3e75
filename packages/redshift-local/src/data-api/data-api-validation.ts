/**
 * Request validation per the Smithy model of the Data API (MODEL, R-API-4/5/6/12/13): member
 * types (a wrong JSON type is a SerializationException, as the service's deserializer reports
 * it), required members, lengths, ranges, patterns and enums (a ValidationException worded the
 * way AWS words constraint violations: `1 validation error detected: Value 'x' at 'sql' failed
 * to satisfy constraint: …`). Unknown members are ignored, as AWS services do.
 */
import { serializationError, validationError } from './data-api-errors.js'

/** The operations of the Data API (service `RedshiftData`, R-API-1). */
export const OPERATIONS = [
  'BatchExecuteStatement',
  'CancelStatement',
  'DescribeStatement',
  'DescribeTable',
  'ExecuteStatement',
  'GetStatementResult',
  'GetStatementResultV2',
  'ListDatabases',
  'ListSchemas',
  'ListSessions',
  'ListStatements',
  'ListTables',
] as const

export type Operation = (typeof OPERATIONS)[number]

/** A Data API named parameter (R-API-5). */
export interface SqlParameter {
  readonly name: string
  readonly value: string
}

/** Where and as whom to connect (R-IAM-1, R-IAM-5). */
export interface TargetInput {
  readonly ClusterIdentifier?: string
  readonly SecretArn?: string
  readonly DbUser?: string
  readonly Database?: string
  readonly WorkgroupName?: string
}

export interface ExecuteStatementInput extends TargetInput {
  readonly Sql: string
  readonly WithEvent?: boolean
  readonly StatementName?: string
  readonly Parameters?: readonly SqlParameter[]
  readonly ClientToken?: string
  readonly ResultFormat?: 'JSON' | 'CSV'
  readonly SessionKeepAliveSeconds?: number
  readonly SessionId?: string
  readonly WaitTimeSeconds?: number
}

export interface BatchExecuteStatementInput extends Omit<ExecuteStatementInput, 'Sql'> {
  readonly Sqls: readonly string[]
  readonly ExecutionMode?: 'TRANSACTION' | 'AUTO_COMMIT'
}

export interface StatementIdInput {
  readonly Id: string
  readonly NextToken?: string
  readonly WaitTimeSeconds?: number
}

export interface ListStatementsInput {
  readonly NextToken?: string
  readonly MaxResults?: number
  readonly StatementName?: string
  readonly Status?: 'SUBMITTED' | 'PICKED' | 'STARTED' | 'FINISHED' | 'ABORTED' | 'FAILED' | 'ALL'
  readonly RoleLevel?: boolean
  readonly Database?: string
  readonly ClusterIdentifier?: string
  readonly WorkgroupName?: string
}

export interface ListSessionsInput {
  readonly NextToken?: string
  readonly MaxResults?: number
  readonly SessionId?: string
  readonly Status?: 'AVAILABLE' | 'BUSY' | 'CLOSED'
  readonly RoleLevel?: boolean
  readonly ClusterIdentifier?: string
  readonly WorkgroupName?: string
  readonly Database?: string
}

export interface MetadataInput extends TargetInput {
  readonly ConnectedDatabase?: string
  readonly SchemaPattern?: string
  readonly TablePattern?: string
  readonly Schema?: string
  readonly Table?: string
  readonly NextToken?: string
  readonly MaxResults?: number
}

/** The validated input of each operation. */
export interface OperationInputs {
  readonly ExecuteStatement: ExecuteStatementInput
  readonly BatchExecuteStatement: BatchExecuteStatementInput
  readonly CancelStatement: StatementIdInput
  readonly DescribeStatement: StatementIdInput
  readonly GetStatementResult: StatementIdInput
  readonly GetStatementResultV2: StatementIdInput
  readonly ListStatements: ListStatementsInput
  readonly ListSessions: ListSessionsInput
  readonly ListDatabases: MetadataInput
  readonly ListSchemas: MetadataInput
  readonly ListTables: MetadataInput
  readonly DescribeTable: MetadataInput
}

// Constraints of the model's shapes (redshift-data.json, commit 218c24e1).
/** `UUID`: statement and session ids; `:n` suffixes name batch sub-statements (R-API-6). */
export const UUID_PATTERN = /^[a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}(:\d{0,2})?$/
/** `WorkgroupNameString` (R-API-4): a name, or a workgroup ARN. */
export const WORKGROUP_PATTERN =
  /^([a-z0-9-]{3,63}|arn:(aws(-[a-z]+)*):redshift-serverless:([a-z]{2}(-gov|(-iso[a-z]?))?|eusc-[a-z]+)-[a-z]+-\d{1}:\d{12}:workgroup\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9-]{1,63}\/[a-z0-9-]{1,63}))$/
const CLUSTER_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/
const PARAMETER_NAME = /^[0-9a-zA-Z_]+$/
/** R-API-13: the largest SQL statement the Data API takes. */
export const MAX_SQL_BYTES = 100 * 1024

type Kind = 'string' | 'integer' | 'boolean' | 'strings' | 'parameters'

interface Member {
  readonly kind: Kind
  readonly required?: boolean
  /** Length (strings, lists) or value (integers) bounds. */
  readonly min?: number
  readonly max?: number
  readonly pattern?: RegExp
  readonly values?: readonly string[]
}

const str = (o: Omit<Member, 'kind'> = {}): Member => ({ kind: 'string', ...o })
const int = (min: number, max: number): Member => ({ kind: 'integer', min, max })
const bool: Member = { kind: 'boolean' }

const TARGET: Readonly<Record<string, Member>> = {
  ClusterIdentifier: str({ min: 1, max: 63, pattern: CLUSTER_PATTERN }),
  SecretArn: str(),
  DbUser: str(),
  Database: str(),
  WorkgroupName: str({ min: 3, max: 128, pattern: WORKGROUP_PATTERN }),
}

const RUN: Readonly<Record<string, Member>> = {
  ...TARGET,
  WithEvent: bool,
  StatementName: str({ max: 2048 }),
  Parameters: { kind: 'parameters', min: 1 },
  ClientToken: str({ min: 1, max: 64 }),
  ResultFormat: str({ values: ['JSON', 'CSV'] }),
  SessionKeepAliveSeconds: int(0, 86400),
  SessionId: str({ pattern: UUID_PATTERN }),
  WaitTimeSeconds: int(1, 30),
}

const STATEMENT_ID = { Id: str({ required: true, pattern: UUID_PATTERN }) }

const METADATA: Readonly<Record<string, Member>> = {
  ...TARGET,
  ConnectedDatabase: str(),
  NextToken: str(),
  MaxResults: int(0, 1000),
}

const SHAPES: Readonly<Record<Operation, Readonly<Record<string, Member>>>> = {
  ExecuteStatement: { Sql: str({ required: true }), ...RUN },
  BatchExecuteStatement: {
    Sqls: { kind: 'strings', required: true, min: 1, max: 40 },
    ...RUN,
    ExecutionMode: str({ values: ['TRANSACTION', 'AUTO_COMMIT'] }),
  },
  CancelStatement: STATEMENT_ID,
  DescribeStatement: { ...STATEMENT_ID, WaitTimeSeconds: int(1, 30) },
  GetStatementResult: { ...STATEMENT_ID, NextToken: str(), WaitTimeSeconds: int(1, 30) },
  GetStatementResultV2: { ...STATEMENT_ID, NextToken: str(), WaitTimeSeconds: int(1, 30) },
  ListStatements: {
    NextToken: str(),
    MaxResults: int(0, 100),
    StatementName: str({ max: 2048 }),
    Status: str({
      values: ['SUBMITTED', 'PICKED', 'STARTED', 'FINISHED', 'ABORTED', 'FAILED', 'ALL'],
    }),
    RoleLevel: bool,
    Database: str(),
    ClusterIdentifier: TARGET.ClusterIdentifier!,
    WorkgroupName: TARGET.WorkgroupName!,
  },
  ListSessions: {
    NextToken: str(),
    MaxResults: int(0, 100),
    SessionId: str({ pattern: UUID_PATTERN }),
    Status: str({ values: ['AVAILABLE', 'BUSY', 'CLOSED'] }),
    RoleLevel: bool,
    ClusterIdentifier: TARGET.ClusterIdentifier!,
    WorkgroupName: TARGET.WorkgroupName!,
    Database: str(),
  },
  ListDatabases: METADATA,
  ListSchemas: { ...METADATA, Database: str({ required: true }), SchemaPattern: str() },
  ListTables: {
    ...METADATA,
    Database: str({ required: true }),
    SchemaPattern: str(),
    TablePattern: str(),
  },
  DescribeTable: { ...METADATA, Database: str({ required: true }), Schema: str(), Table: str() },
}

/** `true` when `name` is an operation of the service. */
export function isOperation(name: string): name is Operation {
  return (OPERATIONS as readonly string[]).includes(name)
}

/**
 * Checks a request body against the operation's input shape and returns it typed. Members
 * set to `null` count as absent.
 *
 * @example
 * const input = validateInput('ExecuteStatement', JSON.parse(body)) // throws DataApiError
 * input.Sql
 */
export function validateInput<O extends Operation>(
  operation: O,
  body: unknown,
): OperationInputs[O] {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw serializationError(`the body of ${operation} must be a JSON object`)
  const shape = SHAPES[operation]
  const out: Record<string, unknown> = {}
  const problems: string[] = []
  for (const [key, member] of Object.entries(shape)) {
    const value = (body as Record<string, unknown>)[key]
    if (value === undefined || value === null) {
      if (member.required)
        problems.push(
          `Value null at '${camel(key)}' failed to satisfy constraint: Member must not be null`,
        )
      continue
    }
    out[key] = checkType(key, member, value)
    problems.push(...constraints(camel(key), member, out[key]))
  }
  if (problems.length > 0)
    throw validationError(
      `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected: ${problems.join('; ')}`,
    )
  return out as unknown as OperationInputs[O]
}

function checkType(key: string, member: Member, value: unknown): unknown {
  const fail = (what: string) =>
    serializationError(`${key}: expected ${what}, got ${describe(value)}`)
  switch (member.kind) {
    case 'string':
      if (typeof value !== 'string') throw fail('a string')
      return value
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw fail('an integer')
      return value
    case 'boolean':
      if (typeof value !== 'boolean') throw fail('a boolean')
      return value
    case 'strings':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
        throw fail('a list of strings')
      return value
    case 'parameters':
      if (!Array.isArray(value)) throw fail('a list of {name, value} structures')
      return value.map((p, i) => {
        if (p === null || typeof p !== 'object' || Array.isArray(p))
          throw serializationError(
            `${key}[${i}]: expected a {name, value} structure, got ${describe(p)}`,
          )
        const { name, value: v } = p as Record<string, unknown>
        if (name !== undefined && name !== null && typeof name !== 'string')
          throw serializationError(`${key}[${i}].name: expected a string, got ${describe(name)}`)
        if (v !== undefined && v !== null && typeof v !== 'string')
          throw serializationError(`${key}[${i}].value: expected a string, got ${describe(v)}`)
        return { name: name ?? null, value: v ?? null }
      })
  }
}

function constraints(path: string, member: Member, value: unknown): string[] {
  const out: string[] = []
  const fail = (shown: string, constraint: string) =>
    out.push(`Value ${shown} at '${path}' failed to satisfy constraint: Member must ${constraint}`)
  if (member.kind === 'string') {
    const s = value as string
    if (member.min !== undefined && s.length < member.min)
      fail(quote(s), `have length greater than or equal to ${member.min}`)
    if (member.max !== undefined && s.length > member.max)
      fail(quote(s), `have length less than or equal to ${member.max}`)
    if (member.pattern && !member.pattern.test(s))
      fail(quote(s), `satisfy regular expression pattern: ${member.pattern.source}`)
    if (member.values && !member.values.includes(s))
      fail(quote(s), `satisfy enum value set: [${member.values.join(', ')}]`)
  } else if (member.kind === 'integer') {
    const n = value as number
    if (member.min !== undefined && n < member.min)
      fail(String(n), `have value greater than or equal to ${member.min}`)
    if (member.max !== undefined && n > member.max)
      fail(String(n), `have value less than or equal to ${member.max}`)
  } else if (member.kind === 'strings') {
    const list = value as string[]
    if (member.min !== undefined && list.length < member.min)
      fail(`'[${list.join(', ')}]'`, `have length greater than or equal to ${member.min}`)
    if (member.max !== undefined && list.length > member.max)
      fail(`'[…${list.length} items]'`, `have length less than or equal to ${member.max}`)
  } else if (member.kind === 'parameters') {
    const list = value as { name: string | null; value: string | null }[]
    if (list.length < (member.min ?? 0))
      fail("'[]'", `have length greater than or equal to ${member.min}`)
    list.forEach((p, i) => {
      const at = `${path}.${i + 1}.member`
      const push = (field: string, shown: string, constraint: string) =>
        out.push(
          `Value ${shown} at '${at}.${field}' failed to satisfy constraint: Member must ${constraint}`,
        )
      if (p.name === null) push('name', 'null', 'not be null')
      else if (!PARAMETER_NAME.test(p.name))
        push('name', quote(p.name), `satisfy regular expression pattern: ${PARAMETER_NAME.source}`)
      if (p.value === null) push('value', 'null', 'not be null')
      else if (p.value.length < 1) push('value', "''", 'have length greater than or equal to 1')
    })
  }
  return out
}

/** `WorkgroupName` → `workgroupName`: AWS names members in camel case in these messages. */
function camel(key: string): string {
  return key[0]!.toLowerCase() + key.slice(1)
}

function quote(s: string): string {
  return `'${s.length > 200 ? `${s.slice(0, 200)}…` : s}'`
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  return typeof value === 'object' ? 'a structure' : `${typeof value} ${JSON.stringify(value)}`
}

/** R-API-13: a statement larger than 100 KB is refused at submit. */
export function checkSqlSize(sql: string, member: string): void {
  const bytes = Buffer.byteLength(sql, 'utf8')
  if (bytes > MAX_SQL_BYTES)
    throw validationError(
      `${member} is ${bytes} bytes: the Data API takes SQL statements of at most 100 KB (${MAX_SQL_BYTES} bytes) [R-API-13]`,
    )
}

/** Parameters as the engine binds them (`:name` → value); duplicate names are refused. */
export function parameterMap(
  parameters: readonly SqlParameter[] | undefined,
): Record<string, string> | undefined {
  if (!parameters) return undefined
  const out: Record<string, string> = {}
  for (const p of parameters) {
    if (Object.hasOwn(out, p.name))
      throw validationError(`Parameter ${p.name} is given more than once [R-API-5]`)
    out[p.name] = p.value
  }
  return out
}
