import type { RspConfig } from '../config/config-schema.js'
import { architectureFromConfig } from './architecture-from-config.js'

/** A synthesised stack: its name, resource counts by type, and template file. */
export interface SynthStack {
  readonly id: string
  readonly stackName: string
  readonly templateFile: string
  readonly resources: number
  readonly resourceTypes: Readonly<Record<string, number>>
  readonly outputs: readonly string[]
  /** Stacks this one depends on (deploy them first). */
  readonly dependencies: readonly string[]
}

export interface SynthResult {
  readonly outdir: string
  readonly stacks: readonly SynthStack[]
  readonly durationMs: number
}

/**
 * Synthesises the CDK app for a config into `outdir` (cdk.out), offline: stacks are
 * environment-agnostic, so no AWS call and no credentials. aws-cdk-lib loads only here.
 */
export async function synthApp(config: RspConfig, outdir: string): Promise<SynthResult> {
  const started = performance.now()
  const { buildApp } = await import('@redshift-playground/infra')
  const built = buildApp(architectureFromConfig(config), { appProps: { outdir } })
  const assembly = built.app.synth()
  // infra's own order (network, warehouses, load balancer, cluster, monitoring) breaks ties
  // between stacks that do not depend on each other; the assembly lists them by name.
  const rank = new Map(built.stacks.map((st, i) => [st.artifactId, i]))
  const ordered = [...assembly.stacks].sort(
    (a, b) => (rank.get(a.id) ?? 99) - (rank.get(b.id) ?? 99),
  )
  const stacks = ordered.map((s) => {
    const template = s.template as {
      Resources?: Record<string, { Type: string }>
      Outputs?: Record<string, unknown>
    }
    const resourceTypes: Record<string, number> = {}
    for (const r of Object.values(template.Resources ?? {}))
      resourceTypes[r.Type] = (resourceTypes[r.Type] ?? 0) + 1
    return {
      id: s.id,
      stackName: s.stackName,
      templateFile: s.templateFullPath,
      resources: Object.keys(template.Resources ?? {}).length,
      resourceTypes,
      outputs: Object.keys(template.Outputs ?? {}),
      dependencies: s.dependencies
        .map((d) => d.id)
        .filter((id) => assembly.stacks.some((x) => x.id === id)),
    }
  })
  return { outdir: assembly.directory, stacks, durationMs: performance.now() - started }
}
