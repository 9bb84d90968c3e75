import { airlineModel, DW, quoteIdent, RSP_META } from '@redshift-playground/schema/model'
import type { Kysely } from 'kysely'
import {
  type DataClient,
  describeIdentity,
  type WorkgroupAccess,
  workgroupAccess,
} from '../share/redshift-share.js'
import type { IdentityChoice } from './identity-args.js'
import type { ServerlessClient } from './wait-for-workgroups.js'

export { type IdentityChoice, identityArgs, identityChoice } from './identity-args.js'

/** An admin step cannot run: the namespace is missing, or no identity can run it. */
export class AdminIdentityError extends Error {
  readonly code: 'NAMESPACE_NOT_FOUND' | 'NO_ADMIN_IDENTITY'
  readonly workgroup: string
  /** What to do about it. */
  readonly fix: string
  constructor(
    code: AdminIdentityError['code'],
    workgroup: string,
    problem: string,
    fix: string,
    cause?: unknown,
  ) {
    super(`${problem}. Fix: ${fix}`, cause === undefined ? undefined : { cause })
    this.name = 'AdminIdentityError'
    this.code = code
    this.workgroup = workgroup
    this.fix = fix
  }
}

const IAM_FIX =
  '--iam-identity after granting your IAM identity the privileges listed in docs/deploy-on-aws.md'
const noSecretFix = (workgroup: string, role: 'producer' | 'consumer') =>
  role === 'producer'
    ? `pass --secret-arn (or set load.secretArn) with a Secrets Manager secret of an admin user of ${workgroup}, or ${IAM_FIX}`
    : `let Redshift manage the admin password of ${workgroup} (ManageAdminPassword, as the stacks do), or pass ${IAM_FIX}`

/**
 * The identity the admin steps use on one workgroup (namespaces are named like their
 * workgroups), read with GetNamespace before any statement: the given secret (producer only),
 * else the namespace's managed admin secret, or the caller's IAM identity with `iamIdentity`.
 * A namespace that does not exist, or has no managed admin secret while none was given, is an
 * {@link AdminIdentityError} naming the fix.
 */
export async function adminAccess(
  serverless: ServerlessClient,
  workgroup: string,
  choice: IdentityChoice,
  role: 'producer' | 'consumer' = 'producer',
): Promise<WorkgroupAccess> {
  try {
    return await workgroupAccess(
      serverless,
      workgroup,
      choice.iamIdentity ? { iamIdentity: true } : { secretArn: choice.secretArn },
    )
  } catch (error) {
    const e = error as { name?: string; code?: string }
    if (e.name === 'ResourceNotFoundException' || e.code === 'NAMESPACE_NOT_FOUND')
      throw new AdminIdentityError(
        'NAMESPACE_NOT_FOUND',
        workgroup,
        `namespace ${workgroup} does not exist in this account and region`,
        'run rsp deploy first (or check --region / --profile)',
        error,
      )
    if (e.code === 'NO_ADMIN_IDENTITY')
      throw new AdminIdentityError(
        'NO_ADMIN_IDENTITY',
        workgroup,
        `namespace ${workgroup} has no managed admin secret (ManageAdminPassword) and no secret was given; your IAM identity is not an admin there, so CREATE SCHEMA, COPY and the datashare statements would be refused`,
        noSecretFix(workgroup, role),
        error,
      )
    throw error
  }
}

/** Words for who ran a step: "admin via the namespace’s managed admin secret", … */
export function identityWords(a: WorkgroupAccess): string {
  return describeIdentity(a).slice(a.workgroup.length + 2)
}

/** What the admin steps need on a workgroup. */
export interface AdminNeeds {
  /** The producer's migration and COPY (CREATE SCHEMA, then INSERT on the tables it owns). */
  readonly load?: boolean
  /** Datashare statements: CREATE DATASHARE on the producer, CREATE DATABASE on consumers. */
  readonly share?: boolean
}

/** One workgroup's verdict: can the chosen identity run the admin steps there? */
export interface PreflightFinding {
  readonly workgroup: string
  readonly role: 'producer' | 'consumer'
  readonly severity: 'ok' | 'fail'
  readonly message: string
  /** What to do; empty when ok. */
  readonly remediation: string
  readonly evidence: Readonly<Record<string, string | number | boolean | null>>
  readonly access?: WorkgroupAccess
  /** With `--iam-identity`, the grants an admin of the workgroup runs to fix a refusal. */
  readonly grants?: readonly string[]
}

/** What the documented system views say about the caller on one database (undefined: unreadable). */
export interface CallerPrivileges {
  readonly user: string | undefined
  readonly superuser: boolean | undefined
  readonly createdb: boolean | undefined
  /** CREATE on the database through the user, one of its roles, or PUBLIC (SVV_DATABASE_PRIVILEGES). */
  readonly createOnDatabase: boolean | undefined
  /** The caller owns the database (SVV_REDSHIFT_DATABASES.database_owner = SVV_USER_INFO.user_id). */
  readonly ownsDatabase: boolean | undefined
  /** System permissions held through a role (SVV_SYSTEM_PRIVILEGES), e.g. CREATE DATASHARE. */
  readonly systemPrivileges: readonly string[] | undefined
  /** A shared schema (`airline_dw`, `rsp_meta`) exists on this database (SVV_ALL_SCHEMAS, every schema). */
  readonly sharedSchemaExists?: boolean | undefined
  /** The shared schemas that exist on this database, in {@link SHARED_SCHEMAS}' order. */
  readonly sharedSchemas?: readonly string[] | undefined
  /**
   * Tables of the shared schema the caller can see (SVV_TABLES lists only tables the user may
   * use): fewer than the model's means another user owns them and the caller was not granted
   * them, so published views over them could not be created.
   */
  readonly sharedTablesVisible?: number | undefined
  /** Views that could not be read, with the error. */
  readonly unreadable: Readonly<Record<string, string>>
}

/**
 * The schemas whose tables datashares hold: the star schema, and `rsp_meta` with the freshness
 * marker every share carries. An identity that did not create them needs their tables granted.
 */
export const SHARED_SCHEMAS: readonly string[] = Object.freeze([DW, RSP_META])
const modelTableCount = () =>
  Object.values(airlineModel.tables).filter((t) => SHARED_SCHEMAS.includes(t.schema)).length

const truthy = (v: unknown) => v === true || v === 't' || v === 'true' || v === 1
const text = (v: unknown) => (v === null || v === undefined ? undefined : String(v))

/** A requirement met (true), not met (false), or not confirmable (undefined: a view was unreadable). */
const anyOf = (...parts: (boolean | undefined)[]): boolean | undefined =>
  parts.some((p) => p === true) ? true : parts.some((p) => p === undefined) ? undefined : false

type ReadView = <T>(view: string, q: () => Promise<T[]>) => Promise<T[] | undefined>

/**
 * The roles the caller holds, directly (SVV_USER_GRANTS: a user sees the roles granted to it)
 * or through other roles (SVV_ROLE_GRANTS: the grants to roles it holds); undefined when either
 * view is unreadable (D-20).
 */
async function heldRoles(
  // biome-ignore lint/suspicious/noExplicitAny: system views
  db: Kysely<any>,
  read: ReadView,
): Promise<Set<string> | undefined> {
  const { sql } = await import('kysely')
  const direct = await read('SVV_USER_GRANTS', () =>
    sql<{ role_name: unknown }>`
      select role_name from svv_user_grants where user_name = current_user`
      .execute(db)
      .then((r) => r.rows),
  )
  const nested = await read('SVV_ROLE_GRANTS', () =>
    sql<{ role_name: unknown; granted_role_name: unknown }>`
      select role_name, granted_role_name from svv_role_grants`
      .execute(db)
      .then((r) => r.rows),
  )
  if (!direct || !nested) return undefined
  const held = new Set(direct.map((r) => String(r.role_name)))
  for (let grew = true; grew; ) {
    grew = false
    for (const r of nested)
      if (held.has(String(r.role_name)) && !held.has(String(r.granted_role_name))) {
        held.add(String(r.granted_role_name))
        grew = true
      }
  }
  return held
}

/**
 * Reads, as the caller's IAM identity through the Data API, what the documented system views
 * say about its privileges on `database`: SVV_USER_INFO (superuser, createdb; every user sees
 * its own row), SVV_DATABASE_PRIVILEGES (CREATE on the database), SVV_REDSHIFT_DATABASES (the
 * owner), SVV_SYSTEM_PRIVILEGES (system permissions through roles), and SVV_USER_GRANTS with
 * SVV_ROLE_GRANTS for the roles it holds: holders of ACCESS SYSTEM TABLE see the rows of every
 * identity, so only those of its own roles count. Read-only statements.
 */
export async function readCallerPrivileges(
  // biome-ignore lint/suspicious/noExplicitAny: system views
  db: Kysely<any>,
  database: string,
): Promise<CallerPrivileges> {
  const { sql } = await import('kysely')
  const unreadable: Record<string, string> = {}
  const read: ReadView = async (view, q) => {
    try {
      return await q()
    } catch (error) {
      unreadable[view] = error instanceof Error ? error.message : String(error)
      return undefined
    }
  }
  const [me] =
    (await read('current_user', () =>
      sql<{ u: string }>`select current_user as u`.execute(db).then((r) => r.rows),
    )) ?? []
  const user = text(me?.u)
  const [info] =
    (await read('SVV_USER_INFO', () =>
      sql<{ user_id: unknown; superuser: unknown; createdb: unknown }>`
        select user_id, superuser, createdb from svv_user_info where user_name = current_user`
        .execute(db)
        .then((r) => r.rows),
    )) ?? []
  // CREATE with another privilege_scope (`GRANT CREATE FOR SCHEMAS IN DATABASE …`, scoped
  // permissions) is CREATE on the database's schemas, not on the database (R-SVV-6).
  const grants = await read('SVV_DATABASE_PRIVILEGES', () =>
    sql<{ identity_name: unknown; identity_type: unknown; privilege_scope: unknown }>`
      select identity_name, identity_type, privilege_scope from svv_database_privileges
      where database_name = ${database} and privilege_type = 'CREATE'`
      .execute(db)
      .then((r) => r.rows.filter((g) => text(g.privilege_scope)?.toUpperCase() === 'DATABASE')),
  )
  const owners = await read('SVV_REDSHIFT_DATABASES', () =>
    sql<{ database_owner: unknown }>`
      select database_owner from svv_redshift_databases where database_name = ${database}`
      .execute(db)
      .then((r) => r.rows),
  )
  const roles = await heldRoles(db, read)
  const system = await read('SVV_SYSTEM_PRIVILEGES', () =>
    sql<{ system_privilege: unknown; identity_name: unknown; identity_type: unknown }>`
      select system_privilege, identity_name, identity_type from svv_system_privileges`
      .execute(db)
      .then((r) => r.rows),
  )
  const schemas = await read('SVV_ALL_SCHEMAS', () =>
    sql<{ schema_name: unknown }>`
      select schema_name from svv_all_schemas
      where database_name = ${database} and schema_name in (${sql.join([...SHARED_SCHEMAS])})`
      .execute(db)
      .then((r) => r.rows),
  )
  const tables = await read('SVV_TABLES', () =>
    sql<{ table_name: unknown }>`
      select table_name from svv_tables
      where table_catalog = ${database} and table_schema in (${sql.join([...SHARED_SCHEMAS])})
        and table_type = 'BASE TABLE'`
      .execute(db)
      .then((r) => r.rows),
  )
  // Superusers and holders of ACCESS SYSTEM TABLE (sys:monitor, sys:operator, …) see every row
  // (R-SVV-6, D-15, D-20): a row counts only for the caller itself, PUBLIC, or a role it holds.
  const mine = (r: { identity_name: unknown; identity_type: unknown }): boolean | undefined => {
    const type = text(r.identity_type)
    const name = text(r.identity_name) ?? ''
    if (type === 'public') return true
    if (type === 'user') return name === user
    if (type === 'role') return roles === undefined ? undefined : roles.has(name)
    // A group: the caller's own if it cannot see every row, but the views read here do not say
    // which groups it is in, so such a row alone confirms nothing.
    return undefined
  }
  const userId = info ? text(info.user_id) : undefined
  return {
    user,
    superuser: info ? truthy(info.superuser) : undefined,
    createdb: info ? truthy(info.createdb) : undefined,
    createOnDatabase: grants ? anyOf(...grants.map(mine)) : undefined,
    ownsDatabase:
      owners && userId !== undefined
        ? owners.some((o) => text(o.database_owner) === userId)
        : undefined,
    systemPrivileges:
      system && (roles !== undefined || !system.some((r) => mine(r) === undefined))
        ? system
            .filter((r) => mine(r) === true)
            .map((r) => String(r.system_privilege).toUpperCase())
        : undefined,
    sharedSchemaExists: schemas ? schemas.length > 0 : undefined,
    sharedSchemas: schemas
      ? SHARED_SCHEMAS.filter((name) => schemas.some((r) => text(r.schema_name) === name))
      : undefined,
    sharedTablesVisible: tables?.length,
    unreadable,
  }
}

/** The grants an IAM identity needs, as SQL an admin runs (docs/deploy-on-aws.md lists them too). */
export function grantsFor(
  role: 'producer' | 'consumer',
  user: string,
  database: string,
  needs: AdminNeeds,
  /**
   * The shared schemas that already exist (made by another user): their tables are granted
   * too. `true`: all of {@link SHARED_SCHEMAS}.
   */
  sharedSchemaExists: boolean | readonly string[] = false,
): string[] {
  const existing =
    sharedSchemaExists === true
      ? SHARED_SCHEMAS
      : sharedSchemaExists === false
        ? []
        : sharedSchemaExists
  const u = quoteIdent(user)
  if (role === 'consumer') return needs.share ? [`ALTER USER ${u} CREATEDB`] : []
  const tablePrivileges = [
    ...(needs.share || needs.load ? ['SELECT'] : []),
    ...(needs.load ? ['INSERT', 'DELETE'] : []),
  ]
  return [
    ...(needs.load || needs.share ? [`GRANT CREATE ON DATABASE ${database} TO ${u}`] : []),
    ...(tablePrivileges.length > 0
      ? existing.flatMap((schema) => [
          `GRANT USAGE${needs.load ? ', CREATE' : ''} ON SCHEMA ${schema} TO ${u}`,
          `GRANT ${tablePrivileges.join(', ')} ON ALL TABLES IN SCHEMA ${schema} TO ${u}`,
        ])
      : []),
    ...(needs.share
      ? [
          'CREATE ROLE rsp_datashare_admin',
          'GRANT CREATE DATASHARE TO ROLE rsp_datashare_admin',
          `GRANT ROLE rsp_datashare_admin TO ${u}`,
        ]
      : []),
  ]
}

/**
 * The verdict on one workgroup for an IAM identity, from what the views said. Producer: the
 * migration's CREATE SCHEMA needs a superuser, CREATE on the database, its owner or the CREATE
 * SCHEMA permission (D-9); CREATE DATASHARE needs a superuser, the database owner or the
 * CREATE DATASHARE permission (R-DS-2). Consumer: CREATE DATABASE … FROM DATASHARE needs a
 * superuser or CREATEDB (R-DS-10). A requirement the views cannot confirm fails too: the steps
 * would stop half-way otherwise.
 */
export function iamVerdict(
  role: 'producer' | 'consumer',
  p: CallerPrivileges,
  database: string,
  needs: AdminNeeds,
  /** How many tables the shared schema should hold (the model's); default: at least one. */
  expectedTables?: number,
): { readonly ok: boolean; readonly missing: readonly string[] } {
  const system = (name: string) =>
    p.systemPrivileges === undefined ? undefined : p.systemPrivileges.includes(name)
  const missing: string[] = []
  const require = (what: string, met: boolean | undefined) => {
    if (met === true) return
    missing.push(met === false ? what : `${what} (not confirmed)`)
  }
  if (role === 'producer') {
    if (needs.load || needs.share)
      require(`CREATE on database ${database} (CREATE SCHEMA airline_dw)`, anyOf(
        p.superuser,
        p.createOnDatabase,
        p.ownsDatabase,
        system('CREATE SCHEMA'),
      ))
    if (needs.share)
      require('CREATE DATASHARE (superuser, owner of the database, or the CREATE DATASHARE permission through a role)', anyOf(
        p.superuser,
        p.ownsDatabase,
        system('CREATE DATASHARE'),
      ))
    if ((needs.load || needs.share) && p.sharedSchemaExists !== false && !p.superuser)
      require(`the tables of ${SHARED_SCHEMAS.join(', ')}, made by another user (${needs.load ? 'the load writes them, ' : ''}the published views read them)`, p.sharedSchemaExists ===
        undefined || p.sharedTablesVisible === undefined
        ? undefined
        : p.sharedTablesVisible >= (expectedTables ?? 1))
  } else if (needs.share) {
    require('CREATEDB (CREATE DATABASE … FROM DATASHARE)', anyOf(p.superuser, p.createdb))
  }
  return { ok: missing.length === 0, missing }
}

/**
 * Checks, before any admin statement, that the chosen identity can run the admin steps on
 * every workgroup. With secrets (the default): GetNamespace must show a managed admin secret,
 * or a secret must be given (producer). With `iamIdentity`: the documented system views are
 * read through the Data API as the caller ({@link readCallerPrivileges}) and compared with what
 * the steps need ({@link iamVerdict}). One finding per workgroup; nothing is changed.
 */
export async function adminPreflight(o: {
  readonly serverless: ServerlessClient
  readonly data: DataClient
  readonly workgroups: readonly { readonly name: string; readonly role: 'producer' | 'consumer' }[]
  readonly database: string
  readonly choice: IdentityChoice
  readonly needs: AdminNeeds
}): Promise<PreflightFinding[]> {
  const [{ usingKysely }, { RedshiftDataDialect }] = await Promise.all([
    import('../connections/using-kysely.js'),
    import('@redshift-playground/redshift-data'),
  ])
  return Promise.all(
    o.workgroups.map(async (w): Promise<PreflightFinding> => {
      const base = { workgroup: w.name, role: w.role }
      let access: WorkgroupAccess
      try {
        access = await adminAccess(
          o.serverless,
          w.name,
          { ...o.choice, secretArn: w.role === 'producer' ? o.choice.secretArn : undefined },
          w.role,
        )
      } catch (error) {
        if (!(error instanceof AdminIdentityError)) throw error
        return {
          ...base,
          severity: 'fail',
          message: error.message.slice(0, error.message.indexOf('. Fix: ')),
          remediation: `${error.fix.charAt(0).toUpperCase()}${error.fix.slice(1)}.`,
          evidence: { code: error.code },
        }
      }
      if (access.identity.kind === 'secret')
        return {
          ...base,
          severity: 'ok',
          message: `${w.name}: admin steps run as ${identityWords(access)}`,
          remediation: '',
          evidence: { namespaceId: access.namespaceId, secretArn: access.identity.secretArn },
          access,
        }
      const dialect = new RedshiftDataDialect({
        client: o.data,
        workgroupName: w.name,
        database: o.database,
        statementName: 'rsp-preflight',
      })
      try {
        const p = await usingKysely(dialect, (db) => readCallerPrivileges(db, o.database))
        const user = p.user ?? 'IAMR:<your role>'
        const verdict = iamVerdict(w.role, p, o.database, o.needs, modelTableCount())
        const evidence = {
          user: p.user ?? null,
          superuser: p.superuser ?? null,
          createdb: p.createdb ?? null,
          createOnDatabase: p.createOnDatabase ?? null,
          ownsDatabase: p.ownsDatabase ?? null,
          systemPrivileges: p.systemPrivileges?.join(', ') ?? null,
          ...Object.fromEntries(
            Object.entries(p.unreadable).map(([view, error]) => [`unreadable ${view}`, error]),
          ),
        }
        if (verdict.ok)
          return {
            ...base,
            severity: 'ok',
            message: `${w.name}: your IAM identity ${user} holds what the admin steps need`,
            remediation: '',
            evidence,
            access,
          }
        const grants = grantsFor(
          w.role,
          user,
          o.database,
          o.needs,
          p.sharedSchemas ?? p.sharedSchemaExists === true,
        )
        return {
          ...base,
          severity: 'fail',
          message: `${w.name}: your IAM identity ${user} lacks ${verdict.missing.join('; ')}${
            Object.keys(p.unreadable).length > 0
              ? ` (could not read ${Object.keys(p.unreadable).join(', ')})`
              : ''
          }`,
          grants,
          remediation: `As an admin of ${w.name} (database ${o.database}) run: ${grants.join('; ')} — or make it a superuser (ALTER USER ${quoteIdent(user)} CREATEUSER), or drop --iam-identity to use the namespace's managed admin secret. See docs/deploy-on-aws.md.`,
          evidence,
          access,
        }
      } catch (error) {
        return {
          ...base,
          severity: 'fail',
          message: `${w.name}: the Data API refused your IAM identity: ${error instanceof Error ? error.message : String(error)}`,
          remediation:
            'Your credentials need redshift-data:ExecuteStatement, DescribeStatement, GetStatementResult and redshift-serverless:GetCredentials on the workgroup (docs/deploy-on-aws.md), or drop --iam-identity to use the managed admin secrets.',
          evidence: { error: error instanceof Error ? error.message : String(error) },
          access,
        }
      }
    }),
  )
}

/** Fails with every failing finding's message and fix (exit 1), when any failed. */
export function assertPreflight(findings: readonly PreflightFinding[]): void {
  const failed = findings.filter((f) => f.severity === 'fail')
  if (failed.length === 0) return
  throw Object.assign(
    new Error(
      `the admin identity cannot run the data steps, so none ran:\n${failed
        .map((f) => `  - ${f.message}\n    Fix: ${f.remediation}`)
        .join('\n')}`,
    ),
    { code: 'PREFLIGHT_FAILED' },
  )
}

/**
 * `shareOnRedshift`'s clients and identity options for a choice: the given secret on the
 * producer, or every side as the caller's IAM identity with `iamIdentity`.
 */
export function shareIdentity(
  choice: IdentityChoice,
  producerWorkgroup: string,
  clients: { readonly serverless: ServerlessClient; readonly data: DataClient },
): {
  readonly clients: { readonly serverless: ServerlessClient; readonly data: DataClient }
  readonly options: {
    readonly secretArns?: Readonly<Record<string, string>>
    readonly iamIdentity?: boolean
  }
} {
  if (choice.iamIdentity) return { clients, options: { iamIdentity: true } }
  return {
    clients,
    options: choice.secretArn ? { secretArns: { [producerWorkgroup]: choice.secretArn } } : {},
  }
}

/** The workgroups an admin step touches, producer first. */
export function adminWorkgroups(
  workgroups: readonly { readonly name: string; readonly role: 'producer' | 'consumer' }[],
  needs: AdminNeeds,
): { readonly name: string; readonly role: 'producer' | 'consumer' }[] {
  return workgroups.filter((w) => (w.role === 'producer' ? needs.load || needs.share : needs.share))
}
