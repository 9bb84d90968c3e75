import { cli, println } from '../context/cli-context.js'
import { ms, renderTable, usd } from '../output/table.js'
import type { QueryRun } from './run-demo.js'
import type { RehearsalReport } from './run-rehearsal.js'

/**
 * The flagship query runs as a table: a row per query, a column per consumer, the producer's
 * row count in brackets where the consumer sees fewer rows (a row filter).
 */
export function renderQueryRuns(
  queries: readonly QueryRun[],
  consumers: readonly string[],
): string {
  const byQuery = new Map<string, Map<string, QueryRun>>()
  for (const q of queries) {
    if (!byQuery.has(q.query)) byQuery.set(q.query, new Map())
    byQuery.get(q.query)?.set(q.consumer, q)
  }
  return renderTable(
    ['query', ...consumers],
    [...byQuery].map(([query, runs]) => [
      query,
      ...consumers.map((n) => {
        const r = runs.get(n)
        if (!r) return '-'
        const diff = r.rows !== r.producerRows ? ` [${r.producerRows}]` : ''
        return `${r.rows}${diff} rows, ${ms(r.ms)}`
      }),
    ]),
  )
}

/** Both demos' closing lines: the diagnostics table (failures and warnings) and the monthly cost. */
export async function printChecksAndCost(
  report: Pick<RehearsalReport, 'diagnostics' | 'cost'>,
  title: string,
): Promise<void> {
  const c = cli().colors
  const { renderTable: renderReport } = await import('@redshift-playground/diagnostics')
  println(c.bold(title))
  println(renderReport(report.diagnostics, { color: c.isColorSupported, showOk: false }))
  println()
  const cost = report.cost
  const other = cost.selectedMode === 'workload' ? 'pool' : 'workload'
  println(
    `${c.bold('Cost on AWS')} ${usd(cost.modes[cost.selectedMode].totalUsd)} per month in ${cost.selectedMode} mode (${usd(cost.modes[other].totalUsd)} in ${other} mode) at the configured hours per day; rsp cost for the details.`,
  )
  println()
}

/** Prints the rehearsal's report: queries per consumer, the refused write, checks, cost, summary. */
export async function printRehearsal(
  report: RehearsalReport,
  options: { readonly keep?: string | undefined },
): Promise<void> {
  const c = cli().colors
  if (report.addedLoadBucket)
    println(
      c.dim(
        `(The config has no load section; the rehearsal used bucket ${report.addedLoadBucket} in the local S3, and the synthesised producer got its COPY role as default IAM role — as rsp deploy would with load.bucket set.)`,
      ),
    )
  println()
  println(
    c.bold(
      `Flagship queries on every consumer, as <database>.${report.consumerSchema}.<table> (rows; the producer's rows in brackets where the published row filter removes some)`,
    ),
  )
  println(renderQueryRuns(report.queries, report.consumers))
  if (report.writeRefused)
    println(
      c.dim(
        `Consumer ${report.writeRefused.consumer} tried DELETE on its shared fact_bookings: refused (${report.writeRefused.message.split(' (statement:')[0]}).`,
      ),
    )
  const iam = report.iamRoute
  println(
    c.dim(
      `As your IAM identity ${iam.caller} (--iam-identity): refused before any statement on ${iam.refused.length} namespaces (not a superuser where the admin is customised); after the ${iam.grants} printed grants it shared (${iam.shareStatements} statements), re-planned ${iam.reshareStatements} and tore down (${iam.teardownStatements}).`,
    ),
  )
  println()
  await printChecksAndCost(report, 'Diagnostics (config and Redshift data plane)')
  println(
    c.bold(
      `Done in ${ms(report.totalMs)}: ${report.stacks.length} stacks synthesised, ${report.rowsLoaded.toLocaleString('en-US')} rows loaded through S3 and COPY, ${report.shareStatements} share statements, ${report.consumers.length} consumers, ${report.queries.length} query runs, diagnostics ${report.diagnostics.status}, re-share planned ${report.reshareStatements} statements, teardown ${report.teardownStatements}; as the IAM identity: share ${report.iamRoute.shareStatements}, re-share ${report.iamRoute.reshareStatements}, teardown ${report.iamRoute.teardownStatements}.`,
    ),
  )
  println(
    c.dim(
      'What this rehearsal proves, and what it does not: docs/local-redshift-fidelity.md. On AWS: rsp deploy.',
    ),
  )
  println(
    options.keep
      ? `Next: rsp local serve --data-api --dir ${options.keep}   (the account's Data API for your own SDK code)`
      : 'Next: rsp demo --keep .rsp/account, then rsp local serve --data-api --dir .rsp/account to point your own SDK code at it.',
  )
}
