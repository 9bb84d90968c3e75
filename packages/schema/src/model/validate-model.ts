import { SchemaError } from '../errors.js'
import { POSTGRES_MAX_IDENTIFIER_BYTES, validateIdentifier } from '../identifiers.js'
import type { Encoding, SqlType } from './column.js'
import type { TableShape } from './table.js'
import type { ViewShape } from './view.js'

/** Any model the DDL renderers and migrations accept: schemas, tables and views keyed by name. */
export interface SchemaModel {
  readonly schemas: readonly string[]
  readonly tables: Readonly<Record<string, TableShape>>
  /** Regular views over the tables, created after them (none in migration 0001's model). */
  readonly views?: Readonly<Record<string, ViewShape>>
}

// Which types each encoding supports, from the Redshift "Compression encodings" table
// (https://docs.aws.amazon.com/redshift/latest/dg/c_Compression_encodings.html).
const ENCODING_TYPES: Readonly<Record<Encoding, ReadonlySet<SqlType['kind']> | 'all'>> = {
  RAW: 'all',
  ZSTD: 'all',
  RUNLENGTH: 'all',
  AZ64: new Set(['smallint', 'integer', 'bigint', 'decimal', 'date', 'timestamp']),
  BYTEDICT: new Set([
    'smallint',
    'integer',
    'bigint',
    'decimal',
    'double',
    'char',
    'varchar',
    'date',
    'timestamp',
  ]),
  DELTA: new Set(['smallint', 'integer', 'bigint', 'decimal', 'date', 'timestamp']),
  DELTA32K: new Set(['integer', 'bigint', 'decimal', 'date', 'timestamp']),
  LZO: new Set([
    'smallint',
    'integer',
    'bigint',
    'decimal',
    'char',
    'varchar',
    'date',
    'timestamp',
    'time',
  ]),
}

/** Redshift limits: interleaved sort keys take at most 8 columns, compound ones 400. */
const MAX_INTERLEAVED = 8
const MAX_COMPOUND = 400

const fail = (field: string, value: unknown, message: string): never => {
  throw new SchemaError('MODEL_INVALID', `${field}: ${message}`, { field, value })
}

function checkType(type: SqlType, field: string): void {
  switch (type.kind) {
    case 'varchar':
      if (!Number.isInteger(type.length) || type.length < 1 || type.length > 65535)
        fail(field, type.length, 'VARCHAR length must be an integer from 1 to 65535.')
      break
    case 'char':
      if (!Number.isInteger(type.length) || type.length < 1 || type.length > 4096)
        fail(field, type.length, 'CHAR length must be an integer from 1 to 4096.')
      break
    case 'decimal':
      if (
        !Number.isInteger(type.precision) ||
        !Number.isInteger(type.scale) ||
        type.precision < 1 ||
        type.precision > 38 ||
        type.scale < 0 ||
        type.scale > type.precision
      )
        fail(field, type, 'DECIMAL needs 1 ≤ precision ≤ 38 and 0 ≤ scale ≤ precision.')
      break
    default:
      break
  }
}

/**
 * Checks the tables' indexes: an identifier of at most 63 bytes, at least one column, each a
 * column of the table and listed once, and a name no other relation of the schema has (a
 * PostgreSQL index is a relation: tables, views, other indexes and the primary keys' indexes
 * `<table>_pkey` share one namespace per schema).
 */
function checkIndexes(model: SchemaModel): void {
  const opts = { maxBytes: POSTGRES_MAX_IDENTIFIER_BYTES }
  const taken = new Set<string>()
  for (const r of [...Object.values(model.tables), ...Object.values(model.views ?? {})])
    taken.add(`${r.schema}.${r.name}`)
  for (const t of Object.values(model.tables)) taken.add(`${t.schema}.${t.name}_pkey`)
  for (const [key, t] of Object.entries(model.tables)) {
    for (const [i, index] of (t.indexes ?? []).entries()) {
      const at = `tables.${key}.indexes[${i}]`
      validateIdentifier(index.name, `${at}.name`, opts)
      const q = `${t.schema}.${index.name}`
      if (taken.has(q))
        fail(`${at}.name`, index.name, `another relation of ${t.schema} has this name; rename it.`)
      taken.add(q)
      if (index.columns.length === 0)
        fail(`${at}.columns`, index.columns, 'an index takes at least one column.')
      for (const c of index.columns)
        if (!Object.hasOwn(t.columns, c))
          fail(`${at}.columns`, c, `no column named ${JSON.stringify(c)} in ${t.name}.`)
      if (new Set(index.columns).size !== index.columns.length)
        fail(`${at}.columns`, index.columns, 'an index lists each column once.')
    }
  }
}

/**
 * Orders a model's tables so every table comes after the tables it references, and checks
 * the whole model first: names follow the identifier rules (and fit PostgreSQL's 63 bytes,
 * so both targets see the same names), keys and indexes name existing columns, references
 * resolve to a primary key, encodings suit their types and sort keys respect Redshift's limits.
 *
 * @throws {SchemaError} code `MODEL_INVALID` (or an `IdentifierError`) naming the bad path.
 */
export function orderedTables(model: SchemaModel): readonly TableShape[] {
  const opts = { maxBytes: POSTGRES_MAX_IDENTIFIER_BYTES }
  for (const [i, s] of model.schemas.entries()) validateIdentifier(s, `schemas[${i}]`, opts)
  const byQualified = new Map<string, TableShape>()
  for (const [key, t] of Object.entries(model.tables)) {
    const at = `tables.${key}`
    validateIdentifier(t.schema, `${at}.schema`, opts)
    validateIdentifier(t.name, `${at}.name`, opts)
    if (!model.schemas.includes(t.schema))
      fail(
        `${at}.schema`,
        t.schema,
        `schema is not listed in model.schemas (${model.schemas.join(', ')}); add it there.`,
      )
    const q = `${t.schema}.${t.name}`
    if (byQualified.has(q)) fail(`${at}.name`, q, 'two tables share this schema-qualified name.')
    byQualified.set(q, t)
    const columns = Object.keys(t.columns)
    if (columns.length === 0) fail(`${at}.columns`, t.columns, 'a table needs at least one column.')
    for (const [name, c] of Object.entries(t.columns)) {
      validateIdentifier(name, `${at}.columns.${name}`, opts)
      checkType(c.type, `${at}.columns.${name}.type`)
      const allowed = c.encode === undefined ? 'all' : ENCODING_TYPES[c.encode]
      if (allowed !== 'all' && !allowed.has(c.type.kind))
        fail(
          `${at}.columns.${name}.encode`,
          c.encode,
          `ENCODE ${c.encode} does not support ${c.type.kind.toUpperCase()}; use ZSTD or RAW.`,
        )
      if (c.identity && c.type.kind !== 'bigint' && c.type.kind !== 'integer')
        fail(`${at}.columns.${name}`, c.type.kind, 'an IDENTITY column must be INTEGER or BIGINT.')
    }
    const has = (c: string) => columns.includes(c)
    if (t.primaryKey.length === 0)
      fail(`${at}.primaryKey`, t.primaryKey, 'every table needs a primary key.')
    for (const c of t.primaryKey)
      if (!has(c)) fail(`${at}.primaryKey`, c, `no column named ${JSON.stringify(c)}.`)
    for (const c of t.primaryKey)
      if (t.columns[c]?.nullable)
        fail(`${at}.primaryKey`, c, 'primary-key columns must be NOT NULL.')
    if (t.distribution.style === 'KEY' && !has(t.distribution.key))
      fail(
        `${at}.distribution.key`,
        t.distribution.key,
        `no column named ${JSON.stringify(t.distribution.key)}.`,
      )
    if (t.sortKey.style !== 'AUTO') {
      const max = t.sortKey.style === 'INTERLEAVED' ? MAX_INTERLEAVED : MAX_COMPOUND
      if (t.sortKey.columns.length === 0 || t.sortKey.columns.length > max)
        fail(
          `${at}.sortKey.columns`,
          t.sortKey.columns,
          `a ${t.sortKey.style} sort key takes 1 to ${max} columns.`,
        )
      for (const c of t.sortKey.columns)
        if (!has(c)) fail(`${at}.sortKey.columns`, c, `no column named ${JSON.stringify(c)}.`)
      if (new Set(t.sortKey.columns).size !== t.sortKey.columns.length)
        fail(`${at}.sortKey.columns`, t.sortKey.columns, 'a sort key lists each column once.')
    }
  }
  for (const [key, t] of Object.entries(model.tables)) {
    for (const [i, f] of t.foreignKeys.entries()) {
      const at = `tables.${key}.foreignKeys[${i}]`
      for (const c of f.columns)
        if (!(c in t.columns)) fail(at, c, `no column named ${JSON.stringify(c)} in ${t.name}.`)
      const target = byQualified.get(`${f.references.schema}.${f.references.table}`)
      if (!target) {
        fail(
          at,
          f.references,
          `references ${f.references.schema}.${f.references.table}, which is not in the model.`,
        )
        continue
      }
      if (
        f.columns.length !== f.references.columns.length ||
        f.references.columns.join(',') !== target.primaryKey.join(',')
      )
        fail(
          at,
          f.references.columns,
          `must reference the primary key (${target.primaryKey.join(', ')}) of ${target.name} with as many columns.`,
        )
    }
  }
  checkIndexes(model)
  // Depth-first topological sort, keeping the model's own order where it is already valid.
  const out: TableShape[] = []
  const state = new Map<TableShape, 'visiting' | 'done'>()
  const visit = (t: TableShape, path: readonly string[]): void => {
    const s = state.get(t)
    if (s === 'done') return
    if (s === 'visiting')
      fail(
        'tables',
        [...path, t.name],
        `foreign keys form a cycle: ${[...path, t.name].join(' → ')}.`,
      )
    state.set(t, 'visiting')
    for (const f of t.foreignKeys) {
      const target = byQualified.get(`${f.references.schema}.${f.references.table}`) as TableShape
      if (target !== t) visit(target, [...path, t.name])
    }
    state.set(t, 'done')
    out.push(t)
  }
  for (const t of Object.values(model.tables)) visit(t, [])
  return Object.freeze(out)
}

/**
 * Checks a model's views after its tables ({@link orderedTables}): names follow the identifier
 * rules, the schema is listed, no table or other view has the name, there is at least one
 * column, the query is one SELECT without a `;`, and every table and column it declares to
 * read exists. Returns the views in the model's order (views read tables only).
 *
 * @throws {SchemaError} code `MODEL_INVALID` (or an `IdentifierError`) naming the bad path.
 */
export function orderedViews(model: SchemaModel): readonly ViewShape[] {
  const opts = { maxBytes: POSTGRES_MAX_IDENTIFIER_BYTES }
  const tables = new Map(Object.values(model.tables).map((t) => [`${t.schema}.${t.name}`, t]))
  const seen = new Set<string>()
  for (const [key, v] of Object.entries(model.views ?? {})) {
    const at = `views.${key}`
    validateIdentifier(v.schema, `${at}.schema`, opts)
    validateIdentifier(v.name, `${at}.name`, opts)
    if (!model.schemas.includes(v.schema))
      fail(`${at}.schema`, v.schema, `schema is not listed in model.schemas; add it there.`)
    const q = `${v.schema}.${v.name}`
    if (tables.has(q) || seen.has(q))
      fail(`${at}.name`, q, 'a table or another view has this schema-qualified name.')
    seen.add(q)
    if (Object.keys(v.columns).length === 0)
      fail(`${at}.columns`, v.columns, 'a view needs at least one column.')
    for (const [name, c] of Object.entries(v.columns)) {
      validateIdentifier(name, `${at}.columns.${name}`, opts)
      checkType(c.type, `${at}.columns.${name}.type`)
    }
    if (!/^\s*SELECT\s/i.test(v.query) || v.query.includes(';'))
      fail(`${at}.query`, v.query, 'give one SELECT statement without a semicolon.')
    for (const [i, r] of v.reads.entries()) {
      const t =
        tables.get(`${r.schema}.${r.table}`) ??
        fail(
          `${at}.reads[${i}]`,
          `${r.schema}.${r.table}`,
          'a view reads tables of the model; add the table first.',
        )
      for (const c of r.columns)
        if (!Object.hasOwn(t.columns, c))
          fail(`${at}.reads[${i}].columns`, c, `${t.name} has no column ${JSON.stringify(c)}.`)
    }
  }
  return Object.freeze(Object.values(model.views ?? {}))
}
