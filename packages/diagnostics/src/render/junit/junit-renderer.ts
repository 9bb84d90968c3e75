import type { CheckGroup } from '../../check/check.js'
import type { CheckResult, DiagnosticsReport } from '../../runner/run-checks.js'
import type { ReportRenderer } from '../report-renderer.js'

/** Options of {@link renderJunit}. */
export interface JunitOptions {
  /** Name of the `<testsuites>` element. @default 'rsp diagnose' */
  readonly name?: string
  /** Count warnings as failures (CI strict mode). @default false */
  readonly warnAsFailure?: boolean
}

// XML 1.0 forbids most control characters even when escaped: drop them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g

/** Escapes text for XML attributes and content. */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
}

const seconds = (ms: number) => (ms / 1000).toFixed(3)

function details(r: CheckResult, severities: readonly string[]): string {
  return r.findings
    .filter((f) => severities.includes(f.severity))
    .map(
      (f) =>
        `[${f.severity}] ${f.message}${f.remediation ? `\nremediation: ${f.remediation}` : ''}\nevidence: ${JSON.stringify(f.evidence)}`,
    )
    .join('\n\n')
}

function testcase(
  r: CheckResult,
  warnAsFailure: boolean,
): { xml: string; failed: boolean; errored: boolean; skipped: boolean } {
  const open = `    <testcase classname="diagnostics.${escapeXml(r.group)}" name="${escapeXml(r.id)}" time="${seconds(r.durationMs)}">`
  const failing = r.status === 'fail' || (warnAsFailure && r.status === 'warn')
  const first = r.findings.find((f) => f.severity === r.status)?.message ?? r.title
  let body = ''
  let failed = false
  let errored = false
  let skipped = false
  if (failing && (r.failure === 'crash' || r.failure === 'timeout')) {
    errored = true
    body = `\n      <error message="${escapeXml(first)}" type="${r.failure}">${escapeXml(details(r, ['fail']))}</error>`
  } else if (failing) {
    failed = true
    body = `\n      <failure message="${escapeXml(first)}" type="${r.status}">${escapeXml(details(r, warnAsFailure ? ['fail', 'warn'] : ['fail']))}</failure>`
  } else if (r.status === 'skip') {
    skipped = true
    body = `\n      <skipped message="${escapeXml(first)}"/>`
  }
  const out = details(r, ['ok', 'warn'])
  if (out) body += `\n      <system-out>${escapeXml(out)}</system-out>`
  return { xml: `${open}${body}${body ? '\n    ' : ''}</testcase>`, failed, errored, skipped }
}

/**
 * JUnit XML for CI systems: one `<testsuite>` per check group, one `<testcase>` per check.
 * `fail` → `<failure>`, a crash or timeout → `<error>`, `skip` → `<skipped>`; `warn` passes
 * (its findings in `<system-out>`) unless `warnAsFailure`.
 *
 * @example
 * writeFileSync('diagnose.junit.xml', renderJunit(report))
 */
export function renderJunit(report: DiagnosticsReport, options: JunitOptions = {}): string {
  const warnAsFailure = options.warnAsFailure ?? false
  const groups = new Map<CheckGroup, CheckResult[]>()
  for (const r of report.results) groups.set(r.group, [...(groups.get(r.group) ?? []), r])
  let tests = 0
  let failures = 0
  let errors = 0
  let skipped = 0
  const suites: string[] = []
  for (const [group, results] of groups) {
    const cases = results.map((r) => testcase(r, warnAsFailure))
    const f = cases.filter((c) => c.failed).length
    const e = cases.filter((c) => c.errored).length
    const s = cases.filter((c) => c.skipped).length
    const time = results.reduce((n, r) => n + r.durationMs, 0)
    tests += cases.length
    failures += f
    errors += e
    skipped += s
    suites.push(
      `  <testsuite name="${escapeXml(group)}" tests="${cases.length}" failures="${f}" errors="${e}" skipped="${s}" time="${seconds(time)}" timestamp="${escapeXml(report.startedAt)}">\n${cases.map((c) => c.xml).join('\n')}\n  </testsuite>`,
    )
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${escapeXml(options.name ?? 'rsp diagnose')}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(report.durationMs)}">\n${suites.join('\n')}${suites.length ? '\n' : ''}</testsuites>\n`
}

/** {@link renderJunit} as a {@link ReportRenderer}. */
export class JunitRenderer implements ReportRenderer {
  readonly name = 'junit'
  readonly contentType = 'application/xml'
  readonly #options: JunitOptions
  constructor(options: JunitOptions = {}) {
    this.#options = Object.freeze({ ...options })
  }
  render(report: DiagnosticsReport): string {
    return renderJunit(report, this.#options)
  }
}
