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

/** A Redshift-only statement: its leading keywords, and its parser (called past them). */
interface CommandSyntax {
  readonly words: readonly string[]
  readonly parse: (c: Cursor) => RedshiftCommand | undefined
}

/** The Redshift-only statements, by their first keyword, in the order they are tried. */
const COMMANDS: ReadonlyMap<string, readonly CommandSyntax[]> = byFirstWord([
  { words: ['create', 'datashare'], parse: createDatashare },
  { words: ['alter', 'datashare'], parse: alterDatashare },
  {
    words: ['drop', 'datashare'],
    parse: (c) => ({ kind: 'drop-datashare', name: c.ident('datashare name') }),
  },
  { words: ['grant'], parse: (c) => grant(c, false) },
  { words: ['revoke'], parse: (c) => grant(c, true) },
  { words: ['create', 'database'], parse: createDatabase },
  {
    words: ['drop', 'database'],
    parse: (c) => ({ kind: 'drop-database', name: c.ident('database name') }),
  },
  { words: ['create', 'user'], parse: createUser },
  { words: ['alter', 'user'], parse: alterUser },
  { words: ['drop', 'user'], parse: dropUser },
  {
    words: ['create', 'role'],
    parse: (c) => ({ kind: 'create-role', name: c.ident('role name') }),
  },
  { words: ['drop', 'role'], parse: dropRole },
  { words: ['create', 'group'], parse: createGroup },
  { words: ['create', 'rls', 'policy'], parse: createRlsPolicy },
  { words: ['alter', 'rls', 'policy'], parse: alterRlsPolicy },
  { words: ['attach', 'rls', 'policy'], parse: (c) => attachRlsPolicy(c, true) },
  { words: ['detach', 'rls', 'policy'], parse: (c) => attachRlsPolicy(c, false) },
  { words: ['drop', 'rls', 'policy'], parse: dropRlsPolicy },
  { words: ['create', 'masking', 'policy'], parse: createMaskingPolicy },
  { words: ['alter', 'masking', 'policy'], parse: alterMaskingPolicy },
  { words: ['attach', 'masking', 'policy'], parse: attachMaskingPolicy },
  { words: ['detach', 'masking', 'policy'], parse: detachMaskingPolicy },
  {
    words: ['drop', 'masking', 'policy'],
    parse: (c) => ({ kind: 'drop-masking-policy', name: c.qualifiedName('policy name', 2) }),
  },
  { words: ['alter', 'table'], parse: alterTable },
  { words: ['copy'], parse: copy },
  { words: ['unload'], parse: unload },
  { words: ['begin'], parse: begin },
  { words: ['start', 'transaction'], parse: begin },
  { words: ['commit'], parse: (c) => endTransaction(c, 'commit') },
  { words: ['end'], parse: (c) => endTransaction(c, 'commit') },
  { words: ['rollback'], parse: (c) => endTransaction(c, 'rollback') },
  { words: ['abort'], parse: (c) => endTransaction(c, 'rollback') },
  { words: ['set'], parse: set },
  { words: ['reset'], parse: (c) => ({ kind: 'reset', name: settingName(c) }) },
  { words: ['show'], parse: (c) => ({ kind: 'show', name: settingName(c) }) },
  { words: ['vacuum'], parse: (c) => maintenance(c, 'vacuum') },
  { words: ['analyze'], parse: (c) => maintenance(c, 'analyze') },
])

function byFirstWord(statements: readonly CommandSyntax[]): Map<string, CommandSyntax[]> {
  const out = new Map<string, CommandSyntax[]>()
  for (const s of statements) {
    const group = out.get(s.words[0]!)
    if (group) group.push(s)
    else out.set(s.words[0]!, [s])
  }
  return out
}

function dispatch(c: Cursor): RedshiftCommand | undefined {
  const first = c.peek()
  const candidates = first?.kind === 'word' ? COMMANDS.get(first.value) : undefined
  if (!candidates) return undefined
  for (const s of candidates) {
    if (!c.isWord(...s.words)) continue
    c.i += s.words.length
    return s.parse(c)
  }
  return undefined
}

function createDatashare(c: Cursor): RedshiftCommand {
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

function alterDatashare(c: Cursor): RedshiftCommand {
  const name = c.ident('datashare name')
  return { kind: 'alter-datashare', name, change: datashareChange(c) }
}

function dropUser(c: Cursor): RedshiftCommand {
  const ifExists = c.acceptWord('if', 'exists')
  return { kind: 'drop-user', names: c.list(() => c.userName()), ifExists }
}

function dropRole(c: Cursor): RedshiftCommand {
  const name = c.ident('role name')
  return { kind: 'drop-role', name, force: c.acceptWord('force') }
}

function createGroup(c: Cursor): RedshiftCommand {
  const name = c.ident('group name')
  const users = c.acceptWord('with', 'user') ? c.list(() => c.ident('user name')) : []
  return { kind: 'create-group', name, users }
}

function alterRlsPolicy(c: Cursor): RedshiftCommand {
  const name = c.qualifiedName('policy name', 2)
  c.expectWord('using')
  return { kind: 'alter-rls-policy', name, using: c.parenthesized() }
}

function attachRlsPolicy(c: Cursor, attach: boolean): RedshiftCommand {
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

function dropRlsPolicy(c: Cursor): RedshiftCommand {
  const ifExists = c.acceptWord('if', 'exists')
  const name = c.qualifiedName('policy name', 2)
  const cascade = c.acceptWord('cascade')
  if (!cascade) c.acceptWord('restrict')
  return { kind: 'drop-rls-policy', name, ifExists, cascade }
}

function createMaskingPolicy(c: Cursor): RedshiftCommand {
  const name = c.qualifiedName('policy name', 2)
  // D-4: the current syntax puts IF NOT EXISTS after the name.
  const ifNotExists = c.acceptWord('if', 'not', 'exists')
  c.expectWord('with')
  const columns = policyColumns(c)
  c.expectWord('using')
  return { kind: 'create-masking-policy', name, ifNotExists, columns, using: expressionList(c) }
}

function alterMaskingPolicy(c: Cursor): RedshiftCommand {
  const name = c.qualifiedName('policy name', 2)
  c.expectWord('using')
  return { kind: 'alter-masking-policy', name, using: expressionList(c) }
}

/** `… POLICY name ON relation (outputs)`, shared by ATTACH and DETACH MASKING POLICY. */
function maskingPolicyTarget(c: Cursor) {
  const name = c.qualifiedName('policy name', 2)
  c.expectWord('on')
  const relation = c.qualifiedName('relation')
  c.expectOp('(')
  const outputs = c.list(() => c.ident('column name'))
  c.expectOp(')')
  return { name, relation, outputs }
}

function attachMaskingPolicy(c: Cursor): RedshiftCommand {
  const { name, relation, outputs } = maskingPolicyTarget(c)
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

function detachMaskingPolicy(c: Cursor): RedshiftCommand {
  const { name, relation, outputs } = maskingPolicyTarget(c)
  c.expectWord('from')
  return { kind: 'detach-masking-policy', name, relation, outputs, grantees: grantees(c) }
}

/** ALTER TABLE … ROW LEVEL SECURITY / MASKING; undefined for the other ALTER TABLEs. */
function alterTable(c: Cursor): RedshiftCommand | undefined {
  const save = c.i - 2
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

function unload(c: Cursor): RedshiftCommand {
  c.i = c.tokens.length
  return { kind: 'unload' }
}

function begin(c: Cursor): RedshiftCommand {
  c.acceptWord('transaction') || c.acceptWord('work')
  transactionModes(c)
  return { kind: 'transaction', op: 'begin' }
}

function endTransaction(c: Cursor, op: 'commit' | 'rollback'): RedshiftCommand {
  c.acceptWord('transaction') || c.acceptWord('work')
  return { kind: 'transaction', op }
}

/** SET; undefined for SET SESSION AUTHORIZATION and SET ROLE (PostgreSQL's). */
function set(c: Cursor): RedshiftCommand | undefined {
  if (c.isWord('session', 'authorization') || c.isWord('role')) {
    c.i--
    return undefined
  }
  const local = c.acceptWord('local')
  c.acceptWord('session')
  const name = c.qualifiedName('setting name', 2).join('.')
  if (!c.acceptWord('to')) c.expectOp('=')
  if (c.acceptWord('default')) return { kind: 'set', name, value: 'default', local }
  const value = c.tokens.slice(c.i)
  c.i = c.tokens.length
  return { kind: 'set', name, value, local }
}

/** The setting RESET or SHOW names: `all` or a (dotted) name. */
function settingName(c: Cursor): string {
  return c.acceptWord('all') ? 'all' : c.qualifiedName('setting name', 2).join('.')
}

function maintenance(c: Cursor, verb: 'vacuum' | 'analyze'): RedshiftCommand {
  c.i = c.tokens.length
  return { kind: 'maintenance', verb }
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

/** GRANT or REVOKE (`revoke`), the cursor past the keyword. */
function grant(c: Cursor, revoke: boolean): RedshiftCommand {
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

/** COPY, the cursor past the keyword. */
function copy(c: Cursor): RedshiftCommand {
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
