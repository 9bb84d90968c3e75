import type { Plan, Side, Statement } from './plan/plan-step.js'

/** Options of {@link renderScript}. */
export interface RenderScriptOptions {
  /**
   * Make the text safe for CloudFormation `Fn::Sub`: every `${` that is not one of the plan's
   * placeholders is written `${!` (Fn::Sub's escape for a literal `${`). Default false.
   */
  readonly fnSub?: boolean
}

/** One side's script. */
export interface SideScript {
  readonly side: Side
  /** Annotated SQL: a header, then each statement with its purpose as a comment. */
  readonly sql: string
}

// A comment must not end early or smuggle SQL: keep purposes on one line, no `*/`.
const comment = (text: string) => `-- ${text.replace(/[\r\n]+/g, ' ')}`

/**
 * Annotated SQL scripts per side — what the seed printed as a Terraform output, but
 * correct: quoted namespace ids, PUBLICACCESSIBLE only when needed, producer first, and each
 * consumer's script says what to wait for.
 *
 * @example
 * for (const script of renderScript(plan)) writeFileSync(`${script.side}.sql`, script.sql)
 */
export function renderScript(plan: Plan, options: RenderScriptOptions = {}): readonly SideScript[] {
  // One pass: statements grouped by side, sides in order of first appearance.
  const bySide = new Map<Side, Statement[]>()
  for (const st of plan.statements) {
    const list = bySide.get(st.side)
    if (list) list.push(st)
    else bySide.set(st.side, [st])
  }
  const sides = [...bySide.keys()]
  const fnSubSafe = (text: string) =>
    options.fnSub ? escapeForFnSub(text, plan.placeholders) : text
  return Object.freeze(
    sides.map((side, i) => {
      const where =
        side === 'producer' ? 'the producer database' : `consumer ${side.slice('consumer:'.length)}`
      const lines = [
        comment(
          `${plan.kind === 'teardown' ? 'Teardown of' : 'Datashare'} ${plan.share} — ${side} side (${plan.target})`,
        ),
        comment(
          `Script ${i + 1} of ${sides.length}: run on ${where}${i === 0 ? ', first' : `, after script ${i} (${sides[i - 1]})`}.`,
        ),
      ]
      for (const st of bySide.get(side) ?? []) {
        lines.push('')
        lines.push(comment(st.purpose))
        if (st.readiness)
          lines.push(comment(`wait until: ${st.readiness.description} (${st.readiness.sql})`))
        lines.push(`${st.sql};`)
      }
      return Object.freeze({ side, sql: fnSubSafe(`${lines.join('\n')}\n`) })
    }),
  )
}

/** `${Name}` stays for the plan's own placeholders; any other `${` becomes `${!`. */
function escapeForFnSub(text: string, placeholders: readonly string[]): string {
  return text.replace(/\$\{/g, (match, offset: number) => {
    const rest = text.slice(offset + 2)
    return placeholders.some((name) => rest.startsWith(`${name}}`)) ? match : '${!'
  })
}
