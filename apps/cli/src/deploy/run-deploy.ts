import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { RspConfig } from '../config/config-schema.js'
import { plannedWorkgroups } from '../config/validate-config.js'
import { UsageError } from '../errors/cli-errors.js'
import type { SynthStack } from '../infra/synth.js'
import { type BootstrapStatus, type CdkToolkit, needsBootstrap } from './cdk-toolkit.js'
import { type DeployState, readState, writeState } from './deploy-state.js'
import {
  type ServerlessClient,
  type WaitOptions,
  waitForWorkgroups,
} from './wait-for-workgroups.js'

export type DeployEvent =
  | {
      readonly kind: 'stack'
      readonly stackId: string
      readonly status: 'deploying' | 'deployed' | 'skipped' | 'destroying' | 'destroyed'
    }
  | { readonly kind: 'workgroup'; readonly workgroup: string; readonly status: string }
  | {
      readonly kind: 'step'
      readonly step: string
      readonly status: 'running' | 'done' | 'skipped'
    }

/** Stacks in deployment order: each after the stacks it depends on (synth order breaks ties). */
export function deployOrder(stacks: readonly SynthStack[]): SynthStack[] {
  const byId = new Map(stacks.map((s) => [s.id, s]))
  const out: SynthStack[] = []
  const seen = new Set<string>()
  const visit = (s: SynthStack) => {
    if (seen.has(s.id)) return
    seen.add(s.id)
    for (const d of s.dependencies) {
      const dep = byId.get(d)
      if (dep) visit(dep)
    }
    out.push(s)
  }
  for (const s of stacks) visit(s)
  return out
}

export interface DeployOptions {
  readonly config: RspConfig
  readonly stacks: readonly SynthStack[]
  readonly toolkit: CdkToolkit
  readonly serverless: ServerlessClient
  readonly stateFile: string
  readonly wait: WaitOptions
  /** Steps after the stacks, each skippable; each runs once and is recorded in the state. */
  readonly steps?: readonly {
    readonly name: string
    readonly skip: boolean
    /**
     * A digest of what the step works from (e.g. the desired datashares): recorded when it is
     * done; a step done with other inputs (or before inputs were recorded) runs again.
     */
    readonly inputs?: string
    /** `save` writes a new state at once (e.g. a record the step must keep even if it fails). */
    run(state: DeployState, save: (next: DeployState) => Promise<void>): Promise<void>
  }[]
  readonly onEvent?: (e: DeployEvent) => void
  /**
   * Asked when the environment is not CDK-bootstrapped (or too old) and a stack is left to
   * deploy: resolve true to bootstrap first, false to stop (exit 2, nothing deployed). Without
   * it, a needed bootstrap stops the deploy with the command to run.
   */
  readonly confirmBootstrap?: (status: BootstrapStatus) => Promise<boolean>
  /**
   * Runs after the wait and before the first step left to run (not skipped, not done): the
   * admin identity preflight. A throw stops the deploy before any step.
   */
  readonly beforeSteps?: () => Promise<void>
}

/** How to bootstrap, for messages: the command alone, or as part of the deploy. */
export const BOOTSTRAP_FIX =
  'run rsp bootstrap (the same credentials and region), or rsp deploy --yes, which bootstraps first'

/** Words for a bootstrap status: "is not bootstrapped (no CDKToolkit stack)", … */
export function describeBootstrap(s: BootstrapStatus): string {
  return s.version === undefined
    ? `${s.environment} is not CDK-bootstrapped (no ${s.stackName} stack); the stacks need bootstrap version ${s.required} or later`
    : `${s.environment} has CDK bootstrap version ${s.version} (stack ${s.stackName}); the stacks need ${s.required} or later`
}

/** The SHA-256 of a stack's synthesised template, to redeploy a stack whose template changed. */
async function templateHash(stack: SynthStack): Promise<string | undefined> {
  try {
    return createHash('sha256')
      .update(await readFile(stack.templateFile))
      .digest('hex')
  } catch {
    return undefined
  }
}

/**
 * Deploys the stacks in dependency order, one at a time, recording each in the state file;
 * then waits for every workgroup to be AVAILABLE; then runs the later steps. A re-run after a
 * failure skips what the state file says is done, so every step runs once (CloudFormation
 * deploys are idempotent anyway).
 */
export async function runDeploy(o: DeployOptions): Promise<DeployState> {
  let state = await readState(o.stateFile, o.config.project)
  const save = async (next: DeployState) => {
    state = next
    await writeState(o.stateFile, state)
  }
  // A stack is done when the state has it with the same template (a stack recorded before
  // templates were hashed counts as done); a changed template deploys again.
  const ordered = await Promise.all(
    deployOrder(o.stacks).map(async (stack) => ({ stack, hash: await templateHash(stack) })),
  )
  const done = (id: string, hash: string | undefined) => {
    const was = state.stacks[id]
    return (
      was !== undefined &&
      (was.template === undefined || hash === undefined || was.template === hash)
    )
  }
  if (ordered.some(({ stack, hash }) => !done(stack.id, hash))) {
    const status = await o.toolkit.bootstrapStatus()
    if (needsBootstrap(status)) {
      if (!o.confirmBootstrap)
        throw new UsageError(`${describeBootstrap(status)}: ${BOOTSTRAP_FIX}`, '--yes', false)
      if (!(await o.confirmBootstrap(status)))
        throw new UsageError(
          `not confirmed; nothing was deployed (${describeBootstrap(status)}: ${BOOTSTRAP_FIX})`,
          '--yes',
          false,
        )
      o.onEvent?.({ kind: 'step', step: 'bootstrap', status: 'running' })
      await o.toolkit.bootstrap()
      o.onEvent?.({ kind: 'step', step: 'bootstrap', status: 'done' })
    }
  }
  for (const { stack, hash } of ordered) {
    if (done(stack.id, hash)) {
      o.onEvent?.({ kind: 'stack', stackId: stack.id, status: 'skipped' })
      continue
    }
    o.onEvent?.({ kind: 'stack', stackId: stack.id, status: 'deploying' })
    const outputs = await o.toolkit.deployStack(stack.id)
    // A stack deployed again may put its workgroups into MODIFYING: wait again.
    const { wait: _again, ...steps } = state.steps
    await save({
      ...state,
      stacks: { ...state.stacks, [stack.id]: { outputs, ...(hash ? { template: hash } : {}) } },
      steps,
    })
    o.onEvent?.({ kind: 'stack', stackId: stack.id, status: 'deployed' })
  }
  if (!state.steps.wait) {
    o.onEvent?.({ kind: 'step', step: 'wait', status: 'running' })
    await waitForWorkgroups(
      o.serverless,
      plannedWorkgroups(o.config).map((w) => w.name),
      {
        ...o.wait,
        onStatus: (workgroup, status) => o.onEvent?.({ kind: 'workgroup', workgroup, status }),
      },
    )
    await save({ ...state, steps: { ...state.steps, wait: new Date().toISOString() } })
    o.onEvent?.({ kind: 'step', step: 'wait', status: 'done' })
  }
  const isDone = (step: NonNullable<DeployOptions['steps']>[number]) =>
    state.steps[step.name] !== undefined &&
    (step.inputs === undefined || state.inputs?.[step.name] === step.inputs)
  if (o.beforeSteps && (o.steps ?? []).some((step) => !step.skip && !isDone(step)))
    await o.beforeSteps()
  for (const step of o.steps ?? []) {
    if (step.skip || isDone(step)) {
      o.onEvent?.({ kind: 'step', step: step.name, status: 'skipped' })
      continue
    }
    o.onEvent?.({ kind: 'step', step: step.name, status: 'running' })
    await step.run(state, save)
    await save({
      ...state,
      steps: { ...state.steps, [step.name]: new Date().toISOString() },
      ...(step.inputs === undefined
        ? {}
        : { inputs: { ...state.inputs, [step.name]: step.inputs } }),
    })
    o.onEvent?.({ kind: 'step', step: step.name, status: 'done' })
  }
  return state
}

/** Destroys the stacks in reverse dependency order (dependents first), clearing the state. */
export async function runDestroy(o: {
  readonly config: RspConfig
  readonly stacks: readonly SynthStack[]
  readonly toolkit: CdkToolkit
  readonly stateFile: string
  readonly before?: () => Promise<void>
  readonly onEvent?: (e: DeployEvent) => void
}): Promise<void> {
  let state = await readState(o.stateFile, o.config.project)
  if (o.before) {
    await o.before()
    state = await readState(o.stateFile, o.config.project) // what `before` recorded
  }
  for (const stack of deployOrder(o.stacks).reverse()) {
    o.onEvent?.({ kind: 'stack', stackId: stack.id, status: 'destroying' })
    await o.toolkit.destroyStack(stack.id)
    const { [stack.id]: _gone, ...rest } = state.stacks
    state = { ...state, stacks: rest, steps: {} }
    await writeState(o.stateFile, state)
    o.onEvent?.({ kind: 'stack', stackId: stack.id, status: 'destroyed' })
  }
}
