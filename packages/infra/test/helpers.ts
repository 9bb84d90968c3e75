import { App, Stack } from 'aws-cdk-lib'
import { AwsSolutionsChecks } from 'cdk-nag'
import type { IConstruct } from 'constructs'

/** A fresh environment-agnostic app and stack. */
export function newStack(id = 'Test', assetMetadata = false): { app: App; stack: Stack } {
  const app = new App(assetMetadata ? { context: { 'aws:cdk:enable-asset-metadata': true } } : {})
  return { app, stack: new Stack(app, id) }
}

/** Unacknowledged AwsSolutions violations under `scope`, as `rule @ path` lines. */
export function nagViolations(scope: IConstruct): string[] {
  const report = new AwsSolutionsChecks().validateScope(scope)
  return report.violations.flatMap((v) =>
    v.violatingResources.map((r) => `${v.ruleName} @ ${r.resourceLogicalId}`),
  )
}

/** Template JSON with asset hashes replaced, for snapshots that survive handler edits. */
export function normalise(template: unknown): unknown {
  return JSON.parse(JSON.stringify(template).replace(/[0-9a-f]{64}/g, '<asset-hash>'))
}
