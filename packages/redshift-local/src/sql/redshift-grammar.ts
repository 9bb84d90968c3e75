import { SYSTEM_PERMISSIONS, type SystemPermission } from '../catalog/system-permissions.js'
import { Cursor, type QualifiedName } from './cursor.js'
import type { Token } from './lexer.js'

/** Who a privilege or a policy goes to. */
export type Grantee =
  | { readonly kind: 'user'; readonly name: string }
  | { readonly kind: 'role'; readonly name: string }
  | { readonly kind: 'group'; readonly name: string }
  | { readonly kind: 'public' }

export type ShareTarget =
  | { readonly kind: 'namespace'; readonly id: string; readonly account?: string }
  | { readonly kind: 'account'; readonly id: string }
  | { readonly kind: 'grantee'; readonly grantees: readonly Grantee[] }

export type DatashareAlter =
  | {
      readonly op: 'add' | 'remove'
      readonly objectType: 'schema' | 'table' | 'function' | 'all-tables' | 'all-functions'
      readonly names: readonly QualifiedName[]
    }
  | { readonly op: 'set-publicly-accessible'; readonly value: boolean }
  | { readonly op: 'set-include-new'; readonly value: boolean; readonly schema: string }

/** A column of a policy's WITH list. */
export interface PolicyColumn {
  readonly name: string
  readonly type: string
}

/** The option list of a COPY, keyword → argument (`true` for a bare keyword). */
export type CopyOptions = ReadonlyMap<string, string | number | true>

/** Redshift statements PostgreSQL's parser does not know, or reads differently. */
export type RedshiftCommand =
  | {
      readonly kind: 'create-datashare'
      readonly name: string
      readonly publiclyAccessible?: boolean
    }
  | { readonly kind: 'alter-datashare'; readonly name: string; readonly change: DatashareAlter }
  | { readonly kind: 'drop-datashare'; readonly name: string }
  | {
      readonly kind: 'grant-datashare'
      readonly revoke: boolean
      readonly privilege: 'usage' | 'alter' | 'share' | 'all'
      readonly share: string
      readonly target: ShareTarget
    }
  | {
      readonly kind: 'create-database'
      readonly name: string
      readonly fromShare?: {
        readonly share: string
        readonly account?: string
        readonly namespace?: string
      }
      readonly withPermissions: boolean
      readonly owner?: string
      readonly isolation?: 'snapshot' | 'serializable'
    }
  | { readonly kind: 'drop-database'; readonly name: string }
  | {
      readonly kind: 'grant'
      readonly revoke: boolean
      readonly privileges: readonly string[]
      readonly object: GrantObject
      readonly grantees: readonly Grantee[]
      readonly grantOption: boolean
    }
  | {
      /** `GRANT { CREATE DATASHARE | … } [, …] | ALL [PRIVILEGES] TO ROLE r` (D-15). */
      readonly kind: 'grant-system'
      readonly revoke: boolean
      /** As written; empty with `all`. */
      readonly permissions: readonly SystemPermission[]
      readonly all: boolean
      readonly grantees: readonly Grantee[]
    }
  | {
      readonly kind: 'grant-role'
      readonly revoke: boolean
      readonly roles: readonly string[]
      readonly grantees: readonly Grantee[]
    }
  | {
      readonly kind: 'create-user'
      readonly name: string
      readonly password?: string | null
      readonly createdb: boolean
      readonly superuser: boolean
      readonly inGroups: readonly string[]
    }
  | {
      readonly kind: 'alter-user'
      readonly name: string
      readonly password?: string | null
      readonly createdb?: boolean
      readonly superuser?: boolean
    }
  | { readonly kind: 'drop-user'; readonly names: readonly string[]; readonly ifExists: boolean }
  | { readonly kind: 'create-role'; readonly name: string }
  | { readonly kind: 'drop-role'; readonly name: string; readonly force: boolean }
  | { readonly kind: 'create-group'; readonly name: string; readonly users: readonly string[] }
  | {
      readonly kind: 'create-rls-policy'
      readonly name: QualifiedName
      readonly columns: readonly PolicyColumn[]
      readonly alias?: string
      readonly using: readonly Token[]
    }
  | {
      readonly kind: 'alter-rls-policy'
      readonly name: QualifiedName
      readonly using: readonly Token[]
    }
  | {
      readonly kind: 'attach-rls-policy' | 'detach-rls-policy'
      readonly name: QualifiedName
      readonly relations: readonly QualifiedName[]
      readonly grantees: readonly Grantee[]
    }
  | {
      readonly kind: 'drop-rls-policy'
      readonly name: QualifiedName
      readonly ifExists: boolean
      readonly cascade: boolean
    }
  | {
      readonly kind: 'alter-table-rls'
      readonly relation: QualifiedName
      readonly on: boolean
      readonly conjunction?: 'and' | 'or'
      readonly forDatashares: boolean
    }
  | { readonly kind: 'alter-table-masking'; readonly relation: QualifiedName; readonly on: boolean }
  | {
      readonly kind: 'create-masking-policy'
      readonly name: QualifiedName
      readonly ifNotExists: boolean
      readonly columns: readonly PolicyColumn[]
      readonly using: readonly (readonly Token[])[]
    }
  | {
      readonly kind: 'alter-masking-policy'
      readonly name: QualifiedName
      readonly using: readonly (readonly Token[])[]
    }
  | {
      readonly kind: 'attach-masking-policy'
      readonly name: QualifiedName
      readonly relation: QualifiedName
      readonly outputs: readonly string[]
      readonly inputs?: readonly string[]
      readonly grantees: readonly Grantee[]
      readonly priority?: number
    }
  | {
      readonly kind: 'detach-masking-policy'
      readonly name: QualifiedName
      readonly relation: QualifiedName
      readonly outputs: readonly string[]
      readonly grantees: readonly Grantee[]
    }
  | { readonly kind: 'drop-masking-policy'; readonly name: QualifiedName }
  | {
      readonly kind: 'copy'
      readonly table: QualifiedName
      readonly columns?: readonly string[]
      readonly from: string
      readonly options: CopyOptions
    }
  | { readonly kind: 'unload' }
  | { readonly kind: 'transaction'; readonly op: 'begin' | 'commit' | 'rollback' }
  | {
      readonly kind: 'set'
      readonly name: string
      readonly value: readonly Token[] | 'default'
      readonly local: boolean
    }
  | { readonly kind: 'reset'; readonly name: string }
  | { readonly kind: 'show'; readonly name: string }
  | { readonly kind: 'maintenance'; readonly verb: 'vacuum' | 'analyze' }

export type GrantObject =
  | { readonly type: 'database'; readonly names: readonly string[] }
  | { readonly type: 'schema'; readonly names: readonly QualifiedName[] }
  | { readonly type: 'table'; readonly names: readonly QualifiedName[] }
  | { readonly type: 'all-tables'; readonly schemas: readonly QualifiedName[] }
  | { readonly type: 'function'; readonly names: readonly QualifiedName[] }
  | { readonly type: 'all-functions'; readonly schemas: readonly QualifiedName[] }

/**
 * Parses the Redshift-only statements (datashares, policies, COPY from S3, users and grants,
 * transaction control, settings); returns undefined for everything else, which goes to the
 * PostgreSQL parser after {@link preprocessCreateTable}.
 */
export function parseRedshiftCommand(
  sql: string,
  tokens: readonly Token[],
): RedshiftCommand | undefined {
  const c = new Cursor(sql, tokens)
  const first = c.peek()
  if (first?.kind !== 'word') return undefined
  const cmd = dispatch(c)
  if (cmd) c.end()
  return cmd
}

function dispatch(c: Cursor): RedshiftCommand | undefined {
  if (c.isWord('create', 'datashare')) {
    c.i += 2
    const name = c.ident('datashare name')
    let publiclyAccessible: boolean | undefined
    if (c.acceptWord('set') || c.isWord('publicaccessible')) {
      c.expectWord('publicaccessible')
      c.acceptOp('=')
      publiclyAccessible = c.boolean()
    }
    return publiclyAccessible === undefined
      ? { kind: 'create-datashare', name }
      : { kind: 'create-datashare', name, publiclyAccessible }
  }
  if (c.acceptWord('alter', 'datashare')) {
    const name = c.ident('datashare name')
    return { kind: 'alter-datashare', name, change: datashareChange(c) }
  }
  if (c.acceptWord('drop', 'datashare'))
    return { kind: 'drop-datashare', name: c.ident('datashare name') }
  if (c.isWord('grant') || c.isWord('revoke')) return grant(c)
  if (c.isWord('create', 'database')) {
    c.i += 2
    return createDatabase(c)
  }
  if (c.acceptWord('drop', 'database'))
    return { kind: 'drop-database', name: c.ident('database name') }
  if (c.acceptWord('create', 'user')) return createUser(c)
  if (c.acceptWord('alter', 'user')) return alterUser(c)
  if (c.acceptWord('drop', 'user')) {
    const ifExists = c.acceptWord('if', 'exists')
    return { kind: 'drop-user', names: c.list(() => c.userName()), ifExists }
  }
  if (c.acceptWord('create', 'role')) return { kind: 'create-role', name: c.ident('role name') }
  if (c.acceptWord('drop', 'role')) {
    const name = c.ident('role name')
    return { kind: 'drop-role', name, force: c.acceptWord('force') }
  }
  if (c.acceptWord('create', 'group')) {
    const name = c.ident('group name')
    const users = c.acceptWord('with', 'user') ? c.list(() => c.ident('user name')) : []
    return { kind: 'create-group', name, users }
  }
  if (c.isWord('create', 'rls', 'policy')) {
    c.i += 3
    return createRlsPolicy(c)
  }
  if (c.acceptWord('alter', 'rls', 'policy')) {
    const name = c.qualifiedName('policy name', 2)
    c.expectWord('using')
    return { kind: 'alter-rls-policy', name, using: c.parenthesized() }
  }
  if (c.isWord('attach', 'rls', 'policy') || c.isWord('detach', 'rls', 'policy')) {
    const attach = c.isWord('attach')
    c.i += 3
    const name = c.qualifiedName('policy name', 2)
    c.expectWord('on')
    c.acceptWord('table')
    const relations = c.list(() => c.qualifiedName('relation'))
    c.expectWord(attach ? 'to' : 'from')
    return {
      kind: attach ? 'attach-rls-policy' : 'detach-rls-policy',
      name,
      relations,
      grantees: grantees(c),
    }
  }
  if (c.acceptWord('drop', 'rls', 'policy')) {
    const ifExists = c.acceptWord('if', 'exists')
    const name = c.qualifiedName('policy name', 2)
    const cascade = c.acceptWord('cascade')
    if (!cascade) c.acceptWord('restrict')
    return { kind: 'drop-rls-policy', name, ifExists, cascade }
  }
  if (c.isWord('create', 'masking', 'policy')) {
    c.i += 3
    const name = c.qualifiedName('policy name', 2)
    // D-4: the current syntax puts IF NOT EXISTS after the name.
    const ifNotExists = c.acceptWord('if', 'not', 'exists')
    c.expectWord('with')
    const columns = policyColumns(c)
    c.expectWord('using')
    return { kind: 'create-masking-policy', name, ifNotExists, columns, using: expressionList(c) }
  }
  if (c.acceptWord('alter', 'masking', 'policy')) {
    const name = c.qualifiedName('policy name', 2)
    c.expectWord('using')
    return { kind: 'alter-masking-policy', name, using: expressionList(c) }
  }
  if (c.isWord('attach', 'masking', 'policy') || c.isWord('detach', 'masking', 'policy')) {
    const attach = c.isWord('attach')
    c.i += 3
    const name = c.qualifiedName('policy name', 2)
    c.expectWord('on')
    const relation = c.qualifiedName('relation')
    c.expectOp('(')
    const outputs = c.list(() => c.ident('column name'))
    c.expectOp(')')
    if (!attach) {
      c.expectWord('from')
      return { kind: 'detach-masking-policy', name, relation, outputs, grantees: grantees(c) }
    }
    let inputs: string[] | undefined
    if (c.acceptWord('using')) {
      c.expectOp('(')
      inputs = c.list(() => c.ident('column name'))
      c.expectOp(')')
    }
    c.expectWord('to')
    const to = grantees(c)
    const priority = c.acceptWord('priority') ? c.number('priority') : undefined
    return {
      kind: 'attach-masking-policy',
      name,
      relation,
      outputs,
      ...(inputs ? { inputs } : {}),
      grantees: to,
      ...(priority !== undefined ? { priority } : {}),
    }
  }
  if (c.acceptWord('drop', 'masking', 'policy'))
    return { kind: 'drop-masking-policy', name: c.qualifiedName('policy name', 2) }
  if (c.isWord('alter', 'table')) {
    const save = c.i
    c.i += 2
    const relation = c.qualifiedName('table name')
    if (c.acceptWord('row', 'level', 'security')) {
      const on = c.oneOf('on', 'off') === 'on'
      let conjunction: 'and' | 'or' | undefined
      if (c.acceptWord('conjunction', 'type')) conjunction = c.oneOf('and', 'or')
      const forDatashares = c.acceptWord('for', 'datashares')
      return {
        kind: 'alter-table-rls',
        relation,
        on,
        ...(conjunction ? { conjunction } : {}),
        forDatashares,
      }
    }
    if (c.acceptWord('masking')) {
      const on = c.oneOf('on', 'off') === 'on'
      c.expectWord('for', 'datashares')
      return { kind: 'alter-table-masking', relation, on }
    }
    c.i = save
    return undefined
  }
  if (c.isWord('copy')) return copy(c)
  if (c.isWord('unload')) {
    c.i = c.tokens.length
    return { kind: 'unload' }
  }
  if (c.acceptWord('begin') || c.acceptWord('start', 'transaction')) {
    c.acceptWord('transaction') || c.acceptWord('work')
    transactionModes(c)
    return { kind: 'transaction', op: 'begin' }
  }
  if (c.acceptWord('commit') || c.acceptWord('end')) {
    c.acceptWord('transaction') || c.acceptWord('work')
    return { kind: 'transaction', op: 'commit' }
  }
  if (c.acceptWord('rollback') || c.acceptWord('abort')) {
    c.acceptWord('transaction') || c.acceptWord('work')
    return { kind: 'transaction', op: 'rollback' }
  }
  if (c.isWord('set') && !c.isWord('set', 'session', 'authorization') && !c.isWord('set', 'role')) {
    c.i++
    const local = c.acceptWord('local')
    c.acceptWord('session')
    const name = c.qualifiedName('setting name', 2).join('.')
    if (!c.acceptWord('to')) c.expectOp('=')
    if (c.acceptWord('default')) return { kind: 'set', name, value: 'default', local }
    const value = c.tokens.slice(c.i)
    c.i = c.tokens.length
    return { kind: 'set', name, value, local }
  }
  if (c.acceptWord('reset')) {
    const name = c.acceptWord('all') ? 'all' : c.qualifiedName('setting name', 2).join('.')
    return { kind: 'reset', name }
  }
  if (c.acceptWord('show')) {
    const name = c.acceptWord('all') ? 'all' : c.qualifiedName('setting name', 2).join('.')
    return { kind: 'show', name }
  }
  if (c.isWord('vacuum') || c.isWord('analyze')) {
    const verb = c.peek()!.value as 'vacuum' | 'analyze'
    c.i = c.tokens.length
    return { kind: 'maintenance', verb }
  }
  return undefined
}

function transactionModes(c: Cursor): void {
  // ISOLATION LEVEL …, READ ONLY / READ WRITE: accepted and ignored (snapshot isolation).
  while (!c.done) {
    if (c.acceptWord('isolation', 'level')) {
      while (c.peek()?.kind === 'word' && !c.isWord('read', 'only') && !c.isWord('read', 'write'))
        c.i++
    } else if (c.acceptWord('read', 'only') || c.acceptWord('read', 'write')) {
      // nothing
    } else if (!c.acceptOp(',')) break
  }
}

function datashareChange(c: Cursor): DatashareAlter {
  if (c.acceptWord('set')) {
    if (c.acceptWord('publicaccessible')) {
      c.acceptOp('=')
      return { op: 'set-publicly-accessible', value: c.boolean() }
    }
    c.expectWord('includenew')
    c.acceptOp('=')
    const value = c.boolean()
    c.expectWord('for', 'schema')
    return { op: 'set-include-new', value, schema: c.ident('schema name') }
  }
  const op = c.oneOf('add', 'remove')
  if (c.acceptWord('schema'))
    return { op, objectType: 'schema', names: c.list(() => [c.ident('schema name')]) }
  if (c.acceptWord('table'))
    return { op, objectType: 'table', names: c.list(() => c.qualifiedName('table name', 2)) }
  if (c.acceptWord('function'))
    return {
      op,
      objectType: 'function',
      names: c.list(() => {
        const n = c.qualifiedName('function name', 2)
        c.parenthesized()
        return n
      }),
    }
  c.expectWord('all')
  if (c.acceptWord('tables', 'in', 'schema'))
    return { op, objectType: 'all-tables', names: c.list(() => [c.ident('schema name')]) }
  c.expectWord('functions', 'in', 'schema')
  return { op, objectType: 'all-functions', names: c.list(() => [c.ident('schema name')]) }
}

function grantees(c: Cursor): Grantee[] {
  return c.list((): Grantee => {
    if (c.acceptWord('public')) return { kind: 'public' }
    if (c.acceptWord('role')) return { kind: 'role', name: c.ident('role name') }
    if (c.acceptWord('group')) return { kind: 'group', name: c.ident('group name') }
    return { kind: 'user', name: c.userName() }
  })
}

const PRIVILEGES = new Set([
  'select',
  'insert',
  'update',
  'delete',
  'drop',
  'references',
  'alter',
  'truncate',
  'usage',
  'create',
  'temporary',
  'temp',
  'execute',
  'all',
  'share',
  'assumerole',
])

function grant(c: Cursor): RedshiftCommand {
  const revoke = c.isWord('revoke')
  c.i++
  if (revoke) c.acceptWord('grant', 'option', 'for')
  // GRANT ROLE r TO …
  if (c.acceptWord('role')) {
    const roles = c.list(() => c.ident('role name'))
    c.expectWord(revoke ? 'from' : 'to')
    return { kind: 'grant-role', revoke, roles, grantees: grantees(c) }
  }
  const system = systemPermissions(c, revoke)
  if (system) return system
  const privileges: string[] = []
  do {
    const t = c.peek()
    if (t?.kind !== 'word' || !PRIVILEGES.has(t.value)) c.fail('expected a privilege')
    c.i++
    privileges.push(t!.value === 'temp' ? 'temporary' : t!.value)
    if (t!.value === 'all') c.acceptWord('privileges')
    // Column lists (SELECT (a, b)) are parsed and refused later.
    if (c.isOp('(')) c.fail('column-level privileges are not emulated')
  } while (c.acceptOp(','))
  c.expectWord('on')
  if (c.acceptWord('datashare')) {
    const share = c.ident('datashare name')
    c.expectWord(revoke ? 'from' : 'to')
    let target: ShareTarget
    if (c.acceptWord('namespace')) target = { kind: 'namespace', id: c.string('namespace id') }
    else if (c.acceptWord('account')) {
      const id = c.string('account id')
      if (c.acceptWord('namespace'))
        target = { kind: 'namespace', id: c.string('namespace id'), account: id }
      else target = { kind: 'account', id }
      c.acceptWord('via', 'data', 'catalog')
    } else target = { kind: 'grantee', grantees: grantees(c) }
    const priv = privileges[0] as 'usage' | 'alter' | 'share' | 'all'
    if (privileges.length !== 1 || !['usage', 'alter', 'share', 'all'].includes(priv))
      c.fail('a datashare takes USAGE, ALTER, SHARE or ALL')
    return { kind: 'grant-datashare', revoke, privilege: priv, share, target }
  }
  let object: GrantObject
  if (c.acceptWord('database'))
    object = { type: 'database', names: c.list(() => c.ident('database name')) }
  else if (c.acceptWord('schema'))
    object = { type: 'schema', names: c.list(() => c.qualifiedName('schema name', 2)) }
  else if (c.acceptWord('all', 'tables', 'in', 'schema'))
    object = { type: 'all-tables', schemas: c.list(() => c.qualifiedName('schema name', 2)) }
  else if (c.acceptWord('all', 'functions', 'in', 'schema'))
    object = { type: 'all-functions', schemas: c.list(() => c.qualifiedName('schema name', 2)) }
  else if (c.acceptWord('function') || c.acceptWord('procedure'))
    object = {
      type: 'function',
      names: c.list(() => {
        const n = c.qualifiedName('function name', 3)
        c.parenthesized()
        return n
      }),
    }
  else {
    c.acceptWord('table')
    object = { type: 'table', names: c.list(() => c.qualifiedName('table name')) }
  }
  c.expectWord(revoke ? 'from' : 'to')
  const to = grantees(c)
  const grantOption = !revoke && c.acceptWord('with', 'grant', 'option')
  if (revoke) c.acceptWord('cascade') || c.acceptWord('restrict')
  return { kind: 'grant', revoke, privileges, object, grantees: to, grantOption }
}

/** The words of each system permission, longest first (`CREATE OR REPLACE FUNCTION` …). */
const SYSTEM_PERMISSION_WORDS = SYSTEM_PERMISSIONS.map((p) => ({
  permission: p,
  words: p.toLowerCase().split(' '),
})).sort((a, b) => b.words.length - a.words.length)

/**
 * `GRANT { system permission [, …] | ALL [PRIVILEGES] } TO …` (DG:r_GRANT, "granting system
 * permissions to roles"), or undefined when the privileges are followed by ON: an object grant.
 */
function systemPermissions(c: Cursor, revoke: boolean): RedshiftCommand | undefined {
  const start = c.i
  const permissions: SystemPermission[] = []
  let all = false
  do {
    if (c.acceptWord('all')) {
      c.acceptWord('privileges')
      all = true
      continue
    }
    const found = SYSTEM_PERMISSION_WORDS.find((p) => c.isWord(...p.words))
    if (!found) {
      c.i = start
      return undefined
    }
    c.i += found.words.length
    permissions.push(found.permission)
  } while (c.acceptOp(','))
  if (!c.acceptWord(revoke ? 'from' : 'to')) {
    c.i = start
    return undefined
  }
  if (all && permissions.length > 0) c.fail('ALL PRIVILEGES stands alone')
  return { kind: 'grant-system', revoke, permissions, all, grantees: grantees(c) }
}

function createDatabase(c: Cursor): RedshiftCommand {
  const name = c.ident('database name')
  let withPermissions = false
  let owner: string | undefined
  let isolation: 'snapshot' | 'serializable' | undefined
  for (;;) {
    if (c.acceptWord('with', 'permissions')) withPermissions = true
    else if (c.acceptWord('with')) continue
    else if (c.acceptWord('owner')) {
      c.acceptOp('=')
      owner = c.ident('owner')
    } else if (c.acceptWord('isolation', 'level')) {
      isolation = c.oneOf('snapshot', 'serializable')
    } else break
  }
  if (c.acceptWord('from', 'datashare')) {
    const share = c.ident('datashare name')
    c.expectWord('of')
    let account: string | undefined
    let namespace: string | undefined
    if (c.acceptWord('account')) account = c.string('account id')
    if (c.acceptWord('namespace')) namespace = c.string('namespace id')
    return {
      kind: 'create-database',
      name,
      withPermissions,
      fromShare: { share, ...(account ? { account } : {}), ...(namespace ? { namespace } : {}) },
    }
  }
  return {
    kind: 'create-database',
    name,
    withPermissions,
    ...(owner ? { owner } : {}),
    ...(isolation ? { isolation } : {}),
  }
}

function passwordValue(c: Cursor): string | null {
  if (c.acceptWord('disable')) return null
  return c.string('password')
}

function createUser(c: Cursor): RedshiftCommand {
  const name = c.userName()
  c.acceptWord('with')
  let password: string | null | undefined
  let createdb = false
  let superuser = false
  const inGroups: string[] = []
  while (!c.done) {
    if (c.acceptWord('password')) password = passwordValue(c)
    else if (c.acceptWord('createdb')) createdb = true
    else if (c.acceptWord('nocreatedb')) createdb = false
    else if (c.acceptWord('createuser')) superuser = true
    else if (c.acceptWord('nocreateuser')) superuser = false
    else if (c.acceptWord('in', 'group')) inGroups.push(...c.list(() => c.ident('group name')))
    else if (c.acceptWord('syslog', 'access')) c.ident()
    else if (c.acceptWord('valid', 'until')) c.string()
    else if (c.acceptWord('connection', 'limit')) c.isWord('unlimited') ? c.i++ : c.number()
    else if (c.acceptWord('session', 'timeout')) c.number()
    else if (c.acceptWord('externalid')) c.string()
    else c.fail('unknown CREATE USER option')
  }
  return {
    kind: 'create-user',
    name,
    ...(password !== undefined ? { password } : {}),
    createdb,
    superuser,
    inGroups,
  }
}

function alterUser(c: Cursor): RedshiftCommand {
  const name = c.userName()
  c.acceptWord('with')
  let password: string | null | undefined
  let createdb: boolean | undefined
  let superuser: boolean | undefined
  while (!c.done) {
    if (c.acceptWord('password')) password = passwordValue(c)
    else if (c.acceptWord('createdb')) createdb = true
    else if (c.acceptWord('nocreatedb')) createdb = false
    else if (c.acceptWord('createuser')) superuser = true
    else if (c.acceptWord('nocreateuser')) superuser = false
    else if (c.acceptWord('valid', 'until')) c.string()
    else if (c.acceptWord('connection', 'limit')) c.isWord('unlimited') ? c.i++ : c.number()
    else if (c.acceptWord('session', 'timeout')) c.number()
    else c.fail('unknown ALTER USER option')
  }
  return {
    kind: 'alter-user',
    name,
    ...(password !== undefined ? { password } : {}),
    ...(createdb !== undefined ? { createdb } : {}),
    ...(superuser !== undefined ? { superuser } : {}),
  }
}

function policyColumns(c: Cursor): PolicyColumn[] {
  c.expectOp('(')
  const cols = c.list(() => ({ name: c.ident('column name'), type: c.typeName() }))
  c.expectOp(')')
  return cols
}

function expressionList(c: Cursor): Token[][] {
  const inner = c.parenthesized()
  const out: Token[][] = [[]]
  let depth = 0
  for (const t of inner) {
    if (t.kind === 'op' && (t.value === '(' || t.value === '[')) depth++
    if (t.kind === 'op' && (t.value === ')' || t.value === ']')) depth--
    if (depth === 0 && t.kind === 'op' && t.value === ',') out.push([])
    else out[out.length - 1]!.push(t)
  }
  if (out.some((e) => e.length === 0)) c.fail('empty expression')
  return out
}

function createRlsPolicy(c: Cursor): RedshiftCommand {
  const name = c.qualifiedName('policy name', 2)
  let columns: PolicyColumn[] = []
  let alias: string | undefined
  if (c.acceptWord('with')) {
    columns = policyColumns(c)
    if (c.acceptWord('as') || (c.peek()?.kind !== undefined && !c.isWord('using')))
      alias = c.ident('alias')
  }
  c.expectWord('using')
  return {
    kind: 'create-rls-policy',
    name,
    columns,
    ...(alias ? { alias } : {}),
    using: c.parenthesized(),
  }
}

/** COPY options that take an argument, and how many. */
const COPY_ARGS: Readonly<
  Record<string, 'string' | 'word' | 'number' | 'string-or-word' | 'none'>
> = {
  iam_role: 'string-or-word',
  credentials: 'string',
  access_key_id: 'string',
  secret_access_key: 'string',
  session_token: 'string',
  region: 'string',
  manifest: 'none',
  encrypted: 'none',
  gzip: 'none',
  bzip2: 'none',
  lzop: 'none',
  zstd: 'none',
  csv: 'none',
  json: 'string-or-word',
  avro: 'string-or-word',
  delimiter: 'string',
  fixedwidth: 'string',
  quote: 'string',
  null: 'string',
  emptyasnull: 'none',
  blanksasnull: 'none',
  dateformat: 'string-or-word',
  timeformat: 'string-or-word',
  ignoreheader: 'number',
  ignoreblanklines: 'none',
  maxerror: 'number',
  truncatecolumns: 'none',
  trimblanks: 'none',
  acceptinvchars: 'string-or-word',
  acceptanydate: 'none',
  fillrecord: 'none',
  removequotes: 'none',
  escape: 'none',
  explicit_ids: 'none',
  statupdate: 'word',
  compupdate: 'word',
  comprows: 'number',
  noload: 'none',
  roundec: 'none',
  ssh: 'none',
  readratio: 'number',
  encoding: 'word',
}

function copy(c: Cursor): RedshiftCommand {
  c.expectWord('copy')
  const table = c.qualifiedName('table name')
  let columns: string[] | undefined
  if (c.acceptOp('(')) {
    columns = c.list(() => c.ident('column name'))
    c.expectOp(')')
  }
  c.expectWord('from')
  const from = c.string('data source')
  const options = new Map<string, string | number | true>()
  while (!c.done) {
    if (c.acceptWord('with')) continue
    if (c.acceptWord('format')) {
      c.acceptWord('as')
      const t = c.ident('format')
      options.set('format', t)
      if (['json', 'avro'].includes(t) && c.peek()?.kind === 'string') options.set(t, c.string())
      continue
    }
    if (c.acceptWord('parquet') || c.acceptWord('orc')) {
      options.set('format', c.tokens[c.i - 1]!.value)
      continue
    }
    const t = c.peek()!
    if (t.kind !== 'word') c.fail('expected a COPY parameter')
    const key = t.value
    const kind = COPY_ARGS[key]
    if (!kind) c.fail(`unknown COPY parameter ${key.toUpperCase()}`)
    c.i++
    // `AS` is optional after these keywords (COPY's documented syntax).
    if (
      [
        'null',
        'delimiter',
        'quote',
        'dateformat',
        'timeformat',
        'acceptinvchars',
        'ignoreheader',
        'maxerror',
      ].includes(key)
    )
      c.acceptWord('as')
    switch (kind) {
      case 'none':
        options.set(key, true)
        break
      case 'string':
        options.set(key, c.copyString(`${key.toUpperCase()} value`))
        break
      case 'number':
        options.set(key, c.number(`${key.toUpperCase()} value`))
        break
      case 'word':
        options.set(key, c.ident(`${key.toUpperCase()} value`))
        break
      case 'string-or-word':
        if (c.peek()?.kind === 'string') options.set(key, c.copyString())
        else if (key === 'acceptinvchars' && (c.done || c.peek()?.kind === 'word'))
          options.set(key, true)
        else options.set(key, c.ident(`${key.toUpperCase()} value`))
        break
    }
  }
  return { kind: 'copy', table, ...(columns ? { columns } : {}), from, options }
}
