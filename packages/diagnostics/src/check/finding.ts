import type { EvidenceValue, Finding, Severity } from './check.js'

type Evidence = { readonly [key: string]: EvidenceValue }

function make(
  severity: Severity,
  message: string,
  evidence: Evidence,
  remediation: string,
  resource: string | undefined,
): Finding {
  return Object.freeze({
    severity,
    message,
    evidence: Object.freeze({ ...evidence }),
    remediation,
    ...(resource === undefined ? {} : { resource }),
  })
}

/**
 * Finding constructors used by the checks (frozen values).
 *
 * @example
 * findings.fail('subnet-1 has 2 free IPs; 37 needed', { free: 2, need: 37 }, 'Use /23 subnets.', 'subnet-1')
 */
export const findings = Object.freeze({
  ok: (message: string, evidence: Evidence = {}, resource?: string): Finding =>
    make('ok', message, evidence, '', resource),
  warn: (message: string, evidence: Evidence, remediation: string, resource?: string): Finding =>
    make('warn', message, evidence, remediation, resource),
  fail: (message: string, evidence: Evidence, remediation: string, resource?: string): Finding =>
    make('fail', message, evidence, remediation, resource),
  skip: (message: string, remediation = '', resource?: string): Finding =>
    make('skip', message, {}, remediation, resource),
})

const RANK: Readonly<Record<Severity, number>> = Object.freeze({ skip: 0, ok: 1, warn: 2, fail: 3 })

/** The worst severity among `severities` (`skip` when there are none). */
export function worstSeverity(severities: Iterable<Severity>): Severity {
  let worst: Severity = 'skip'
  for (const s of severities) if (RANK[s] > RANK[worst]) worst = s
  return worst
}

/** Turns anything thrown into evidence (name, message, code) without the stack. */
export function errorEvidence(error: unknown): Evidence {
  if (error instanceof Error) {
    const e = error as Error & { code?: unknown; $metadata?: { httpStatusCode?: unknown } }
    return {
      name: e.name,
      message: e.message,
      ...(typeof e.code === 'string' ? { code: e.code } : {}),
      ...(typeof e.$metadata?.httpStatusCode === 'number'
        ? { httpStatusCode: e.$metadata.httpStatusCode }
        : {}),
    }
  }
  return { message: String(error) }
}
