import { Cursor } from './cursor.js'
import {
  foldIdentifier,
  pgIdent,
  pgLiteral,
  refuseUndocumentedEscape,
  type Token,
} from './lexer.js'

/** What Redshift keeps about a table beyond PostgreSQL's catalog. */
export interface TableAttributes {
  readonly diststyle: 'auto' | 'even' | 'key' | 'all' | undefined
  readonly distkey: string | undefined
  readonly sortkeyStyle: 'compound' | 'interleaved' | 'auto' | undefined
  readonly sortkey: readonly string[]
  readonly backup: boolean
  /** Informational constraints: Redshift records them and does not enforce them. */
  readonly constraints: readonly string[]
}

/** A piece of re-emitted SQL: an original token or replacement text. */
export type Piece = Token | string

export interface CreateTablePlan {
  /** The statement as PostgreSQL reads it. */
  readonly pieces: readonly Piece[]
  readonly attributes: TableAttributes
}

const TYPE_MAP: Readonly<Record<string, string>> = {
  text: 'varchar(256)',
  bpchar: 'char(256)',
  nvarchar: 'varchar',
  nchar: 'char',
  'character varying': 'varchar',
  super: 'jsonb',
  varbyte: 'bytea',
  'binary varying': 'bytea',
  varbinary: 'bytea',
  float: 'float8',
}

/** The PostgreSQL type for a Redshift type as written (`text` → `varchar(256)`, `super` → `jsonb`). */
export function pgColumnType(redshiftType: string): string {
  const t = redshiftType.trim().toLowerCase()
  const m = /^([a-z ]+?)\s*(\(.*\))?$/.exec(t)
  const base = m?.[1] ?? t
  const modifier = m?.[2] === '(max)' ? '(65535)' : (m?.[2] ?? '')
  const mapped = TYPE_MAP[base]
  if (mapped)
    return mapped.includes('(') && modifier === ''
      ? mapped
      : `${mapped.replace(/\(.*\)$/, '')}${modifier}`
  if (base === 'varchar' || base === 'character varying') return `varchar${modifier || '(256)'}`
  if (base === 'char' || base === 'character') return `char${modifier || '(1)'}`
  return `${base}${modifier}`
}

/**
 * Reads a Redshift CREATE TABLE and turns it into PostgreSQL: DISTSTYLE, DISTKEY, SORTKEY,
 * ENCODE, BACKUP and COLLATE are removed and recorded; IDENTITY(seed, step) becomes an identity
 * column; PRIMARY KEY, UNIQUE and FOREIGN KEY are recorded and removed, because Redshift does
 * not enforce them (a duplicate key loads on Redshift, so it must load here). Returns
 * undefined for statements that are not CREATE TABLE.
 */
export function planCreateTable(
  sql: string,
  tokens: readonly Token[],
): CreateTablePlan | undefined {
  const c = new Cursor(sql, tokens)
  if (!c.acceptWord('create')) return undefined
  c.acceptWord('local')
  c.acceptWord('temporary') || c.acceptWord('temp')
  if (!c.acceptWord('table')) return undefined
  c.acceptWord('if', 'not', 'exists')
  c.qualifiedName('table name')
  const head: Piece[] = tokens.slice(0, c.i)
  const out: Piece[] = [...head]
  const constraints: string[] = []
  let diststyle: TableAttributes['diststyle']
  let distkey: string | undefined
  let sortkeyStyle: TableAttributes['sortkeyStyle']
  let sortkey: string[] = []
  let backup = true
  const text = (ts: readonly Token[]) => ts.map((t) => sql.slice(t.start, t.end)).join(' ')

  if (c.isOp('(')) {
    const open = c.peek()!
    const inner = c.parenthesized()
    out.push(open)
    const elements = splitTopLevel(inner)
    const kept: Piece[][] = []
    for (const el of elements) {
      const first = el[0]
      const word = (k: number) => (el[k]?.kind === 'word' ? el[k]!.value : undefined)
      if (
        word(0) === 'constraint' ||
        (word(0) === 'primary' && word(1) === 'key') ||
        (word(0) === 'foreign' && word(1) === 'key') ||
        word(0) === 'unique'
      ) {
        constraints.push(text(el))
        continue
      }
      if (word(0) === 'like' || first?.kind === undefined) {
        kept.push(el)
        continue
      }
      const col = columnDefinition(sql, el, constraints)
      if (col.distkey) distkey = col.name
      if (col.sortkey) {
        sortkeyStyle = 'compound'
        sortkey = [col.name]
      }
      kept.push(col.pieces)
    }
    kept.forEach((k, n) => {
      if (n > 0) out.push(',')
      out.push(...k)
    })
    out.push(')')
  }
  // Table attributes, in any order, before an optional AS query (CTAS).
  for (;;) {
    if (c.acceptWord('diststyle')) {
      const v = c.ident('distribution style')
      if (!['auto', 'even', 'key', 'all'].includes(v))
        c.fail('DISTSTYLE must be AUTO, EVEN, KEY or ALL')
      diststyle = v as TableAttributes['diststyle']
    } else if (c.acceptWord('distkey')) {
      c.expectOp('(')
      distkey = c.ident('column name')
      c.expectOp(')')
    } else if (
      c.isWord('compound', 'sortkey') ||
      c.isWord('interleaved', 'sortkey') ||
      c.isWord('sortkey')
    ) {
      sortkeyStyle = c.acceptWord('interleaved') ? 'interleaved' : 'compound'
      c.acceptWord('compound')
      c.expectWord('sortkey')
      if (c.acceptWord('auto')) {
        sortkeyStyle = 'auto'
        sortkey = []
      } else {
        c.expectOp('(')
        sortkey = c.list(() => c.ident('column name'))
        c.expectOp(')')
      }
    } else if (c.acceptWord('encode')) {
      c.expectWord('auto')
    } else if (c.acceptWord('backup')) {
      backup = c.oneOf('yes', 'no') === 'yes'
    } else break
  }
  if (!c.done) {
    if (!c.isWord('as')) c.fail('unexpected table attribute')
    out.push(...tokens.slice(c.i))
  }
  if (distkey !== undefined && diststyle === undefined) diststyle = 'key'
  return {
    pieces: out,
    attributes: { diststyle, distkey, sortkeyStyle, sortkey, backup, constraints },
  }
}

/**
 * Reads Redshift's `ALTER TABLE t ADD [COLUMN] name type [DEFAULT …] [ENCODE e] [NOT NULL | NULL]
 * [COLLATE …]` (DG:r_ALTER_TABLE) and turns it into PostgreSQL, the column definition read as
 * in CREATE TABLE (types mapped, ENCODE and COLLATE removed). A column key or constraint is not
 * part of ADD COLUMN's syntax and is refused. Returns undefined for other statements.
 */
export function planAlterTableAddColumn(
  sql: string,
  tokens: readonly Token[],
): { readonly pieces: readonly Piece[] } | undefined {
  const c = new Cursor(sql, tokens)
  if (!c.acceptWord('alter', 'table')) return undefined
  c.qualifiedName('table name')
  if (
    !c.isWord('add') ||
    c.isWord('add', 'constraint') ||
    c.isWord('add', 'primary') ||
    c.isWord('add', 'unique') ||
    c.isWord('add', 'foreign')
  )
    return undefined
  const head = tokens.slice(0, c.i)
  c.expectWord('add')
  c.acceptWord('column')
  const constraints: string[] = []
  const col = columnDefinition(sql, tokens.slice(c.i), constraints)
  if (col.distkey || col.sortkey || constraints.length > 0)
    c.fail('ADD COLUMN takes a name, a type, DEFAULT, ENCODE, NOT NULL or NULL and COLLATE only')
  return { pieces: [...head, 'ADD COLUMN', ...col.pieces] }
}

/** Splits a token list at top-level commas. */
export function splitTopLevel(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [[]]
  let depth = 0
  for (const t of tokens) {
    if (t.kind === 'op' && (t.value === '(' || t.value === '[')) depth++
    if (t.kind === 'op' && (t.value === ')' || t.value === ']')) depth--
    if (depth === 0 && t.kind === 'op' && t.value === ',') out.push([])
    else out[out.length - 1]!.push(t)
  }
  return out.filter((e) => e.length > 0)
}

function columnDefinition(
  sql: string,
  el: readonly Token[],
  constraints: string[],
): { name: string; pieces: Piece[]; distkey: boolean; sortkey: boolean } {
  const c = new Cursor(sql, el)
  const name = c.ident('column name')
  const pieces: Piece[] = [el[0]!]
  // The type: words and a parenthesised modifier, mapped where Redshift's differ.
  const typeStart = c.i
  const words: string[] = []
  while (!c.done && c.peek()!.kind === 'word' && !isColumnKeyword(c.peek()!.value, words)) {
    words.push(c.peek()!.value)
    c.i++
  }
  let modifier = ''
  if (c.isOp('(')) {
    const inner = c.parenthesized()
    const m = inner.map((t) => t.value).join('')
    modifier = m === 'max' ? '(65535)' : `(${m})`
  }
  if (words.length === 0) c.fail('expected a column type')
  const typeName = words.join(' ')
  const mapped = TYPE_MAP[typeName]
  if (mapped)
    pieces.push(
      mapped.includes('(') && modifier === ''
        ? mapped
        : `${mapped.replace(/\(.*\)$/, '')}${modifier}`,
    )
  else if (typeName === 'varchar' || typeName === 'char' || typeName === 'character') {
    // Redshift's VARCHAR without a length is VARCHAR(256); CHAR is CHAR(1).
    pieces.push(`${typeName}${modifier || (typeName === 'varchar' ? '(256)' : '(1)')}`)
  } else pieces.push(...el.slice(typeStart, c.i))
  let distkey = false
  let sortkey = false
  while (!c.done) {
    if (c.acceptWord('encode')) c.ident('encoding')
    else if (c.acceptWord('distkey')) distkey = true
    else if (c.acceptWord('sortkey')) sortkey = true
    else if (c.acceptWord('collate')) c.ident('collation')
    else if (c.acceptWord('primary', 'key')) constraints.push(`PRIMARY KEY (${name})`)
    else if (c.acceptWord('unique')) constraints.push(`UNIQUE (${name})`)
    else if (c.acceptWord('references')) {
      const target = c.qualifiedName('table name').join('.')
      const cols = c.isOp('(')
        ? c
            .parenthesized()
            .map((t) => t.value)
            .join('')
        : ''
      constraints.push(`FOREIGN KEY (${name}) REFERENCES ${target}${cols ? ` (${cols})` : ''}`)
    } else if (c.isWord('identity') || c.isWord('generated', 'by', 'default', 'as', 'identity')) {
      if (!c.acceptWord('identity')) c.i += 5
      const args = c
        .parenthesized()
        .filter((t) => t.kind === 'number' || (t.kind === 'op' && t.value === '-'))
      const nums: string[] = []
      for (let k = 0; k < args.length; k++) {
        if (args[k]!.kind === 'op') {
          nums.push(`-${args[k + 1]!.value}`)
          k++
        } else nums.push(args[k]!.value)
      }
      if (nums.length !== 2) c.fail('IDENTITY takes (seed, step)')
      pieces.push(
        `GENERATED BY DEFAULT AS IDENTITY (START WITH ${nums[0]} INCREMENT BY ${nums[1]})`,
      )
    } else if (c.acceptWord('default')) {
      pieces.push('DEFAULT')
      const start = c.i
      while (!c.done && !(c.peek()!.kind === 'word' && isColumnKeyword(c.peek()!.value, ['x']))) {
        if (c.isOp('(')) c.parenthesized()
        else c.i++
      }
      pieces.push(...el.slice(start, c.i))
    } else if (c.acceptWord('not', 'null')) pieces.push('NOT NULL')
    else if (c.acceptWord('null')) pieces.push('NULL')
    else c.fail('unknown column attribute')
  }
  return { name, pieces, distkey, sortkey }
}

const COLUMN_KEYWORDS = new Set([
  'encode',
  'distkey',
  'sortkey',
  'collate',
  'primary',
  'unique',
  'references',
  'identity',
  'generated',
  'default',
  'not',
  'null',
])

function isColumnKeyword(word: string, typeSoFar: readonly string[]): boolean {
  // `double precision`, `timestamp without time zone`: words of the type itself.
  return typeSoFar.length > 0 && COLUMN_KEYWORDS.has(word)
}

function literalOf(sql: string, t: Token): string {
  refuseUndocumentedEscape(sql, t)
  return pgLiteral(t.value)
}

/** Renders pieces back to SQL text with standard literals. */
export function renderPieces(sql: string, pieces: readonly Piece[]): string {
  return pieces
    .map((p) =>
      typeof p === 'string'
        ? p
        : p.kind === 'string'
          ? literalOf(sql, p)
          : p.kind === 'ident'
            ? pgIdent(foldIdentifier(p.value))
            : sql.slice(p.start, p.end),
    )
    .join(' ')
}
