// biome-ignore-all lint/suspicious/noExplicitAny: libpg-query's JSON AST
import { loadModule, parseSync } from 'libpg-query'
import { deparseSync } from 'pgsql-deparser'
import { LOGGED_VIEWS } from '../catalog/catalog-sql.js'
import { FUNCTIONS_SCHEMA, physicalSchema } from '../catalog/names.js'
import type { EngineConnection, EngineResult } from '../engine/engine.js'
import { notEmulated, RedshiftLocalError, ruleError } from '../errors.js'
import {
  type CreateTablePlan,
  planAlterTableAddColumn,
  planCreateTable,
  renderPieces,
} from '../sql/create-table.js'
import {
  pgIdent,
  pgLiteral,
  splitStatements,
  type Token,
  tokenize,
  toPostgresText,
} from '../sql/lexer.js'
import { parseRedshiftCommand, type RedshiftCommand } from '../sql/redshift-grammar.js'
import {
  type DatabaseRef,
  type RelationUse,
  type RewriteResult,
  referencedDatabases,
  rewriteStatement,
} from '../sql/rewrite.js'
import { runCommand } from '../statements/run-command.js'
import { hashPassword, type LocalRedshift } from './local-redshift.js'
import { applyMasking, checkSharedReads } from './relation-checks.js'
import type { Identity, NamespaceInfo, QueryResult, ResultColumn } from './types.js'

let parserReady: Promise<void> | undefined
/** Loads the PostgreSQL parser (WASM) once. */
export function ensureParser(): Promise<void> {
  parserReady ??= loadModule()
  return parserReady
}

/** The user a session runs as. */
export interface SessionUser {
  readonly id: number
  readonly name: string
  readonly physical: string
  superuser: boolean
  secadmin: boolean
  createdb: boolean
  /** The user and every role/group it belongs to (transitively). */
  principals: readonly number[]
}

export interface ExecuteOptions {
  /** Data API named parameters (`:name` → value), or `$n` values. */
  readonly parameters?: Readonly<Record<string, string>> | readonly (string | null)[]
  readonly signal?: AbortSignal
  /** A label for SYS_QUERY_HISTORY (the Data API's StatementName). */
  readonly label?: string
}

const COMMAND_TAGS: Readonly<Record<string, string>> = {
  SelectStmt: 'SELECT',
  InsertStmt: 'INSERT',
  UpdateStmt: 'UPDATE',
  DeleteStmt: 'DELETE',
  MergeStmt: 'MERGE',
  CreateStmt: 'CREATE TABLE',
  CreateTableAsStmt: 'CREATE TABLE AS',
  CreateSchemaStmt: 'CREATE SCHEMA',
  ViewStmt: 'CREATE VIEW',
  DropStmt: 'DROP',
  AlterTableStmt: 'ALTER TABLE',
  CommentStmt: 'COMMENT',
  TruncateStmt: 'TRUNCATE',
  ExplainStmt: 'EXPLAIN',
  IndexStmt: 'CREATE INDEX',
  RenameStmt: 'ALTER',
}

const SIMPLE_STATEMENTS = new Set([
  'SelectStmt',
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'ExplainStmt',
])

/** Whether a statement names another database or one of the logged system views. */
function namesDatabaseOrLog(node: any): boolean {
  let found = false
  const walk = (n: any): void => {
    if (found || n === null || typeof n !== 'object') return
    if (Array.isArray(n)) {
      for (const x of n) walk(x)
      return
    }
    if (typeof n.relname === 'string' && (n.catalogname || LOGGED_VIEWS.has(n.relname))) {
      found = true
      return
    }
    if (n.ColumnRef && n.ColumnRef.fields?.length >= 4) {
      found = true
      return
    }
    for (const v of Object.values(n)) walk(v)
  }
  walk(node)
  return found
}

const QUERY_TYPES: Readonly<Record<string, string>> = {
  SELECT: 'SELECT',
  INSERT: 'INSERT',
  UPDATE: 'UPDATE',
  COPY: 'COPY',
  UNLOAD: 'UNLOAD',
  'CREATE TABLE AS': 'CTAS',
}

/**
 * One connection to a database of a namespace, as one user: what a JDBC connection or a Data
 * API session is. Statements run one at a time; a transaction block (BEGIN … END) spans
 * statements. Every statement is parsed (Redshift's own statements by a small grammar, the
 * rest by PostgreSQL's parser), checked against the documented rules, its names mapped to the
 * physical schemas, and run on the engine as the user's physical role.
 */
export class Session {
  readonly rs: LocalRedshift
  readonly namespace: NamespaceInfo
  readonly pid: number
  readonly conn: EngineConnection
  database: DatabaseRef
  user: SessionUser
  /** Redshift search_path entries (`$user`, `public`). */
  searchPath: string[] = ['$user', 'public']
  readonly settings = new Map<string, string>()
  inBlock = false
  #aborted = false
  #catalogVersion = -1
  #closed = false
  readonly #onClose: (() => void)[] = []
  #current: AbortController | undefined
  readonly notices: string[] = []

  private constructor(
    rs: LocalRedshift,
    ns: NamespaceInfo,
    conn: EngineConnection,
    database: DatabaseRef,
    user: SessionUser,
  ) {
    this.rs = rs
    this.namespace = ns
    this.conn = conn
    this.database = database
    this.user = user
    this.pid = rs.nextPid()
  }

  static async open(
    rs: LocalRedshift,
    ns: NamespaceInfo,
    database: string,
    identity: Identity,
  ): Promise<Session> {
    await ensureParser()
    const conn = await rs.engine.connect()
    try {
      await conn.exec('RESET ROLE')
      const user = await resolveIdentity(rs, ns, conn, identity)
      const db = await conn.query(
        'SELECT id, name, kind, share_id FROM rsl.database WHERE namespace_id = $1 AND name = $2',
        [ns.id, database],
      )
      const row = db.rows[0]
      if (!row)
        throw new RedshiftLocalError('SQL', `database "${database}" does not exist`, {
          sqlstate: '3D000',
        })
      const ref = await databaseRef(conn, row)
      const s = new Session(rs, ns, conn, ref, user)
      // The connection still runs as the engine here: read the user's roles directly.
      const version = rs.catalogVersion
      await s.#readUser()
      s.#catalogVersion = version
      s.#installPreamble()
      return s
    } catch (error) {
      await conn.release()
      throw error
    }
  }

  onClose(fn: () => void): void {
    this.#onClose.push(fn)
  }

  get closed(): boolean {
    return this.#closed
  }

  /** Re-reads the user's flags and roles when the catalog changed. */
  async refreshUser(): Promise<void> {
    if (this.#catalogVersion === this.rs.catalogVersion) return
    await this.privileged(() => this.#readUser())
    this.#catalogVersion = this.rs.catalogVersion
    this.#installPreamble()
  }

  /** Reads the user's flags and roles (the connection must run as the engine). */
  async #readUser(): Promise<void> {
    {
      const r = await this.conn.query(
        `WITH RECURSIVE roles(id) AS (SELECT $1::int UNION SELECT m.role_id FROM rsl.membership m JOIN roles ON m.member_id = roles.id)
         SELECT p.id, p.name, p.superuser, p.createdb FROM roles JOIN rsl.principal p ON p.id = roles.id`,
        [String(this.user.id)],
      )
      const self = r.rows.find((x) => Number(x[0]) === this.user.id)
      if (!self)
        throw new RedshiftLocalError('SQL', `user "${this.user.name}" no longer exists`, {
          sqlstate: '28000',
        })
      const names = new Set(r.rows.map((x) => x[1]))
      this.user.superuser = self[2] === 't' || names.has('sys:superuser')
      this.user.secadmin = names.has('sys:secadmin')
      this.user.createdb = self[3] === 't' || this.user.superuser
      this.user.principals = r.rows.map((x) => Number(x[0]))
    }
  }

  /**
   * Puts the session back as a new connection would find it (a pooled connection of the Data
   * API between statements): an open transaction rolled back, search_path and settings reset.
   */
  async reset(): Promise<void> {
    if (this.inBlock || this.conn.inTransaction)
      await this.conn.exec('ROLLBACK').catch(() => undefined)
    // A connection of its own (PostgreSQL server): its temporary tables end with the session.
    if (this.rs.engine.kind === 'postgres')
      await this.conn.exec('DISCARD TEMP').catch(() => undefined)
    this.inBlock = false
    this.#aborted = false
    this.searchPath = ['$user', 'public']
    this.settings.clear()
    this.#installPreamble()
  }

  /** The physical search_path for the connected database. */
  physicalSearchPath(): string {
    const dataDb = this.database.kind === 'shared' ? this.database.producerDbId! : this.database.id
    const entries: string[] = []
    for (const e of this.searchPath) {
      const name = e === '$user' ? this.user.name : e
      try {
        entries.push(pgIdent(physicalSchema(dataDb, name)))
      } catch {
        // A name too long for the emulator cannot exist either: skip it, like a missing schema.
      }
    }
    entries.push(FUNCTIONS_SCHEMA)
    return entries.join(', ')
  }

  #installPreamble(): void {
    const set = (k: string, v: string) => `SET ${pgIdent(k)} = ${pgLiteral(v)};`
    this.conn.setPreamble(
      [
        `SET ROLE ${pgIdent(this.user.physical)};`,
        `SET search_path = ${this.physicalSearchPath()};`,
        "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'; SET standard_conforming_strings = on;",
        set('rsl.ns', this.namespace.id),
        set('rsl.db', String(this.database.id)),
        set('rsl.uid', String(this.user.id)),
        set('rsl.su', this.user.superuser ? 'on' : 'off'),
        set('rsl.secadmin', this.user.secadmin ? 'on' : 'off'),
        set('rsl.principals', this.user.principals.join(',')),
      ].join(' '),
    )
  }

  /**
   * Runs `fn` as the engine's own superuser (catalog reads and writes), then back as the user.
   * Outside a transaction it opens one: on PGlite the engine's single session is shared, and
   * only an open transaction keeps another connection from taking its turn in between.
   */
  async privileged<T>(fn: () => Promise<T>): Promise<T> {
    const own = !this.conn.inTransaction
    if (own) await this.conn.exec('BEGIN')
    try {
      await this.conn.exec('RESET ROLE')
      const out = await fn()
      await this.conn.exec(`SET ROLE ${pgIdent(this.user.physical)}`)
      if (own) await this.conn.exec('COMMIT')
      return out
    } catch (error) {
      if (own && this.conn.inTransaction) await this.conn.exec('ROLLBACK').catch(() => undefined)
      else if (!this.#closed)
        await this.conn.exec(`SET ROLE ${pgIdent(this.user.physical)}`).catch(() => undefined)
      throw error
    }
  }

  /** A catalog query as the engine (rows as arrays of text). */
  async catalog(sql: string, params: readonly (string | null)[] = []): Promise<EngineResult> {
    return this.privileged(() => this.conn.query(sql, params))
  }

  /** Runs a script of one or more statements; one result per statement. */
  async execute(sql: string, options: ExecuteOptions = {}): Promise<QueryResult[]> {
    if (this.#closed)
      throw new RedshiftLocalError('SQL', 'the session is closed', { sqlstate: '08003' })
    const tokens = tokenize(sql)
    const statements = splitStatements(tokens)
    const out: QueryResult[] = []
    for (const st of statements) out.push(await this.#runOne(sql, st, options))
    return out
  }

  /** Runs exactly one statement. */
  async query(sql: string, options: ExecuteOptions = {}): Promise<QueryResult> {
    if (this.#closed)
      throw new RedshiftLocalError('SQL', 'the session is closed', { sqlstate: '08003' })
    const statements = splitStatements(tokenize(sql))
    if (statements.length !== 1)
      throw new RedshiftLocalError(
        'SQL',
        statements.length === 0
          ? 'empty query'
          : 'cannot insert multiple commands into a single statement',
        { sqlstate: '42601', statement: sql },
      )
    return this.#runOne(sql, statements[0]!, options)
  }

  /** Cancels the statement in progress (it ends with "Query cancelled on user's request"). */
  async cancel(): Promise<boolean> {
    const c = this.#current
    if (!c) return false
    c.abort()
    await this.conn.cancel()
    return true
  }

  async #runOne(sql: string, tokens: Token[], options: ExecuteOptions): Promise<QueryResult> {
    const text = sql.slice(tokens[0]!.start, tokens[tokens.length - 1]!.end)
    const queryId = this.rs.nextQueryId()
    const entry = {
      user_id: this.user.id,
      query_id: queryId,
      query_label: options.label ?? 'default',
      transaction_id: queryId,
      session_id: this.pid,
      database_name: this.database.name,
      query_type: initialQueryType(tokens),
      status: 'running',
      start_time: new Date(),
      end_time: null as Date | null,
      error_message: null as string | null,
      returned_rows: 0,
      query_text: text.slice(0, 4000),
      namespace_id: this.namespace.id,
    }
    this.rs.queryLog.push(entry)
    const controller = new AbortController()
    this.#current = controller
    const abort = () => controller.abort()
    options.signal?.addEventListener('abort', abort, { once: true })
    this.notices.length = 0
    try {
      await this.refreshUser()
      const cmd = parseRedshiftCommand(sql, tokens)
      const isEnd = cmd?.kind === 'transaction' && cmd.op !== 'begin'
      if (this.#aborted && !isEnd)
        throw new RedshiftLocalError(
          'SQL',
          'current transaction is aborted, commands ignored until end of transaction block',
          {
            sqlstate: '25P02',
            statement: text,
          },
        )
      const ctx: StatementContext = {
        session: this,
        sql,
        text,
        tokens,
        queryId,
        options,
        signal: controller.signal,
      }
      const result = cmd ? await this.#runRedshift(cmd, ctx) : await this.#runPostgres(ctx)
      entry.status = 'success'
      entry.query_type = queryType(result.command)
      entry.returned_rows = Math.max(result.rowCount, 0)
      return { ...result, queryId, notices: [...this.notices] }
    } catch (error) {
      const cancelled = controller.signal.aborted
      entry.status = cancelled ? 'canceled' : 'failed'
      const e = cancelled
        ? new RedshiftLocalError('CANCELLED', "Query cancelled on user's request", {
            sqlstate: '57014',
            statement: text,
            cause: error,
          })
        : toRedshiftError(error, text)
      entry.error_message = e.message.slice(0, 512)
      if (this.inBlock) this.#aborted = true
      throw e
    } finally {
      entry.end_time = new Date()
      options.signal?.removeEventListener('abort', abort)
      this.#current = undefined
    }
  }

  /** Runs `fn` in the open transaction block, or in a transaction of its own (autocommit). */
  async #inScope<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inBlock) return fn()
    await this.conn.exec('BEGIN')
    try {
      const out = await fn()
      await this.conn.exec('COMMIT')
      return out
    } catch (error) {
      if (this.conn.inTransaction) await this.conn.exec('ROLLBACK').catch(() => undefined)
      throw error
    }
  }

  /** Runs `fn` in a scope; exposed to statement handlers. */
  inScope<T>(fn: () => Promise<T>): Promise<T> {
    return this.#inScope(fn)
  }

  async #runRedshift(
    cmd: RedshiftCommand,
    ctx: StatementContext,
  ): Promise<Omit<QueryResult, 'queryId' | 'notices'>> {
    switch (cmd.kind) {
      case 'transaction':
        return this.#transaction(cmd.op, ctx)
      case 'set':
      case 'reset':
      case 'show':
        return this.#setting(cmd, ctx)
      case 'maintenance':
        if (this.inBlock && cmd.verb === 'vacuum')
          throw ruleError(
            'R-TX-1',
            'VACUUM cannot run inside a transaction block',
            ctx.text,
            '25001',
          )
        return commandResult(cmd.verb.toUpperCase())
      case 'unload':
        throw notEmulated('UNLOAD', ctx.text)
      default:
        return runCommand(cmd, ctx)
    }
  }

  async #transaction(op: 'begin' | 'commit' | 'rollback', _ctx: StatementContext) {
    if (op === 'begin') {
      if (this.inBlock) {
        this.notices.push('there is already a transaction in progress')
        return commandResult('BEGIN')
      }
      await this.conn.exec('BEGIN')
      this.inBlock = true
      return commandResult('BEGIN')
    }
    if (!this.inBlock) {
      this.notices.push('there is no transaction in progress')
      return commandResult(op === 'commit' ? 'COMMIT' : 'ROLLBACK')
    }
    const aborted = this.#aborted
    this.inBlock = false
    this.#aborted = false
    if (this.conn.inTransaction)
      await this.conn.exec(op === 'commit' && !aborted ? 'COMMIT' : 'ROLLBACK')
    // A rolled-back catalog change: sessions re-read what they cached.
    if (op === 'rollback' || aborted) this.rs.catalogVersion++
    return commandResult(op === 'commit' && !aborted ? 'COMMIT' : 'ROLLBACK')
  }

  /** Ends the transaction block the way TRUNCATE does (R-TX-2: it commits). */
  async commitImplicitly(): Promise<void> {
    if (!this.inBlock) return
    this.inBlock = false
    if (this.conn.inTransaction) await this.conn.exec('COMMIT')
  }

  async #setting(
    cmd: Extract<RedshiftCommand, { kind: 'set' | 'reset' | 'show' }>,
    ctx: StatementContext,
  ): Promise<Omit<QueryResult, 'queryId' | 'notices'>> {
    const name = cmd.name
    if (cmd.kind === 'show') {
      const value =
        name === 'search_path'
          ? this.searchPath.map((s) => (s === '$user' ? '"$user"' : s)).join(', ')
          : (this.settings.get(name) ?? (await this.#pgSetting(name)))
      return {
        command: 'SHOW',
        columns: [{ name, typeName: 'varchar', precision: 0, scale: 0 }],
        rows: [[value]],
        rowCount: 1,
        hasResultSet: true,
      }
    }
    if (name === 'search_path') {
      if (cmd.kind === 'reset' || cmd.value === 'default') this.searchPath = ['$user', 'public']
      else this.searchPath = searchPathValue(ctx.sql, cmd.value)
      this.#installPreamble()
      return commandResult(cmd.kind === 'set' ? 'SET' : 'RESET')
    }
    if (cmd.kind === 'reset') {
      this.settings.delete(name)
      return commandResult('RESET')
    }
    const value = cmd.value === 'default' ? undefined : settingValue(ctx.sql, cmd.value)
    if (value === undefined) this.settings.delete(name)
    else this.settings.set(name, value)
    return commandResult('SET')
  }

  async #pgSetting(name: string): Promise<string> {
    const r = await this.conn.query('SELECT current_setting($1, true)', [name])
    const v = r.rows[0]?.[0]
    if (v === null || v === undefined)
      throw new RedshiftLocalError('SQL', `unrecognized configuration parameter "${name}"`, {
        sqlstate: '42704',
      })
    return v
  }

  async #runPostgres(ctx: StatementContext): Promise<Omit<QueryResult, 'queryId' | 'notices'>> {
    const { sql, tokens, text } = ctx
    const plan = planCreateTable(sql, tokens)
    const addColumn = plan ? undefined : planAlterTableAddColumn(sql, tokens)
    const named = new Map<string, number>()
    const pgText = plan
      ? renderPieces(sql, plan.pieces)
      : addColumn
        ? renderPieces(sql, addColumn.pieces)
        : toPostgresText(sql, tokens, named)
    const params = bindParameters(named, ctx.options.parameters, text)
    let parsed: any
    try {
      parsed = parseSync(pgText)
    } catch (error) {
      throw new RedshiftLocalError('SYNTAX', (error as Error).message, {
        sqlstate: '42601',
        statement: text,
        cause: error,
      })
    }
    if (parsed.stmts?.length !== 1)
      throw new RedshiftLocalError(
        'SQL',
        'cannot insert multiple commands into a single statement',
        {
          sqlstate: '42601',
          statement: text,
        },
      )
    const node = parsed.stmts[0].stmt
    const type = Object.keys(node)[0]!
    await this.#statementRules(type, node[type], ctx)
    // A plain read or write that names no other database, no logged view and no masked
    // relation is one engine statement: it needs no transaction of its own (autocommit).
    // Everything else reads or writes the catalog too, in one transaction with the statement.
    const simple = SIMPLE_STATEMENTS.has(type) && !this.rs.maskingInUse && !namesDatabaseOrLog(node)
    const run = () => this.#analyseAndRun(ctx, parsed, node, type, plan, params)
    return simple ? run() : this.#inScope(run)
  }

  async #analyseAndRun(
    ctx: StatementContext,
    parsed: any,
    node: any,
    type: string,
    plan: CreateTablePlan | undefined,
    params: (string | null)[],
  ): Promise<Omit<QueryResult, 'queryId' | 'notices'>> {
    const { text } = ctx
    const names = referencedDatabases(node)
    const databases = await this.#databases(names)
    const rewritten = rewriteStatement(node, {
      database: this.database,
      databases,
      currentUser: this.user.name,
      currentNamespace: this.namespace.id,
      statement: text,
    })
    checkLeaderNode(rewritten, ctx)
    let privileged = await checkSharedReads(this, rewritten.relations, ctx)
    if (type === 'CreateSchemaStmt') privileged = await this.#createSchemaAs(node[type], ctx)
    for (const r of rewritten.relations) this.#checkWrite(r, ctx)
    await applyMasking(this, rewritten.relations, ctx)
    if ([...rewritten.systemViews].some((v) => LOGGED_VIEWS.has(v))) await this.#fillLogs()
    const physical = deparseSync({ version: parsed.version, stmts: [{ stmt: node }] } as any, {
      pretty: false,
    })
    const run = () => this.conn.query(physical, params, ctx.signal)
    const r = privileged ? await this.privileged(run) : await run()
    if (type === 'CreateStmt' || type === 'CreateTableAsStmt')
      await this.#recordTable(node[type], plan)
    const command = COMMAND_TAGS[type] ?? type.replace(/Stmt$/, '').toUpperCase()
    return this.toResult(command, r)
  }

  /**
   * CREATE SCHEMA needs a superuser, the database's owner, CREATE on the database, or the CREATE
   * SCHEMA system permission through a role (D-9, D-15; `sys:dba` holds it);
   * the schema is then created for its owner by the engine (a PostgreSQL database-level
   * CREATE would name the engine's database, not Redshift's).
   */
  async #createSchemaAs(body: any, ctx: StatementContext): Promise<boolean> {
    if (this.database.kind === 'shared')
      throw ruleError(
        'R-DS-14',
        `cannot create a schema in database "${this.database.name}": it was created from a datashare and is read-only`,
        ctx.text,
        '25006',
      )
    const u = this.user
    const r = await this.catalog(
      `SELECT d.owner_id = ANY ($2::int[]) OR EXISTS (SELECT 1 FROM rsl.database_privilege p WHERE p.database_id = d.id
         AND p.privilege = 'create' AND (p.principal_id IS NULL OR p.principal_id = ANY ($2::int[])))
         OR EXISTS (SELECT 1 FROM rsl.system_privilege sp WHERE sp.privilege = 'CREATE SCHEMA' AND sp.role_id = ANY ($2::int[]))
       FROM rsl.database d WHERE d.id = $1::int`,
      [String(this.database.id), `{${u.principals.join(',')}}`],
    )
    if (!u.superuser && r.rows[0]?.[0] !== 't')
      throw new RedshiftLocalError('SQL', `permission denied for database ${this.database.name}`, {
        sqlstate: '42501',
        statement: ctx.text,
      })
    let owner = u.physical
    if (body.authrole) {
      const name = body.authrole.rolename
      const p = await this.catalog(
        "SELECT physical FROM rsl.principal WHERE namespace_id = $1 AND kind = 'user' AND name = $2",
        [this.namespace.id, String(name)],
      )
      if (!p.rows[0])
        throw new RedshiftLocalError('SQL', `user "${name}" does not exist`, {
          sqlstate: '42704',
          statement: ctx.text,
        })
      if (name !== u.name && !u.superuser)
        throw new RedshiftLocalError(
          'SQL',
          'permission denied: only a superuser creates a schema for another user',
          {
            sqlstate: '42501',
            statement: ctx.text,
          },
        )
      owner = String(p.rows[0][0])
    }
    body.authrole = { roletype: 'ROLESPEC_CSTRING', rolename: owner, location: -1 }
    return true
  }

  /** Statement-level rules of the documented kind (transactions, implicit commits). */
  async #statementRules(type: string, body: any, ctx: StatementContext): Promise<void> {
    switch (type) {
      case 'TransactionStmt':
        throw notEmulated(
          `${String(body.kind).replace('TRANS_STMT_', '')} (savepoints and two-phase commit)`,
          ctx.text,
        )
      case 'VariableSetStmt':
      case 'VariableShowStmt':
        throw notEmulated('SET ROLE / SET SESSION AUTHORIZATION', ctx.text)
      case 'TruncateStmt':
        // R-TX-2: TRUNCATE commits the transaction it runs in, work before it included.
        await this.commitImplicitly()
        return
      case 'AlterTableStmt':
        if (
          this.inBlock &&
          body.cmds?.some((c: any) => c.AlterTableCmd?.subtype === 'AT_AlterColumnType')
        )
          throw ruleError(
            'R-TX-1',
            'ALTER TABLE ALTER COLUMN cannot run inside a transaction block',
            ctx.text,
            '25001',
          )
        return
      case 'CreatedbStmt':
      case 'DropdbStmt':
        throw notEmulated('this form of CREATE/DROP DATABASE', ctx.text)
    }
  }

  #checkWrite(r: RelationUse, ctx: StatementContext): void {
    if (r.access !== 'write' || !r.database) return
    if (r.database.kind === 'shared')
      throw ruleError(
        'R-DS-14',
        `cannot write to relation "${r.schema}.${r.relname}" of database "${r.database.name}": a database created from a datashare is read-only unless the producer grants write privileges`,
        ctx.text,
        '25006',
      )
    if (r.database.id !== this.database.id)
      throw ruleError(
        'R-DS-13',
        `cross-database references to "${r.database.name}" are for reads only; connect to ${r.database.name} to change it`,
        ctx.text,
      )
  }

  /** Looks up the databases a statement names (those that do not exist are left out). */
  async #databases(names: ReadonlySet<string>): Promise<Map<string, DatabaseRef>> {
    const out = new Map<string, DatabaseRef>()
    if (names.size === 0) return out
    await this.privileged(async () => {
      const r = await this.conn.query(
        'SELECT id, name, kind, share_id FROM rsl.database WHERE namespace_id = $1 AND name = ANY ($2::text[])',
        [this.namespace.id, toPgArray([...names])],
      )
      for (const row of r.rows) out.set(String(row[1]), await databaseRef(this.conn, row))
    })
    return out
  }

  async #fillLogs(): Promise<void> {
    await this.privileged(async () => {
      await this.conn.exec('DELETE FROM rsl.query_history; DELETE FROM rsl.load_error')
      const q = this.rs.queryLog
      for (let i = 0; i < q.length; i += 500) {
        const chunk = q.slice(i, i + 500)
        await this.conn.query(
          `INSERT INTO rsl.query_history (user_id, query_id, query_label, transaction_id, session_id, database_name, query_type, status,
             result_cache_hit, start_time, end_time, elapsed_time, queue_time, execution_time, error_message, returned_rows, returned_bytes,
             query_text, redshift_version, namespace_id)
           SELECT (e->>'user_id')::int, (e->>'query_id')::bigint, e->>'query_label', (e->>'transaction_id')::bigint, (e->>'session_id')::int,
             e->>'database_name', e->>'query_type', e->>'status', false, (e->>'start_time')::timestamptz AT TIME ZONE 'UTC',
             (e->>'end_time')::timestamptz AT TIME ZONE 'UTC',
             (extract(epoch FROM (e->>'end_time')::timestamptz - (e->>'start_time')::timestamptz) * 1000000)::bigint, 0,
             (extract(epoch FROM (e->>'end_time')::timestamptz - (e->>'start_time')::timestamptz) * 1000000)::bigint,
             e->>'error_message', (e->>'returned_rows')::bigint, 0, e->>'query_text', 'redshift-local', e->>'namespace_id'
           FROM jsonb_array_elements($1::jsonb) e`,
          [JSON.stringify(chunk)],
        )
      }
      if (this.rs.loadErrors.length > 0)
        await this.conn.query(
          `INSERT INTO rsl.load_error SELECT (e->>'user_id')::int, (e->>'query_id')::bigint, (e->>'query_id')::bigint, (e->>'session_id')::int,
             e->>'database_name', (e->>'table_id')::int, (e->>'start_time')::timestamptz AT TIME ZONE 'UTC', e->>'file_name',
             (e->>'line_number')::bigint, e->>'column_name', e->>'column_type', e->>'column_length', (e->>'position')::int,
             (e->>'error_code')::int, e->>'error_message', e->>'raw_line', e->>'raw_field_value', e->>'namespace_id'
           FROM jsonb_array_elements($1::jsonb) e`,
          [JSON.stringify(this.rs.loadErrors)],
        )
    })
  }

  /** Records DISTSTYLE/SORTKEY/constraints of a new table, and adds it to INCLUDENEW shares. */
  async #recordTable(body: any, plan: CreateTablePlan | undefined): Promise<void> {
    const rel = body.relation ?? body.into?.rel
    const name = rel.schemaname
      ? `${pgIdent(rel.schemaname)}.${pgIdent(rel.relname)}`
      : pgIdent(rel.relname)
    const r = await this.conn.query(
      'SELECT c.oid::int8, n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass($1)',
      [name],
    )
    const row = r.rows[0]
    if (!row) return
    const a = plan?.attributes
    if (a?.sortkeyStyle === 'interleaved' && a.sortkey.length > 8)
      throw new RedshiftLocalError(
        'SQL',
        'too many columns in an interleaved sort key: at most 8',
        {
          sqlstate: '54011',
        },
      )
    await this.catalog(
      `INSERT INTO rsl.relation_attributes (relid, diststyle, distkey, sortkey_style, sortkey, backup, constraints)
       VALUES ($1::oid, $2, $3, $4, $5::text[], $6::boolean, $7::text[])
       ON CONFLICT (relid) DO UPDATE SET diststyle = EXCLUDED.diststyle, distkey = EXCLUDED.distkey,
         sortkey_style = EXCLUDED.sortkey_style, sortkey = EXCLUDED.sortkey, backup = EXCLUDED.backup, constraints = EXCLUDED.constraints`,
      [
        row[0]!,
        a?.diststyle ?? 'auto',
        a?.distkey ?? null,
        a?.sortkeyStyle ?? null,
        toPgArray(a?.sortkey ?? []),
        a?.backup === false ? 'f' : 't',
        toPgArray(a?.constraints ?? []),
      ],
    )
    const schema = String(row[1])
    const logical = schema.slice(schema.indexOf(':') + 1)
    // Shares that INCLUDENEW this schema pick the new table up (R-DS-5).
    await this.catalog(
      `INSERT INTO rsl.datashare_object (share_id, object_type, schema_name, object_name)
       SELECT o.share_id, 'table', o.schema_name, $3 FROM rsl.datashare_object o JOIN rsl.datashare s ON s.id = o.share_id
       WHERE s.database_id = $1::int AND o.object_type = 'schema' AND o.schema_name = $2 AND o.include_new
       ON CONFLICT DO NOTHING`,
      [String(this.database.id), logical, String(rel.relname)],
    )
  }

  /** Types an engine result the way Redshift reports it. */
  toResult(command: string, r: EngineResult): Omit<QueryResult, 'queryId' | 'notices'> {
    const hasResultSet = r.fields.length > 0
    const columns: ResultColumn[] = r.fields.map((f) => {
      const typeName = redshiftTypeName(this.rs.engine.typeName(f.typeOid))
      const mod = f.typeMod
      let precision = 0
      let scale = 0
      if (mod > 0 && (typeName === 'varchar' || typeName === 'bpchar')) precision = mod - 4
      else if (mod > 0 && typeName === 'numeric') {
        precision = ((mod - 4) >> 16) & 0xffff
        scale = (mod - 4) & 0xffff
      }
      return { name: f.name, typeName, precision, scale }
    })
    return {
      command,
      columns,
      rows: r.rows,
      rowCount: hasResultSet ? r.rows.length : (r.affectedRows ?? -1),
      hasResultSet,
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    this.#current?.abort()
    await this.conn.release()
    for (const fn of this.#onClose) fn()
  }
}

/** What a statement handler gets. */
export interface StatementContext {
  readonly session: Session
  /** The whole text sent (token offsets point into it). */
  readonly sql: string
  /** This statement's text. */
  readonly text: string
  readonly tokens: readonly Token[]
  readonly queryId: number
  readonly options: ExecuteOptions
  readonly signal: AbortSignal
}

/**
 * D-17: a leader-node-only function (HAS_DATABASE_PRIVILEGE) fails in a statement that reads a
 * user table or a system view (STL/STV/SVL/SVV); catalog tables (pg_*) and no table at all are
 * fine (DG:c_SQL_functions_leader_node_only). The error text is the one Redshift users report.
 */
function checkLeaderNode(rewritten: RewriteResult, ctx: StatementContext): void {
  if (rewritten.leaderNodeFunctions.size === 0) return
  const userTable = rewritten.relations.some(
    (r) => r.physicalSchema !== undefined || !r.relname.startsWith('pg_'),
  )
  if (!userTable && rewritten.systemViews.size === 0) return
  throw ruleError(
    'D-17',
    `Specified types or functions (one per INFO message) not supported on Redshift tables: ${[...rewritten.leaderNodeFunctions].join(', ')} is a leader-node function and cannot be used with a table or a system view`,
    ctx.text,
  )
}

/** A result with no rows. */
export function commandResult(
  command: string,
  rowCount = -1,
): Omit<QueryResult, 'queryId' | 'notices'> {
  return { command, columns: [], rows: [], rowCount, hasResultSet: false }
}

/** The query type of a statement still running, from its first keyword (D-14). */
function initialQueryType(tokens: readonly Token[]): string {
  const first = tokens[0]?.kind === 'word' ? tokens[0].value : ''
  if (first === 'select' || first === 'with') return 'SELECT'
  if (first === 'insert' || first === 'update' || first === 'copy' || first === 'unload')
    return first.toUpperCase()
  if (['create', 'alter', 'drop', 'comment', 'attach', 'detach', 'truncate'].includes(first))
    return 'DDL'
  if (
    [
      'grant',
      'revoke',
      'set',
      'reset',
      'show',
      'begin',
      'commit',
      'rollback',
      'end',
      'abort',
    ].includes(first)
  )
    return 'UTILITY'
  return 'OTHER'
}

function queryType(command: string): string {
  if (QUERY_TYPES[command]) return QUERY_TYPES[command]!
  if (/^(CREATE|ALTER|DROP|COMMENT|ATTACH|DETACH|TRUNCATE)\b/.test(command)) return 'DDL'
  if (/^(GRANT|REVOKE|SET|RESET|SHOW|BEGIN|COMMIT|ROLLBACK)\b/.test(command)) return 'UTILITY'
  return 'OTHER'
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  text: 'varchar',
  name: 'varchar',
  unknown: 'varchar',
  jsonb: 'super',
  json: 'super',
  bytea: 'varbyte',
}

/** Redshift's name for a PostgreSQL type (what ColumnMetadata.typeName carries). */
export function redshiftTypeName(pgType: string): string {
  return TYPE_NAMES[pgType] ?? pgType
}

async function databaseRef(
  conn: EngineConnection,
  row: readonly (string | null)[],
): Promise<DatabaseRef> {
  const [id, name, kind, shareId] = row
  if (kind !== 'shared') return { id: Number(id), name: String(name), kind: 'local' }
  const s = await conn.query('SELECT database_id FROM rsl.datashare WHERE id = $1', [
    shareId ?? null,
  ])
  return {
    id: Number(id),
    name: String(name),
    kind: 'shared',
    producerDbId: s.rows[0] ? Number(s.rows[0][0]) : -1,
    shareId: Number(shareId),
  }
}

async function resolveIdentity(
  rs: LocalRedshift,
  ns: NamespaceInfo,
  conn: EngineConnection,
  identity: Identity,
): Promise<SessionUser> {
  let name: string
  let password: string | undefined
  switch (identity.kind) {
    case 'secret': {
      const s = rs.secret(identity.arn)
      if (!s)
        throw new RedshiftLocalError('SQL', `secret ${identity.arn} does not exist`, {
          sqlstate: '28000',
        })
      name = s.username
      password = s.password
      break
    }
    case 'password':
      name = identity.user
      password = identity.password
      break
    case 'iam':
      name = identity.dbUser
      if (!/^IAMR?:[\w+=,.@-]{1,64}$/.test(name))
        throw new RedshiftLocalError(
          'SQL',
          `invalid IAM database user ${JSON.stringify(name)}: expected IAM:<user> or IAMR:<role>`,
          {
            sqlstate: '28000',
          },
        )
      break
    case 'trusted':
      name = identity.user
      break
  }
  const find = () =>
    conn.query(
      "SELECT id, name, physical, superuser, createdb, password_hash FROM rsl.principal WHERE namespace_id = $1 AND kind = 'user' AND name = $2",
      [ns.id, name],
    )
  let r = await find()
  if (r.rows.length === 0 && identity.kind === 'iam') {
    // R-IAM-2: IAM callers get a database user on first connection; an ordinary one unless
    // the namespace made this identity its admin (R-IAM-3).
    const { createPrincipal } = await import('./local-redshift.js')
    let created = false
    await conn.exec('BEGIN')
    try {
      // Several connections of the same caller may arrive at once (concurrent Data API
      // statements): one creates the user, the others find it once it is committed.
      await conn.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `rsl.principal ${ns.id} ${name}`,
      ])
      if ((await find()).rows.length === 0) {
        await createPrincipal(conn, rs, ns, name, 'user', {})
        created = true
      }
      await conn.exec('COMMIT')
    } catch (error) {
      await conn.exec('ROLLBACK').catch(() => undefined)
      throw error
    }
    if (created) rs.catalogVersion++
    r = await find()
  }
  const row = r.rows[0]
  if (!row)
    throw new RedshiftLocalError('SQL', `role "${name}" does not exist`, { sqlstate: '28000' })
  if (password !== undefined && (row[5] === null || row[5] !== hashPassword(password)))
    throw new RedshiftLocalError('SQL', `password authentication failed for user "${name}"`, {
      sqlstate: '28P01',
    })
  return {
    id: Number(row[0]),
    name: String(row[1]),
    physical: String(row[2]),
    superuser: row[3] === 't',
    secadmin: false,
    createdb: row[4] === 't',
    principals: [Number(row[0])],
  }
}

function bindParameters(
  named: ReadonlyMap<string, number>,
  given: ExecuteOptions['parameters'],
  statement: string,
): (string | null)[] {
  if (given === undefined) {
    if (named.size > 0)
      throw new RedshiftLocalError('SQL', `parameter :${[...named.keys()][0]} has no value`, {
        sqlstate: '42P02',
        statement,
      })
    return []
  }
  if (Array.isArray(given)) return [...given]
  const values = given as Readonly<Record<string, string>>
  const out: (string | null)[] = []
  for (const [name, n] of named) {
    if (!Object.hasOwn(values, name))
      throw new RedshiftLocalError('SQL', `parameter :${name} is not defined`, {
        sqlstate: '42P02',
        statement,
      })
    out[n - 1] = values[name]!
  }
  return out
}

function searchPathValue(sql: string, tokens: readonly Token[]): string[] {
  const out: string[] = []
  for (const t of tokens) {
    if (t.kind === 'op' && t.value === ',') continue
    if (t.kind === 'string')
      out.push(...t.value.split(',').map((s) => s.trim().replace(/^"(.*)"$/, '$1')))
    else if (t.kind === 'word' || t.kind === 'ident')
      out.push(t.kind === 'word' ? t.value : t.value)
    else
      throw new RedshiftLocalError(
        'SYNTAX',
        `invalid search_path value near ${sql.slice(t.start, t.end)}`,
        { sqlstate: '42601' },
      )
  }
  return out.filter((s) => s !== '')
}

function settingValue(sql: string, tokens: readonly Token[]): string {
  return tokens.map((t) => (t.kind === 'string' ? t.value : sql.slice(t.start, t.end))).join(' ')
}

function toPgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`
}

/** Any error as the Redshift-shaped error class (PostgreSQL's messages kept as they are). */
export function toRedshiftError(error: unknown, statement: string): RedshiftLocalError {
  if (error instanceof RedshiftLocalError) return error
  const e = error as { message?: string; code?: string }
  const sqlstate = typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : 'XX000'
  // The driver's error carries its whole query options; keep the cause small.
  return new RedshiftLocalError('SQL', unphysical(e.message ?? String(error)), {
    sqlstate,
    statement,
    cause: { message: e.message, code: sqlstate },
  })
}

/** Removes physical schema prefixes from a message (`"d3:airline_dw".t` → `airline_dw.t`). */
export function unphysical(message: string): string {
  return message.replace(/d\d+:([A-Za-z0-9_$]+)/g, '$1')
}
