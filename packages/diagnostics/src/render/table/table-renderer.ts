import type { Severity } from '../../check/check.js'
import type { DiagnosticsReport } from '../../runner/run-checks.js'
import type { ReportRenderer } from '../report-renderer.js'

/** Options of {@link renderTable}. */
export interface TableOptions {
  /** ANSI colours; the CLI decides (see {@link colorFromEnv}). */
  readonly color: boolean
  /** Also list `ok` findings one by one. @default true */
  readonly showOk?: boolean
  /** Remediation lines under warn/fail findings. @default true */
  readonly remediation?: boolean
}

const CODES: Readonly<Record<Severity, string>> = Object.freeze({
  ok: '32',
  warn: '33',
  fail: '31',
  skip: '90',
})
const LABEL: Readonly<Record<Severity, string>> = Object.freeze({
  ok: 'OK',
  warn: 'WARN',
  fail: 'FAIL',
  skip: 'SKIP',
})

/**
 * Whether colour should be on, following https://no-color.org: `NO_COLOR` set to anything
 * non-empty turns it off; `FORCE_COLOR` (non-zero) turns it on; otherwise a TTY decides.
 * Pure: the CLI passes `process.env` and `process.stdout.isTTY`.
 */
export function colorFromEnv(
  env: { readonly [k: string]: string | undefined },
  isTTY: boolean,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0')
    return true
  return isTTY
}

/**
 * A terminal table: one line per finding (status, check id, message), remediation indented
 * below warnings and failures, and a summary line.
 *
 * @example
 * console.log(renderTable(report, { color: colorFromEnv(process.env, process.stdout.isTTY ?? false) }))
 */
export function renderTable(report: DiagnosticsReport, options: TableOptions): string {
  const paint = (s: Severity, text: string) =>
    options.color ? `\u001b[${CODES[s]}m${text}\u001b[0m` : text
  const dim = (text: string) => (options.color ? `\u001b[2m${text}\u001b[0m` : text)
  const showOk = options.showOk ?? true
  const withRemedy = options.remediation ?? true
  const idWidth = Math.max(5, ...report.results.map((r) => r.id.length))
  const lines: string[] = [`${'STATUS'.padEnd(6)}  ${'CHECK'.padEnd(idWidth)}  MESSAGE`]
  for (const r of report.results) {
    const shown = showOk ? r.findings : r.findings.filter((f) => f.severity !== 'ok')
    if (shown.length === 0) {
      lines.push(
        `${paint(r.status, LABEL[r.status].padEnd(6))}  ${r.id.padEnd(idWidth)}  ${dim(r.title)}`,
      )
      continue
    }
    for (const f of shown) {
      lines.push(
        `${paint(f.severity, LABEL[f.severity].padEnd(6))}  ${r.id.padEnd(idWidth)}  ${f.message}`,
      )
      if (withRemedy && f.remediation && (f.severity === 'fail' || f.severity === 'warn'))
        lines.push(`${' '.repeat(10 + idWidth)}${dim(`↳ ${f.remediation}`)}`)
    }
  }
  const s = report.summary
  lines.push(
    '',
    `${paint(report.status, LABEL[report.status])} — ${s.checks} checks: ${paint('ok', `${s.ok} ok`)}, ${paint('warn', `${s.warn} warn`)}, ${paint('fail', `${s.fail} fail`)}, ${paint('skip', `${s.skip} skipped`)} (${report.durationMs} ms)`,
  )
  return `${lines.join('\n')}\n`
}

/** {@link renderTable} as a {@link ReportRenderer}. */
export class TableRenderer implements ReportRenderer {
  readonly name = 'table'
  readonly contentType = 'text/plain'
  readonly #options: TableOptions
  constructor(options: TableOptions) {
    this.#options = Object.freeze({ ...options })
  }
  render(report: DiagnosticsReport): string {
    return renderTable(report, this.#options)
  }
}
