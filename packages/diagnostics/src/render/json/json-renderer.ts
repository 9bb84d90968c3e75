import type { DiagnosticsReport } from '../../runner/run-checks.js'
import type { ReportRenderer } from '../report-renderer.js'

/** Version of the JSON document's shape; bumped on incompatible changes. */
export const REPORT_FORMAT_VERSION = 1

/**
 * The report as JSON (`{ formatVersion, ...report }`), for machines and for storing runs.
 *
 * @example
 * writeFileSync('diagnose.json', renderJson(report))
 */
export function renderJson(
  report: DiagnosticsReport,
  options: { readonly indent?: number } = {},
): string {
  return `${JSON.stringify({ formatVersion: REPORT_FORMAT_VERSION, ...report }, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), options.indent ?? 2)}\n`
}

/** {@link renderJson} as a {@link ReportRenderer}. */
export class JsonRenderer implements ReportRenderer {
  readonly name = 'json'
  readonly contentType = 'application/json'
  readonly #indent: number
  constructor(options: { readonly indent?: number } = {}) {
    this.#indent = options.indent ?? 2
  }
  render(report: DiagnosticsReport): string {
    return renderJson(report, { indent: this.#indent })
  }
}
