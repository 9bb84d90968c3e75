import type { RspConfig } from '../config/config-schema.js'
import { cli, printJson, println } from '../context/cli-context.js'
import { ExitError } from '../errors/cli-errors.js'
import { ms } from '../output/table.js'

/** What `rsp demo` was asked, its flags parsed and its output folders made. */
export interface DemoRequest {
  readonly target: 'redshift-local' | 'postgres'
  readonly config: RspConfig
  readonly scale: number
  readonly seed: number
  readonly keepDir: string | undefined
  readonly cdkOut: string | undefined
  readonly workers: number | undefined
  readonly etlDays: number | undefined
  /** `--keep` as given (printed in the closing hints). */
  readonly keep: string | undefined
  readonly json: boolean
}

/** `rsp demo`: the rehearsal on the emulated account, or the demo on embedded PGlite. */
export async function demoFromCli(r: DemoRequest): Promise<void> {
  const { domainFailures } = await import('./domain-steps.js')
  const c = cli().colors
  const options = {
    config: r.config,
    scale: r.scale,
    seed: r.seed,
    keepDir: r.keepDir,
    cdkOut: r.cdkOut,
    workers: r.workers,
    etlDays: r.etlDays,
  }
  if (r.target === 'redshift-local') {
    const { runRehearsal } = await import('./run-rehearsal.js')
    const { printRehearsal } = await import('./print-rehearsal.js')
    if (!r.json)
      println(
        c.bold(
          `rsp demo — project ${r.config.project}, scale ${r.scale}: a rehearsal of rsp deploy on an emulated Redshift Serverless account, no AWS`,
        ),
      )
    const report = await runRehearsal({
      ...options,
      onStep: r.json
        ? undefined
        : (s) =>
            println(
              `${c.green('✔')} ${s.name.padEnd(9)} ${s.detail} ${c.dim(`(${ms(s.ms)}${s.identity ? `; as ${s.identity}` : ''})`)}`,
            ),
    })
    if (r.json) printJson(report)
    else await printRehearsal(report, { keep: r.keep })
    if (
      report.diagnostics.status === 'fail' ||
      report.reshareStatements > 0 ||
      domainFailures(report).length > 0
    )
      throw new ExitError(1)
    return
  }
  const { runDemo } = await import('./run-demo.js')
  if (!r.json)
    println(
      c.bold(`rsp demo — project ${r.config.project}, scale ${r.scale}, embedded PGlite, no AWS`),
    )
  const report = await runDemo({
    ...options,
    onStep: r.json
      ? undefined
      : (s) => println(`${c.green('✔')} ${s.name.padEnd(9)} ${s.detail} ${c.dim(`(${ms(s.ms)})`)}`),
  })
  if (r.json) printJson(report)
  else await (await import('./print-rehearsal.js')).printDemo(report, { keep: r.keep })
  if (report.diagnostics.status === 'fail' || domainFailures(report).length > 0)
    throw new ExitError(1)
}
