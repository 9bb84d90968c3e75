import { airlineModel, type SqlType, validateIdentifier } from '@redshift-playground/schema/model'
import { DesiredStateError } from './errors.js'
import {
  type AccountRef,
  isPlaceholder,
  type NamespaceRef,
  refText,
  validateAccount,
  validateNamespace,
} from './namespace-ref.js'
import { tableKey } from './state.js'

/** Who receives read access on a consumer: a role, a user or a group of that namespace. */
export type ReaderSpec =
  | { readonly role: string }
  | { readonly user: string }
  | { readonly group: string }

/** Objects of one producer schema to put in the share. */
export interface ShareObjectSpec {
  /** The producer schema, e.g. `airline_dw`. */
  readonly schema: string
  /** `'all'` (every table that exists when the plan is made) or a list of table names. */
  readonly tables: 'all' | readonly string[]
  /**
   * `SET INCLUDENEW = TRUE FOR SCHEMA`: tables created later join the share. Default false.
   * Ignored in a share with masking or row-level-security policies: INCLUDENEW would add
   * views created later too, unchecked, and a view reads its base tables past the policies
   * (R-DS-5, DG:r_CREATE_VIEW). With `tables: 'all'`, objects created later then join at the
   * next plan, which checks views against the policies.
   */
  readonly includeNew?: boolean
  /**
   * Redshift target: the producer schema that holds this entry's published views, which the
   * share contains instead of the tables (see {@link ShareSchema.published}). Default
   * `<share>_<schema>`. Setting it publishes the entry as views even without policies.
   */
  readonly publishAs?: string
}

/** One consumer namespace of the share. */
export interface ConsumerSpec {
  /** A short name: the statement side is `consumer:<name>`, and the local target's role. */
  readonly name: string
  /** The consumer namespace GUID (same-account sharing). */
  readonly namespace?: NamespaceRef
  /** The consumer's 12-digit AWS account, for cross-account sharing (grant `TO ACCOUNT`). */
  readonly account?: AccountRef
  /** The database created on the consumer from the share, queried as `db.schema.table`. */
  readonly database: string
  /** Whether the consumer's workgroup is publicly accessible (drives PUBLICACCESSIBLE). */
  readonly publiclyAccessible?: boolean
  /** `CREATE DATABASE … WITH PERMISSIONS`: object-level grants and policies on the consumer. */
  readonly withPermissions?: boolean
  /** Read-only access to the consumer database for these roles, users or groups. */
  readonly readers?: readonly ReaderSpec[]
}

/** A masking policy: columns of one shared table shown masked to consumers. */
export interface MaskingPolicySpec {
  readonly name: string
  /** `schema.table` of a shared table. */
  readonly table: string
  readonly columns: readonly string[]
  /** `'redact'` (default: `'****'` for text, NULL otherwise) or `'null'`. */
  readonly mask?: 'redact' | 'null'
  /** Consumers it applies to; default all. */
  readonly consumers?: readonly string[]
}

/** A row-level-security policy: consumers see only rows whose column is one of `values`. */
export interface RlsPolicySpec {
  readonly name: string
  /** `schema.table` of a shared table. */
  readonly table: string
  readonly column: string
  readonly values: readonly (string | number)[]
  /** Consumers it applies to (required: RLS is an explicit restriction). */
  readonly consumers: readonly string[]
}

/** The desired state of one datashare, as written in config or code. */
export interface DatashareSpec {
  readonly name: string
  readonly producer: {
    readonly namespace: NamespaceRef
    /** The producer database the share is created in (the namespace's db name). */
    readonly database: string
    /** Needed only for cross-account consumers (`OF ACCOUNT` on the consumer side). */
    readonly account?: AccountRef
  }
  readonly objects: readonly ShareObjectSpec[]
  /**
   * Force `PUBLICACCESSIBLE`. Omit to derive it: TRUE only when some consumer workgroup is
   * publicly accessible (a public consumer fails on a non-public share; FALSE is safer).
   */
  readonly publiclyAccessible?: boolean
  readonly consumers: readonly ConsumerSpec[]
  readonly policies?: {
    readonly masking?: readonly MaskingPolicySpec[]
    readonly rowLevelSecurity?: readonly RlsPolicySpec[]
  }
}

/** The part of a schema table definition the planner needs (a `TableDef` fits). */
export interface PolicyTable {
  readonly schema: string
  readonly name: string
  readonly columns: Readonly<Record<string, { readonly type: SqlType }>>
  /**
   * The table's sort key style, when known. Redshift does not share tables with an
   * INTERLEAVED sort key, nor views over them (R-DS-6): the Redshift target refuses such a
   * share before any statement runs.
   */
  readonly sortKey?: { readonly style: 'COMPOUND' | 'INTERLEAVED' | 'AUTO' }
}

/**
 * The part of a view definition the planner needs (a schema `ViewShape` fits): its columns
 * (the published view's column list) and what it reads (whether sharing it would read around
 * a masking or row-level-security policy of the share).
 */
export interface PolicyView {
  readonly schema: string
  readonly name: string
  readonly columns: Readonly<Record<string, { readonly type: SqlType }>>
  readonly reads: readonly {
    readonly schema: string
    readonly table: string
    readonly columns: readonly string[]
  }[]
}

/** Options of {@link defineDatashare}. */
export interface DefineDatashareOptions {
  /**
   * Definitions of the producer's tables: column names and types for policies and published
   * views' column lists, sort keys for what Redshift can share. Default: the airline model.
   */
  readonly tables?: readonly PolicyTable[]
  /**
   * Definitions of the producer's views: columns, and the tables and columns they read.
   * Default: the airline model's views.
   */
  readonly views?: readonly PolicyView[]
}

/** A relation the desired state knows the definition of (table or view), by {@link tableKey}. */
export interface RelationDef {
  readonly kind: 'table' | 'view'
  /** Its columns, in order. */
  readonly columns: readonly PolicyColumn[]
  /** For a view: the tables and columns it reads. */
  readonly reads: PolicyView['reads']
}

/** A shared column with its logical type. */
export interface PolicyColumn {
  readonly name: string
  readonly type: SqlType
}

/** A validated reader grantee. */
export interface Reader {
  readonly kind: 'role' | 'user' | 'group'
  readonly name: string
}

/** Who a producer grants usage to. */
export type Grantee =
  | { readonly kind: 'namespace'; readonly id: NamespaceRef }
  | { readonly kind: 'account'; readonly id: AccountRef }

/** A validated consumer. */
export interface Consumer {
  readonly name: string
  readonly grantee: Grantee
  readonly database: string
  readonly publiclyAccessible: boolean
  readonly withPermissions: boolean
  readonly readers: readonly Reader[]
}

/** A validated schema entry. */
export interface ShareSchema {
  readonly schema: string
  readonly tables: 'all' | readonly string[]
  readonly includeNew: boolean
  /**
   * True when the Redshift target shares this entry as views: a masking or RLS policy applies
   * to one of its tables, or `publishAs` was given. Redshift consumers cannot attach policies
   * to datashare objects (R-RLS-11) and producer policies do not reach them (D-1, D-2), so the
   * producer publishes, in schema {@link publishAs}, one view per table that masks and filters,
   * and shares those views instead of the tables (DG:datashare-views). Other targets ignore it.
   */
  readonly published: boolean
  /** The publication schema on the producer: `publishAs`, or `<share>_<schema>`. */
  readonly publishAs: string
  /**
   * Tables of this entry (listed, or for `'all'` every definition of the schema) whose
   * definition has an INTERLEAVED sort key: Redshift cannot share them (R-DS-6).
   */
  readonly interleaved: readonly string[]
  /**
   * Views of this entry (listed, or for `'all'` every view definition of the schema) that
   * read a table with an INTERLEAVED sort key, directly or through other views, with that
   * table: Redshift cannot share them either (R-DS-6).
   */
  readonly interleavedViews: readonly InterleavedView[]
}

/** A view that reads a table with an INTERLEAVED sort key. */
export interface InterleavedView {
  readonly view: string
  /** The table it reads, `schema.table`. */
  readonly table: string
}

/** A validated masking policy. */
export interface MaskingPolicy {
  readonly name: string
  readonly schema: string
  readonly table: string
  /** All columns of the table, in order (the local masking view lists them). */
  readonly tableColumns: readonly PolicyColumn[]
  readonly columns: readonly PolicyColumn[]
  readonly mask: 'redact' | 'null'
  readonly consumers: readonly string[]
}

/** A validated row-level-security policy. */
export interface RlsPolicy {
  readonly name: string
  readonly schema: string
  readonly table: string
  readonly column: PolicyColumn
  readonly values: readonly (string | number)[]
  readonly consumers: readonly string[]
}

/** A validated, normalised, frozen datashare: what the planner and renderers consume. */
export interface Datashare {
  readonly name: string
  readonly producer: {
    readonly namespace: NamespaceRef
    readonly database: string
    readonly account: AccountRef | undefined
  }
  readonly publiclyAccessible: boolean
  /** `'forced'` when the spec set it, `'derived'` when computed from the consumers. */
  readonly publiclyAccessibleSource: 'forced' | 'derived'
  readonly schemas: readonly ShareSchema[]
  readonly consumers: readonly Consumer[]
  readonly masking: readonly MaskingPolicy[]
  readonly rowLevelSecurity: readonly RlsPolicy[]
  /** True when a namespace or account is a placeholder: renderable, not appliable. */
  readonly hasPlaceholders: boolean
  /**
   * The producer's table and view definitions given to {@link defineDatashare}, by
   * `tableKey(schema, name)`: published views list these columns, and views are checked
   * against the share's policies. Absent on values made before views were shareable.
   */
  readonly definitions?: ReadonlyMap<string, RelationDef>
}

const fail = (field: string, value: unknown, message: string, code = 'DESIRED_STATE_INVALID') =>
  new DesiredStateError(code as 'DESIRED_STATE_INVALID', `${field}: ${message}`, { field, value })

function asObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fail(
      field,
      value,
      `expected an object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}.`,
    )
  }
  return value as Record<string, unknown>
}

function asArray(value: unknown, field: string): readonly unknown[] {
  if (!Array.isArray(value)) {
    throw fail(field, value, `expected a list, got ${value === null ? 'null' : typeof value}.`)
  }
  return value
}

function asBoolean(value: unknown, field: string, fallback: boolean): boolean {
  if (value === undefined) return fallback
  if (typeof value !== 'boolean') {
    throw fail(field, value, `expected true or false, got ${JSON.stringify(value)}.`)
  }
  return value
}

function noDuplicates(names: readonly string[], field: (i: number) => string, what: string): void {
  const seen = new Map<string, number>()
  names.forEach((name, i) => {
    const first = seen.get(name)
    if (first !== undefined) {
      throw new DesiredStateError(
        'DUPLICATE',
        `${field(i)}: ${JSON.stringify(name)} is listed twice (also at ${field(first)}); each ${what} must appear once.`,
        { field: field(i), value: name },
      )
    }
    seen.set(name, i)
  })
}

function unknownKeys(
  obj: Record<string, unknown>,
  allowed: readonly string[],
  field: string,
): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      throw fail(
        `${field}.${key}`,
        obj[key],
        `unknown setting; expected one of ${allowed.join(', ')}.`,
      )
    }
  }
}

function splitTable(value: unknown, field: string): { schema: string; table: string } {
  if (typeof value !== 'string' || value.split('.').length !== 2) {
    throw fail(field, value, 'expected "schema.table", e.g. "airline_dw.dim_customer".')
  }
  const [schema, table] = value.split('.') as [string, string]
  return { schema: validateIdentifier(schema, field), table: validateIdentifier(table, field) }
}

/** The producer's relation definitions by `tableKey`: tables, then views (default: the model's). */
function relationDefinitions(
  tables: readonly PolicyTable[],
  views: readonly PolicyView[] | undefined,
): ReadonlyMap<string, RelationDef> {
  const out = new Map<string, RelationDef>()
  const columnsOf = (columns: PolicyTable['columns']) =>
    Object.freeze(Object.entries(columns).map(([n, c]) => Object.freeze({ name: n, type: c.type })))
  for (const t of tables)
    out.set(
      tableKey(t.schema, t.name),
      Object.freeze({ kind: 'table', columns: columnsOf(t.columns), reads: Object.freeze([]) }),
    )
  for (const v of views ?? Object.values(airlineModel.views))
    out.set(
      tableKey(v.schema, v.name),
      Object.freeze({ kind: 'view', columns: columnsOf(v.columns), reads: v.reads }),
    )
  return out
}

/**
 * The views of an entry that read a table with an INTERLEAVED sort key (through other views
 * too): listed ones, or for `'all'` every view definition of the schema, in name order.
 */
function interleavedViews(
  entry: Pick<ObjectEntry, 'schema' | 'tables'>,
  tableDefs: readonly PolicyTable[],
  definitions: ReadonlyMap<string, RelationDef>,
): readonly InterleavedView[] {
  const interleaved = new Set(
    tableDefs
      .filter((t) => t.sortKey?.style === 'INTERLEAVED')
      .map((t) => tableKey(t.schema, t.name)),
  )
  if (interleaved.size === 0) return Object.freeze([])
  const reading = (key: string, seen: Set<string>): string | undefined => {
    if (interleaved.has(key)) return key
    const def = definitions.get(key)
    if (def?.kind !== 'view' || seen.has(key)) return undefined
    seen.add(key)
    for (const r of def.reads) {
      const found = reading(tableKey(r.schema, r.table), seen)
      if (found !== undefined) return found
    }
    return undefined
  }
  const names =
    entry.tables === 'all'
      ? [...definitions.keys()]
          .map((k) => JSON.parse(k) as [string, string])
          .filter(([schema]) => schema === entry.schema)
          .map(([, name]) => name)
          .sort()
      : entry.tables
  const out: InterleavedView[] = []
  for (const view of names) {
    const key = tableKey(entry.schema, view)
    if (definitions.get(key)?.kind !== 'view') continue
    const found = reading(key, new Set())
    if (found === undefined) continue
    const [schema, table] = JSON.parse(found) as [string, string]
    out.push(Object.freeze({ view, table: `${schema}.${table}` }))
  }
  return Object.freeze(out)
}

type Producer = Datashare['producer']

// One `objects[]` entry, normalised; `explicit`: publishAs was given.
interface ObjectEntry {
  readonly schema: string
  readonly tables: 'all' | readonly string[]
  readonly includeNew: boolean
  readonly publishAs: string
  readonly explicit: boolean
  readonly interleaved: readonly string[]
}

// What policies are checked against: table definitions, shared entries and consumers.
interface PolicyScope {
  readonly tableDefs: readonly PolicyTable[]
  readonly entries: readonly ObjectEntry[]
  readonly consumers: readonly Consumer[]
  readonly byName: ReadonlyMap<string, Consumer>
}

function readProducer(value: unknown): Producer {
  const p = asObject(value, 'producer')
  unknownKeys(p, ['namespace', 'database', 'account'], 'producer')
  return Object.freeze({
    namespace: validateNamespace(p.namespace, 'producer.namespace'),
    database: validateIdentifier(p.database, 'producer.database'),
    account: p.account === undefined ? undefined : validateAccount(p.account, 'producer.account'),
  })
}

function readObjects(
  value: unknown,
  name: string,
  tableDefs: readonly PolicyTable[],
): readonly ObjectEntry[] {
  const objects = asArray(value, 'objects')
  if (objects.length === 0) {
    throw fail(
      'objects',
      objects,
      'a datashare needs at least one schema, e.g. [{ schema: "airline_dw", tables: "all" }].',
    )
  }
  const entries = objects.map((raw, i) => readObject(raw, `objects[${i}]`, name, tableDefs))
  noDuplicates(
    entries.map((s) => s.schema),
    (i) => `objects[${i}].schema`,
    'schema',
  )
  return entries
}

function readObject(
  raw: unknown,
  f: string,
  name: string,
  tableDefs: readonly PolicyTable[],
): ObjectEntry {
  const o = asObject(raw, f)
  unknownKeys(o, ['schema', 'tables', 'includeNew', 'publishAs'], f)
  const schema = validateIdentifier(o.schema, `${f}.schema`)
  let tables: 'all' | readonly string[]
  if (o.tables === 'all') tables = 'all'
  else {
    const list = asArray(o.tables, `${f}.tables`)
    if (list.length === 0)
      throw fail(`${f}.tables`, o.tables, 'give "all" or at least one table name.')
    const names = list.map((t, j) => validateIdentifier(t, `${f}.tables[${j}]`))
    noDuplicates(names, (j) => `${f}.tables[${j}]`, 'table')
    tables = Object.freeze(names)
  }
  const interleaved = tableDefs
    .filter(
      (t) =>
        t.schema === schema &&
        t.sortKey?.style === 'INTERLEAVED' &&
        (tables === 'all' || tables.includes(t.name)),
    )
    .map((t) => t.name)
  return {
    schema,
    tables,
    includeNew: asBoolean(o.includeNew, `${f}.includeNew`, false),
    publishAs:
      o.publishAs === undefined
        ? `${name}_${schema}`
        : validateIdentifier(o.publishAs, `${f}.publishAs`),
    explicit: o.publishAs !== undefined,
    interleaved: Object.freeze(interleaved),
  }
}

function readConsumers(value: unknown, producer: Producer): readonly Consumer[] {
  const rawConsumers = asArray(value, 'consumers')
  const consumers = rawConsumers.map((raw, i) => readConsumer(raw, `consumers[${i}]`, producer))
  noDuplicates(
    consumers.map((c) => c.name),
    (i) => `consumers[${i}].name`,
    'consumer name',
  )
  noDuplicates(
    consumers.map((c) => `${c.grantee.kind} ${refText(c.grantee.id)}`),
    (i) => `consumers[${i}].namespace`,
    'consumer namespace/account',
  )
  return consumers
}

function readConsumer(raw: unknown, f: string, producer: Producer): Consumer {
  const c = asObject(raw, f)
  unknownKeys(
    c,
    [
      'name',
      'namespace',
      'account',
      'database',
      'publiclyAccessible',
      'withPermissions',
      'readers',
    ],
    f,
  )
  const cname = validateIdentifier(c.name, `${f}.name`)
  const namespace =
    c.namespace === undefined ? undefined : validateNamespace(c.namespace, `${f}.namespace`)
  const account = c.account === undefined ? undefined : validateAccount(c.account, `${f}.account`)
  const grantee = granteeOf(f, cname, namespace, account, producer)
  if (namespace !== undefined && refText(namespace) === refText(producer.namespace)) {
    throw fail(
      `${f}.namespace`,
      refText(namespace),
      'is the producer namespace itself; a namespace cannot consume its own datashare.',
    )
  }
  const readers = readReaders(c.readers, f)
  return Object.freeze({
    name: cname,
    grantee,
    database: validateIdentifier(c.database, `${f}.database`),
    publiclyAccessible: asBoolean(c.publiclyAccessible, `${f}.publiclyAccessible`, false),
    withPermissions: asBoolean(c.withPermissions, `${f}.withPermissions`, false),
    readers: Object.freeze(readers),
  })
}

// A consumer in another account than the producer's is granted by account, else by namespace.
function granteeOf(
  f: string,
  cname: string,
  namespace: NamespaceRef | undefined,
  account: AccountRef | undefined,
  producer: Producer,
): Grantee {
  const crossAccount =
    account !== undefined &&
    (producer.account === undefined || refText(account) !== refText(producer.account))
  if (crossAccount) {
    if (producer.account === undefined) {
      throw fail(
        'producer.account',
        undefined,
        `consumer ${JSON.stringify(cname)} is in another account (${refText(account)}); set producer.account (12 digits) so the consumer can name it in CREATE DATABASE … OF ACCOUNT.`,
      )
    }
    return Object.freeze({ kind: 'account', id: account })
  }
  if (namespace !== undefined) return Object.freeze({ kind: 'namespace', id: namespace })
  throw fail(
    `${f}.namespace`,
    undefined,
    'give the consumer namespace GUID (same account) or its account id (cross-account).',
  )
}

function readReaders(value: unknown, f: string): Reader[] {
  const readers = asArray(value ?? [], `${f}.readers`).map((r, j): Reader => {
    const rf = `${f}.readers[${j}]`
    const o = asObject(r, rf)
    const keys = Object.keys(o)
    const kind = keys[0]
    if (keys.length !== 1 || (kind !== 'role' && kind !== 'user' && kind !== 'group')) {
      throw fail(
        rf,
        r,
        'expected exactly one of { role }, { user } or { group }, e.g. { role: "bi_readers" }.',
      )
    }
    return Object.freeze({ kind, name: validateIdentifier(o[kind], `${rf}.${kind}`) })
  })
  noDuplicates(
    readers.map((r) => `${r.kind} ${r.name}`),
    (j) => `${f}.readers[${j}]`,
    'reader',
  )
  return readers
}

function findTable(
  scope: PolicyScope,
  schema: string,
  table: string,
  field: string,
  value: unknown,
): PolicyTable {
  const { tableDefs, entries } = scope
  const def = tableDefs.find((t) => t.schema === schema && t.name === table)
  const entry = entries.find((s) => s.schema === schema)
  if (!def || !entry || (entry.tables !== 'all' && !entry.tables.includes(table))) {
    throw new DesiredStateError(
      'UNKNOWN_TABLE',
      `${field}: ${JSON.stringify(value)} is not a table of the share; policies apply to shared tables (${entries.map((s) => s.schema).join(', ')}).`,
      { field, value },
    )
  }
  return def
}

function columnOf(def: PolicyTable, col: unknown, field: string): PolicyColumn {
  const colName = validateIdentifier(col, field)
  const c = def.columns[colName]
  if (!c) {
    throw new DesiredStateError(
      'UNKNOWN_COLUMN',
      `${field}: ${def.schema}.${def.name} has no column ${JSON.stringify(colName)}; columns are ${Object.keys(def.columns).join(', ')}.`,
      { field, value: col },
    )
  }
  return Object.freeze({ name: colName, type: c.type })
}

function consumerList(
  scope: PolicyScope,
  value: unknown,
  field: string,
  fallback: readonly string[] | undefined,
): readonly string[] {
  const { byName } = scope
  if (value === undefined && fallback) return fallback
  const list = asArray(value, field).map((v, i) => validateIdentifier(v, `${field}[${i}]`))
  if (list.length === 0) throw fail(field, value, 'name at least one consumer.')
  list.forEach((n, i) => {
    const c = byName.get(n)
    if (!c) {
      throw new DesiredStateError(
        'UNKNOWN_CONSUMER',
        `${field}[${i}]: ${JSON.stringify(n)} is not a consumer of this share; consumers are ${[...byName.keys()].join(', ') || '(none)'}.`,
        { field: `${field}[${i}]`, value: n },
      )
    }
    if (!c.withPermissions) {
      throw new DesiredStateError(
        'POLICY_NEEDS_PERMISSIONS',
        `${field}[${i}]: consumer ${JSON.stringify(n)} gets a policy, which needs its database created WITH PERMISSIONS; set consumers[…].withPermissions: true.`,
        { field: `${field}[${i}]`, value: n },
      )
    }
  })
  noDuplicates(list, (i) => `${field}[${i}]`, 'consumer')
  return Object.freeze(list)
}

function readMasking(value: unknown, scope: PolicyScope): readonly MaskingPolicy[] {
  const masking = asArray(value ?? [], 'policies.masking').map((raw, i) =>
    readMaskingPolicy(raw, `policies.masking[${i}]`, scope),
  )
  noDuplicates(
    masking.map((m) => m.name),
    (i) => `policies.masking[${i}].name`,
    'masking policy name',
  )
  // Two policies masking the same column for the same consumer would be ambiguous.
  const maskedFor = new Map<string, string>()
  masking.forEach((m, i) => {
    for (const c of m.consumers)
      for (const col of m.columns) {
        const key = JSON.stringify([m.schema, m.table, col.name, c])
        const other = maskedFor.get(key)
        if (other !== undefined) {
          throw new DesiredStateError(
            'DUPLICATE',
            `policies.masking[${i}]: column ${m.schema}.${m.table}.${col.name} is already masked for ${JSON.stringify(c)} by ${JSON.stringify(other)}; mask each column once per consumer.`,
            { field: `policies.masking[${i}]`, value: m.name },
          )
        }
        maskedFor.set(key, m.name)
      }
  })
  return masking
}

function readMaskingPolicy(raw: unknown, f: string, scope: PolicyScope): MaskingPolicy {
  const { consumers } = scope
  const m = asObject(raw, f)
  unknownKeys(m, ['name', 'table', 'columns', 'mask', 'consumers'], f)
  const pname = validateIdentifier(m.name, `${f}.name`)
  const { schema, table } = splitTable(m.table, `${f}.table`)
  const def = findTable(scope, schema, table, `${f}.table`, m.table)
  const cols = asArray(m.columns, `${f}.columns`)
  if (cols.length === 0) throw fail(`${f}.columns`, m.columns, 'name at least one column to mask.')
  const columns = cols.map((c, j) => columnOf(def, c, `${f}.columns[${j}]`))
  noDuplicates(
    columns.map((c) => c.name),
    (j) => `${f}.columns[${j}]`,
    'column',
  )
  const mask = m.mask ?? 'redact'
  if (mask !== 'redact' && mask !== 'null')
    throw fail(`${f}.mask`, m.mask, 'expected "redact" or "null".')
  const tableColumns = Object.entries(def.columns).map(([n, c]) =>
    Object.freeze({ name: n, type: c.type }),
  )
  const all = consumers.filter((c) => c.withPermissions).map((c) => c.name)
  if (m.consumers === undefined && all.length !== consumers.length) {
    const without = consumers.find((c) => !c.withPermissions)!
    throw new DesiredStateError(
      'POLICY_NEEDS_PERMISSIONS',
      `${f}.consumers: the policy applies to every consumer by default, but ${JSON.stringify(without.name)} is not created WITH PERMISSIONS; set its withPermissions: true or list the consumers.`,
      { field: `${f}.consumers`, value: undefined },
    )
  }
  return Object.freeze({
    name: pname,
    schema,
    table,
    tableColumns: Object.freeze(tableColumns),
    columns: Object.freeze(columns),
    mask,
    consumers: consumerList(scope, m.consumers, `${f}.consumers`, Object.freeze(all)),
  })
}

function readRowLevelSecurity(value: unknown, scope: PolicyScope): readonly RlsPolicy[] {
  const rowLevelSecurity = asArray(value ?? [], 'policies.rowLevelSecurity').map((raw, i) =>
    readRlsPolicy(raw, `policies.rowLevelSecurity[${i}]`, scope),
  )
  noDuplicates(
    rowLevelSecurity.map((r) => r.name),
    (i) => `policies.rowLevelSecurity[${i}].name`,
    'RLS policy name',
  )
  return rowLevelSecurity
}

function readRlsPolicy(raw: unknown, f: string, scope: PolicyScope): RlsPolicy {
  const r = asObject(raw, f)
  unknownKeys(r, ['name', 'table', 'column', 'values', 'consumers'], f)
  const pname = validateIdentifier(r.name, `${f}.name`)
  const { schema, table } = splitTable(r.table, `${f}.table`)
  const def = findTable(scope, schema, table, `${f}.table`, r.table)
  const column = columnOf(def, r.column, `${f}.column`)
  const values = asArray(r.values, `${f}.values`)
  if (values.length === 0) throw fail(`${f}.values`, r.values, 'give at least one allowed value.')
  const numeric = ['smallint', 'integer', 'bigint', 'decimal', 'double'].includes(column.type.kind)
  const textual = column.type.kind === 'varchar' || column.type.kind === 'char'
  if (!numeric && !textual) {
    throw fail(
      `${f}.column`,
      column.name,
      `has type ${column.type.kind}; row filters compare text or numeric columns.`,
    )
  }
  values.forEach((v, j) => {
    if (numeric ? typeof v !== 'number' || !Number.isFinite(v) : typeof v !== 'string') {
      throw fail(
        `${f}.values[${j}]`,
        v,
        `expected a ${numeric ? 'finite number' : 'string'} to compare with ${column.name}.`,
      )
    }
  })
  return Object.freeze({
    name: pname,
    schema,
    table,
    column,
    values: Object.freeze(values as (string | number)[]),
    consumers: consumerList(scope, r.consumers, `${f}.consumers`, undefined),
  })
}

// PUBLICACCESSIBLE: forced by the spec, else TRUE when some consumer workgroup is public.
function readPubliclyAccessible(forced: unknown, consumers: readonly Consumer[]): boolean {
  const publiclyAccessible = asBoolean(
    forced,
    'publiclyAccessible',
    consumers.some((c) => c.publiclyAccessible),
  )
  if (forced === false && consumers.some((c) => c.publiclyAccessible)) {
    const c = consumers.find((x) => x.publiclyAccessible)!
    throw fail(
      'publiclyAccessible',
      false,
      `consumer ${JSON.stringify(c.name)} has a publicly accessible workgroup, which cannot read a share with PUBLICACCESSIBLE FALSE ("Publicly accessible consumer cannot access object in the database"); remove the override or make the workgroup private.`,
    )
  }
  return publiclyAccessible
}

/**
 * Validates a desired datashare at the edge and returns it normalised and frozen. Every
 * error names the field, the value and the fix.
 *
 * @throws {DesiredStateError} bad formats, duplicates, unknown tables/columns/consumers.
 * @throws {IdentifierError} (from `@redshift-playground/schema`) names breaking Redshift rules.
 * @example
 * const share = defineDatashare({
 *   name: 'airline_share',
 *   producer: { namespace: '13b8833d-17c6-4f16-8fe4-1a018f5ed00d', database: 'dev' },
 *   objects: [{ schema: 'airline_dw', tables: 'all' }],
 *   consumers: [{ name: 'analytics', namespace: 'a0f8…', database: 'airline_analytics' }],
 * })
 */
export function defineDatashare(
  spec: DatashareSpec,
  options: DefineDatashareOptions = {},
): Datashare {
  const root = asObject(spec, 'datashare')
  unknownKeys(
    root,
    ['name', 'producer', 'objects', 'publiclyAccessible', 'consumers', 'policies'],
    'datashare',
  )
  const name = validateIdentifier(root.name, 'name')
  const producer = readProducer(root.producer)
  const tableDefs: readonly PolicyTable[] = options.tables ?? Object.values(airlineModel.tables)
  const entries = readObjects(root.objects, name, tableDefs)
  const consumers = readConsumers(root.consumers, producer)
  const byName = new Map(consumers.map((c) => [c.name, c]))
  const scope: PolicyScope = { tableDefs, entries, consumers, byName }

  const pol = root.policies === undefined ? {} : asObject(root.policies, 'policies')
  unknownKeys(pol, ['masking', 'rowLevelSecurity'], 'policies')
  const masking = readMasking(pol.masking, scope)
  const rowLevelSecurity = readRowLevelSecurity(pol.rowLevelSecurity, scope)

  const forced = root.publiclyAccessible
  const publiclyAccessible = readPubliclyAccessible(forced, consumers)
  // An entry is published when a policy protects one of its tables (or publishAs says so).
  const protectedSchemas = new Set([...masking, ...rowLevelSecurity].map((p) => p.schema))
  const definitions = relationDefinitions(tableDefs, options.views)
  const shareSchemas = entries.map(
    ({ explicit, ...e }): ShareSchema =>
      Object.freeze({
        ...e,
        published: explicit || protectedSchemas.has(e.schema),
        interleavedViews: interleavedViews(e, tableDefs, definitions),
      }),
  )

  const hasPlaceholders =
    isPlaceholder(producer.namespace) ||
    isPlaceholder(producer.account) ||
    consumers.some((c) => isPlaceholder(c.grantee.id))

  return Object.freeze({
    name,
    producer,
    publiclyAccessible,
    publiclyAccessibleSource: forced === undefined ? 'derived' : 'forced',
    schemas: Object.freeze(shareSchemas),
    consumers: Object.freeze(consumers),
    masking: Object.freeze(masking),
    rowLevelSecurity: Object.freeze(rowLevelSecurity),
    hasPlaceholders,
    definitions,
  })
}
