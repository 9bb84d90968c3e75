// Checks of the synthesized app that look at it the way a reviewer of the deployed templates
// would, independently of how the constructs were built: cdk-nag over each template re-read
// with CfnInclude (every resource becomes its proper L1 class, so a role that aws-cdk-lib
// writes as a plain CfnResource is checked as an IAM role), and cfn-lint where installed.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { App, Aspects, Stack, Validations } from 'aws-cdk-lib'
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include'
import type { CloudAssembly } from 'aws-cdk-lib/cx-api'
import { AwsSolutionsChecks, WriteNagSuppressionsToCloudFormationAspect } from 'cdk-nag'
import type { IConstruct } from 'constructs'
import { nagViolations } from './helpers.js'

interface TemplateResource {
  readonly Metadata?: {
    readonly cdk_nag?: {
      readonly rules_to_suppress?: ReadonlyArray<{ id: string; reason: string }>
    }
  }
}

/**
 * Makes `app.synth()` write every acknowledgement (construct metadata) into the template's
 * resource `Metadata.cdk_nag`, so a template-level check can honour them. Call before synth.
 */
export function recordAcknowledgements(app: IConstruct): void {
  Aspects.of(app).add(new WriteNagSuppressionsToCloudFormationAspect())
}

/**
 * Unacknowledged AwsSolutions findings of every stack of a synthesized assembly, as
 * `stack: rule @ logical id`: cdk-nag's walk over the construct tree of each stack in `stacks`,
 * plus a walk over each template re-read with CfnInclude, honouring the acknowledgements the
 * template records (see `recordAcknowledgements`).
 */
export function assemblyNagViolations(assembly: CloudAssembly, stacks: readonly Stack[]): string[] {
  const found = new Set<string>()
  for (const stack of stacks) {
    for (const v of nagViolations(stack)) found.add(`${stack.stackName}: ${v}`)
  }
  for (const artifact of assembly.stacks) {
    const template = JSON.parse(readFileSync(artifact.templateFullPath, 'utf8')) as {
      Resources: Record<string, TemplateResource>
    }
    const stack = new Stack(new App(), 'Review')
    const include = new CfnInclude(stack, 'Template', { templateFile: artifact.templateFullPath })
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      const rules = resource.Metadata?.cdk_nag?.rules_to_suppress ?? []
      if (rules.length === 0) continue
      Validations.of(include.getResource(logicalId)).acknowledge(
        ...rules.map(({ id, reason }) => ({ id, reason })),
      )
    }
    const report = new AwsSolutionsChecks().validateScope(stack)
    for (const v of report.violations) {
      for (const r of v.violatingResources) {
        const logicalId = (r.constructPath ?? '').split('/').pop()
        found.add(`${artifact.stackName}: ${v.ruleName} @ ${logicalId}`)
      }
    }
  }
  return [...found].sort()
}

/** The cfn-lint command, or undefined when it is not installed (`CFN_LINT` overrides). */
export function findCfnLint(): string | undefined {
  const command = process.env.CFN_LINT ?? 'cfn-lint'
  const probe = spawnSync(command, ['--version'], { encoding: 'utf8' })
  return probe.status === 0 ? command : undefined
}

export interface CfnLintFinding {
  readonly file: string
  readonly line: number
  readonly rule: string
  readonly message: string
}

/**
 * Runs cfn-lint once over the given templates (its default region, us-east-1) and returns
 * its findings split by level: E = errors, W = warnings, I = informational.
 */
export function cfnLint(
  command: string,
  files: readonly string[],
): { errors: CfnLintFinding[]; warnings: CfnLintFinding[] } {
  const run = spawnSync(command, ['--format', 'parseable', '--', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  // Exit status is a bit mask: 2 errors, 4 warnings, 8 informational; 1 means cfn-lint failed.
  if (run.error || run.status === null || (run.status & 1) === 1) {
    throw new Error(`cfn-lint did not run: ${run.error?.message ?? run.stderr}`)
  }
  const findings = run.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      // file:line:column:endLine:endColumn:RULE:message
      const m = /^(.*?):(\d+):\d+:\d+:\d+:([EWI]\d+):(.*)$/.exec(l)
      if (!m) throw new Error(`cfn-lint printed a line that is not a finding: ${l}`)
      return { file: m[1]!, line: Number(m[2]), rule: m[3]!, message: m[4]! }
    })
  return {
    errors: findings.filter((f) => f.rule.startsWith('E')),
    warnings: findings.filter((f) => f.rule.startsWith('W')),
  }
}
