import { cli, println } from '../context/cli-context.js'
import { ms, renderTable, usd } from '../output/table.js'
import type { AccessCell } from './domain-access.js'
import { type DomainReport, domainFailures } from './domain-steps.js'
import type { EtlLagReport } from './etl-lag.js'
import type { DemoReport, QueryRun } from './run-demo.js'
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

/** Consumer × share: the objects each consumer read, or was refused (the marker table left out). */
export function renderAccess(
  cells: readonly AccessCell[],
  shares: readonly string[],
  consumers: readonly string[],
): string {
  const cell = (consumer: string, share: string) => {
    const c = cells.find((x) => x.consumer === consumer && x.share === share)
    if (!c) return '-'
    const total = c.readable.length + c.refused.length
    if (c.entitled)
      return `reads ${c.readable.length}/${total}${c.refused.length > 0 ? ` (${c.refused.length} REFUSED)` : ''}`
    return `refused ${c.refused.length}/${total}${c.readable.length > 0 ? ` (${c.readable.length} READ)` : ''}`
  }
  return renderTable(
    ['consumer', ...shares],
    consumers.map((n) => [n, ...shares.map((s) => cell(n, s))]),
  )
}

/** The live ETL batch, then per consumer: the written tables it holds, the lag, the refusals. */
export function renderEtl(etl: EtlLagReport): string {
  return renderTable(
    [
      'consumer',
      'written tables it holds (share)',
      'day-tables seen',
      'lag p50',
      'lag max',
      'refused',
    ],
    etl.consumers.map((c) => [
      c.consumer,
      c.tables.map((t) => `${t.table} (${t.share})`).join(', ') || '-',
      c.tables.length > 0 ? `${c.samples.length - c.missed}/${c.samples.length}` : '-',
      c.lagMs ? ms(c.lagMs.p50) : '-',
      c.lagMs ? ms(c.lagMs.max) : '-',
      c.refused.map((r) => r.table).join(', ') || '-',
    ]),
  )
}

/** What "lag" means on each target: no replication to wait for, so it measures round trips. */
const LAG_MEANING = {
  redshift:
    'Lag: from the day’s COMMIT returning to the first consumer read that saw all of its rows, on this process’s clock, polled every POLL. The emulator runs every namespace on one engine, where a COMMIT is visible at once: this measures the Data API round trips of the polls, not a datashare delay (AWS documents none, R-DS-19; on AWS, rsp diagnose --target aws measures it with the freshness marker).',
  postgres:
    'Lag: from the day’s COMMIT returning to the first consumer read that saw all of its rows, on this process’s clock, polled every POLL. One database: a COMMIT is visible at once, so this is the consumer session’s round trip (queued behind the other consumers’ reads on the one PGlite session).',
} as const

/** Both demos' datashares-by-domain section: shares, access, queries, refusals, ETL and lag. */
export function printDomains(
  report: DomainReport & { readonly consumerSchemas?: Readonly<Record<string, string>> },
  target: 'redshift' | 'postgres',
): void {
  const c = cli().colors
  const shares = report.shares.map((s) => s.share)
  println()
  println(
    c.bold(
      `${shares.length} datashare${shares.length === 1 ? '' : 's'}, ${report.consumers.length} consumers: what each consumer reads (objects of the share read / refused; rsp_meta.freshness_marker, in every share, left out)`,
    ),
  )
  println(renderAccess(report.access, shares, report.consumers))
  for (const name of report.consumers) {
    const refused = report.access.find((x) => x.consumer === name && !x.entitled && x.refused[0])
    if (refused)
      println(
        c.dim(
          `  ${name} reading ${refused.refused[0]!.object} (${refused.share}, not its share): ${refused.refused[0]!.message}`,
        ),
      )
  }
  println()
  println(
    c.bold(
      `Flagship queries, each run by the consumers whose shares hold every table it reads (rows; the producer's in brackets where they differ; - not entitled)${target === 'redshift' ? ', as <share database>.<schema>.<table>' : ''}`,
    ),
  )
  println(renderQueryRuns(report.queries, report.consumers))
  const idle = report.consumers.filter((n) => !report.queries.some((q) => q.consumer === n))
  if (idle.length > 0)
    println(
      c.dim(
        `  ${idle.join(', ')}: no flagship query reads only its shares' tables; the table above shows what it reads.`,
      ),
    )
  if (report.writeRefused)
    println(c.dim(`Consumer ${report.writeRefused.consumer} tried ${report.writeRefused.message}.`))
  printEtl(report.etl, target)
  const failures = domainFailures(report)
  for (const f of failures) println(c.red(`✖ ${f}`))
}

function printEtl(etl: EtlLagReport, target: 'redshift' | 'postgres'): void {
  const c = cli().colors
  const days = etl.batches.map((b) => b.day)
  const keys = (k: 'operationKeys' | 'bookingKeys') =>
    `${etl.batches[0]?.[k].from ?? '-'}…${etl.batches.at(-1)?.[k].to ?? '-'}`
  println()
  println(
    c.bold(
      `Live ETL: ${days.length} days with flights (${days.join(', ') || 'none'}; ${etl.emptyDaysSkipped} days between hold no flight at this scale) appended to ${etl.target}, one transaction each: ${etl.rows.toLocaleString('en-US')} rows (${Object.entries(
        etl.tables,
      )
        .map(([t, n]) => `${t} ${n}`)
        .join(
          ', ',
        )}), ${Math.round(etl.rowsPerSecond).toLocaleString('en-US')} rows/s; operation keys ${keys('operationKeys')}, booking keys ${keys('bookingKeys')}${etl.calendarEnded ? ' (the calendar ends there)' : ''}`,
    ),
  )
  println(renderEtl(etl))
  for (const x of etl.consumers.filter((y) => y.tables.length === 0 && y.refused[0]))
    println(c.dim(`  ${x.consumer} reading ${x.refused[0]!.table}: ${x.refused[0]!.message}`))
  println(c.dim(LAG_MEANING[target].replace('POLL', ms(etl.pollIntervalMs))))
}

/** Prints the rehearsal's report: domains, the IAM route, checks, cost, summary. */
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
  printDomains(report, 'redshift')
  const iam = report.iamRoute
  println(
    c.dim(
      `As your IAM identity ${iam.caller} (--iam-identity): refused before any statement on ${iam.refused.length} namespaces (not a superuser where the admin is customised); after the ${iam.grants} printed grants it shared (${iam.shareStatements} statements), re-planned ${iam.reshareStatements} and tore down (${iam.teardownStatements}).`,
    ),
  )
  println()
  await printChecksAndCost(report, 'Diagnostics (config and Redshift data plane, per share)')
  const lags = report.etl.consumers
    .filter((x) => x.lagMs)
    .map((x) => `${x.consumer} ${ms(x.lagMs!.max)}`)
  println(
    c.bold(
      `Done in ${ms(report.totalMs)}: ${report.stacks.length} stacks synthesised, ${report.rowsLoaded.toLocaleString('en-US')} rows loaded through S3 and COPY, ${report.sharesApplied.length} datashares (${report.shareStatements} statements), ${report.consumers.length} consumers, ${report.queries.length} query runs, ETL ${report.etl.rows} rows seen by ${lags.length} entitled consumers (max lag ${lags.join(', ')}), diagnostics ${report.diagnostics.status}, re-share planned ${report.reshareStatements} statements, teardown ${report.teardownStatements}; as the IAM identity: share ${report.iamRoute.shareStatements}, re-share ${report.iamRoute.reshareStatements}, teardown ${report.iamRoute.teardownStatements}.`,
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

/** Prints the Postgres-native demo's report. */
export async function printDemo(
  report: DemoReport,
  options: { readonly keep?: string | undefined },
): Promise<void> {
  const c = cli().colors
  printDomains(report, 'postgres')
  println()
  await printChecksAndCost(report, 'Diagnostics (config and data plane, per share)')
  println(
    c.bold(
      `Done in ${ms(report.totalMs)}: ${report.stacks.length} stacks synthesised, ${report.rowsLoaded.toLocaleString('en-US')} rows loaded, ${report.sharesApplied.length} datashares, ${report.consumers.length} consumers, ${report.queries.length} query runs, ETL ${report.etl.rows} rows, diagnostics ${report.diagnostics.status}.`,
    ),
  )
  println(
    options.keep
      ? `Next: rsp local serve --dir ${options.keep}   then   psql "postgres://postgres@127.0.0.1:5439/postgres?sslmode=disable"`
      : 'Next: rsp demo --keep .rsp/db, then rsp local serve --dir .rsp/db to query it with psql or a BI tool.',
  )
}
