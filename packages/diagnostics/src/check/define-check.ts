import type { Check, CheckContext, CheckGroup, Finding } from './check.js'

/** What a group's checks need from the context, or the skip findings saying what is missing. */
export type Inputs<R> = { readonly ready: R } | { readonly missing: readonly Finding[] }

/** A group's input guard: one place that decides what its checks need and how they skip. */
export type InputGuard<R> = (ctx: CheckContext) => Inputs<R>

export const ready = <R>(value: R): Inputs<R> => ({ ready: value })
export const missing = (...skips: Finding[]): Inputs<never> => ({ missing: skips })

/**
 * A check whose inputs are guarded once per group (cdk-nag's rule layout: one rule a file, the
 * shared preconditions beside them): `run` receives what `inputs` made ready, or the check
 * reports the guard's skip findings without running.
 */
export function defineCheck<R>(spec: {
  readonly id: string
  readonly title: string
  readonly group: CheckGroup
  readonly inputs: InputGuard<R>
  readonly run: (ready: R, ctx: CheckContext) => Promise<readonly Finding[]>
}): Check {
  const { inputs, run, id, title, group } = spec
  return Object.freeze({
    id,
    title,
    group,
    async run(ctx: CheckContext): Promise<readonly Finding[]> {
      const given = inputs(ctx)
      return 'missing' in given ? given.missing : run(given.ready, ctx)
    },
  })
}
