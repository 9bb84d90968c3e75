import { RedshiftLocalError } from '../errors.js'
import { foldIdentifier, refuseUndocumentedEscape, type Token } from './lexer.js'

/** A name as written: one to three parts (`db.schema.table`), already unquoted or folded. */
export type QualifiedName = readonly string[]

/** Walks the tokens of one statement for the Redshift-only grammar. */
export class Cursor {
  readonly tokens: readonly Token[]
  readonly sql: string
  i = 0

  constructor(sql: string, tokens: readonly Token[]) {
    this.sql = sql
    this.tokens = tokens
  }

  get done(): boolean {
    return this.i >= this.tokens.length
  }

  peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset]
  }

  /** Whether the next tokens are these keywords (unquoted words, case-insensitive). */
  isWord(...words: string[]): boolean {
    return words.every((w, k) => {
      const t = this.tokens[this.i + k]
      return t?.kind === 'word' && t.value === w
    })
  }

  /** Consumes the keywords if they come next. */
  acceptWord(...words: string[]): boolean {
    if (!this.isWord(...words)) return false
    this.i += words.length
    return true
  }

  /** One of the given keywords (consumed), or a syntax error naming them. */
  oneOf<T extends string>(...words: T[]): T {
    for (const w of words) if (this.acceptWord(w)) return w
    return this.fail(`expected ${words.map((w) => w.toUpperCase()).join(' or ')}`)
  }

  expectWord(...words: string[]): void {
    if (!this.acceptWord(...words)) this.fail(`expected ${words.join(' ').toUpperCase()}`)
  }

  isOp(op: string): boolean {
    const t = this.peek()
    return t?.kind === 'op' && t.value === op
  }

  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false
    this.i++
    return true
  }

  expectOp(op: string): void {
    if (!this.acceptOp(op)) this.fail(`expected "${op}"`)
  }

  /** An identifier, folded to lower case, quoted or not (D-10). */
  ident(what = 'identifier'): string {
    const t = this.peek()
    if (t?.kind === 'ident' || t?.kind === 'word') {
      this.i++
      return t.kind === 'ident' ? foldIdentifier(t.value) : t.value
    }
    return this.fail(`expected ${what}`)
  }

  /** A user name: quoted user names keep their case (`"IAMR:MyRole"`, D-10). */
  userName(what = 'user name'): string {
    const t = this.peek()
    if (t?.kind === 'ident' || t?.kind === 'word') {
      this.i++
      return t.value
    }
    return this.fail(`expected ${what}`)
  }

  /** `a`, `a.b` or `a.b.c`. */
  qualifiedName(what = 'name', maxParts = 3): QualifiedName {
    const parts = [this.ident(what)]
    while (this.isOp('.') && parts.length < maxParts) {
      this.i++
      parts.push(this.ident(what))
    }
    return parts
  }

  /** A comma-separated list. */
  list<T>(item: () => T): T[] {
    const out = [item()]
    while (this.acceptOp(',')) out.push(item())
    return out
  }

  /** A string literal; one with an undocumented backslash escape is refused (D-10). */
  string(what = 'string literal'): string {
    const t = this.peek()
    if (t?.kind !== 'string') return this.fail(`expected ${what}`)
    refuseUndocumentedEscape(this.sql, t)
    this.i++
    return t.value
  }

  /** A COPY option value: backslash sequences kept as written, for COPY to read (D-10). */
  copyString(what = 'string literal'): string {
    const t = this.peek()
    if (t?.kind !== 'string') return this.fail(`expected ${what}`)
    this.i++
    return t.value
  }

  number(what = 'number'): number {
    const t = this.peek()
    let sign = 1
    if (t?.kind === 'op' && t.value === '-') {
      sign = -1
      this.i++
    }
    const n = this.peek()
    if (n?.kind !== 'number') return this.fail(`expected ${what}`)
    this.i++
    return sign * Number(n.value)
  }

  boolean(): boolean {
    if (this.acceptWord('true')) return true
    if (this.acceptWord('false')) return false
    return this.fail('expected TRUE or FALSE')
  }

  /** The tokens between a `(` and its matching `)` (both consumed). */
  parenthesized(): Token[] {
    this.expectOp('(')
    const start = this.i
    let depth = 1
    while (!this.done) {
      const t = this.tokens[this.i]!
      if (t.kind === 'op' && (t.value === '(' || t.value === '[')) depth++
      else if (t.kind === 'op' && (t.value === ')' || t.value === ']')) {
        depth--
        if (depth === 0) {
          const inner = this.tokens.slice(start, this.i)
          this.i++
          return inner
        }
      }
      this.i++
    }
    return this.fail('expected ")"')
  }

  /** A column type as written (`varchar(256)`, `decimal(12,2)`, `timestamp without time zone`). */
  typeName(): string {
    const words: string[] = []
    while (!this.done) {
      const t = this.peek()!
      if (
        t.kind === 'word' &&
        !(words.length > 0 && ['not', 'null', 'default'].includes(t.value))
      ) {
        words.push(t.value)
        this.i++
        if (this.isOp('(')) {
          const inner = this.parenthesized()
          words[words.length - 1] += `(${inner.map((x) => x.value).join('')})`
        }
      } else break
      if (this.isOp(',') || this.isOp(')')) break
    }
    if (words.length === 0) this.fail('expected a type name')
    return words.join(' ')
  }

  end(): void {
    if (!this.done)
      this.fail(
        `unexpected ${JSON.stringify(this.sql.slice(this.peek()!.start, this.peek()!.end))}`,
      )
  }

  fail(message: string): never {
    const t = this.peek()
    const near = t ? ` at or near "${this.sql.slice(t.start, t.end)}"` : ' at end of input'
    throw new RedshiftLocalError('SYNTAX', `syntax error${near}: ${message}`, {
      sqlstate: '42601',
      statement: this.sql,
    })
  }
}
