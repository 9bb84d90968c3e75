// biome-ignore-all lint/suspicious/noExplicitAny: libpg-query's JSON AST is walked generically
import { INFORMATION_SCHEMA_VIEWS, SYSTEM_VIEWS } from '../catalog/catalog-sql.js'
import { FUNCTIONS_SCHEMA, physicalSchema, VIEWS_SCHEMA } from '../catalog/names.js'
import { notEmulated, RedshiftLocalError, ruleError } from '../errors.js'

/** A database a three-part name may reach. */
export interface DatabaseRef {
  readonly id: number
  readonly name: string
  readonly kind: 'local' | 'shared'
  /** Shared: the producer database whose schemas hold the data. */
  readonly producerDbId?: number
  /** Shared: the datashare it was made from. */
  readonly shareId?: number
}

/** A relation a statement names, after mapping. */
export interface RelationUse {
  /** Physical schema, or undefined for an unqualified name (resolved by the search_path). */
  readonly physicalSchema: string | undefined
  readonly relname: string
  /** The Redshift database, schema as written. */
  readonly database: DatabaseRef | undefined
  readonly schema: string | undefined
  readonly access: 'read' | 'write'
  /** The AST node (a RangeVar body) — masking may replace it. */
  readonly node: any
  /** The object holding the node and its key, to replace it. */
  readonly holder: any
  readonly key: string | number
}

export interface RewriteContext {
  /** The connected database. */
  readonly database: DatabaseRef
  /** Databases named by the statement (lower-case name → ref); absent = does not exist. */
  readonly databases: ReadonlyMap<string, DatabaseRef>
  readonly currentUser: string
  readonly currentNamespace: string
  readonly statement: string
}

export interface RewriteResult {
  readonly relations: RelationUse[]
  /** System views read (they may need filling first). */
  readonly systemViews: Set<string>
  /** Leader-node-only functions called (D-17): the statement may name no table or view. */
  readonly leaderNodeFunctions: Set<string>
}

/** Database names written as the first of three name parts (`db.schema.table`). */
export function referencedDatabases(stmt: any): Set<string> {
  const out = new Set<string>()
  visit(stmt, (node) => {
    // RangeVars come wrapped ({ RangeVar: … }) in lists and unwrapped in typed fields.
    if (typeof node.catalogname === 'string' && typeof node.relname === 'string')
      out.add(node.catalogname)
    if (node.ColumnRef && node.ColumnRef.fields?.length >= 4) {
      const f = node.ColumnRef.fields[0]?.String?.sval
      if (f) out.add(f)
    }
  })
  return out
}

function visit(node: any, fn: (node: any) => void): void {
  if (Array.isArray(node)) {
    for (const n of node) visit(n, fn)
    return
  }
  if (node === null || typeof node !== 'object') return
  fn(node)
  for (const v of Object.values(node)) visit(v, fn)
}

const str = (sval: string) => ({ String: { sval } })
const constString = (sval: string) => ({ A_Const: { sval: { sval }, location: -1 } })

/** Node keys whose RangeVar (unwrapped) is a write target. */
const WRITE_TARGET_KEYS: Readonly<Record<string, readonly string[]>> = {
  InsertStmt: ['relation'],
  UpdateStmt: ['relation'],
  DeleteStmt: ['relation'],
  MergeStmt: ['relation'],
  CreateStmt: ['relation'],
  AlterTableStmt: ['relation'],
  IndexStmt: ['relation'],
  ViewStmt: ['view'],
  RuleStmt: ['relation'],
  CreateTrigStmt: ['relation'],
  RenameStmt: ['relation'],
  AlterObjectSchemaStmt: ['relation'],
}

/**
 * Rewrites one parsed statement in place so PostgreSQL runs it the way Redshift would:
 * schema-qualified names go to the physical schema of the connected database
 * (`airline_dw.t` → `"d1:airline_dw".t`), three-part names to the named database (or, for a
 * database made from a datashare, to the producer's schema), system views (`svv_datashares`,
 * `information_schema.tables`) to the emulator's views, and `current_user`,
 * `current_database()`, `current_namespace` to the Redshift values. Unqualified names are
 * left to the session's physical search_path.
 */
export function rewriteStatement(stmt: any, ctx: RewriteContext): RewriteResult {
  const rw: Rewrite = {
    ctx,
    relations: [],
    systemViews: new Set<string>(),
    leaderNodeFunctions: new Set<string>(),
  }
  nameValueFunctions(stmt)
  walk(rw, stmt, { stmt }, 'stmt', 'read')
  return {
    relations: rw.relations,
    systemViews: rw.systemViews,
    leaderNodeFunctions: rw.leaderNodeFunctions,
  }
}

type Access = 'read' | 'write'

/** One {@link rewriteStatement} call: its context and what it found so far. */
interface Rewrite extends RewriteResult {
  readonly ctx: RewriteContext
}

function mapSchema(rw: Rewrite, schema: string, db: DatabaseRef): string {
  const dataDb = db.kind === 'shared' ? db.producerDbId! : db.id
  return physicalSchema(dataDb, schema, rw.ctx.statement)
}

function resolveDatabase(rw: Rewrite, name: string): DatabaseRef {
  const { ctx } = rw
  if (name === ctx.database.name) return ctx.database
  const db = ctx.databases.get(name)
  if (!db)
    throw new RedshiftLocalError('SQL', `database "${name}" does not exist`, {
      sqlstate: '3D000',
      statement: ctx.statement,
    })
  return db
}

/** Maps a RangeVar (`rv`, held at `holder[key]`) and records the relation it names. */
function rangeVar(rw: Rewrite, rv: any, access: Access, holder: any, key: string | number): void {
  const { ctx } = rw
  const relname: string = rv.relname
  if (rv.catalogname) {
    const db = resolveDatabase(rw, rv.catalogname)
    if (!rv.schemaname)
      throw new RedshiftLocalError('SYNTAX', 'improper qualified name (too many dotted names)', {
        sqlstate: '42601',
        statement: ctx.statement,
      })
    const schema: string = rv.schemaname
    const physical = mapSchema(rw, schema, db)
    delete rv.catalogname
    rv.schemaname = physical
    rw.relations.push({
      physicalSchema: physical,
      relname,
      database: db,
      schema,
      access,
      node: rv,
      holder,
      key,
    })
    return
  }
  if (rv.schemaname === 'information_schema') {
    if (!INFORMATION_SCHEMA_VIEWS.has(relname))
      throw notEmulated(`information_schema.${relname}`, ctx.statement)
    rv.schemaname = VIEWS_SCHEMA
    rv.relname = `information_schema_${relname}`
    return
  }
  if (rv.schemaname === 'pg_catalog' || rv.schemaname === undefined) {
    unqualifiedRangeVar(rw, rv, access, holder, key)
    return
  }
  const schema: string = rv.schemaname
  const physical = mapSchema(rw, schema, ctx.database)
  rv.schemaname = physical
  rw.relations.push({
    physicalSchema: physical,
    relname,
    database: ctx.database,
    schema,
    access,
    node: rv,
    holder,
    key,
  })
}

/** A RangeVar without a schema or in pg_catalog: a system view, or left to the search_path. */
function unqualifiedRangeVar(
  rw: Rewrite,
  rv: any,
  access: Access,
  holder: any,
  key: string | number,
): void {
  const relname: string = rv.relname
  if (SYSTEM_VIEWS.has(relname)) {
    rv.schemaname = VIEWS_SCHEMA
    rw.systemViews.add(relname)
    return
  }
  if (rv.schemaname === 'pg_catalog') return
  rw.relations.push({
    physicalSchema: undefined,
    relname,
    database: undefined,
    schema: undefined,
    access,
    node: rv,
    holder,
    key,
  })
}

/** A name given as a list of String nodes (DROP, COMMENT): `[schema, name]` or `[db, schema, name]`. */
function nameList(rw: Rewrite, items: any[]): void {
  const { ctx } = rw
  const parts = items.map((i) => i.String?.sval as string)
  if (parts.length === 3) {
    const db = resolveDatabase(rw, parts[0]!)
    if (db.id !== ctx.database.id) throw crossDatabaseWrite(ctx, parts.join('.'))
    items.splice(0, 1)
    parts.shift()
  }
  if (parts.length === 2) items[0] = str(mapSchema(rw, parts[0]!, ctx.database))
}

/**
 * Rewrites a node of one type: `body` is the node's body, `node` the wrapper (`{ [type]: body }`)
 * held at `holder[key]`.
 */
type NodeRewrite = (
  rw: Rewrite,
  body: any,
  holder: any,
  key: string | number,
  access: Access,
  node: any,
) => void

/** Walks any node (or list) of the AST, rewriting in place; `holder[key]` holds it. */
function walk(rw: Rewrite, node: any, holder: any, key: string | number, access: Access): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) walk(rw, node[i], node, i, access)
    return
  }
  if (node === null || typeof node !== 'object') return
  const type = Object.keys(node)[0]!
  const body = node[type]
  const rewrite = NODE_REWRITES.get(type)
  if (rewrite) rewrite(rw, body, holder, key, access, node)
  else walkFields(rw, type, body, access)
}

/** Walks the fields of a node no rewrite is registered for; write targets are written. */
function walkFields(rw: Rewrite, type: string, body: any, access: Access): void {
  const targets = WRITE_TARGET_KEYS[type]
  for (const [k, v] of Object.entries(body ?? {})) {
    if (targets?.includes(k) && v && typeof v === 'object' && !Array.isArray(v)) {
      // Fields typed RangeVar come unwrapped: { relname, schemaname, … }.
      if ('relname' in (v as any)) rangeVar(rw, v, 'write', body, k)
      else walk(rw, v, body, k, 'write')
    } else walk(rw, v, body, k, access)
  }
}

/** Walks every field of a node but `except`, as reads. */
function walkReads(rw: Rewrite, body: any, except: string): void {
  for (const [k, v] of Object.entries(body)) if (k !== except) walk(rw, v, body, k, 'read')
}

function columnRef(rw: Rewrite, body: any, holder: any, key: string | number): void {
  const { ctx } = rw
  const fields: any[] = body.fields
  if (fields.length === 1 && fields[0].String?.sval === 'current_namespace') {
    holder[key] = constString(ctx.currentNamespace)
    return
  }
  if (fields.length === 1 && fields[0].String?.sval === 'sysdate') {
    holder[key] = {
      FuncCall: {
        funcname: [str(FUNCTIONS_SCHEMA), str('sysdate')],
        funcformat: 'COERCE_EXPLICIT_CALL',
        location: -1,
      },
    }
    return
  }
  if (fields.length >= 4) {
    const db = resolveDatabase(rw, fields[0].String.sval)
    fields.splice(0, 2, str(mapSchema(rw, fields[1].String.sval, db)))
  } else if (fields.length === 3 && fields[0].String) {
    fields[0] = str(mapSchema(rw, fields[0].String.sval, ctx.database))
  }
}

const CURRENT_USER_OPS = [
  'SVFOP_CURRENT_USER',
  'SVFOP_USER',
  'SVFOP_SESSION_USER',
  'SVFOP_CURRENT_ROLE',
]

function sqlValueFunction(rw: Rewrite, body: any, holder: any, key: string | number): void {
  const op: string = body.op
  if (CURRENT_USER_OPS.includes(op)) holder[key] = constString(rw.ctx.currentUser)
  else if (op === 'SVFOP_CURRENT_CATALOG') holder[key] = constString(rw.ctx.database.name)
}

function funcCall(rw: Rewrite, body: any, holder: any, key: string | number): void {
  const { ctx } = rw
  const names: string[] = body.funcname.map((n: any) => n.String?.sval)
  const fn = names[names.length - 1]
  if (names.length === 1 && fn === 'current_database' && !body.args) {
    holder[key] = constString(ctx.database.name)
    return
  }
  if (names.length === 1 && fn === 'current_schema' && !body.args) {
    body.funcname = [str(FUNCTIONS_SCHEMA), str('current_schema_name')]
    return
  }
  if (
    fn === 'has_database_privilege' &&
    (names.length === 1 || (names.length === 2 && names[0] === 'pg_catalog'))
  ) {
    // D-17: Redshift databases are the namespace's, not PostgreSQL's (one engine database).
    body.funcname = [str(FUNCTIONS_SCHEMA), str('has_database_privilege')]
    rw.leaderNodeFunctions.add('has_database_privilege')
    walkReads(rw, body, 'funcname')
    return
  }
  if (names.length === 2 && names[0] !== 'pg_catalog')
    body.funcname[0] = str(mapSchema(rw, names[0]!, ctx.database))
  walkReads(rw, body, 'funcname')
}

function typeName(rw: Rewrite, body: any): void {
  const names: any[] = body.names ?? []
  if (names.length === 2 && names[0].String?.sval !== 'pg_catalog')
    names[0] = str(mapSchema(rw, names[0].String.sval, rw.ctx.database))
}

const DROP_RELATION_TYPES = [
  'OBJECT_TABLE',
  'OBJECT_VIEW',
  'OBJECT_MATVIEW',
  'OBJECT_SEQUENCE',
  'OBJECT_INDEX',
]

function dropStmt(rw: Rewrite, body: any): void {
  const { ctx } = rw
  const removeType: string = body.removeType
  if (DROP_RELATION_TYPES.includes(removeType)) {
    for (const o of body.objects) nameList(rw, o.List.items)
  } else if (removeType === 'OBJECT_SCHEMA') {
    body.objects = body.objects.map((o: any) => {
      const name = o.String?.sval
      return str(physicalSchema(ctx.database.id, name, ctx.statement))
    })
  } else if (removeType === 'OBJECT_FUNCTION' || removeType === 'OBJECT_PROCEDURE') {
    for (const o of body.objects) {
      const items = o.ObjectWithArgs?.objname
      if (items?.length === 2) items[0] = str(mapSchema(rw, items[0].String.sval, ctx.database))
    }
  } else throw notEmulated(`DROP ${removeType.replace('OBJECT_', '')}`, ctx.statement)
}

function commentStmt(rw: Rewrite, body: any): void {
  const { ctx } = rw
  const object = body.object
  if (object?.List) {
    const items = object.List.items
    if (body.objtype === 'OBJECT_COLUMN') {
      if (items.length === 4) {
        const db = resolveDatabase(rw, items[0].String.sval)
        if (db.id !== ctx.database.id) throw crossDatabaseWrite(ctx, 'COMMENT')
        items.shift()
      }
      if (items.length === 3) items[0] = str(mapSchema(rw, items[0].String.sval, ctx.database))
    } else nameList(rw, items)
  } else if (object?.String && body.objtype === 'OBJECT_SCHEMA') {
    body.object = str(physicalSchema(ctx.database.id, object.String.sval, ctx.statement))
  }
}

function createSchemaStmt(rw: Rewrite, body: any): void {
  const { ctx } = rw
  body.schemaname = physicalSchema(ctx.database.id, body.schemaname, ctx.statement)
  if (body.schemaElts?.length)
    throw notEmulated('CREATE SCHEMA with schema elements', ctx.statement)
}

/** Statements refused as not emulated wherever they appear. */
const NOT_EMULATED_NODES = [
  'GrantStmt',
  'GrantRoleStmt',
  'CreateRoleStmt',
  'AlterRoleStmt',
  'DropRoleStmt',
  'CreatedbStmt',
  'DropdbStmt',
  'AlterOwnerStmt',
  'CopyStmt',
  'CreatePolicyStmt',
  'AlterPolicyStmt',
  'CreateExtensionStmt',
  'LoadStmt',
  'DoStmt',
  'CreateFunctionStmt',
  'ListenStmt',
  'NotifyStmt',
]

const refuse: NodeRewrite = (rw, _body, _holder, _key, _access, node) => {
  throw notEmulated(describeNode(Object.keys(node)[0]!), rw.ctx.statement)
}

/** The node types rewritten (or refused) instead of a walk of their fields. */
const NODE_REWRITES: ReadonlyMap<string, NodeRewrite> = new Map<string, NodeRewrite>([
  [
    'RangeVar',
    (rw, body, _holder, _key, access, node) => rangeVar(rw, body, access, node, 'RangeVar'),
  ],
  ['ColumnRef', columnRef],
  ['SQLValueFunction', sqlValueFunction],
  ['FuncCall', funcCall],
  ['TypeName', typeName],
  ['DropStmt', dropStmt],
  ['CommentStmt', commentStmt],
  ['CreateSchemaStmt', createSchemaStmt],
  ['TruncateStmt', (rw, body) => walk(rw, body.relations, body, 'relations', 'write')],
  [
    'CreateTableAsStmt',
    (rw, body) => {
      rangeVar(rw, body.into.rel, 'write', body.into, 'rel')
      walk(rw, body.query, body, 'query', 'read')
    },
  ],
  ...NOT_EMULATED_NODES.map((type): [string, NodeRewrite] => [type, refuse]),
])

const VALUE_FUNCTION_NAMES: Readonly<Record<string, string>> = {
  SVFOP_CURRENT_USER: 'current_user',
  SVFOP_USER: 'current_user',
  SVFOP_SESSION_USER: 'session_user',
  SVFOP_CURRENT_ROLE: 'current_role',
  SVFOP_CURRENT_CATALOG: 'current_catalog',
}

/**
 * Select-list entries that are `current_user`, `current_database()` or `current_namespace`
 * keep their name when the rewrite replaces them by constants (else they would be `?column?`).
 */
function nameValueFunctions(stmt: any): void {
  visit(stmt, (node) => {
    const target = node.ResTarget
    if (!target || target.name || !target.val) return
    const v = target.val
    const name = v.SQLValueFunction
      ? VALUE_FUNCTION_NAMES[v.SQLValueFunction.op]
      : v.FuncCall && v.FuncCall.funcname.length === 1 && !v.FuncCall.args
        ? ({ current_database: 'current_database', getdate: 'getdate' } as Record<string, string>)[
            v.FuncCall.funcname[0].String?.sval
          ]
        : v.ColumnRef?.fields.length === 1
          ? (
              { current_namespace: 'current_namespace', sysdate: 'sysdate' } as Record<
                string,
                string
              >
            )[v.ColumnRef.fields[0].String?.sval]
          : undefined
    if (name) target.name = name
  })
}

function crossDatabaseWrite(ctx: RewriteContext, what: string): RedshiftLocalError {
  return ruleError(
    'R-DS-13',
    `${what}: cross-database references are for reads only; connect to the database to change it`,
    ctx.statement,
  )
}

function describeNode(type: string): string {
  return type
    .replace(/Stmt$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toUpperCase()
}
