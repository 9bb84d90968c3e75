import { POSTGRES_MAX_IDENTIFIER_BYTES } from '@redshift-playground/schema/model'
import type { Consumer, Datashare, Reader } from '../../desired-state.js'
import { DesiredStateError } from '../../errors.js'
import type { PlanAction, Side, Statement } from '../../plan/plan-step.js'
import { tableKey } from '../../state.js'
import type { RenderContext, ShareRenderer } from '../share-renderer.js'
import { localStep, renderLocalAction } from './local-actions.js'
import { localRlsPolicyName } from './local-markers.js'

export {
  consumerSchemaComment,
  localRlsPolicyName,
  maskingViewComment,
  shareRoleComment,
} from './local-markers.js'

/** Options of {@link localRenderer}. */
export interface LocalRendererOptions {
  /** Create consumer roles with LOGIN (for `rsp local serve`). Default false (NOLOGIN). */
  readonly login?: boolean
}

const bytes = (s: string) => new TextEncoder().encode(s).length

// The local target's limits: PostgreSQL's name length; roles and schemas share one database.
function validate(desired: Datashare): void {
  const check = (name: string, field: string) => {
    if (bytes(name) > POSTGRES_MAX_IDENTIFIER_BYTES)
      throw new DesiredStateError(
        'LOCAL_NAME_TOO_LONG',
        `${field}: ${JSON.stringify(name)} is ${bytes(name)} bytes; the local target (PostgreSQL) allows ${POSTGRES_MAX_IDENTIFIER_BYTES}. Shorten it.`,
        { field, value: name },
      )
  }
  const taken = new Map<string, string>([[desired.name, 'name']])
  const unique = (name: string, field: string) => {
    const other = taken.get(name)
    if (other !== undefined)
      throw new DesiredStateError(
        'DUPLICATE',
        `${field}: ${JSON.stringify(name)} is also used by ${other}; on the local target roles and schemas share one database, so use distinct names.`,
        { field, value: name },
      )
    taken.set(name, field)
  }
  check(desired.name, 'name')
  desired.consumers.forEach((c, i) => {
    check(c.name, `consumers[${i}].name`)
    unique(c.name, `consumers[${i}].name`)
    check(c.database, `consumers[${i}].database`)
    if (desired.schemas.some((s) => s.schema === c.database))
      throw new DesiredStateError(
        'DUPLICATE',
        `consumers[${i}].database: ${JSON.stringify(c.database)} is a shared schema; on the local target the consumer database is a schema of its own, so pick another name.`,
        { field: `consumers[${i}].database`, value: c.database },
      )
    unique(`schema ${c.database}`, `consumers[${i}].database`)
    c.readers.forEach((r, j) => {
      check(r.name, `consumers[${i}].readers[${j}]`)
    })
    for (const r of desired.rowLevelSecurity)
      if (r.consumers.includes(c.name))
        check(
          localRlsPolicyName(r.name, c.name),
          `policies.rowLevelSecurity (${r.name} for ${c.name})`,
        )
    const seen = new Set<string>()
    for (const m of desired.masking.filter((x) => x.consumers.includes(c.name))) {
      const key = tableKey(m.schema, m.table)
      if (seen.has(key))
        throw new DesiredStateError(
          'DUPLICATE',
          `policies.masking (${m.name}): consumer ${JSON.stringify(c.name)} already has a masking policy on ${m.schema}.${m.table}; the local target builds one masking view per table and consumer, so merge the policies.`,
          { field: 'policies.masking', value: m.name },
        )
      seen.add(key)
    }
  })
}

/**
 * Renders plan actions for the local target (PGlite or PostgreSQL), mapping datashares onto
 * roles and grants in one database:
 *
 * - the datashare is a NOLOGIN role named like the share; "add schema/table" grants it
 *   USAGE/SELECT; INCLUDENEW is `ALTER DEFAULT PRIVILEGES … GRANT SELECT ON TABLES`;
 * - each consumer namespace is a role named like the consumer; granting the share makes it a
 *   member of the share role, revoking removes the membership (it then reads nothing);
 * - the consumer's "database from the datashare" is a schema named like that database, put
 *   first on the consumer role's `search_path`, followed by the shared schemas: consumers
 *   query `airline_dw.fact_bookings` exactly as on the producer (Redshift: `db.airline_dw.…`);
 * - masking: the share role gets SELECT only on the clear columns of a masked table, and
 *   the consumer's schema holds a same-named `security_invoker` view with the masked
 *   columns, so `dim_customer` (unqualified) returns masked values and reading PII columns
 *   of `airline_dw.dim_customer` is refused by PostgreSQL; the producer still sees clear data;
 * - RLS: ROW LEVEL SECURITY on the table, a permissive policy for the share role and a
 *   restrictive one per restricted consumer.
 *
 * Writes and DDL by consumers are refused by PostgreSQL itself: they hold only SELECT/USAGE.
 */
export function localRenderer(options: LocalRendererOptions = {}): ShareRenderer {
  const login = options.login === true
  return Object.freeze({
    target: 'local',
    granteeKey: (c: Consumer) => `role:${c.name}`,
    readerKey: (r: Reader) => `role:${r.name}`,
    validate,
    render(action: PlanAction, side: Side, ctx: RenderContext): readonly Statement[] {
      return renderLocalAction(action, localStep(side, ctx, login))
    },
  })
}
