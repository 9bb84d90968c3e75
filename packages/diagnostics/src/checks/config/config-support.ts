import { type InputGuard, missing, ready } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import type { DiagnosticsConfig } from '../../config/diagnostics-config.js'

/** The offline checks need the config. */
export const configInputs: InputGuard<DiagnosticsConfig> = (ctx) =>
  ctx.config
    ? ready(ctx.config)
    : missing(findings.skip('no config given', 'Pass `config` to run the offline checks.'))
