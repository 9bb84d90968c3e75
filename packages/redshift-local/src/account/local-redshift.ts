import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { CATALOG_ADDITIONS_SQL, CATALOG_SQL, SYSTEM_VIEWS_SQL } from '../catalog/catalog-sql.js'
import { physicalSchema } from '../catalog/names.js'
import { seedSystemRolesSql } from '../catalog/system-permissions.js'
import type { Engine } from '../engine/engine.js'
import { PGliteEngine, type PGliteLike } from '../engine/pglite/pglite-engine.js'
import { RedshiftLocalError, ruleError } from '../errors.js'
import { pgIdent, pgLiteral } from '../sql/lexer.js'
import { Session } from './session.js'
import type { Identity, NamespaceInfo } from './types.js'

/** Reads an object of the local S3 (structural: an `S3Client`'s `send`). */
export interface S3Like {
  // biome-ignore lint/suspicious/noExplicitAny: the SDK's send is generic over commands
  send(command: any, options?: any): Promise<any>
}

export interface LocalRedshiftOptions {
  /** The database the account lives in. @default a new in-memory PGlite (closed with the account) */
  readonly engine?: Engine
  /** The 12-digit AWS account id. @default '123456789012' */
  readonly account?: string
  /** @default 'us-east-1' */
  readonly region?: string
  /**
   * Time between GRANT USAGE ON DATASHARE and the share becoming visible (INBOUND) on the
   * consumer. AWS does not document this delay (R-DS-19); tests use it to exercise waiting.
   * @default 0
   */
  readonly inboundShareDelayMs?: number
  /** The S3 client COPY reads with (e.g. an `S3Client` pointed at the local S3 endpoint). */
  readonly s3?: S3Like
  /**
   * Keep the account in this directory (PGlite's data directory) instead of in memory; an
   * account already there is opened with its namespaces, databases and secrets. Ignored
   * when `engine` is given.
   */
  readonly dataDir?: string
}

export interface NamespaceOptions {
  /** Namespace name (lower case letters, digits, hyphens; 3–64). */
  readonly name: string
  /** The workgroup serving it. @default the namespace name */
  readonly workgroup?: string
  /** @default 'admin' */
  readonly adminUser?: string
  /** @default generated (stored in the managed admin secret) */
  readonly adminPassword?: string
  /** The first database. @default 'dev' */
  readonly dbName?: string
  /** The namespace's default IAM role ARN (`IAM_ROLE default` in COPY). */
  readonly defaultIamRole?: string
  /** The namespace GUID. @default random */
  readonly id?: string
  /**
   * The IAM identity that created the namespace (`IAMR:<role>`): a superuser (R-IAM-3). Other
   * IAM identities are ordinary users.
   */
  readonly creator?: string
  /** The workgroup is publicly accessible (consumers of such a workgroup need PUBLICACCESSIBLE shares, R-DS-18). */
  readonly publiclyAccessible?: boolean
  /** @default 128 */
  readonly baseCapacity?: number
  readonly maxCapacity?: number
}

/** The catalog of a new account, in one transaction. */
const SETUP_SQL = `BEGIN; ${CATALOG_SQL} ${CATALOG_ADDITIONS_SQL} ${SYSTEM_VIEWS_SQL} COMMIT;`

const NAMESPACE_NAME = /^[a-z0-9-]{3,64}$/
const SECRET_SUFFIX = () => randomBytes(3).toString('hex')

/**
 * An emulated Amazon Redshift Serverless account: namespaces (each a cluster of its own with
 * databases, users and datashares), served from one PostgreSQL database (PGlite in-process,
 * or a real server). Sessions run Redshift SQL under the rules of AWS's documentation.
 *
 * @example
 * const rs = await LocalRedshift.create()
 * const producer = await rs.createNamespace({ name: 'producer' })
 * const s = await rs.connect({ workgroup: 'producer', database: 'dev', identity: { kind: 'secret', arn: producer.adminSecretArn } })
 * await s.query('CREATE DATASHARE sales')
 * await s.close()
 * await rs.close()
 */
export class LocalRedshift {
  readonly engine: Engine
  readonly account: string
  readonly region: string
  readonly inboundShareDelayMs: number
  readonly s3: S3Like | undefined
  readonly rolePrefix: string
  readonly #namespaces = new Map<string, NamespaceInfo>()
  readonly #secrets = new Map<string, { username: string; password: string }>()
  readonly #sessions = new Set<Session>()
  /** Idle sessions by workgroup, database and identity (see {@link LocalRedshift.acquire}). */
  readonly #pool = new Map<string, Session[]>()
  #poolVersion = -1
  #nextPid = 1073741824
  #nextQueryId = 1
  /** Set once a masking policy is attached: reads then look for masks. */
  maskingInUse = false
  /** Bumped on every catalog change: sessions re-read their principal set. */
  catalogVersion = 0
  /** In-memory logs behind SYS_QUERY_HISTORY and the load-error views. */
  readonly queryLog: QueryLogEntry[] = []
  readonly loadErrors: LoadErrorEntry[] = []

  private constructor(engine: Engine, options: LocalRedshiftOptions, rolePrefix: string) {
    this.engine = engine
    this.account = options.account ?? '123456789012'
    this.region = options.region ?? 'us-east-1'
    this.inboundShareDelayMs = options.inboundShareDelayMs ?? 0
    this.s3 = options.s3
    this.rolePrefix = rolePrefix
  }

  static async create(options: LocalRedshiftOptions = {}): Promise<LocalRedshift> {
    if (options.account !== undefined && !/^\d{12}$/.test(options.account))
      throw new RedshiftLocalError(
        'CONFIG',
        `account must be 12 digits, got ${JSON.stringify(options.account)}`,
        {
          field: 'account',
        },
      )
    let engine = options.engine
    if (!engine) {
      const { pgliteFromTemplate } = await import('../engine/pglite/pglite-template.js')
      const { db } = await pgliteFromTemplate(
        { setupSql: SETUP_SQL },
        options.dataDir ? { dataDir: options.dataDir } : {},
      )
      engine = await PGliteEngine.create(db as PGliteLike, true)
    }
    const prefix =
      'rolePrefix' in engine ? String((engine as { rolePrefix: string }).rolePrefix) : 'rsl_'
    const rs = new LocalRedshift(engine, options, prefix)
    const c = await engine.connect()
    try {
      const exists = await c.query("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'rsl'")
      if (exists.rows.length === 0) await c.exec(SETUP_SQL)
      else await rs.#restore(c)
    } catch (cause) {
      await c.exec('ROLLBACK').catch(() => undefined)
      throw new RedshiftLocalError(
        'CONFIG',
        `redshift-local: could not set up the catalog: ${(cause as Error).message}`,
        {
          field: 'engine',
          cause,
        },
      )
    } finally {
      await c.release()
    }
    if (engine instanceof PGliteEngine) await engine.loadTypes()
    return rs
  }

  /** Reads back the namespaces and secrets of an account kept in a data directory. */
  async #restore(c: Awaited<ReturnType<Engine['connect']>>): Promise<void> {
    // An account of an earlier version gains what the catalog added since (idempotent).
    await c.exec(`BEGIN; ${CATALOG_ADDITIONS_SQL} COMMIT;`)
    const ns = await c.query(
      `SELECT n.id, n.num, n.name, n.account, n.admin_user, n.default_iam_role, n.info::text
       FROM rsl.namespace n ORDER BY n.num`,
    )
    for (const [id, num, name, account, adminUser, defaultIamRole, info] of ns.rows) {
      const extra = JSON.parse(String(info)) as {
        workgroup: string
        adminSecretArn: string
        database: string
        publiclyAccessible: boolean
        baseCapacity: number
        maxCapacity?: number
        createdAt: string
      }
      this.#namespaces.set(String(id), {
        id: String(id),
        num: Number(num),
        name: String(name),
        workgroup: extra.workgroup,
        account: String(account),
        adminUser: String(adminUser),
        adminSecretArn: extra.adminSecretArn,
        database: extra.database,
        defaultIamRole: defaultIamRole ?? undefined,
        publicRole: `${this.rolePrefix}n${num}`,
        publiclyAccessible: extra.publiclyAccessible,
        baseCapacity: extra.baseCapacity,
        maxCapacity: extra.maxCapacity,
        createdAt: new Date(extra.createdAt),
      })
    }
    const secrets = await c.query('SELECT arn, username, password FROM rsl.secret')
    for (const [arn, username, password] of secrets.rows)
      this.#secrets.set(String(arn), { username: String(username), password: String(password) })
    const ids = await c.query('SELECT coalesce(max(query_id), 0) FROM rsl.query_history')
    this.#nextQueryId = Number(ids.rows[0]?.[0] ?? 0) + 1
  }

  get namespaces(): readonly NamespaceInfo[] {
    return [...this.#namespaces.values()]
  }

  /** A namespace by name, workgroup name or GUID. */
  namespace(key: string): NamespaceInfo | undefined {
    for (const ns of this.#namespaces.values())
      if (ns.name === key || ns.workgroup === key || ns.id === key) return ns
    return undefined
  }

  /**
   * `{ username, password }` of a secret of the account (the namespaces' admin secrets), by ARN
   * or by name (the Data API's SecretArn takes either, R-IAM-5).
   */
  secret(arnOrName: string): { readonly username: string; readonly password: string } | undefined {
    const exact = this.#secrets.get(arnOrName)
    if (exact) return exact
    for (const [arn, value] of this.#secrets) {
      const name = arn.slice(arn.indexOf(':secret:') + 8)
      // An ARN ends with '-' and six random characters after the name.
      if (name === arnOrName || name.slice(0, -7) === arnOrName) return value
    }
    return undefined
  }

  /** Adds a Secrets Manager secret (`{"username", "password"}`) for a database user. */
  async putSecret(name: string, value: { username: string; password: string }): Promise<string> {
    const arn = `arn:aws:secretsmanager:${this.region}:${this.account}:secret:${name}-${SECRET_SUFFIX()}`
    const c = await this.engine.connect()
    try {
      await c.query('INSERT INTO rsl.secret (arn, username, password) VALUES ($1, $2, $3)', [
        arn,
        value.username,
        value.password,
      ])
    } finally {
      await c.release()
    }
    this.#secrets.set(arn, { ...value })
    return arn
  }

  nextPid(): number {
    return this.#nextPid++
  }

  nextQueryId(): number {
    return this.#nextQueryId++
  }

  /**
   * Creates a namespace with its workgroup, its admin superuser (password in a managed
   * secret), and its first database owned by the admin, with schema `public` on which PUBLIC
   * has CREATE and USAGE (D-8).
   */
  async createNamespace(options: NamespaceOptions): Promise<NamespaceInfo> {
    if (!NAMESPACE_NAME.test(options.name))
      throw new RedshiftLocalError(
        'CONFIG',
        `namespace name ${JSON.stringify(options.name)} must be 3–64 lower-case letters, digits or hyphens`,
        { field: 'name' },
      )
    const workgroup = options.workgroup ?? options.name
    if (!/^[a-z0-9-]{3,63}$/.test(workgroup))
      throw new RedshiftLocalError(
        'CONFIG',
        `workgroup name ${JSON.stringify(workgroup)} must be 3–63 lower-case letters, digits or hyphens`,
        {
          field: 'workgroup',
        },
      )
    if (this.namespace(options.name) || this.namespace(workgroup))
      throw new RedshiftLocalError(
        'CONFIG',
        `namespace or workgroup ${options.name} already exists`,
        { field: 'name' },
      )
    const id = options.id ?? randomUUID()
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id))
      throw new RedshiftLocalError(
        'CONFIG',
        `namespace id ${JSON.stringify(id)} must be a lower-case GUID`,
        { field: 'id' },
      )
    const adminUser = options.adminUser ?? 'admin'
    const password = options.adminPassword ?? `Rs1${randomBytes(12).toString('base64url')}`
    const dbName = options.dbName ?? 'dev'
    const c = await this.engine.connect()
    try {
      await c.exec('BEGIN')
      const ns = await c.query(
        'INSERT INTO rsl.namespace (id, name, account, admin_user, customized_admin, default_iam_role) VALUES ($1, $2, $3, $4, true, $5) RETURNING num',
        [id, options.name, this.account, adminUser, options.defaultIamRole ?? null],
      )
      const num = Number(ns.rows[0]![0])
      const publicRole = `${this.rolePrefix}n${num}`
      await c.exec(`CREATE ROLE ${pgIdent(publicRole)} NOLOGIN`)
      const info: NamespaceInfo = {
        id,
        num,
        name: options.name,
        workgroup,
        account: this.account,
        adminUser,
        adminSecretArn: `arn:aws:secretsmanager:${this.region}:${this.account}:secret:redshift!${options.name}-${adminUser}-${SECRET_SUFFIX()}`,
        database: dbName,
        defaultIamRole: options.defaultIamRole,
        publicRole,
        publiclyAccessible: options.publiclyAccessible ?? false,
        baseCapacity: options.baseCapacity ?? 128,
        maxCapacity: options.maxCapacity,
        createdAt: new Date(),
      }
      await c.query('UPDATE rsl.namespace SET info = $2::jsonb WHERE id = $1', [
        id,
        JSON.stringify({
          workgroup,
          adminSecretArn: info.adminSecretArn,
          database: dbName,
          publiclyAccessible: info.publiclyAccessible,
          baseCapacity: info.baseCapacity,
          maxCapacity: info.maxCapacity,
          createdAt: info.createdAt.toISOString(),
        }),
      ])
      // The managed admin secret (R-IAM-6): Secrets Manager holds it in plain text, and so does
      // the emulated account's catalog.
      await c.query('INSERT INTO rsl.secret (arn, username, password) VALUES ($1, $2, $3)', [
        info.adminSecretArn,
        adminUser,
        password,
      ])
      const admin = await createPrincipal(c, this, info, adminUser, 'user', {
        superuser: true,
        password,
      })
      if (options.creator)
        await createPrincipal(c, this, info, options.creator, 'user', { superuser: true })
      for (const role of [
        'sys:superuser',
        'sys:secadmin',
        'sys:dba',
        'sys:operator',
        'sys:monitor',
      ])
        await createPrincipal(c, this, info, role, 'role', {})
      // What the system-defined roles hold (D-15, DG:r_roles-default).
      await c.exec(seedSystemRolesSql())
      await createDatabase(c, info, dbName, admin.id, admin.physical)
      await c.exec('COMMIT')
      this.#namespaces.set(id, info)
      this.#secrets.set(info.adminSecretArn, { username: adminUser, password })
      this.catalogVersion++
      return info
    } catch (error) {
      if (c.inTransaction) await c.exec('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      await c.release()
    }
  }

  /**
   * Opens a session on a workgroup's database as an identity: a password user, an IAM caller
   * (auto-created on first use, R-IAM-2), a secret of the account, or a trusted user.
   */
  async connect(options: {
    readonly workgroup: string
    readonly database: string
    readonly identity: Identity
  }): Promise<Session> {
    const ns = this.namespace(options.workgroup)
    if (!ns)
      throw new RedshiftLocalError('SQL', `workgroup ${options.workgroup} does not exist`, {
        sqlstate: '08006',
      })
    const session = await Session.open(this, ns, options.database, options.identity)
    this.#sessions.add(session)
    session.onClose(() => this.#sessions.delete(session))
    return session
  }

  /**
   * A session from the pool of idle connections for this workgroup, database and identity (a
   * new one when none is idle). Give it back with {@link release}: it is reset — transaction
   * rolled back, search_path and settings as new — so the next user finds a fresh connection.
   * The Data API runs each statement outside a session this way.
   */
  async acquire(options: {
    readonly workgroup: string
    readonly database: string
    readonly identity: Identity
  }): Promise<Session> {
    if (this.#poolVersion !== this.catalogVersion) {
      // Users, roles or databases changed: drop idle connections rather than check each.
      const idle = [...this.#pool.values()].flat()
      this.#pool.clear()
      this.#poolVersion = this.catalogVersion
      for (const s of idle) await s.close().catch(() => undefined)
    }
    const key = poolKey(options)
    const idle = this.#pool.get(key)
    const s = idle?.pop()
    if (s && !s.closed) return s
    const fresh = await this.connect(options)
    poolKeys.set(fresh, key)
    return fresh
  }

  /** Returns a session from {@link acquire} to the pool (or closes it when the pool is full). */
  async release(session: Session): Promise<void> {
    const key = poolKeys.get(session)
    if (!key || session.closed) return
    if (this.#poolVersion !== this.catalogVersion) {
      await session.close()
      return
    }
    try {
      await session.reset()
    } catch {
      await session.close().catch(() => undefined)
      return
    }
    const idle = this.#pool.get(key) ?? []
    if (idle.length >= 4) await session.close()
    else {
      idle.push(session)
      this.#pool.set(key, idle)
    }
  }

  /** Runs one statement on a fresh session and closes it (a convenience for tests and tools). */
  async run(
    workgroup: string,
    database: string,
    identity: Identity,
    sql: string,
  ): Promise<import('./types.js').QueryResult[]> {
    const s = await this.connect({ workgroup, database, identity })
    try {
      return await s.execute(sql)
    } finally {
      await s.close()
    }
  }

  async close(): Promise<void> {
    this.#pool.clear()
    for (const s of [...this.#sessions]) await s.close().catch(() => undefined)
    await this.engine.close()
  }
}

const poolKeys = new WeakMap<Session, string>()

function poolKey(o: {
  readonly workgroup: string
  readonly database: string
  readonly identity: Identity
}): string {
  const i = o.identity
  const who =
    i.kind === 'password'
      ? `password:${i.user}:${hashPassword(i.password)}`
      : i.kind === 'iam'
        ? `iam:${i.dbUser}`
        : i.kind === 'secret'
          ? `secret:${i.arn}`
          : `trusted:${i.user}`
  return JSON.stringify([o.workgroup, o.database, who])
}

export interface QueryLogEntry {
  user_id: number
  query_id: number
  query_label: string
  transaction_id: number
  session_id: number
  database_name: string
  query_type: string
  status: string
  start_time: Date
  end_time: Date | null
  error_message: string | null
  returned_rows: number
  query_text: string
  namespace_id: string
}

export interface LoadErrorEntry {
  user_id: number
  query_id: number
  session_id: number
  database_name: string
  table_id: number
  start_time: Date
  file_name: string
  line_number: number
  column_name: string
  column_type: string
  column_length: string
  position: number
  error_code: number
  error_message: string
  raw_line: string
  raw_field_value: string
  namespace_id: string
}

/** Hash of a password as the catalog keeps it (never the password itself). */
export function hashPassword(password: string): string {
  return createHash('sha256').update(password).digest('hex')
}

type Conn = Awaited<ReturnType<Engine['connect']>>

/** Creates a user, role or group of a namespace and its physical role; returns its id. */
export async function createPrincipal(
  c: Conn,
  rs: LocalRedshift,
  ns: NamespaceInfo,
  name: string,
  kind: 'user' | 'role' | 'group',
  o: { superuser?: boolean; createdb?: boolean; password?: string | null },
): Promise<{ id: number; physical: string }> {
  const r = await c.query(
    `INSERT INTO rsl.principal (namespace_id, name, kind, physical, superuser, createdb, password_hash)
     VALUES ($1, $2, $3, '', $4, $5, $6) RETURNING id`,
    [
      ns.id,
      name,
      kind,
      o.superuser ? 't' : 'f',
      o.createdb ? 't' : 'f',
      o.password ? hashPassword(o.password) : null,
    ],
  )
  const id = Number(r.rows[0]![0])
  const physical = `${rs.rolePrefix}${kind[0]}${id}`
  await c.query('UPDATE rsl.principal SET physical = $2 WHERE id = $1', [String(id), physical])
  await c.exec(
    `CREATE ROLE ${pgIdent(physical)} NOLOGIN ${o.superuser ? 'SUPERUSER' : 'NOSUPERUSER'} IN ROLE ${pgIdent(ns.publicRole)}`,
  )
  return { id, physical }
}

/** Creates a local database: its catalog row and its `public` schema (PUBLIC: CREATE, USAGE). */
export async function createDatabase(
  c: Conn,
  ns: NamespaceInfo,
  name: string,
  ownerId: number,
  ownerPhysical: string,
): Promise<number> {
  const r = await c.query(
    "INSERT INTO rsl.database (namespace_id, name, owner_id, kind) VALUES ($1, $2, $3, 'local') RETURNING id",
    [ns.id, name, String(ownerId)],
  )
  const id = Number(r.rows[0]![0])
  const schema = pgIdent(physicalSchema(id, 'public'))
  await c.exec(
    `CREATE SCHEMA ${schema} AUTHORIZATION ${pgIdent(ownerPhysical)}; GRANT USAGE, CREATE ON SCHEMA ${schema} TO ${pgIdent(ns.publicRole)}; COMMENT ON SCHEMA ${schema} IS ${pgLiteral(`${ns.name}/${name}`)}`,
  )
  return id
}

export { ruleError }
