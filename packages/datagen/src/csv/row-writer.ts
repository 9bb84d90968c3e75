import type { Column, SqlKind, SqlType } from '@redshift-playground/schema/model'
import { type ByteBuffer, FIELD_WRITERS } from './row-encoder.js'

/**
 * The raw value a row writer takes for a column of SQL type kind `K`: integers; DECIMAL as
 * an integer in units of its scale (cents for DECIMAL(10,2)); DATE as days since 1970-01-01;
 * TIMESTAMP as seconds since the epoch; TIME as seconds of the day; booleans; text as a string
 * or as already-encoded CSV bytes (pre-encoded constants).
 */
export type RawValue<K extends SqlKind> = K extends 'boolean'
  ? boolean
  : K extends 'varchar' | 'char'
    ? string | Uint8Array
    : number

/** The SQL type kind of a model column type. */
export type KindOf<C> = C extends Column<unknown, unknown, boolean, boolean, infer K> ? K : never

/** What a row writer takes for model column `C`: its raw value, or `null` where the column allows NULL. */
export type ValueOf<C> =
  C extends Column<unknown, unknown, infer N, boolean, infer K>
    ? N extends true
      ? RawValue<K> | null
      : RawValue<K>
    : never

/**
 * A writer for one column that stores bytes itself (pre-encoded words and the like) instead
 * of handing a value to the writer its SQL type picks. It declares the type it writes; the row
 * writer compiler refuses it, naming the column, when the model's column is of another type.
 */
export interface CustomColumn<K extends SqlKind, V, X> {
  readonly custom: K
  /** DECIMAL: the scale written. Text: the longest text written (≤ the column's length). */
  readonly scale?: number
  readonly maxLength?: number
  /** Whether it may write NULL (an empty field); the column must then allow NULL. */
  readonly nullable?: boolean
  /** Upper bound of the bytes written (word stores included). */
  readonly maxBytes: number
  readonly write: (d: DataView, p: number, v: V, x: X) => number
}

/**
 * Where one column's value comes from: a getter of its raw value (the column's SQL type picks
 * the byte writer, so the value is typed by the model), or a custom byte writer.
 */
export type ColumnSource<C, V, X> = ((v: V, x: X) => ValueOf<C>) | CustomColumn<KindOf<C>, V, X>

/**
 * One source per model column, keyed by column name — TPC-DS dsdgen's "print per column". The
 * type requires exactly the model's columns: a column added to the model without a source
 * here, a source for a column the model no longer has, or a value of the wrong type for the
 * column's SQL type or nullability is a compile error that names the column.
 */
export type ColumnSources<C extends Record<string, Column>, V, X> = {
  readonly [K in keyof C & string]: ColumnSource<C[K], V, X>
}

/** The type a fused run writes for one of its columns (checked against the model). */
export interface FieldType {
  readonly kind: SqlKind
  readonly scale?: number
  readonly maxLength?: number
  readonly nullable?: boolean
}

/**
 * A fast path writing several adjacent columns at once (their separating commas included),
 * e.g. four text columns as one pre-encoded run. It is used only where the model has exactly
 * these columns next to each other in this order; anywhere else the columns' own sources
 * write them, so a reordered model still gets correct rows. A test holds every run's output to
 * what the columns' sources write.
 */
export interface FieldRun<C extends Record<string, Column>, V, X> {
  readonly columns: readonly (keyof C & string)[]
  readonly types: readonly FieldType[]
  readonly maxBytes: number
  readonly write: (d: DataView, p: number, v: V, x: X) => number
}

/** Appends one CSV row (ended by a newline) for `v` (and the shared context `x`) to `out`. */
export type RowWriter<V, X> = (out: ByteBuffer, v: V, x: X) => void

/** Options of {@link compileRowWriter}. */
export interface RowWriterOptions<C extends Record<string, Column>, V, X> {
  /** Fused fast paths, used where the model's column order allows (see {@link FieldRun}). */
  readonly runs?: readonly FieldRun<C, V, X>[]
}

const IDENT = /^[a-z_][a-z0-9_]*$/

/** Bytes one field of a type can take at most (text: every character 6 UTF-8 bytes, quoted). */
function maxFieldBytes(type: SqlType): number {
  return type.kind === 'varchar' || type.kind === 'char' ? 6 * type.length + 2 : 48
}

/**
 * The statement(s) writing value `t` of a column type at `p`. Integers and money (the commonest
 * fields) have their fast paths spelled out — one or two word stores from the digit tables, as
 * `int` and `cents` do — so a whole row is one function without a call per field; other types
 * call their byte writer.
 */
function writerCode(type: SqlType): string {
  switch (type.kind) {
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'double':
      return [
        'if (t >= 0 && t < 10000) {',
        '  n = t | 0; d.setUint32(p, WORD4[n], true); p += LEN4[n]',
        '} else p = W.intWide(d, p, t)',
      ].join('\n')
    case 'decimal':
      return type.scale === 2
        ? [
            'if (t >= 0 && t < 1000000) {',
            '  n = (t / 100) | 0; d.setUint32(p, WORD4[n], true); p += LEN4[n]',
            '  d.setUint32(p, DOT2[(t | 0) - n * 100], true); p += 3',
            '} else p = W.centsWide(d, p, t)',
          ].join('\n')
        : `p = W.scaled(d, p, t, ${type.scale}, ${10 ** type.scale})`
    case 'date':
      return 'p = W.date(d, p, t)'
    case 'time':
      return 'p = W.time(d, p, t)'
    case 'timestamp':
      return 'p = W.timestamp(d, p, t)'
    case 'boolean':
      return 'd.setUint8(p++, t ? 116 : 102)'
    case 'varchar':
    case 'char':
      return 'p = W.text(d, out.buf, p, t)'
  }
}

interface ModelColumn {
  readonly type: SqlType
  readonly nullable: boolean
}

/** Refuses a declared type that is not the model column's, naming the column. */
function checkType(table: string, name: string, column: ModelColumn, declared: FieldType): void {
  const where = `${table}.${name}`
  const t = column.type
  if (declared.kind !== t.kind)
    throw new TypeError(
      `${where}: the generator writes it as ${declared.kind} but the model says ${t.kind}; update the table's column sources.`,
    )
  if (t.kind === 'decimal' && declared.scale !== t.scale)
    throw new TypeError(
      `${where}: the generator writes ${declared.scale ?? '?'} decimal places but the model's scale is ${t.scale}; update the table's column sources.`,
    )
  if (
    (t.kind === 'varchar' || t.kind === 'char') &&
    declared.maxLength !== undefined &&
    declared.maxLength > t.length
  )
    throw new TypeError(
      `${where}: the generator writes up to ${declared.maxLength} characters but the model allows ${t.length}; update the table's column sources.`,
    )
  if (declared.nullable === true && !column.nullable)
    throw new TypeError(
      `${where}: the generator may write NULL but the model says NOT NULL; update the table's column sources.`,
    )
}

/** The columns a unit of generated code writes: one column, or a fused run of several. */
type Unit =
  | { readonly kind: 'getter'; readonly name: string; readonly column: ModelColumn }
  | { readonly kind: 'custom'; readonly name: string; readonly maxBytes: number }
  | { readonly kind: 'run'; readonly index: number; readonly maxBytes: number }

/**
 * Compiles a CSV row writer for a table from the model: column order is
 * `Object.keys(table.columns)` (the model's), each column's value comes from its source in
 * `sources` and is written by the byte writer of the column's SQL type (or by the source's
 * own writer), so there is no second hand-written column list to drift from the model. The
 * writer stores bytes straight into the buffer (no intermediate strings); NULL is an empty
 * unquoted field, which COPY … CSV reads as NULL.
 *
 * Checked when compiled, naming the column: every model column has a source and every source
 * a model column (the compiler already checks this for the model's own types), and custom
 * writers and fused runs write the model's type.
 *
 * @example
 * const write = compileRowWriter(spec, { date_key: (day) => key(day), … })
 * write(out, day, world)
 */
export function compileRowWriter<C extends Record<string, Column>, V, X>(
  table: { readonly name: string; readonly columns: C },
  sources: ColumnSources<C, V, X>,
  options: RowWriterOptions<C, V, X> = {},
): RowWriter<V, X> {
  const model = table.columns as Record<string, ModelColumn>
  const names = Object.keys(model)
  const given = sources as unknown as Record<string, ColumnSource<unknown, V, X>>
  for (const name of names) {
    if (!IDENT.test(name))
      throw new TypeError(
        `${table.name}.${name}: not a plain identifier, so no writer is compiled for it.`,
      )
    if (!Object.hasOwn(given, name))
      throw new TypeError(
        `${table.name}.${name}: the model has this column but the generator has no source for it; add one to the table's column sources.`,
      )
  }
  for (const name of Object.keys(given))
    if (!Object.hasOwn(model, name))
      throw new TypeError(
        `${table.name}.${name}: the generator has a source for this column but the model has no such column; remove it from the table's column sources.`,
      )

  const runs = options.runs ?? []
  // Every run names model columns of the types it writes, whether or not the model's order
  // lets it apply: a run left over from an older model fails here, naming the column.
  for (const run of runs)
    run.columns.forEach((c, k) => {
      if (!Object.hasOwn(model, c))
        throw new TypeError(
          `${table.name}.${c}: a fused run of the generator writes this column but the model has no such column; update the table's runs.`,
        )
      checkType(table.name, c, model[c] as ModelColumn, run.types[k] as FieldType)
    })
  const units: Unit[] = []
  for (let i = 0; i < names.length; ) {
    const name = names[i] as string
    const r = runs.findIndex(
      (run) => run.columns.length > 0 && run.columns.every((c, k) => names[i + k] === c),
    )
    if (r >= 0) {
      const run = runs[r] as FieldRun<C, V, X>
      units.push({ kind: 'run', index: r, maxBytes: run.maxBytes })
      i += run.columns.length
      continue
    }
    const source = given[name]
    const column = model[name] as ModelColumn
    if (typeof source === 'function') units.push({ kind: 'getter', name, column })
    else {
      const custom = source as CustomColumn<SqlKind, V, X>
      checkType(table.name, name, column, { ...custom, kind: custom.custom })
      units.push({ kind: 'custom', name, maxBytes: custom.maxBytes })
    }
    i++
  }
  let maxBytes = 1
  for (const u of units)
    maxBytes += 1 + (u.kind === 'getter' ? maxFieldBytes(u.column.type) : u.maxBytes)

  const code = (u: Unit): string => {
    switch (u.kind) {
      case 'run':
        return `p = R[${u.index}].write(d, p, v, x)`
      case 'custom':
        return `p = S.${u.name}.write(d, p, v, x)`
      case 'getter': {
        const write = writerCode(u.column.type)
        return `t = S.${u.name}(v, x)\n${u.column.nullable ? `if (t !== null) {\n${write}\n}` : write}`
      }
    }
  }
  const source = [
    "'use strict'",
    'const WORD4 = W.WORD4, LEN4 = W.LEN4, DOT2 = W.DOT2',
    `return function write_${table.name}(out, v, x) {`,
    `const d = out.ensure(${maxBytes})`,
    'let p = out.pos, t, n',
    units.map(code).join('\nd.setUint8(p++, 44)\n'),
    'd.setUint8(p++, 10)',
    'out.pos = p',
    '}',
  ].join('\n')
  return new Function('W', 'S', 'R', source)(FIELD_WRITERS, sources, runs) as RowWriter<V, X>
}
