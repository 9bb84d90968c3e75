import type { DataApiClient, DataApiCommands } from '../data-api/commands.js'
import type { Int8Mode } from '../data-api/field-mapping.js'
import {
  DEFAULT_POLLING,
  type PollingOptions,
  type ResolvedPollingOptions,
} from '../data-api/polling.js'
import { DEFAULT_RETRY, type ResolvedRetryOptions, type RetryOptions } from '../data-api/retry.js'
import { DataApiInputError } from '../errors.js'
import { DATA_API_LIMITS } from '../limits.js'
import type { MigrationLockWait } from './redshift-data-adapter.js'

/** What the dialect reports to `logger`: one event per finished statement, retry or cancel. */
export type DataApiLogEvent =
  | {
      readonly kind: 'statement'
      readonly statementId: string
      readonly sql: string
      readonly status: string
      readonly durationMs: number
      /** DescribeStatement requests sent; 0 when ExecuteStatement's wait already said FINISHED. */
      readonly polls: number
      /** Rows returned or affected; -1 when unknown (also when the statement was not described). */
      readonly resultRows: number
      readonly sessionId: string | undefined
    }
  | {
      readonly kind: 'retry'
      readonly command: string
      readonly attempt: number
      readonly delayMs: number
      readonly error: unknown
    }
  | {
      readonly kind: 'cancel'
      readonly statementId: string
      readonly sql: string
      readonly cancelled: boolean
      /** Why it was cancelled: the deadline passed, the caller aborted, or polling failed. */
      readonly reason: 'timeout' | 'abort' | 'error'
    }

/**
 * Configuration of {@link RedshiftDataDialect}, {@link batch} and {@link streamQuery}.
 *
 * Target: exactly one of `workgroupName` (Redshift Serverless) or `clusterIdentifier`
 * (provisioned). Auth: `secretArn` (Secrets Manager), or `dbUser` (provisioned only,
 * temporary credentials), or neither (temporary credentials for your IAM identity).
 *
 * @example
 * ```ts
 * const config: RedshiftDataDialectConfig = {
 *   client: new RedshiftDataClient({ region: 'eu-west-1' }),
 *   workgroupName: 'producer',
 *   database: 'dev',
 *   secretArn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:admin-AbCdEf',
 * }
 * ```
 */
export interface RedshiftDataDialectConfig {
  /** An AWS SDK v3 `RedshiftDataClient`, or anything with its `send` method. */
  readonly client: DataApiClient
  /** Redshift Serverless workgroup. */
  readonly workgroupName?: string
  /** Provisioned cluster identifier. */
  readonly clusterIdentifier?: string
  /** Database to connect to (e.g. `dev`). */
  readonly database: string
  /** ARN of a Secrets Manager secret holding `username` and `password`. */
  readonly secretArn?: string
  /** Database user for temporary credentials (provisioned clusters only). */
  readonly dbUser?: string
  /** DescribeStatement polling. @default { initialDelayMs: 10, multiplier: 1.5, maxDelayMs: 1000 } */
  readonly polling?: PollingOptions
  /** Retry of throttled / 5xx / concurrency-limited requests. @default { maxAttempts: 6, baseDelayMs: 50, maxDelayMs: 5000 } */
  readonly retry?: RetryOptions
  /**
   * One deadline per statement, counted from its submission: ExecuteStatement, every
   * DescribeStatement poll, each retry and backoff sleep, and reading the result (for
   * `execute()`) must fit in it. A statement still running then is cancelled (CancelStatement)
   * and a {@link DataApiTimeoutError} thrown. When streaming, the deadline covers the statement
   * up to FINISHED and each page read gets `timeoutMs` of its own (the time your loop spends
   * between pages is not counted). At most 86400000 (24 h, the Data API's longest query).
   * @default 900000 (15 minutes)
   */
  readonly timeoutMs?: number
  /**
   * The Data API's `WaitTimeSeconds`: ExecuteStatement / BatchExecuteStatement hold their
   * answer until the statement ends or this many seconds pass, and then return its status. A
   * statement that ends in time costs no DescribeStatement poll and no poll wait (a FINISHED
   * statement with a result set goes straight to GetStatementResult; FAILED and ABORTED still
   * read the error text with one DescribeStatement); one still running is polled as before.
   * Bounded by `timeoutMs`: each statement asks for at most the whole seconds its deadline
   * leaves after one spare second (none when under a second), so the answer, and with it the
   * statement id CancelStatement needs, comes before the deadline. While the request waits
   * the statement has no id yet: an abort then stops the request at once but cannot cancel
   * the statement. An integer from 1 to 30. Unset, ExecuteStatement answers at once and
   * DescribeStatement is polled from the start.
   * @default undefined
   */
  readonly waitTimeSeconds?: number
  /**
   * How long the best-effort CancelStatement (with its retries) may take once the deadline
   * has passed, the caller aborted, or polling failed for good.
   * @default 10000
   */
  readonly cancelTimeoutMs?: number
  /**
   * Aborting it cancels the dialect's running statements (CancelStatement, best effort) and
   * fails them, and every later query, with {@link DataApiAbortError}. Kysely has no
   * per-query signal: give a Kysely instance per unit of work its own dialect and signal, or
   * pass `signal` to {@link streamQuery} / {@link batch}.
   */
  readonly signal?: AbortSignal
  /**
   * The Data API's `ResultFormat`: `'JSON'` reads typed Fields (GetStatementResult), in which
   * int8 is a JSON number and so exact only within ±2^53; `'CSV'` reads text
   * (GetStatementResultV2), in which every int8 digit survives.
   * @default 'JSON'
   */
  readonly resultFormat?: 'JSON' | 'CSV'
  /** `StatementName` sent with every statement (shows in ListStatements and SYS_QUERY_HISTORY). */
  readonly statementName?: string
  /** Receives one event per statement, retry and cancel. Never called with secrets. */
  readonly logger?: (event: DataApiLogEvent) => void
  /** How int8 values come back. @default 'string' */
  readonly int8?: Int8Mode
  /** Idle seconds a transaction's Data API session stays open between statements. @default 60 */
  readonly sessionKeepAliveSeconds?: number
  /** Command classes to send; by default imported lazily from `@aws-sdk/client-redshift-data`. */
  readonly commands?: DataApiCommands
  /** How long Kysely's Migrator waits for another migration's lock. @default { timeoutMs: 600000, pollMs: 2000 } */
  readonly migrationLock?: MigrationLockWait
}

/** The validated, frozen form used internally. */
export interface ResolvedDialectConfig {
  readonly client: DataApiClient
  readonly target: Readonly<Record<string, string>>
  readonly polling: ResolvedPollingOptions
  readonly retry: ResolvedRetryOptions
  readonly timeoutMs: number
  readonly cancelTimeoutMs: number
  readonly waitTimeSeconds: number | undefined
  readonly signal: AbortSignal | undefined
  readonly resultFormat: 'JSON' | 'CSV'
  readonly statementName: string | undefined
  readonly logger: ((event: DataApiLogEvent) => void) | undefined
  readonly int8: Int8Mode
  readonly sessionKeepAliveSeconds: number
  readonly commands: DataApiCommands | undefined
  readonly migrationLock: Required<MigrationLockWait>
}

const WORKGROUP_RE = /^[a-z0-9-]{3,64}$/
const CLUSTER_RE = /^[a-z][a-z0-9-]{0,62}$/

function invalid(field: string, value: unknown, fix: string): DataApiInputError {
  return new DataApiInputError(
    'INVALID_CONFIG',
    `Invalid RedshiftDataDialect config: ${field} = ${JSON.stringify(value) ?? String(value)}; ${fix}`,
    { field, value },
  )
}

function positive(field: string, value: unknown, allowZero = false): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || (!allowZero && value === 0))
    throw invalid(field, value, `it must be a ${allowZero ? 'non-negative' : 'positive'} number`)
  return value
}

/** The Data API runs a query for at most 24 hours (R-API-13); timers cannot wait much longer. */
function atMostADay(field: string, value: number): number {
  if (value > DATA_API_LIMITS.maxQueryMs)
    throw invalid(field, value, `use at most ${DATA_API_LIMITS.maxQueryMs} (24 hours)`)
  return value
}

/** The statement target: a workgroup or a cluster, the database, and who runs it. */
function resolveTarget(config: RedshiftDataDialectConfig): Readonly<Record<string, string>> {
  const { workgroupName, clusterIdentifier, database, secretArn, dbUser } = config
  if ((workgroupName === undefined) === (clusterIdentifier === undefined))
    throw invalid(
      'workgroupName',
      workgroupName,
      'set exactly one of workgroupName (Redshift Serverless) or clusterIdentifier (provisioned cluster)',
    )
  const target: Record<string, string> = {}
  if (workgroupName !== undefined) {
    if (typeof workgroupName !== 'string' || !WORKGROUP_RE.test(workgroupName))
      throw invalid('workgroupName', workgroupName, 'use 3-64 characters of a-z, 0-9 and -')
    target.WorkgroupName = workgroupName
  }
  if (clusterIdentifier !== undefined) {
    if (typeof clusterIdentifier !== 'string' || !CLUSTER_RE.test(clusterIdentifier))
      throw invalid(
        'clusterIdentifier',
        clusterIdentifier,
        'use 1-63 characters of a-z, 0-9 and -, starting with a letter',
      )
    target.ClusterIdentifier = clusterIdentifier
  }
  if (typeof database !== 'string' || database.length === 0 || database.length > 127)
    throw invalid('database', database, 'name the database to connect to, e.g. "dev"')
  target.Database = database
  if (secretArn !== undefined && dbUser !== undefined)
    throw invalid('dbUser', dbUser, 'set secretArn or dbUser, not both')
  if (secretArn !== undefined) {
    if (typeof secretArn !== 'string' || !secretArn.startsWith('arn:'))
      throw invalid('secretArn', secretArn, 'pass the full ARN of a Secrets Manager secret')
    target.SecretArn = secretArn
  }
  if (dbUser !== undefined) {
    if (workgroupName !== undefined)
      throw invalid(
        'dbUser',
        dbUser,
        'dbUser works with provisioned clusters only; for a workgroup use secretArn or IAM identity (neither)',
      )
    if (typeof dbUser !== 'string' || dbUser.length === 0)
      throw invalid('dbUser', dbUser, 'name the database user')
    target.DbUser = dbUser
  }
  return Object.freeze(target)
}

function resolvePolling(config: RedshiftDataDialectConfig): ResolvedPollingOptions {
  const p = config.polling
  const polling: ResolvedPollingOptions = Object.freeze({
    initialDelayMs: positive(
      'polling.initialDelayMs',
      p?.initialDelayMs ?? DEFAULT_POLLING.initialDelayMs,
      true,
    ),
    multiplier: positive('polling.multiplier', p?.multiplier ?? DEFAULT_POLLING.multiplier),
    maxDelayMs: positive('polling.maxDelayMs', p?.maxDelayMs ?? DEFAULT_POLLING.maxDelayMs),
  })
  if (polling.multiplier < 1)
    throw invalid('polling.multiplier', polling.multiplier, 'use 1 or more')
  return polling
}

function resolveRetry(config: RedshiftDataDialectConfig): ResolvedRetryOptions {
  const r = config.retry
  const maxAttempts = r?.maxAttempts ?? DEFAULT_RETRY.maxAttempts
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw invalid('retry.maxAttempts', maxAttempts, 'use an integer of 1 or more (1 = no retry)')
  return Object.freeze({
    maxAttempts,
    baseDelayMs: positive('retry.baseDelayMs', r?.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs, true),
    maxDelayMs: positive('retry.maxDelayMs', r?.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs, true),
  })
}

function resolveSignal(signal: AbortSignal | undefined): AbortSignal | undefined {
  if (
    signal !== undefined &&
    (typeof signal !== 'object' ||
      signal === null ||
      typeof signal.aborted !== 'boolean' ||
      typeof signal.addEventListener !== 'function')
  )
    throw invalid('signal', typeof signal, 'pass an AbortSignal (e.g. AbortController().signal)')
  return signal
}

/** One of the allowed values, or an error naming the field and the choices. */
function oneOf<T extends string>(field: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value))
    throw invalid(
      field,
      value,
      `use ${allowed
        .map((a) => `'${a}'`)
        .join(', ')
        .replace(/, ([^,]*)$/, ' or $1')}`,
    )
  return value
}

function resolveStatementName(name: string | undefined): string | undefined {
  if (
    name !== undefined &&
    (typeof name !== 'string' ||
      name.length === 0 ||
      name.length > DATA_API_LIMITS.maxStatementNameLength)
  )
    throw invalid('statementName', name, 'use 1-500 characters')
  return name
}

function resolveKeepAlive(seconds: number): number {
  if (
    !Number.isInteger(seconds) ||
    seconds < 1 ||
    seconds > DATA_API_LIMITS.maxSessionKeepAliveSeconds
  )
    throw invalid('sessionKeepAliveSeconds', seconds, 'use an integer from 1 to 86400')
  return seconds
}

function resolveWaitTime(seconds: number | undefined): number | undefined {
  if (
    seconds !== undefined &&
    (!Number.isInteger(seconds) || seconds < 1 || seconds > DATA_API_LIMITS.maxWaitTimeSeconds)
  )
    throw invalid(
      'waitTimeSeconds',
      seconds,
      `use an integer from 1 to ${DATA_API_LIMITS.maxWaitTimeSeconds} (the Data API's WaitTimeSeconds), or leave it unset to poll DescribeStatement from the start`,
    )
  return seconds
}

/** Validates the whole config before anything runs, and freezes it. */
export function resolveDialectConfig(config: RedshiftDataDialectConfig): ResolvedDialectConfig {
  if (typeof config !== 'object' || config === null)
    throw invalid('config', config, 'pass an object with client, database and a target')
  if (typeof config.client?.send !== 'function')
    throw invalid(
      'client',
      typeof config.client,
      'pass a RedshiftDataClient from @aws-sdk/client-redshift-data (anything with a send method)',
    )
  const target = resolveTarget(config)
  const polling = resolvePolling(config)
  const retry = resolveRetry(config)
  const timeoutMs = atMostADay('timeoutMs', positive('timeoutMs', config.timeoutMs ?? 900_000))
  const cancelTimeoutMs = atMostADay(
    'cancelTimeoutMs',
    positive('cancelTimeoutMs', config.cancelTimeoutMs ?? 10_000),
  )
  const waitTimeSeconds = resolveWaitTime(config.waitTimeSeconds)
  const signal = resolveSignal(config.signal)
  const resultFormat = oneOf('resultFormat', config.resultFormat ?? 'JSON', ['JSON', 'CSV'])
  const statementName = resolveStatementName(config.statementName)
  if (config.logger !== undefined && typeof config.logger !== 'function')
    throw invalid('logger', typeof config.logger, 'pass a function (event) => void')
  const int8 = oneOf('int8', config.int8 ?? 'string', ['string', 'bigint', 'number'])
  const sessionKeepAliveSeconds = resolveKeepAlive(config.sessionKeepAliveSeconds ?? 60)
  return Object.freeze({
    client: config.client,
    target,
    polling,
    retry,
    timeoutMs,
    cancelTimeoutMs,
    waitTimeSeconds,
    signal,
    resultFormat,
    statementName,
    logger: config.logger,
    int8,
    migrationLock: Object.freeze({
      timeoutMs: positive('migrationLock.timeoutMs', config.migrationLock?.timeoutMs ?? 600_000),
      pollMs: positive('migrationLock.pollMs', config.migrationLock?.pollMs ?? 2_000),
    }),
    sessionKeepAliveSeconds,
    commands: config.commands,
  })
}
