import type { Datashare, Plan, PlanStep, ShareRenderer } from '@redshift-playground/sharing'

/**
 * A renderer that remembers which share each step was rendered for: `planDatashares` plans
 * every share of a set as one plan (the order across shares matters: removals before
 * additions), and the steps do not name their share; the renderer sees it
 * (`context.desired`), so wrapping it tells the CLI which share each statement belongs to.
 * Everything else is delegated unchanged.
 */
export function trackShares(renderer: ShareRenderer): {
  readonly renderer: ShareRenderer
  /** The share a step of a plan made with {@link renderer} belongs to. */
  readonly shareOf: (step: PlanStep) => string | undefined
} {
  const owners = new WeakMap<object, string>()
  return {
    renderer: Object.freeze<ShareRenderer>({
      ...renderer,
      render: (action, side, context) => {
        owners.set(action, context.desired.name)
        return renderer.render(action, side, context)
      },
    }),
    shareOf: (step) => owners.get(step.action),
  }
}

/** A plan split by share, for display: the steps of each share in the plan's (run) order. */
export interface PlanByShare {
  /**
   * One view of the plan per share: the desired shares in config order (reversed for a
   * teardown), then the shares torn down because they are managed and no longer desired.
   * Each is a `Plan` (for `renderScript` and counts), but only the whole plan is applied.
   */
  readonly byShare: readonly Plan[]
  /** Managed shares that are not in the config any more: the plan drops them. */
  readonly removed: readonly string[]
}

/** Splits a plan made with a {@link trackShares} renderer into one view per share. */
export function splitByShare(
  plan: Plan,
  desired: readonly Datashare[],
  shareOf: (step: PlanStep) => string | undefined,
): PlanByShare {
  const names = desired.map((d) => d.name)
  if (plan.kind === 'teardown') names.reverse()
  const removed = [
    ...new Set(plan.steps.map((st) => shareOf(st) ?? '').filter((n) => !names.includes(n))),
  ].filter((n) => n !== '')
  const byShare = [...names, ...removed].map((name): Plan => {
    const steps = plan.steps.filter((st) => shareOf(st) === name)
    const statements = steps.flatMap((st) => st.statements)
    const placeholders = plan.placeholders.filter((p) =>
      statements.some((st) => st.sql.includes(`\${${p}}`)),
    )
    return Object.freeze({
      ...plan,
      share: name,
      steps: Object.freeze(steps),
      statements: Object.freeze(statements),
      isEmpty: steps.length === 0,
      placeholders: Object.freeze(placeholders),
    })
  })
  return { byShare, removed }
}

/** The plan's statements in run order, each with the share it belongs to. */
export function statementsByShare(
  plan: Plan,
  byShare: readonly Plan[],
): (Plan['statements'][number] & { readonly share: string })[] {
  const shareOf = new Map(byShare.flatMap((p) => p.statements.map((st) => [st, p.share] as const)))
  return plan.statements.map((st) => ({ share: shareOf.get(st) ?? plan.share, ...st }))
}
