import type { DiagnosticsReport } from '../runner/run-checks.js'

/**
 * A report renderer: one folder per output format (`table/`, `json/`, `junit/`), the same
 * small interface, like Kysely's dialects.
 */
export interface ReportRenderer {
  /** Short name, e.g. `table`. */
  readonly name: string
  /** Suggested file extension / media type for the output. */
  readonly contentType: string
  render(report: DiagnosticsReport): string
}
