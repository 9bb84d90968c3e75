import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import type { RspConfig } from '../config/config-schema.js'
import { type ModelRelation, relationsOf } from '../diagnose/diagnostics-input.js'
import type { SynthStack } from '../infra/synth.js'
import type { ShareConsumer } from '../share/datashare-from-config.js'
import type { DemoStep, QueryRun } from './run-demo.js'

/** A demo step with the identity it ran as, when one applies. */
export interface RecordedStep extends DemoStep {
  readonly identity?: string
}

/** Times each step, records it and reports it as it ends; both demo targets use it. */
export function stepRecorder(onStep: ((s: RecordedStep) => void) | undefined) {
  const steps: RecordedStep[] = []
  const record = (s: RecordedStep) => {
    steps.push(s)
    onStep?.(s)
  }
  const step = async <T>(
    name: string,
    fn: () => Promise<T>,
    detail: (t: T) => string,
    identity?: string | ((t: T) => string),
  ): Promise<T> => {
    const t0 = performance.now()
    const value = await fn()
    const who = typeof identity === 'function' ? identity(value) : identity
    record({
      name,
      detail: detail(value),
      ms: performance.now() - t0,
      ...(who ? { identity: who } : {}),
    })
    return value
  }
  return { steps, step, record }
}

/**
 * Synthesises the app offline (into `cdkOut`, or a temporary directory removed afterwards);
 * `read` sees the templates before they are removed.
 */
export async function synthStep<T>(
  step: ReturnType<typeof stepRecorder>['step'],
  config: RspConfig,
  cdkOut: string | undefined,
  read: (stacks: readonly SynthStack[]) => Promise<T>,
): Promise<{ readonly stacks: readonly SynthStack[]; readonly read: T }> {
  const out = cdkOut ?? (await mkdtemp(join(tmpdir(), 'rsp-demo-cdk-')))
  try {
    const { synthApp } = await import('../infra/synth.js')
    const stacks = await step(
      'synth',
      () => synthApp(config, out).then((r) => r.stacks),
      (s) =>
        `${s.length} stacks, ${s.reduce((n, x) => n + x.resources, 0)} resources (offline, no AWS)`,
    )
    return { stacks, read: await read(stacks) }
  } finally {
    if (!cdkOut) await rm(out, { recursive: true, force: true })
  }
}

/** A flagship query as both demos run it. */
export interface FlagshipQuery {
  readonly name: string
  // biome-ignore lint/suspicious/noExplicitAny: the airline schema, by name
  build(db: Kysely<any>, options?: any): { execute(): Promise<readonly unknown[]> }
}

/**
 * Runs every flagship query on the producer (for its row count) and then as each consumer
 * `consumersOf` gives for it (those whose shares hold every table it reads), timing the
 * consumer's run. A query no consumer may run is run on the producer only.
 */
export async function runFlagshipQueries(
  queries: readonly FlagshipQuery[],
  // biome-ignore lint/suspicious/noExplicitAny: the airline schema, by name
  producer: Kysely<any>,
  consumersOf: (q: FlagshipQuery) => readonly ShareConsumer[],
  run: (q: FlagshipQuery, consumer: ShareConsumer) => Promise<readonly unknown[]>,
): Promise<QueryRun[]> {
  const runs: QueryRun[] = []
  for (const q of queries) {
    const consumers = consumersOf(q)
    if (consumers.length === 0) continue
    const producerRows = (await q.build(producer).execute()).length
    for (const c of consumers) {
      const t0 = performance.now()
      const rows = await run(q, c)
      runs.push({
        query: q.name,
        consumer: c.name,
        rows: rows.length,
        ms: performance.now() - t0,
        producerRows,
      })
    }
  }
  return runs
}

export type { ModelRelation }

/** The model's tables and views (to expand a share's whole schemas). */
export function modelRelations(
  schema: typeof import('@redshift-playground/schema'),
): ModelRelation[] {
  return relationsOf(schema.airlineModel)
}
